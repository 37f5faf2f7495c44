//! Step deductions whose base, baseline, step and points per step are all
//! constants (`从 3 分扣：率 低于 95% 的部分 每 1个百分点 扣 0.3 分（按整步）`),
//! the common case: the constants are put over one power of ten once, so a
//! fact set costs a cross-multiplication and one integer division instead
//! of the general fraction arithmetic of `arith::step_deduction` (a
//! subtraction, a division, a floor, a product and a second subtraction,
//! each on fractions). Any product that does not fit falls back to that
//! general path, so the result is the same exact fraction either way.

use super::expr::{Cx, Fail, Num, R};
use super::shape::konst;
use crate::check::CDeduction;
use crate::eval::arith;
use crate::num::{POW10, Q};
use crate::syntax::ast::StepMode;
use rust_decimal::Decimal;

struct Kind {
    over: bool,
    ceil: bool,
    floor_zero: bool,
}

pub struct Steps {
    subject: Num,
    over: bool,
    ceil: bool,
    floor_zero: bool,
    /// The baseline b = bn / bd.
    bn: i128,
    bd: i128,
    /// The step s = sn / sd (> 0) folded with bd: steps = ⌊P·sd / (x.d·bd·sn)⌋
    /// where P = ±(x.n·bd − bn·x.d) is the excess over the baseline times x.d·bd.
    sd: i128,
    bd_sn: i128,
    /// Base and points per step over one denominator `den` = 10^scale,
    /// at least the rubric's places so the leaf's rounding is a no-op
    /// whenever the result already has that many decimals.
    base_n: i128,
    per_n: i128,
    den: i128,
    /// The constants as fractions, for the general path.
    general: [Q; 4],
}

/// `d` as a mantissa at `scale` decimals (scale ≥ its own).
pub(super) fn at(d: Decimal, scale: u32) -> Option<i128> {
    d.mantissa()
        .checked_mul(*POW10.get(scale.checked_sub(d.scale())? as usize)?)
}

impl Steps {
    /// The constant form of `d`, when it has one: integer steps (整步 or
    /// 不足一步按一步), a positive constant step and constant base,
    /// baseline and points.
    pub fn new(d: &CDeduction, subject: Num, places: u32) -> Result<Steps, Num> {
        let consts = (
            konst(&d.base),
            konst(&d.baseline),
            konst(&d.step),
            konst(&d.per_step),
        );
        let (Some(base), Some(b), Some(s), Some(per)) = consts else {
            return Err(subject);
        };
        let ceil = match d.mode {
            StepMode::Floor => false,
            StepMode::Ceil => true,
            StepMode::Proportional => return Err(subject),
        };
        let k = Kind {
            over: d.over,
            ceil,
            floor_zero: d.floor_zero,
        };
        Steps::of(subject, k, [base, b, s, per], places)
    }

    fn of(subject: Num, k: Kind, consts: [Decimal; 4], places: u32) -> Result<Steps, Num> {
        let [base, b, s, per] = consts;
        if s <= Decimal::ZERO {
            return Err(subject);
        }
        let scale = base.scale().max(per.scale()).max(places.min(28));
        let parts = (|| {
            let (bd, sd) = (POW10[b.scale() as usize], POW10[s.scale() as usize]);
            Some((
                bd,
                sd,
                bd.checked_mul(s.mantissa())?,
                at(base, scale)?,
                at(per, scale)?,
                *POW10.get(scale as usize)?,
            ))
        })();
        let Some((bd, sd, bd_sn, base_n, per_n, den)) = parts else {
            return Err(subject);
        };
        Ok(Steps {
            subject,
            over: k.over,
            ceil: k.ceil,
            floor_zero: k.floor_zero,
            bn: b.mantissa(),
            bd,
            sd,
            bd_sn,
            base_n,
            per_n,
            den,
            general: consts.map(Q::from_dec),
        })
    }

    /// Raw points and whether they may go below zero.
    #[inline]
    pub fn run(&self, cx: &mut Cx) -> R<(Q, bool)> {
        let x = self.subject.eval(cx)?;
        let left = match self.steps(x).and_then(|k| self.left(k)) {
            Some(left) => left,
            None => self.general(x)?,
        };
        Ok((left, !self.floor_zero))
    }

    /// Whole steps past the baseline, or `None` when a product does not fit.
    #[inline(always)]
    fn steps(&self, x: Q) -> Option<i128> {
        let (n, d) = x.parts();
        let (a, b) = (n.checked_mul(self.bd)?, self.bn.checked_mul(d)?);
        let p = if self.over {
            a.checked_sub(b)?
        } else {
            b.checked_sub(a)?
        };
        if p <= 0 {
            return Some(0);
        }
        let num = p.checked_mul(self.sd)?;
        let den = d.checked_mul(self.bd_sn)?;
        let (k, r) = crate::num::divrem(num, den);
        Some(if self.ceil && r != 0 { k + 1 } else { k })
    }

    #[inline(always)]
    fn left(&self, k: i128) -> Option<Q> {
        let n = self.base_n.checked_sub(k.checked_mul(self.per_n)?)?;
        if self.floor_zero && n < 0 {
            return Some(Q::ZERO);
        }
        Q::from_parts(n, self.den)
    }

    #[cold]
    fn general(&self, x: Q) -> R<Q> {
        let [base, b, s, per] = self.general;
        let mode = if self.ceil {
            StepMode::Ceil
        } else {
            StepMode::Floor
        };
        arith::step_deduction(base, x, b, self.over, s, per, mode, self.floor_zero)
            .map(|r| r.left)
            .map_err(|_| Fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Q {
        Q::from_dec(s.parse().unwrap())
    }

    /// The constant path against the general one, at, beside and across
    /// step boundaries, above and below the baseline, both modes, with and
    /// without 扣完为止, on fractions that are not decimals too.
    #[test]
    fn constant_steps_equal_the_general_deduction() {
        let xs = [
            "0", "0.05", "0.0501", "0.051", "0.0535", "0.06", "0.949", "0.95", "0.9499", "1",
            "1.0001", "1.05", "1.1", "-0.3", "12.5", "100",
        ];
        let fracs = [(1, 3), (2, 7), (95, 100), (-1, 3), (1_000_001, 1_000_000)];
        let mut values: Vec<Q> = xs.iter().map(|s| q(s)).collect();
        values.extend(fracs.iter().map(|&(n, d)| Q::from_parts(n, d).unwrap()));
        let consts = [
            ("5", "0.05", "0.001", "0.1"),
            ("3", "0.95", "0.01", "0.3"),
            ("5", "1", "0.001", "0.5"),
            ("2.5", "0", "0.25", "0.125"),
        ];
        for (base, b, s, per) in consts {
            let consts = [base, b, s, per].map(|t| t.parse::<Decimal>().unwrap());
            for (over, ceil, floor_zero) in (0..8).map(|i| (i & 1 != 0, i & 2 != 0, i & 4 != 0)) {
                let k = Kind {
                    over,
                    ceil,
                    floor_zero,
                };
                let Ok(st) = Steps::of(Num::Const(Q::ZERO), k, consts, 2) else {
                    panic!("constant steps")
                };
                for &x in &values {
                    let fast = st.steps(x).and_then(|k| st.left(k)).unwrap();
                    let slow = st.general(x).unwrap();
                    assert_eq!(fast, slow, "{base} {b} {s} {per} {over} {ceil} {x:?}");
                }
            }
        }
    }
}
