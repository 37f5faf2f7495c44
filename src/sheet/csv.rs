//! Sheet rows as CSV lines whose line N is the sheet's row N, so that the
//! CSV readers' line numbers are the sheet's row numbers. Shared by the
//! in-memory [`super::Table::to_csv`] and the streaming reader, so both
//! write the very same text.

use super::header::{Plan, Role};

/// Which header indices go into the CSV: ignored and misspelt columns are
/// left out, so the CSV readers accept the header.
pub(crate) fn kept(plan: &Plan, columns: usize) -> Vec<usize> {
    (0..columns)
        .filter(|&i| !matches!(plan.roles.get(i), Some(Role::Ignored | Role::Misspelt(_))))
        .collect()
}

/// The CSV header: label columns are named `单位`.
pub(crate) fn head<'a>(plan: &Plan, header: &'a [String], keep: &[usize]) -> Vec<&'a str> {
    keep.iter()
        .map(|&i| match plan.roles.get(i) {
            Some(Role::Label) => "单位",
            _ => header[i].as_str(),
        })
        .collect()
}

/// Writes lines, padding with empty lines (which CSV readers skip) up to
/// each sheet row.
pub(crate) struct Lines {
    line: u32,
}

impl Lines {
    pub fn new() -> Lines {
        Lines { line: 1 }
    }

    /// Append the cells of sheet row `at` (1-based) to `out`.
    pub fn put(&mut self, out: &mut String, at: u32, cells: &[&str]) {
        while self.line < at {
            out.push('\n');
            self.line += 1;
        }
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if c.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&c.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(c);
            }
        }
        out.push('\n');
        // A quoted line break inside a cell takes a line of its own; the
        // rows below may then sit one line late (rare in real forms).
        self.line += 1 + cells
            .iter()
            .map(|c| c.matches('\n').count() as u32)
            .sum::<u32>();
    }
}
