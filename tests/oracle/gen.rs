//! Fact sets aimed at the cases an inexact engine gets wrong: a quotient
//! times a weight landing exactly on a half (or on the grid, for 截断 and
//! 进一) at the rubric's places; a ratio exactly on a tier threshold; a
//! step deduction exactly on a step boundary. The rest of the facts come
//! from `jixiao::compiled::sample` (thresholds, a hair either side).

use super::Rat;
use jixiao::check::{CExpr, CKind, CScoring, Checked, Ty};
use jixiao::compiled::sample::{fact_set, Rng};
use jixiao::num::Value;
use jixiao::syntax::ast::{BinOp, Direction};
use num_bigint::BigInt;
use num_traits::{One, ToPrimitive, Zero};
use rust_decimal::Decimal;

/// `num / den` of two inputs, scored against `weight` when a shape
/// multiplies the quotient by it.
#[derive(Clone, Debug)]
pub struct Pair {
    num: usize,
    den: usize,
    weight: Option<Decimal>,
}

/// A step deduction on an input: subject slot, baseline, step, direction.
#[derive(Clone, Debug)]
pub struct Steps {
    subject: usize,
    baseline: Decimal,
    step: Decimal,
    over: bool,
}

pub struct Aims {
    pairs: Vec<Pair>,
    steps: Vec<Steps>,
    thresholds: Vec<Decimal>,
    places: u32,
}

fn fact_slot(c: &Checked, e: &CExpr) -> Option<usize> {
    match e.kind {
        CKind::Slot(s) if (s as usize) < c.facts.len() => Some(s as usize),
        _ => None,
    }
}

/// `a / b` of two inputs, directly or through a derived value.
fn quotient(c: &Checked, e: &CExpr) -> Option<(usize, usize)> {
    match &e.kind {
        CKind::Bin(BinOp::Div, a, b) => Some((fact_slot(c, a)?, fact_slot(c, b)?)),
        CKind::Slot(s) if (*s as usize) >= c.facts.len() => {
            quotient(c, &c.derived[*s as usize - c.facts.len()].expr)
        }
        _ => None,
    }
}

fn konst(e: &CExpr) -> Option<Decimal> {
    match e.as_const() {
        Some(Value::Num(d)) => Some(d),
        _ => None,
    }
}

impl Aims {
    pub fn new(c: &Checked) -> Aims {
        let mut pairs = Vec::new();
        let mut steps = Vec::new();
        for d in &c.derived {
            if let Some((num, den)) = quotient(c, &d.expr) {
                pairs.push(Pair {
                    num,
                    den,
                    weight: None,
                });
            }
        }
        for ind in &c.indicators {
            for r in &ind.rows {
                match &r.result {
                    CScoring::Ratio {
                        direction,
                        actual,
                        target,
                    } => {
                        let (a, t) = (fact_slot(c, actual), fact_slot(c, target));
                        if let (Some(a), Some(t)) = (a, t) {
                            let (num, den) = match direction {
                                Direction::Higher => (a, t),
                                Direction::Lower => (t, a),
                            };
                            pairs.push(Pair {
                                num,
                                den,
                                weight: Some(ind.weight),
                            });
                        }
                    }
                    CScoring::Proportional(e) => {
                        if let Some((num, den)) = quotient(c, e) {
                            pairs.push(Pair {
                                num,
                                den,
                                weight: Some(ind.weight),
                            });
                        }
                    }
                    CScoring::Deduction(d) => {
                        let subject = match &d.subject.kind {
                            CKind::Call(_, args) => fact_slot(c, &args[0]),
                            _ => fact_slot(c, &d.subject),
                        };
                        if let (Some(subject), Some(baseline), Some(step)) =
                            (subject, konst(&d.baseline), konst(&d.step))
                        {
                            steps.push(Steps {
                                subject,
                                baseline,
                                step,
                                over: d.over,
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        Aims {
            pairs,
            steps,
            thresholds: jixiao::compiled::sample::thresholds(c),
            places: c.rounding.places,
        }
    }

    /// A quotient worth hitting for `p`: a threshold, w·q exactly on a
    /// half or on the grid at the rubric's places, or a third, sixth….
    fn target(&self, p: &Pair, rng: &mut Rng) -> Rat {
        let grid = Rat::new(BigInt::one(), BigInt::from(10u8).pow(self.places));
        let k = Rat::from_integer(BigInt::from(rng.below(120) as u64));
        let half = Rat::new(BigInt::one(), BigInt::from(2u8));
        let w = p.weight.map(super::rat);
        match (rng.below(5), w) {
            (0, Some(w)) | (1, Some(w)) if !w.is_zero() => (k + half) * grid / w,
            (2, Some(w)) if !w.is_zero() => k * grid / w,
            (3, _) => {
                let q = [3u64, 6, 7, 9, 11, 120, 240, 300][rng.below(8)];
                let n = 1 + rng.below(q as usize) as u64;
                Rat::new(BigInt::from(n), BigInt::from(q))
            }
            _ => super::rat(self.thresholds[rng.below(self.thresholds.len())]),
        }
    }

    /// One fact set: the sampler's, then one aim applied to most pairs and
    /// step deductions.
    pub fn fact_set(&self, c: &Checked, rng: &mut Rng) -> Vec<Value> {
        let mut row = fact_set(c, &self.thresholds, rng);
        for p in &self.pairs {
            if rng.below(4) == 0 {
                continue;
            }
            let q = self.target(p, rng);
            // den = q's denominator × m / 100, so num = q × den is a decimal.
            let m = BigInt::from(1 + rng.below(99_999) as u64);
            let den = Rat::new(q.denom() * &m, BigInt::from(100u8));
            let num = &q * &den;
            if let (Some(n), Some(d)) = (decimal(&num), decimal(&den)) {
                row[p.num] = Value::Num(n);
                row[p.den] = Value::Num(d);
            }
        }
        for s in &self.steps {
            if rng.below(3) == 0 || !matches!(c.facts[s.subject].ty, Ty::Num(_)) {
                continue;
            }
            let k = Decimal::from(rng.below(40) as u64);
            let off = s.step * k;
            let v = if s.over {
                s.baseline + off
            } else {
                s.baseline - off
            };
            row[s.subject] = Value::Num(v);
        }
        row
    }
}

/// A rational that is a decimal of at most 28 places with a 96-bit mantissa.
fn decimal(r: &Rat) -> Option<Decimal> {
    let mut d = r.denom().clone();
    let mut scale = 0u32;
    let ten = BigInt::from(10u8);
    let mut n = r.numer().clone();
    while !(d.is_one()) {
        if scale >= 28 {
            return None;
        }
        n *= &ten;
        scale += 1;
        if (&n % &d).is_zero() {
            n /= &d;
            d = BigInt::one();
        }
    }
    let m = n.to_i128()?;
    if m.unsigned_abs() >= 1u128 << 96 {
        return None;
    }
    Some(Decimal::from_i128_with_scale(m, scale))
}
