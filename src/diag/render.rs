//! Rendering diagnostics: text through codespan-reporting, or JSON lines.
//! Columns are counted in characters (1-based), never bytes.

use super::excerpt::{visible, Excerpts};
use super::{Diagnostic, Lang, Severity};
use crate::syntax::{FileId, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term::{self, termcolor};
use std::ops::Range;

/// The files a run has read (rule files, facts files), indexed by [`FileId`].
#[derive(Default, Clone)]
pub struct SourceMap {
    files: Vec<(String, String)>,
    /// Byte offset of each line start, per file: `line_col` is then a binary
    /// search, not a scan, so a run with many diagnostics stays linear.
    lines: Vec<Vec<usize>>,
    /// Per file, the lines before its first: a window of a larger file
    /// (one CSV record of a streamed data file) is numbered as in that file.
    skip: Vec<usize>,
}

impl SourceMap {
    pub fn new() -> Self {
        SourceMap::default()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.add_window(name, text, 1)
    }

    /// A part of a file that begins on line `first_line` of it: diagnostics
    /// name the file's own line numbers, and only the part is kept.
    pub fn add_window(
        &mut self,
        name: impl Into<String>,
        text: impl Into<String>,
        first_line: usize,
    ) -> FileId {
        let text: String = text.into();
        self.skip.push(first_line.saturating_sub(1));
        // A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files, CSV
        // saved so): counting only `\n` put every row of a CR-only file on
        // "line 1", while batch numbered the same rows 2, 3, 4.
        let b = text.as_bytes();
        self.lines.push(
            std::iter::once(0)
                .chain(
                    b.iter()
                        .enumerate()
                        .filter(|&(i, &c)| {
                            c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'))
                        })
                        .map(|(i, _)| i + 1),
                )
                .collect(),
        );
        self.files.push((name.into(), text));
        (self.files.len() - 1) as FileId
    }

    /// How many files there are: the next file added gets this id.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Forget the files added after the first `len` (windows no longer needed).
    pub fn truncate(&mut self, len: usize) {
        self.files.truncate(len);
        self.lines.truncate(len);
        self.skip.truncate(len);
    }

    pub fn name(&self, id: FileId) -> &str {
        &self.files[id as usize].0
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id as usize].1
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, id: FileId, byte: usize) -> (usize, usize) {
        let text = self.text(id);
        let byte = floor_char_boundary(text, byte.min(text.len()));
        let starts = &self.lines[id as usize];
        let line = starts.partition_point(|&s| s <= byte).max(1);
        let col = text[starts[line - 1]..byte].chars().count() + 1;
        (line + self.skip[id as usize], col)
    }

    /// The 1-based line of a byte offset (no column: no scan of the line).
    pub(super) fn line_of(&self, id: FileId, byte: usize) -> usize {
        self.lines[id as usize]
            .partition_point(|&s| s <= byte)
            .max(1)
            + self.skip[id as usize]
    }

    /// Byte range of a 1-based line, without its `\n`, `\r\n` or `\r`.
    pub(super) fn line_bounds(&self, id: FileId, line: usize) -> (usize, usize) {
        let text = self.text(id);
        let starts = &self.lines[id as usize];
        let line = line.saturating_sub(self.skip[id as usize]).max(1);
        let s = starts[(line - 1).min(starts.len() - 1)];
        let mut e = starts.get(line).map_or(text.len(), |n| n - 1);
        if text[s..e].ends_with('\r') {
            e -= 1;
        }
        (s, e)
    }

    /// `file:line` of a span, for traces.
    pub fn location(&self, span: Span) -> String {
        let (line, _) = self.line_col(span.file, span.start as usize);
        format!("{}:{}", self.name(span.file), line)
    }

    /// The source text of a span.
    pub fn snippet(&self, span: Span) -> &str {
        let text = self.text(span.file);
        let s = floor_char_boundary(text, (span.start as usize).min(text.len()));
        let e = floor_char_boundary(text, (span.end as usize).min(text.len()));
        &text[s..e]
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Render for a terminal or a file. `color` is for terminals only. Each
/// diagnostic shows only a window of its source lines, escaped (see
/// [`super::excerpt`]), and its words escaped too.
pub fn render_text(diags: &[Diagnostic], map: &SourceMap, lang: Lang, color: bool) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        let mut buf = if color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        let spans: Vec<Span> = d
            .span
            .iter()
            .chain(d.labels.iter().map(|l| &l.0))
            .copied()
            .collect();
        let (files, at) = Excerpts::new(map, &spans);
        let cs = to_codespan(d, lang, &at);
        if term::emit(&mut buf, &config, &files, &cs).is_err() {
            // A span that no longer fits its file is a bug of ours; still say what we know.
            out.push_str(&format!(
                "{}[{}]: {}\n",
                sev_word(d, lang),
                d.code(),
                visible(&d.msg.text(lang))
            ));
            continue;
        }
        let text = String::from_utf8_lossy(buf.as_slice());
        // codespan always writes `error`/`warning`; a Chinese reader gets 错误/警告.
        let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
        let english = if d.severity() == Severity::Error {
            "error["
        } else {
            "warning["
        };
        out.push_str(&head.replacen(english, &format!("{}[", sev_word(d, lang)), 1));
        out.push('\n');
        out.push_str(rest);
    }
    out
}

fn sev_word(d: &Diagnostic, lang: Lang) -> &'static str {
    match (d.severity(), lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// `at` holds the excerpt file and range of the primary span (if any), then
/// of each label, as [`Excerpts::new`] returned them.
fn to_codespan(d: &Diagnostic, lang: Lang, at: &[(usize, Range<usize>)]) -> CsDiagnostic<usize> {
    let base = match d.severity() {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let mut labels = Vec::new();
    let mut at = at.iter().cloned();
    if d.span.is_some() {
        if let Some((file, range)) = at.next() {
            labels.push(Label::primary(file, range));
        }
    }
    for ((file, range), (_, note)) in at.zip(&d.labels) {
        labels.push(Label::secondary(file, range).with_message(visible(&note.text(lang))));
    }
    base.with_code(d.code())
        .with_message(visible(&d.msg.text(lang)))
        .with_labels(labels)
        .with_notes(notes_and_help(d, lang))
}

/// The lines under a diagnostic: its notes, then the help line.
pub fn notes_and_help(d: &Diagnostic, lang: Lang) -> Vec<String> {
    let mut notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| visible(&n.text(lang)).into_owned())
        .collect();
    if let Some(h) = d.msg.help(lang) {
        let h = visible(&h);
        notes.push(match lang {
            Lang::Zh => format!("提示：{h}"),
            Lang::En => format!("help: {h}"),
        });
    }
    notes
}

/// One JSON object per line: code, severity, message, file, line, column,
/// end_line, end_column (1-based, characters), help, notes.
pub fn render_json(diags: &[Diagnostic], map: &SourceMap, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let mut obj = serde_json::Map::new();
        obj.insert("code".into(), d.code().into());
        obj.insert(
            "severity".into(),
            match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .into(),
        );
        obj.insert("message".into(), d.msg.text(lang).into());
        if let Some(span) = d.span {
            let (l, c) = map.line_col(span.file, span.start as usize);
            let (el, ec) = map.line_col(span.file, span.end as usize);
            obj.insert("file".into(), map.name(span.file).into());
            obj.insert("line".into(), l.into());
            obj.insert("column".into(), c.into());
            obj.insert("end_line".into(), el.into());
            obj.insert("end_column".into(), ec.into());
        }
        obj.insert(
            "help".into(),
            d.msg
                .help(lang)
                .map(Into::into)
                .unwrap_or(serde_json::Value::Null),
        );
        let notes: Vec<serde_json::Value> = d
            .labels
            .iter()
            .map(|(_, n)| n.text(lang).into())
            .chain(d.notes.iter().map(|n| n.text(lang).into()))
            .collect();
        obj.insert("notes".into(), notes.into());
        out.push_str(&serde_json::Value::Object(obj).to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::SourceMap;

    #[test]
    fn columns_are_characters_and_lines_are_one_based() {
        let mut m = SourceMap::new();
        let id = m.add("t.jx", "ab\n中文（含）x\n\nz");
        assert_eq!(m.line_col(id, 0), (1, 1));
        assert_eq!(m.line_col(id, 2), (1, 3), "the newline itself ends line 1");
        assert_eq!(m.line_col(id, 3), (2, 1));
        let x = "ab\n中文（含）".len();
        assert_eq!(m.line_col(id, x), (2, 6), "中文（含） is five characters");
        assert_eq!(m.line_col(id, x + 2), (3, 1));
        assert_eq!(
            m.line_col(id, 10_000),
            (4, 2),
            "past the end clamps to the end"
        );
        assert_eq!(m.line_col(id, 4), (2, 1), "inside a character rounds down");
    }
}
