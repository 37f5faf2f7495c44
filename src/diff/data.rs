//! The units a diff scores: a CSV with one row per unit (a `单位`/`unit`
//! column, then one column per fact) or facts files, each kept as raw
//! values so that each rubric reads the facts it declares and reports the
//! ones it lacks instead of guessing them.

use crate::check::Checked;
use crate::diag::{Diagnostic, Msg};
use crate::eval::FactSet;
use crate::facts::{self, Format, Item, RawValue};
use crate::syntax::{FileId, Span};

#[derive(Clone, Debug)]
pub struct Unit {
    pub label: String,
    pub values: Vec<(String, RawValue, Option<Span>)>,
}

const LABELS: [&str; 4] = ["单位", "unit", "名称", "name"];

/// Read a CSV of units. Quoted fields may hold commas, quotes (`""`) and
/// line breaks.
pub fn read_csv(text: &str, file: FileId) -> Result<Vec<Unit>, Box<Diagnostic>> {
    let text = text.trim_start_matches('\u{feff}');
    let rows = records(text).map_err(|at| {
        Box::new(Diagnostic::new(Msg::DataUnclosedQuote).at(Span::new(file, at, at + 1)))
    })?;
    let mut it = rows
        .into_iter()
        .filter(|r| r.iter().any(|(f, _)| !f.trim().is_empty()));
    let Some(header) = it.next() else {
        return Ok(Vec::new());
    };
    let names: Vec<String> = header.iter().map(|(f, _)| f.trim().to_string()).collect();
    let label_col = names.iter().position(|n| LABELS.contains(&n.as_str()));
    let mut out = Vec::new();
    for (i, row) in it.enumerate() {
        if row.len() != names.len() {
            let at = row.first().map(|f| f.1).unwrap_or(0);
            let msg = Msg::DataRowWidth {
                row: i + 2,
                found: row.len(),
                expected: names.len(),
            };
            return Err(Box::new(Diagnostic::new(msg).at(Span::new(
                file,
                at,
                at + 1,
            ))));
        }
        let label = label_col
            .map(|c| row[c].0.trim().to_string())
            .unwrap_or_else(|| format!("#{}", i + 1));
        let values = row
            .iter()
            .zip(&names)
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
        out.push(Unit { label, values });
    }
    Ok(out)
}

/// Fields with their byte offsets, by record; `Err` at an unclosed quote.
fn records(text: &str) -> Result<Vec<Vec<(String, usize)>>, usize> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    let mut quoted_at: Option<usize> = None;
    while let Some((i, ch)) = chars.next() {
        if quoted_at.is_some() {
            match ch {
                '"' if chars.peek().map(|p| p.1) == Some('"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted_at = None,
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
            '\n' => {
                row.push((
                    std::mem::take(&mut field)
                        .trim_end_matches('\r')
                        .to_string(),
                    start,
                ));
                rows.push(std::mem::take(&mut row));
                start = i + 1;
            }
            _ => field.push(ch),
        }
    }
    if let Some(at) = quoted_at {
        return Err(at);
    }
    if !field.is_empty() || !row.is_empty() {
        row.push((field.trim_end_matches('\r').to_string(), start));
        rows.push(row);
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
    let entries = facts::entries(text.trim_start_matches('\u{feff}'), format).map_err(|e| {
        let msg = Msg::FactsSyntax {
            format: format.name().to_string(),
            detail: e.detail,
        };
        Box::new(Diagnostic::new(msg).at(Span::new(file, e.span.start, e.span.end)))
    })?;
    let mut unit = Unit {
        label: stem.to_string(),
        values: Vec::new(),
    };
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let add = |e: &facts::Entry, unit: &mut Unit| {
        if let Item::Value(v) = &e.item {
            let span = Span::new(file, bom + e.span.start, bom + e.span.end);
            if LABELS.contains(&e.key.as_str()) {
                unit.label = v.to_text();
            } else {
                unit.values.push((e.key.clone(), v.clone(), Some(span)));
            }
        }
    };
    for e in &entries {
        match &e.item {
            Item::Table(inner) => inner.iter().for_each(|x| add(x, &mut unit)),
            _ => add(e, &mut unit),
        }
    }
    Ok(unit)
}

/// The facts `c` declares, read from a unit; facts it does not declare are
/// ignored (the other rubric may need them). `Err` lists the missing names.
pub fn fact_set(c: &Checked, unit: &Unit) -> Result<FactSet, Result<Vec<String>, Box<Diagnostic>>> {
    let mut set = FactSet::empty(c);
    set.label = Some(unit.label.clone());
    let mut missing = Vec::new();
    for (slot, decl) in c.facts.iter().enumerate() {
        match unit.values.iter().find(|v| v.0 == decl.name) {
            Some((_, raw, span)) => match facts::parse_value(raw, decl, c) {
                Ok(v) => set.set(slot as u32, v, *span),
                Err(msg) => {
                    let d = Diagnostic::new(msg);
                    return Err(Err(Box::new(match span {
                        Some(s) => d.at(*s),
                        None => d,
                    })));
                }
            },
            None if decl.default.is_some() => {}
            None => missing.push(decl.name.clone()),
        }
    }
    if missing.is_empty() {
        Ok(set)
    } else {
        Err(Ok(missing))
    }
}
