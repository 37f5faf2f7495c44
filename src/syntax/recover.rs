//! Recovery inside an indicator block. pest parses a whole `指标 … { … }` as
//! one item, so one broken row would hide every later mistake of the block.
//! When a block fails, it is walked again row by row: each row that does not
//! parse is reported and skipped to the end of its line, braces are counted
//! so nested indicators stay aligned, and top-level parsing resumes after the
//! block's closing brace.

use super::errors::humanize;
use super::parser::{detailed, error_pos, skip_trivia, JxParser, Rule};
use super::span::FileId;
use crate::diag::Diagnostic;
use pest::Parser;

const HEADS: &[&str] = &[
    "指标",
    "加分",
    "减分",
    "择一",
    "indicator",
    "bonus",
    "penalty",
    "one_of",
];
/// Statements that never appear inside a block: meeting one at the start of a
/// line means the block lost its `}`.
const TOP_ONLY: &[&str] = &["输入", "定义", "约束", "input", "define", "constraint"];

pub(super) fn starts_block(s: &str) -> bool {
    HEADS.iter().any(|k| s.starts_with(k))
}

/// Walk the block starting at `start`; push one diagnostic per broken row.
/// Returns where top-level parsing should resume.
pub(super) fn indicator_block(
    text: &str,
    start: usize,
    file: FileId,
    out: &mut Vec<Diagnostic>,
) -> usize {
    let mut pos = start;
    let mut depth = 0usize;
    loop {
        pos = skip_trivia(text, pos);
        let Some(c) = text[pos..].chars().next() else {
            return pos;
        };
        let rest = &text[pos..];
        if matches!(c, '}' | '｝') {
            pos += c.len_utf8();
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return pos;
            }
            continue;
        }
        if matches!(c, ';' | '；' | '。') {
            pos += c.len_utf8();
            continue;
        }
        if depth > 0 && at_line_start(text, pos) && TOP_ONLY.iter().any(|k| rest.starts_with(k)) {
            return pos;
        }
        let rule = if starts_block(rest) {
            Rule::block_open
        } else {
            Rule::row_probe
        };
        if depth == 0 && rule != Rule::block_open {
            return pos;
        }
        match JxParser::parse(rule, rest) {
            Ok(mut pairs) => {
                let end = pairs
                    .next()
                    .map(|p| p.as_span().end())
                    .filter(|e| *e > 0)
                    .unwrap_or(c.len_utf8());
                pos += end;
                if rule == Rule::block_open {
                    depth += 1;
                }
            }
            Err(e) => {
                let e = detailed(rule, rest).unwrap_or(e);
                let at = pos + error_pos(&e);
                out.push(humanize(&e, text, at, file));
                // Skip the rest of the line, keeping count of its braces.
                let line_end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
                for ch in text[pos..line_end].chars() {
                    match ch {
                        '{' | '｛' => depth += 1,
                        '}' | '｝' => {
                            depth = depth.saturating_sub(1);
                        }
                        _ => {}
                    }
                }
                pos = line_end;
                if depth == 0 {
                    return pos;
                }
            }
        }
    }
}

fn at_line_start(text: &str, pos: usize) -> bool {
    pos == 0 || text[..pos].ends_with('\n')
}
