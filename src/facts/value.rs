//! One value as people write it, read against the declared input. Shared by
//! facts files, CSV batches and the REPL's `:set`.

use super::{Item, RawValue};
use crate::check::show::quantity;
use crate::check::units::{MoneyScale, Show, Unit};
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

/// Parse one value against its declaration, including the declared `正数`
/// and `非零` constraints. Numbers come back in base units (money in 元,
/// rates as fractions).
pub fn parse_value(raw: &RawValue, decl: &FactDecl, checked: &Checked) -> Result<Value, Msg> {
    let name = decl.name.clone();
    match &decl.ty {
        Ty::Num(unit) => {
            let d = number(raw, &name, *unit, &checked.units)?;
            // A count is whole and never negative; no declaration relaxes that.
            if unit.is_count() && ((d.is_sign_negative() && !d.is_zero()) || !d.fract().is_zero()) {
                return Err(Msg::FactNotCount {
                    name,
                    value: raw.to_text().trim().to_string(),
                    unit: unit.to_string(),
                });
            }
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
fn number(
    raw: &RawValue,
    name: &str,
    unit: Unit,
    declared: &[crate::check::units::DeclaredUnit],
) -> Result<Decimal, Msg> {
    let shown = || brief(raw.to_text().trim());
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
                Ok((n, rest)) => (n, rest.to_string()),
                Err(e) => return Err(e.msg(name, &brief(s.trim()), unit)),
            }
        }
    };
    let factor = if written_unit.is_empty() {
        // 0.858 and 85.8 are both plausible for 85.8%, so a rate needs its sign.
        if unit.show == Show::Percent {
            return Err(Msg::FactMissingPercent {
                name: name.to_string(),
                value: shown(),
            });
        }
        declared_factor(unit)
    } else {
        match written(&written_unit, unit, declared) {
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
    n.checked_mul(factor).ok_or_else(|| Msg::FactNumberRange {
        name: name.to_string(),
        value: shown(),
    })
}

/// A written value as messages show it: at most 60 characters, so that a
/// megabyte-long cell does not fill the terminal.
fn brief(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Why a text is not read as a number.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NumErr {
    /// No digits where a number should start.
    NotNumber,
    /// `1,5`, `12,34,5`: separators not in groups of three.
    Separator,
    /// More digits than a decimal holds exactly, or too large.
    Range,
    /// `1e3`, `1E3万元`.
    Exponent,
}

impl NumErr {
    fn msg(self, name: &str, value: &str, unit: Unit) -> Msg {
        let (name, value) = (name.to_string(), value.to_string());
        match self {
            NumErr::NotNumber => Msg::FactNotNumber {
                name,
                value,
                expected: expected(unit),
            },
            NumErr::Separator => Msg::FactSeparator { name, value },
            NumErr::Range => Msg::FactNumberRange { name, value },
            NumErr::Exponent => Msg::FactExponent { name, value },
        }
    }
}

fn expected(unit: Unit) -> String {
    if unit.show == Show::Percent {
        // The declaration cannot tell 百分比 from 百分点 (both are rates), so name both.
        format!("{unit}，如 \"85.8%\" 或 \"0.5个百分点\"")
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
fn written(
    text: &str,
    declared: Unit,
    units: &[crate::check::units::DeclaredUnit],
) -> Option<(Unit, Decimal)> {
    if declared.dim.is_money() {
        match text {
            "万" => return Some((Unit::money(MoneyScale::Wan), MoneyScale::Wan.factor())),
            "亿" => return Some((Unit::money(MoneyScale::Yi), MoneyScale::Yi.factor())),
            _ => {}
        }
    }
    crate::check::units::lookup(units, text)
}

/// Full-width ASCII (`６７０２`, `，`, `％`) and odd spaces and minus signs as
/// their ASCII forms; other characters (units, names) are left alone.
pub(crate) fn half_width(s: &str) -> String {
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
/// between groups of three digits of the integer part; the number must be
/// held exactly (at most 28 significant digits), never rounded.
pub(crate) fn split_number(s: &str) -> Result<(Decimal, &str), NumErr> {
    let s = s.trim();
    let bytes = s.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits_start = i;
    let mut seen_point = false;
    let mut commas = false;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => {}
            b',' if !seen_point
                && i > digits_start
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                commas = true
            }
            b'.' if !seen_point && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                seen_point = true
            }
            _ => break,
        }
        i += 1;
    }
    if !bytes[digits_start..i].iter().any(u8::is_ascii_digit) {
        return Err(NumErr::NotNumber);
    }
    if commas {
        let int = s[digits_start..i].split('.').next().unwrap_or("");
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return Err(NumErr::Separator);
        }
    }
    // `1e3`, `1E-2%`: an exponent right after the digits.
    if let [b'e' | b'E', more @ ..] = &bytes[i..] {
        let more = more
            .strip_prefix(b"+")
            .or_else(|| more.strip_prefix(b"-"))
            .unwrap_or(more);
        if more.first().is_some_and(u8::is_ascii_digit) {
            return Err(NumErr::Exponent);
        }
    }
    let number: String = s[..i].chars().filter(|c| *c != ',').collect();
    let number = number.strip_prefix('+').unwrap_or(&number);
    Ok((exact(number).ok_or(NumErr::Range)?, s[i..].trim()))
}

/// A plain decimal read exactly: `None` when it has more significant digits
/// than a decimal holds or is too large (never rounded, so a tiny positive
/// value is not read as 0).
fn exact(t: &str) -> Option<Decimal> {
    if let Ok(d) = Decimal::from_str_exact(t) {
        return Some(d);
    }
    // Trailing zeros of a fraction carry no digits of the value.
    let trimmed = t
        .contains('.')
        .then(|| t.trim_end_matches('0').trim_end_matches('.'))?;
    Decimal::from_str_exact(trimmed).ok()
}

/// `1.25e3` as the plain `1250`, so that [`exact`] can check it; `None` when
/// the exponent is out of any decimal's reach.
fn unscientific(t: &str) -> Option<String> {
    let (mantissa, exp) = t.split_once(['e', 'E'])?;
    let exp: i64 = exp.strip_prefix('+').unwrap_or(exp).parse().ok()?;
    if exp.abs() > 60 {
        return None;
    }
    let (sign, m) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int, frac) = m.split_once('.').unwrap_or((m, ""));
    let digits = format!("{int}{frac}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let point = int.len() as i64 + exp;
    let text = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    Some(format!("{sign}{text}"))
}

/// An exact decimal from a TOML/JSON number literal (`6_702`, `85.8`, `1e3`);
/// `None` when it cannot be held exactly.
fn decimal_literal(text: &str) -> Option<Decimal> {
    let t: String = text.trim().chars().filter(|c| *c != '_').collect();
    let t = t.strip_prefix('+').unwrap_or(&t);
    if t.contains(['e', 'E']) {
        exact(&unscientific(t)?)
    } else {
        exact(t)
    }
}

/// A number literal as a value: exact when it fits a decimal, otherwise kept
/// as text so that the message shows what was written (`inf`, `nan`, a
/// 40-digit number, `1e400`) and says why it cannot be read.
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
        assert_eq!(split_number("6,702 万元"), Ok((d("6702"), "万元")));
        assert_eq!(split_number("6702万元"), Ok((d("6702"), "万元")));
        assert_eq!(split_number("-0.5个百分点"), Ok((d("-0.5"), "个百分点")));
        assert_eq!(split_number("+3"), Ok((d("3"), "")));
        assert_eq!(split_number("85.8%"), Ok((d("85.8"), "%")));
        assert_eq!(split_number("1,234,567.5"), Ok((d("1234567.5"), "")));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(split_number("很多"), Err(NumErr::NotNumber));
        assert_eq!(split_number("-"), Err(NumErr::NotNumber));
        assert_eq!(split_number(",5"), Err(NumErr::NotNumber));
        assert_eq!(split_number(""), Err(NumErr::NotNumber));
    }

    #[test]
    fn separators_only_in_groups_of_three() {
        for bad in ["1,5", "12,34,5", "1,5 万元", "1234,567", "1,2345"] {
            assert_eq!(split_number(bad), Err(NumErr::Separator), "{bad}");
        }
    }

    #[test]
    fn exponents_and_inexact_numbers_are_named() {
        assert_eq!(split_number("1e400"), Err(NumErr::Exponent));
        assert_eq!(split_number("1E3万元"), Err(NumErr::Exponent));
        assert_eq!(split_number("9.6e1%"), Err(NumErr::Exponent));
        assert_eq!(
            split_number("94.99999999999999999999999999999%"),
            Err(NumErr::Range)
        );
        assert_eq!(
            split_number("0.0000000000000000000000000000001"),
            Err(NumErr::Range)
        );
        assert_eq!(split_number("1".repeat(30).as_str()), Err(NumErr::Range));
        assert_eq!(
            split_number("1.50000000000000000000000000000000"),
            Ok((d("1.5"), ""))
        );
    }

    #[test]
    fn literals_are_exact_or_refused() {
        assert_eq!(decimal_literal("1e3"), Some(d("1000")));
        assert_eq!(decimal_literal("1.25E-2"), Some(d("0.0125")));
        assert_eq!(decimal_literal("1e400"), None);
        assert_eq!(decimal_literal("1e-30"), None);
        assert_eq!(
            decimal_literal("0.94999999999999999"),
            Some(d("0.94999999999999999"))
        );
        assert_eq!(decimal_literal("9.9999999999999999999999999999"), None);
    }

    #[test]
    fn full_width_becomes_ascii() {
        assert_eq!(half_width("６，７０２．５　万元"), "6,702.5 万元");
        assert_eq!(half_width("８５．８％"), "85.8%");
    }
}
