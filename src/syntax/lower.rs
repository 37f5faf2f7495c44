//! pest pairs → AST, one function per grammar rule. The file is parsed one
//! statement at a time so that after a syntax error we can skip to the next
//! top-level statement and report every independent error in one run.

use super::ast::*;
use super::errors::{check_brackets, detailed, humanize};
use super::recover::{error_pos, indicator_block, starts_block};
use super::span::{FileId, Span, Spanned};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/jixiao.pest"]
pub(super) struct JxParser;

/// Files larger than this are refused before parsing. Real rubrics are
/// 5–20 KB; a 1 MiB file still checks in about a second (release build),
/// which keeps every run under the 2 s promised in docs/robustness.md.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Brackets and braces nested deeper than this are refused before parsing,
/// so that the recursive-descent parser can never overflow the stack.
/// The most decimal places `保留 N 位小数` may ask for.
pub const MAX_PLACES: u32 = 10;

pub const MAX_NESTING: usize = 48;
/// Syntax errors reported for one file at most.
pub const MAX_SYNTAX_ERRORS: usize = 50;
/// Numbers written in a rule file stay below this, so that sums of weights
/// and the checker's constant arithmetic can never overflow a `Decimal`
/// (the largest real figure, a budget in 元, is far smaller).
pub const MAX_LITERAL: i64 = 1_000_000_000_000_000;
/// Grammar nodes in one expression; real rubrics use fewer than 60. The
/// checker spends several KB of stack per level of an unoptimised build, and
/// a chain of n operators is n levels deep: 256 nodes (at most ~128 levels)
/// stays well inside a 2 MiB thread stack.
pub const MAX_EXPR_TOKENS: usize = 256;
/// `非`/`-` in a row: each is one node but also one level.
const MAX_PREFIX: usize = 16;

const TOP_KEYWORDS: &[&str] = &[
    "输入",
    "定义",
    "指标",
    "加分",
    "减分",
    "一票否决",
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
    if let Some(d) = check_brackets(text, file) {
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
        Some((prev, from)) => (prev.clone(), from),
        None => header(text, file, &cx, &mut diags),
    };
    let quoted = super::names::quoted_names(text);
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
    };
    (rubric, pos)
}

fn starts_with_header(s: &str) -> bool {
    s.starts_with("评分表") || s.starts_with("rubric")
}

fn first_line_len(s: &str) -> usize {
    s.find('\n').unwrap_or(s.len())
}

fn skip_separator(text: &str, pos: usize) -> usize {
    let c = text[pos..].chars().next().map(char::len_utf8).unwrap_or(1);
    pos + c
}

/// Skip whitespace and comments.
pub(super) fn skip_trivia(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n', '\u{3000}', '\u{FEFF}']);
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with('#') || trimmed.starts_with("//") {
            pos += first_line_len(trimmed);
        } else {
            return pos;
        }
    }
}

/// After an error: the start of the next unindented line that begins a
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

fn pratt() -> &'static PrattParser<Rule> {
    static P: OnceLock<PrattParser<Rule>> = OnceLock::new();
    P.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
            .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
            .op(Op::prefix(Rule::neg))
    })
}

impl Cx<'_> {
    fn span(&self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.file, self.offset + s.start(), self.offset + s.end())
    }

    /// Shorten a span so it ends at its last token, not at whitespace or a
    /// comment that pest skipped before an absent optional element.
    fn trim_trivia(&self, span: Span) -> Span {
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

    fn ident(&self, p: Pair<Rule>) -> Ident {
        Spanned::new(unquote(p.as_str()).to_string(), self.span(&p))
    }

    fn decimal(&self, p: &Pair<Rule>) -> R<Decimal> {
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

    fn header(&self, p: Pair<Rule>) -> R<Header> {
        let span = self.span(&p);
        let mut name = None;
        let mut year = None;
        let mut full = None;
        let mut rounding = None;
        let mut grades = Vec::new();
        for c in kids(p) {
            match c.as_rule() {
                Rule::string => name = Some(self.string(c)),
                Rule::integer => {
                    let y: u32 = c.as_str().parse().map_err(|_| {
                        Diagnostic::new(Msg::NumberTooLarge {
                            text: c.as_str().into(),
                        })
                        .at(self.span(&c))
                    })?;
                    year = Some(Spanned::new(y, self.span(&c)));
                }
                Rule::number => full = Some(Spanned::new(self.decimal(&c)?, self.span(&c))),
                Rule::rounding => rounding = Some(self.rounding(c)?),
                Rule::grades => {
                    for g in kids(c) {
                        grades.push(self.grade_band(g)?);
                    }
                }
                _ => {}
            }
        }
        Ok(Header {
            name: name.expect("grammar requires a name"),
            year,
            full_marks: full,
            rounding,
            grades,
            span,
        })
    }

    fn string(&self, p: Pair<Rule>) -> Spanned<String> {
        let span = self.span(&p);
        let inner = kids(p)
            .next()
            .map(|i| i.as_str().to_string())
            .unwrap_or_default();
        Spanned::new(inner, span)
    }

    fn rounding(&self, p: Pair<Rule>) -> R<Spanned<Rounding>> {
        let span = self.span(&p);
        let mut places = 2;
        let mut mode = RoundMode::HalfUp;
        for c in kids(p) {
            match c.as_rule() {
                Rule::integer => {
                    places = c
                        .as_str()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n <= MAX_PLACES)
                        .ok_or_else(|| {
                            Diagnostic::new(Msg::TooManyPlaces {
                                text: c.as_str().into(),
                                limit: MAX_PLACES,
                            })
                            .at(self.span(&c))
                        })?
                }
                Rule::round_mode => {
                    mode = match c.as_str() {
                        "四舍五入" | "half_up" => RoundMode::HalfUp,
                        "四舍六入" | "银行家舍入" | "half_even" => RoundMode::HalfEven,
                        "截断" | "舍去" | "truncate" => RoundMode::Truncate,
                        _ => RoundMode::Up,
                    }
                }
                _ => {}
            }
        }
        Ok(Spanned::new(Rounding { places, mode }, span))
    }

    fn grade_band(&self, p: Pair<Rule>) -> R<GradeBand> {
        let span = self.span(&p);
        let mut it = kids(p);
        let name = self.ident(it.next().expect("band name"));
        let (min, max) = match (it.next(), it.next()) {
            (Some(r), _) if r.as_rule() == Rule::grade_range => {
                // number, incl?, number, incl?: an end is inclusive when （含） follows it.
                let parts: Vec<Pair<Rule>> = r.into_inner().collect();
                let mut ends = Vec::new();
                for (i, x) in parts.iter().enumerate() {
                    if x.as_rule() == Rule::number {
                        let incl = parts.get(i + 1).is_some_and(|n| n.as_rule() == Rule::incl);
                        ends.push((Spanned::new(self.decimal(x)?, self.span(x)), incl));
                    }
                }
                let mut ends = ends.into_iter();
                (ends.next(), ends.next())
            }
            (Some(op), Some(n)) => (
                Some((
                    Spanned::new(self.decimal(&n)?, self.span(&n)),
                    op.as_rule() == Rule::ge_op,
                )),
                None,
            ),
            _ => (None, None),
        };
        Ok(GradeBand {
            name,
            min,
            max,
            span,
        })
    }

    fn item(&self, p: Pair<Rule>, rubric: &mut Rubric) -> R<()> {
        match p.as_rule() {
            Rule::input => rubric.inputs.push(self.input(p)?),
            Rule::define => rubric.defines.push(self.define(p)?),
            Rule::indicator => rubric.indicators.push(self.indicator(p)?),
            Rule::target_table => rubric.indicators.push(self.target_table(p)?),
            Rule::veto => rubric.vetoes.push(self.veto(p)?),
            Rule::constraint => {
                let span = self.span(&p);
                let written = p.as_str().trim_end().len() as u32;
                let expr = self.expr(
                    kids(p)
                        .find(|c| c.as_rule() == Rule::expr)
                        .expect("constraint expr"),
                )?;
                // The pair runs on over trailing blanks; end where the condition does.
                let span = Span {
                    end: span.start + written,
                    ..span
                };
                rubric.constraints.push(Constraint { expr, span });
            }
            Rule::allow => rubric.allows.push(self.allow(p)),
            Rule::unit_decl => {
                for u in kids(p).filter(|x| x.as_rule() == Rule::unit_item) {
                    let span = self.span(&u);
                    let mut w = kids(u);
                    let name = self.ident(w.next().expect("unit"));
                    let same_as = w.next().map(|x| self.ident(x));
                    rubric.units.push(UnitDecl {
                        name,
                        same_as,
                        span,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn input(&self, p: Pair<Rule>) -> R<Input> {
        let span = self.span(&p);
        let mut it = kids(p);
        let name = self.ident(it.next().expect("input name"));
        let ty = self.type_expr(it.next().expect("input type"));
        let mut input = Input {
            name,
            ty,
            direction: None,
            positive: false,
            nonzero: false,
            default: None,
            span,
        };
        for c in it {
            match c.as_rule() {
                Rule::direction => {
                    input.direction = Some(Spanned::new(direction(c.as_str()), self.span(&c)))
                }
                Rule::positive => input.positive = true,
                Rule::nonzero => input.nonzero = true,
                Rule::default_value => {
                    let lit = kids(c).next().expect("default literal");
                    input.default = Some(self.literal(lit)?);
                }
                _ => {}
            }
        }
        Ok(input)
    }

    fn type_expr(&self, p: Pair<Rule>) -> Spanned<TypeExpr> {
        let span = self.span(&p);
        let inner = kids(p).next().expect("type");
        let ty = match inner.as_rule() {
            Rule::enum_type => TypeExpr::Enum(kids(inner).map(|v| self.ident(v)).collect()),
            _ => match inner.as_str() {
                "是否" | "布尔" | "bool" => TypeExpr::Bool,
                "文本" | "text" => TypeExpr::Text,
                other => TypeExpr::Unit(other.to_string()),
            },
        };
        Spanned::new(ty, span)
    }

    fn literal(&self, p: Pair<Rule>) -> R<Spanned<Literal>> {
        let span = self.span(&p);
        let inner = kids(p).next().expect("literal");
        let lit = match inner.as_rule() {
            Rule::number_lit => {
                let (n, u) = self.number_lit(inner)?;
                Literal::Number(n, u)
            }
            Rule::bool_lit => Literal::Bool(matches!(inner.as_str(), "是" | "true")),
            Rule::string => Literal::Text(self.string(inner).node),
            _ => Literal::Name(inner.as_str().to_string()),
        };
        Ok(Spanned::new(lit, span))
    }

    fn number_lit(&self, p: Pair<Rule>) -> R<(Decimal, Option<String>)> {
        let mut it = kids(p);
        let n = it.next().expect("number");
        let value = self.decimal(&n)?;
        Ok((value, it.next().map(|u| u.as_str().to_string())))
    }

    fn define(&self, p: Pair<Rule>) -> R<Define> {
        let span = self.span(&p);
        let mut it = kids(p);
        let name = self.ident(it.next().expect("define name"));
        let expr = self.expr(it.next().expect("define expr"))?;
        Ok(Define { name, expr, span })
    }

    fn veto(&self, p: Pair<Rule>) -> R<Veto> {
        let span = self.span(&p);
        let mut it = kids(p);
        let when = self.expr(it.next().expect("veto cond"))?;
        let effect = it
            .next()
            .expect("veto effect")
            .into_inner()
            .next()
            .expect("effect");
        let effect = match effect.as_rule() {
            Rule::veto_grade_cap => {
                VetoEffect::GradeCap(self.ident(kids(effect).next().expect("grade")))
            }
            _ => {
                let n = kids(effect).next().expect("number");
                VetoEffect::TotalTo(Spanned::new(self.decimal(&n)?, self.span(&n)))
            }
        };
        Ok(Veto { when, effect, span })
    }

    fn indicator(&self, p: Pair<Rule>) -> R<Indicator> {
        let span = self.span(&p);
        let mut it = kids(p);
        let head = it.next().expect("indicator head");
        let head_span = self.trim_trivia(self.span(&head));
        let kind = match head.as_rule() {
            Rule::bonus_head => IndicatorKind::Bonus,
            Rule::penalty_head => IndicatorKind::Penalty,
            _ => IndicatorKind::Normal,
        };
        let mut h = kids(head);
        let name = self.ident(h.next().expect("indicator name"));
        let wp = h.next().expect("weight");
        let weight = Spanned::new(self.decimal(&wp)?, self.span(&wp));
        let mut ind = Indicator {
            kind,
            name,
            weight,
            children: Vec::new(),
            rows: Vec::new(),
            vetoes: Vec::new(),
            not_applicable: None,
            span,
            head_span,
            allows: Vec::new(),
            table: None,
        };
        for c in it {
            match c.as_rule() {
                Rule::indicator => ind.children.push(self.indicator(c)?),
                Rule::target_table => ind.children.push(self.target_table(c)?),
                Rule::allow => ind.allows.push(self.allow(c)),
                Rule::na_decl => ind.not_applicable = Some(self.na_decl(c)?),
                Rule::row_veto => ind
                    .vetoes
                    .push(self.expr(kids(c).next().expect("veto cond"))?),
                // A row's span ends with its result: pest skips trivia before the
                // optional `row_end`, which would otherwise pull a following
                // comment into the row's text.
                Rule::rule_row => {
                    let start = self.span(&c);
                    let mut r = kids(c);
                    let cond = self.expr(r.next().expect("cond"))?;
                    let sp = r.next().expect("scoring");
                    let span = start.with_end(self.span(&sp).end);
                    let span = self.trim_trivia(span);
                    let result = self.scoring(sp)?;
                    ind.rows.push(Row {
                        cond: Some(cond),
                        result,
                        span,
                    });
                }
                Rule::else_row | Rule::bare_row => {
                    let start = self.span(&c);
                    let sp = kids(c)
                        .find(|x| x.as_rule() == Rule::scoring)
                        .expect("scoring");
                    let span = self.trim_trivia(start.with_end(self.span(&sp).end));
                    let result = self.scoring(sp)?;
                    if let Some(d) = super::errors::misspelt_row_keyword(&result) {
                        return Err(d);
                    }
                    ind.rows.push(Row {
                        cond: None,
                        result,
                        span,
                    });
                }
                _ => {}
            }
        }
        Ok(ind)
    }

    /// `指标表 名 分值 { … }`: an indicator whose rows the facts supply.
    fn target_table(&self, p: Pair<Rule>) -> R<Indicator> {
        let span = self.span(&p);
        let mut it = kids(p).filter(|c| c.as_rule() != Rule::kw_table);
        let name = self.ident(it.next().expect("table name"));
        let wp = it.next().expect("weight");
        let weight = Spanned::new(self.decimal(&wp)?, self.span(&wp));
        let head_span = self.trim_trivia(name.span.with_end(weight.span.end));
        let head_span = Span {
            start: span.start,
            ..head_span
        };
        let mut table = TargetTable {
            shares: None,
            eq_miss: None,
            levels: Vec::new(),
            span,
        };
        let mut allows = Vec::new();
        for c in it {
            match c.as_rule() {
                Rule::allow => allows.push(self.allow(c)),
                Rule::table_shares => {
                    let sp = self.span(&c);
                    let kind = kids(c).find(|x| x.as_rule() != Rule::kw_shares);
                    let shares = match kind.map(|k| k.as_rule()) {
                        Some(Rule::share_column) => TableShares::Column,
                        _ => TableShares::Equal,
                    };
                    table.shares = Some(Spanned::new(shares, sp));
                }
                Rule::table_eq => {
                    let e = kids(c).find(|x| x.as_rule() == Rule::expr).expect("rate");
                    table.eq_miss = Some(self.expr(e)?);
                }
                Rule::table_qual => {
                    for l in kids(c).filter(|x| x.as_rule() == Rule::table_level) {
                        let lspan = self.span(&l);
                        let mut li = kids(l);
                        let name = self.ident(li.next().expect("level"));
                        let lo = self.bound(li.next().expect("rate"))?;
                        let hi = li.next().map(|b| self.bound(b)).transpose()?;
                        table.levels.push(TableLevel {
                            name,
                            lo,
                            hi,
                            span: lspan,
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(Indicator {
            kind: IndicatorKind::Normal,
            name,
            weight,
            children: Vec::new(),
            rows: Vec::new(),
            vetoes: Vec::new(),
            not_applicable: None,
            span,
            head_span,
            allows,
            table: Some(Box::new(table)),
        })
    }

    fn allow(&self, p: Pair<Rule>) -> Allow {
        let span = self.span(&p);
        let mut it = kids(p).filter(|c| c.as_rule() != Rule::kw_allow);
        let code = it.next().expect("lint code");
        let reason = self.string(it.next().expect("reason"));
        Allow {
            code: Spanned::new(code.as_str().to_ascii_uppercase(), self.span(&code)),
            reason,
            span,
        }
    }

    fn na_decl(&self, p: Pair<Rule>) -> R<NotApplicable> {
        let span = self.span(&p);
        let mut it = kids(p);
        let when = self.expr(it.next().expect("na cond"))?;
        let pol = it
            .next()
            .expect("na policy")
            .into_inner()
            .next()
            .expect("policy");
        let policy = match pol.as_rule() {
            Rule::na_full => NaPolicy::Full,
            Rule::na_exclude => NaPolicy::Exclude,
            _ => NaPolicy::Transfer(kids(pol).map(|i| self.ident(i)).collect()),
        };
        Ok(NotApplicable { when, policy, span })
    }

    fn scoring(&self, p: Pair<Rule>) -> R<Scoring> {
        let inner = kids(p).next().expect("scoring alternative");
        let span = self.span(&inner);
        Ok(match inner.as_rule() {
            Rule::assessor_score => Scoring::Assessor(span),
            Rule::score_range => {
                let mut it = kids(inner);
                let a = it.next().expect("range end");
                let b = it.next().expect("range end");
                let (x, y) = (self.decimal(&a)?, self.decimal(&b)?);
                let (a, b) = (
                    Spanned::new(x, self.span(&a)),
                    Spanned::new(y, self.span(&b)),
                );
                // Forms write the higher end first (“9-8”).
                if x <= y {
                    Scoring::Range(a, b)
                } else {
                    Scoring::Range(b, a)
                }
            }
            Rule::deduction => Scoring::Deduction(Box::new(self.deduction(inner)?)),
            Rule::ratio => {
                let mut it = kids(inner);
                let direction = direction(it.next().expect("direction").as_str());
                let actual = self.expr(it.next().expect("actual"))?;
                let target = self.expr(it.next().expect("target"))?;
                Scoring::Ratio {
                    direction,
                    actual,
                    target,
                    span,
                }
            }
            Rule::proportional => {
                Scoring::Proportional(self.expr(kids(inner).next().expect("rate"))?)
            }
            Rule::checklist => Scoring::Checklist(Box::new(self.checklist(inner)?)),
            Rule::match_table => {
                let mut it = kids(inner);
                let subject = self.expr(it.next().expect("subject"))?;
                let mut arms = Vec::new();
                for arm in it {
                    let mut a = kids(arm).filter(|x| x.as_rule() != Rule::kw_gain);
                    let name = self.ident(a.next().expect("arm name"));
                    let value = self.expr(a.next().expect("arm value"))?;
                    arms.push((name, value));
                }
                Scoring::Match(Box::new(MatchTable {
                    subject,
                    arms,
                    span,
                }))
            }
            Rule::qualitative => {
                let mut it = kids(inner);
                let tier = self.ident(it.next().expect("tier"));
                let rate = self.ident(it.next().expect("rate"));
                let mut bands = Vec::new();
                for b in it {
                    let bspan = self.span(&b);
                    let mut bi = kids(b);
                    let t = self.ident(bi.next().expect("band tier"));
                    let lo = self.bound(bi.next().expect("lo"))?;
                    let hi = self.bound(bi.next().expect("hi"))?;
                    bands.push(QualBand {
                        tier: t,
                        lo,
                        hi,
                        span: bspan,
                    });
                }
                Scoring::Qualitative(Box::new(Qualitative {
                    tier,
                    rate,
                    bands,
                    span,
                }))
            }
            _ => Scoring::Expr(self.expr(inner)?),
        })
    }

    fn deduction(&self, p: Pair<Rule>) -> R<Deduction> {
        let span = self.span(&p);
        let mut exprs = Vec::new();
        let mut over = true;
        let mut mode = None;
        let mut floor_zero = false;
        for c in kids(p) {
            match c.as_rule() {
                Rule::expr => exprs.push(self.expr(c)?),
                Rule::excess_dir => {
                    over = kids(c)
                        .next()
                        .map(|d| d.as_rule() == Rule::over)
                        .unwrap_or(true)
                }
                Rule::step_mode => {
                    let s = self.span(&c);
                    let m = match kids(c).next().map(|x| x.as_rule()) {
                        Some(Rule::step_prop) => StepMode::Proportional,
                        Some(Rule::step_ceil) => StepMode::Ceil,
                        _ => StepMode::Floor,
                    };
                    mode = Some(Spanned::new(m, s));
                }
                Rule::floor_zero => floor_zero = true,
                _ => {}
            }
        }
        let mut e = exprs.into_iter();
        let mut next = || e.next().expect("deduction has five expressions");
        let (base, subject, baseline, step, per_step) = (next(), next(), next(), next(), next());
        if mode.is_none() {
            return Err(Diagnostic::new(Msg::MissingStepMode).at(per_step.span));
        }
        Ok(Deduction {
            base,
            subject,
            over,
            baseline,
            step,
            per_step,
            mode,
            floor_zero,
            span,
        })
    }

    fn checklist(&self, p: Pair<Rule>) -> R<Checklist> {
        let span = self.span(&p);
        let mut gain = true;
        let mut points = None;
        let mut items = Vec::new();
        let mut floor_zero = false;
        for c in kids(p) {
            match c.as_rule() {
                Rule::kw_gain => gain = true,
                Rule::kw_deduct => gain = false,
                Rule::expr => points = Some(self.expr(c)?),
                Rule::ident => items.push(self.ident(c)),
                Rule::floor_zero => floor_zero = true,
                _ => {}
            }
        }
        Ok(Checklist {
            gain,
            points: points.expect("checklist points"),
            items,
            floor_zero,
            span,
        })
    }

    fn bound(&self, p: Pair<Rule>) -> R<Bound> {
        let mut it = kids(p);
        let expr = self.arith(it.next().expect("bound expr"))?;
        Ok(Bound {
            expr,
            inclusive: it.next().is_some(),
        })
    }

    fn expr(&self, p: Pair<Rule>) -> R<Expr> {
        match p.as_rule() {
            Rule::expr => {
                self.small_enough(&p)?;
                self.fold(p, Rule::or_op, ExprKind::Or)
            }
            Rule::and_expr => self.fold(p, Rule::and_op, ExprKind::And),
            Rule::not_expr => {
                let span = self.span(&p);
                let mut nots = 0;
                let mut inner = None;
                for c in kids(p) {
                    if c.as_rule() == Rule::not_op {
                        nots += 1;
                    } else {
                        inner = Some(c);
                    }
                }
                if nots > MAX_PREFIX {
                    return Err(Diagnostic::new(Msg::ExprTooLong {
                        limit: MAX_EXPR_TOKENS,
                    })
                    .at(span));
                }
                let mut e = self.expr(inner.expect("not_expr operand"))?;
                for _ in 0..nots {
                    e = Expr {
                        kind: ExprKind::Not(Box::new(e)),
                        span,
                    };
                }
                Ok(e)
            }
            Rule::cmp_expr => self.cmp_expr(p),
            Rule::arith => self.arith(p),
            Rule::scoring => self.expr(kids(p).next().expect("expr")),
            _ => self.primary(p),
        }
    }

    fn fold(&self, p: Pair<Rule>, op: Rule, make: fn(Box<Expr>, Box<Expr>) -> ExprKind) -> R<Expr> {
        let mut it = kids(p).filter(|c| c.as_rule() != op);
        let mut acc = self.expr(it.next().expect("operand"))?;
        for c in it {
            let rhs = self.expr(c)?;
            let span = acc.span.to(rhs.span);
            acc = Expr {
                kind: make(Box::new(acc), Box::new(rhs)),
                span,
            };
        }
        Ok(acc)
    }

    fn cmp_expr(&self, p: Pair<Rule>) -> R<Expr> {
        let span = self.span(&p);
        let mut it = kids(p).peekable();
        let first = self.arith(it.next().expect("lhs"))?;
        let Some(next) = it.peek() else {
            return Ok(first);
        };
        match next.as_rule() {
            Rule::between => {
                let b = it.next().expect("between");
                let mut bi = kids(b);
                let lo = self.bound(bi.next().expect("lo"))?;
                let hi = self.bound(bi.next().expect("hi"))?;
                Ok(Expr {
                    kind: ExprKind::Between {
                        subject: Box::new(first),
                        lo: Box::new(lo),
                        hi: Box::new(hi),
                    },
                    span,
                })
            }
            Rule::beyond => {
                let b = it.next().expect("beyond");
                let mut bi = kids(b);
                let bound = self.bound(bi.next().expect("bound"))?;
                let above = bi
                    .next()
                    .map(|d| d.as_rule() == Rule::above)
                    .unwrap_or(true);
                Ok(Expr {
                    kind: ExprKind::Beyond {
                        subject: Box::new(first),
                        bound: Box::new(bound),
                        above,
                    },
                    span,
                })
            }
            _ => {
                let mut chain = Vec::new();
                while let Some(op) = it.next() {
                    let rhs = self.arith(it.next().expect("rhs"))?;
                    chain.push((cmp_op(op.as_rule()), rhs));
                }
                Ok(Expr {
                    kind: ExprKind::Compare(Box::new(first), chain),
                    span,
                })
            }
        }
    }

    /// Every pass over an expression (lowering, checking, evaluating, even
    /// dropping it) recurses on its depth, which a long chain such as
    /// `a+a+…` or `非 非 … x` makes as large as the chain: refuse it here.
    fn small_enough(&self, p: &Pair<Rule>) -> R<()> {
        if p.clone()
            .into_inner()
            .flatten()
            .nth(MAX_EXPR_TOKENS)
            .is_some()
        {
            return Err(Diagnostic::new(Msg::ExprTooLong {
                limit: MAX_EXPR_TOKENS,
            })
            .at(self.trim_trivia(self.span(p))));
        }
        Ok(())
    }

    fn arith(&self, p: Pair<Rule>) -> R<Expr> {
        self.small_enough(&p)?;
        if p.clone()
            .into_inner()
            .filter(|c| c.as_rule() == Rule::neg)
            .nth(MAX_PREFIX)
            .is_some()
        {
            return Err(Diagnostic::new(Msg::ExprTooLong {
                limit: MAX_EXPR_TOKENS,
            })
            .at(self.span(&p)));
        }
        let pairs = kids(p);
        pratt()
            .map_primary(|prim| self.primary(prim))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let span = self.span(&op).to(rhs.span);
                Ok(Expr {
                    kind: ExprKind::Neg(Box::new(rhs)),
                    span,
                })
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let op = match op.as_rule() {
                    Rule::add => BinOp::Add,
                    Rule::sub => BinOp::Sub,
                    Rule::mul => BinOp::Mul,
                    _ => BinOp::Div,
                };
                Ok(Expr {
                    kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                    span,
                })
            })
            .parse(pairs)
    }

    fn primary(&self, p: Pair<Rule>) -> R<Expr> {
        let span = self.span(&p);
        let kind = match p.as_rule() {
            Rule::number_lit => {
                let (n, u) = self.number_lit(p)?;
                ExprKind::Number(n, u)
            }
            Rule::bool_lit => ExprKind::Bool(matches!(p.as_str(), "是" | "true")),
            Rule::string => ExprKind::Text(self.string(p).node),
            Rule::ident => ExprKind::Name(unquote(p.as_str()).to_string()),
            Rule::weight_ref => ExprKind::Weight,
            Rule::paren => {
                let inner = self.expr(kids(p).next().expect("paren expr"))?;
                // `>= （含）`: the inclusive mark parses as a bracketed name 含.
                if matches!(&inner.kind, ExprKind::Name(n) if n == "含" || n == "incl") {
                    return Err(Diagnostic::new(Msg::InclNotAfterNumber)
                        .at(span)
                        .note(crate::diag::Note::InclHint));
                }
                return Ok(Expr { span, ..inner });
            }
            Rule::abs_bars => {
                let inner = self.arith(kids(p).next().expect("abs expr"))?;
                ExprKind::Call(Func::Abs, vec![inner])
            }
            Rule::call => {
                let mut it = kids(p);
                let f = match it.next().expect("func").as_str() {
                    "abs" | "绝对值" => Func::Abs,
                    "min" | "最小值" => Func::Min,
                    "max" | "最大值" => Func::Max,
                    "floor" | "向下取整" => Func::Floor,
                    "ceil" | "向上取整" => Func::Ceil,
                    "round" | "取整" => Func::Round,
                    _ => Func::Clamp,
                };
                let args = it.map(|a| self.expr(a)).collect::<R<Vec<_>>>()?;
                ExprKind::Call(f, args)
            }
            _ => return self.expr(p),
        };
        Ok(Expr { kind, span })
    }
}

/// Children of a pair without the keyword tokens, which carry no meaning
/// once parsed (except 得/扣, which the checklist needs).
/// Whether `s` can be written as a bare name (no quotes needed).
pub fn is_plain_name(s: &str) -> bool {
    !s.starts_with('"')
        && JxParser::parse(Rule::ident, s)
            .is_ok_and(|mut p| p.next().is_some_and(|x| x.as_str().len() == s.len()))
}

/// A name as written, without the quotes of an official name (`"培训（期）"`).
fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(s)
}

fn kids(p: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
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

/// Byte offset of a `#` or `//` comment in a line, outside string quotes.
pub(super) fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = '\0';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' => quote = Some('"'),
                '“' => quote = Some('”'),
                '「' => quote = Some('」'),
                '#' => return Some(i),
                '/' if prev == '/' => return Some(i - 1),
                _ => {}
            },
        }
        prev = c;
    }
    None
}

fn direction(s: &str) -> Direction {
    if s == "反向" || s == "lower_better" {
        Direction::Lower
    } else {
        Direction::Higher
    }
}

fn cmp_op(r: Rule) -> CmpOp {
    match r {
        Rule::ge_op => CmpOp::Ge,
        Rule::le_op => CmpOp::Le,
        Rule::gt_op => CmpOp::Gt,
        Rule::lt_op => CmpOp::Lt,
        Rule::ne_op => CmpOp::Ne,
        _ => CmpOp::Eq,
    }
}
