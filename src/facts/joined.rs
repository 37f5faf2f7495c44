//! Target-table rows of many units, read from files of their own
//! (`--rows [表名=]FILE`), joined to one unit's facts by the unit's name.
//! One path for `batch`, `report` and `diff`, so that all three join alike
//! and fail with the same codes (E354 for a unit named twice).

use super::UnitRows;
use crate::check::Checked;
use crate::diag::{Diagnostic, Msg};
use crate::eval::FactSet;
use std::collections::HashSet;

/// Give `fs` each table's rows for `unit` from `files`, where the unit's
/// own facts gave none; rows in both are an error (E359), as in `score`. A
/// unit that more than one facts row names (in `dups`) cannot be joined:
/// which of them would the rows belong to?
pub fn join_rows(
    c: &Checked,
    unit: Option<&str>,
    files: &[UnitRows],
    dups: &HashSet<String>,
    fs: &mut FactSet,
) -> Result<(), Diagnostic> {
    let Some(unit) = unit else {
        return Ok(());
    };
    if !files.is_empty() && dups.contains(unit) {
        return Err(Diagnostic::new(Msg::RowsDuplicateUnit {
            unit: unit.into(),
        }));
    }
    for r in files {
        if fs.rows[r.table].is_some() {
            // The unit's facts wrote the table already: which rows would count?
            if let Some((_, line)) = r.units().iter().find(|(u, _)| u == unit) {
                return Err(Diagnostic::new(Msg::RowsGivenTwice {
                    table: c.tables[r.table].name.clone(),
                    unit: unit.into(),
                    place: format!("{}:{line}", r.path),
                }));
            }
            continue;
        }
        match r.rows_of(c, unit) {
            Some(Ok(rows)) => fs.rows[r.table] = Some(rows),
            Some(Err(d)) => {
                let first = d.0.into_iter().find(Diagnostic::is_error);
                return Err(first.unwrap_or_else(|| {
                    Diagnostic::new(Msg::BatchBadRecord {
                        detail: String::new(),
                    })
                }));
            }
            None => {}
        }
    }
    Ok(())
}

/// One table's rows as a facts file writes them (`[[表名]]`, entry `e` of
/// file `file`, whose entries' ranges start after `bom` bytes), read and
/// checked as the facts reader reads them. For readers that keep a file's
/// entries raw until they know the rubric (`diff`'s units, scored under two).
pub(crate) fn table_rows(
    c: &Checked,
    table: usize,
    file: crate::syntax::FileId,
    bom: usize,
    format: super::Format,
    e: &super::Entry,
) -> Result<Vec<crate::eval::targets::TargetRow>, crate::diag::Diagnostics> {
    let mut b = super::Builder::new(c, file, bom, format);
    b.table_rows(table, e);
    if b.diags.has_errors() {
        return Err(b.diags);
    }
    Ok(b.set.rows[table].take().unwrap_or_default())
}
