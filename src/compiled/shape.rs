//! A row's scoring shape, compiled. Each arm computes the reference's
//! exact raw points (`crate::eval` `shape`); the leaf rounds them.

use super::expr::{Compiler, Cx, Fail, Num, ValFn, R};
use crate::check::{CScoring, EnumId};
use crate::eval::arith;
use crate::num::{Exact, Value, Q};
use crate::syntax::ast::{Direction, StepMode};
use rust_decimal::Decimal;

pub enum Shape {
    /// A constant row result within the weight (`则 9`): its raw points and
    /// their rounding are worked out once, at compile time.
    Const {
        raw: Q,
        /// The rounded score as a mantissa at the tree's sum scale.
        pts: i128,
    },
    Expr(Num),
    Deduction(Box<Deduction>),
    /// A deduction whose constants are folded (see `super::steps`).
    Steps(Box<super::steps::Steps>),
    /// A checklist of yes/no inputs with constant points (`super::tally`).
    Tally(super::tally::Tally),
    Ratio {
        higher: bool,
        actual: Num,
        target: Num,
    },
    Proportional(Num),
    Checklist {
        gain: bool,
        points: Num,
        items: Vec<(usize, bool)>,
        /// Every item is yes/no (none counts): the count is an integer.
        yes_no: bool,
        floor_zero: bool,
    },
    Match {
        subject: ValFn,
        arms: Vec<(EnumId, Num)>,
    },
    Qualitative {
        tier: usize,
        rate: usize,
        bands: Vec<Option<(Q, bool, Q, bool)>>,
    },
}

pub struct Deduction {
    base: Num,
    subject: Num,
    over: bool,
    baseline: Num,
    step: Num,
    per_step: Num,
    mode: StepMode,
    floor_zero: bool,
}

pub struct Row {
    pub shape: Shape,
    /// The constants prove 0 ≤ points ≤ weight, so the range checks
    /// (E405, E406) cannot fire and are skipped.
    pub bounded: bool,
}

pub(super) fn konst(e: &crate::check::CExpr) -> Option<Decimal> {
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

/// `scale`: the decimals every score is summed at (see `tree::sum_scale`).
pub fn compile(k: &Compiler, s: &CScoring, weight: Decimal, scale: u32) -> Shape {
    let places = k.c.rounding.places;
    match s {
        CScoring::Expr(e) => match e.as_const() {
            Some(Value::Num(raw)) if raw >= Decimal::ZERO && raw <= weight => {
                let q = Q::from_dec(raw);
                let score = arith::round(q, k.c.rounding.places, k.c.rounding.mode).ok();
                match score.and_then(|d| super::tree::points(d, scale)) {
                    Some(pts) => Shape::Const { raw: q, pts },
                    None => Shape::Expr(k.arg(e)),
                }
            }
            _ => Shape::Expr(k.arg(e)),
        },
        CScoring::Deduction(d) => {
            let subject = match super::steps::Steps::new(d, k.arg(&d.subject), places) {
                Ok(st) => return Shape::Steps(Box::new(st)),
                Err(subject) => subject,
            };
            Shape::Deduction(Box::new(Deduction {
                base: k.arg(&d.base),
                subject,
                over: d.over,
                baseline: k.arg(&d.baseline),
                step: k.arg(&d.step),
                per_step: k.arg(&d.per_step),
                mode: d.mode,
                floor_zero: d.floor_zero,
            }))
        }
        CScoring::Ratio {
            direction,
            actual,
            target,
        } => Shape::Ratio {
            higher: *direction == Direction::Higher,
            actual: k.arg(actual),
            target: k.arg(target),
        },
        CScoring::Proportional(e) => Shape::Proportional(k.arg(e)),
        CScoring::Checklist(cl) => {
            match super::tally::Tally::new(cl, k.c.facts.len(), weight, places) {
                Some(t) => Shape::Tally(t),
                None => Shape::Checklist {
                    gain: cl.gain,
                    points: k.arg(&cl.points),
                    items: cl
                        .items
                        .iter()
                        .map(|&(s, count, _)| (s as usize, count))
                        .collect(),
                    yes_no: cl.items.iter().all(|&(_, count, _)| !count),
                    floor_zero: cl.floor_zero,
                },
            }
        }
        CScoring::Match { subject, arms } => Shape::Match {
            subject: k.val(subject),
            arms: arms.iter().map(|(v, e)| (*v, k.arg(e))).collect(),
        },
        CScoring::Qualitative(q) => Shape::Qualitative {
            tier: q.tier as usize,
            rate: q.rate as usize,
            bands: q
                .bands
                .iter()
                .map(|b| b.map(|(lo, li, hi, hi_in)| (Q::from_dec(lo), li, Q::from_dec(hi), hi_in)))
                .collect(),
        },
    }
}

/// Raw points and whether they may go below zero.
pub fn run(s: &Shape, cx: &mut Cx, weight: Q) -> R<(Q, bool)> {
    let q = |r: Result<Q, arith::ArithError>| r.map_err(|_| Fail);
    Ok(match s {
        Shape::Const { raw, .. } => (*raw, false),
        Shape::Expr(e) => (e.eval(cx)?, false),
        Shape::Steps(st) => st.run(cx)?,
        Shape::Tally(t) => t.run(cx)?,
        Shape::Deduction(d) => {
            let base = d.base.eval(cx)?;
            let subject = d.subject.eval(cx)?;
            let baseline = d.baseline.eval(cx)?;
            let size = d.step.eval(cx)?;
            let per = d.per_step.eval(cx)?;
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
            let a = actual.eval(cx)?;
            let t = target.eval(cx)?;
            if t.is_negative() {
                return Err(Fail);
            }
            let rate = if *higher {
                q(a.div(t))?
            } else if a <= Q::ZERO && t > Q::ZERO {
                Q::ONE
            } else {
                q(t.div(a))?
            };
            (q(rate.min(Q::ONE).mul(weight))?, false)
        }
        Shape::Proportional(e) => {
            let rate = e.eval(cx)?.min(Q::ONE);
            (q(rate.mul(weight))?, false)
        }
        Shape::Checklist {
            gain,
            points,
            items,
            yes_no,
            floor_zero,
        } => {
            let pts = points.eval(cx)?;
            let count = if *yes_no {
                let mut n = 0i128;
                for &(slot, _) in items {
                    let v = super::expr::slot(cx, slot)?;
                    n += i128::from(matches!(v, Exact::Bool(b) if b == *gain));
                }
                Q::int(n)
            } else {
                let mut count = Q::ZERO;
                for &(slot, is_count) in items {
                    let v = super::expr::slot(cx, slot)?;
                    let one = match (is_count, v) {
                        (true, Exact::Num(n)) => n,
                        (false, Exact::Bool(b)) => Q::int(i128::from(b == *gain)),
                        _ => Q::ZERO,
                    };
                    count = q(count.add(one))?;
                }
                count
            };
            let got = q(count.mul(pts))?;
            if *gain {
                (got, false)
            } else {
                let (left, _) = arith::take_off(weight, got, *floor_zero).map_err(|_| Fail)?;
                (left, !*floor_zero)
            }
        }
        Shape::Match { subject, arms } => {
            let Exact::Enum(i) = subject(cx)? else {
                return Ok((Q::ZERO, false));
            };
            match arms.iter().find(|(k, _)| *k == i) {
                Some((_, e)) => (e.eval(cx)?, false),
                None => return Err(Fail),
            }
        }
        Shape::Qualitative { tier, rate, bands } => {
            let tv = super::expr::slot(cx, *tier)?;
            let rate = super::expr::slot(cx, *rate)?.num();
            let Exact::Enum(i) = tv else {
                return Ok((Q::ZERO, false));
            };
            let Some((lo, lo_in, hi, hi_in)) = bands.get(i as usize).copied().flatten() else {
                return Err(Fail);
            };
            let (l, h) = (lo, hi);
            let inside = (if lo_in { rate >= l } else { rate > l })
                && (if hi_in { rate <= h } else { rate < h });
            if !inside {
                return Err(Fail);
            }
            (q(rate.mul(weight))?, false)
        }
    })
}
