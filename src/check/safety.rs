//! Rollout-safety lints: tier tables ([`super::tiers`]), scores that can
//! leave [0, weight], grade bands ([`super::grades`]); then `允许` lines
//! silence the sites their authors have explained.

use super::interval::short;
use super::{bands, grades, tiers};
use super::{CExpr, CKind, CScoring, Checked, Checker, IndId, Slot, Ty};
use crate::diag::{Diagnostic, Msg, ALL_CODES};
use crate::syntax::ast::{self, Func, IndicatorKind};
use crate::syntax::Span;
use rust_decimal::Decimal;

pub(super) fn run(cx: &mut Checker, c: &Checked, r: &ast::Rubric) {
    for id in 0..c.indicators.len() as IndId {
        tiers::table(cx, c, id);
        bands::run(cx, c, id);
        ranges(cx, c, id);
    }
    bands::sets(cx);
    grades::run(cx, c, &r.header.grades);
    allows(cx, r);
}

/// Checklists and deductions whose points can leave [0, weight], with the
/// facts that make them do so. Arithmetic is checked: constants too large to
/// combine leave the row unexamined rather than panicking.
fn ranges(cx: &mut Checker, c: &Checked, id: IndId) {
    let ind = c.ind(id);
    if ind.kind != IndicatorKind::Normal {
        return;
    }
    for (r, row) in ind.rows.iter().enumerate() {
        let earlier = &ind.rows[..r];
        let found = match &row.result {
            CScoring::Checklist(cl) => checklist(c, ind, cl, earlier),
            CScoring::Deduction(d) => deduction(c, ind, d, earlier),
            CScoring::Proportional(e) => below_zero(c, ind, e, None, earlier).into_iter().collect(),
            CScoring::Ratio {
                direction: ast::Direction::Higher,
                actual,
                target,
            } => constant(target)
                .filter(|t| *t > Decimal::ZERO)
                .and_then(|t| below_zero(c, ind, actual, Some(t), earlier))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        for msg in found {
            cx.error(Diagnostic::new(msg).at(row.span));
        }
    }
}

fn show(d: Decimal) -> String {
    d.normalize().to_string()
}

fn checklist(
    c: &Checked,
    ind: &super::Ind,
    cl: &super::CChecklist,
    earlier: &[super::CRow],
) -> Vec<Msg> {
    let w = ind.weight;
    let named = |slot: Slot, v: &str| format!("{} = {v}", c.slot_name(slot));
    let all = |v: &str| {
        cl.items
            .iter()
            .map(|i| named(i.0, v))
            .collect::<Vec<_>>()
            .join("，")
    };
    let Some(pts) = constant(&cl.points).filter(|p| *p > Decimal::ZERO) else {
        return Vec::new();
    };
    let n = Decimal::from(cl.items.len());
    let found = if cl.gain {
        // A count of incidents has no upper end, so only yes/no lists are bounded.
        let got = n.checked_mul(pts);
        match got {
            Some(got) if !cl.items.iter().any(|i| i.1) && got > w => Some(Msg::MayExceedWeight {
                indicator: ind.name.clone(),
                witness: all("是"),
                score: show(got),
                weight: show(w),
            }),
            _ => None,
        }
    } else if !cl.floor_zero {
        let lost = match cl.items.iter().find(|i| i.1) {
            Some(i) => w
                .checked_div(pts)
                .and_then(|k| k.floor().checked_add(Decimal::ONE))
                .and_then(|k| Some((named(i.0, &show(k)), k.checked_mul(pts)?))),
            None => yes_no_reaching(c, cl, earlier, w, pts),
        };
        match lost.and_then(|(wit, l)| Some((wit, w.checked_sub(l)?))) {
            Some((witness, left)) if left < Decimal::ZERO => Some(Msg::MayGoNegative {
                indicator: ind.name.clone(),
                witness,
                score: show(left),
            }),
            _ => None,
        }
    } else {
        None
    };
    found.into_iter().collect()
}

/// A deducting yes/no checklist: the answers that lose the most points
/// and still reach the row (no earlier row holds for them, e.g. `如果 全部
/// 否 则 0`), with the points lost. Tries every combination, most 否 first;
/// beyond 2^12 combinations only all-否 is tried.
fn yes_no_reaching(
    c: &Checked,
    cl: &super::CChecklist,
    earlier: &[super::CRow],
    w: Decimal,
    pts: Decimal,
) -> Option<(String, Decimal)> {
    let n = cl.items.len();
    let combos: u32 = if n <= 12 { 1 << n } else { 1 };
    let mut order: Vec<u32> = (0..combos).collect();
    // Bit set = the item answered 是 (no deduction); fewest 是 first.
    order.sort_by_key(|m| m.count_ones());
    for mask in order {
        let yes = |i: usize| mask & (1 << i) != 0;
        let env = |s: Slot| {
            cl.items
                .iter()
                .position(|it| it.0 == s)
                .map(|i| crate::num::Value::Bool(yes(i)))
        };
        let caught = earlier.iter().any(|r| {
            r.cond.as_ref().is_none_or(|k| {
                super::interval::eval_in(k, &env) == Some(crate::num::Value::Bool(true))
            })
        });
        if caught {
            continue;
        }
        let lost = Decimal::from(n as u32 - mask.count_ones()).checked_mul(pts)?;
        if w.checked_sub(lost)? >= Decimal::ZERO {
            // Fewer 否 only lose less.
            return None;
        }
        let witness = cl
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                format!(
                    "{} = {}",
                    c.slot_name(it.0),
                    if yes(i) { "是" } else { "否" }
                )
            })
            .collect::<Vec<_>>()
            .join("，");
        return Some((witness, lost));
    }
    None
}

fn deduction(
    c: &Checked,
    ind: &super::Ind,
    d: &super::CDeduction,
    earlier: &[super::CRow],
) -> Vec<Msg> {
    let w = ind.weight;
    let mut out = Vec::new();
    let (Some(base), Some(step), Some(per), Some(line)) = (
        constant(&d.base),
        constant(&d.step),
        constant(&d.per_step),
        constant(&d.baseline),
    ) else {
        return out;
    };
    let Some((slot, unit)) = subject(c, &d.subject) else {
        return out;
    };
    let at = |excess: Decimal| {
        let v = if d.over {
            line.checked_add(excess)
        } else {
            line.checked_sub(excess)
        }?;
        Some(format!("{} = {}", c.slot_name(slot), short(v, unit)))
    };
    if base > w {
        if let Some(witness) = at(Decimal::ZERO) {
            out.push(Msg::MayExceedWeight {
                indicator: ind.name.clone(),
                witness,
                score: show(base),
                weight: show(w),
            });
        }
    }
    if !d.floor_zero && per > Decimal::ZERO && step > Decimal::ZERO {
        let found = (|| {
            // The first value past the line whose deduction leaves less than 0.
            let steps = base.checked_div(per)?.floor().checked_add(Decimal::ONE)?;
            let excess = steps.checked_mul(step)?;
            let first = if d.over {
                line.checked_add(excess)?
            } else {
                line.checked_sub(excess)?
            };
            let left = |x: Decimal| {
                let v = match super::interval::eval(&d.subject, slot, Some(x))? {
                    crate::num::Value::Num(v) => v,
                    _ => return None,
                };
                let q = crate::num::Q::from_dec;
                let r = crate::eval::arith::step_deduction(
                    q(base),
                    q(v),
                    q(line),
                    d.over,
                    q(step),
                    q(per),
                    d.mode,
                    false,
                )
                .ok()?;
                r.left.is_negative().then(|| r.left.to_decimal())
            };
            // Earlier rows may catch that value (`如果 天数 > 30 天 则 0`):
            // then look further out for one that reaches this row.
            let (x, left) = reaching(c, earlier, slot, unit, first, !d.over, left)?;
            Some(Msg::MayGoNegative {
                indicator: ind.name.clone(),
                witness: format!("{} = {}", c.slot_name(slot), short(x, unit)),
                score: show(left),
            })
        })();
        out.extend(found);
    }
    out
}

/// A value of `slot` that reaches a row — the domain admits it and no
/// earlier row's condition holds there — and for which `bad` gives a
/// finding: `first` itself if it does, else the first such sample of the
/// cells cut at `first`, the domain's constants and the earlier rows'
/// constants, scanning away from `first` (downward when `down`). Exact, as
/// the tier lints: every condition is constant on each cell. A condition
/// that reads other values counts as not holding (the finding stays).
fn reaching(
    c: &Checked,
    earlier: &[super::CRow],
    slot: Slot,
    unit: super::units::Unit,
    first: Decimal,
    down: bool,
    bad: impl Fn(Decimal) -> Option<Decimal>,
) -> Option<(Decimal, Decimal)> {
    let mut line = vec![first];
    for row in earlier {
        if let Some(k) = &row.cond {
            // A condition not in this value's terms contributes no cuts.
            let mut mine = Vec::new();
            if super::interval::cuts(k, slot, &mut mine).is_some() {
                line.extend(mine);
            }
        }
    }
    let dom = super::interval::domain(c, slot, &mut line);
    let reaches = |x: Decimal| {
        dom.admits(slot, x)
            && earlier.iter().all(|r| {
                r.cond.as_ref().is_none_or(|k| {
                    super::interval::eval(k, slot, Some(x)) != Some(crate::num::Value::Bool(true))
                })
            })
    };
    let mut samples: Vec<Decimal> = super::interval::cells(line)
        .into_iter()
        .map(|cell| cell.sample(unit))
        .filter(|x| if down { *x <= first } else { *x >= first })
        .collect();
    if down {
        samples.reverse();
    }
    std::iter::once(first)
        .chain(samples)
        .filter(|x| reaches(*x))
        .find_map(|x| bad(x).map(|v| (x, v)))
}

/// `按比例 x` (or `正向 实际 x 目标 t`) where the declaration lets the input
/// `x` go below zero (a 约束 such as `增幅 ≥ -100%`): the rate, and so the
/// score, is negative there. Rows before this one are not consulted: the
/// witness is a value the domain allows, which the author should handle.
fn below_zero(
    c: &Checked,
    ind: &super::Ind,
    e: &CExpr,
    target: Option<Decimal>,
    earlier: &[super::CRow],
) -> Option<Msg> {
    let CKind::Slot(slot) = e.kind else {
        return None;
    };
    // Rates only: counts cannot be negative (the facts reader refuses
    // them), and a rate's range is declared (see `floors`).
    let Ty::Num(unit) = *c.slot_ty(slot) else {
        return None;
    };
    if slot as usize >= c.facts.len() || unit != super::units::Unit::PERCENT {
        return None;
    }
    let score = |x: Decimal| {
        let rate = match target {
            Some(t) => x.checked_div(t)?,
            None => x,
        };
        let s = rate.checked_mul(ind.weight)?;
        (s < Decimal::ZERO).then_some(s)
    };
    // Scan down from just below 0; a domain that stops at 0 admits none.
    let first = Decimal::new(-1, 2);
    let (x, s) = reaching(c, earlier, slot, unit, first, true, score)?;
    Some(Msg::MayGoNegative {
        indicator: ind.name.clone(),
        witness: format!("{} = {}", c.slot_name(slot), short(x, unit)),
        score: show(s),
    })
}

fn constant(e: &CExpr) -> Option<Decimal> {
    match super::interval::eval(e, Slot::MAX, None)? {
        crate::num::Value::Num(d) => Some(d),
        _ => None,
    }
}

/// The slot a deduction measures, when it is a value or its absolute value.
fn subject(c: &Checked, e: &CExpr) -> Option<(Slot, super::units::Unit)> {
    let slot = match &e.kind {
        CKind::Slot(s) => *s,
        CKind::Call(Func::Abs, args) if args.len() == 1 => match args[0].kind {
            CKind::Slot(s) => s,
            _ => return None,
        },
        _ => return None,
    };
    match c.slot_ty(slot) {
        Ty::Num(u) => Some((slot, *u)),
        _ => None,
    }
}

/// Drop the warnings an `允许 W… "理由"` covers: inside an indicator, those
/// located in it; at top level, those outside every indicator. An allow that
/// covers nothing is itself reported, so stale ones do not pile up.
fn allows(cx: &mut Checker, r: &ast::Rubric) {
    let mut scoped: Vec<(&ast::Allow, Option<Span>)> = r.allows.iter().map(|a| (a, None)).collect();
    fn walk<'a>(ind: &'a ast::Indicator, out: &mut Vec<(&'a ast::Allow, Option<Span>)>) {
        out.extend(ind.allows.iter().map(|a| (a, Some(ind.span))));
        ind.children.iter().for_each(|ch| walk(ch, out));
    }
    r.indicators.iter().for_each(|i| walk(i, &mut scoped));
    let tops: Vec<Span> = r.indicators.iter().map(|i| i.span).collect();
    let inside =
        |s: Span, outer: Span| s.file == outer.file && s.start >= outer.start && s.end <= outer.end;
    let mut used = vec![false; scoped.len()];
    cx.diags.0.retain(|d| {
        let (Some(span), false) = (d.span, d.is_error()) else {
            return true;
        };
        let hit = scoped.iter().position(|(a, scope)| {
            a.code.node == d.code()
                && match scope {
                    Some(outer) => inside(span, *outer),
                    None => !tops.iter().any(|t| inside(span, *t)),
                }
        });
        match hit {
            Some(i) => {
                used[i] = true;
                false
            }
            None => true,
        }
    });
    for ((a, _), used) in scoped.iter().zip(used) {
        let code = a.code.node.clone();
        if !code.starts_with('W') || !ALL_CODES.contains(&code.as_str()) {
            cx.error(Diagnostic::new(Msg::AllowNotALint { code }).at(a.code.span));
        } else if !used {
            cx.error(Diagnostic::new(Msg::AllowUnused { code }).at(a.span));
        }
    }
}
