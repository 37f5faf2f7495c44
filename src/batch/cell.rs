//! A cell's text read into a number, without the facts reader: trimming,
//! a plain decimal's mantissa and scale, and a unit's factor applied to
//! it, each giving exactly what the full path gives (unit-tested here).

use rust_decimal::Decimal;

/// A cell's factor, with what multiplying by it needs taken apart once.
#[derive(Clone, Copy)]
pub(super) struct Factor {
    d: Decimal,
    /// Exactly 1 (scale 0): the cell's own decimal is the value.
    one: bool,
    /// The mantissa, when it fits 64 bits.
    m: Option<i64>,
}

impl Factor {
    pub(super) fn new(d: Decimal) -> Factor {
        Factor {
            d,
            one: d == Decimal::ONE && d.scale() == 0,
            m: i64::try_from(d.mantissa()).ok(),
        }
    }

    /// `m`·10^-`scale` times the factor, the same mantissa and scale as
    /// `checked_mul`: rust_decimal multiplies mantissas and adds scales when
    /// the product fits, and gives plain 0 for zero. A 64-bit product is
    /// built here directly, without building the cell's decimal first;
    /// anything larger goes the general way.
    #[inline]
    pub(super) fn apply(&self, m: i64, scale: u32) -> Option<Decimal> {
        if m == 0 || self.m == Some(0) {
            return Some(Decimal::ZERO);
        }
        if self.one {
            return Some(Decimal::new(m, scale));
        }
        let scale_f = self.d.scale();
        if let Some(p) = self.m.and_then(|f| m.checked_mul(f)) {
            if scale + scale_f <= 28 {
                return Some(Decimal::new(p, scale + scale_f));
            }
        }
        Decimal::new(m, scale).checked_mul(self.d)
    }
}

/// `s.trim()`, without scanning for Unicode blanks in a cell whose first
/// and last characters after its ASCII blanks are not blanks (nearly every
/// cell, `是` and `满意` included): `trim_ascii` removed only blanks, so
/// what is left is then trimmed already. A blank past ASCII (U+0085,
/// U+00A0, U+1680, U+2000–U+205F, U+3000) begins with byte C2, E1, E2 or
/// E3, so a character led by any other byte is not one.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    if ends_not_blank(s.as_bytes()) {
        return s;
    }
    let t = s.trim_ascii();
    if t.is_empty() || ends_not_blank(t.as_bytes()) {
        t
    } else {
        t.trim()
    }
}

/// Whether `b` (UTF-8) begins and ends with a character that is not blank.
#[inline]
fn ends_not_blank(b: &[u8]) -> bool {
    let no_blank = |lead: u8| {
        lead.is_ascii_graphic() || (lead >= 0xC0 && !matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3))
    };
    let (Some(&first), Some(&end)) = (b.first(), b.last()) else {
        return false;
    };
    if !no_blank(first) {
        return false;
    }
    if end.is_ascii_graphic() {
        return true;
    }
    // The last character's lead byte: the last byte that does not continue one.
    let lead = b[b.len().saturating_sub(4)..]
        .iter()
        .rev()
        .find(|&&x| x & 0xC0 != 0x80);
    lead.is_some_and(|&l| no_blank(l))
}

/// `-123.45` with at most 18 digits, as `Decimal::from_str` reads it (same
/// mantissa and scale). Anything else (signs `+`, separators, exponents,
/// `-0`) is left to the full parser.
pub fn plain_decimal(s: &str) -> Option<Decimal> {
    plain_parts(s).map(|(m, scale)| Decimal::new(m, scale))
}

/// [`plain_decimal`] as its mantissa and scale.
#[inline]
pub(super) fn plain_parts(s: &str) -> Option<(i64, u32)> {
    let b = s.as_bytes();
    let neg = b.first() == Some(&b'-');
    let b = &b[usize::from(neg)..];
    // At most 18 digits and one point (a 19th digit could overflow i64:
    // the full parser takes it), so the loop need not count.
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let (mut m, mut point) = (0i64, None);
    for (i, &c) in b.iter().enumerate() {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            m = m * 10 + i64::from(d);
        } else if c == b'.' && point.is_none() {
            point = Some(i);
        } else {
            return None;
        }
    }
    let scale = match point {
        // A point needs a digit before and after it.
        Some(i) if i == 0 || i + 1 == b.len() => return None,
        Some(i) => (b.len() - i - 1) as u32,
        None if b.len() > 18 => return None,
        None => 0,
    };
    if neg && m == 0 {
        return None;
    }
    Some((if neg { -m } else { m }, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_factor_applies_as_decimal_multiplication_scale_and_all() {
        let ds = [
            "0",
            "0.00",
            "1",
            "-1",
            "7.50",
            "-3.5",
            "123456789012345678",
            "0.000001",
            "99999.9999",
        ];
        let fs = [
            "1",
            "1.0",
            "0.01",
            "10000",
            "0",
            "-2",
            "0.00000000000000000001",
            "100000000000",
        ];
        for d in ds {
            for f in fs {
                let (d, f): (Decimal, Decimal) = (d.parse().unwrap(), f.parse().unwrap());
                let m = i64::try_from(d.mantissa()).unwrap();
                let (a, b) = (Factor::new(f).apply(m, d.scale()), d.checked_mul(f));
                assert_eq!(a, b, "{d} × {f}");
                assert_eq!(a.map(|x| x.scale()), b.map(|x| x.scale()), "{d} × {f}");
                assert_eq!(
                    a.map(|x| x.is_sign_negative()),
                    b.map(|x| x.is_sign_negative()),
                    "{d} × {f}"
                );
            }
        }
    }

    /// The reader before its loop stopped counting digits: the same
    /// strings accepted, the same mantissa and scale.
    fn plain_before(s: &str) -> Option<Decimal> {
        let b = s.as_bytes();
        let neg = b.first() == Some(&b'-');
        let b = &b[usize::from(neg)..];
        let (mut m, mut scale, mut digits, mut point) = (0i64, 0u32, 0u32, false);
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'0'..=b'9' if digits < 18 => {
                    m = m * 10 + i64::from(c - b'0');
                    digits += 1;
                    scale += u32::from(point);
                }
                b'.' if !point && i > 0 && i + 1 < b.len() => point = true,
                _ => return None,
            }
        }
        if digits == 0 || (neg && m == 0) {
            return None;
        }
        Some(Decimal::new(if neg { -m } else { m }, scale))
    }

    #[test]
    fn plain_decimal_reads_what_it_read_before_and_as_from_str_does() {
        let mut cases: Vec<String> = [
            "",
            "-",
            ".",
            "-.",
            "0",
            "-0",
            "-0.0",
            "0.00",
            "00",
            "007.50",
            "1.",
            ".5",
            "-.5",
            "1..2",
            "1.2.3",
            "+1",
            "1e3",
            "1,0",
            " 1",
            "1 ",
            "１",
            "-12.345",
            "99999.9999",
            "123456789012345678",
            "1234567890123456789",
            "12345678901234567.8",
            "1234567890123456789.0",
            "0.000000000000000001",
            "-999999999999999999",
            "1/2",
            "%",
            "9:",
            "/",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every string of up to four characters from digits, point and sign.
        let alphabet = ['0', '1', '9', '.', '-'];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            frontier = frontier
                .iter()
                .flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}")))
                .collect();
            cases.extend(frontier.iter().cloned());
        }
        for s in &cases {
            let (new, old) = (plain_decimal(s), plain_before(s));
            assert_eq!(new, old, "{s:?}");
            assert_eq!(new.map(|d| d.scale()), old.map(|d| d.scale()), "{s:?}");
            if let Some(d) = new {
                let want: Decimal = s.parse().unwrap();
                assert_eq!((d, d.scale()), (want, want.scale()), "{s:?}");
            }
        }
    }

    #[test]
    fn yes_and_no_are_read_by_their_bytes() {
        assert_eq!("是".as_bytes(), [0xE6, 0x98, 0xAF]);
        assert_eq!("有".as_bytes(), [0xE6, 0x9C, 0x89]);
        assert_eq!("否".as_bytes(), [0xE5, 0x90, 0xA6]);
        assert_eq!("无".as_bytes(), [0xE6, 0x97, 0xA0]);
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            " 95% ",
            "\t1\r",
            "\u{3000}95\u{3000}",
            "\u{b}1",
            "是 ",
            " a\u{a0}",
            "\u{85}x",
            "是",
            " 是\t",
            "是\u{3000}",
            "\u{3000}是",
            "满意\u{a0}",
            "\u{2028}否",
            "否\u{202f}",
            "x\u{b}",
            "\u{b}",
            "©",
            " ©\u{2028}",
            "\u{1680}a",
            "a\u{205f}",
            "\u{3000}",
            "满",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
        // Every character up to U+3100 and a few beyond, alone and at either end.
        let chars = (0..0x3100u32).chain([0xFEFF, 0xFF10, 0x1F600]);
        for c in chars.filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}a"),
                format!(" {c} "),
            ] {
                assert_eq!(trim(&s), s.trim(), "{s:?}");
            }
        }
    }
}
