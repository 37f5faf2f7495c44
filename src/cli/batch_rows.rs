//! `batch --rows [表名=]FILE`: target-table rows for many units in a file
//! of their own (CSV, or a workbook sheet), keyed by a 单位 column and
//! joined to each facts row by its unit. A workbook of facts may carry a
//! table's rows on the sheet named after the table. Before the run the
//! facts' units are read once, so that a unit named twice (whose rows
//! cannot be joined) and rows of a unit no facts row names become error
//! records, never dropped rows.

use super::data;
use crate::batch::{self, InFormat};
use crate::check::Checked;
use crate::diag::{DataNote, Diagnostics, Msg, SourceMap};
use crate::facts::UnitRows;
use crate::sheet::{self, header, Kind};
use std::collections::{HashMap, HashSet};

/// A workbook sheet as CSV text whose line N is the sheet's row N.
fn sheet_text(path: &str, kind: Kind, sheet: Option<&str>) -> Result<String, Diagnostics> {
    let bytes = crate::files::read_bytes(path, crate::files::DATA_LIMIT)?;
    let mut book = sheet::read(path, bytes, kind).map_err(crate::diag::Diagnostic::new)?;
    let names = book.sheet_names();
    let name = sheet
        .and_then(|s| names.iter().find(|n| *n == s))
        .or(names.first())
        .cloned()
        .unwrap_or_default();
    let t = book
        .grid(&name)
        .map_err(crate::diag::Diagnostic::new)?
        .table(&crate::facts::is_table_column);
    let plan = header::Plan {
        roles: vec![header::Role::Unknown; t.header.len()],
        missing: Vec::new(),
    };
    Ok(t.to_csv(&plan))
}

/// The units the facts name, each with its line, in order.
fn units(
    facts: &str,
    text: Option<&str>,
    input: InFormat,
) -> Result<Vec<(String, u64)>, Diagnostics> {
    let owned;
    let text = match text {
        Some(t) => t,
        None => {
            owned = crate::files::read_text(facts, crate::files::DATA_LIMIT)?;
            &owned
        }
    };
    let mut out = Vec::new();
    match input {
        InFormat::Csv => {
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            let Ok(head) = rdr.headers() else {
                return Ok(out);
            };
            let Some(col) = head
                .iter()
                .position(|h| header::LABELS.contains(&header::clean(h)))
            else {
                return Ok(out);
            };
            for rec in rdr.records().flatten() {
                let line = rec.position().map_or(0, |p| p.line());
                if let Some(u) = rec.get(col).map(str::trim).filter(|u| !u.is_empty()) {
                    out.push((u.to_string(), line));
                }
            }
        }
        InFormat::Jsonl => {
            for (i, l) in text.lines().enumerate() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(l) else {
                    continue;
                };
                let u = ["单位", "unit", "名称", "name"]
                    .iter()
                    .find_map(|k| match v.get(*k)? {
                        serde_json::Value::String(s) => Some(s.clone()),
                        serde_json::Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    });
                if let Some(u) = u {
                    out.push((u, i as u64 + 1));
                }
            }
        }
    }
    Ok(out)
}

/// The rows files of `--rows`, resolved to `c`'s tables (and a facts
/// workbook's sheets named after a table), read and grouped by unit; each
/// file's text is added to `map`, so that a row's error points into it.
pub fn read(
    targets: &[(usize, String)],
    facts: &str,
    c: &Checked,
    map: &mut SourceMap,
    notes: &mut Vec<DataNote>,
) -> Result<Vec<(String, UnitRows)>, Diagnostics> {
    let mut files: Vec<(usize, String, String)> = Vec::new();
    for (t, path) in targets {
        let text = match Kind::from_path(path) {
            Some(kind) => sheet_text(path, kind, Some(&c.tables[*t].name))?,
            None => {
                let (text, note) = data::text_file(path)?;
                notes.extend(note);
                text
            }
        };
        files.push((*t, path.clone(), text));
    }
    if let Some(kind) = Kind::from_path(facts) {
        let bytes = crate::files::read_bytes(facts, crate::files::DATA_LIMIT)?;
        let names = sheet::read(facts, bytes, kind)
            .map_err(crate::diag::Diagnostic::new)?
            .sheet_names();
        for (t, table) in c.tables.iter().enumerate() {
            if names.contains(&table.name) && !files.iter().any(|f| f.0 == t) {
                let text = sheet_text(facts, kind, Some(&table.name))?;
                files.push((t, format!("{facts}!{}", table.name), text));
            }
        }
    }
    let mut read = Vec::new();
    for (t, path, text) in files {
        let file = map.add(path.clone(), text.clone());
        let mut rows = UnitRows::read(text, file, c, t)?;
        rows.path = path.clone();
        read.push((path, rows));
    }
    Ok(read)
}

/// Rows files joined to the units the facts name (`named`, each with its
/// line): the rows, the units named twice (whose rows cannot be joined:
/// E354 when scored), and a record for each rows-file unit no facts name
/// (E352), so that no row is dropped unsaid.
pub struct Joined {
    pub rows: Vec<UnitRows>,
    pub dup_units: HashSet<String>,
    pub orphans: Vec<(u64, Option<String>, Msg)>,
}

pub fn joined(read: Vec<(String, UnitRows)>, c: &Checked, named: &[(String, u64)]) -> Joined {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (u, _) in named {
        *count.entry(u).or_default() += 1;
    }
    let dup_units = count
        .iter()
        .filter(|(_, &n)| n > 1)
        .map(|(u, _)| u.to_string())
        .collect();
    let seen: HashSet<&str> = count.keys().copied().collect();
    let mut orphans = Vec::new();
    for (path, r) in &read {
        for (unit, line) in r.units() {
            if !seen.contains(unit.as_str()) {
                let msg = Msg::RowsUnknownUnit {
                    table: c.tables[r.table].name.clone(),
                    unit: unit.clone(),
                    place: format!("{path}:{line}"),
                };
                orphans.push((u64::from(*line), Some(unit.clone()), msg));
            }
        }
    }
    Joined {
        rows: read.into_iter().map(|(_, r)| r).collect(),
        dup_units,
        orphans,
    }
}

/// Read the rows files (and a facts workbook's table sheets) into `known`
/// (`batch --rows`, and `report --rows` for many units).
#[allow(clippy::too_many_arguments)]
pub fn join(
    args: &[String],
    facts: &str,
    text: Option<&str>,
    input: InFormat,
    c: &Checked,
    map: &mut SourceMap,
    known: &mut batch::Input,
    notes: &mut Vec<DataNote>,
) -> Result<(), Diagnostics> {
    let targets = args
        .iter()
        .map(|a| data::rows_target(a, c))
        .collect::<Result<Vec<_>, _>>()?;
    let read = read(&targets, facts, c, map, notes)?;
    if read.is_empty() {
        return Ok(());
    }
    let j = joined(read, c, &units(facts, text, input)?);
    known.rows = j.rows;
    known.dup_units = j.dup_units;
    known.orphans = j.orphans;
    Ok(())
}
