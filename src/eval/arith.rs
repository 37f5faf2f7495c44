//! The evaluator's arithmetic, exact on [`Q`]: step deductions, taking
//! points off, rounding to the rubric's places. Errors carry no position:
//! the evaluator attaches the span of the expression that failed.

pub use crate::num::{binary, compare, ArithError};
use crate::num::{Exact, Q};
use crate::syntax::ast::{CmpOp, RoundMode, StepMode};
use rust_decimal::Decimal;

/// Compare two values of one type: numbers by order, yes/no and enumeration
/// values only for (in)equality (the checker allows nothing else).
#[inline]
pub fn compare_values(op: CmpOp, a: Exact, b: Exact) -> bool {
    Exact::compare(op, a, b)
}

/// The arithmetic of a step deduction, shared by both evaluators so that
/// they give the same value by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deduction {
    /// How far the subject is past the baseline (0 when it is not).
    pub excess: Q,
    pub steps: Q,
    pub deducted: Q,
    pub left: Q,
    /// 扣完为止 stopped the score at zero.
    pub floored: bool,
}

/// `从 base 分扣：subject 超出|低于 baseline 的部分 每 size 扣 per 分（mode）`.
#[allow(clippy::too_many_arguments)]
pub fn step_deduction(
    base: Q,
    subject: Q,
    baseline: Q,
    over: bool,
    size: Q,
    per: Q,
    mode: StepMode,
    floor_zero: bool,
) -> Result<Deduction, ArithError> {
    let past = if over {
        subject.sub(baseline)
    } else {
        baseline.sub(subject)
    };
    let excess = past?.max(Q::ZERO);
    let ratio = excess.div(size)?;
    let steps = match mode {
        StepMode::Floor => ratio.floor(),
        StepMode::Ceil => ratio.ceil(),
        StepMode::Proportional => ratio,
    };
    let deducted = steps.mul(per)?;
    let (left, floored) = take_off(base, deducted, floor_zero)?;
    Ok(Deduction {
        excess,
        steps,
        deducted,
        left,
        floored,
    })
}

/// Points left after deducting, stopped at zero with 扣完为止; the flag says
/// whether the stop was needed.
pub fn take_off(from: Q, deducted: Q, floor_zero: bool) -> Result<(Q, bool), ArithError> {
    let left = from.sub(deducted)?;
    if floor_zero && left.is_negative() {
        return Ok((Q::ZERO, true));
    }
    Ok((left, false))
}

/// Round to `places` decimals the way the rubric declares; the result has
/// exactly `places` decimals.
#[inline]
pub fn round(x: Q, places: u32, mode: RoundMode) -> Result<Decimal, ArithError> {
    x.round(places, mode)
}

/// Round a decimal (a sum of rounded scores, a veto's total).
pub fn round_dec(x: Decimal, places: u32, mode: RoundMode) -> Result<Decimal, ArithError> {
    Q::from_dec(x).round(places, mode)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn q(s: &str) -> Q {
        Q::from_dec(d(s))
    }

    #[test]
    fn half_up_rounds_away_from_zero_at_midpoint() {
        let r = |x: &str, m| round(q(x), 2, m).unwrap();
        assert_eq!(r("2.345", RoundMode::HalfUp), d("2.35"));
        assert_eq!(r("-2.345", RoundMode::HalfUp), d("-2.35"));
        assert_eq!(r("2.345", RoundMode::HalfEven), d("2.34"));
        assert_eq!(r("2.349", RoundMode::Truncate), d("2.34"));
        assert_eq!(r("2.341", RoundMode::Up), d("2.35"));
    }

    #[test]
    fn decimal_thresholds_are_exact() {
        let r = binary(crate::syntax::ast::BinOp::Div, q("6702.4"), q("8378")).unwrap();
        assert!(r >= q("0.8"));
        assert_eq!(r, q("0.8"));
    }

    #[test]
    fn division_by_zero_is_an_error_not_a_value() {
        assert_eq!(
            q("1").div(q("0")),
            Err(ArithError::DivisionByZero {
                left: d("1"),
                right: d("0")
            })
        );
    }

    #[test]
    fn step_deduction_counts_steps_by_mode_and_floors() {
        let run = |mode, floor| {
            step_deduction(
                q("5"),
                q("0.0535"),
                q("0.05"),
                true,
                q("0.001"),
                q("0.1"),
                mode,
                floor,
            )
        };
        assert_eq!(run(StepMode::Floor, true).unwrap().left, q("4.7"));
        assert_eq!(run(StepMode::Proportional, true).unwrap().left, q("4.65"));
        assert_eq!(run(StepMode::Ceil, true).unwrap().left, q("4.6"));
        let below = |floor| {
            step_deduction(
                q("1"),
                q("0.5"),
                q("0.9"),
                false,
                q("0.01"),
                q("1"),
                StepMode::Floor,
                floor,
            )
            .unwrap()
        };
        let b = below(true);
        assert_eq!((b.steps, b.left, b.floored), (q("40"), Q::ZERO, true));
        let free = below(false);
        assert_eq!((free.left, free.floored), (q("-39"), false));
    }

    #[test]
    fn a_step_exactly_on_its_boundary_counts_whole() {
        // 0.3 / 0.1 is exactly 3 steps, not 2.999….
        let r = step_deduction(
            q("5"),
            q("0.3"),
            q("0"),
            true,
            q("0.1"),
            q("1"),
            StepMode::Floor,
            true,
        )
        .unwrap();
        assert_eq!(r.steps, q("3"));
    }

    #[test]
    fn extreme_deductions_are_errors_not_panics() {
        let r = step_deduction(
            Q::from_dec(Decimal::MIN),
            Q::from_dec(Decimal::MAX),
            Q::from_dec(Decimal::MIN),
            true,
            Q::from_dec(Decimal::MIN),
            Q::from_dec(Decimal::MAX),
            StepMode::Floor,
            false,
        );
        // Exact arithmetic holds these magnitudes; rounding them does not fit.
        let left = r.unwrap().left;
        assert_eq!(round(left, 2, RoundMode::HalfUp), Err(ArithError::Overflow));
    }
}
