//! A fired row's scoring shape: its raw points, exact. Every intermediate
//! (a completion rate, a count of steps) stays a fraction until the leaf
//! is rounded, so `3 × 1/120` is 0.025 and rounds to 0.03.

use super::arith::{self, ArithError};
use super::expr::{EvalResult, Machine};
use super::trace::{Event, StepKind, Tracer};
use crate::check::{CExpr, CKind, CScoring};
use crate::diag::{Diagnostic, Msg};
use crate::num::{Exact, Q};
use crate::syntax::ast::Direction;
use rust_decimal::Decimal;

/// The raw points of a row's result, and whether it may legitimately go
/// below zero (a deduction written without 扣完为止).
pub(super) fn shape<T: Tracer>(
    m: &mut Machine<'_, T>,
    s: &CScoring,
    weight: Decimal,
) -> EvalResult<(Q, bool)> {
    let id = m.ind.expect("scoring inside an indicator");
    let step = |m: &mut Machine<'_, T>, what: StepKind, value: Q| {
        if T::ON {
            m.t.event(
                id,
                Event::Step {
                    what,
                    value: value.to_decimal(),
                },
            );
        }
    };
    let weight = Q::from_dec(weight);
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
            if t.is_negative() {
                // A computed target below zero: a ratio to it has no meaning
                // (a constant one is refused at check, E133).
                return Err(Box::new(
                    Diagnostic::new(Msg::RatioTargetNotPositive {
                        target: t.to_decimal().to_string(),
                    })
                    .at(target.span),
                ));
            }
            let rate = match direction {
                Direction::Higher => a.div(t).map_err(|e| m.arith_err(e, target))?,
                // At or below zero is better than any positive target
                // (checked positive): full marks, not a division by zero.
                Direction::Lower if a <= Q::ZERO && t > Q::ZERO => Q::ONE,
                Direction::Lower => t.div(a).map_err(|e| m.arith_err(e, actual))?,
            };
            let rate = rate.min(Q::ONE);
            step(m, StepKind::Rate, rate);
            (mul(m, rate, weight, actual)?, false)
        }
        CScoring::Proportional(e) => {
            let rate = m.num(e)?.min(Q::ONE);
            step(m, StepKind::Rate, rate);
            (mul(m, rate, weight, e)?, false)
        }
        CScoring::Checklist(cl) => {
            let pts = m.num(&cl.points)?;
            let mut count = Q::ZERO;
            for &(slot, is_count, _) in &cl.items {
                let v = m.eval_exact(&CExpr {
                    kind: CKind::Slot(slot),
                    span: cl.points.span,
                })?;
                let one = match (is_count, v) {
                    (true, Exact::Num(n)) => n,
                    (false, Exact::Bool(b)) => Q::int(i128::from(b == cl.gain)),
                    _ => Q::ZERO,
                };
                count = count.add(one).map_err(|e| m.arith_err(e, &cl.points))?;
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
            let v = m.eval_exact(subject)?;
            let Exact::Enum(i) = v else {
                return Ok((Q::ZERO, false));
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
            let tv = m.eval_exact(&CExpr {
                kind: CKind::Slot(q.tier),
                span,
            })?;
            let rate = m
                .eval_exact(&CExpr {
                    kind: CKind::Slot(q.rate),
                    span,
                })?
                .num();
            let Exact::Enum(i) = tv else {
                return Ok((Q::ZERO, false));
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
            let (l, h) = (Q::from_dec(lo), Q::from_dec(hi));
            let inside = (if lo_in { rate >= l } else { rate > l })
                && (if hi_in { rate <= h } else { rate < h });
            if !inside {
                let pct = |d: Decimal| {
                    crate::check::show::quantity(d, crate::check::units::Unit::PERCENT)
                };
                let msg = Msg::RateOutsideBand {
                    indicator: tier.name.clone(),
                    tier: tier_name,
                    rate: pct(rate.to_decimal()),
                    lo: format!("{}{}", pct(lo), if lo_in { "（含）" } else { "" }),
                    hi: format!("{}{}", pct(hi), if hi_in { "（含）" } else { "" }),
                };
                return Err(Box::new(Diagnostic::new(msg).at(span)));
            }
            step(m, StepKind::Rate, rate);
            let at = CExpr {
                kind: CKind::Const(crate::num::Value::Num(rate.to_decimal())),
                span,
            };
            (mul(m, rate, weight, &at)?, false)
        }
    })
}

fn mul<T: Tracer>(m: &Machine<'_, T>, a: Q, b: Q, at: &CExpr) -> EvalResult<Q> {
    a.mul(b).map_err(|e| m.arith_err(e, at))
}
