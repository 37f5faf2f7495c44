//! Exact decimal arithmetic. Errors carry no position: the evaluator
//! attaches the span of the expression that failed.

use crate::syntax::ast::{BinOp, CmpOp, RoundMode, StepMode};
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    DivisionByZero { left: Decimal, right: Decimal },
    Overflow,
}

pub fn binary(op: BinOp, a: Decimal, b: Decimal) -> Result<Decimal, ArithError> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div => {
            if b.is_zero() {
                return Err(ArithError::DivisionByZero { left: a, right: b });
            }
            a.checked_div(b)
        }
    }
    .ok_or(ArithError::Overflow)
}

pub fn compare(op: CmpOp, a: Decimal, b: Decimal) -> bool {
    match op {
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
    }
}

/// Compare two values of one type: numbers by order, yes/no and enumeration
/// values only for (in)equality (the checker allows nothing else).
pub fn compare_values(op: CmpOp, a: super::value::Value, b: super::value::Value) -> bool {
    use super::value::Value;
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => compare(op, x, y),
        (x, y) => match op {
            CmpOp::Eq => x == y,
            CmpOp::Ne => x != y,
            _ => false,
        },
    }
}

/// The arithmetic of a step deduction, shared by both evaluators so that
/// they give the same decimal by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deduction {
    /// How far the subject is past the baseline (0 when it is not).
    pub excess: Decimal,
    pub steps: Decimal,
    pub deducted: Decimal,
    pub left: Decimal,
    /// 扣完为止 stopped the score at zero.
    pub floored: bool,
}

/// `从 base 分扣：subject 超出|低于 baseline 的部分 每 size 扣 per 分（mode）`.
#[allow(clippy::too_many_arguments)]
pub fn step_deduction(
    base: Decimal,
    subject: Decimal,
    baseline: Decimal,
    over: bool,
    size: Decimal,
    per: Decimal,
    mode: StepMode,
    floor_zero: bool,
) -> Result<Deduction, ArithError> {
    let past = if over {
        subject.checked_sub(baseline)
    } else {
        baseline.checked_sub(subject)
    };
    let excess = past.ok_or(ArithError::Overflow)?.max(Decimal::ZERO);
    let ratio = binary(BinOp::Div, excess, size)?;
    let steps = match mode {
        StepMode::Floor => ratio.floor(),
        StepMode::Ceil => ratio.ceil(),
        StepMode::Proportional => ratio,
    };
    let deducted = binary(BinOp::Mul, steps, per)?;
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
pub fn take_off(
    from: Decimal,
    deducted: Decimal,
    floor_zero: bool,
) -> Result<(Decimal, bool), ArithError> {
    let left = from.checked_sub(deducted).ok_or(ArithError::Overflow)?;
    if floor_zero && left < Decimal::ZERO {
        return Ok((Decimal::ZERO, true));
    }
    Ok((left, false))
}

/// Round to `places` decimals the way the rubric declares.
pub fn round(x: Decimal, places: u32, mode: RoundMode) -> Decimal {
    let strategy = match mode {
        RoundMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        RoundMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundMode::Truncate => RoundingStrategy::ToZero,
        RoundMode::Up => RoundingStrategy::AwayFromZero,
    };
    x.round_dp_with_strategy(places, strategy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::dec;

    mod rust_decimal_macros_free {
        macro_rules! dec {
            ($s:literal) => {
                <rust_decimal::Decimal as std::str::FromStr>::from_str(stringify!($s)).unwrap()
            };
        }
        pub(crate) use dec;
    }

    #[test]
    fn half_up_rounds_away_from_zero_at_midpoint() {
        assert_eq!(round(dec!(2.345), 2, RoundMode::HalfUp), dec!(2.35));
        assert_eq!(round(dec!(-2.345), 2, RoundMode::HalfUp), dec!(-2.35));
        assert_eq!(round(dec!(2.345), 2, RoundMode::HalfEven), dec!(2.34));
        assert_eq!(round(dec!(2.349), 2, RoundMode::Truncate), dec!(2.34));
        assert_eq!(round(dec!(2.341), 2, RoundMode::Up), dec!(2.35));
    }

    #[test]
    fn decimal_thresholds_are_exact() {
        // 0.8 computed from money is exactly 0.8, unlike f64.
        let r = binary(BinOp::Div, dec!(6702.4), dec!(8378)).unwrap();
        assert!(compare(CmpOp::Ge, r, dec!(0.8)));
        assert_eq!(r, dec!(0.8));
    }

    #[test]
    fn division_by_zero_is_an_error_not_a_value() {
        assert_eq!(
            binary(BinOp::Div, dec!(1), dec!(0)),
            Err(ArithError::DivisionByZero {
                left: dec!(1),
                right: dec!(0)
            })
        );
    }

    #[test]
    fn step_deduction_counts_steps_by_mode_and_floors() {
        let run = |mode, floor| {
            step_deduction(
                dec!(5),
                dec!(0.0535),
                dec!(0.05),
                true,
                dec!(0.001),
                dec!(0.1),
                mode,
                floor,
            )
        };
        assert_eq!(run(StepMode::Floor, true).unwrap().left, dec!(4.7));
        assert_eq!(run(StepMode::Proportional, true).unwrap().left, dec!(4.65));
        assert_eq!(run(StepMode::Ceil, true).unwrap().left, dec!(4.6));
        let below = step_deduction(
            dec!(1),
            dec!(0.5),
            dec!(0.9),
            false,
            dec!(0.01),
            dec!(1),
            StepMode::Floor,
            true,
        )
        .unwrap();
        assert_eq!(
            (below.steps, below.left, below.floored),
            (dec!(40), dec!(0), true)
        );
        let free = step_deduction(
            dec!(1),
            dec!(0.5),
            dec!(0.9),
            false,
            dec!(0.01),
            dec!(1),
            StepMode::Floor,
            false,
        )
        .unwrap();
        assert_eq!((free.left, free.floored), (dec!(-39), false));
    }

    #[test]
    fn extreme_deductions_are_errors_not_panics() {
        let r = step_deduction(
            Decimal::MIN,
            Decimal::MAX,
            Decimal::MIN,
            true,
            dec!(1),
            dec!(1),
            StepMode::Floor,
            false,
        );
        assert_eq!(r, Err(ArithError::Overflow));
        assert_eq!(
            take_off(Decimal::MIN, Decimal::MAX, true),
            Err(ArithError::Overflow)
        );
    }

    #[test]
    fn overflow_is_reported() {
        assert_eq!(
            binary(BinOp::Mul, Decimal::MAX, dec!(2)),
            Err(ArithError::Overflow)
        );
    }
}
