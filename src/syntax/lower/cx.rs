//! What every lowering function shares: spans relative to the statement
//! being lowered, names, numbers within the limits, keyword-free children.

use super::super::ast::Ident;
use super::super::parser::{comment_start, Rule, MAX_LITERAL};
use super::super::span::{Span, Spanned};
use super::{Cx, R};
use crate::diag::{Diagnostic, Msg};
use pest::iterators::Pair;
use rust_decimal::Decimal;
use std::str::FromStr;

impl Cx<'_> {
    pub(super) fn span(&self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.file, self.offset + s.start(), self.offset + s.end())
    }

    /// Shorten a span so it ends at its last token, not at whitespace or a
    /// comment that pest skipped before an absent optional element.
    pub(super) fn trim_trivia(&self, span: Span) -> Span {
        let Some(text) = self.text.get(span.start as usize..span.end as usize) else {
            return span;
        };
        let mut end = text.len();
        loop {
            let t = text[..end].trim_end_matches([' ', '\t', '\r', '\n', '\u{3000}']);
            end = t.len();
            let line_start = t.rfind('\n').map(|i| i + 1).unwrap_or(0);
            match comment_start(&t[line_start..]) {
                Some(c) => end = line_start + c,
                None => break,
            }
        }
        span.with_end(span.start + end as u32)
    }

    pub(super) fn ident(&self, p: Pair<Rule>) -> Ident {
        Spanned::new(unquote(p.as_str()).to_string(), self.span(&p))
    }

    pub(super) fn decimal(&self, p: &Pair<Rule>) -> R<Decimal> {
        Decimal::from_str_exact(p.as_str())
            .or_else(|_| Decimal::from_str(p.as_str()))
            .map_err(|_| {
                Diagnostic::new(Msg::NumberTooLarge {
                    text: p.as_str().to_string(),
                })
                .at(self.span(p))
            })
            .and_then(|d| {
                if d.scale() > 0 && p.as_str().trim_end_matches('0').len() > 29 {
                    Err(Diagnostic::new(Msg::NumberTooLarge {
                        text: p.as_str().to_string(),
                    })
                    .at(self.span(p)))
                } else if d.abs() >= Decimal::from(MAX_LITERAL) {
                    Err(Diagnostic::new(Msg::NumberOutOfRange {
                        text: p.as_str().to_string(),
                        limit: MAX_LITERAL,
                    })
                    .at(self.span(p)))
                } else {
                    Ok(d)
                }
            })
    }

    pub(super) fn string(&self, p: Pair<Rule>) -> Spanned<String> {
        let span = self.span(&p);
        let inner = kids(p)
            .next()
            .map(|i| i.as_str().to_string())
            .unwrap_or_default();
        Spanned::new(inner, span)
    }
}

/// A name as written, without the quotes of an official name (`"培训（期）"`).
pub(super) fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(s)
}

/// Children of a pair without the keyword tokens, which carry no meaning
/// once parsed (except 得/扣, which the checklist needs).
pub(super) fn kids(p: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    p.into_inner().filter(|c| {
        !matches!(
            c.as_rule(),
            Rule::kw_rubric
                | Rule::kw_year
                | Rule::kw_full
                | Rule::kw_keep
                | Rule::kw_grades
                | Rule::kw_input
                | Rule::kw_define
                | Rule::kw_indicator
                | Rule::kw_bonus
                | Rule::kw_penalty
                | Rule::kw_cap
                | Rule::kw_veto
                | Rule::kw_na
                | Rule::kw_if
                | Rule::kw_then
                | Rule::kw_else
                | Rule::kw_score
                | Rule::kw_default
                | Rule::kw_from
                | Rule::kw_per
                | Rule::kw_each
                | Rule::kw_checklist
                | Rule::kw_match
                | Rule::kw_qualitative
                | Rule::kw_rate
                | Rule::kw_actual
                | Rule::kw_target
                | Rule::kw_in
        )
    })
}
