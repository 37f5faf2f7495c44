//! The formatter behind `jixiao fmt`: the printer's canonical lines
//! (super::print), in source order, with every comment kept.
//!
//! The AST has no comments, so they are collected from the text with their
//! byte offsets. Before each statement, row or closing brace, the comments
//! that begin before it are written on their own lines; after a line, the
//! comment that trailed the node's last source line is written after it.
//! Statements stay in source order (the plain printer groups them by kind),
//! so a comment never drifts away from the statement it describes; the
//! lowering keeps each kind in source order, so the tree is the same.

use super::ast::*;
use super::print::*;
use super::span::Span;
use unicode_width::UnicodeWidthStr;

/// A `#` or `//` comment: its byte range (to the end of its line, trailing
/// blanks excluded) and whether code precedes it on its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
    pub trailing: bool,
}

/// Every comment of a rule file, in order. Text between quotes (`"…"`,
/// `“…”`, `「…」`) is not a comment even when it holds `#` or `//`.
pub fn comments(src: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut close: Option<char> = None;
    let mut code_on_line = false;
    let mut it = src.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if let Some(q) = close {
            if c == q {
                close = None;
            } else if c == '\n' && q == '"' {
                // An unterminated ASCII string does not hide the rest of the file.
                close = None;
                code_on_line = false;
            }
            continue;
        }
        match c {
            '\n' => code_on_line = false,
            '"' => (close, code_on_line) = (Some('"'), true),
            '“' => (close, code_on_line) = (Some('”'), true),
            '「' => (close, code_on_line) = (Some('」'), true),
            '#' | '/' if c == '#' || it.peek().map(|p| p.1) == Some('/') => {
                let line_end = src[i..].find('\n').map_or(src.len(), |n| i + n);
                let end = i + src[i..line_end].trim_end().len();
                out.push(Comment {
                    start: i,
                    end,
                    trailing: code_on_line,
                });
                while it.peek().is_some_and(|p| p.0 < line_end) {
                    it.next();
                }
                code_on_line = false;
            }
            c if c.is_whitespace() || c == '\u{FEFF}' => {}
            _ => code_on_line = true,
        }
    }
    out
}

/// Format a parsed rule file, keeping `src`'s comments. `src` must be the
/// text `r` was parsed from.
pub fn format(r: &Rubric, src: &str) -> String {
    let mut f = Fmt {
        src,
        comments: comments(src),
        next: 0,
        out: String::new(),
        last: 0,
    };
    f.header(&r.header);
    let mut items: Vec<(Span, Top)> = Vec::new();
    items.extend(r.allows.iter().map(|a| (a.span, Top::Allow(a))));
    // Declared units print on one line, where the first was declared.
    if let Some(first) = r.units.first() {
        items.push((first.span, Top::Units(&r.units)));
    }
    items.extend(r.band_sets.iter().map(|b| (b.span, Top::BandSet(b))));
    items.extend(r.inputs.iter().map(|i| (i.span, Top::Input(i))));
    items.extend(r.defines.iter().map(|d| (d.span, Top::Define(d))));
    items.extend(r.constraints.iter().map(|c| (c.span, Top::Constraint(c))));
    items.extend(r.indicators.iter().map(|i| (i.span, Top::Indicator(i))));
    items.extend(r.vetoes.iter().map(|v| (v.span, Top::Veto(v))));
    items.sort_by_key(|(s, _)| s.start);
    let siblings: Vec<_> = items
        .iter()
        .map(|(s, item)| match item {
            Top::Indicator(i) => (*s, Some(*i)),
            _ => (*s, None),
        })
        .collect();
    let columns = f.columns(&siblings);
    for ((span, item), col) in items.into_iter().zip(columns) {
        match item {
            Top::Allow(a) => f.line(span, 0, allow_line(a)),
            Top::Units(u) => f.line(span, 0, units_line(u)),
            Top::BandSet(b) => f.line(span, 0, band_set_line(b)),
            Top::Input(i) => f.line(span, 0, input_line(i)),
            Top::Define(d) => f.line(span, 0, define_line(d)),
            Top::Constraint(c) => f.line(span, 0, constraint_line(c)),
            Top::Veto(v) => f.line(span, 0, veto_line(v)),
            Top::Indicator(i) => f.indicator(i, 0, col),
        }
    }
    f.leading(src.len(), 0);
    f.out
}

/// The longest one-row indicator kept on one line, in characters.
const ONE_LINE_MAX: usize = 72;

/// A run of sibling indicators whose heads differ by more than this many
/// columns is left unaligned: the gap would carry a short name's weight too
/// far from it to read as its own.
const MAX_PAD: usize = 16;

/// Where a head's weight goes. Consecutive sibling indicators (no blank
/// line, no other statement between them; comments may be) get their weights
/// in one column, integer parts right-aligned, so a group's points read down
/// like the 分值 column of a published table. Widths are display columns (a
/// CJK character takes two). The runs depend only on the tree and on where
/// blank lines are, which formatting keeps, so the result is a fixed point.
#[derive(Clone, Copy, Default)]
struct Column {
    /// Display width the part before the weight is padded to; 0: no column.
    before: usize,
    /// Width of the widest integer part of the run's weights.
    int: usize,
}

impl Column {
    fn head(self, ind: &Indicator) -> String {
        let (before, weight) = indicator_head_parts(ind);
        // An item under a shared cap has no weight to align.
        if weight.is_empty() {
            return before;
        }
        let pad = (self.before.saturating_sub(before.width()))
            + self.int.saturating_sub(int_width(&weight));
        format!("{before} {}{weight}", " ".repeat(pad))
    }
}

/// The width of a weight's integer part: `12.5` → 2, and `75%` or
/// `40 按 适用项` (a percentage, a 择一 group) → 2, so they align too.
fn int_width(weight: &str) -> usize {
    weight
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(weight.len())
}

/// [`format`], checked: the result must parse to the same tree (as the plain
/// printer writes it) with the same comments in the same order. `None` means
/// the formatter would have lost or changed something — a bug, e.g. a
/// construct it does not know yet — and the caller must keep the original.
pub fn format_verified(r: &Rubric, src: &str) -> Option<String> {
    let out = format(r, src);
    let again = super::lower::parse(&out, r.header.span.file).ok()?;
    let texts = |t: &str| -> Vec<String> {
        comments(t)
            .iter()
            .map(|c| t[c.start..c.end].to_string())
            .collect()
    };
    (print(&again) == print(r) && texts(&out) == texts(src)).then_some(out)
}

enum Top<'a> {
    Units(&'a [UnitDecl]),
    Allow(&'a Allow),
    BandSet(&'a BandSet),
    Input(&'a Input),
    Define(&'a Define),
    Constraint(&'a Constraint),
    Indicator(&'a Indicator),
    Veto(&'a Veto),
}

enum Body<'a> {
    Allow(&'a Allow),
    Na(&'a NotApplicable),
    Veto(&'a Expr),
    Note(&'a Ident),
    Child(&'a Indicator),
    Row(&'a Row, usize),
}

struct Fmt<'a> {
    src: &'a str,
    comments: Vec<Comment>,
    /// The first comment not yet written.
    next: usize,
    out: String,
    /// Where the last thing written ended in the source, for blank lines.
    last: usize,
}

impl Fmt<'_> {
    /// Where the code of `start..end` ends: pest spans may take in the
    /// blanks and comments after a node, which belong to what follows.
    fn code_end(&self, start: usize, end: usize) -> usize {
        let mut end = end.min(self.src.len());
        loop {
            let trimmed = start.max(self.src[..end].trim_end().len());
            match self
                .comments
                .iter()
                .rfind(|c| c.end == trimmed && c.start >= start)
            {
                Some(c) => end = c.start,
                None => return trimmed,
            }
        }
    }

    /// A blank line where the source had at least one between the last
    /// thing written and `pos` (never at the start of the file or a block).
    fn blank_before(&mut self, pos: usize) {
        let gap = &self.src[self.last.min(pos)..pos];
        let lines: Vec<&str> = gap.split('\n').collect();
        let blank = lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty());
        if blank && !self.out.is_empty() && !self.out.ends_with("{\n") {
            self.out.push('\n');
        }
    }

    /// Write, each on its own line, the comments that begin before `pos`.
    fn leading(&mut self, pos: usize, depth: usize) {
        while let Some(c) = self.comments.get(self.next) {
            if c.start >= pos {
                break;
            }
            let (start, end) = (c.start, c.end);
            self.blank_before(start);
            self.out.push_str(&"  ".repeat(depth));
            self.out.push_str(&self.src[start..end]);
            self.out.push('\n');
            self.next += 1;
            self.last = end;
        }
    }

    /// Finish a line whose code ended at `end`: the comment after it on the
    /// same source line, with only blanks and punctuation between, goes on it.
    fn trailing(&mut self, end: usize) {
        if let Some(c) = self.comments.get(self.next) {
            let gap = &self.src[end.min(c.start)..c.start];
            if c.trailing
                && gap
                    .chars()
                    .all(|ch| ch.is_whitespace() && ch != '\n' || "{｛;；。,，".contains(ch))
            {
                self.out.push_str("  ");
                self.out.push_str(&self.src[c.start..c.end]);
                self.next += 1;
                self.last = c.end;
            }
        }
        self.out.push('\n');
        self.last = self.last.max(end);
    }

    /// A node written on one line: comments inside it move above it.
    fn line(&mut self, span: Span, depth: usize, text: String) {
        let start = span.start as usize;
        let end = self.code_end(start, span.end as usize);
        self.leading(start, depth);
        self.blank_before(start);
        self.leading(end, depth);
        self.out.push_str(&"  ".repeat(depth));
        self.out.push_str(&text);
        self.last = end;
        self.trailing(end);
    }

    fn header(&mut self, h: &Header) {
        let start = h.span.start as usize;
        let mut parts: Vec<(usize, String)> = Vec::new();
        if let Some(r) = &h.rounding {
            parts.push((r.span.start as usize, rounding_line(&r.node)));
        }
        if let Some(g) = h.grades.first() {
            // The bands' spans start after the keyword, which is part of the line.
            let before = self.src[..g.span.start as usize].trim_end();
            let kw = ["等级", "grades"]
                .iter()
                .find_map(|k| before.strip_suffix(k))
                .map_or(g.span.start as usize, str::len);
            parts.push((kw, grades_line(h)));
        }
        parts.sort_by_key(|p| p.0);
        let header_end = h.span.end as usize;
        let mut bounds: Vec<usize> = parts.iter().map(|p| p.0).collect();
        bounds.push(header_end);
        let title_end = self.code_end(start, bounds[0]);
        self.line(Span::new(h.span.file, start, title_end), 0, title_line(h));
        for (k, (pstart, text)) in parts.into_iter().enumerate() {
            let end = self.code_end(pstart, bounds[k + 1]);
            self.line(Span::new(h.span.file, pstart, end), 0, text);
        }
    }

    /// The column of each sibling in `items` (source order; `Some` for an
    /// indicator): runs of two or more indicators with no blank line
    /// between them share one. Target tables print whole and break a run.
    fn columns(&self, items: &[(Span, Option<&Indicator>)]) -> Vec<Column> {
        let mut out = vec![Column::default(); items.len()];
        let is_row = |k: usize| items[k].1.is_some_and(|i| i.table.is_none());
        let mut i = 0;
        while i < items.len() {
            let mut j = i;
            while j < items.len()
                && is_row(j)
                && (j == i || !self.blank_between(items[j - 1].0, items[j].0))
            {
                j += 1;
            }
            if j - i >= 2 {
                let parts: Vec<(usize, usize)> = items[i..j]
                    .iter()
                    .filter_map(|(_, ind)| *ind)
                    .filter(|ind| !ind.shared_cap)
                    .map(|ind| {
                        let (before, weight) = indicator_head_parts(ind);
                        (before.width(), int_width(&weight))
                    })
                    .collect();
                let widest = parts.iter().map(|p| p.0).max().unwrap_or(0);
                let narrowest = parts.iter().map(|p| p.0).min().unwrap_or(0);
                if widest - narrowest <= MAX_PAD {
                    let int = parts.iter().map(|p| p.1).max().unwrap_or(0);
                    out[i..j].fill(Column {
                        before: widest,
                        int,
                    });
                }
            }
            i = j.max(i + 1);
        }
        out
    }

    /// Whether the source has a blank line between two siblings (the same
    /// test as [`Fmt::blank_before`], over the whole gap).
    fn blank_between(&self, prev: Span, next: Span) -> bool {
        let end = self.code_end(prev.start as usize, prev.end as usize);
        let gap = &self.src[end.min(next.start as usize)..next.start as usize];
        let lines: Vec<&str> = gap.split('\n').collect();
        lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
    }

    fn indicator(&mut self, ind: &Indicator, depth: usize, col: Column) {
        if let Some(t) = &ind.table {
            return self.table(ind, t, depth);
        }
        let start = ind.span.start as usize;
        let end = ind.span.end as usize;
        // A one-row indicator without comments inside stays on one line.
        let quiet = !self
            .comments
            .iter()
            .any(|c| c.start > start && c.start < end);
        if quiet
            && ind.rows.len() == 1
            && ind.children.is_empty()
            && ind.allows.is_empty()
            && ind.vetoes.is_empty()
            && ind.not_applicable.is_none()
            && ind.notes.is_empty()
        {
            let row = row_line(&ind.rows[0], 0);
            // Decided on the unaligned text, so a column never turns a
            // one-line indicator into a block.
            let plain = format!("{} {{ {row} }}", indicator_head(ind));
            if 2 * depth + plain.chars().count() <= ONE_LINE_MAX {
                let text = format!("{} {{ {row} }}", col.head(ind));
                return self.line(ind.span, depth, text);
            }
        }
        let head_end = self.code_end(start, ind.head_span.end as usize);
        self.leading(start, depth);
        self.blank_before(start);
        self.leading(head_end, depth);
        self.out.push_str(&"  ".repeat(depth));
        self.out.push_str(&col.head(ind));
        self.out.push_str(" {");
        self.last = head_end;
        self.trailing(head_end);

        let mut body: Vec<(Span, Body)> = Vec::new();
        body.extend(ind.allows.iter().map(|a| (a.span, Body::Allow(a))));
        if let Some(na) = &ind.not_applicable {
            body.push((na.span, Body::Na(na)));
        }
        body.extend(ind.vetoes.iter().map(|v| (v.span, Body::Veto(v))));
        body.extend(ind.notes.iter().map(|n| (n.span, Body::Note(n))));
        body.extend(ind.children.iter().map(|c| (c.span, Body::Child(c))));
        body.extend(
            ind.rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.span, Body::Row(r, i))),
        );
        body.sort_by_key(|(s, _)| s.start);
        let siblings: Vec<_> = body
            .iter()
            .map(|(s, item)| match item {
                Body::Child(c) => (*s, Some(*c)),
                _ => (*s, None),
            })
            .collect();
        let columns = self.columns(&siblings);
        let inner = depth + 1;
        for ((span, item), col) in body.into_iter().zip(columns) {
            match item {
                Body::Allow(a) => self.line(span, inner, allow_line(a)),
                Body::Na(na) => self.line(span, inner, na_line(na)),
                Body::Veto(v) => self.line(span, inner, row_veto_line(v)),
                Body::Note(n) => self.line(span, inner, note_line(n)),
                Body::Row(r, i) => self.line(span, inner, row_line(r, i)),
                Body::Child(c) => self.indicator(c, inner, col),
            }
        }
        self.leading(end, inner);
        self.out.push_str(&"  ".repeat(depth));
        self.out.push('}');
        self.last = end;
        self.trailing(end);
    }

    /// Where the statement keyword `kw` before `pos` begins (a line of a
    /// target table whose span starts after its keyword).
    fn keyword_before(&self, pos: usize, kw: &str) -> usize {
        self.src[..pos].rfind(kw).unwrap_or(pos)
    }

    /// A target table, whole: its head, each of its lines (allowances,
    /// 分值, 等于, 定性) in source order with the comments between them
    /// kept where they were, and its closing brace.
    fn table(&mut self, ind: &Indicator, t: &TargetTable, depth: usize) {
        let start = ind.span.start as usize;
        let end = ind.span.end as usize;
        let head_end = self.code_end(start, ind.head_span.end as usize);
        self.leading(start, depth);
        self.blank_before(start);
        self.leading(head_end, depth);
        self.out.push_str(&"  ".repeat(depth));
        self.out.push_str(&table_head(ind));
        self.out.push_str(" {");
        self.last = head_end;
        self.trailing(head_end);
        let file = ind.span.file;
        let mut lines: Vec<(Span, String)> = Vec::new();
        lines.extend(ind.allows.iter().map(|a| (a.span, allow_line(a))));
        if let Some(sh) = &t.shares {
            lines.push((sh.span, table_shares_line(sh.node)));
        }
        if let Some(e) = &t.eq_miss {
            let from = self.keyword_before(e.span.start as usize, "等于");
            let span = Span::new(file, from, e.span.end as usize);
            lines.push((span, table_eq_line(e)));
        }
        if let (Some(first), Some(last)) = (t.levels.first(), t.levels.last()) {
            let from = self.keyword_before(first.span.start as usize, "定性");
            let span = Span::new(file, from, last.span.end as usize);
            lines.push((span, table_levels_line(&t.levels)));
        }
        if let Some(u) = &t.uses {
            let from = self.keyword_before(u.span.start as usize, "定性");
            let span = Span::new(file, from, u.span.end as usize);
            lines.push((span, table_uses_line(u)));
        }
        lines.sort_by_key(|(s, _)| s.start);
        for (span, text) in lines {
            self.line(span, depth + 1, text);
        }
        self.leading(end, depth + 1);
        self.out.push_str(&"  ".repeat(depth));
        self.out.push('}');
        self.last = end;
        self.trailing(end);
    }
}
