//! E307, a facts file the TOML or JSON reader cannot read, with what a
//! clerk needs to fix it: the line where the mistake is, not only where
//! the reader gave up. An unclosed `[` is found at the end of the next
//! entry; the label goes back to the bracket. `96.5%` without quotes is the
//! commonest slip of all; the note shows the line with quotes.

use super::{Format, SyntaxError};
use crate::diag::{Diagnostic, Msg, Note};
use crate::syntax::{FileId, Span};

impl SyntaxError {
    /// The diagnostic for this error; `text` is what the reader read,
    /// starting `bom` bytes into the file.
    pub(crate) fn diagnostic(
        &self,
        text: &str,
        bom: usize,
        file: FileId,
        format: Format,
    ) -> Diagnostic {
        let msg = Msg::FactsSyntax {
            format: format.name().to_string(),
            detail: self.detail.clone(),
        };
        let at = |r: std::ops::Range<usize>| Span::new(file, bom + r.start, bom + r.end);
        let mut d = Diagnostic::new(msg).at(at(self.span.clone()));
        let start = self.span.start.min(text.len());
        if let Some(open) = unclosed(text, start, &self.detail) {
            d = d.label(at(open..open + 1), Note::ListOpened);
        }
        if let Some(end) = comma_missing(text, start, &self.detail, format) {
            let last = text[..end].chars().next_back().map_or(1, char::len_utf8);
            d = d.label(at(end - last..end), Note::CommaMissing);
        }
        if let Some(line) = quoted_line(text, start, format) {
            d = d.note(Note::QuoteValue(line));
        }
        d
    }
}

/// The opening bracket of the array or table that the error is about, when
/// it is on an earlier line than the error.
fn unclosed(text: &str, at: usize, detail: &str) -> Option<usize> {
    let (open, close) = if detail.contains("array") || detail.contains("a list") {
        ('[', ']')
    } else if detail.contains("inline table") || detail.contains("an object") {
        ('{', '}')
    } else {
        return None;
    };
    let at = floor_char(text, at);
    let mut in_string = None;
    // Forward scan so that strings and comments are skipped; the last
    // bracket still open at `at` is the one never closed.
    let mut stack = Vec::new();
    let mut chars = text[..at].char_indices();
    while let Some((i, c)) = chars.next() {
        match in_string {
            Some(q) => {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    in_string = None;
                }
            }
            None => match c {
                '"' | '\'' => in_string = Some(c),
                '#' => {
                    for (_, c) in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                c if c == open => stack.push(i),
                c if c == close => {
                    stack.pop();
                }
                _ => {}
            },
        }
    }
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    stack.last().copied().filter(|&i| i < line_start)
}

/// The end of the previous line, when JSON wanted a comma and found the
/// next entry at the start of a line.
fn comma_missing(text: &str, at: usize, detail: &str, format: Format) -> Option<usize> {
    if format != Format::Json || !detail.starts_with("expected `,`") {
        return None;
    }
    let at = floor_char(text, at);
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    if !text[line_start..at].trim().is_empty() {
        return None;
    }
    let before = text[..line_start].trim_end();
    (!before.is_empty()).then_some(before.len())
}

/// `预算完成率 = 96.5%` as it should be written, when the error is on a line
/// whose value is a number glued to a unit or % without quotes.
fn quoted_line(text: &str, at: usize, format: Format) -> Option<String> {
    let at = floor_char(text, at);
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let line = text[start..end].trim_end_matches('\r');
    let sep = match format {
        Format::Toml => '=',
        Format::Json => ':',
    };
    let (key, value) = line.split_once(sep)?;
    let value = value.trim();
    let (value, tail) = match format {
        // `"a": 12 万元,` or `"a": 12 万元}`: the punctuation stays outside.
        Format::Json => {
            let v = value.trim_end_matches([',', '}', ']', ' ']);
            (v, &value[v.len()..])
        }
        Format::Toml => (value, ""),
    };
    let digits = value
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+'))))
        .map(|(i, _)| i)?;
    let (number, unit) = value.split_at(digits);
    let unit_ok = !unit.is_empty()
        && !unit.starts_with(['"', '\'', '#', '[', '{', ',', 'e', 'E', '_'])
        && !unit.contains(['"', '#', '=']);
    if number.is_empty()
        || !number.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
        || !unit_ok
    {
        return None;
    }
    let sep = match format {
        Format::Toml => " = ",
        Format::Json => ": ",
    };
    Some(format!("{}{sep}\"{value}\"{tail}", key.trim_end()))
}

fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_with_a_unit_is_shown_with_quotes() {
        let t = "预算数 = 100\n预算完成率 = 96.5%\n";
        let at = t.find('%').unwrap();
        assert_eq!(
            quoted_line(t, at, Format::Toml).as_deref(),
            Some("预算完成率 = \"96.5%\"")
        );
        let j = "{\"预算数\": 12 万元,\n}";
        assert_eq!(
            quoted_line(j, j.find('万').unwrap(), Format::Json).as_deref(),
            Some("{\"预算数\": \"12 万元\",")
        );
        // Not a number with a unit: no note.
        assert_eq!(quoted_line("a = 是\n", 4, Format::Toml), None);
        assert_eq!(quoted_line("a = 1e400\n", 4, Format::Toml), None);
        assert_eq!(quoted_line("a = \"x\" y\n", 8, Format::Toml), None);
    }

    #[test]
    fn an_unclosed_array_is_found_where_it_opened() {
        let t = "a = 1\nb = [1, # ] not this\nc = 2\n";
        let at = t.find("c =").unwrap();
        assert_eq!(
            unclosed(t, at, "invalid array; expected `]`"),
            Some(t.find('[').unwrap())
        );
        // On the same line as the error: the caret is already there.
        let t = "b = [1, x\n";
        assert_eq!(unclosed(t, 8, "invalid array; expected `]`"), None);
        // A bracket in a string does not count.
        let t = "a = \"[\"\nb = 2 3\n";
        assert_eq!(unclosed(t, 14, "invalid array"), None);
    }
}
