//! A target table's rows from CSV text, as a clerk fills them in Excel: the
//! header (the table's columns: 三级指标, 指标性质, 年度指标值 …) may sit
//! below title rows, 序号/备注/说明 columns are read past, and every cell
//! keeps its byte range in the file, so that a bad cell is reported at
//! file:row:column by the very row reader that reads TOML and JSON rows.
//! A label column (单位/单位名称/部门名称) keys the rows of many units in
//! one file for batch.

use super::rows::role;
use super::{Builder, Entry, Format, Item, RawValue, RowEntry, RowsFile, SyntaxError};
use crate::check::Checked;
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::eval::targets::TargetRow;
use crate::sheet::header::{clean, IGNORED, LABELS};
use crate::syntax::{FileId, Span};
use std::collections::HashMap;
use std::ops::Range;

/// How far down the header may sit below title rows.
const HEADER_SEARCH: usize = 50;

/// One CSV field: its text (quotes undone) and where it was written.
#[derive(Clone, Debug)]
struct Field {
    text: String,
    span: Range<usize>,
}

/// The records of a CSV text, each field with its byte range, each record
/// with the range of its line(s). Quotes as RFC 4180 and Excel write them.
fn records(text: &str) -> Result<Vec<(Vec<Field>, Range<usize>)>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut fields = Vec::new();
        loop {
            let f_start = i;
            let mut value = String::new();
            if bytes.get(i) == Some(&b'"') {
                i += 1;
                let mut piece = i;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(SyntaxError {
                                detail: "EOF while parsing a string".into(),
                                span: f_start..bytes.len(),
                            })
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            value.push_str(&text[piece..=i]);
                            i += 2;
                            piece = i;
                        }
                        Some(b'"') => {
                            value.push_str(&text[piece..i]);
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                // Excel never writes text after a closing quote; keep it as written.
                let rest = i;
                while i < bytes.len() && !matches!(bytes[i], b',' | b'\n' | b'\r') {
                    i += 1;
                }
                value.push_str(&text[rest..i]);
            } else {
                while i < bytes.len() && !matches!(bytes[i], b',' | b'\n' | b'\r') {
                    i += 1;
                }
                value.push_str(&text[f_start..i]);
            }
            fields.push(Field {
                text: value,
                span: f_start..i,
            });
            if bytes.get(i) == Some(&b',') {
                i += 1;
                continue;
            }
            break;
        }
        let end = i;
        if bytes.get(i) == Some(&b'\r') {
            i += 1;
        }
        if bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        out.push((fields, start..end));
    }
    Ok(out)
}

/// What a header cell of a rows file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    /// A column of the table (or a stranger the row reader names).
    Cell,
    Label,
    Skip,
}

fn col_of(name: &str) -> Col {
    // 名称 is both a label word and the table's name column: the table wins.
    if role(name).is_some() {
        Col::Cell
    } else if LABELS.contains(&name) {
        Col::Label
    } else if name.is_empty() || IGNORED.contains(&name) {
        Col::Skip
    } else {
        Col::Cell
    }
}

/// The rows of one CSV rows file.
pub(crate) struct CsvRows {
    /// The header line's range (where a file-wide error points).
    pub header: Range<usize>,
    /// Each row with the unit its label cell names (trimmed; `None` when the
    /// file has no label column or the cell is blank).
    pub rows: Vec<(Option<(String, Range<usize>)>, RowEntry)>,
    /// Whether the file has a label column.
    pub labelled: bool,
    /// Columns read past (序号, 备注, 说明), once each.
    pub ignored: Vec<String>,
}

/// Read CSV text as the rows of a target table. `None` when no row among
/// the first 50 names a column of a target table.
pub(crate) fn read(text: &str) -> Result<Option<CsvRows>, SyntaxError> {
    let recs = records(text)?;
    let Some(h) = recs
        .iter()
        .take(HEADER_SEARCH)
        .position(|(f, _)| f.iter().any(|c| role(clean(&c.text)).is_some()))
    else {
        return Ok(None);
    };
    let head = &recs[h].0;
    let cols: Vec<Col> = head.iter().map(|c| col_of(clean(&c.text))).collect();
    let mut ignored: Vec<String> = Vec::new();
    for c in head {
        let n = clean(&c.text);
        if IGNORED.contains(&n) && !ignored.iter().any(|x| x == n) {
            ignored.push(n.to_string());
        }
    }
    let label = cols.iter().position(|c| *c == Col::Label);
    let mut rows = Vec::new();
    let mut first = true;
    for (fields, span) in &recs[h + 1..] {
        if fields.iter().all(|f| f.text.trim().is_empty()) {
            continue;
        }
        let mut cells = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let Some(hc) = head.get(i) else {
                // A cell right of the header: a stranger unless blank.
                if !f.text.trim().is_empty() {
                    cells.push(Entry {
                        key: String::new(),
                        key_span: f.span.clone(),
                        item: Item::Value(RawValue::Text(f.text.clone())),
                        span: f.span.clone(),
                    });
                }
                continue;
            };
            let name = clean(&hc.text);
            let known = role(name).is_some();
            // A column the table lacks is named once, at the first row.
            if cols[i] != Col::Cell || f.text.trim().is_empty() || (!known && !first) {
                continue;
            }
            cells.push(Entry {
                key: name.to_string(),
                key_span: hc.span.clone(),
                item: Item::Value(RawValue::Text(f.text.clone())),
                span: f.span.clone(),
            });
        }
        first = false;
        let unit = label
            .and_then(|i| fields.get(i))
            .map(|f| (f.text.trim().to_string(), f.span.clone()))
            .filter(|(t, _)| !t.is_empty());
        rows.push((
            unit,
            RowEntry {
                cells,
                span: span.clone(),
            },
        ));
    }
    Ok(Some(CsvRows {
        header: recs[h].1.clone(),
        rows,
        labelled: label.is_some(),
        ignored,
    }))
}

impl Builder<'_> {
    /// Rows of one table from a file of their own.
    pub(super) fn rows_file(&mut self, r: &RowsFile) {
        let saved = (self.file, self.bom, self.format);
        (self.file, self.bom, self.format) = (r.file, 0, Format::Toml);
        if r.csv {
            self.csv_rows(r.table, r.text);
        } else {
            match super::toml::read(r.text) {
                Ok(entries) => self.entries(&entries, false),
                Err(e) => self.syntax("TOML", e),
            }
        }
        (self.file, self.bom, self.format) = saved;
    }

    fn syntax(&mut self, format: &str, e: SyntaxError) {
        let msg = Msg::FactsSyntax {
            format: format.to_string(),
            detail: e.detail,
        };
        self.diags.push(Diagnostic::new(msg).at(self.span(&e.span)));
    }

    fn csv_rows(&mut self, t: usize, text: &str) {
        let table = self.checked.tables[t].name.clone();
        let r = match read(text) {
            Ok(Some(r)) => r,
            Ok(None) => {
                let first = text.find(['\r', '\n']).unwrap_or(text.len());
                let d = Diagnostic::new(Msg::RowsNoHeader { table }).at(self.span(&(0..first)));
                self.diags.push(d);
                return;
            }
            Err(e) => return self.syntax("CSV", e),
        };
        if r.rows.is_empty() {
            let d = Diagnostic::new(Msg::TableNotRows { table }).at(self.span(&r.header));
            self.diags.push(d);
            return;
        }
        let e = Entry {
            key: table,
            key_span: r.header.clone(),
            item: Item::Rows(r.rows.into_iter().map(|(_, row)| row).collect()),
            span: r.header,
        };
        self.table_rows(t, &e);
    }
}

/// A rows file for many units (`batch --rows`): the rows of one target
/// table, grouped by the unit their label cell names, each group read
/// through the facts row reader when its unit is scored.
#[derive(Clone, Debug)]
pub struct UnitRows {
    pub table: usize,
    /// Where the rows came from (`rows.csv`, `各单位.xlsx!产出`), for messages;
    /// set by the reader's caller, which knows the path.
    pub path: String,
    file: FileId,
    text: String,
    groups: HashMap<String, Vec<RowEntry>>,
    /// Each unit with the 1-based line of its first row, in file order.
    order: Vec<(String, u32)>,
}

fn line_of(text: &str, at: usize) -> u32 {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
}

impl UnitRows {
    /// Group a CSV rows file by unit. A file without a header or a label
    /// column, or a row naming no unit, is an error with its position.
    pub fn read(
        text: String,
        file: FileId,
        c: &Checked,
        table: usize,
    ) -> Result<UnitRows, Diagnostics> {
        let name = c.tables[table].name.clone();
        let at = |r: Range<usize>| Span::new(file, r.start, r.end);
        let r = match read(&text) {
            Ok(Some(r)) => r,
            Ok(None) => {
                let first = text.find(['\r', '\n']).unwrap_or(text.len());
                let d = Diagnostic::new(Msg::RowsNoHeader { table: name }).at(at(0..first));
                return Err(d.into());
            }
            Err(e) => {
                let msg = Msg::FactsSyntax {
                    format: "CSV".into(),
                    detail: e.detail,
                };
                return Err(Diagnostic::new(msg).at(at(e.span)).into());
            }
        };
        if !r.labelled {
            let d = Diagnostic::new(Msg::RowsNoUnit { table: name }).at(at(r.header));
            return Err(d.into());
        }
        let mut groups: HashMap<String, Vec<RowEntry>> = HashMap::new();
        let mut order = Vec::new();
        let mut diags = Diagnostics::default();
        for (unit, row) in r.rows {
            let Some((unit, _)) = unit else {
                let msg = Msg::RowsNoUnit {
                    table: name.clone(),
                };
                diags.push(Diagnostic::new(msg).at(at(row.span)));
                continue;
            };
            let g = groups.entry(unit.clone()).or_default();
            if g.is_empty() {
                order.push((unit, line_of(&text, row.span.start)));
            }
            g.push(row);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok(UnitRows {
            table,
            path: String::new(),
            file,
            text,
            groups,
            order,
        })
    }

    /// The units named, each with the line of its first row.
    pub fn units(&self) -> &[(String, u32)] {
        &self.order
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The rows of `unit`, read and checked as rows in a facts file are
    /// (`None` when the file has none for it).
    pub fn rows_of(&self, c: &Checked, unit: &str) -> Option<Result<Vec<TargetRow>, Diagnostics>> {
        let rows = self.groups.get(unit)?;
        let mut b = Builder::new(c, self.file, 0, Format::Toml);
        let first = rows.first().map_or(0..0, |r| r.span.clone());
        let e = Entry {
            key: c.tables[self.table].name.clone(),
            key_span: first.clone(),
            item: Item::Rows(rows.clone()),
            span: first,
        };
        b.table_rows(self.table, &e);
        if b.diags.has_errors() {
            return Some(Err(b.diags));
        }
        Some(Ok(b.set.rows[self.table].take().unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_below_titles_quotes_and_spans() {
        let text =
            "绩效指标表,,\r\n序号,三级指标,实际完成值\r\n1,\"培训,人员\",\"4253 人\"\r\n,,\r\n";
        let r = read(text).unwrap().unwrap();
        assert_eq!(r.ignored, ["序号"]);
        assert_eq!(r.rows.len(), 1);
        let cells = &r.rows[0].1.cells;
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[0].key, "三级指标");
        assert!(matches!(&cells[0].item, Item::Value(RawValue::Text(t)) if t == "培训,人员"));
        assert_eq!(&text[cells[1].span.clone()], "\"4253 人\"");
        assert_eq!(&text[cells[1].key_span.clone()], "实际完成值");
    }

    #[test]
    fn label_column_and_no_header() {
        let r = read("单位名称,名称,分值\n甲,x,10\n").unwrap().unwrap();
        assert!(r.labelled);
        assert_eq!(r.rows[0].0.as_ref().unwrap().0, "甲");
        assert_eq!(r.rows[0].1.cells[0].key, "名称");
        assert!(read("a,b\n1,2\n").unwrap().is_none());
        assert!(read("名称\n\"x\n").is_err());
    }
}
