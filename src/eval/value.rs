//! Run-time values. Numbers are exact decimals in base units (money in 元,
//! rates as fractions: 95% is 0.95); units were settled by the checker.

use rust_decimal::Decimal;

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
