//! A checklist of yes/no inputs with constant points per item (`清单 每项
//! 扣 2 分：…，扣完为止`): the count is a sum of the inputs' answers and the
//! points one integer product over a power of ten worked out once, instead
//! of reading each item as an exact value and multiplying and subtracting
//! fractions. Any product that does not fit falls back to the general path.

use super::expr::{Cx, Fail, R};
use super::steps::at;
use crate::check::CChecklist;
use crate::eval::arith;
use crate::num::{Value, POW10, Q};
use rust_decimal::Decimal;

pub struct Tally {
    /// The items' input slots.
    items: Vec<usize>,
    /// Counting yes answers (得分) or no answers (扣分).
    gain: bool,
    floor_zero: bool,
    /// Points per item and the weight over `den` = 10^scale, at least the
    /// rubric's places (so the leaf's rounding is then a no-op).
    per_n: i128,
    w_n: i128,
    den: i128,
    per: Q,
    weight: Q,
}

impl Tally {
    /// The folded form of `cl`, when every item is a yes/no input and the
    /// points are a constant.
    pub fn new(cl: &CChecklist, n_facts: usize, weight: Decimal, places: u32) -> Option<Tally> {
        let Some(Value::Num(per)) = cl.points.as_const() else {
            return None;
        };
        let inputs = cl
            .items
            .iter()
            .all(|&(s, count, _)| !count && (s as usize) < n_facts);
        if !inputs {
            return None;
        }
        let items = cl.items.iter().map(|&(s, _, _)| s as usize).collect();
        Tally::of(items, (cl.gain, cl.floor_zero), per, weight, places)
    }

    fn of(
        items: Vec<usize>,
        (gain, floor_zero): (bool, bool),
        per: Decimal,
        weight: Decimal,
        places: u32,
    ) -> Option<Tally> {
        let scale = per.scale().max(weight.scale()).max(places.min(28));
        Some(Tally {
            items,
            gain,
            floor_zero,
            per_n: at(per, scale)?,
            w_n: at(weight, scale)?,
            den: *POW10.get(scale as usize)?,
            per: Q::from_dec(per),
            weight: Q::from_dec(weight),
        })
    }

    /// Raw points and whether they may go below zero.
    #[inline]
    pub fn run(&self, cx: &Cx) -> R<(Q, bool)> {
        let count = self
            .items
            .iter()
            .filter(|&&s| matches!(cx.vals[s], Value::Bool(b) if b == self.gain))
            .count() as i128;
        let raw = match self.points(count) {
            Some(raw) => raw,
            None => self.general(count)?,
        };
        Ok((raw, !self.gain && !self.floor_zero))
    }

    #[inline(always)]
    fn points(&self, count: i128) -> Option<Q> {
        let got = count.checked_mul(self.per_n)?;
        if self.gain {
            return Q::from_parts(got, self.den);
        }
        let left = self.w_n.checked_sub(got)?;
        if self.floor_zero && left < 0 {
            return Some(Q::ZERO);
        }
        Q::from_parts(left, self.den)
    }

    #[cold]
    fn general(&self, count: i128) -> R<Q> {
        let got = Q::int(count).mul(self.per).map_err(|_| Fail)?;
        if self.gain {
            return Ok(got);
        }
        let (left, _) = arith::take_off(self.weight, got, self.floor_zero).map_err(|_| Fail)?;
        Ok(left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folded points against the general path for every count, both
    /// directions, with and without 扣完为止, weights and points with
    /// more places than the rubric's.
    #[test]
    fn folded_points_equal_the_general_path() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (per, weight) in [("2", "5"), ("0.5", "3"), ("0.125", "1.5"), ("3", "2")] {
            for (gain, floor_zero) in [(true, false), (false, true), (false, false)] {
                let t = Tally::of(Vec::new(), (gain, floor_zero), d(per), d(weight), 2).unwrap();
                for count in 0..8 {
                    let want = t.general(count).unwrap();
                    assert_eq!(t.points(count), Some(want), "{per} {weight} {gain} {count}");
                }
            }
        }
    }
}
