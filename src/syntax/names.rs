//! Official names written without quotes. A name such as 发放（缴纳）覆盖率
//! holds characters a bare name cannot (（）“”、：% and spaces); when a
//! statement fails to parse, this looks for such a name in a declaration
//! (`输入 …:`, `定义 … =`, `指标 … 10`) or an unquoted use of a name
//! declared in quotes elsewhere, and says which character needs the quotes.

use super::parser::{comment_start, is_plain_name};
use super::span::{FileId, Span};
use crate::diag::{Diagnostic, Msg};

/// Declaration keywords, with what ends the name after them.
const HEADS: &[(&str, End)] = &[
    ("绩效指标表", End::Weight),
    ("指标表", End::Weight),
    ("指标", End::Weight),
    ("加分", End::Cap),
    ("减分", End::Cap),
    ("输入", End::Colon),
    ("定义", End::Equals),
];

#[derive(Clone, Copy)]
enum End {
    Colon,
    Equals,
    Weight,
    Cap,
}

/// Diagnostics for unquoted official names in `text[from..to]`.
pub(super) fn needs_quotes(
    text: &str,
    from: usize,
    to: usize,
    file: FileId,
    quoted: &[String],
) -> Vec<Diagnostic> {
    let region = &text[from..to.min(text.len())];
    let mut out = Vec::new();
    let mut line_start = from;
    for line in region.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        // Comments may quote the form in its own words.
        let body = &body[..comment_start(body).unwrap_or(body.len())];
        let at = line_start + indent;
        line_start += line.len();
        if let Some((off, name)) = declared_name(body) {
            if let Some(d) = report(name, at + off, file) {
                out.push(d);
                continue;
            }
        }
        // A name declared in quotes, used bare.
        for q in quoted {
            let mut search = 0;
            while let Some(i) = body[search..].find(q.as_str()) {
                let i = search + i;
                search = i + q.len();
                if !body[..i].ends_with('"') {
                    out.extend(report(q, at + i, file));
                    break;
                }
            }
        }
    }
    out
}

fn report(name: &str, at: usize, file: FileId) -> Option<Diagnostic> {
    let ch = name
        .chars()
        .enumerate()
        .find(|&(i, c)| !(c.is_alphanumeric() || c == '_') || (i == 0 && c.is_numeric()))
        .map(|(_, c)| c)?;
    let span = Span::new(file, at, at + name.len());
    Some(
        Diagnostic::new(Msg::NameNeedsQuotes {
            name: name.to_string(),
            ch,
        })
        .at(span),
    )
}

/// The name of a declaration line, with its byte offset, when it is not a
/// plain name and not already quoted.
fn declared_name(body: &str) -> Option<(usize, &str)> {
    let (kw, end) = HEADS.iter().find(|(k, _)| body.starts_with(k))?;
    let rest = &body[kw.len()..];
    let after = rest.trim_start();
    if after.len() == rest.len() || after.starts_with('"') {
        return None;
    }
    let off = kw.len() + (rest.len() - after.len());
    let stop = match end {
        End::Colon => after.rfind([':', '：'])?,
        End::Equals => after.find(['=', '＝'])?,
        End::Cap => ["最高", "最多"]
            .iter()
            .filter_map(|w| after.find(w))
            .min()?,
        End::Weight => weight_start(after)?,
    };
    let name = after[..stop].trim_end();
    (!name.is_empty() && !is_plain_name(name)).then_some((off, name))
}

/// Where the weight of `指标 名 10 {` begins: the last number before `{`
/// that follows a space.
fn weight_start(s: &str) -> Option<usize> {
    let head = &s[..s.find(['{', '｛']).unwrap_or(s.len())];
    let b = head.as_bytes();
    let mut found = None;
    for i in 1..b.len() {
        if b[i].is_ascii_digit() && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
            found = Some(i);
        }
    }
    found
}

/// Names declared in quotes anywhere in the file (`输入 "甲（乙）": …`).
pub(super) fn quoted_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let body = line.trim_start();
        let Some((kw, _)) = HEADS.iter().find(|(k, _)| body.starts_with(k)) else {
            continue;
        };
        let rest = body[kw.len()..].trim_start();
        if let Some(inner) = rest.strip_prefix('"') {
            if let Some(end) = inner.find('"') {
                let name = &inner[..end];
                if !is_plain_name(name) {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}
