//! Scoring the indicator tree: leaves by their rows, parents as the sum of
//! their rounded children, then not-applicable policies, bonus and penalty,
//! vetoes, and the grade from the rounded total.

use super::arith::{self, ArithError};
use super::expr::{Env, EvalResult, Machine};
use super::trace::{Event, Tracer};
use super::FactSet;
use crate::check::{CNaPolicy, CVetoEffect, Checked, IndId};
use crate::diag::{Diagnostic, Msg};
use crate::num::Q;
use crate::syntax::ast::IndicatorKind;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Scored by a row (its index), or a parent summing its children.
    Scored(Option<usize>),
    /// Not applicable and given full marks.
    NaFull,
    /// Not applicable and left out (剔除 or weight transferred).
    NaExcluded,
    /// A row veto fired: 0.
    Vetoed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndScore {
    /// Before rounding, for display: exact when it is a decimal, else to 28
    /// significant digits (the rounding below was taken on the exact value).
    pub raw: Decimal,
    /// Rounded to the rubric's places (parents: sum of rounded children).
    pub score: Decimal,
    /// The weight that counted (after exclusions and transfers), for
    /// display like `raw`.
    pub weight: Decimal,
    pub status: Status,
}

/// What the scorecard's decimals display, kept exact for the steps that
/// still compute with it (transfers, the effective full marks).
#[derive(Clone, Copy, Debug)]
pub struct ExactScore {
    pub raw: Q,
    pub weight: Q,
}

impl ExactScore {
    pub const ZERO: ExactScore = ExactScore {
        raw: Q::ZERO,
        weight: Q::ZERO,
    };
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scorecard {
    pub indicators: Vec<IndScore>,
    /// Sum of the top-level normal indicators.
    pub base: Decimal,
    /// The full marks the base is out of after exclusions (equal to the
    /// rubric's full marks when nothing was excluded).
    pub effective_full: Decimal,
    pub bonus: Decimal,
    pub penalty: Decimal,
    pub total: Decimal,
    /// Index into `checked.grades`.
    pub grade: usize,
    /// Indices of the top-level vetoes that fired.
    pub vetoes: Vec<usize>,
    /// Every row of each target table (by table id), as scored.
    pub tables: Vec<Vec<super::targets::RowScore>>,
}

/// Prepare the slot environment for a fact set, filling defaults.
pub fn load_env(c: &Checked, facts: &FactSet, env: &mut Env) -> Result<(), Box<Diagnostic>> {
    // A fact marked unknown has no value here, and its default must not
    // stand in for it: ranges are scored by `facts::partial`.
    if let Some(u) = facts.unknown.first() {
        let d = Diagnostic::new(Msg::UnknownNotScored {
            fact: c.slot_name(u.slot).to_string(),
        });
        return Err(Box::new(
            match facts.spans.get(u.slot as usize).copied().flatten() {
                Some(s) => d.at(s),
                None => d,
            },
        ));
    }
    if env.values.len() != c.slot_count() {
        *env = Env::new(c.slot_count());
    }
    for (i, decl) in c.facts.iter().enumerate() {
        let v = match facts.values.get(i).copied().flatten() {
            Some(v) => v,
            None => match decl.default {
                Some(d) => d,
                None => {
                    let expected = match &decl.ty {
                        crate::check::Ty::Num(u) => u.to_string(),
                        crate::check::Ty::Bool => "是否".into(),
                        crate::check::Ty::Enum(e) => c.enums[*e as usize].variants.join("、"),
                        _ => "文本".into(),
                    };
                    return Err(Box::new(
                        Diagnostic::new(Msg::MissingFact {
                            name: decl.name.clone(),
                            expected,
                        })
                        .at(decl.span),
                    ));
                }
            },
        };
        env.values[i] = v;
        env.ready[i] = true;
    }
    for r in env.ready[c.facts.len()..].iter_mut() {
        *r = false;
    }
    Ok(())
}

/// Score a fact set. `env` is reused across calls to avoid allocation.
pub fn score_with<T: Tracer>(
    c: &Checked,
    facts: &FactSet,
    env: &mut Env,
    t: &mut T,
) -> Result<Scorecard, Box<Diagnostic>> {
    load_env(c, facts, env)?;
    let tables = super::targets::score_tables(c, facts, t)?;
    let mut m = Machine {
        c,
        env,
        t,
        ind: None,
    };
    let blank = IndScore {
        raw: Decimal::ZERO,
        score: Decimal::ZERO,
        weight: Decimal::ZERO,
        status: Status::Scored(None),
    };
    let mut scores = vec![blank; c.indicators.len()];
    let mut exact = vec![ExactScore::ZERO; c.indicators.len()];
    let mut sc = Scores {
        shown: &mut scores,
        exact: &mut exact,
    };
    // A table's leaf is scored from its rows, which read no slot.
    for (table, (raw, _)) in c.tables.iter().zip(&tables) {
        sc.exact[table.ind as usize].raw = *raw;
    }
    for &r in &c.roots {
        score_ind(&mut m, r, &mut sc, &facts.picks)?;
    }
    apply_transfers(&mut m, &c.roots, &mut sc)?;
    let places = c.rounding.places;
    let mode = c.rounding.mode;
    let mut base = Decimal::ZERO;
    let mut eff = Q::ZERO;
    let mut bonus = Decimal::ZERO;
    let mut penalty = Decimal::ZERO;
    let overflow = |_| {
        Box::new(Diagnostic::new(Msg::Overflow {
            indicator: "总分".into(),
        }))
    };
    for &r in &c.roots {
        let s = &scores[r as usize];
        match c.ind(r).kind {
            IndicatorKind::Normal => {
                base += s.score;
                eff = eff.add(exact[r as usize].weight).map_err(overflow)?;
            }
            IndicatorKind::Bonus => bonus += s.score,
            IndicatorKind::Penalty => penalty += s.score,
        }
    }
    m.ind = None;
    let full = Q::from_dec(c.full_marks);
    let mut total = if eff.is_zero() || eff == full {
        base
    } else {
        // 剔除: renormalise what remains to the full marks, exactly.
        Q::from_dec(base)
            .mul(full)
            .and_then(|x| x.div(eff))
            .and_then(|x| arith::round(x, places, mode))
            .map_err(overflow)?
    };
    total = total + bonus - penalty;
    let mut fired = Vec::new();
    let mut cap: Option<usize> = None;
    for (i, v) in c.vetoes.iter().enumerate() {
        if m.truth(&v.when)? {
            fired.push(i);
            match v.effect {
                CVetoEffect::TotalTo(x) => total = x,
                CVetoEffect::GradeCap(g) => cap = Some(cap.map_or(g, |c| c.max(g))),
            }
        }
    }
    let total = arith::round_dec(total, places, mode).map_err(overflow)?;
    let grade = grade_of(c, total).ok_or_else(|| {
        Box::new(Diagnostic::new(Msg::NoGrade {
            total: total.to_string(),
        }))
    })?;
    // Grades run from best to worst, so a cap is a floor on the index.
    let grade = cap.map_or(grade, |g| grade.max(g));
    Ok(Scorecard {
        indicators: scores,
        base,
        effective_full: eff.to_decimal(),
        bonus,
        penalty,
        total,
        grade,
        vetoes: fired,
        tables: tables.into_iter().map(|(_, rows)| rows).collect(),
    })
}

pub fn grade_of(c: &Checked, total: Decimal) -> Option<usize> {
    c.grades.iter().position(|g| match g.min {
        None => true,
        Some((m, true)) => total >= m,
        Some((m, false)) => total > m,
    })
}

/// The scorecard being built: its decimals, and the exact values behind them.
pub(super) struct Scores<'a> {
    pub shown: &'a mut [IndScore],
    pub exact: &'a mut [ExactScore],
}

impl Scores<'_> {
    fn set(&mut self, id: IndId, s: IndScore, x: ExactScore) {
        self.shown[id as usize] = s;
        self.exact[id as usize] = x;
    }
}

/// A score that is a decimal already (a weight, a sum of rounded scores).
fn plain(raw: Decimal, score: Decimal, weight: Decimal, status: Status) -> (IndScore, ExactScore) {
    (
        IndScore {
            raw: raw.normalize(),
            score,
            weight: weight.normalize(),
            status,
        },
        ExactScore {
            raw: Q::from_dec(raw),
            weight: Q::from_dec(weight),
        },
    )
}

fn score_ind<T: Tracer>(
    m: &mut Machine<'_, T>,
    id: IndId,
    sc: &mut Scores,
    picks: &[Pick],
) -> EvalResult<()> {
    let c = m.c;
    let ind = c.ind(id);
    m.ind = Some(id);
    if T::ON {
        m.t.enter(id);
    }
    let places = c.rounding.places;
    let mode = c.rounding.mode;
    if !ind.is_leaf() {
        for &ch in &ind.children {
            score_ind(m, ch, sc, picks)?;
        }
        apply_transfers(m, &ind.children, sc)?;
        m.ind = Some(id);
        if ind.kind != IndicatorKind::Normal {
            // A bonus or penalty group: its items (of its own kind, checked)
            // share its cap, so their rounded points are summed and capped.
            let sum: Decimal = ind
                .children
                .iter()
                .map(|&ch| sc.shown[ch as usize].score)
                .sum();
            let score = if sum > ind.weight {
                if T::ON {
                    m.t.event(id, Event::Capped(ind.weight));
                }
                ind.weight
            } else {
                sum
            };
            let shown = IndScore {
                raw: sum.normalize(),
                score,
                weight: ind.weight.normalize(),
                status: Status::Scored(None),
            };
            let exact = ExactScore {
                raw: Q::from_dec(sum),
                weight: Q::from_dec(ind.weight),
            };
            sc.set(id, shown, exact);
            return Ok(());
        }
        let (mut sum, mut w) = (Decimal::ZERO, Q::ZERO);
        let mut any = false;
        for &ch in &ind.children {
            let s = sc.shown[ch as usize];
            if c.ind(ch).kind == IndicatorKind::Normal {
                sum += s.score;
                w = w
                    .add(sc.exact[ch as usize].weight)
                    .map_err(|_| overflow(&ind.name))?;
                any |= s.status != Status::NaExcluded;
            }
        }
        let status = if any || ind.children.is_empty() {
            Status::Scored(None)
        } else {
            Status::NaExcluded
        };
        let shown = IndScore {
            raw: sum.normalize(),
            score: sum,
            weight: w.to_decimal(),
            status,
        };
        let exact = ExactScore {
            raw: Q::from_dec(sum),
            weight: w,
        };
        sc.set(id, shown, exact);
        return Ok(());
    }
    if let Some(na) = &ind.na {
        if m.truth(&na.when)? {
            if T::ON {
                m.t.event(id, Event::NotApplicable(na.span));
            }
            let (s, x) = match na.policy {
                CNaPolicy::Full => plain(ind.weight, ind.weight, ind.weight, Status::NaFull),
                _ => plain(
                    Decimal::ZERO,
                    Decimal::ZERO,
                    Decimal::ZERO,
                    Status::NaExcluded,
                ),
            };
            sc.set(id, s, x);
            return Ok(());
        }
    }
    for v in &ind.vetoes {
        if m.truth(v)? {
            if T::ON {
                m.t.event(id, Event::Vetoed(v.span));
            }
            let (s, x) = plain(Decimal::ZERO, Decimal::ZERO, ind.weight, Status::Vetoed);
            sc.set(id, s, x);
            return Ok(());
        }
    }
    let (mut raw, may_go_negative, span, status) = match ind.table {
        // A table's leaf is scored from its rows (set before the walk).
        Some(_) => (
            sc.exact[id as usize].raw,
            false,
            ind.head_span,
            Status::Scored(None),
        ),
        None => fire_row(m, id, picks)?,
    };
    let show = |d: Q| d.to_decimal().to_string();
    let weight = Q::from_dec(ind.weight);
    match ind.kind {
        IndicatorKind::Normal => {
            if raw > weight {
                let (facts, direct) = behind(m, id, status);
                let msg = Msg::ScoreAboveWeight {
                    indicator: ind.name.clone(),
                    score: show(raw),
                    weight: ind.weight.normalize().to_string(),
                    facts,
                    direct,
                };
                return Err(Box::new(Diagnostic::new(msg).at(span)));
            }
        }
        IndicatorKind::Bonus | IndicatorKind::Penalty => {
            if raw > weight {
                if T::ON {
                    m.t.event(id, Event::Capped(ind.weight));
                }
                raw = weight;
            }
        }
    }
    if raw.is_negative() && !may_go_negative {
        let (facts, direct) = behind(m, id, status);
        return Err(Box::new(
            Diagnostic::new(Msg::ScoreNegative {
                indicator: ind.name.clone(),
                score: show(raw),
                facts,
                direct,
            })
            .at(span),
        ));
    }
    let score = arith::round(raw, places, mode).map_err(|_| {
        Box::new(
            Diagnostic::new(Msg::Overflow {
                indicator: ind.name.clone(),
            })
            .at(span),
        )
    })?;
    let shown_raw = raw.to_decimal();
    if T::ON {
        m.t.event(id, Event::Raw(raw));
        m.t.event(id, Event::Rounded(score));
    }
    let shown = IndScore {
        raw: shown_raw,
        score,
        weight: ind.weight.normalize(),
        status,
    };
    sc.set(id, shown, ExactScore { raw, weight });
    Ok(())
}

/// The first row of a leaf whose condition holds, and its raw points.
fn fire_row<T: Tracer>(
    m: &mut Machine<'_, T>,
    id: IndId,
    picks: &[Pick],
) -> EvalResult<(Q, bool, crate::syntax::Span, Status)> {
    let ind = m.c.ind(id);
    let mut fired = None;
    for (i, row) in ind.rows.iter().enumerate() {
        let holds = match &row.cond {
            Some(cond) => m.truth(cond)?,
            None => true,
        };
        if T::ON {
            m.t.event(
                id,
                if holds {
                    Event::RowFired(row.span)
                } else {
                    Event::RowSkipped(row.span)
                },
            );
        }
        if holds {
            fired = Some(i);
            break;
        }
    }
    let Some(row) = fired else {
        return Err(Box::new(
            Diagnostic::new(Msg::NoRowMatched {
                indicator: ind.name.clone(),
            })
            .at(ind.head_span),
        ));
    };
    let r = &ind.rows[row];
    if let Some(range) = r.pick {
        let given = picks.get(id as usize).copied().flatten();
        let v = super::targets::check_pick(&ind.name, range, given, r.span)?;
        if T::ON {
            m.t.event(id, Event::AssessorPick { value: v, range });
        }
        return Ok((Q::from_dec(v), false, r.span, Status::Scored(Some(row))));
    }
    let (raw, may_go_negative) = super::shape::shape(m, &r.result, ind.weight)?;
    Ok((raw, may_go_negative, r.span, Status::Scored(Some(row))))
}

/// An assessor's score and where the facts give it.
type Pick = Option<(Decimal, Option<crate::syntax::Span>)>;

/// The data behind the row that scored indicator `id` (none for a table).
fn behind<T: Tracer>(m: &Machine<'_, T>, id: IndId, status: Status) -> (Vec<String>, bool) {
    match status {
        Status::Scored(Some(r)) => data_behind(m, &m.c.ind(id).rows[r].result),
        _ => (Vec::new(), false),
    }
}

fn overflow(indicator: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(Msg::Overflow {
        indicator: indicator.to_string(),
    }))
}

/// Move the weight of not-applicable siblings with a 转给 policy to their
/// targets, in proportion to the targets' weights, scaling their scores.
/// Exact: a target of weight w out of W receives from·w/W, and its raw
/// points scale by (w + from·w/W)/w before they are rounded.
pub(super) fn apply_transfers<T: Tracer>(
    m: &mut Machine<'_, T>,
    ids: &[IndId],
    sc: &mut Scores,
) -> EvalResult<()> {
    let c = m.c;
    for &from in ids {
        let ind = c.ind(from);
        let Some(na) = &ind.na else { continue };
        let CNaPolicy::Transfer(targets) = &na.policy else {
            continue;
        };
        if sc.shown[from as usize].status != Status::NaExcluded || targets.is_empty() {
            continue;
        }
        // Only targets that still count can take the weight; with none left
        // it is excluded like 剔除 (renormalised at the total), never lost.
        let live: Vec<IndId> = targets
            .iter()
            .copied()
            .filter(|&t| takes_transfer(sc.shown[t as usize]))
            .collect();
        let total_w: Decimal = live.iter().map(|&t| c.ind(t).weight).sum();
        if total_w.is_zero() {
            continue;
        }
        for &t in &live {
            // The target's weight so far: an earlier sibling may already
            // have moved weight onto it, and its score is scaled from there.
            let tw = sc.exact[t as usize].weight;
            let s = sc.shown[t as usize];
            let raw = sc.exact[t as usize].raw;
            let (new_w, scaled, score) = transfer(
                Q::from_dec(ind.weight),
                Q::from_dec(c.ind(t).weight),
                tw,
                Q::from_dec(total_w),
                raw,
                c.rounding.places,
                c.rounding.mode,
            )
            .map_err(|_| overflow(&c.ind(t).name))?;
            if T::ON {
                m.t.event(
                    t,
                    Event::Transferred {
                        from,
                        weight: new_w.to_decimal(),
                        score,
                    },
                );
            }
            let shown = IndScore {
                raw: scaled.to_decimal(),
                score,
                weight: new_w.to_decimal(),
                status: s.status,
            };
            let exact = ExactScore {
                raw: scaled,
                weight: new_w,
            };
            sc.set(t, shown, exact);
        }
    }
    Ok(())
}

/// One target's new weight, scaled raw points and their rounding: it
/// receives from·(its declared weight)/(the live targets' declared weights)
/// on top of its weight so far, `tw`, and its points scale from `tw`.
#[allow(clippy::too_many_arguments)]
pub fn transfer(
    from_w: Q,
    declared: Q,
    tw: Q,
    total_w: Q,
    raw: Q,
    places: u32,
    mode: crate::syntax::ast::RoundMode,
) -> Result<(Q, Q, Decimal), ArithError> {
    let share = from_w.mul(declared)?.div(total_w)?;
    let new_w = tw.add(share)?;
    let scaled = raw.mul(new_w)?.div(tw)?;
    let score = arith::round(scaled, places, mode)?;
    Ok((new_w, scaled, score))
}

/// Whether a 转给 target can take moved weight: it is still counted (not
/// itself excluded) and has a weight to scale its score from.
pub fn takes_transfer(s: IndScore) -> bool {
    s.status != Status::NaExcluded && !s.weight.is_zero()
}

/// The input facts a `得分 = …` row computes from, as `name = value`, and
/// whether the score is one of them as it stands: then an out-of-range score
/// is out-of-range data, and the message says so instead of blaming the rule.
fn data_behind<T: Tracer>(m: &Machine<'_, T>, s: &crate::check::CScoring) -> (Vec<String>, bool) {
    let crate::check::CScoring::Expr(e) = s else {
        return (Vec::new(), false);
    };
    let c = m.c;
    let slots = c.inputs_read(e);
    let direct = matches!(e.kind, crate::check::CKind::Slot(x) if (x as usize) < c.facts.len());
    let facts = slots
        .into_iter()
        .filter_map(|s| {
            let v = *m.env.values.get(s as usize)?;
            let decl = &c.facts[s as usize];
            Some(format!(
                "{} = {}",
                decl.name,
                crate::check::show::value(c, &decl.ty, v)
            ))
        })
        .collect();
    (facts, direct)
}
