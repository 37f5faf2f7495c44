//! Data tables as people bring them: a workbook sheet or a CSV saved by
//! Excel (GBK or UTF-8, with or without a byte-order mark), turned into the
//! UTF-8 CSV text that batch and diff read, with notes on how it was read.

use crate::batch::Cells;
use crate::check::Checked;
use crate::diag::{DataNote, Diagnostic, Msg};
use crate::sheet::header::{self, Role};
use crate::sheet::{self, column_letters, Kind};

/// A sheet as CSV text whose line N is the sheet's row N.
pub struct SheetCsv {
    pub csv: String,
    pub notes: Vec<DataNote>,
    pub cells: Cells,
}

fn cannot_read(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(Msg::CannotRead {
        path: path.into(),
        reason: e.to_string(),
    })
}

/// Whether a header cell names an input of any of `rubrics` or the unit.
pub fn known(rubrics: &[&Checked], name: &str) -> bool {
    header::LABELS.contains(&name) || rubrics.iter().any(|c| c.fact_slot(name).is_some())
}

/// The header plan of the first rubric, with columns that are inputs of
/// another rubric (diff reads two) counted as inputs.
pub fn plan(rubrics: &[&Checked], head: &[&str]) -> header::Plan {
    let mut p = header::plan(rubrics[0], head);
    for (r, h) in p.roles.iter_mut().zip(head) {
        if matches!(r, Role::Misspelt(_) | Role::Unknown)
            && rubrics[1..]
                .iter()
                .any(|c| c.fact_slot(header::clean(h)).is_some())
        {
            *r = Role::Input(usize::MAX);
        }
    }
    p
}

/// Read one sheet of a workbook as CSV text.
pub fn sheet_csv(
    path: &str,
    kind: Kind,
    wanted: Option<&str>,
    rubrics: &[&Checked],
) -> Result<SheetCsv, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| cannot_read(path, e))?;
    let mut book = sheet::read(path, bytes, kind).map_err(Diagnostic::new)?;
    let is_known = |s: &str| known(rubrics, s);
    let grid = book
        .choose(wanted, &|g| g.header_row(&is_known).is_some())
        .map_err(Diagnostic::new)?;
    let table = grid.table(&is_known);
    let head: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let plan = plan(rubrics, &head);
    let mut notes = vec![DataNote::Sheet {
        sheet: table.sheet.clone(),
        header_line: table.header_line,
    }];
    let ignored = plan.ignored(&head);
    if !ignored.is_empty() {
        notes.push(DataNote::Ignored {
            names: ignored.iter().map(|s| s.to_string()).collect(),
        });
    }
    notes.extend(table.notes.iter().cloned());
    let columns = table
        .header
        .iter()
        .zip(&table.columns)
        .filter(|(h, _)| known(rubrics, header::clean(h)))
        .map(|(h, col)| (header::clean(h).to_string(), column_letters(*col)))
        .collect();
    Ok(SheetCsv {
        csv: table.to_csv(&plan),
        notes,
        cells: Cells {
            sheet: table.sheet.clone(),
            columns,
        },
    })
}

/// A whole text file, UTF-8 or GBK; the note says when it was GBK.
pub fn text_file(path: &str) -> Result<(String, Option<DataNote>), Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| cannot_read(path, e))?;
    match sheet::decode(bytes) {
        Some(d) => {
            let note = d.gbk.then(|| DataNote::Gbk { path: path.into() });
            Ok((d.text, note))
        }
        None => Err(Diagnostic::new(Msg::NotUtf8 { path: path.into() })),
    }
}

/// Whether a file's first bytes are valid UTF-8 (a character cut off at
/// the end of the sample does not count against it).
pub fn looks_utf8(path: &str) -> Result<bool, Diagnostic> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| cannot_read(path, e))?;
    let mut buf = vec![0; 1 << 16];
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(cannot_read(path, e)),
        }
    }
    Ok(match std::str::from_utf8(&buf[..n]) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    })
}

/// Notes on stderr, one line each.
pub fn print_notes(notes: &[DataNote], lang: crate::diag::Lang) {
    for n in notes {
        eprintln!("{}", n.text(lang));
    }
}
