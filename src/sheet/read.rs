//! Opening a workbook and reading one sheet as a [`Table`].

use super::cell::{cell_name, number_text, NumFormat};
use super::{shown_notes, Kind, Row, Table};
use crate::diag::Msg;
use calamine::{Data, Dimensions, Ods, Range, Reader, StyleRange, Xls, Xlsb, Xlsx};
use std::io::Cursor;

type Rs = Cursor<Vec<u8>>;

pub(super) enum Sheets {
    Xlsx(Xlsx<Rs>),
    Xls(Xls<Rs>),
    Xlsb(Xlsb<Rs>),
    Ods(Ods<Rs>),
}

/// An open workbook.
pub struct Book {
    pub(super) path: String,
    pub(super) sheets: Sheets,
}

/// How far down a header may sit below title rows.
pub(super) const HEADER_SEARCH: usize = 50;

pub(super) fn unreadable(path: &str, e: impl std::fmt::Display) -> Msg {
    Msg::SheetUnreadable {
        path: path.to_string(),
        detail: e.to_string(),
    }
}

/// Open a workbook from its bytes; `path` only names it in messages.
pub fn read(path: &str, bytes: Vec<u8>, kind: Kind) -> Result<Book, Msg> {
    let rs = Cursor::new(bytes);
    let sheets = match kind {
        Kind::Xlsx => Sheets::Xlsx(Xlsx::new(rs).map_err(|e| unreadable(path, e))?),
        Kind::Xls => Sheets::Xls(Xls::new(rs).map_err(|e| unreadable(path, e))?),
        Kind::Xlsb => Sheets::Xlsb(Xlsb::new(rs).map_err(|e| unreadable(path, e))?),
        Kind::Ods => Sheets::Ods(Ods::new(rs).map_err(|e| unreadable(path, e))?),
    };
    Ok(Book {
        path: path.to_string(),
        sheets,
    })
}

/// The header among the first rows: the first row where `known` likes a
/// cell, or the row below it when that one names more (group titles such
/// as 基本情况 merged across the row above the input names, the unit's
/// column merged down both rows).
pub(super) fn header_in(rows: &[Vec<String>], known: &dyn Fn(&str) -> bool) -> Option<usize> {
    let count = |r: &Vec<String>| r.iter().filter(|c| known(super::header::clean(c))).count();
    let mut h = rows.iter().take(HEADER_SEARCH).position(|r| count(r) > 0)?;
    while h + 1 < HEADER_SEARCH && rows.get(h + 1).is_some_and(|n| count(n) > count(&rows[h])) {
        h += 1;
    }
    Some(h)
}

/// A sheet's cells as text, with absolute positions.
pub struct Grid {
    pub name: String,
    /// Zero-based (row, column) of `cells[0][0]`.
    pub start: (u32, u32),
    pub cells: Vec<Vec<String>>,
    /// (cell, stored, shown) for the first numbers shown otherwise than
    /// stored, and how many there are in all.
    pub shown: Vec<(String, String, String)>,
    pub shown_count: usize,
}

impl Book {
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.sheets {
            Sheets::Xlsx(b) => b.sheet_names(),
            Sheets::Xls(b) => b.sheet_names(),
            Sheets::Xlsb(b) => b.sheet_names(),
            Sheets::Ods(b) => b.sheet_names(),
        }
    }

    fn range(&mut self, name: &str) -> Result<Range<Data>, Msg> {
        let path = self.path.clone();
        match &mut self.sheets {
            Sheets::Xlsx(b) => b.worksheet_range(name).map_err(|e| unreadable(&path, e)),
            Sheets::Xls(b) => b.worksheet_range(name).map_err(|e| unreadable(&path, e)),
            Sheets::Xlsb(b) => b.worksheet_range(name).map_err(|e| unreadable(&path, e)),
            Sheets::Ods(b) => b.worksheet_range(name).map_err(|e| unreadable(&path, e)),
        }
    }

    /// Number formats: calamine reads them from .xlsx only; elsewhere every
    /// number is taken as stored (shortest round-trip, 15 digits).
    fn styles(&mut self, name: &str) -> StyleRange {
        match &mut self.sheets {
            Sheets::Xlsx(b) => b
                .worksheet_style(name)
                .unwrap_or_else(|_| StyleRange::empty()),
            _ => StyleRange::empty(),
        }
    }

    pub(super) fn merges(&mut self, name: &str) -> Vec<Dimensions> {
        match &mut self.sheets {
            Sheets::Xlsx(b) => b.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(b) => b.merge_cells_by_sheet_name(name).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The sheet named, or else the first sheet that `pick` likes, or else
    /// the first sheet.
    pub fn choose(
        &mut self,
        wanted: Option<&str>,
        pick: &dyn Fn(&Grid) -> bool,
    ) -> Result<Grid, Msg> {
        let names = self.sheet_names();
        if let Some(w) = wanted {
            if !names.iter().any(|n| n == w) {
                return Err(Msg::SheetNotFound {
                    sheet: w.to_string(),
                    available: names,
                });
            }
            return self.grid(w);
        }
        let mut first = None;
        for n in &names {
            let g = self.grid(n)?;
            if pick(&g) {
                return Ok(g);
            }
            first.get_or_insert(g);
        }
        first.ok_or_else(|| unreadable(&self.path, "no sheet"))
    }

    /// Every cell of a sheet as text. A merged cell's value fills the whole
    /// merged area of the rows above the data, so that a header merged
    /// across two rows names each of its columns.
    pub fn grid(&mut self, name: &str) -> Result<Grid, Msg> {
        let range = self.range(name)?;
        let styles = self.styles(name);
        let merges = self.merges(name);
        let start = range.start().unwrap_or((0, 0));
        let mut shown = (Vec::new(), 0);
        let mut cells: Vec<Vec<String>> = Vec::with_capacity(range.height());
        for (r, row) in range.rows().enumerate() {
            let mut out = Vec::with_capacity(row.len());
            for (c, d) in row.iter().enumerate() {
                let pos = (start.0 + r as u32, start.1 + c as u32);
                let fmt = || number_format(&styles, pos);
                out.push(text(d, pos, &fmt, name, &mut shown));
            }
            cells.push(out);
        }
        for m in merges {
            let (top, left) = m.start;
            let Some(v) = cells
                .get(top.wrapping_sub(start.0) as usize)
                .and_then(|r| r.get(left.wrapping_sub(start.1) as usize))
                .cloned()
            else {
                continue;
            };
            for r in m.start.0..=m.end.0.min(start.0 + HEADER_SEARCH as u32) {
                for c in m.start.1..=m.end.1 {
                    if let Some(cell) = cells
                        .get_mut(r.wrapping_sub(start.0) as usize)
                        .and_then(|row| row.get_mut(c.wrapping_sub(start.1) as usize))
                    {
                        if cell.is_empty() {
                            *cell = v.clone();
                        }
                    }
                }
            }
        }
        Ok(Grid {
            name: name.to_string(),
            start,
            cells,
            shown: shown.0,
            shown_count: shown.1,
        })
    }
}

fn number_format(styles: &StyleRange, pos: (u32, u32)) -> NumFormat {
    styles
        .get(pos)
        .and_then(|s| s.number_format.as_ref())
        .map(|f| NumFormat::parse(&f.format_code))
        .unwrap_or_default()
}

/// The cells shown otherwise than stored: the first few (cell, stored,
/// shown) and how many in all.
pub(super) type Shown = (Vec<(String, String, String)>, usize);

/// A cell as text; `fmt` is asked only for numbers.
pub(super) fn text(
    d: &Data,
    pos: (u32, u32),
    fmt: &dyn Fn() -> NumFormat,
    sheet: &str,
    shown: &mut Shown,
) -> String {
    let mut number = |v: f64| {
        let (t, stored) = number_text(v, fmt());
        if let Some(stored) = stored {
            if shown.0.len() < super::NOTED_CELLS {
                let cell = format!("{sheet}!{}", cell_name(pos.0, pos.1));
                shown.0.push((cell, stored, t.clone()));
            }
            shown.1 += 1;
        }
        t
    };
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::Error(e) => e.to_string(),
    }
}

impl Grid {
    /// The first row (within the first rows) where `known` likes a cell.
    pub fn header_row(&self, known: &dyn Fn(&str) -> bool) -> Option<usize> {
        header_in(&self.cells, known)
    }

    /// The grid as a table whose header is the row `known` finds (or the
    /// first non-empty row).
    pub fn table(self, known: &dyn Fn(&str) -> bool) -> Table {
        let h = self.header_row(known).or_else(|| {
            self.cells
                .iter()
                .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        });
        let mut t = Table {
            sheet: self.name.clone(),
            notes: shown_notes(self.shown, self.shown_count),
            ..Table::default()
        };
        let Some(h) = h else { return t };
        let head = self.cells[h].clone();
        let first = head.iter().position(|c| !c.trim().is_empty()).unwrap_or(0);
        let last = head.iter().rposition(|c| !c.trim().is_empty()).unwrap_or(0);
        // Columns between named ones that are empty throughout are spacing.
        let used: Vec<usize> = (first..=last)
            .filter(|&i| {
                !head[i].trim().is_empty()
                    || self.cells[h + 1..]
                        .iter()
                        .any(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()))
            })
            .collect();
        t.header = used.iter().map(|&i| head[i].clone()).collect();
        t.header_line = self.start.0 + h as u32 + 1;
        t.columns = used.iter().map(|&i| self.start.1 + i as u32).collect();
        for (k, r) in self.cells.into_iter().enumerate().skip(h + 1) {
            if r.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut r = r;
            let cells = used
                .iter()
                .map(|&i| r.get_mut(i).map(std::mem::take).unwrap_or_default())
                .collect();
            t.rows.push(Row {
                line: self.start.0 + k as u32 + 1,
                cells,
            });
        }
        t
    }
}
