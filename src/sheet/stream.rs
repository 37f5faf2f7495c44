//! A big sheet read without holding it: two passes over its cells, each
//! keeping only the rows at the top (title rows, merged headers, the header
//! itself). The first pass learns what [`super::Book::grid`] and
//! [`super::Grid::table`] would make of the sheet (the header, the columns
//! in use, the cells shown otherwise than stored); the second writes its
//! rows as the same CSV text as [`super::Table::to_csv`], chunk by chunk.
//! For .xlsx/.xlsm and .xlsb the cells come from calamine's cell readers
//! (memory bounded by the shared strings, not the cells); .xls and .ods are
//! read whole by calamine and only walked here.

use super::cell::NumFormat;
use super::header::{clean, Plan};
use super::read::{header_in, text, unreadable, Book, Sheets, Shown, HEADER_SEARCH};
use super::{csv, shown_notes, Table};
use crate::diag::{DataNote, Msg};
use calamine::{Data, Dimensions, Reader};
use std::ops::ControlFlow;

/// The rows from a sheet's first used row on that merged cells may fill and
/// the header may sit in (as in [`Book::grid`]).
const TOP: u32 = HEADER_SEARCH as u32 + 1;

/// What the first pass learnt, for the second.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The header and its columns, without rows; its notes hold the cells
    /// shown otherwise than stored.
    pub table: Table,
    /// First and last used (row, column), as calamine's range spans them.
    bounds: Option<((u32, u32), (u32, u32))>,
    merges: Vec<Dimensions>,
    /// Zero-based sheet row of the header, when there is one.
    header_row: Option<u32>,
    /// Bytes of text in each column below the top rows, for the CSV size.
    bytes: Vec<u64>,
    /// Rows below the top rows.
    rows_below: u64,
}

/// What a walk over a sheet's cells found.
struct Walked {
    /// Where the used cells lie, when the walk was not stopped.
    bounds: Option<((u32, u32), (u32, u32))>,
    /// The cells shown otherwise than stored.
    shown: Shown,
    /// Whether any cell held a number.
    numbers: bool,
}

/// Calls `row` with each sheet row that has a cell, in order: its
/// zero-based index and its texts by zero-based column.
fn scan(
    book: &mut Book,
    name: &str,
    row: &mut dyn FnMut(u32, Vec<String>) -> ControlFlow<()>,
) -> Result<Walked, Msg> {
    let path = book.path.clone();
    let mut shown: Shown = (Vec::new(), 0);
    let mut acc = Rows::default();
    let mut numbers = false;
    let mut cell = |pos: (u32, u32), d: &Data, fmt: &dyn Fn() -> NumFormat, shown: &mut Shown| {
        if *d == Data::Empty {
            return ControlFlow::Continue(());
        }
        numbers |= matches!(d, Data::Float(_) | Data::Int(_) | Data::DateTime(_));
        let t = text(d, pos, fmt, name, shown);
        acc.push(pos, t, &mut *row)
    };
    let mut stopped = false;
    match &mut book.sheets {
        Sheets::Xlsx(b) => {
            let mut rd = match b.worksheet_cells_reader(name) {
                Ok(rd) => rd,
                // A chart sheet has no cells (calamine's range is empty too).
                Err(calamine::XlsxError::NotAWorksheet(_)) => {
                    return Ok(Walked {
                        bounds: None,
                        shown,
                        numbers: false,
                    })
                }
                Err(e) => return Err(unreadable(&path, e)),
            };
            let formats: Vec<NumFormat> = rd
                .styles()
                .iter()
                .map(|s| {
                    s.number_format
                        .as_ref()
                        .map(|f| NumFormat::parse(&f.format_code))
                        .unwrap_or_default()
                })
                .collect();
            while let Some((c, id)) = rd
                .next_cell_with_style_id()
                .map_err(|e| unreadable(&path, e))?
            {
                let fmt = || formats.get(id).copied().unwrap_or_default();
                let d = Data::from(c.get_value().clone());
                if cell(c.get_position(), &d, &fmt, &mut shown).is_break() {
                    stopped = true;
                    break;
                }
            }
        }
        Sheets::Xlsb(b) => {
            let mut rd = b
                .worksheet_cells_reader(name)
                .map_err(|e| unreadable(&path, e))?;
            while let Some(c) = rd.next_cell().map_err(|e| unreadable(&path, e))? {
                let d = Data::from(c.get_value().clone());
                if cell(c.get_position(), &d, &NumFormat::default, &mut shown).is_break() {
                    stopped = true;
                    break;
                }
            }
        }
        sheets => {
            let range = match sheets {
                Sheets::Xls(b) => b.worksheet_range(name).map_err(|e| unreadable(&path, e)),
                Sheets::Ods(b) => b.worksheet_range(name).map_err(|e| unreadable(&path, e)),
                _ => unreachable!("handled above"),
            }?;
            let start = range.start().unwrap_or((0, 0));
            for (r, c, d) in range.used_cells() {
                let pos = (start.0 + r as u32, start.1 + c as u32);
                if cell(pos, d, &NumFormat::default, &mut shown).is_break() {
                    stopped = true;
                    break;
                }
            }
        }
    }
    if !stopped {
        acc.flush(row);
    }
    Ok(Walked {
        bounds: (!stopped).then_some(acc.bounds).flatten(),
        shown,
        numbers,
    })
}

/// Gathers cells into rows.
#[derive(Default)]
struct Rows {
    current: Option<(u32, Vec<String>)>,
    bounds: Option<((u32, u32), (u32, u32))>,
}

impl Rows {
    fn push(
        &mut self,
        (r, c): (u32, u32),
        t: String,
        row: &mut dyn FnMut(u32, Vec<String>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.bounds = Some(match self.bounds {
            None => ((r, c), (r, c)),
            Some((s, e)) => ((s.0.min(r), s.1.min(c)), (e.0.max(r), e.1.max(c))),
        });
        if self.current.as_ref().is_some_and(|(at, _)| *at != r) {
            if let Some((at, cells)) = self.current.take() {
                row(at, cells)?;
            }
        }
        let cells = &mut self.current.get_or_insert_with(|| (r, Vec::new())).1;
        if cells.len() <= c as usize {
            cells.resize(c as usize + 1, String::new());
        }
        cells[c as usize] = t;
        ControlFlow::Continue(())
    }

    fn flush(&mut self, row: &mut dyn FnMut(u32, Vec<String>) -> ControlFlow<()>) {
        if let Some((at, cells)) = self.current.take() {
            let _ = row(at, cells);
        }
    }
}

fn blank(c: &str) -> bool {
    c.trim().is_empty()
}

/// The top rows as a grid, every row present and as wide as the used
/// cells, each merged cell's value filling its area (within the used
/// cells, as in [`Book::grid`]).
fn top_grid(
    top: Vec<(u32, Vec<String>)>,
    bounds: ((u32, u32), (u32, u32)),
    merges: &[Dimensions],
) -> Vec<Vec<String>> {
    let (start, end) = bounds;
    let height = (end.0 - start.0 + 1).min(TOP) as usize;
    let width = end.1 as usize + 1;
    let mut grid = vec![vec![String::new(); width]; height];
    for (r, mut cells) in top {
        cells.resize(width, String::new());
        grid[(r - start.0) as usize] = cells;
    }
    for m in merges {
        let (top, left) = m.start;
        if top < start.0 || left < start.1 {
            continue;
        }
        let Some(v) = grid
            .get((top - start.0) as usize)
            .and_then(|r| r.get(left as usize))
            .cloned()
        else {
            continue;
        };
        for r in top..=m.end.0.min(start.0 + HEADER_SEARCH as u32) {
            for c in left..=m.end.1.min(end.1) {
                if let Some(cell) = grid
                    .get_mut((r - start.0) as usize)
                    .map(|row| &mut row[c as usize])
                {
                    if cell.is_empty() {
                        *cell = v.clone();
                    }
                }
            }
        }
    }
    grid
}

impl Book {
    /// The sheet named, or else the first whose first rows `known` likes a
    /// cell of, or else the first sheet (as [`Book::choose`] picks).
    pub fn find_sheet(
        &mut self,
        wanted: Option<&str>,
        known: &dyn Fn(&str) -> bool,
    ) -> Result<String, Msg> {
        self.find_sheet_except(wanted, known, &|_| false)
    }

    /// As [`Book::find_sheet`], never choosing on its own a sheet `skip`
    /// names (a target table's rows sheet is not the units' sheet).
    pub fn find_sheet_except(
        &mut self,
        wanted: Option<&str>,
        known: &dyn Fn(&str) -> bool,
        skip: &dyn Fn(&str) -> bool,
    ) -> Result<String, Msg> {
        let names = self.sheet_names();
        if let Some(w) = wanted {
            if !names.iter().any(|n| n == w) {
                return Err(Msg::SheetNotFound {
                    sheet: w.to_string(),
                    available: names,
                });
            }
            return Ok(w.to_string());
        }
        for n in names.iter().filter(|n| !skip(n)) {
            let mut first = None;
            let mut found = false;
            scan(self, n, &mut |r, cells| {
                let start = *first.get_or_insert(r);
                if r >= start + HEADER_SEARCH as u32 {
                    return ControlFlow::Break(());
                }
                found = cells.iter().any(|c| known(clean(c)));
                if found {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })?;
            if found {
                return Ok(n.clone());
            }
        }
        names
            .into_iter()
            .next()
            .ok_or_else(|| unreadable(&self.path, "no sheet"))
    }

    /// The first pass: the table [`Grid::table`](super::Grid::table) would
    /// make of the sheet, without its rows.
    pub fn layout(&mut self, name: &str, known: &dyn Fn(&str) -> bool) -> Result<Layout, Msg> {
        let merges = self.merges(name);
        let mut top = Vec::new();
        let mut first: Option<u32> = None;
        // Below the top rows: the first row with text (a header of last
        // resort) and the last row with text in each column.
        let mut first_below: Option<(u32, Vec<String>)> = None;
        let mut last_below: Vec<Option<u32>> = Vec::new();
        let mut bytes: Vec<u64> = Vec::new();
        let mut rows_below = 0u64;
        let walked = scan(self, name, &mut |r, cells| {
            let start = *first.get_or_insert(r);
            if r < start + TOP {
                top.push((r, cells));
                return ControlFlow::Continue(());
            }
            rows_below += 1;
            if last_below.len() < cells.len() {
                last_below.resize(cells.len(), None);
                bytes.resize(cells.len(), 0);
            }
            for (i, c) in cells.iter().enumerate() {
                bytes[i] += c.len() as u64;
                if !blank(c) {
                    last_below[i] = Some(r);
                }
            }
            if first_below.is_none() && cells.iter().any(|c| !blank(c)) {
                first_below = Some((r, cells));
            }
            ControlFlow::Continue(())
        })?;
        let (bounds, shown) = (walked.bounds, walked.shown);
        let mut notes = shown_notes(shown.0, shown.1);
        let ext = match self.sheets {
            Sheets::Xls(_) => Some("xls"),
            Sheets::Ods(_) => Some("ods"),
            _ => None,
        };
        if let Some(ext) = ext.filter(|_| walked.numbers) {
            notes.push(DataNote::NoFormats { ext: ext.into() });
        }
        let mut table = Table {
            sheet: name.to_string(),
            notes,
            ..Table::default()
        };
        let mut layout = Layout {
            table: Table::default(),
            bounds,
            merges,
            header_row: None,
            bytes,
            rows_below,
        };
        let Some(bounds) = bounds else {
            layout.table = table;
            return Ok(layout);
        };
        let start = bounds.0;
        let grid = top_grid(top, bounds, &layout.merges);
        let found = header_in(&grid, known)
            .or_else(|| grid.iter().position(|r| r.iter().any(|c| !blank(c))));
        let (h, head) = match found {
            Some(h) => (start.0 + h as u32, grid[h].clone()),
            None => match first_below {
                Some((h, mut cells)) => {
                    cells.resize(bounds.1 .1 as usize + 1, String::new());
                    (h, cells)
                }
                None => {
                    layout.table = table;
                    return Ok(layout);
                }
            },
        };
        let first_col = head.iter().position(|c| !blank(c)).unwrap_or(0);
        let last_col = head.iter().rposition(|c| !blank(c)).unwrap_or(0);
        let used: Vec<usize> = (first_col..=last_col)
            .filter(|&i| {
                !blank(&head[i])
                    || grid
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| start.0 + *k as u32 > h)
                        .any(|(_, r)| r.get(i).is_some_and(|c| !blank(c)))
                    || last_below.get(i).copied().flatten().is_some_and(|l| l > h)
            })
            .collect();
        table.header = used.iter().map(|&i| head[i].clone()).collect();
        table.header_line = h + 1;
        table.columns = used.iter().map(|&i| i as u32).collect();
        layout.table = table;
        layout.header_row = Some(h);
        Ok(layout)
    }

    /// The second pass: the rows below the header as CSV text, handed to
    /// `out` a chunk at a time (the header line first, after the padding
    /// of title rows). `out` returns false to stop.
    pub fn write_csv(
        &mut self,
        layout: &Layout,
        plan: &Plan,
        out: &mut dyn FnMut(String) -> bool,
    ) -> Result<(), Msg> {
        const CHUNK: usize = 1 << 15;
        let t = &layout.table;
        let keep = csv::kept(plan, t.header.len());
        let mut lines = csv::Lines::new();
        let mut buf = String::new();
        lines.put(&mut buf, t.header_line, &csv::head(plan, &t.header, &keep));
        let (Some(h), Some(bounds)) = (layout.header_row, layout.bounds) else {
            out(buf);
            return Ok(());
        };
        let columns: Vec<usize> = keep.iter().map(|&i| t.columns[i] as usize).collect();
        let mut stopped = false;
        let mut emit = |r: u32, cells: &[String], buf: &mut String| -> bool {
            if r <= h || cells.iter().all(|c| blank(c)) {
                return true;
            }
            let row: Vec<&str> = columns
                .iter()
                .map(|&c| cells.get(c).map(String::as_str).unwrap_or(""))
                .collect();
            lines.put(buf, r + 1, &row);
            buf.len() < CHUNK || out(std::mem::take(buf))
        };
        let start = bounds.0 .0;
        let mut top = Vec::new();
        let sheet = t.sheet.clone();
        scan(self, &sheet, &mut |r, cells| {
            if r < start + TOP {
                top.push((r, cells));
                return ControlFlow::Continue(());
            }
            if !top.is_empty() {
                let grid = top_grid(std::mem::take(&mut top), bounds, &layout.merges);
                for (k, row) in grid.iter().enumerate() {
                    if !emit(start + k as u32, row, &mut buf) {
                        stopped = true;
                        return ControlFlow::Break(());
                    }
                }
            }
            if emit(r, &cells, &mut buf) {
                ControlFlow::Continue(())
            } else {
                stopped = true;
                ControlFlow::Break(())
            }
        })?;
        if stopped {
            return Ok(());
        }
        // A sheet that ends within its top rows.
        if !top.is_empty() {
            let grid = top_grid(top, bounds, &layout.merges);
            for (k, row) in grid.iter().enumerate() {
                if !emit(start + k as u32, row, &mut buf) {
                    return Ok(());
                }
            }
        }
        if !buf.is_empty() {
            out(buf);
        }
        Ok(())
    }
}

impl Layout {
    /// About how many bytes of CSV [`Book::write_csv`] writes (for a
    /// progress bar; quoting and the top rows are not counted).
    pub fn csv_size(&self, plan: &Plan) -> u64 {
        let keep = csv::kept(plan, self.table.header.len());
        let text: u64 = keep
            .iter()
            .map(|&i| {
                let c = self.table.columns[i] as usize;
                self.bytes.get(c).copied().unwrap_or(0)
            })
            .sum();
        text + self.rows_below * keep.len().max(1) as u64
    }
}
