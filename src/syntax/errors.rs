//! Syntax errors in the words of a rubric author. pest reports the furthest
//! position it reached and the rules it expected there; this module looks at
//! the text around that position and names the likely mistake instead
//! (`缺少“则”`, `百分号前需要数字`, `（含）必须紧跟在数字后面` …), falling back
//! to a short "expected …" list in plain words.

use super::ast::{ExprKind, Scoring};
use super::hints::{glued_keyword, range_dash, reserved_as_name, unit_after_number};
use super::parser::{error_pos, Rule, MAX_NESTING};
use super::span::{FileId, Span};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note};

/// Openers not yet closed, as (char, byte offset), scanning `text[..upto]`
/// outside comments and strings. `on_open` sees the stack after each push and
/// may stop the scan; `on_stray` sees closers that close nothing.
fn scan(
    text: &str,
    upto: usize,
    mut on_open: impl FnMut(&[(char, usize)]) -> bool,
    mut on_stray: impl FnMut(char, usize),
) -> Vec<(char, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut in_comment = false;
    let mut in_string: Option<char> = None;
    let mut prev = '\0';
    for (i, c) in text.char_indices() {
        if i >= upto {
            break;
        }
        if in_comment {
            in_comment = c != '\n';
        } else if let Some(close) = in_string {
            if c == close || c == '\n' {
                in_string = None;
            }
        } else {
            match c {
                '#' => in_comment = true,
                '/' if prev == '/' => in_comment = true,
                '"' => in_string = Some('"'),
                '“' => in_string = Some('”'),
                '「' => in_string = Some('」'),
                '(' | '（' | '{' | '｛' => {
                    stack.push((c, i));
                    if !on_open(&stack) {
                        break;
                    }
                }
                ')' | '）' | '}' | '｝' => {
                    let want_round = matches!(c, ')' | '）');
                    match stack.last() {
                        Some((o, _)) if matches!(o, '(' | '（') == want_round => {
                            stack.pop();
                        }
                        _ => on_stray(c, i),
                    }
                }
                _ => {}
            }
        }
        prev = c;
    }
    stack
}

/// Refuse too deeply nested or unclosed round brackets before pest sees them.
pub(super) fn check_brackets(text: &str, file: FileId) -> Option<Diagnostic> {
    let mut too_deep = None;
    let stack = scan(
        text,
        text.len(),
        |s| {
            if s.len() > MAX_NESTING {
                too_deep = s.last().copied();
                false
            } else {
                true
            }
        },
        |_, _| {},
    );
    if let Some((c, i)) = too_deep {
        return Some(
            Diagnostic::new(Msg::TooDeep { limit: MAX_NESTING }).at(Span::new(
                file,
                i,
                i + c.len_utf8(),
            )),
        );
    }
    if let Some(d) = too_many_bars(text, file) {
        return Some(d);
    }
    // Only round brackets are reported here; an unclosed `{` is reported by
    // the parser at the end of the file, where the missing `}` belongs.
    let (open, at) = *stack.iter().find(|(c, _)| matches!(c, '(' | '（'))?;
    let line_end = at + text[at..].find('\n').unwrap_or(text.len() - at);
    // Round brackets never span lines in this language.
    if !text[at..line_end].contains([')', '）']) {
        return Some(
            Diagnostic::new(Msg::UnclosedParen { open })
                .at(Span::new(file, at, at + open.len_utf8()))
                .label(Span::new(file, at, line_end), Note::ParenOpened),
        );
    }
    None
}

/// `|x|` bars nest like brackets but cannot be paired by a scan, so a line
/// with more bars than any sane nesting is refused the same way.
fn too_many_bars(text: &str, file: FileId) -> Option<Diagnostic> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut n = 0;
        for (i, c) in line.char_indices() {
            if c == '|' || c == '｜' {
                n += 1;
                if n > 2 * MAX_NESTING {
                    let at = start + i;
                    return Some(
                        Diagnostic::new(Msg::TooDeep { limit: MAX_NESTING }).at(Span::new(
                            file,
                            at,
                            at + c.len_utf8(),
                        )),
                    );
                }
            }
        }
        start += line.len();
    }
    None
}

/// Turn pest's "expected …" into a message a policy author can act on.
pub(super) fn humanize(
    e: &pest::error::Error<Rule>,
    text: &str,
    at: usize,
    file: FileId,
) -> Diagnostic {
    let mut at = at.min(text.len());
    let positives: Vec<Rule> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // pest's own position ignores failures inside silent rules such as
    // `colon`, so `输入 x 数` would be reported at `输入`. The detailed
    // attempts know the furthest point; use it when they name a few marks.
    let mut marks: Vec<&'static str> = Vec::new();
    if let Some(pa) = e.parse_attempts() {
        let base = at - error_pos(e).min(at);
        let far = (base + pa.max_position).min(text.len());
        let tokens: Vec<String> = pa.expected_tokens().iter().map(|t| t.to_string()).collect();
        let words = punctuation_words(&tokens);
        if far > at && text.is_char_boundary(far) && !words.is_empty() && words.len() <= 3 {
            at = far;
            marks = words;
        }
    }
    let rest = &text[at..];
    let Some(ch) = rest.chars().next() else {
        return at_end(text, file);
    };
    let word_len = word_at(rest);
    let span = Span::new(file, at, at + word_len.max(ch.len_utf8()));
    let one = Span::new(file, at, at + ch.len_utf8());
    if let Some(len) = incl_at(rest) {
        return Diagnostic::new(Msg::InclNotAfterNumber)
            .at(Span::new(file, at, at + len))
            .note(Note::InclHint);
    }
    // `在 （含）90%`: pest read `（含）` as a bracketed name and stopped after it.
    let before = text[..at].trim_end_matches([' ', '\u{3000}']);
    if let Some(len) = incl_before(before) {
        let s = before.len() - len;
        if !before[..s].ends_with(|c: char| c.is_ascii_digit() || c == '%' || c == '％') {
            return Diagnostic::new(Msg::InclNotAfterNumber)
                .at(Span::new(file, s, before.len()))
                .note(Note::InclHint);
        }
    }
    if matches!(ch, '%' | '％') && !before.ends_with(|c: char| c.is_ascii_digit()) {
        return Diagnostic::new(Msg::PercentWithoutNumber).at(one);
    }
    if "+-−*/×÷＋－＊／".contains(ch) && line_is_blank_after(rest, ch.len_utf8()) {
        return Diagnostic::new(Msg::DanglingOperator { op: ch }).at(one);
    }
    if is_odd_space(ch) {
        return Diagnostic::new(Msg::OddSpace { code: ch as u32 }).at(one);
    }
    if matches!(ch, ')' | '）' | '}' | '｝') {
        let mut stray = false;
        scan(text, at + 1, |_| true, |_, i| stray |= i == at);
        if stray {
            return Diagnostic::new(Msg::UnmatchedClose { close: ch }).at(one);
        }
    }
    if is_stray(ch) {
        return Diagnostic::new(Msg::StrayChar { ch }).at(one);
    }
    let word = &rest[..word_len];
    if let Some(d) = reserved_as_name(word, &positives, span) {
        return d;
    }
    if let Some(d) = unit_after_number(text, at, word, file) {
        return d;
    }
    if (positives.contains(&Rule::kw_then)
        || marks.contains(&"then")
        || (positives.is_empty() && rest.starts_with('\n')))
        && preceding_is_if(text, at)
    {
        return Diagnostic::new(Msg::MissingThen).at(span);
    }
    if !word.is_empty()
        && !KNOWN_KEYWORDS.contains(&word)
        && word.chars().count() <= 6
        && expects_keyword(&positives)
    {
        if let Some(kw) = did_you_mean(word, KNOWN_KEYWORDS.iter().copied()) {
            return Diagnostic::new(Msg::UnknownKeyword {
                found: word.to_string(),
                suggestion: kw,
            })
            .at(span);
        }
    }
    if positives.contains(&Rule::step_mode) {
        return Diagnostic::new(Msg::MissingStepMode).at(span);
    }
    let mut expected: Vec<String> = marks.iter().map(|w| w.to_string()).collect();
    for r in positives.iter().filter(|_| marks.is_empty()) {
        if let Some(w) = rule_word(*r) {
            if !expected.iter().any(|x| x == w) {
                expected.push(w.to_string());
            }
        }
    }
    let found = if word.is_empty() {
        ch.to_string()
    } else {
        word.to_string()
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if let Some((i, dash, lo, hi)) = range_dash(&text[line_start..line_end]) {
        let s = line_start + i;
        return Diagnostic::new(Msg::RangeWithDash { lo, hi, dash }).at(Span::new(
            file,
            s,
            s + dash.len_utf8(),
        ));
    }
    let glued = glued_keyword(&text[line_start..at + word_len]);
    Diagnostic::new(Msg::Syntax {
        expected,
        found,
        glued,
    })
    .at(span)
}

/// The file ended inside something: name the brace left open if there is one.
fn at_end(text: &str, file: FileId) -> Diagnostic {
    let end = Span::new(file, text.len(), text.len());
    let stack = scan(text, text.len(), |_| true, |_, _| {});
    match stack.last() {
        Some(&(open, i)) if matches!(open, '{' | '｛') => {
            Diagnostic::new(Msg::UnclosedBrace { open })
                .at(Span::new(file, i, i + open.len_utf8()))
                .label(end, Note::FileEndsHere)
        }
        _ => Diagnostic::new(Msg::UnexpectedEnd).at(end),
    }
}

fn incl_at(s: &str) -> Option<usize> {
    ["（含）", "(含)", "（含)", "(含）"]
        .iter()
        .find(|p| s.starts_with(**p))
        .map(|p| p.len())
}

fn incl_before(s: &str) -> Option<usize> {
    ["（含）", "(含)", "（含)", "(含）"]
        .iter()
        .find(|p| s.ends_with(**p))
        .map(|p| p.len())
}

const KNOWN_KEYWORDS: &[&str] = &[
    "如果",
    "否则",
    "指标",
    "择一",
    "评分档",
    "输入",
    "定义",
    "评分表",
    "年度",
    "满分",
    "保留",
    "等级",
    "加分",
    "减分",
    "一票否决",
    "不适用",
    "清单",
    "对照",
    "定性",
    "得分率",
    "扣完为止",
    "按整步",
    "按比例",
    "不足一步按一步",
    "之间",
    "以上",
    "以下",
    "正向",
    "反向",
    "默认",
    "约束",
    "允许",
    "if",
    "then",
    "else",
    "indicator",
    "input",
    "define",
    "rubric",
    "veto",
    "checklist",
    "match",
];

fn expects_keyword(positives: &[Rule]) -> bool {
    positives.is_empty()
        || positives.iter().any(|r| {
            matches!(
                r,
                Rule::kw_then
                    | Rule::kw_if
                    | Rule::kw_else
                    | Rule::item
                    | Rule::input
                    | Rule::define
                    | Rule::indicator
                    | Rule::rule_row
                    | Rule::else_row
                    | Rule::bare_row
                    | Rule::rbrace
                    | Rule::kw_indicator
                    | Rule::step_mode
                    | Rule::floor_zero
            )
        })
}

fn preceding_is_if(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &text[line_start..at];
    ["如果", "if ", "不适用", "一票否决"]
        .iter()
        .any(|k| line.contains(k))
}

fn word_at(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map(|(i, _)| i)
        .unwrap_or(s.len())
}

/// Spaces that look like a blank but are not one the grammar accepts
/// (no-break space, en/em spaces, zero-width characters …).
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'
            ..='\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{FEFF}'
                | '\u{000B}'
                | '\u{000C}'
    )
}

/// Characters that can never start a token of the language.
fn is_stray(c: char) -> bool {
    if c.is_alphanumeric() || c.is_whitespace() {
        return false;
    }
    !"(){}（）｛｝:：,，、;；。=＝<>＜＞≥≤≧≦≠!+-−*/×÷＋－＊／|｜%％\"“”「」#~～—.→".contains(c)
}

/// Plain words for the rules pest expected; diag::messages translates them.
fn rule_word(r: Rule) -> Option<&'static str> {
    Some(match r {
        Rule::kw_then => "then",
        Rule::kw_if => "if",
        Rule::kw_else => "else",
        Rule::expr
        | Rule::and_expr
        | Rule::not_expr
        | Rule::cmp_expr
        | Rule::arith
        | Rule::primary => "expression",
        Rule::number | Rule::number_lit | Rule::integer => "number",
        Rule::ident => "name",
        Rule::rbrace => "rbrace",
        Rule::lbrace => "lbrace",
        Rule::type_expr | Rule::type_name | Rule::enum_type => "type",
        Rule::string => "string",
        Rule::item | Rule::input | Rule::define | Rule::indicator | Rule::veto => "statement",
        Rule::rule_row | Rule::else_row | Rule::bare_row | Rule::scoring => "row",
        Rule::cmp_op
        | Rule::ge_op
        | Rule::le_op
        | Rule::gt_op
        | Rule::lt_op
        | Rule::eq_op
        | Rule::ne_op => "comparison",
        Rule::colon => "colon",
        Rule::comma => "comma",
        Rule::step_mode => "step_mode",
        Rule::kw_deduct => "deduct",
        Rule::kw_per => "per",
        Rule::excess_dir => "excess",
        Rule::EOI => "eof",
        Rule::eq_sign => "equals",
        Rule::kw_target => "target",
        Rule::kw_cap => "cap",
        Rule::na_policy => "na_policy",
        Rule::veto_effect => "veto_effect",
        Rule::round_mode => "round_mode",
        _ => return None,
    })
}

/// `否者 0` parses as two rows, the name `否者` and the points `0`. A row
/// that is a lone name one letter away from a row keyword is that keyword
/// misspelt (same length, so `得分率` is not taken for `得分`).
pub(super) fn misspelt_row_keyword(row: &Scoring) -> Option<Diagnostic> {
    const ROW_KEYWORDS: &[&str] = &["否则", "如果", "不适用", "一票否决", "else"];
    let Scoring::Expr(e) = row else { return None };
    let ExprKind::Name(n) = &e.kind else {
        return None;
    };
    let len = n.chars().count();
    let kw = did_you_mean(
        n,
        ROW_KEYWORDS
            .iter()
            .copied()
            .filter(|k| k.chars().count() == len),
    )?;
    let differ = n.chars().zip(kw.chars()).filter(|(a, b)| a != b).count();
    (differ == 1).then(|| {
        Diagnostic::new(Msg::UnknownKeyword {
            found: n.clone(),
            suggestion: kw,
        })
        .at(e.span)
    })
}

/// The few marks a user can be told to add, from the literal tokens pest
/// tried at its furthest position. Anything else (a name, a number, an
/// operator) makes the list useless, and it is then empty.
fn punctuation_words(tokens: &[String]) -> Vec<&'static str> {
    let mut words = Vec::new();
    for token in tokens {
        let w = match token.as_str() {
            " " | "\t" | "\n" | "\r" | "\u{3000}" | "\u{feff}" | "#" | "//" => continue,
            ":" | "：" => "colon",
            "{" | "｛" => "lbrace",
            "}" | "｝" => "rbrace",
            "=" | "＝" => "equals",
            "则" | "then" => "then",
            "," | "，" | "、" => "comma",
            _ => return Vec::new(),
        };
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

/// Nothing but blanks or a comment after `skip` bytes, up to the line end.
fn line_is_blank_after(rest: &str, skip: usize) -> bool {
    let line = rest[skip..].split('\n').next().unwrap_or("");
    let t = line.trim_start_matches([' ', '\t', '\r', '\u{3000}']);
    t.is_empty() || t.starts_with('#') || t.starts_with("//")
}
