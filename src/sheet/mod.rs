//! Spreadsheets and Excel-made CSV as data tables. A workbook (.xlsx,
//! .xlsm, .xls, .xlsb, .ods) is read with calamine into a [`Table`]: the
//! header row found below any title rows, then one row of text cells per
//! data row, each cell shown as Excel shows it (see [`cell`]). The table is
//! then written out as CSV whose line numbers are the sheet's row numbers,
//! so batch and diff read it with the very code that reads CSV files.
//! Nothing here touches the file system: the caller hands over the bytes.

pub mod cell;
mod csv;
pub mod encoding;
pub mod header;
mod pipe;
mod read;
mod stream;
#[cfg(test)]
mod tests;

pub use cell::{cell_name, column_letters, number_text, NumFormat};
pub use encoding::{decode, Decoded};
pub use pipe::{csv_pipe, CsvPipe};
pub use read::{read, Book, Grid};
pub use stream::Layout;

use crate::check::Checked;
use crate::diag::DataNote;
use header::Plan;

/// The workbook kinds calamine reads, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xls,
    Xlsb,
    Ods,
}

impl Kind {
    pub fn from_path(path: &str) -> Option<Kind> {
        let ext = std::path::Path::new(path)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Kind::Xlsx),
            "xls" => Some(Kind::Xls),
            "xlsb" => Some(Kind::Xlsb),
            "ods" => Some(Kind::Ods),
            _ => None,
        }
    }
}

/// One data row: its 1-based sheet row and its cells, aligned with the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
}

/// A sheet read as a table.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub sheet: String,
    pub header: Vec<String>,
    /// 1-based sheet row of the header.
    pub header_line: u32,
    /// Zero-based sheet column of each header cell.
    pub columns: Vec<u32>,
    pub rows: Vec<Row>,
    /// Cells shown otherwise than stored, and other remarks for the user.
    pub notes: Vec<DataNote>,
}

/// How many cells shown otherwise than stored are named one by one.
pub(crate) const NOTED_CELLS: usize = 5;

impl Table {
    /// `明细!C7` for a header index and a 1-based row.
    pub fn cell(&self, idx: usize, line: u32) -> String {
        let col = self.columns.get(idx).copied().unwrap_or(0);
        format!("{}!{}{}", self.sheet, column_letters(col), line)
    }

    /// The table as CSV, line N holding sheet row N: title rows and gaps
    /// become empty lines, which CSV readers skip. Label columns are named
    /// `单位` and ignored columns left out, so the CSV readers accept it.
    pub fn to_csv(&self, plan: &Plan) -> String {
        let keep = csv::kept(plan, self.header.len());
        let mut out = String::new();
        let mut lines = csv::Lines::new();
        lines.put(
            &mut out,
            self.header_line,
            &csv::head(plan, &self.header, &keep),
        );
        for r in &self.rows {
            let cells: Vec<&str> = keep
                .iter()
                .map(|&i| r.cells.get(i).map(String::as_str).unwrap_or(""))
                .collect();
            lines.put(&mut out, r.line, &cells);
        }
        out
    }

    /// Column index → input name, for naming the cell of a row error.
    pub fn input_columns(&self, c: &Checked) -> Vec<(String, u32)> {
        self.header
            .iter()
            .zip(&self.columns)
            .filter(|(h, _)| c.fact_slot(header::clean(h)).is_some())
            .map(|(h, col)| (header::clean(h).to_string(), *col))
            .collect()
    }
}

/// Turn the cells shown otherwise than stored into at most a few notes.
pub fn shown_notes(found: Vec<(String, String, String)>, count: usize) -> Vec<DataNote> {
    let more = count.saturating_sub(found.len());
    let mut notes: Vec<DataNote> = found
        .into_iter()
        .take(NOTED_CELLS)
        .map(|(cell, stored, shown)| DataNote::Shown {
            cell,
            stored,
            shown,
        })
        .collect();
    if more > 0 {
        notes.push(DataNote::MoreShown { count: more });
    }
    notes
}
