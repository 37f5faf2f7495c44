//! Reading a JSON facts file into entries with byte ranges.
//!
//! serde_json checks the syntax but keeps no positions, and without
//! `arbitrary_precision` it would read 85.8 as a float. So once the text is
//! known to be valid JSON, a small scanner walks the top-level object,
//! recording where each key and value is and reading numbers from their text.

use super::{number_item, Entry, Item, RawValue, RowEntry, SyntaxError};
use std::ops::Range;

pub(crate) fn read(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    // Checked without building values: a number beyond f64 (`1e400`, 50
    // digits) is valid JSON, and the facts reader says why it cannot be used.
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| syntax_error(text, &e))?;
    let mut s = Scanner {
        src: text,
        b: text.as_bytes(),
        pos: 0,
    };
    s.ws();
    if s.b.get(s.pos) != Some(&b'{') {
        let end = s.value_end();
        let detail = "the top level must be an object of 名称: 值".to_string();
        return Err(SyntaxError {
            detail,
            span: s.pos..end.max(s.pos + 1).min(text.len()),
        });
    }
    Ok(s.object(true))
}

fn syntax_error(text: &str, e: &serde_json::Error) -> SyntaxError {
    let full = e.to_string();
    // The renderer shows the place itself; drop serde_json's " at line L column C".
    let detail = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let line_len = text[line_start.min(text.len())..]
        .find('\n')
        .unwrap_or(text.len() - line_start.min(text.len()));
    // serde_json counts columns in bytes and reports the byte it stopped after.
    let mut at = (line_start + e.column().saturating_sub(1).min(line_len)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    SyntaxError {
        detail,
        span: at..end,
    }
}

/// Walks text already known to be valid JSON.
struct Scanner<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.pos < self.b.len() && matches!(self.b[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// At `{`: its entries, with a nested facts object opened when `top`.
    fn object(&mut self, top: bool) -> Vec<Entry> {
        let mut out = Vec::new();
        self.pos += 1;
        loop {
            self.ws();
            match self.b.get(self.pos) {
                Some(b'"') => {}
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {
                    self.pos += 1;
                    return out;
                }
            }
            let key_span = self.string();
            let key = decode(&self.src[key_span.clone()]);
            self.ws();
            self.pos += 1; // the colon
            self.ws();
            let start = self.pos;
            let item = match self.b.get(self.pos) {
                Some(b'{') if top && super::nested_key(&key) => Item::Table(self.object(false)),
                Some(b'"') => {
                    let r = self.string();
                    Item::Value(RawValue::Text(decode(&self.src[r])))
                }
                Some(b't') => self.literal(4, Item::Value(RawValue::Bool(true))),
                Some(b'f') => self.literal(5, Item::Value(RawValue::Bool(false))),
                Some(b'n') => self.literal(4, Item::Null),
                Some(b'[') if top => self.rows(),
                Some(b'{' | b'[') => {
                    self.pos = self.value_end();
                    Item::Other
                }
                _ => {
                    while self.pos < self.b.len()
                        && matches!(
                            self.b[self.pos],
                            b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                        )
                    {
                        self.pos += 1;
                    }
                    number_item(&self.src[start..self.pos])
                }
            };
            out.push(Entry {
                key,
                key_span,
                item,
                span: start..self.pos,
            });
        }
    }

    /// At `[`: an array of objects (a target table's rows), else `Other`.
    fn rows(&mut self) -> Item {
        let end = self.value_end();
        let mut rows = Vec::new();
        self.pos += 1;
        loop {
            self.ws();
            match self.b.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'{') => {
                    let start = self.pos;
                    let cells = self.object(false);
                    rows.push(RowEntry {
                        cells,
                        span: start..self.pos,
                    });
                }
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => {
                    self.pos = end;
                    return Item::Other;
                }
            }
        }
        if rows.is_empty() {
            return Item::Other;
        }
        Item::Rows(rows)
    }

    fn literal(&mut self, len: usize, item: Item) -> Item {
        self.pos += len;
        item
    }

    /// At `"`: the string's range, quotes included.
    fn string(&mut self) -> Range<usize> {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.b.len() && self.b[self.pos] != b'"' {
            self.pos += if self.b[self.pos] == b'\\' { 2 } else { 1 };
        }
        self.pos = (self.pos + 1).min(self.b.len());
        start..self.pos
    }

    /// The end of the value at `pos`, skipping nested brackets and strings.
    fn value_end(&self) -> usize {
        let mut depth = 0usize;
        let mut i = self.pos;
        while i < self.b.len() {
            match self.b[i] {
                b'"' => {
                    let mut s = Scanner {
                        src: self.src,
                        b: self.b,
                        pos: i,
                    };
                    i = s.string().end;
                    if depth == 0 {
                        return i;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth <= 1 => return i + 1,
                b'}' | b']' => depth -= 1,
                b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return i,
                _ => {}
            }
            i += 1;
        }
        i
    }
}

/// A JSON string literal's content; the text was validated already.
fn decode(literal: &str) -> String {
    serde_json::from_str(literal).unwrap_or_default()
}
