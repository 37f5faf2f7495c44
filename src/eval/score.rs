//! Scoring the indicator tree: leaves by their rows, parents as the sum of
//! their rounded children, then not-applicable policies, bonus and penalty,
//! vetoes, and the grade from the rounded total.

use super::arith::{self, ArithError};
use super::expr::{Env, EvalResult, Machine};
use super::trace::{Event, StepKind, Tracer};
use super::value::Value;
use super::FactSet;
use crate::check::{CNaPolicy, CScoring, CVetoEffect, Checked, IndId};
use crate::diag::{Diagnostic, Msg};
use crate::syntax::ast::{BinOp, Direction, IndicatorKind};
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
    /// Before rounding.
    pub raw: Decimal,
    /// Rounded to the rubric's places (parents: sum of rounded children).
    pub score: Decimal,
    /// The weight that counted (after exclusions and transfers).
    pub weight: Decimal,
    pub status: Status,
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
}

/// Prepare the slot environment for a fact set, filling defaults.
pub fn load_env(c: &Checked, facts: &FactSet, env: &mut Env) -> Result<(), Box<Diagnostic>> {
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
    for &r in &c.roots {
        score_ind(&mut m, r, &mut scores)?;
    }
    apply_transfers(&mut m, &c.roots, &mut scores)?;
    let places = c.rounding.places;
    let mode = c.rounding.mode;
    let mut base = Decimal::ZERO;
    let mut eff = Decimal::ZERO;
    let mut bonus = Decimal::ZERO;
    let mut penalty = Decimal::ZERO;
    for &r in &c.roots {
        let s = &scores[r as usize];
        match c.ind(r).kind {
            IndicatorKind::Normal => {
                base += s.score;
                eff += s.weight;
            }
            IndicatorKind::Bonus => bonus += s.score,
            IndicatorKind::Penalty => penalty += s.score,
        }
    }
    m.ind = None;
    let mut total = if eff.is_zero() || eff == c.full_marks {
        base
    } else {
        // 剔除: renormalise what remains to the full marks.
        let scaled = arith::binary(BinOp::Mul, base, c.full_marks)
            .and_then(|x| arith::binary(BinOp::Div, x, eff))
            .map_err(|_| {
                Box::new(Diagnostic::new(Msg::Overflow {
                    indicator: "总分".into(),
                }))
            })?;
        arith::round(scaled, places, mode)
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
    let total = arith::round(total, places, mode);
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
        effective_full: eff,
        bonus,
        penalty,
        total,
        grade,
        vetoes: fired,
    })
}

pub fn grade_of(c: &Checked, total: Decimal) -> Option<usize> {
    c.grades.iter().position(|g| match g.min {
        None => true,
        Some((m, true)) => total >= m,
        Some((m, false)) => total > m,
    })
}

fn score_ind<T: Tracer>(
    m: &mut Machine<'_, T>,
    id: IndId,
    scores: &mut [IndScore],
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
            score_ind(m, ch, scores)?;
        }
        apply_transfers(m, &ind.children, scores)?;
        m.ind = Some(id);
        if ind.kind != IndicatorKind::Normal {
            // A bonus or penalty group: its items (of its own kind, checked)
            // share its cap, so their rounded points are summed and capped.
            let sum: Decimal = ind
                .children
                .iter()
                .map(|&ch| scores[ch as usize].score)
                .sum();
            let score = if sum > ind.weight {
                if T::ON {
                    m.t.event(id, Event::Capped(ind.weight));
                }
                ind.weight
            } else {
                sum
            };
            scores[id as usize] = IndScore {
                raw: sum,
                score,
                weight: ind.weight,
                status: Status::Scored(None),
            };
            return Ok(());
        }
        let (mut sum, mut w) = (Decimal::ZERO, Decimal::ZERO);
        let mut any = false;
        for &ch in &ind.children {
            let s = scores[ch as usize];
            if c.ind(ch).kind == IndicatorKind::Normal {
                sum += s.score;
                w += s.weight;
                any |= s.status != Status::NaExcluded;
            }
        }
        let status = if any || ind.children.is_empty() {
            Status::Scored(None)
        } else {
            Status::NaExcluded
        };
        scores[id as usize] = IndScore {
            raw: sum,
            score: sum,
            weight: w,
            status,
        };
        return Ok(());
    }
    if let Some(na) = &ind.na {
        if m.truth(&na.when)? {
            if T::ON {
                m.t.event(id, Event::NotApplicable(na.span));
            }
            scores[id as usize] = match na.policy {
                CNaPolicy::Full => IndScore {
                    raw: ind.weight,
                    score: ind.weight,
                    weight: ind.weight,
                    status: Status::NaFull,
                },
                _ => IndScore {
                    raw: Decimal::ZERO,
                    score: Decimal::ZERO,
                    weight: Decimal::ZERO,
                    status: Status::NaExcluded,
                },
            };
            return Ok(());
        }
    }
    for v in &ind.vetoes {
        if m.truth(v)? {
            if T::ON {
                m.t.event(id, Event::Vetoed(v.span));
            }
            scores[id as usize] = IndScore {
                raw: Decimal::ZERO,
                score: Decimal::ZERO,
                weight: ind.weight,
                status: Status::Vetoed,
            };
            return Ok(());
        }
    }
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
    let (mut raw, may_go_negative) = shape(m, &r.result, ind.weight)?;
    let show = |d: Decimal| d.normalize().to_string();
    match ind.kind {
        IndicatorKind::Normal => {
            if raw > ind.weight {
                let (facts, direct) = data_behind(m, &r.result);
                let msg = Msg::ScoreAboveWeight {
                    indicator: ind.name.clone(),
                    score: show(raw),
                    weight: show(ind.weight),
                    facts,
                    direct,
                };
                return Err(Box::new(Diagnostic::new(msg).at(r.span)));
            }
        }
        IndicatorKind::Bonus | IndicatorKind::Penalty => {
            if raw > ind.weight {
                if T::ON {
                    m.t.event(id, Event::Capped(ind.weight));
                }
                raw = ind.weight;
            }
        }
    }
    if raw < Decimal::ZERO && !may_go_negative {
        let (facts, direct) = data_behind(m, &r.result);
        return Err(Box::new(
            Diagnostic::new(Msg::ScoreNegative {
                indicator: ind.name.clone(),
                score: show(raw),
                facts,
                direct,
            })
            .at(r.span),
        ));
    }
    let score = arith::round(raw, places, mode);
    if T::ON {
        m.t.event(id, Event::Raw(raw));
        m.t.event(id, Event::Rounded(score));
    }
    scores[id as usize] = IndScore {
        raw,
        score,
        weight: ind.weight,
        status: Status::Scored(Some(row)),
    };
    Ok(())
}

/// Move the weight of not-applicable siblings with a 转给 policy to their
/// targets, in proportion to the targets' weights, scaling their scores.
fn apply_transfers<T: Tracer>(
    m: &mut Machine<'_, T>,
    ids: &[IndId],
    scores: &mut [IndScore],
) -> EvalResult<()> {
    let c = m.c;
    for &from in ids {
        let ind = c.ind(from);
        let Some(na) = &ind.na else { continue };
        let CNaPolicy::Transfer(targets) = &na.policy else {
            continue;
        };
        if scores[from as usize].status != Status::NaExcluded || targets.is_empty() {
            continue;
        }
        // Only targets that still count can take the weight; with none left
        // it is excluded like 剔除 (renormalised at the total), never lost.
        let live: Vec<IndId> = targets
            .iter()
            .copied()
            .filter(|&t| takes_transfer(scores[t as usize]))
            .collect();
        let total_w: Decimal = live.iter().map(|&t| c.ind(t).weight).sum();
        if total_w.is_zero() {
            continue;
        }
        for &t in &live {
            let s = scores[t as usize];
            // The target's weight so far: an earlier sibling may already
            // have moved weight onto it, and its score is scaled from there.
            let tw = s.weight;
            let overflow = |_| {
                Box::new(Diagnostic::new(Msg::Overflow {
                    indicator: c.ind(t).name.clone(),
                }))
            };
            let share = arith::binary(BinOp::Mul, ind.weight, c.ind(t).weight)
                .and_then(|x| arith::binary(BinOp::Div, x, total_w))
                .map_err(overflow)?;
            let new_w = tw + share;
            let scaled = arith::binary(BinOp::Mul, s.raw, new_w)
                .and_then(|x| arith::binary(BinOp::Div, x, tw))
                .map_err(overflow)?;
            let score = arith::round(scaled, c.rounding.places, c.rounding.mode);
            if T::ON {
                m.t.event(
                    t,
                    Event::Transferred {
                        from,
                        weight: new_w,
                        score,
                    },
                );
            }
            scores[t as usize] = IndScore {
                raw: scaled,
                score,
                weight: new_w,
                status: s.status,
            };
        }
    }
    Ok(())
}

/// Whether a 转给 target can take moved weight: it is still counted (not
/// itself excluded) and has a weight to scale its score from.
pub fn takes_transfer(s: IndScore) -> bool {
    s.status != Status::NaExcluded && !s.weight.is_zero()
}

/// The raw points of a row's result, and whether it may legitimately go
/// below zero (a deduction written without 扣完为止).
fn shape<T: Tracer>(
    m: &mut Machine<'_, T>,
    s: &CScoring,
    weight: Decimal,
) -> EvalResult<(Decimal, bool)> {
    let id = m.ind.expect("scoring inside an indicator");
    let step = |m: &mut Machine<'_, T>, what: StepKind, value: Decimal| {
        if T::ON {
            m.t.event(id, Event::Step { what, value });
        }
    };
    Ok(match s {
        CScoring::Expr(e) => (m.num(e)?, false),
        CScoring::Deduction(d) => {
            let base = m.num(&d.base)?;
            let subject = m.num(&d.subject)?;
            let baseline = m.num(&d.baseline)?;
            let size = m.num(&d.step)?;
            let per = m.num(&d.per_step)?;
            let r = arith::step_deduction(
                base,
                subject,
                baseline,
                d.over,
                size,
                per,
                d.mode,
                d.floor_zero,
            )
            .map_err(|e| match e {
                ArithError::DivisionByZero { .. } => m.arith_err(e, &d.step),
                ArithError::Overflow => m.arith_err(e, &d.per_step),
            })?;
            step(m, StepKind::Base, base);
            step(m, StepKind::Excess, r.excess);
            step(m, StepKind::Steps, r.steps);
            step(m, StepKind::Deducted, r.deducted);
            if r.floored {
                step(m, StepKind::FloorAtZero, r.left);
            }
            (r.left, !d.floor_zero)
        }
        CScoring::Ratio {
            direction,
            actual,
            target,
        } => {
            let a = m.num(actual)?;
            let t = m.num(target)?;
            if t < Decimal::ZERO {
                // A computed target below zero: a ratio to it has no meaning
                // (a constant one is refused at check, E133).
                return Err(Box::new(
                    Diagnostic::new(Msg::RatioTargetNotPositive {
                        target: t.normalize().to_string(),
                    })
                    .at(target.span),
                ));
            }
            let rate = match direction {
                Direction::Higher => {
                    arith::binary(BinOp::Div, a, t).map_err(|e| m.arith_err(e, target))?
                }
                // At or below zero is better than any positive target
                // (checked positive): full marks, not a division by zero.
                Direction::Lower if a <= Decimal::ZERO && t > Decimal::ZERO => Decimal::ONE,
                Direction::Lower => {
                    arith::binary(BinOp::Div, t, a).map_err(|e| m.arith_err(e, actual))?
                }
            };
            let rate = rate.min(Decimal::ONE);
            step(m, StepKind::Rate, rate);
            (mul(m, rate, weight, actual)?, false)
        }
        CScoring::Proportional(e) => {
            let rate = m.num(e)?.min(Decimal::ONE);
            step(m, StepKind::Rate, rate);
            (mul(m, rate, weight, e)?, false)
        }
        CScoring::Checklist(cl) => {
            let pts = m.num(&cl.points)?;
            let mut count = Decimal::ZERO;
            for &(slot, is_count, _) in &cl.items {
                let v = m.eval(&crate::check::CExpr {
                    kind: crate::check::CKind::Slot(slot),
                    span: cl.points.span,
                })?;
                count += match (is_count, v) {
                    (true, Value::Num(n)) => n,
                    (false, Value::Bool(b)) => Decimal::from(u8::from(b == cl.gain)),
                    _ => Decimal::ZERO,
                };
            }
            step(m, StepKind::Items, count);
            let got = mul(m, count, pts, &cl.points)?;
            if cl.gain {
                (got, false)
            } else {
                step(m, StepKind::Deducted, got);
                let (left, floored) = arith::take_off(weight, got, cl.floor_zero)
                    .map_err(|e| m.arith_err(e, &cl.points))?;
                if floored {
                    step(m, StepKind::FloorAtZero, left);
                }
                (left, !cl.floor_zero)
            }
        }
        CScoring::Match { subject, arms } => {
            let v = m.eval(subject)?;
            let Value::Enum(i) = v else {
                return Ok((Decimal::ZERO, false));
            };
            let arm = arms.iter().find(|(k, _)| *k == i).map(|(_, e)| e);
            match arm {
                Some(e) => (m.num(e)?, false),
                None => {
                    let ind = m.c.ind(id);
                    return Err(Box::new(
                        Diagnostic::new(Msg::NoRowMatched {
                            indicator: ind.name.clone(),
                        })
                        .at(subject.span),
                    ));
                }
            }
        }
        CScoring::Qualitative(q) => {
            let c = m.c;
            let tier = c.ind(id);
            let span = tier
                .rows
                .iter()
                .map(|r| r.span)
                .next()
                .unwrap_or(tier.head_span);
            let tv = m.eval(&crate::check::CExpr {
                kind: crate::check::CKind::Slot(q.tier),
                span,
            })?;
            let rate = m
                .eval(&crate::check::CExpr {
                    kind: crate::check::CKind::Slot(q.rate),
                    span,
                })?
                .num();
            let Value::Enum(i) = tv else {
                return Ok((Decimal::ZERO, false));
            };
            let tier_name = match c.slot_ty(q.tier) {
                crate::check::Ty::Enum(e) => c.enums[*e as usize].variants[i as usize].clone(),
                _ => i.to_string(),
            };
            let Some((lo, lo_in, hi, hi_in)) = q.bands.get(i as usize).copied().flatten() else {
                return Err(Box::new(
                    Diagnostic::new(Msg::TierHasNoBand {
                        indicator: tier.name.clone(),
                        tier: tier_name,
                    })
                    .at(span),
                ));
            };
            let inside = (if lo_in { rate >= lo } else { rate > lo })
                && (if hi_in { rate <= hi } else { rate < hi });
            if !inside {
                let pct = |d: Decimal| {
                    crate::check::show::quantity(d, crate::check::units::Unit::PERCENT)
                };
                let msg = Msg::RateOutsideBand {
                    indicator: tier.name.clone(),
                    tier: tier_name,
                    rate: pct(rate),
                    lo: format!("{}{}", pct(lo), if lo_in { "（含）" } else { "" }),
                    hi: format!("{}{}", pct(hi), if hi_in { "（含）" } else { "" }),
                };
                return Err(Box::new(Diagnostic::new(msg).at(span)));
            }
            step(m, StepKind::Rate, rate);
            (
                mul_plain(rate, weight).map_err(|e| {
                    m.arith_err(
                        e,
                        &crate::check::CExpr {
                            kind: crate::check::CKind::Const(Value::Num(rate)),
                            span,
                        },
                    )
                })?,
                false,
            )
        }
    })
}

fn mul_plain(a: Decimal, b: Decimal) -> Result<Decimal, ArithError> {
    arith::binary(BinOp::Mul, a, b)
}

fn mul<T: Tracer>(
    m: &Machine<'_, T>,
    a: Decimal,
    b: Decimal,
    at: &crate::check::CExpr,
) -> EvalResult<Decimal> {
    mul_plain(a, b).map_err(|e| m.arith_err(e, at))
}

/// The input facts a `得分 = …` row computes from, as `name = value`, and
/// whether the score is one of them as it stands: then an out-of-range score
/// is out-of-range data, and the message says so instead of blaming the rule.
fn data_behind<T: Tracer>(m: &Machine<'_, T>, s: &CScoring) -> (Vec<String>, bool) {
    let CScoring::Expr(e) = s else {
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
