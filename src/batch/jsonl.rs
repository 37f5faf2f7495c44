//! JSON Lines rows: one JSON object per line, read by the facts reader
//! itself, so keys, defaults and messages are those of a `.json` facts file.

use super::row::fact_named;
use super::RowError;
use crate::check::Checked;
use crate::compiled::Scratch;
use crate::diag::{Diagnostic, Msg};
use crate::eval::FactSet;

/// One line's facts into the scratch's slots, and the unit it names. The
/// whole fact set comes back when the rubric needs more than the slots
/// (target-table rows as arrays, `评审打分` as an object), so none is lost.
/// A table the line carries no rows for takes them from the rows files of
/// `batch --rows`, by the line's unit, as a CSV row does.
pub(super) fn row(
    c: &Checked,
    text: &str,
    known: &super::Input,
    s: &mut Scratch,
) -> (Option<String>, Result<Option<FactSet>, RowError>) {
    let json = crate::facts::Format::Json;
    let loaded = if known.rows.is_empty() {
        crate::facts::load(text, 0, json, c)
    } else {
        crate::facts::load_joined(text, 0, json, c, &known.rows, &known.dup_units)
    };
    match loaded {
        // Facts marked unknown: the caller scores the set as ranges.
        Ok(fs) if !fs.unknown.is_empty() => (fs.label.clone(), Ok(Some(fs))),
        Ok(fs) => {
            for (slot, v) in s.facts_mut().iter_mut().enumerate() {
                if let Some(x) = fs.values[slot] {
                    *v = x;
                }
            }
            let label = fs.label.clone();
            (label, Ok(c.needs_more_than_slots().then_some(fs)))
        }
        Err(d) => {
            let first: Option<Diagnostic> = d.0.into_iter().find(Diagnostic::is_error);
            let msg = first.map(|d| d.msg).unwrap_or(Msg::BatchBadRecord {
                detail: String::new(),
            });
            let column = fact_named(&msg).map(str::to_string);
            (label_of(text), Err(RowError { column, msg }))
        }
    }
}

/// The unit named on a line that did not load, so its error record says whose it is.
fn label_of(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    ["单位", "unit", "名称", "name"]
        .iter()
        .find_map(|k| match v.get(*k)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}
