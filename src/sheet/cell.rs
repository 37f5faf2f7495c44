//! One spreadsheet cell as the text a person sees in it. A number is an f64
//! inside the file; it is turned into the shortest decimal that reads back
//! as the same f64, then shown the way the cell's number format shows it
//! (`0.00%` makes 0.965 into `96.50%`, `0.0` rounds to one place). When that
//! differs from the stored value, the caller notes the cell.

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// Excel keeps and shows 15 significant digits; float noise lies beyond.
const EXCEL_DIGITS: u32 = 15;

/// What a number format says about how a number is displayed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumFormat {
    pub percent: bool,
    /// Places after the point, when the format fixes them (`0.00` → 2).
    pub places: Option<u32>,
}

impl NumFormat {
    /// Read the first section of a format code (`#,##0.00;[Red]-#,##0.00`).
    /// `General`, text (`@`) and anything without digit placeholders fix no
    /// places.
    pub fn parse(code: &str) -> NumFormat {
        let mut f = NumFormat::default();
        let (mut quoted, mut escaped, mut bracket) = (false, false, false);
        let (mut digits, mut after_point, mut point) = (false, 0u32, false);
        for ch in code.chars() {
            if escaped {
                escaped = false;
                continue;
            }
            match ch {
                '"' => quoted = !quoted,
                _ if quoted => {}
                '\\' | '_' | '*' => escaped = true,
                '[' => bracket = true,
                ']' => bracket = false,
                _ if bracket => {}
                ';' => break,
                '%' => f.percent = true,
                '.' => point = true,
                '0' | '#' | '?' => {
                    digits = true;
                    if point {
                        after_point += 1;
                    }
                }
                _ => {}
            }
        }
        if digits {
            f.places = Some(after_point);
        }
        f
    }
}

/// A number cell as text: (what is read, what was stored when that differs).
pub fn number_text(v: f64, fmt: NumFormat) -> (String, Option<String>) {
    if !v.is_finite() {
        return (v.to_string(), None);
    }
    // `Display` for f64 is the shortest text that round-trips, without an exponent.
    let stored = Decimal::from_str(&format!("{v}"))
        .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
        .unwrap_or_default();
    let scaled = if fmt.percent {
        stored.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(stored)
    } else {
        stored
    };
    let shown = match fmt.places {
        Some(p) => scaled.round_dp_with_strategy(p, RoundingStrategy::MidpointAwayFromZero),
        None => scaled
            .round_sf_with_strategy(EXCEL_DIGITS, RoundingStrategy::MidpointAwayFromZero)
            .unwrap_or(scaled),
    }
    .normalize();
    let scaled = scaled.normalize();
    let suffix = if fmt.percent { "%" } else { "" };
    let text = format!("{shown}{suffix}");
    let differs = (shown != scaled).then(|| format!("{scaled}{suffix}"));
    (text, differs)
}

/// `C7` for zero-based (row, column).
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// `A`, `B`, … `Z`, `AA`, … for a zero-based column.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(places: u32) -> NumFormat {
        NumFormat {
            percent: true,
            places: Some(places),
        }
    }

    #[test]
    fn formats() {
        assert_eq!(NumFormat::parse("General"), NumFormat::default());
        assert_eq!(NumFormat::parse("0.00%"), pct(2));
        assert_eq!(NumFormat::parse("0%"), pct(0));
        let two = NumFormat {
            percent: false,
            places: Some(2),
        };
        assert_eq!(NumFormat::parse("#,##0.00;[Red]-#,##0.00"), two);
        assert_eq!(NumFormat::parse("0.00\"%\""), two);
        assert_eq!(NumFormat::parse("@"), NumFormat::default());
    }

    #[test]
    fn numbers_as_displayed() {
        assert_eq!(number_text(0.965, pct(2)), ("96.5%".into(), None));
        assert_eq!(
            number_text(0.9655, pct(1)),
            ("96.6%".into(), Some("96.55%".into()))
        );
        assert_eq!(
            number_text(7.000_000_000_000_001, NumFormat::default()),
            ("7".into(), Some("7.000000000000001".into()))
        );
        assert_eq!(number_text(0.1 + 0.2, NumFormat::default()).0, "0.3");
        assert_eq!(
            number_text(6702.0, NumFormat::default()),
            ("6702".into(), None)
        );
        assert_eq!(number_text(1e-7, NumFormat::default()).0, "0.0000001");
        let two = NumFormat {
            percent: false,
            places: Some(2),
        };
        assert_eq!(
            number_text(93.456, two),
            ("93.46".into(), Some("93.456".into()))
        );
    }

    #[test]
    fn names() {
        assert_eq!(cell_name(6, 2), "C7");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
