//! One value as people write it, read against the declared input. Shared by
//! facts files, CSV batches and the REPL's `:set`.

use super::{Item, RawValue};
use crate::check::show::quantity;
use crate::check::units::{unit_named, MoneyScale, Show, Unit};
use crate::check::{Checked, FactDecl, Ty};
use crate::diag::Msg;
use crate::eval::value::Value;
use rust_decimal::Decimal;

/// The declared type as people read it: `万元`, `百分比`, `是否`, `{好, 中, 差}`.
pub fn type_name(ty: &Ty, checked: &Checked) -> String {
    match ty {
        Ty::Num(u) => u.to_string(),
        Ty::Bool => "是否".to_string(),
        Ty::Enum(e) => match checked.enums.get(*e as usize) {
            Some(decl) => format!("{{{}}}", decl.variants.join(", ")),
            None => "?".to_string(),
        },
        Ty::Text => "文本".to_string(),
        Ty::Error => "?".to_string(),
    }
}

/// Whether `unit` counts things (人, 家, 次, 个, 项, 件, 人次): whole and never negative.
pub fn is_count(unit: Unit) -> bool {
    use crate::check::units::{Base, Dim};
    unit.show == Show::Plain
        && [
            Base::Person,
            Base::Org,
            Base::Times,
            Base::Piece,
            Base::Item,
            Base::Case,
            Base::PersonTime,
        ]
        .iter()
        .any(|b| unit.dim == Dim::base(*b))
}

/// Parse one value against its declaration, including the declared `正数`
/// and `非零` constraints. Numbers come back in base units (money in 元,
/// rates as fractions).
pub fn parse_value(raw: &RawValue, decl: &FactDecl, checked: &Checked) -> Result<Value, Msg> {
    let name = decl.name.clone();
    match &decl.ty {
        Ty::Num(unit) => {
            let d = number(raw, &name, *unit)?;
            if decl.positive && d <= Decimal::ZERO {
                return Err(Msg::FactNotPositive {
                    name,
                    value: quantity(d, *unit),
                });
            }
            if decl.nonzero && d.is_zero() {
                return Err(Msg::FactZero { name });
            }
            Ok(Value::Num(d))
        }
        Ty::Bool => boolean(raw)
            .map(Value::Bool)
            .ok_or_else(|| Msg::FactNotBool {
                name,
                value: raw.to_text(),
            }),
        Ty::Enum(e) => {
            let variants = checked
                .enums
                .get(*e as usize)
                .map(|d| d.variants.clone())
                .unwrap_or_default();
            let written = raw.to_text();
            let written = written.trim();
            match variants.iter().position(|v| v == written) {
                Some(i) => Ok(Value::Enum(i as u16)),
                None => Err(Msg::FactNotVariant {
                    name,
                    value: written.to_string(),
                    variants,
                }),
            }
        }
        Ty::Text => Ok(Value::Text),
        Ty::Error => Err(Msg::FactWrongType {
            name,
            expected: type_name(&decl.ty, checked),
        }),
    }
}

fn boolean(raw: &RawValue) -> Option<bool> {
    match raw {
        RawValue::Bool(b) => Some(*b),
        RawValue::Text(s) => match half_width(s).trim().to_lowercase().as_str() {
            "是" | "有" | "true" | "yes" => Some(true),
            "否" | "无" | "false" | "no" => Some(false),
            _ => None,
        },
        // 1/0 could be a count typed into the wrong column; make people say 是/否.
        RawValue::Number(_) => None,
    }
}

/// A number in the declared unit, converted to base units.
fn number(raw: &RawValue, name: &str, unit: Unit) -> Result<Decimal, Msg> {
    let not_number = |value: String| Msg::FactNotNumber {
        name: name.to_string(),
        value,
        expected: expected(unit),
    };
    let (n, written_unit) = match raw {
        RawValue::Number(d) => (*d, String::new()),
        RawValue::Bool(b) => return Err(not_number(b.to_string())),
        RawValue::Text(s) => {
            let t = half_width(s);
            match split_number(&t) {
                Some((n, rest)) => (n, rest.to_string()),
                None => return Err(not_number(s.trim().to_string())),
            }
        }
    };
    let factor = if written_unit.is_empty() {
        // 0.858 and 85.8 are both plausible for 85.8%, so a rate needs its sign.
        if unit.show == Show::Percent {
            return Err(not_number(raw.to_text().trim().to_string()));
        }
        declared_factor(unit)
    } else {
        match written(&written_unit, unit) {
            Some((u, f)) if u.dim == unit.dim => f,
            _ => {
                let msg = Msg::FactWrongUnit {
                    name: name.to_string(),
                    expected: unit.to_string(),
                    found: written_unit,
                };
                return Err(msg);
            }
        }
    };
    n.checked_mul(factor)
        .ok_or_else(|| not_number(raw.to_text().trim().to_string()))
}

fn expected(unit: Unit) -> String {
    if unit.show == Show::Percent {
        format!("{unit}，如 \"85.8%\"")
    } else {
        unit.to_string()
    }
}

/// What a bare number in this unit is worth in base units.
fn declared_factor(unit: Unit) -> Decimal {
    match unit.show {
        Show::Money(scale) if unit.dim.is_money() => scale.factor(),
        _ => Decimal::ONE,
    }
}

/// A unit written after a number. `6702万` is how money is often written,
/// so a bare 万/亿 is read as 万元/亿元 when money is expected.
fn written(text: &str, declared: Unit) -> Option<(Unit, Decimal)> {
    if declared.dim.is_money() {
        match text {
            "万" => return Some((Unit::money(MoneyScale::Wan), MoneyScale::Wan.factor())),
            "亿" => return Some((Unit::money(MoneyScale::Yi), MoneyScale::Yi.factor())),
            _ => {}
        }
    }
    unit_named(text)
}

/// Full-width ASCII (`６７０２`, `，`, `％`) and odd spaces and minus signs as
/// their ASCII forms; other characters (units, names) are left alone.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
            '\u{2212}' => '-',
            _ => c,
        })
        .collect()
}

/// `-6,702.5 万元` → (-6702.5, "万元"). Thousands separators may only stand
/// between digits of the integer part.
fn split_number(s: &str) -> Option<(Decimal, &str)> {
    let s = s.trim();
    let bytes = s.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits_start = i;
    let mut seen_point = false;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => {}
            b',' if !seen_point
                && i > digits_start
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {}
            b'.' if !seen_point && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                seen_point = true
            }
            _ => break,
        }
        i += 1;
    }
    if !bytes[digits_start..i].iter().any(u8::is_ascii_digit) {
        return None;
    }
    let number: String = s[..i].chars().filter(|c| *c != ',').collect();
    let number = number.strip_prefix('+').unwrap_or(&number);
    Some((number.parse().ok()?, s[i..].trim()))
}

/// An exact decimal from a TOML/JSON number literal (`6_702`, `85.8`, `1e3`).
fn decimal_literal(text: &str) -> Option<Decimal> {
    let t: String = text.trim().chars().filter(|c| *c != '_').collect();
    let t = t.strip_prefix('+').unwrap_or(&t);
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        t.parse().ok()
    }
}

/// A number literal as a value: exact when it fits a decimal, otherwise kept
/// as text so that the message shows what was written (`inf`, `nan`).
pub(crate) fn number_item(text: &str) -> Item {
    match decimal_literal(text) {
        Some(d) => Item::Value(RawValue::Number(d)),
        None => Item::Value(RawValue::Text(text.trim().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn splits_number_and_unit() {
        assert_eq!(split_number("6,702 万元"), Some((d("6702"), "万元")));
        assert_eq!(split_number("6702万元"), Some((d("6702"), "万元")));
        assert_eq!(split_number("-0.5个百分点"), Some((d("-0.5"), "个百分点")));
        assert_eq!(split_number("+3"), Some((d("3"), "")));
        assert_eq!(split_number("85.8%"), Some((d("85.8"), "%")));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(split_number("很多"), None);
        assert_eq!(split_number("-"), None);
        assert_eq!(split_number(",5"), None);
        assert_eq!(split_number(""), None);
    }

    #[test]
    fn full_width_becomes_ascii() {
        assert_eq!(half_width("６，７０２．５　万元"), "6,702.5 万元");
        assert_eq!(half_width("８５．８％"), "85.8%");
    }
}
