//! Numbers shared by the checker and the evaluators, below both: the value
//! of a slot ([`Value`], decimals as facts and constants are written), the
//! exact rational every computation is carried out in ([`Q`]), and the
//! exact run-time value built on it ([`Exact`]).
//!
//! Decisions (comparisons, rounding, the grade) are taken on [`Q`], never on
//! a rounded quotient: `3 × 1/120` is exactly `1/40`, so it rounds to 0.03.
//! Only displays (a ledger line, a scorecard's unrounded `raw`) approximate.

mod q;
pub mod value;

pub(crate) use q::POW10_U64;
pub(crate) use q::{divrem, POW10};
pub use q::{normal, Q};
pub use value::{Exact, Value};

use crate::syntax::ast::{BinOp, CmpOp};
use rust_decimal::Decimal;

/// Why an arithmetic step failed. It carries no position: the evaluator
/// attaches the span of the expression that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    DivisionByZero {
        left: Decimal,
        right: Decimal,
    },
    /// A number beyond what exact arithmetic can hold here (i128 numerator
    /// and denominator, or a 96-bit decimal after rounding): an error,
    /// never an approximation.
    Overflow,
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

/// `a op b` on exact rationals.
pub fn binary(op: BinOp, a: Q, b: Q) -> Result<Q, ArithError> {
    match op {
        BinOp::Add => a.add(b),
        BinOp::Sub => a.sub(b),
        BinOp::Mul => a.mul(b),
        BinOp::Div => a.div(b),
    }
}

/// Constant folding for the checker: `a op b` when the exact result is a
/// decimal (`1/4` folds to 0.25; `1/3` does not fold and stays exact).
pub fn fold(op: BinOp, a: Decimal, b: Decimal) -> Option<Decimal> {
    binary(op, Q::from_dec(a), Q::from_dec(b))
        .ok()?
        .exact_decimal()
}
