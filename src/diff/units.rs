//! Units of a CSV as a stream, each with the lines it came from, and the
//! whole-file checks made before anything is scored (a first pass that keeps
//! nothing): a quote left open, a repeated column, a row of the wrong width,
//! a column neither rubric knows. The errors and their order are those of
//! [`super::data::read_csv`] and [`super::data::check_names`].

use super::data::{check_names, Unit, LABELS};
use super::records::{Problem, Record, Records, Window};
use crate::check::Checked;
use crate::diag::{Diagnostic, Msg};
use crate::facts::RawValue;
use crate::syntax::{FileId, Span};
use std::io::BufRead;

/// A unit and the lines of the data it was read from.
pub struct Sourced {
    pub unit: Unit,
    pub window: Window,
}

/// An error of the data, with the lines it points into (to be shown as
/// file `file` of the source map).
pub struct DataError {
    pub diag: Box<Diagnostic>,
    pub window: Option<Window>,
}

impl DataError {
    fn at(msg: Msg, file: FileId, w: &Window, at: usize, len: usize) -> DataError {
        let s = at - w.base;
        DataError {
            diag: Box::new(Diagnostic::new(msg).at(Span::new(file, s, s + len))),
            window: Some(w.clone()),
        }
    }

    fn plain(msg: Msg) -> DataError {
        DataError {
            diag: Box::new(Diagnostic::new(msg)),
            window: None,
        }
    }
}

fn problem(p: Problem, file: FileId, path: &str) -> DataError {
    match p {
        Problem::Unclosed(at, w) => DataError::at(Msg::DataUnclosedQuote, file, &w, at, 1),
        Problem::NotUtf8 => DataError::plain(Msg::NotUtf8 { path: path.into() }),
        Problem::Io(e) => DataError::plain(Msg::CannotRead {
            path: path.into(),
            reason: e.to_string(),
        }),
    }
}

struct Header {
    names: Vec<String>,
    /// The same names, shared by every unit's cells.
    shared: Vec<std::sync::Arc<str>>,
    label_col: Option<usize>,
    record: Record,
}

/// The units of a CSV, in order. Spans point into each unit's window, shown
/// as file `file`.
pub struct Units<R> {
    records: Records<R>,
    file: FileId,
    path: String,
    header: Option<Header>,
    index: usize,
    done: bool,
    /// Check records only, building no units (the first pass of [`scan`]).
    light: bool,
}

impl<R: BufRead> Units<R> {
    pub fn new(input: R, file: FileId, path: &str) -> Units<R> {
        Units {
            records: Records::new(input),
            file,
            path: path.to_string(),
            header: None,
            index: 0,
            done: false,
            light: false,
        }
    }

    fn next_record(&mut self) -> Option<Result<Record, DataError>> {
        loop {
            match self.records.next()? {
                Err(p) => return Some(Err(problem(p, self.file, &self.path))),
                Ok(r) if r.blank => continue,
                Ok(r) => return Some(Ok(r)),
            }
        }
    }

    fn header(&mut self) -> Result<Option<&Header>, DataError> {
        if self.header.is_none() {
            let Some(record) = self.next_record().transpose()? else {
                return Ok(None);
            };
            let names: Vec<String> = record
                .fields
                .iter()
                .map(|(f, _)| f.trim().to_string())
                .collect();
            for (i, n) in names.iter().enumerate() {
                if names[..i].contains(n)
                    || (LABELS.contains(&n.as_str())
                        && names[..i].iter().any(|m| LABELS.contains(&m.as_str())))
                {
                    let (f, at) = &record.fields[i];
                    let msg = Msg::BatchDuplicateColumn { name: n.clone() };
                    return Err(DataError::at(
                        msg,
                        self.file,
                        &record.window,
                        *at,
                        f.len().max(1),
                    ));
                }
            }
            let label_col = names.iter().position(|n| LABELS.contains(&n.as_str()));
            self.header = Some(Header {
                shared: names.iter().map(|n| n.as_str().into()).collect(),
                names,
                label_col,
                record,
            });
            // Past the header, a light pass needs no field's text.
            self.records.light = self.light;
        }
        Ok(self.header.as_ref())
    }

    /// The header's names as a unit's columns, with spans into its window.
    fn columns(&self) -> Option<(Vec<(String, Span)>, Window)> {
        let h = self.header.as_ref()?;
        let w = &h.record.window;
        let cols = h
            .names
            .iter()
            .zip(&h.record.fields)
            .filter(|(n, _)| !LABELS.contains(&n.as_str()))
            .map(|(n, (_, at))| {
                let s = at - w.base;
                (n.clone(), Span::new(self.file, s, s + n.len().max(1)))
            })
            .collect();
        Some((cols, w.clone()))
    }

    fn unit(&mut self, row: Record) -> Result<Sourced, DataError> {
        let file = self.file;
        let Some(h) = &self.header else {
            return Err(DataError::plain(Msg::BatchBadRecord {
                detail: String::new(),
            }));
        };
        self.index += 1;
        if row.fields.len() != h.names.len() {
            let at = row.fields.first().map(|f| f.1).unwrap_or(row.window.base);
            let msg = Msg::DataRowWidth {
                row: row.line,
                found: row.fields.len(),
                expected: h.names.len(),
            };
            return Err(DataError::at(msg, file, &row.window, at, 1));
        }
        if self.light {
            let unit = Unit {
                label: String::new(),
                values: Vec::new(),
                columns: None,
                tables: Vec::new(),
            };
            return Ok(Sourced {
                unit,
                window: row.window,
            });
        }
        // The record's own strings become the unit's (a cell is copied
        // only when it must be trimmed).
        let base = row.window.base;
        let mut label = None;
        let mut values = Vec::with_capacity(row.fields.len());
        for (c, ((f, at), n)) in row.fields.into_iter().zip(&h.shared).enumerate() {
            let len = f.len();
            let t = if f.trim().len() == len {
                f
            } else {
                f.trim().to_string()
            };
            if Some(c) == h.label_col {
                label = Some(t);
            } else if !t.is_empty() {
                let s = at - base;
                let span = Some(Span::new(file, s, s + len));
                values.push((n.clone(), RawValue::Text(t), span));
            }
        }
        let label = label.unwrap_or_else(|| format!("#{}", self.index));
        Ok(Sourced {
            unit: Unit {
                label,
                values,
                columns: None,
                tables: Vec::new(),
            },
            window: row.window,
        })
    }
}

impl<R: BufRead> Iterator for Units<R> {
    type Item = Result<Sourced, DataError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = match self.header() {
            Err(e) => Some(Err(e)),
            Ok(None) => None,
            Ok(Some(_)) => self.next_record().map(|r| r.and_then(|r| self.unit(r))),
        };
        if matches!(item, None | Some(Err(_))) {
            self.done = true;
        }
        item
    }
}

/// Read the whole CSV once, keeping nothing, and report what would stop
/// the diff before any unit is scored; `Ok` gives the number of units.
pub fn scan<R: BufRead>(
    input: R,
    file: FileId,
    path: &str,
    old: &Checked,
    new: &Checked,
) -> Result<usize, DataError> {
    let mut units = Units::new(input, file, path);
    units.light = true;
    // What fails the whole-file reader before it looks at columns (a quote
    // left open, bytes that are not UTF-8) is reported first, wherever it
    // is; otherwise the first error.
    let fatal = |e: &DataError| {
        matches!(
            e.diag.msg,
            Msg::DataUnclosedQuote | Msg::NotUtf8 { .. } | Msg::CannotRead { .. }
        )
    };
    let mut first: Option<DataError> = None;
    let mut n = 0;
    loop {
        if units.header.is_none() && first.is_some() {
            // The header failed: read on only for a quote left open.
            for r in units.records.by_ref() {
                if let Err(p) = r {
                    return Err(problem(p, file, path));
                }
            }
            break;
        }
        match units.next() {
            None => break,
            Some(Ok(_)) => n += 1,
            Some(Err(e)) if fatal(&e) => return Err(e),
            Some(Err(e)) => {
                first.get_or_insert(e);
                units.done = false;
            }
        }
    }
    if let Some(e) = first {
        return Err(e);
    }
    if n == 0 {
        return Ok(0);
    }
    if let Some((columns, window)) = units.columns() {
        let probe = Unit {
            label: String::new(),
            values: Vec::new(),
            columns: Some(columns),
            tables: Vec::new(),
        };
        check_names(old, new, std::slice::from_ref(&probe)).map_err(|diag| DataError {
            diag,
            window: Some(window),
        })?;
    }
    Ok(n)
}
