//! A row's scoring shape, compiled. Each arm repeats the reference's
//! arithmetic (`crate::eval` `shape`) step for step so the raw points are
//! the same decimal, scale included.

use super::expr::{BoolFn, Compiler, Cx, Fail, NumFn, ValFn, R};
use crate::check::{CScoring, EnumId};
use crate::eval::arith;
use crate::eval::value::Value;
use crate::syntax::ast::{Direction, StepMode};
use rust_decimal::Decimal;

pub enum Shape {
    /// A constant row result within the weight (`则 9`): its raw points and
    /// their rounding are worked out once, at compile time.
    Const {
        raw: Decimal,
        score: Decimal,
    },
    Expr(NumFn),
    Deduction(Box<Deduction>),
    Ratio {
        higher: bool,
        actual: NumFn,
        target: NumFn,
    },
    Proportional(NumFn),
    Checklist {
        gain: bool,
        points: NumFn,
        items: Vec<(usize, bool)>,
        floor_zero: bool,
    },
    Match {
        subject: ValFn,
        arms: Vec<(EnumId, NumFn)>,
    },
    Qualitative {
        tier: usize,
        rate: usize,
        bands: Vec<Option<(Decimal, bool, Decimal, bool)>>,
    },
}

pub struct Deduction {
    base: NumFn,
    subject: NumFn,
    over: bool,
    baseline: NumFn,
    step: NumFn,
    per_step: NumFn,
    mode: StepMode,
    floor_zero: bool,
}

pub struct Row {
    pub cond: Option<BoolFn>,
    pub shape: Shape,
    /// The constants prove 0 ≤ points ≤ weight, so the range checks
    /// (E405, E406) cannot fire and are skipped.
    pub bounded: bool,
}

fn konst(e: &crate::check::CExpr) -> Option<Decimal> {
    match e.as_const() {
        Some(Value::Num(d)) => Some(d),
        _ => None,
    }
}

/// Whether a row's points always lie within `0..=weight`, from its constants.
pub fn bounded(s: &CScoring, weight: Decimal) -> bool {
    let zero = Decimal::ZERO;
    match s {
        // Points = base − steps × per, steps ≥ 0, floored at zero.
        CScoring::Deduction(d) => {
            let (Some(base), Some(step), Some(per)) =
                (konst(&d.base), konst(&d.step), konst(&d.per_step))
            else {
                return false;
            };
            d.floor_zero && base >= zero && base <= weight && step > zero && per >= zero
        }
        CScoring::Checklist(cl) => {
            let Some(pts) = konst(&cl.points) else {
                return false;
            };
            let yes_no = cl.items.iter().all(|(_, is_count, _)| !is_count);
            let most = Decimal::from(cl.items.len() as u64).checked_mul(pts);
            // Deducting: weight − count × pts ≤ weight (and ≥ 0 when floored,
            // or allowed below zero when not). Gaining: count × pts ≤ n × pts.
            yes_no && pts >= zero && (!cl.gain || most.is_some_and(|m| m <= weight))
        }
        // Points = rate × weight with the rate inside a band within 0–100%.
        CScoring::Qualitative(q) => q
            .bands
            .iter()
            .flatten()
            .all(|(lo, _, hi, _)| *lo >= zero && *hi <= Decimal::ONE),
        _ => false,
    }
}

pub fn compile(k: &Compiler, s: &CScoring, weight: Decimal) -> Shape {
    match s {
        CScoring::Expr(e) => match e.as_const() {
            Some(Value::Num(raw)) if raw >= Decimal::ZERO && raw <= weight => Shape::Const {
                raw,
                score: crate::eval::arith::round(raw, k.c.rounding.places, k.c.rounding.mode),
            },
            _ => Shape::Expr(k.num(e)),
        },
        CScoring::Deduction(d) => Shape::Deduction(Box::new(Deduction {
            base: k.num(&d.base),
            subject: k.num(&d.subject),
            over: d.over,
            baseline: k.num(&d.baseline),
            step: k.num(&d.step),
            per_step: k.num(&d.per_step),
            mode: d.mode,
            floor_zero: d.floor_zero,
        })),
        CScoring::Ratio {
            direction,
            actual,
            target,
        } => Shape::Ratio {
            higher: *direction == Direction::Higher,
            actual: k.num(actual),
            target: k.num(target),
        },
        CScoring::Proportional(e) => Shape::Proportional(k.num(e)),
        CScoring::Checklist(cl) => Shape::Checklist {
            gain: cl.gain,
            points: k.num(&cl.points),
            items: cl
                .items
                .iter()
                .map(|&(s, count, _)| (s as usize, count))
                .collect(),
            floor_zero: cl.floor_zero,
        },
        CScoring::Match { subject, arms } => Shape::Match {
            subject: k.val(subject),
            arms: arms.iter().map(|(v, e)| (*v, k.num(e))).collect(),
        },
        CScoring::Qualitative(q) => Shape::Qualitative {
            tier: q.tier as usize,
            rate: q.rate as usize,
            bands: q.bands.clone(),
        },
    }
}

fn div(a: Decimal, b: Decimal) -> R<Decimal> {
    if b.is_zero() {
        return Err(Fail);
    }
    a.checked_div(b).ok_or(Fail)
}

/// Raw points and whether they may go below zero.
pub fn run(s: &Shape, cx: &mut Cx, weight: Decimal) -> R<(Decimal, bool)> {
    Ok(match s {
        Shape::Const { raw, .. } => (*raw, false),
        Shape::Expr(e) => (e(cx)?, false),
        Shape::Deduction(d) => {
            let base = (d.base)(cx)?;
            let subject = (d.subject)(cx)?;
            let baseline = (d.baseline)(cx)?;
            let size = (d.step)(cx)?;
            let per = (d.per_step)(cx)?;
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
            .map_err(|_| Fail)?;
            (r.left, !d.floor_zero)
        }
        Shape::Ratio {
            higher,
            actual,
            target,
        } => {
            let a = actual(cx)?;
            let t = target(cx)?;
            if t < Decimal::ZERO {
                return Err(Fail);
            }
            let rate = if *higher {
                div(a, t)?
            } else if a <= Decimal::ZERO && t > Decimal::ZERO {
                Decimal::ONE
            } else {
                div(t, a)?
            };
            let rate = rate.min(Decimal::ONE);
            (rate.checked_mul(weight).ok_or(Fail)?, false)
        }
        Shape::Proportional(e) => {
            let rate = e(cx)?.min(Decimal::ONE);
            (rate.checked_mul(weight).ok_or(Fail)?, false)
        }
        Shape::Checklist {
            gain,
            points,
            items,
            floor_zero,
        } => {
            let pts = points(cx)?;
            // Yes/no items only: counted as an integer, the same decimal
            // (scale 0) as adding ones and zeros.
            let count = if items.iter().all(|(_, is_count)| !is_count) {
                let mut n = 0u32;
                for &(slot, _) in items {
                    n += u32::from(super::expr::slot(cx, slot)? == Value::Bool(*gain));
                }
                Decimal::from(n)
            } else {
                let mut count = Decimal::ZERO;
                for &(slot, is_count) in items {
                    let v = super::expr::slot(cx, slot)?;
                    count += match (is_count, v) {
                        (true, Value::Num(n)) => n,
                        (false, Value::Bool(b)) => Decimal::from(u8::from(b == *gain)),
                        _ => Decimal::ZERO,
                    };
                }
                count
            };
            let got = count.checked_mul(pts).ok_or(Fail)?;
            if *gain {
                (got, false)
            } else {
                let (left, _) = arith::take_off(weight, got, *floor_zero).map_err(|_| Fail)?;
                (left, !*floor_zero)
            }
        }
        Shape::Match { subject, arms } => {
            let Value::Enum(i) = subject(cx)? else {
                return Ok((Decimal::ZERO, false));
            };
            match arms.iter().find(|(k, _)| *k == i) {
                Some((_, e)) => (e(cx)?, false),
                None => return Err(Fail),
            }
        }
        Shape::Qualitative { tier, rate, bands } => {
            let tv = super::expr::slot(cx, *tier)?;
            let rate = super::expr::slot(cx, *rate)?.num();
            let Value::Enum(i) = tv else {
                return Ok((Decimal::ZERO, false));
            };
            let Some((lo, lo_in, hi, hi_in)) = bands.get(i as usize).copied().flatten() else {
                return Err(Fail);
            };
            let inside = (if lo_in { rate >= lo } else { rate > lo })
                && (if hi_in { rate <= hi } else { rate < hi });
            if !inside {
                return Err(Fail);
            }
            (rate.checked_mul(weight).ok_or(Fail)?, false)
        }
    })
}
