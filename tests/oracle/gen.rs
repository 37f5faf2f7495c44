//! Fact sets aimed at the cases an inexact engine gets wrong: a quotient
//! times a weight landing exactly on a half (or on the grid, for 截断 and
//! 进一) at the rubric's places; a ratio exactly on a tier threshold; a
//! step deduction exactly on a step boundary. The rest of the facts come
//! from `jixiao::compiled::sample` (thresholds, a hair either side).

use super::Rat;
use jixiao::check::{CExpr, CKind, CScoring, CTable, Checked, Ty};
use jixiao::compiled::sample::{fact_set, Rng};
use jixiao::eval::targets::{Cell, RowKind, TargetRow};
use jixiao::num::Value;
use jixiao::syntax::ast::{BinOp, Direction, TableShares};
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

/// Rows for every target table of `c`, aimed like the inputs: a row's
/// share of the weight times its rate exactly on a half at the rubric's
/// places, actuals on their targets, every 指标性质 the table allows, and
/// for a level that is a range an assessor's score at its ends or inside.
pub fn table_rows(c: &Checked, rng: &mut Rng) -> Vec<Vec<TargetRow>> {
    c.tables.iter().map(|t| rows_of(c, t, rng)).collect()
}

fn rows_of(c: &Checked, t: &CTable, rng: &mut Rng) -> Vec<TargetRow> {
    let n = 1 + rng.below(12);
    let weights: Vec<Option<Decimal>> = match t.shares {
        TableShares::Equal => vec![None; n],
        TableShares::Column => {
            // Truncated shares, the last row taking the rest: they sum to W.
            let each = (t.weight / Decimal::from(n as u64)).trunc_with_scale(2);
            let mut w: Vec<Option<Decimal>> = vec![Some(each); n];
            w[n - 1] = Some(t.weight - each * Decimal::from(n as u64 - 1));
            w
        }
    };
    let grid = Rat::new(BigInt::one(), BigInt::from(10u8).pow(c.rounding.places));
    let half = Rat::new(BigInt::one(), BigInt::from(2u8));
    let qty = |d: Decimal| Cell::Qty {
        value: d,
        text: d.normalize().to_string(),
    };
    let mut out = Vec::with_capacity(n);
    for (i, w) in weights.into_iter().enumerate() {
        let row_w = match w {
            Some(w) => super::rat(w),
            None => super::rat(t.weight) / Rat::from_integer(BigInt::from(n as u64)),
        };
        let mut row = TargetRow {
            name: format!("行{i}"),
            name_generated: false,
            groups: Vec::new(),
            kind: RowKind::AtLeast,
            target: qty(Decimal::ONE),
            actual: qty(Decimal::ONE),
            weight: w,
            given: None,
            reason: None,
            span: None,
        };
        // A rate below 1 whose points land on a half, on the grid, or a third.
        let k = Rat::from_integer(BigInt::from(rng.below(100) as u64));
        let rate = match rng.below(4) {
            0 | 1 if !row_w.is_zero() => (k + &half) * &grid / &row_w,
            2 => Rat::new(BigInt::from(1 + rng.below(8) as u64), BigInt::from(9u8)),
            _ => Rat::new(BigInt::from(rng.below(21) as u64), BigInt::from(20u8)),
        };
        let rate = if rate > Rat::one() { Rat::one() } else { rate };
        // den × rate is a decimal when den is a multiple of rate's denominator.
        let m = BigInt::from(1 + rng.below(9_999) as u64);
        let den = Rat::new(rate.denom() * &m, BigInt::from(100u8));
        let (num, den) = (decimal(&(&rate * &den)), decimal(&den));
        let kinds = 2 + usize::from(t.eq_miss.is_some()) + usize::from(!t.levels.is_empty());
        match rng.below(kinds + 1) {
            // ≥, missed by the aimed rate or met (actual on or above target).
            0 | 1 if num.is_some() && den.is_some() => {
                let (a, tv) = (num.unwrap(), den.unwrap());
                let met = rng.below(4) == 0;
                row.kind = RowKind::AtLeast;
                row.target = qty(tv);
                row.actual = qty(if met {
                    tv + Decimal::from(rng.below(2) as u64)
                } else {
                    a
                });
            }
            // ≤: over the target, so the rate is target ÷ actual.
            2 if num.is_some() && den.is_some() && !rate.is_zero() => {
                row.kind = RowKind::AtMost;
                row.target = qty(num.unwrap());
                row.actual = qty(den.unwrap());
            }
            3 if t.eq_miss.is_some() => {
                row.kind = RowKind::Equal;
                let v = Decimal::from(rng.below(3) as u64);
                row.target = qty(v);
                row.actual = qty(if rng.below(2) == 0 {
                    v
                } else {
                    v + Decimal::ONE
                });
            }
            _ if !t.levels.is_empty() => {
                let l = &t.levels[rng.below(t.levels.len())];
                row.kind = RowKind::Qualitative;
                row.target = Cell::Text(String::new());
                row.actual = Cell::Text(l.name.clone());
                if let Some(hi) = l.hi {
                    match pick_in(&row_w, l.lo, hi, rng) {
                        Some(g) => row.given = Some(g),
                        None => {
                            row.kind = RowKind::AtLeast;
                            row.target = qty(Decimal::ONE);
                            row.actual = qty(Decimal::ONE);
                        }
                    }
                }
            }
            _ => {}
        }
        out.push(row);
    }
    out
}

/// An assessor's score for a row of weight `w` whose level allows
/// `[lo × w, hi × w]` (ends in or out as flagged): an end when allowed, a
/// point just inside, or the middle, each a decimal at 2 places.
fn pick_in(w: &Rat, lo: (Decimal, bool), hi: (Decimal, bool), rng: &mut Rng) -> Option<Decimal> {
    let (l, h) = (super::rat(lo.0) * w, super::rat(hi.0) * w);
    let cent = Rat::new(BigInt::one(), BigInt::from(100u8));
    let up = |x: &Rat| (x / &cent).ceil() * &cent;
    let down = |x: &Rat| (x / &cent).floor() * &cent;
    let inside =
        |g: &Rat| (if lo.1 { *g >= l } else { *g > l }) && (if hi.1 { *g <= h } else { *g < h });
    let candidates = [
        up(&l),
        up(&l) + &cent,
        down(&h),
        down(&h) - &cent,
        down(&((&l + &h) / Rat::from_integer(BigInt::from(2u8)))),
    ];
    let start = rng.below(candidates.len());
    (0..candidates.len())
        .map(|i| &candidates[(start + i) % candidates.len()])
        .find(|g| inside(g))
        .and_then(decimal)
}

/// The assessor's scores: for each indicator scored by the assessor, a
/// value in its range (its ends included), now and then one just outside.
pub fn picks(c: &Checked, rng: &mut Rng) -> Vec<Option<Decimal>> {
    c.indicators
        .iter()
        .map(|ind| {
            let (lo, hi) = ind.rows.iter().find_map(|r| r.pick)?;
            let step = Decimal::new(1, 2);
            Some(match rng.below(8) {
                0 => lo,
                1 => hi,
                2 => lo - step,
                3 => hi + step,
                _ => lo + (hi - lo) * Decimal::from(rng.below(11) as u64) / Decimal::TEN,
            })
        })
        .collect()
}
