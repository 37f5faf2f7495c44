//! The bottom of the syntax stage: the pest parser generated from
//! grammar/jixiao.pest, the limits every later layer enforces, and the
//! lexical helpers (trivia, comments, bare names) that need no AST.
//! It depends on nothing else in `syntax`, so every other file may use it.

use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/jixiao.pest"]
pub(super) struct JxParser;

/// Files larger than this are refused before parsing. Real rubrics are
/// 5–20 KB; a 1 MiB file still checks in about a second (release build),
/// which keeps every run under the 2 s promised in docs/robustness.md.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The most decimal places `保留 N 位小数` may ask for.
pub const MAX_PLACES: u32 = 10;
/// Brackets and braces nested deeper than this are refused before parsing,
/// so that the recursive-descent parser can never overflow the stack.
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
pub(super) const MAX_PREFIX: usize = 16;

/// Whether `s` can be written as a bare name (no quotes needed).
pub fn is_plain_name(s: &str) -> bool {
    !s.starts_with('"')
        && JxParser::parse(Rule::ident, s)
            .is_ok_and(|mut p| p.next().is_some_and(|x| x.as_str().len() == s.len()))
}

pub(super) fn first_line_len(s: &str) -> usize {
    s.find('\n').unwrap_or(s.len())
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

/// Parse `input` again, after it failed, with pest's detailed attempts on:
/// they record the furthest position reached inside silent rules (`:`, `=`,
/// brackets) too, which `errors::humanize` needs to say "此处应为冒号". Tracking
/// nearly doubles parsing time, so it is switched on only once a file has
/// failed, and left on: switching it off again could race with a parse on
/// another thread and make messages depend on timing.
pub(super) fn detailed(rule: Rule, input: &str) -> Option<pest::error::Error<Rule>> {
    pest::set_error_detail(true);
    JxParser::parse(rule, input).err()
}

/// Where pest says a failed parse stopped.
pub(super) fn error_pos(e: &pest::error::Error<Rule>) -> usize {
    match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}
