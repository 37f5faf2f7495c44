//! Printing quantities in the unit their author thinks in.

use super::units::{Show, Unit};
use super::{Checked, Ty};
use crate::num::Value;
use rust_decimal::Decimal;

/// `93.00%`, `6702 万元`, `3 人`, `8.5`. Percentages get two decimals at
/// least; other numbers are printed without trailing zeros. A value with
/// more than four decimals (a quotient) is shown to four and marked `≈`;
/// the value itself is never rounded.
pub fn quantity(d: Decimal, unit: Unit) -> String {
    match unit.show {
        Show::Percent => match d.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => {
                let (p, approx) = display(p);
                format!("{approx}{}%", fixed(p, 2))
            }
            // Too large to scale: print the fraction itself rather than fail.
            None => d.normalize().to_string(),
        },
        Show::Money(scale) if unit.dim.is_money() => {
            let (v, approx) = display(d / scale.factor());
            format!("{approx}{v} {}", scale.name())
        }
        _ => {
            let (n, approx) = display(d);
            if unit.dim.is_none() || unit.dim.is_score() {
                format!("{approx}{n}")
            } else {
                format!("{approx}{n} {unit}")
            }
        }
    }
}

const SHOWN_PLACES: u32 = 4;

fn fixed(d: Decimal, min_scale: u32) -> String {
    let mut d = d;
    if d.scale() < min_scale {
        d.rescale(min_scale);
    }
    d.to_string()
}

fn display(d: Decimal) -> (Decimal, &'static str) {
    let n = d.normalize();
    if n.scale() > SHOWN_PLACES {
        (n.round_dp(SHOWN_PLACES).normalize(), "≈")
    } else {
        (n, "")
    }
}

/// A value of a slot, printed for people.
pub fn value(checked: &Checked, ty: &Ty, v: Value) -> String {
    match (ty, v) {
        (Ty::Num(u), Value::Num(d)) => quantity(d, *u),
        (_, Value::Bool(b)) => if b { "是" } else { "否" }.to_string(),
        (Ty::Enum(e), Value::Enum(i)) => checked.enums[*e as usize]
            .variants
            .get(i as usize)
            .cloned()
            .unwrap_or_else(|| i.to_string()),
        (_, Value::Num(d)) => d.normalize().to_string(),
        (_, Value::Enum(i)) => i.to_string(),
        (_, Value::Text) => "…".to_string(),
    }
}

/// A score with the rubric's places (`16.00`).
pub fn score(d: Decimal, places: u32) -> String {
    let mut d = d;
    d.rescale(places);
    d.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::units::MoneyScale;
    use std::str::FromStr;

    #[test]
    fn percent_keeps_two_places() {
        assert_eq!(
            quantity(Decimal::from_str("0.93").unwrap(), Unit::PERCENT),
            "93.00%"
        );
        assert_eq!(
            quantity(Decimal::from_str("0.858").unwrap(), Unit::PERCENT),
            "85.80%"
        );
        assert_eq!(
            quantity(Decimal::from_str("0.85803").unwrap(), Unit::PERCENT),
            "85.803%"
        );
        assert_eq!(
            quantity(Decimal::from(216) / Decimal::from(236), Unit::PERCENT),
            "≈91.5254%"
        );
        assert_eq!(
            quantity(Decimal::MAX, Unit::PERCENT),
            Decimal::MAX.to_string()
        );
    }

    #[test]
    fn money_is_shown_in_its_declared_scale() {
        assert_eq!(
            quantity(Decimal::from(67_020_000), Unit::money(MoneyScale::Wan)),
            "6702 万元"
        );
    }

    #[test]
    fn scores_have_fixed_places() {
        assert_eq!(score(Decimal::from(16), 2), "16.00");
        assert_eq!(score(Decimal::from_str("0.3").unwrap(), 2), "0.30");
    }
}
