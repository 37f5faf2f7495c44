//! A cell's text read into a number, without the facts reader: trimming,
//! a plain decimal's mantissa and scale, and a unit's factor applied to
//! it, each giving exactly what the full path gives (unit-tested here).

use rust_decimal::Decimal;

/// A cell's factor, with what multiplying by it needs taken apart once.
#[derive(Clone, Copy)]
pub(super) struct Factor {
    d: Decimal,
    /// The mantissa's size and sign, when it fits 64 bits.
    m: Option<(u64, bool)>,
    scale: u32,
}

impl Factor {
    pub(super) fn new(d: Decimal) -> Factor {
        let m = d.mantissa();
        Factor {
            d,
            m: u64::try_from(m.unsigned_abs()).ok().map(|n| (n, m < 0)),
            scale: d.scale(),
        }
    }

    /// The decimal `n`·10^-`scale` (negative when `neg`) times the factor,
    /// the same mantissa and scale as `checked_mul`: rust_decimal multiplies
    /// mantissas and adds scales when the product fits, and gives plain 0
    /// for zero. A 64-bit product is built here directly, without building
    /// the cell's decimal first (a factor of 1 multiplies by 1; 0.01 for `%`
    /// adds 2 to the scale); anything larger goes the general way.
    #[inline(always)]
    pub(super) fn apply(&self, neg: bool, n: u64, scale: u32) -> Option<Decimal> {
        if n == 0 {
            return Some(Decimal::ZERO);
        }
        if let Some((f, f_neg)) = self.m {
            if f == 0 {
                return Some(Decimal::ZERO);
            }
            let s = scale + self.scale;
            if let Some(p) = n.checked_mul(f).filter(|_| s <= 28) {
                return Some(Decimal::from_parts(
                    p as u32,
                    (p >> 32) as u32,
                    0,
                    neg != f_neg,
                    s,
                ));
            }
        }
        let m = i64::try_from(n).ok()?;
        Decimal::new(if neg { -m } else { m }, scale).checked_mul(self.d)
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
    plain_parts(s).map(|(neg, n, scale)| {
        let m = n as i64;
        Decimal::new(if neg { -m } else { m }, scale)
    })
}

/// [`plain_decimal`] as its sign, mantissa (< 10^18) and scale. The digits
/// before the point are read one by one (there are few: `0.00176233`);
/// those after it (up to 18) eight or four at a time, see [`tail_digits`].
#[inline(always)]
pub(super) fn plain_parts(s: &str) -> Option<(bool, u64, u32)> {
    let b = s.as_bytes();
    let (neg, b) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    // At most 18 digits and one point (a 19th digit could overflow: the
    // full parser takes it), so the loops need not count.
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let mut m = 0u64;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let d = c.wrapping_sub(b'0');
        if d >= 10 {
            break;
        }
        m = m * 10 + u64::from(d);
        i += 1;
    }
    let scale = if i == b.len() {
        if i > 18 {
            return None;
        }
        0
    } else {
        // A point needs a digit before and after it.
        if b[i] != b'.' || i == 0 || i + 1 == b.len() {
            return None;
        }
        let k = b.len() - i - 1;
        m = m * POW10_U64[k] + tail_digits(b, i + 1)?;
        k as u32
    };
    if neg && m == 0 {
        return None;
    }
    Some((neg, m, scale))
}

use crate::num::POW10_U64;

/// The number `b[start..]` spells when every byte is a digit (at most 18 of
/// them). The digits are read right to left in windows of eight or four
/// bytes ending where the digits still to read end: a window may begin
/// before `start` (on the point or the integer digits), and its bytes
/// there are taken as `0`. Only what is left of fewer than four bytes at
/// the start of the cell is read one by one.
#[inline(always)]
fn tail_digits(b: &[u8], start: usize) -> Option<u64> {
    let (mut end, mut value, mut unit) = (b.len(), 0u64, 1u64);
    while end > start {
        let k = end - start;
        let (v, take) = if end >= 8 {
            let take = k.min(8);
            let w = u64::from_le_bytes(b[end - 8..end].try_into().ok()?);
            (eight_digits(zero_low(w, 8 - take))?, take)
        } else if end >= 4 {
            let take = k.min(4);
            let w = u32::from_le_bytes(b[end - 4..end].try_into().ok()?);
            (four_digits(zero_low(u64::from(w), 4 - take) as u32)?, take)
        } else {
            let mut v = 0u64;
            for &c in &b[start..end] {
                let d = c.wrapping_sub(b'0');
                if d >= 10 {
                    return None;
                }
                v = v * 10 + u64::from(d);
            }
            (v, k)
        };
        value += v * unit;
        unit *= POW10_U64[take];
        end -= take;
    }
    Some(value)
}

/// `w` with its lowest `n` (< 8) bytes, the window's first characters, made `0`.
#[inline(always)]
fn zero_low(w: u64, n: usize) -> u64 {
    let mask = (1u64 << (8 * n)) - 1;
    (w & !mask) | (ZEROS & mask)
}

const ZEROS: u64 = 0x3030_3030_3030_3030;

/// Eight ASCII digits, the first in the lowest byte, as their number; `None`
/// when a byte is not a digit. A byte is one when its high nibble is 3 and
/// stays 3 after adding 6 (0x30–0x39); the digits are then combined in
/// pairs, fours and eights by three multiplications (as simdjson does).
#[inline(always)]
fn eight_digits(w: u64) -> Option<u64> {
    let hi = 0xF0F0_F0F0_F0F0_F0F0u64;
    let sixes = 0x0606_0606_0606_0606u64;
    if (w & hi) | ((w.wrapping_add(sixes) & hi) >> 4) != 0x3333_3333_3333_3333 {
        return None;
    }
    let w = ((w & 0x0F0F_0F0F_0F0F_0F0F).wrapping_mul(2561)) >> 8;
    let w = ((w & 0x00FF_00FF_00FF_00FF).wrapping_mul(6_553_601)) >> 16;
    Some(((w & 0x0000_FFFF_0000_FFFF).wrapping_mul(42_949_672_960_001)) >> 32)
}

/// [`eight_digits`] for four.
#[inline(always)]
fn four_digits(w: u32) -> Option<u64> {
    if (w & 0xF0F0_F0F0) | ((w.wrapping_add(0x0606_0606) & 0xF0F0_F0F0) >> 4) != 0x3333_3333 {
        return None;
    }
    let w = ((w & 0x0F0F_0F0F).wrapping_mul(2561)) >> 8;
    Some(u64::from(((w & 0x00FF_00FF).wrapping_mul(6_553_601)) >> 16))
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
                let neg = m < 0;
                let n = m.unsigned_abs();
                let (a, b) = (Factor::new(f).apply(neg, n, d.scale()), d.checked_mul(f));
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
