//! Hints for syntax errors whose cause is a word rather than a mark: a
//! reserved word used as a name, a number followed by a word that is no
//! unit, a keyword written against a name. `errors::humanize` asks these
//! before it falls back to "expected …".

use super::parser::Rule;
use super::span::{FileId, Span};
use crate::diag::{Diagnostic, Msg, Note};

/// The grammar's reserved words (`keyword` in jixiao.pest), each with the
/// Chinese word it stands for: a name cannot be one of them.
const RESERVED: &[(&str, &str)] = &[
    ("qualitative", "定性"),
    ("proportion", "按比例"),
    ("checklist", "清单"),
    ("indicator", "指标"),
    ("penalty", "减分"),
    ("define", "定义"),
    ("rubric", "评分表"),
    ("bonus", "加分"),
    ("input", "输入"),
    ("match", "对照"),
    ("score", "得分"),
    ("else", "否则"),
    ("from", "从"),
    ("then", "则"),
    ("veto", "一票否决"),
    ("and", "并且"),
    ("not", "非"),
    ("if", "如果"),
    ("na", "不适用"),
    ("or", "或"),
    ("一票否决", "一票否决"),
    ("扣完为止", "扣完为止"),
    ("不适用", "不适用"),
    ("按比例", "按比例"),
    ("评分表", "评分表"),
    ("减分", "减分"),
    ("加分", "加分"),
    ("反向", "反向"),
    ("正向", "正向"),
    ("定义", "定义"),
    ("定性", "定性"),
    ("对照", "对照"),
    ("得分", "得分"),
    ("指标", "指标"),
    ("清单", "清单"),
    ("输入", "输入"),
];

/// `输入 na: 是否`, `如果 na 则 10`: a reserved word where a name belongs.
/// The words that structure a row (则, 否则, 如果 …) are left to the other
/// messages: `如果 则 10` lacks a condition, it does not misuse a name.
pub(super) fn reserved_as_name(word: &str, positives: &[Rule], span: Span) -> Option<Diagnostic> {
    let (_, meaning) = RESERVED.iter().find(|(w, _)| *w == word)?;
    let wants_name = positives.iter().any(|r| {
        matches!(
            r,
            Rule::ident
                | Rule::expr
                | Rule::and_expr
                | Rule::not_expr
                | Rule::cmp_expr
                | Rule::arith
                | Rule::primary
        )
    });
    wants_name.then(|| {
        Diagnostic::new(Msg::ReservedWord {
            word: word.to_string(),
            meaning: meaning.to_string(),
        })
        .at(span)
    })
}

/// The units a number may carry (`unit` in jixiao.pest).
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "万元",
    "亿元",
    "元",
    "人次",
    "人",
    "家",
    "次",
    "个",
    "项",
    "件",
    "天",
    "日",
    "月",
    "年",
];

/// Words that may follow a number and are not a unit.
const AFTER_NUMBER: &[&str] = &[
    "则", "分", "以上", "以下", "之间", "和", "与", "至", "到", "扣", "每", "或", "且", "并且",
    "或者", "超出", "低于", "含", "否则", "如果", "得", "then", "and", "or", "to", "else", "if",
];

/// The usual spelling of a common shorthand for a unit (`10万` → 万元).
pub fn usual_spelling(unit: &str) -> Option<&'static str> {
    match unit {
        "万" => Some("万元"),
        "亿" => Some("亿元"),
        "元整" | "块" | "块钱" => Some("元"),
        "％" => Some("%"),
        _ => None,
    }
}

/// `25 个工作日`, `10万`: a number followed by a word that is no unit. The
/// whole unit as written (`个工作日`) is named, with the usual spelling
/// for the common shorthands.
pub(super) fn unit_after_number(
    text: &str,
    at: usize,
    word: &str,
    file: FileId,
) -> Option<Diagnostic> {
    let first = word.chars().next()?;
    if first.is_ascii_digit() || AFTER_NUMBER.iter().any(|w| word.starts_with(w)) {
        return None;
    }
    let before = &text[..at];
    let ends_in_number = |s: &str| {
        s.trim_end_matches([' ', '\u{3000}'])
            .ends_with(|c: char| c.is_ascii_digit())
    };
    // A known unit glued to the word (`个` of `个工作日`) belongs to it.
    let start = match UNITS.iter().find(|u| before.ends_with(**u)) {
        Some(u) if ends_in_number(&before[..before.len() - u.len()]) => before.len() - u.len(),
        _ if ends_in_number(before) => at,
        _ => return None,
    };
    let unit = &text[start..at + word.len()];
    let number_end = text[..start].trim_end_matches([' ', '\u{3000}']).len();
    let number_start = text[..number_end]
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let number = &text[number_start..number_end];
    let full = usual_spelling(unit);
    let mut d = Diagnostic::new(Msg::UnknownUnit {
        unit: unit.to_string(),
    })
    .at(Span::new(file, start, at + word.len()));
    if let Some(u) = full {
        d = d.note(Note::DidYouMean(format!("{number} {u}")));
    }
    Some(d)
}

/// A keyword written against a name (`如果预算完成率`, `预算完成率在90`)
/// on the line up to the error: spacing is then the likely cause of a
/// syntax error, and the hint says so. Names may well contain 和 or 在, so
/// only a keyword at a word's edge, or before a digit, counts.
pub(super) fn glued_keyword(line: &str) -> Option<String> {
    const START: &[&str] = &["如果", "否则"];
    const END: &[&str] = &["之间", "以上", "以下", "则"];
    const BEFORE_DIGIT: &[&str] = &["在", "和", "至"];
    for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let glued = START
            .iter()
            .find(|k| word.starts_with(**k) && word.len() > k.len())
            .or_else(|| {
                END.iter()
                    .find(|k| word.ends_with(**k) && word.len() > k.len())
            })
            .or_else(|| {
                BEFORE_DIGIT.iter().find(|k| {
                    word.match_indices(**k).any(|(i, _)| {
                        i > 0 && word[i + k.len()..].starts_with(|c: char| c.is_ascii_digit())
                    })
                })
            });
        if let Some(k) = glued {
            return Some(k.to_string());
        }
    }
    None
}

/// `90%（含）-95%`, `90%～95%`: a range as documents write it, a dash
/// between two numbers. Returns the dash's byte offset in `line`, and the
/// two ends as written. Only asked once the parse has failed, so a real
/// subtraction (`实际 - 95%` in a formula) never gets here.
pub(super) fn range_dash(line: &str) -> Option<(usize, char, String, String)> {
    const DASHES: &[char] = &['-', '－', '~', '～', '—', '–', '−'];
    let is_end = |c: char| c.is_ascii_digit() || c == '.' || c == '%' || c == '％';
    for (i, dash) in line.char_indices().filter(|(_, c)| DASHES.contains(c)) {
        let left = line[..i].trim_end_matches([' ', '\u{3000}']);
        let right = line[i + dash.len_utf8()..].trim_start_matches([' ', '\u{3000}']);
        let number = left
            .strip_suffix("（含）")
            .or_else(|| left.strip_suffix("(含)"))
            .unwrap_or(left);
        if !number.ends_with(|c: char| c.is_ascii_digit() || c == '%' || c == '％')
            || !right.starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let lo_start = number
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_end(c))
            .last()
            .map_or(number.len(), |(j, _)| j);
        let lo = &left[lo_start..];
        let hi_len: usize = right
            .char_indices()
            .take_while(|&(_, c)| is_end(c))
            .last()
            .map_or(0, |(j, c)| j + c.len_utf8());
        let mut hi = right[..hi_len].to_string();
        for incl in ["（含）", "(含)"] {
            if right[hi_len..].starts_with(incl) {
                hi.push_str(incl);
            }
        }
        if lo.starts_with(|c: char| c.is_ascii_digit()) {
            return Some((i, dash, lo.to_string(), hi));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{glued_keyword, range_dash};

    #[test]
    fn a_document_range_is_found_with_its_ends() {
        let r = |l: &str| range_dash(l).map(|(_, d, lo, hi)| format!("{lo}{d}{hi}"));
        assert_eq!(
            r("  如果 率 90%（含）-95% 则 8").as_deref(),
            Some("90%（含）-95%")
        );
        assert_eq!(
            r("如果 率 在 80%～90%（含） 则 6").as_deref(),
            Some("80%～90%（含）")
        );
        assert_eq!(r("如果 天数 10 - 20 则 3").as_deref(), Some("10-20"));
        assert_eq!(r("得分 = 实际 - 目标"), None);
        assert_eq!(r("如果 x >= -5% 则 1"), None);
    }

    #[test]
    fn only_a_keyword_at_a_word_edge_is_glued() {
        assert_eq!(
            glued_keyword("如果预算完成率 >= 90%").as_deref(),
            Some("如果")
        );
        assert_eq!(glued_keyword("预算完成率在90").as_deref(), Some("在"));
        assert_eq!(glued_keyword("如果 收入和支出 >= 1"), None);
        assert_eq!(glued_keyword("如果 x >= 9% 10"), None);
    }
}
