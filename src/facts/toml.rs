//! Reading a TOML facts file into entries with byte ranges.
//!
//! Two passes over the text: `toml::Table` for the values (it understands
//! every TOML type, dates included), then a span-only pass with
//! `toml::Spanned` for where each key and value was written. Floats are
//! re-read from their source text so that 85.8 stays exactly 85.8.

use super::{number_item, toml_keys, Entry, Item, RawValue, RowEntry, SyntaxError};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::fmt;
use std::ops::Range;
use toml::{Spanned, Table, Value};

pub(crate) fn read(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    let first = match read_exact(text) {
        Ok(entries) => return Ok(entries),
        Err(e) => e,
    };
    // TOML 1.0 wants `"预算数" = 6702`; people write `预算数 = 6702`. Retry
    // with such keys quoted.
    let Some(quoted) = toml_keys::quote_bare_keys(text) else {
        return Err(first);
    };
    match read_exact(&quoted.text) {
        Ok(mut entries) => {
            quoted.map_back(&mut entries);
            Ok(entries)
        }
        // The first error was only the bare key; the real one comes later.
        Err(later) if quoted.is_quoted_key(first.span.start) => Err(SyntaxError {
            detail: later.detail,
            span: quoted.range(&later.span),
        }),
        Err(_) => Err(first),
    }
}

fn read_exact(text: &str) -> Result<Vec<Entry>, SyntaxError> {
    let table: Table = text
        .parse()
        .map_err(|e: toml::de::Error| syntax_error(text, &e))?;
    let spans = TopSeed(&table)
        .deserialize(toml::Deserializer::new(text))
        .map_err(|e| syntax_error(text, &e))?;
    Ok(spans
        .into_iter()
        .filter_map(|s| entry(text, &table, s, true))
        .collect())
}

fn syntax_error(text: &str, e: &toml::de::Error) -> SyntaxError {
    let detail = e
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let span = e.span().unwrap_or(text.len()..text.len());
    SyntaxError { detail, span }
}

fn entry(text: &str, table: &Table, s: KeySpans, top: bool) -> Option<Entry> {
    let value = table.get(&s.key)?;
    let item = match value {
        Value::String(v) => Item::Value(RawValue::Text(v.clone())),
        Value::Integer(i) => match number_item(&text[s.span.clone()]) {
            Item::Value(RawValue::Number(d)) => Item::Value(RawValue::Number(d)),
            // Hex, octal and binary literals are still integers.
            _ => Item::Value(RawValue::Number((*i).into())),
        },
        Value::Float(_) => number_item(&text[s.span.clone()]),
        Value::Boolean(b) => Item::Value(RawValue::Bool(*b)),
        Value::Table(inner) if top && s.inner.is_some() => {
            let inner_spans = s.inner.unwrap_or_default();
            Item::Table(
                inner_spans
                    .into_iter()
                    .filter_map(|k| entry(text, inner, k, false))
                    .collect(),
            )
        }
        Value::Array(rows) if top && s.rows.is_some() => {
            let spans = s.rows.unwrap_or_default();
            Item::Rows(
                rows.iter()
                    .zip(spans)
                    .filter_map(|(row, (span, keys))| {
                        let row = row.as_table()?;
                        let cells = keys
                            .into_iter()
                            .filter_map(|k| entry(text, row, k, false))
                            .collect();
                        Some(RowEntry { cells, span })
                    })
                    .collect(),
            )
        }
        Value::Table(_) | Value::Array(_) | Value::Datetime(_) => Item::Other,
    };
    Some(Entry {
        key: s.key,
        key_span: s.key_span,
        item,
        span: s.span,
    })
}

/// Where one key and its value were written; `inner` for a nested facts table.
#[derive(Debug)]
struct KeySpans {
    key: String,
    key_span: Range<usize>,
    span: Range<usize>,
    inner: Option<Vec<KeySpans>>,
    /// For an array of tables: each table's range and keys.
    rows: Option<Vec<(Range<usize>, Vec<KeySpans>)>>,
}

/// The top-level table. It knows from the first pass which keys hold a
/// nested facts table, because asking for key spans inside a date would fail.
struct TopSeed<'a>(&'a Table);

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Vec<KeySpans>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = Vec<KeySpans>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let nested = super::nested_key(key.get_ref().as_str())
                && self.0.get(key.get_ref()).is_some_and(Value::is_table);
            let rows = self.0.get(key.get_ref()).is_some_and(
                |v| matches!(v, Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_table)),
            );
            let (span, inner, rows) = if nested {
                let v = map.next_value::<Spanned<Flat>>()?;
                (v.span(), Some(v.into_inner().0), None)
            } else if rows {
                let v = map.next_value::<Spanned<Vec<Spanned<Flat>>>>()?;
                let span = v.span();
                let rows = v
                    .into_inner()
                    .into_iter()
                    .map(|r| (r.span(), r.into_inner().0))
                    .collect();
                (span, None, Some(rows))
            } else {
                (map.next_value::<Spanned<IgnoredAny>>()?.span(), None, None)
            };
            out.push(KeySpans {
                key_span: key.span(),
                key: key.into_inner(),
                span,
                inner,
                rows,
            });
        }
        Ok(out)
    }
}

/// A nested facts table: keys and value spans, values not looked into.
struct Flat(Vec<KeySpans>);

impl<'de> serde::Deserialize<'de> for Flat {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(FlatVisitor)
    }
}

struct FlatVisitor;

impl<'de> Visitor<'de> for FlatVisitor {
    type Value = Flat;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Flat, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let span = map.next_value::<Spanned<IgnoredAny>>()?.span();
            out.push(KeySpans {
                key_span: key.span(),
                key: key.into_inner(),
                span,
                inner: None,
                rows: None,
            });
        }
        Ok(Flat(out))
    }
}
