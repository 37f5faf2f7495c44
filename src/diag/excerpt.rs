//! What a diagnostic shows of its source, and how user text reaches a
//! terminal.
//!
//! - [`visible`] escapes characters a terminal would act on or hide (ESC,
//!   BEL and the other C0/C1 controls, bidi overrides, zero-width marks,
//!   a BOM) as `\u{1b}`, so a label or a unit name cannot retitle the
//!   window, recolour the screen or reorder what is shown (issue 9 item 9).
//! - [`Excerpts`] is the source a diagnostic is rendered from: only the lines
//!   its spans touch, each cut to a window of about [`WINDOW`] characters
//!   around the span (marked `…`) and escaped. A 100 MB one-line JSON file
//!   with 3,000 unknown keys then prints 3,000 short snippets, not 3,000
//!   copies of the line (F15). Line and column numbers stay those of the
//!   real file: codespan asks this view for them.

use super::SourceMap;
use crate::syntax::FileId;
use codespan_reporting::files::{Error, Files};
use std::borrow::Cow;
use std::ops::Range;

/// Characters of a long source line shown around a span.
pub const WINDOW: usize = 200;
/// Of which before the span starts.
const BEFORE: usize = 60;
const CUT: &str = "…";

/// Whether a terminal would act on `c` or show it as nothing.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{feff}')
}

/// `s` with every [`is_hidden`] character written as `\u{…}`; newlines and
/// tabs are kept (messages and tables place them on purpose).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// [`visible`] for one-line text such as a label in a table: a newline or a
/// carriage return would break the row, so they are escaped too.
pub fn visible_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hidden(c) || c == '\n' || c == '\r') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => push_visible(&mut out, c),
        }
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    if is_hidden(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// One shown line: where it sits in the excerpt and in the real file.
struct Shown {
    /// 1-based line number in the real file.
    number: usize,
    /// Byte range of the window in the real file.
    real: Range<usize>,
    /// Where the line starts in the excerpt.
    start: usize,
    /// (excerpt offset, real offset) at each character of the window and
    /// at its end, both increasing.
    marks: Vec<(usize, usize)>,
}

/// The excerpt of one file for one diagnostic.
struct Excerpt {
    file: FileId,
    source: String,
    lines: Vec<Shown>,
}

/// The files a diagnostic is rendered from (see the module documentation).
pub struct Excerpts<'m> {
    map: &'m SourceMap,
    files: Vec<Excerpt>,
}

impl<'m> Excerpts<'m> {
    /// Build the excerpts for `spans` (primary first); returns the view and
    /// each span's range in it (with the excerpt's file id).
    pub fn new(
        map: &'m SourceMap,
        spans: &[crate::syntax::Span],
    ) -> (Self, Vec<(usize, Range<usize>)>) {
        let mut files: Vec<Excerpt> = Vec::new();
        let mut by_file: Vec<(FileId, Vec<Range<usize>>)> = Vec::new();
        for s in spans {
            let r = s.start as usize..s.end as usize;
            match by_file.iter_mut().find(|(f, _)| *f == s.file) {
                Some((_, v)) => v.push(r),
                None => by_file.push((s.file, vec![r])),
            }
        }
        for (file, ranges) in &by_file {
            files.push(Excerpt::build(map, *file, ranges));
        }
        let view = Excerpts { map, files };
        let mapped = spans
            .iter()
            .map(|s| {
                let id = view
                    .files
                    .iter()
                    .position(|e| e.file == s.file)
                    .unwrap_or(0);
                let e = &view.files[id];
                (
                    id,
                    e.to_excerpt(s.start as usize)..e.to_excerpt(s.end as usize),
                )
            })
            .collect();
        (view, mapped)
    }
}

impl Excerpt {
    fn build(map: &SourceMap, file: FileId, ranges: &[Range<usize>]) -> Excerpt {
        let text = map.text(file);
        let clamp = |i: usize| floor_boundary(text, i.min(text.len()));
        let line_of = |i: usize| map.line_of(file, clamp(i));
        let first = ranges.iter().map(|r| line_of(r.start)).min().unwrap_or(1);
        let last = ranges
            .iter()
            .map(|r| line_of(r.end.max(r.start + 1).saturating_sub(1)).max(line_of(r.start)))
            .max()
            .unwrap_or(first);
        let mut source = String::new();
        let mut lines = Vec::new();
        for number in first..=last {
            let (ls, le) = map.line_bounds(file, number);
            // The span that decides this line's window: the primary if it
            // starts here, else the first that touches the line.
            let anchor = ranges
                .iter()
                .find(|r| (ls..=le).contains(&clamp(r.start)))
                .map(|r| clamp(r.start)..clamp(r.end).clamp(clamp(r.start), le))
                .unwrap_or(ls..ls);
            let real = window(text, ls, le, anchor);
            let start = source.len();
            if real.start > ls {
                source.push_str(CUT);
            }
            let mut marks = Vec::with_capacity(real.len() + 1);
            for (i, c) in text[real.clone()].char_indices() {
                marks.push((source.len(), real.start + i));
                if c == '\t' {
                    source.push(c);
                } else {
                    push_visible(&mut source, c);
                }
            }
            marks.push((source.len(), real.end));
            if real.end < le {
                source.push_str(CUT);
            }
            source.push('\n');
            lines.push(Shown {
                number,
                real,
                start,
                marks,
            });
        }
        Excerpt {
            file,
            source,
            lines,
        }
    }

    /// Where a real offset lands in the excerpt (clamped into its window).
    fn to_excerpt(&self, real: usize) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.real.start <= real)
            .saturating_sub(1);
        let Some(l) = self.lines.get(i) else {
            return 0;
        };
        if real > l.real.end {
            // Past the window: the newline after it (a span ending with its line).
            let end = l.marks.last().map_or(l.start, |m| m.0);
            return if real > l.real.end + 1 && i + 1 < self.lines.len() {
                self.lines[i + 1].start
            } else {
                end
            };
        }
        let k = l.marks.partition_point(|m| m.1 <= real).saturating_sub(1);
        l.marks.get(k).map_or(l.start, |m| m.0)
    }

    /// The real offset of an excerpt offset.
    fn to_real(&self, at: usize) -> usize {
        let i = self
            .lines
            .partition_point(|l| l.start <= at)
            .saturating_sub(1);
        let Some(l) = self.lines.get(i) else {
            return 0;
        };
        let k = l.marks.partition_point(|m| m.0 <= at).saturating_sub(1);
        l.marks.get(k).map_or(l.real.start, |m| m.1)
    }
}

/// The byte window of line `ls..le` shown for `anchor`: the whole line when
/// it is short, else up to [`WINDOW`] characters starting [`BEFORE`]
/// characters before the anchor. Only the window is scanned.
fn window(text: &str, ls: usize, le: usize, anchor: Range<usize>) -> Range<usize> {
    // A line can be 100 MB: never count its characters, only the window's.
    let short = le - ls <= WINDOW * 4 && text[ls..le].chars().count() <= WINDOW;
    if short {
        return ls..le;
    }
    let a = anchor.start.clamp(ls, le);
    let start = text[ls..a]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(ls, |(i, _)| ls + i);
    let end = text[start..le]
        .char_indices()
        .nth(WINDOW)
        .map_or(le, |(i, _)| start + i);
    start..end
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl<'a> Files<'a> for Excerpts<'_> {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, Error> {
        let e = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(visible_line(self.map.name(e.file)).into_owned())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.files.get(id).ok_or(Error::FileMissing)?.source)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let e = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(e.lines
            .partition_point(|l| l.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let e = self.files.get(id).ok_or(Error::FileMissing)?;
        let l = e.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: e.lines.len(),
        })?;
        let end = e
            .lines
            .get(line_index + 1)
            .map_or(e.source.len(), |n| n.start);
        Ok(l.start..end)
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, Error> {
        let e = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(e.lines.get(line_index).map_or(line_index + 1, |l| l.number))
    }

    fn column_number(&'a self, id: usize, _line: usize, byte_index: usize) -> Result<usize, Error> {
        let e = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(self.map.line_col(e.file, e.to_real(byte_index)).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_text_is_not() {
        assert_eq!(visible("甲局"), "甲局");
        assert_eq!(visible("\u{1b}[31m红\u{7}"), "\\u{1b}[31m红\\u{7}");
        assert_eq!(visible("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(visible("行一\n行二\t"), "行一\n行二\t");
        assert_eq!(visible_line("a\nb"), "a\\nb");
        assert_eq!(visible("\u{9b}x"), "\\u{9b}x", "C1 CSI");
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_with_real_columns() {
        let mut map = SourceMap::new();
        let line = format!("{}目标{}\n第二行\n", "甲".repeat(5000), "乙".repeat(5000));
        let id = map.add("f.json", line.clone());
        let at = line.find("目标").unwrap();
        let span = crate::syntax::Span::new(id, at, at + "目标".len());
        let (view, mapped) = Excerpts::new(&map, &[span]);
        let src = view.source(0).unwrap();
        assert!(src.chars().count() < WINDOW + 10, "{}", src.chars().count());
        assert!(src.starts_with(CUT) && src.trim_end().ends_with(CUT));
        let (_, r) = &mapped[0];
        assert_eq!(&src[r.clone()], "目标");
        let loc = view.location(0, r.start).unwrap();
        assert_eq!((loc.line_number, loc.column_number), (1, 5001));
    }
}
