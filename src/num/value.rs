//! Run-time values. Numbers are exact decimals in base units (money in 元,
//! rates as fractions: 95% is 0.95); units were settled by the checker.

use super::Q;
use crate::syntax::ast::CmpOp;
use rust_decimal::Decimal;

/// A slot's value as facts and constants give it: numbers are decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Num(Decimal),
    Bool(bool),
    /// Index of a variant in its enumeration.
    Enum(u16),
    /// A text fact; its content is kept beside the fact set, never computed with.
    Text,
}

impl Value {
    pub fn num(self) -> Decimal {
        match self {
            Value::Num(d) => d,
            // The checker guarantees numeric slots hold numbers.
            _ => Decimal::ZERO,
        }
    }

    pub fn truth(self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

/// A value while scoring: numbers are exact rationals, so a quotient such
/// as `实际 / 预算` is kept as it is until it is compared or rounded.
#[derive(Clone, Copy, Debug)]
pub enum Exact {
    Num(Q),
    Bool(bool),
    Enum(u16),
    Text,
}

impl Exact {
    #[inline]
    pub fn num(self) -> Q {
        match self {
            Exact::Num(q) => q,
            _ => Q::ZERO,
        }
    }

    #[inline]
    pub fn truth(self) -> bool {
        matches!(self, Exact::Bool(true))
    }

    /// For displays and for callers that hold decimals: exact when the value
    /// is a decimal, else rounded to 28 significant digits.
    pub fn approx(self) -> Value {
        match self {
            Exact::Num(q) => Value::Num(q.to_decimal()),
            Exact::Bool(b) => Value::Bool(b),
            Exact::Enum(i) => Value::Enum(i),
            Exact::Text => Value::Text,
        }
    }

    /// Numbers by order, yes/no and enumeration values only for
    /// (in)equality (the checker allows nothing else).
    pub fn compare(op: CmpOp, a: Exact, b: Exact) -> bool {
        use std::cmp::Ordering::*;
        let eq = match (a, b) {
            (Exact::Num(x), Exact::Num(y)) => {
                let o = x.cmp(&y);
                return match op {
                    CmpOp::Eq => o == Equal,
                    CmpOp::Ne => o != Equal,
                    CmpOp::Lt => o == Less,
                    CmpOp::Le => o != Greater,
                    CmpOp::Gt => o == Greater,
                    CmpOp::Ge => o != Less,
                };
            }
            (Exact::Bool(x), Exact::Bool(y)) => x == y,
            (Exact::Enum(x), Exact::Enum(y)) => x == y,
            (Exact::Text, Exact::Text) => true,
            _ => false,
        };
        match op {
            CmpOp::Eq => eq,
            CmpOp::Ne => !eq,
            _ => false,
        }
    }
}

impl From<Value> for Exact {
    #[inline]
    fn from(v: Value) -> Exact {
        match v {
            Value::Num(d) => Exact::Num(Q::from_dec(d)),
            Value::Bool(b) => Exact::Bool(b),
            Value::Enum(i) => Exact::Enum(i),
            Value::Text => Exact::Text,
        }
    }
}
