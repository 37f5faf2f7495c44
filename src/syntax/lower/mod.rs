//! pest pairs → AST, one function per grammar rule, one file per construct.
//! The file is parsed one statement at a time so that after a syntax error
//! we can skip to the next top-level statement and report every independent
//! error in one run. This is the top of the stage's layers (see
//! docs/architecture.md): it uses parser, names, errors and recover.

mod cx;
mod expr;
mod header;
mod indicator;
mod items;
mod table;

use super::ast::*;
use super::errors::check_brackets;
use super::errors::humanize;
use super::parser::{
    detailed, error_pos, first_line_len, skip_trivia, JxParser, Rule, MAX_FILE_BYTES,
    MAX_SYNTAX_ERRORS,
};
use super::recover::{indicator_block, starts_block};
use super::span::{FileId, Span, Spanned};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use pest::Parser;

const TOP_KEYWORDS: &[&str] = &[
    "输入",
    "定义",
    "指标",
    "加分",
    "减分",
    "一票否决",
    "评分档",
    "择一",
    "input",
    "define",
    "indicator",
    "bonus",
    "penalty",
    "veto",
    "约束",
    "允许",
    "constraint",
    "allow",
];

/// Parse a rule file. On failure every syntax error found is returned.
pub fn parse(text: &str, file: FileId) -> Result<Rubric, Diagnostics> {
    parse_resumed(text, file, None)
}

/// Parse `text` that extends, after its first `from` bytes, a text already
/// parsed into `prev` (the REPL appends one definition at a time): only the
/// new statements are parsed, so a session of n definitions costs n parses
/// of one line, not n parses of the whole session (F16). Statements are
/// parsed one at a time and `from` is where the old text ended, so the
/// result is that of `parse(text)`.
pub fn parse_appended(
    prev: &Rubric,
    text: &str,
    from: usize,
    file: FileId,
) -> Result<Rubric, Diagnostics> {
    let more = parse_delta(prev, text, from, file)?;
    let mut r = prev.clone();
    r.append(more);
    Ok(r)
}

/// Only the items of `text[from..]`, `prev` being the parse of
/// `text[..from]`: the work is the appended part's, not the whole text's
/// (the REPL appends one definition at a time).
pub fn parse_delta(
    prev: &Rubric,
    text: &str,
    from: usize,
    file: FileId,
) -> Result<Rubric, Diagnostics> {
    parse_resumed(text, file, Some((prev, from)))
}

fn parse_resumed(
    text: &str,
    file: FileId,
    resume: Option<(&Rubric, usize)>,
) -> Result<Rubric, Diagnostics> {
    let mut diags = Diagnostics::default();
    if text.len() > MAX_FILE_BYTES {
        diags.push(Diagnostic::new(Msg::FileTooLarge {
            bytes: text.len(),
            limit: MAX_FILE_BYTES,
        }));
        return Err(diags);
    }
    // An unclosed `(` only spoils its own line: report it and parse on, but
    // keep the parser's own complaints about that line out of the way.
    let mut spoilt: Option<(usize, usize)> = None;
    // The text before `from` parsed, so its brackets are balanced.
    let from = resume.map_or(0, |(_, f)| f);
    if let Some(d) = check_brackets(&text[from..], file).map(|d| shifted(d, from)) {
        if !matches!(d.msg, Msg::UnclosedParen { .. }) {
            diags.push(d);
            return Err(diags);
        }
        if let Some(sp) = d.span {
            let at = sp.start as usize;
            let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
            spoilt = Some((start, at + first_line_len(&text[at..])));
        }
        diags.push(d);
    }
    let cx = Cx {
        file,
        offset: 0,
        text,
    };
    let (mut rubric, mut pos) = match resume {
        Some((prev, from)) => (prev.empty_like(), from),
        None => header(text, file, &cx, &mut diags),
    };
    rubric.quoted = super::names::quoted_names(&text[from..]);
    let mut quoted = rubric.quoted.clone();
    if let Some((prev, _)) = resume {
        quoted.extend(prev.quoted.iter().cloned());
    }
    loop {
        pos = skip_trivia(text, pos);
        // Past a few dozen errors the rest is noise (often a file that is not
        // a rubric at all), and each one costs a scan: stop here.
        if pos >= text.len() || diags.0.len() >= MAX_SYNTAX_ERRORS {
            break;
        }
        match JxParser::parse(Rule::item, &text[pos..]) {
            Ok(mut pairs) => {
                let Some(pair) = pairs.next() else {
                    // A lone separator such as `；` is an item with no pair.
                    pos = skip_separator(text, pos);
                    continue;
                };
                let end = pos + pair.as_span().end();
                if let Err(d) = cx.with_offset(pos).item(pair, &mut rubric) {
                    diags.push(d);
                }
                // `按比例 发放（缴纳）覆盖率` parses as three rows: catch a name
                // declared in quotes and used bare.
                if !quoted.is_empty() {
                    diags
                        .0
                        .extend(super::names::needs_quotes(text, pos, end, file, &quoted));
                }
                pos = end;
            }
            Err(e) => {
                // An official name written without its quotes: say which
                // character needs them rather than where pest stopped.
                let end = next_statement(text, pos);
                let named = super::names::needs_quotes(text, pos, end, file, &quoted);
                if !named.is_empty() {
                    diags.0.extend(named);
                    pos = end.max(skip_separator(text, pos));
                    continue;
                }
                let e = detailed(Rule::item, &text[pos..]).unwrap_or(e);
                let at = pos + error_pos(&e);
                let before = diags.0.len();
                if starts_block(&text[pos..]) {
                    // Report every broken row of the block, not only the first.
                    pos = indicator_block(text, pos, file, &mut diags.0)
                        .max(skip_separator(text, pos));
                }
                if diags.0.len() == before {
                    diags.push(humanize(&e, text, at, file));
                    pos = next_statement(text, at.max(skip_separator(text, pos)));
                }
            }
        }
    }
    if let Some((a, b)) = spoilt {
        let in_line = |d: &Diagnostic| {
            d.span
                .is_some_and(|sp| (a..=b).contains(&(sp.start as usize)))
        };
        let mut first = true;
        diags.0.retain(|d| {
            let keep = !in_line(d) || (first && matches!(d.msg, Msg::UnclosedParen { .. }));
            first &= !matches!(d.msg, Msg::UnclosedParen { .. });
            keep
        });
    }
    if diags.is_empty() {
        Ok(rubric)
    } else {
        diags.sort();
        Err(diags)
    }
}

/// The header statement; the rubric with no items yet and where they start.
fn header(text: &str, file: FileId, cx: &Cx, diags: &mut Diagnostics) -> (Rubric, usize) {
    let mut pos = skip_trivia(text, 0);
    let header = match JxParser::parse(Rule::header, &text[pos..]) {
        Ok(mut pairs) => {
            let pair = pairs.next().expect("header rule yields one pair");
            let end = pos + pair.as_span().end();
            let h = cx.with_offset(pos).header(pair);
            pos = end;
            match h {
                Ok(h) => Some(h),
                Err(d) => {
                    diags.push(d);
                    None
                }
            }
        }
        Err(e) => {
            let e = detailed(Rule::header, &text[pos..]).unwrap_or(e);
            let at = pos + error_pos(&e);
            let d = if text[pos..].trim().is_empty() || !starts_with_header(&text[pos..]) {
                Diagnostic::new(Msg::MissingHeader).at(Span::new(
                    file,
                    pos,
                    (pos + first_line_len(&text[pos..])).max(pos),
                ))
            } else {
                humanize(&e, text, at, file)
            };
            diags.push(d);
            pos = next_statement(text, at);
            None
        }
    };
    let rubric = Rubric {
        header: header.unwrap_or_else(|| Header {
            name: Spanned::new(String::new(), Span::new(file, 0, 0)),
            year: None,
            full_marks: None,
            rounding: None,
            grades: Vec::new(),
            span: Span::new(file, 0, 0),
        }),
        inputs: Vec::new(),
        defines: Vec::new(),
        indicators: Vec::new(),
        vetoes: Vec::new(),
        constraints: Vec::new(),
        allows: Vec::new(),
        units: Vec::new(),
        quoted: Vec::new(),
        band_sets: Vec::new(),
    };
    (rubric, pos)
}

fn starts_with_header(s: &str) -> bool {
    s.starts_with("评分表") || s.starts_with("rubric")
}

fn skip_separator(text: &str, pos: usize) -> usize {
    let c = text[pos..].chars().next().map(char::len_utf8).unwrap_or(1);
    pos + c
}

/// top-level statement.
fn next_statement(text: &str, from: usize) -> usize {
    let mut i = from.min(text.len());
    while i < text.len() {
        let Some(nl) = text[i..].find('\n') else {
            return text.len();
        };
        i += nl + 1;
        let line = &text[i..];
        if TOP_KEYWORDS.iter().any(|k| line.starts_with(k)) {
            return i;
        }
    }
    text.len()
}

#[derive(Clone, Copy)]
struct Cx<'t> {
    file: FileId,
    offset: usize,
    /// The whole file, for trimming spans.
    text: &'t str,
}

impl Cx<'_> {
    fn with_offset(self, offset: usize) -> Self {
        Cx { offset, ..self }
    }
}

type R<T> = Result<T, Diagnostic>;

/// A diagnostic about `text[from..]` placed in the whole text.
fn shifted(mut d: Diagnostic, from: usize) -> Diagnostic {
    let by = |s: Span| Span::new(s.file, s.start as usize + from, s.end as usize + from);
    d.span = d.span.map(by);
    for (s, _) in &mut d.labels {
        *s = by(*s);
    }
    d
}
