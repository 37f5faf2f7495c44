//! TOML 1.0 allows only ASCII bare keys, so `预算数 = 6702` is an error to
//! the `toml` crate, yet it is what people write (and what TOML 1.1 allows).
//! This quotes such keys in a copy of the text and maps byte offsets back to
//! the original, so messages still point at what the user wrote. It is only
//! tried after the text failed to parse as it is.

use super::{Entry, Item};
use std::ops::Range;

pub(crate) struct Quoted {
    pub text: String,
    /// Offsets in the original text before which a `"` was inserted, sorted
    /// (in pairs: the start and the end of each quoted key).
    inserted: Vec<usize>,
    /// Where each inserted quote sits in the quoted text (`inserted[i] + i`),
    /// strictly increasing, so mapping an offset back is a binary search:
    /// with one lookup per span, a linear scan made 40,000 keys quadratic (F16).
    in_quoted: Vec<usize>,
}

impl Quoted {
    /// The original offset of an offset in the quoted text. An inserted
    /// quote maps to the key it belongs to.
    fn original(&self, n: usize) -> usize {
        n - self.in_quoted.partition_point(|&q| q < n)
    }

    /// Whether an original offset lies within a key this quoted.
    pub fn is_quoted_key(&self, at: usize) -> bool {
        // Pairs (start, end) do not overlap: after an odd number of bounds
        // at or before `at` we are inside a key; an even number is inside
        // only when `at` is that key's end.
        let k = self.inserted.partition_point(|&x| x <= at);
        k % 2 == 1 || (k > 0 && self.inserted[k - 1] == at)
    }

    pub fn range(&self, r: &Range<usize>) -> Range<usize> {
        self.original(r.start)..self.original(r.end)
    }

    pub fn map_back(&self, entries: &mut [Entry]) {
        for e in entries {
            e.key_span = self.range(&e.key_span);
            e.span = self.range(&e.span);
            if let Item::Table(inner) = &mut e.item {
                self.map_back(inner);
            }
            if let Item::Rows(rows) = &mut e.item {
                for r in rows {
                    r.span = self.range(&r.span);
                    self.map_back(&mut r.cells);
                }
            }
        }
    }
}

/// `None` when there is no key to quote.
pub(crate) fn quote_bare_keys(src: &str) -> Option<Quoted> {
    let mut inserted = Vec::new();
    let mut in_multiline: Option<&str> = None;
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        if let Some(delim) = in_multiline {
            if line.contains(delim) {
                in_multiline = None;
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let body = &line[indent..];
        let at = start + indent;
        if let Some(header) = body.strip_prefix('[') {
            let skip = usize::from(header.starts_with('['));
            if let Some(close) = find_outside_strings(header, b']') {
                quote_segments(&header[skip..close], at + 1 + skip, &mut inserted);
            }
        } else if let Some(eq) = find_outside_strings(body, b'=') {
            quote_segments(&body[..eq], at, &mut inserted);
            quote_inline_table(&body[eq + 1..], at + eq + 1, &mut inserted);
            in_multiline = multiline_opened(&body[eq + 1..]);
        }
    }
    if inserted.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(src.len() + inserted.len());
    let mut last = 0;
    for &at in &inserted {
        text.push_str(&src[last..at]);
        text.push('"');
        last = at;
    }
    text.push_str(&src[last..]);
    let in_quoted = inserted.iter().enumerate().map(|(i, at)| at + i).collect();
    Some(Quoted {
        text,
        inserted,
        in_quoted,
    })
}

/// Quote each segment of a dotted key that is neither quoted nor a valid
/// ASCII bare key, as long as quoting cannot change its meaning.
fn quote_segments(key: &str, at: usize, inserted: &mut Vec<usize>) {
    let mut seg_start = 0;
    let mut ends: Vec<usize> = Vec::new();
    let bytes = key.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'') => i = string_end(bytes, i, q),
            b'.' => {
                ends.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    ends.push(key.len());
    for end in ends {
        let seg = &key[seg_start..end.min(key.len())];
        let lead = seg.len() - seg.trim_start().len();
        let word = seg.trim();
        let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let unsafe_char = |c: char| c.is_whitespace() || "\"'\\#=[]{},".contains(c);
        if !word.is_empty() && !word.chars().all(bare) && !word.chars().any(unsafe_char) {
            let s = at + seg_start + lead;
            inserted.push(s);
            inserted.push(s + word.len());
        }
        seg_start = end + 1;
    }
}

/// The index just past the string starting at `i` (or the end of the line).
fn string_end(b: &[u8], mut i: usize, q: u8) -> usize {
    i += 1;
    while i < b.len() && b[i] != q {
        if q == b'"' && b[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    (i + 1).min(b.len())
}

/// The first `ch` outside strings and before a comment.
fn find_outside_strings(s: &str, ch: u8) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c if c == ch => return Some(i),
            b'#' => return None,
            q @ (b'"' | b'\'') => i = string_end(b, i, q),
            _ => i += 1,
        }
    }
    None
}

/// Whether a value opens a multi-line string that the line does not close.
fn multiline_opened(value: &str) -> Option<&'static str> {
    let b = value.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => return None,
            q @ (b'"' | b'\'') => {
                let triple = if q == b'"' { "\"\"\"" } else { "'''" };
                if value[i..].starts_with(triple) {
                    match value[i + 3..].find(triple) {
                        Some(j) => i += 3 + j + 3,
                        None => return Some(triple),
                    }
                } else {
                    i = string_end(b, i, q);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Keys inside a one-line inline table (`期望 = { 总分 = "91.00", 等级 = "优" }`):
/// each `key =` after `{` or `,` is quoted like a top-level key.
fn quote_inline_table(value: &str, at: usize, inserted: &mut Vec<usize>) {
    let trimmed = value.trim_start();
    if !trimmed.starts_with('{') {
        return;
    }
    let mut pos = at + (value.len() - trimmed.len()) + 1;
    let mut rest = &trimmed[1..];
    loop {
        let Some(eq) = find_outside_strings(rest, b'=') else {
            return;
        };
        quote_segments(&rest[..eq], pos, inserted);
        let after = &rest[eq + 1..];
        let Some(comma) = find_outside_strings(after, b',') else {
            return;
        };
        let step = eq + 1 + comma + 1;
        pos += step;
        rest = &rest[step..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_keys_of_a_one_line_inline_table() {
        let src = "期望 = { 总分 = \"91.00\", 等级 = \"优\" }\n";
        let q = quote_bare_keys(src).unwrap();
        assert_eq!(
            q.text,
            "\"期望\" = { \"总分\" = \"91.00\", \"等级\" = \"优\" }\n"
        );
        assert!(q.text.parse::<toml::Table>().is_ok());
    }

    #[test]
    fn quotes_cjk_keys_and_maps_offsets_back() {
        let src = "单位 = \"甲局\"\n[事实]\n预算数 = 6702 # 注释 = x\nok_key = 1\n";
        let q = quote_bare_keys(src).unwrap();
        assert_eq!(
            q.text,
            "\"单位\" = \"甲局\"\n[\"事实\"]\n\"预算数\" = 6702 # 注释 = x\nok_key = 1\n"
        );
        let k = q.text.find("\"预算数\"").unwrap();
        let r = q.range(&(k..k + "\"预算数\"".len()));
        assert_eq!(&src[r], "预算数");
        let v = q.text.find("6702").unwrap();
        assert_eq!(&src[q.range(&(v..v + 4))], "6702");
    }

    #[test]
    fn leaves_multiline_strings_alone() {
        let src = "备注 = \"\"\"\n第一行 = 不是键\n\"\"\"\n人数 = 3\n";
        let q = quote_bare_keys(src).unwrap();
        assert_eq!(
            q.text,
            "\"备注\" = \"\"\"\n第一行 = 不是键\n\"\"\"\n\"人数\" = 3\n"
        );
    }

    #[test]
    fn offsets_map_back_like_a_linear_scan_and_in_linear_time() {
        let src: String = (0..40_000).map(|i| format!("未知{i} = 1\n")).collect();
        let q = quote_bare_keys(&src).unwrap();
        // The reference: count the quotes before each offset one by one.
        let slow = |n: usize| {
            n - q
                .inserted
                .iter()
                .enumerate()
                .take_while(|(i, at)| *at + i < n)
                .count()
        };
        for n in [0, 1, 2, 3, 10, 11, 12, 13, 1000, q.text.len()] {
            assert_eq!(q.original(n), slow(n), "offset {n}");
        }
        let slow_key = |at: usize| q.inserted.chunks(2).any(|p| p[0] <= at && at <= p[1]);
        for at in 0..200 {
            assert_eq!(q.is_quoted_key(at), slow_key(at), "offset {at}");
        }
        let t = std::time::Instant::now();
        for n in 0..q.text.len() {
            std::hint::black_box(q.original(n));
        }
        // Quadratic was ~10^10 steps; logarithmic is well under a second.
        assert!(t.elapsed().as_secs() < 3, "{:?}", t.elapsed());
    }

    #[test]
    fn nothing_to_quote() {
        assert!(quote_bare_keys("\"预算数\" = 1\na = \"x = y\"\n").is_none());
    }
}
