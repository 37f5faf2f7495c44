//! A TOML document as a tree whose every value knows where it was written.
//! Case files need this: `toml::Table` reads 0.94999999999999999 through
//! f64 (and so as 0.95) and forgets positions, while a case must keep each
//! number's source text and point at each unknown key.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// One value with its byte range in the (original) text.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: Kind,
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Str(String),
    /// A number: its exact source text is `text[span]`.
    Number,
    Bool(bool),
    Array(Vec<Node>),
    /// Keys in file order, each with the range of its value.
    Table(Vec<(String, Node)>),
    /// A date or time.
    Other,
}

/// Why the text is not TOML: the library's message and where.
#[derive(Debug)]
pub struct ParseError {
    pub detail: String,
    pub span: Range<usize>,
}

/// Parse `text`, accepting bare Chinese keys as facts files do.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let first = match parse_exact(text) {
        Ok(n) => return Ok(n),
        Err(e) => e,
    };
    let Some(quoted) = crate::facts::quote_bare_keys(text) else {
        return Err(first);
    };
    match parse_exact(&quoted.text) {
        Ok(mut n) => {
            remap(&mut n, &|r| quoted.range(r));
            Ok(n)
        }
        // The first error was only a bare key; the real one comes later.
        Err(later) if quoted.is_quoted_key(first.span.start) => Err(ParseError {
            detail: later.detail,
            span: quoted.range(&later.span),
        }),
        Err(_) => Err(first),
    }
}

fn remap(n: &mut Node, f: &dyn Fn(&Range<usize>) -> Range<usize>) {
    n.span = f(&n.span);
    match &mut n.kind {
        Kind::Array(items) => items.iter_mut().for_each(|i| remap(i, f)),
        Kind::Table(items) => items.iter_mut().for_each(|(_, i)| remap(i, f)),
        _ => {}
    }
}

fn parse_exact(text: &str) -> Result<Node, ParseError> {
    let error = |e: toml::de::Error| ParseError {
        detail: e
            .message()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        span: e.span().unwrap_or(text.len()..text.len()),
    };
    // Validate first: the span pass below reports errors less precisely.
    text.parse::<toml::Table>().map_err(error)?;
    let items = TableVisitor
        .deserialize(toml::Deserializer::new(text))
        .map_err(error)?;
    Ok(Node {
        kind: Kind::Table(items),
        span: 0..text.len(),
    })
}

/// Any value, wrapped in `Spanned` so the deserializer records its range.
struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = Node;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        let s = <Spanned<Inner> as serde::Deserialize>::deserialize(d)?;
        let span = s.span();
        Ok(Node {
            kind: s.into_inner().0,
            span,
        })
    }
}

struct Inner(Kind);

impl<'de> serde::Deserialize<'de> for Inner {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor).map(Inner)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Kind, E> {
        Ok(Kind::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Kind, E> {
        Ok(Kind::Str(v))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Kind, E> {
        Ok(Kind::Number)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Kind, E> {
        Ok(Kind::Number)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Kind, E> {
        Ok(Kind::Number)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Kind, E> {
        Ok(Kind::Bool(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        let mut out = Vec::new();
        while let Some(n) = seq.next_element_seed(AnyValue)? {
            out.push(n);
        }
        Ok(Kind::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Kind, A::Error> {
        TableVisitor.visit_map(map).map(Kind::Table)
    }
}

struct TableVisitor;

/// The name under which the `toml` crate hands a date to serde.
const DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> DeserializeSeed<'de> for TableVisitor {
    type Value = Vec<(String, Node)>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TableVisitor {
    type Value = Vec<(String, Node)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == DATETIME_KEY {
                map.next_value::<IgnoredAny>()?;
                out.push((
                    key,
                    Node {
                        kind: Kind::Other,
                        span: 0..0,
                    },
                ));
                continue;
            }
            let value = map.next_value_seed(AnyValue)?;
            out.push((key, value));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(n: &Node) -> &[(String, Node)] {
        match &n.kind {
            Kind::Table(t) => t,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn numbers_keep_their_source_text_and_bare_keys_their_place() {
        let text = "[[用例]]\n名称 = \"a\"\n事实 = { x = 0.94999999999999999 }\n";
        let root = parse(text).unwrap();
        let (key, cases) = &table(&root)[0];
        assert_eq!(key, "用例");
        let Kind::Array(items) = &cases.kind else {
            panic!()
        };
        let case = table(&items[0]);
        let facts = table(&case[1].1);
        assert_eq!(&text[facts[0].1.span.clone()], "0.94999999999999999");
        assert_eq!(&text[case[0].1.span.clone()], "\"a\"");
    }

    #[test]
    fn a_syntax_error_after_a_bare_key_is_placed_in_the_original_text() {
        let text = "名称 = \"a\"\n期望 = [1,\n";
        let e = parse(text).err().unwrap();
        assert!(
            e.span.start >= text.find("期望").unwrap(),
            "{}",
            e.span.start
        );
    }
}
