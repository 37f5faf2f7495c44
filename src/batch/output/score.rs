//! A score's text, written straight into an output buffer: the same bytes
//! as `show::score` (a decimal rescaled to the rubric's places and shown),
//! without a String per number. Property-tested against that in `tests`.

/// A score with the rubric's places (`91.00`), written straight into the
/// buffer: the same text as `show::score`, without a String per number.
pub fn write_score(buf: &mut Vec<u8>, d: rust_decimal::Decimal, places: u32) {
    // Scores are rounded to the places already: at most a few zeros short.
    // Padding with zeros is what `rescale` does then, without its 96-bit
    // arithmetic; the padded mantissa is written as `write_mantissa` does.
    // A mantissa past 64 bits is left to `rescale`, which may not carry
    // the places (then Display decides, as `show::score` does).
    // The padded mantissa must fit a decimal's 96 bits too, or `rescale`
    // would carry fewer places (`-79228162514265` at 15 places shows 14).
    let pad = places.checked_sub(d.scale()).filter(|&z| z <= 19);
    let small = u64::try_from(d.mantissa().unsigned_abs()).is_ok();
    // |m| < 2^64 times 10^19 fits an i128.
    let padded = pad
        .filter(|_| small)
        .map(|z| d.mantissa() * 10i128.pow(z))
        .filter(|m| m.unsigned_abs() < 1 << 96);
    match padded {
        Some(m) => write_mantissa(buf, m, places),
        None => write_rescaled(buf, d, places),
    }
}

/// A score given as its mantissa `m` at `places` decimals (|m| < 2^96):
/// the text [`write_score`] writes for that decimal, without building it.
/// The text is built right to left in a small array and copied once.
pub fn write_mantissa(buf: &mut Vec<u8>, m: i128, places: u32) {
    if places == 2 {
        if let Some((word, len)) = short2(m) {
            let end = buf.len() + len;
            buf.extend_from_slice(&word.to_le_bytes());
            buf.truncate(end);
            return;
        }
    }
    let Ok(n) = u64::try_from(m.unsigned_abs()) else {
        return write_wide(buf, m, places as usize);
    };
    // Eight bytes of room after the text, for the copy below.
    let mut text = [0u8; TEXT + 8];
    let neg = m < 0;
    // The usual places as constants, so that splitting off the places and
    // each digit is a multiplication rather than a division.
    let len = match places {
        0 => fill(&mut text, neg, n, 0),
        1 => fill(&mut text, neg, n, 1),
        2 => fill(&mut text, neg, n, 2),
        3 => fill(&mut text, neg, n, 3),
        4 => fill(&mut text, neg, n, 4),
        p @ 5..=19 => fill(&mut text, neg, n, p as usize),
        _ => return write_wide(buf, m, places as usize),
    };
    let start = TEXT - len;
    if len <= 8 {
        // Most scores (`91.00`): a copy of a fixed eight bytes is a single
        // move, where one of `len` bytes is a call; the bytes past the
        // text are cut off again.
        let end = buf.len() + len;
        buf.extend_from_slice(&text[start..start + 8]);
        buf.truncate(end);
    } else {
        buf.extend_from_slice(&text[start..TEXT]);
    }
}

/// A score at 2 places below 1000.00 in size (nearly every score): its
/// text (`-91.05`, at most 7 bytes) in the low bytes of a word, first
/// character lowest, and its length. The word is built from the right, one
/// character (or a pair of digits from [`PAIRS`]) shifted in at a time:
/// no division loop, no array indexed by a running position.
#[inline(always)]
fn short2(m: i128) -> Option<(u64, usize)> {
    let n = m.unsigned_abs();
    if n >= 100_000 {
        return None;
    }
    let n = n as u32;
    let (int, frac) = (n / 100, n % 100);
    let mut w = (u64::from(PAIRS[frac as usize]) << 8) | u64::from(b'.');
    let mut len = 3;
    if int < 10 {
        w = (w << 8) | u64::from(b'0' + int as u8);
        len += 1;
    } else if int < 100 {
        w = (w << 16) | u64::from(PAIRS[int as usize]);
        len += 2;
    } else {
        w = (w << 16) | u64::from(PAIRS[(int % 100) as usize]);
        w = (w << 8) | u64::from(b'0' + (int / 100) as u8);
        len += 3;
    }
    if m < 0 {
        w = (w << 8) | u64::from(b'-');
        len += 1;
    }
    Some((w, len))
}

/// `00` … `99` as little-endian pairs: the first digit in the low byte.
const PAIRS: [u16; 100] = {
    let mut t = [0u16; 100];
    let mut i = 0;
    while i < 100 {
        t[i] = (b'0' + (i / 10) as u8) as u16 | (((b'0' + (i % 10) as u8) as u16) << 8);
        i += 1;
    }
    t
};

/// A row's scores at `places`, each after a comma, as [`write_mantissa`]
/// writes each. At 2 places the room for every short score (8 bytes with
/// its comma) is made once, and each is one 8-byte store into it; a longer
/// score is written the general way and the room made again after it.
pub(super) fn write_marks(buf: &mut Vec<u8>, scores: &[i128], places: u32) {
    if places != 2 {
        for &m in scores {
            buf.push(b',');
            write_mantissa(buf, m, places);
        }
        return;
    }
    let mut at = buf.len();
    buf.resize(at + 8 * scores.len(), 0);
    for (k, &m) in scores.iter().enumerate() {
        match short2(m) {
            Some((w, len)) => {
                let w = (w << 8) | u64::from(b',');
                buf[at..at + 8].copy_from_slice(&w.to_le_bytes());
                at += len + 1;
            }
            None => {
                buf.truncate(at);
                buf.push(b',');
                write_mantissa(buf, m, places);
                at = buf.len();
                buf.resize(at + 8 * (scores.len() - k - 1), 0);
            }
        }
    }
    buf.truncate(at);
}

/// A sign, up to 20 digits (or `p` + 1 with leading zeros) and a point.
const TEXT: usize = 24;

/// `n` at `p` ≤ 19 places, right-aligned in `text`: its length.
#[inline(always)]
fn fill(text: &mut [u8; TEXT + 8], neg: bool, n: u64, p: usize) -> usize {
    let (mut int, mut frac) = (n / POW10_U64[p], n % POW10_U64[p]);
    let mut i = TEXT;
    if p > 0 {
        for _ in 0..p {
            i -= 1;
            text[i] = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        i -= 1;
        text[i] = b'.';
    }
    loop {
        i -= 1;
        text[i] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        text[i] = b'-';
    }
    TEXT - i
}

use crate::num::POW10_U64;

/// [`write_mantissa`] for a mantissa past 64 bits or many places.
fn write_wide(buf: &mut Vec<u8>, m: i128, p: usize) {
    let mut digits = [0u8; 40];
    let (mut n, mut i) = (m.unsigned_abs(), digits.len());
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    put_point(buf, m < 0, &digits[i..], p);
}

/// The general case: as `show::score` gives it, through `rescale`.
fn write_rescaled(buf: &mut Vec<u8>, mut d: rust_decimal::Decimal, places: u32) {
    d.rescale(places);
    // Past the places, or rounded to a negative zero (`-0.001` at 0 places
    // shows `-0`): Display's text, as show::score gives it.
    if d.scale() != places || (d.is_zero() && d.is_sign_negative()) {
        // Too large to carry the places: let Display decide, as show::score does.
        buf.extend_from_slice(d.to_string().as_bytes());
        return;
    }
    write_wide(buf, d.mantissa(), places as usize);
}

/// A mantissa's digits with the point `p` places from the right.
fn put_point(buf: &mut Vec<u8>, neg: bool, digits: &[u8], p: usize) {
    if neg {
        buf.push(b'-');
    }
    if digits.len() <= p {
        buf.push(b'0');
        if p > 0 {
            buf.push(b'.');
            buf.extend(std::iter::repeat_n(b'0', p - digits.len()));
            buf.extend_from_slice(digits);
        }
    } else {
        let (int, frac) = digits.split_at(digits.len() - p);
        buf.extend_from_slice(int);
        if p > 0 {
            buf.push(b'.');
            buf.extend_from_slice(frac);
        }
    }
}

#[cfg(test)]
mod tests;
