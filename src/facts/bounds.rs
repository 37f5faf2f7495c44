//! Facts known only as bounds (`"＜40%"`, `"≤5%"`, as the documents write
//! them). The rubric is scored at one value of every cell of the bound — the
//! cells between the constants the rules compare that fact with, so the
//! check is exact — and the fact set keeps one value of the bound when every
//! cell scores alike; otherwise the error names the value where they split.

use super::RawValue;
use crate::check::interval::{cells, cuts, domain, short, Cell};
use crate::check::units::Unit;
use crate::check::{CExpr, CScoring, Checked, Slot, Ty};
use crate::diag::{Diagnostic, Msg};
use crate::eval::value::Value;
use crate::eval::{FactSet, Scorecard, Status};
use crate::syntax::ast::CmpOp;
use crate::syntax::Span;
use rust_decimal::Decimal;

/// The most value combinations tried for several bounded facts at once.
const MAX_COMBINATIONS: usize = 4096;
/// Combinations × rows scored, beyond which the check would take too long.
const MAX_WORK: usize = 4_000_000;

/// `＜40%` → (`<`, `40%`). Full- and half-width signs, with or without `=`.
pub(crate) fn split(raw: &RawValue) -> Option<(CmpOp, RawValue)> {
    let RawValue::Text(s) = raw else { return None };
    let t = s.trim();
    const SIGNS: [(&str, CmpOp); 12] = [
        ("<=", CmpOp::Le),
        ("＜＝", CmpOp::Le),
        ("<＝", CmpOp::Le),
        ("≤", CmpOp::Le),
        ("≦", CmpOp::Le),
        (">=", CmpOp::Ge),
        ("＞＝", CmpOp::Ge),
        (">＝", CmpOp::Ge),
        ("≥", CmpOp::Ge),
        ("≧", CmpOp::Ge),
        ("<", CmpOp::Lt),
        ("＜", CmpOp::Lt),
    ];
    let more = [(">", CmpOp::Gt), ("＞", CmpOp::Gt)];
    SIGNS.iter().chain(more.iter()).find_map(|(sign, op)| {
        t.strip_prefix(sign)
            .map(|rest| (*op, RawValue::Text(rest.trim().to_string())))
    })
}

/// One fact given as a bound.
#[derive(Clone, Debug)]
pub struct Bound {
    pub slot: Slot,
    pub op: CmpOp,
    /// The bound's edge, in base units.
    pub value: Decimal,
    /// As written (`＜40%`), for messages.
    pub text: String,
    /// Where it was written, when the source has positions (not CSV rows).
    pub span: Option<Span>,
}

/// A diagnostic at the bound, when it has a place.
pub(super) fn placed(d: Diagnostic, span: Option<Span>) -> Diagnostic {
    match span {
        Some(s) => d.at(s),
        None => d,
    }
}

impl Bound {
    pub(super) fn admits(&self, x: Decimal) -> bool {
        match self.op {
            CmpOp::Lt => x < self.value,
            CmpOp::Le => x <= self.value,
            CmpOp::Gt => x > self.value,
            CmpOp::Ge => x >= self.value,
            _ => x == self.value,
        }
    }
}

/// Settle every bounded fact to one value of its bound, or explain why the
/// bound does not decide the score.
pub(crate) fn resolve(
    c: &Checked,
    set: &mut FactSet,
    bounds: &[Bound],
) -> Result<(), Box<Diagnostic>> {
    let mut choices: Vec<Vec<(Cell, Decimal)>> = Vec::new();
    for b in bounds {
        let name = c.slot_name(b.slot).to_string();
        let Ty::Num(unit) = *c.slot_ty(b.slot) else {
            return Err(Box::new(placed(
                Diagnostic::new(Msg::BoundNotNumeric { fact: name }),
                b.span,
            )));
        };
        let mut line = vec![b.value];
        if let Some(ind) = inexact_use(c, b.slot, &mut line) {
            return Err(Box::new(placed(
                Diagnostic::new(Msg::BoundNotExact {
                    fact: name,
                    bound: b.text.clone(),
                    indicator: ind,
                }),
                b.span,
            )));
        }
        let dom = domain(c, b.slot, &mut line);
        let mine: Vec<(Cell, Decimal)> = cells(line)
            .into_iter()
            .map(|cell| (cell, cell.sample(unit)))
            .filter(|(_, x)| b.admits(*x) && dom.admits(b.slot, *x) && declared_ok(c, b.slot, *x))
            .collect();
        if mine.is_empty() {
            return Err(Box::new(placed(
                Diagnostic::new(Msg::BoundEmpty {
                    fact: name,
                    bound: b.text.clone(),
                }),
                b.span,
            )));
        }
        choices.push(mine);
    }
    let count = choices
        .iter()
        .try_fold(1usize, |n, ch| n.checked_mul(ch.len()));
    let rows: usize = c.indicators.iter().map(|i| i.rows.len() + 1).sum();
    if count.is_none_or(|n| n > MAX_COMBINATIONS || n.saturating_mul(rows) > MAX_WORK) {
        return Err(Box::new(placed(
            Diagnostic::new(Msg::BoundTooMany {
                count: bounds.len(),
            }),
            bounds[0].span,
        )));
    }
    let mut pick = vec![0usize; bounds.len()];
    let mut reference: Option<(Scorecard, Vec<usize>)> = None;
    loop {
        for (i, b) in bounds.iter().enumerate() {
            set.values[b.slot as usize] = Some(Value::Num(choices[i][pick[i]].1));
        }
        let card = scored(c, set, bounds)?;
        match &reference {
            None => reference = Some((card, pick.clone())),
            Some((r, at)) if !same(r, &card) => {
                let i = (0..bounds.len()).find(|&i| pick[i] != at[i]).unwrap_or(0);
                let (b, unit) = (&bounds[i], unit_of(c, bounds[i].slot));
                let (lo, hi) = (&choices[i][at[i]], &choices[i][pick[i]]);
                let total = |s: &Scorecard| crate::check::show::score(s.total, c.rounding.places);
                let msg = Msg::BoundSplits {
                    fact: c.slot_name(b.slot).to_string(),
                    bound: b.text.clone(),
                    split: short(edge(&choices[i], at[i], pick[i]), unit),
                    a: short(lo.1, unit),
                    sa: total(r),
                    b: short(hi.1, unit),
                    sb: total(&card),
                };
                return Err(Box::new(placed(Diagnostic::new(msg), b.span)));
            }
            Some(_) => {}
        }
        // Odometer over the choices; the first bound varies fastest, and a
        // mismatch is reported against the first combination.
        let mut k = 0;
        loop {
            if k == bounds.len() {
                // Every combination scores alike; keep the value nearest the
                // written bound (`≤5%` keeps 5%), which reads best in a ledger.
                for (i, b) in bounds.iter().enumerate() {
                    let high = matches!(b.op, CmpOp::Lt | CmpOp::Le);
                    let (cell, x) = if high {
                        choices[i][choices[i].len() - 1]
                    } else {
                        choices[i][0]
                    };
                    let near = cell.sample_toward(unit_of(c, b.slot), high);
                    let keep = if b.admits(near) { near } else { x };
                    set.values[b.slot as usize] = Some(Value::Num(keep));
                }
                return Ok(());
            }
            pick[k] += 1;
            if pick[k] < choices[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
    }
}

pub(super) fn unit_of(c: &Checked, slot: Slot) -> Unit {
    match c.slot_ty(slot) {
        Ty::Num(u) => *u,
        _ => Unit::PLAIN,
    }
}

/// The boundary between cells `a` and `b` nearest to `b`: where scores part.
fn edge(cells: &[(Cell, Decimal)], a: usize, b: usize) -> Decimal {
    let step = if b > a { b - 1 } else { b + 1 };
    match (cells[step].0, cells[b].0) {
        (Cell::Point(p), _) | (_, Cell::Point(p)) => p,
        (_, Cell::Open(lo, hi)) => if b > a { lo } else { hi }.unwrap_or(cells[b].1),
    }
}

fn scored(c: &Checked, set: &FactSet, bounds: &[Bound]) -> Result<Scorecard, Box<Diagnostic>> {
    let card = crate::eval::score(c, set).map_err(|d| blame_bound(c, bounds, d))?;
    // A row that computes with the bounded value (not merely compares it)
    // would score differently inside one cell.
    for (i, s) in card.indicators.iter().enumerate() {
        let Status::Scored(Some(row)) = s.status else {
            continue;
        };
        let result = &c.indicators[i].rows[row].result;
        if let Some(b) = bounds.iter().find(|b| scoring_reads(c, result, b.slot)) {
            let msg = Msg::BoundNotExact {
                fact: c.slot_name(b.slot).to_string(),
                bound: b.text.clone(),
                indicator: c.indicators[i].name.clone(),
            };
            return Err(Box::new(placed(Diagnostic::new(msg), b.span)));
        }
    }
    Ok(card)
}

/// An evaluation error inside a row that computes with a bounded value
/// (`得分 = 评价人得分` with `"≤10"` fails at the sample −1 as E406) is not
/// the data's fault but the bound's: the row needs the exact value (E314).
fn blame_bound(c: &Checked, bounds: &[Bound], d: Box<Diagnostic>) -> Box<Diagnostic> {
    let Some(at) = d.span else { return d };
    for ind in &c.indicators {
        for row in &ind.rows {
            let inside =
                at.file == row.span.file && at.start >= row.span.start && at.end <= row.span.end;
            if !inside {
                continue;
            }
            if let Some(b) = bounds
                .iter()
                .find(|b| scoring_reads(c, &row.result, b.slot))
            {
                let msg = Msg::BoundNotExact {
                    fact: c.slot_name(b.slot).to_string(),
                    bound: b.text.clone(),
                    indicator: ind.name.clone(),
                };
                return Box::new(placed(Diagnostic::new(msg), b.span));
            }
        }
    }
    d
}

fn same(a: &Scorecard, b: &Scorecard) -> bool {
    a.total == b.total
        && a.grade == b.grade
        && a.indicators
            .iter()
            .zip(&b.indicators)
            .all(|(x, y)| x.score == y.score)
}

/// The first indicator whose conditions use `slot` other than by comparing
/// it with constants (which [`cuts`] collects into `line`): through a
/// derived value, or in arithmetic.
pub(super) fn inexact_use(c: &Checked, slot: Slot, line: &mut Vec<Decimal>) -> Option<String> {
    let n = c.facts.len();
    let mut bad = |k: &CExpr| {
        let mut slots = Vec::new();
        k.slots(&mut slots);
        let derived = slots
            .iter()
            .any(|&s| s as usize >= n && reads_deep(c, &c.derived[s as usize - n].expr, slot));
        derived || cuts(k, slot, line).is_none()
    };
    for ind in &c.indicators {
        let mut conds = ind
            .rows
            .iter()
            .filter_map(|r| r.cond.as_ref())
            .chain(ind.vetoes.iter())
            .chain(ind.na.iter().map(|n| &n.when));
        if conds.any(&mut bad) {
            return Some(ind.name.clone());
        }
    }
    // A top-level veto has no indicator name; the keyword names the rule.
    c.vetoes
        .iter()
        .any(|v| bad(&v.when))
        .then(|| "一票否决".to_string())
}

/// Whether `e` reads `slot`, directly or through derived values.
fn reads_deep(c: &Checked, e: &CExpr, slot: Slot) -> bool {
    let mut slots = Vec::new();
    e.slots(&mut slots);
    slots.iter().any(|&s| {
        s == slot
            || (s as usize >= c.facts.len()
                && reads_deep(c, &c.derived[s as usize - c.facts.len()].expr, slot))
    })
}

pub(super) fn scoring_reads(c: &Checked, s: &CScoring, slot: Slot) -> bool {
    let r = |e: &CExpr| reads_deep(c, e, slot);
    match s {
        CScoring::Expr(e) | CScoring::Proportional(e) => r(e),
        CScoring::Deduction(d) => {
            r(&d.base) || r(&d.subject) || r(&d.baseline) || r(&d.step) || r(&d.per_step)
        }
        CScoring::Ratio { actual, target, .. } => r(actual) || r(target),
        CScoring::Checklist(cl) => r(&cl.points) || cl.items.iter().any(|i| i.0 == slot),
        CScoring::Match { subject, arms } => r(subject) || arms.iter().any(|a| r(&a.1)),
        CScoring::Qualitative(q) => q.tier == slot || q.rate == slot,
    }
}

/// What the input's declaration allows: 正数 (> 0) and 非零 (≠ 0).
pub(super) fn declared_ok(c: &Checked, slot: crate::check::Slot, x: Decimal) -> bool {
    let decl = &c.facts[slot as usize];
    (!decl.positive || x > Decimal::ZERO) && (!decl.nonzero || !x.is_zero())
}
