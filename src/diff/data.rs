//! The units a diff scores: a CSV with one row per unit (a `单位`/`unit`
//! column, then one column per fact) or facts files, each kept as raw
//! values so that each rubric reads the facts it declares and reports the
//! ones it lacks instead of guessing them.

use crate::check::Checked;
use crate::diag::{did_you_mean, Diagnostic, Msg};
use crate::eval::FactSet;
use crate::facts::{self, Format, Item, RawValue};
use crate::syntax::{FileId, Span};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Unit {
    pub label: String,
    /// Each cell or key: its name (a CSV's column names are shared by its
    /// units, not copied for each), value and where it is written.
    pub values: Vec<(Arc<str>, RawValue, Option<Span>)>,
    /// A CSV's header (fact columns, with where each is named), shared by its rows.
    pub columns: Option<Vec<(String, Span)>>,
    /// A facts file's `[[表名]]` entries, read against each rubric's tables
    /// when it scores the unit (file, bytes before the entries, format).
    pub(crate) tables: Vec<(facts::Entry, FileId, usize, Format)>,
}

/// Target-table rows of `diff --rows`, read against one rubric's tables
/// and joined to each unit by its label, as `batch --rows` joins them.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub files: Vec<facts::UnitRows>,
    /// Units the data names more than once: their rows cannot be joined (E354).
    pub dups: std::collections::HashSet<String>,
}

pub(super) const LABELS: [&str; 4] = ["单位", "unit", "名称", "name"];

/// Read a CSV of units. Quoted fields may hold commas, quotes (`""`) and
/// line breaks; lines end in LF, CRLF or a lone CR (old Mac Excel). Rows are
/// numbered by the file line they start on, as `batch` numbers them.
pub fn read_csv(text: &str, file: FileId) -> Result<Vec<Unit>, Box<Diagnostic>> {
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let rows = records(&text[bom..], bom).map_err(|at| {
        Box::new(Diagnostic::new(Msg::DataUnclosedQuote).at(Span::new(file, at, at + 1)))
    })?;
    let mut it = rows
        .into_iter()
        .filter(|r| r.fields.iter().any(|(f, _)| !f.trim().is_empty()));
    let Some(header) = it.next() else {
        return Ok(Vec::new());
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|(f, _)| f.trim().to_string())
        .collect();
    let head_at = |i: usize| {
        let (f, at) = &header.fields[i];
        Span::new(file, *at, *at + f.len().max(1))
    };
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n)
            || (LABELS.contains(&n.as_str())
                && names[..i].iter().any(|m| LABELS.contains(&m.as_str())))
        {
            let msg = Msg::BatchDuplicateColumn { name: n.clone() };
            return Err(Box::new(Diagnostic::new(msg).at(head_at(i))));
        }
    }
    let label_col = names.iter().position(|n| LABELS.contains(&n.as_str()));
    let shared: Vec<Arc<str>> = names.iter().map(|n| n.as_str().into()).collect();
    let mut out = Vec::new();
    for (i, row) in it.enumerate() {
        if row.fields.len() != names.len() {
            let at = row.fields.first().map(|f| f.1).unwrap_or(0);
            let msg = Msg::DataRowWidth {
                row: row.line,
                found: row.fields.len(),
                expected: names.len(),
            };
            return Err(Box::new(Diagnostic::new(msg).at(Span::new(
                file,
                at,
                at + 1,
            ))));
        }
        let label = label_col
            .map(|c| row.fields[c].0.trim().to_string())
            .unwrap_or_else(|| format!("#{}", i + 1));
        let values = row
            .fields
            .iter()
            .zip(&shared)
            .enumerate()
            .filter(|(c, (f, _))| Some(*c) != label_col && !f.0.trim().is_empty())
            .map(|(_, ((f, at), n))| {
                (
                    n.clone(),
                    RawValue::Text(f.trim().to_string()),
                    Some(Span::new(file, *at, *at + f.len())),
                )
            })
            .collect();
        out.push(Unit {
            label,
            values,
            tables: Vec::new(),
            columns: Some(
                names
                    .iter()
                    .zip(&header.fields)
                    .map(|(n, (_, at))| (n.clone(), Span::new(file, *at, *at + n.len().max(1))))
                    .filter(|(n, _)| !LABELS.contains(&n.as_str()))
                    .collect(),
            ),
        });
    }
    Ok(out)
}

/// Every column (or key) of the data must be an input of one of the two
/// rubrics: a misspelt name would otherwise be ignored and its fact take
/// the default, or be reported missing, without a word about the typo.
pub fn check_names(old: &Checked, new: &Checked, units: &[Unit]) -> Result<(), Box<Diagnostic>> {
    let known = |n: &str| {
        old.fact_slot(n).is_some()
            || new.fact_slot(n).is_some()
            || pick_of(old, n).is_some()
            || pick_of(new, n).is_some()
            || LABELS.contains(&n)
    };
    let all = || {
        old.facts
            .iter()
            .chain(new.facts.iter())
            .map(|f| f.name.as_str())
    };
    for u in units {
        let names: Vec<(&str, Option<Span>)> = match &u.columns {
            Some(cols) => cols.iter().map(|(n, s)| (n.as_str(), Some(*s))).collect(),
            None => u.values.iter().map(|(n, _, s)| (&**n, *s)).collect(),
        };
        for (name, span) in names {
            if known(name) {
                continue;
            }
            let msg = Msg::BatchUnknownColumn {
                name: facts::visible(name),
                suggestion: did_you_mean(name, all()).unwrap_or_default(),
            };
            let d = Diagnostic::new(msg);
            return Err(Box::new(match span {
                Some(s) => d.at(s),
                None => d,
            }));
        }
        // One header serves every row of a CSV.
        if u.columns.is_some() {
            break;
        }
    }
    Ok(())
}

/// One record: its fields with their byte offsets, and the file line it starts on.
struct Record {
    fields: Vec<(String, usize)>,
    line: usize,
}

/// The records of `text`, whose first byte is at `base` in the file; `Err`
/// at an unclosed quote.
fn records(text: &str, base: usize) -> Result<Vec<Record>, usize> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut start = base;
    let (mut line, mut row_line) = (1usize, 1usize);
    let mut chars = text.char_indices().peekable();
    let mut quoted_at: Option<usize> = None;
    while let Some((i, ch)) = chars.next() {
        let i = base + i;
        if quoted_at.is_some() {
            match ch {
                '"' if chars.peek().map(|p| p.1) == Some('"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted_at = None,
                '\r' if chars.peek().map(|p| p.1) == Some('\n') => {}
                '\r' | '\n' => {
                    line += 1;
                    field.push(ch);
                }
                _ => field.push(ch),
            }
            continue;
        }
        match ch {
            '"' if field.is_empty() => quoted_at = Some(i),
            ',' => {
                row.push((std::mem::take(&mut field), start));
                start = i + 1;
            }
            '\r' if chars.peek().map(|p| p.1) == Some('\n') => {}
            '\r' | '\n' => {
                row.push((std::mem::take(&mut field), start));
                rows.push(Record {
                    fields: std::mem::take(&mut row),
                    line: row_line,
                });
                line += 1;
                row_line = line;
                start = i + 1;
            }
            _ => field.push(ch),
        }
    }
    if let Some(at) = quoted_at {
        return Err(at);
    }
    if !field.is_empty() || !row.is_empty() {
        row.push((field, start));
        rows.push(Record {
            fields: row,
            line: row_line,
        });
    }
    Ok(rows)
}

/// One facts file (TOML/JSON) as a unit; its label from a `单位` key, else `stem`.
pub fn read_file(
    text: &str,
    file: FileId,
    format: Format,
    stem: &str,
) -> Result<Unit, Box<Diagnostic>> {
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let entries = facts::entries(&text[bom..], format)
        .map_err(|e| Box::new(e.diagnostic(&text[bom..], bom, file, format)))?;
    let mut unit = Unit {
        label: stem.to_string(),
        values: Vec::new(),
        columns: None,
        tables: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    let mut add = |e: &facts::Entry, unit: &mut Unit| -> Result<(), Box<Diagnostic>> {
        // A repeated key is an error, as in `score`: which value would count?
        let key = if LABELS.contains(&e.key.as_str()) {
            "单位"
        } else {
            e.key.as_str()
        };
        if seen.iter().any(|k| k == key) {
            let msg = Msg::FactsSyntax {
                format: format.name().to_string(),
                detail: format!("duplicate key `{}`", e.key),
            };
            let at = Span::new(file, bom + e.key_span.start, bom + e.key_span.end);
            return Err(Box::new(Diagnostic::new(msg).at(at)));
        }
        seen.push(key.to_string());
        if let Item::Rows(_) = &e.item {
            unit.tables.push((e.clone(), file, bom, format));
        }
        if let Item::Value(v) = &e.item {
            let span = Span::new(file, bom + e.span.start, bom + e.span.end);
            if LABELS.contains(&e.key.as_str()) {
                unit.label = v.to_text();
            } else {
                unit.values
                    .push((e.key.as_str().into(), v.clone(), Some(span)));
            }
        }
        Ok(())
    };
    for e in &entries {
        match &e.item {
            Item::Table(inner) => inner.iter().try_for_each(|x| add(x, &mut unit))?,
            _ => add(e, &mut unit)?,
        }
    }
    Ok(unit)
}

/// The facts `c` declares, read from a unit as every facts source reads
/// them ([`facts::put`], then [`facts::settle`]: constraints, bounds);
/// facts it does not declare are ignored (the other rubric may need them).
/// `Err` lists the missing names. A table the unit gives no rows for takes
/// them from `rows`, by the unit's label ([`facts::join_rows`]).
pub fn fact_set(
    c: &Checked,
    unit: &Unit,
    rows: &Rows,
) -> Result<FactSet, Result<Vec<String>, Box<Diagnostic>>> {
    let mut set = FactSet::empty(c);
    set.label = Some(unit.label.clone());
    let mut bounds = Vec::new();
    let mut missing = Vec::new();
    for (slot, decl) in c.facts.iter().enumerate() {
        match unit.values.iter().find(|v| *v.0 == *decl.name) {
            Some((_, raw, span)) => {
                if let Err(msg) = facts::put(c, &mut set, &mut bounds, slot as u32, raw, *span) {
                    return Err(Err(Box::new(facts::value_error(
                        c,
                        slot as u32,
                        msg,
                        *span,
                    ))));
                }
            }
            None if decl.default.is_some() => {}
            None => missing.push(decl.name.clone()),
        }
    }
    if !missing.is_empty() {
        return Err(Ok(missing));
    }
    // Rows written in the unit's own facts file, for the tables this rubric has.
    for (e, file, bom, format) in &unit.tables {
        if let Some(t) = c.tables.iter().position(|t| t.name == e.key) {
            match facts::table_rows(c, t, *file, *bom, *format, e) {
                Ok(rows) => set.rows[t] = Some(rows),
                Err(d) => {
                    let first = d.0.into_iter().find(Diagnostic::is_error);
                    let msg = Msg::BatchBadRecord {
                        detail: String::new(),
                    };
                    return Err(Err(Box::new(first.unwrap_or(Diagnostic::new(msg)))));
                }
            }
        }
    }
    // The assessor's scores (评审打分): a column, or a `[评审打分]` key, named
    // after the indicator, as `batch` reads them.
    for (name, raw, span) in &unit.values {
        let Some(id) = pick_of(c, name) else {
            continue;
        };
        let v = match raw {
            RawValue::Number(d) => Some(*d),
            RawValue::Text(t) => facts::split_number(&facts::half_width(t))
                .ok()
                .filter(|(_, u)| u.is_empty() || *u == "分")
                .map(|(d, _)| d),
            _ => None,
        };
        let Some(v) = v else {
            let msg = Msg::FactNotNumber {
                name: format!("评审打分.{name}"),
                value: raw.to_text(),
                expected: "分".to_string(),
            };
            let d = Diagnostic::new(msg);
            return Err(Err(Box::new(match span {
                Some(s) => d.at(*s),
                None => d,
            })));
        };
        set.picks[id as usize] = Some((v, *span));
    }
    if let Err(d) = facts::join_rows(c, Some(&unit.label), &rows.files, &rows.dups, &mut set) {
        return Err(Err(Box::new(d)));
    }
    match facts::settle(c, &mut set, &bounds) {
        Ok(()) => Ok(set),
        Err(d) => {
            let first = d.0.into_iter().find(|d| d.is_error());
            Err(Err(Box::new(first.unwrap_or_else(|| {
                Diagnostic::new(Msg::BatchBadRecord {
                    detail: String::new(),
                })
            }))))
        }
    }
}

/// The indicator named `name` when the assessor scores it (`评审打分`).
fn pick_of(c: &Checked, name: &str) -> Option<crate::check::IndId> {
    c.indicator_named(name).filter(|&id| c.has_pick(id))
}
