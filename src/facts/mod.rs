//! Facts files: one department's input values, written by people in TOML or
//! JSON, read into a [`FactSet`] against a checked rubric. Values may be bare
//! numbers in the declared unit or strings as people write them ("6,702 万元",
//! "85.8%"); numbers are read exactly from their source text, never via f64.
//! Every problem of a file is reported in one run.

mod bounds;
mod breaks;
mod constraints;
mod joined;
mod json;
pub mod partial;
mod picks;
mod rows;
mod rows_csv;
mod rows_edit;
mod settle;
mod syntax;
mod toml;
mod toml_keys;
pub mod unknown;
mod value;

#[cfg(test)]
mod tests;

pub use bounds::Bound;
pub use joined::join_rows;
pub(crate) use joined::table_rows;
pub use rows_csv::UnitRows;
pub use rows_edit::{row_cells, rows_from_cells};

/// Whether `key` names a target-table column (`实际完成值`, `分值` …).
pub fn is_row_column(key: &str) -> bool {
    rows::role(key.trim()).is_some()
}
pub use settle::{put, read_value, settle, value_error, Read};
pub(crate) use toml_keys::quote_bare_keys;
pub(crate) use value::number_item;
pub(crate) use value::{half_width, split_number};
pub use value::{parse_value, type_name};

use crate::check::Checked;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Msg, Note};
use crate::eval::FactSet;
use crate::syntax::{FileId, Span};
use rust_decimal::Decimal;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// By extension, ignoring case: `.toml` or `.json`.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = std::path::Path::new(path)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// One value as it was written, before the declared input gives it meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawValue {
    /// A bare TOML/JSON number, exact.
    Number(Decimal),
    Bool(bool),
    Text(String),
}

impl RawValue {
    /// The value as text, for 文本 inputs and messages.
    pub fn to_text(&self) -> String {
        match self {
            RawValue::Number(d) => d.to_string(),
            RawValue::Bool(b) => b.to_string(),
            RawValue::Text(s) => s.clone(),
        }
    }
}

/// A name as the user can see it: invisible characters (a byte-order mark
/// pasted inside a key, zero-width spaces, controls) written as `<U+FEFF>`.
pub fn visible(name: &str) -> String {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{00ad}')
    };
    if !name.chars().any(invisible) {
        return name.to_string();
    }
    name.chars()
        .map(|c| {
            if invisible(c) {
                format!("<U+{:04X}>", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Keys that name the department rather than a fact.
const LABEL_KEYS: [&str; 4] = ["单位", "unit", "名称", "name"];
/// A nested table/object that may hold the facts instead of the top level.
const NEST_KEYS: [&str; 2] = ["事实", "facts"];
/// The table of scores the assessor gives, by indicator name.
const PICK_KEYS: [&str; 2] = ["评审打分", "assessor"];
/// Keys whose value is read as a nested table.
fn nested_key(key: &str) -> bool {
    NEST_KEYS.contains(&key) || PICK_KEYS.contains(&key)
}

/// One `key = value` of a facts file, with byte ranges in that file.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub item: Item,
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub(crate) enum Item {
    Value(RawValue),
    /// Only for a [`NEST_KEYS`] key at the top level.
    Table(Vec<Entry>),
    /// An array of tables (`[[名]]` in TOML, `[ {…}, … ]` in JSON): the rows
    /// of a target table.
    Rows(Vec<RowEntry>),
    /// JSON `null`: treated as not given, so a default still applies.
    Null,
    /// Arrays, dates, other tables: never a valid fact.
    Other,
}

/// One row of an array of tables, with its cells.
#[derive(Clone, Debug)]
pub(crate) struct RowEntry {
    pub cells: Vec<Entry>,
    pub span: Range<usize>,
}

/// A malformed file: the parser's message and where it stopped.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub detail: String,
    pub span: Range<usize>,
}

/// The entries of a facts-like file (values with their byte ranges), for
/// files that hold more than facts, such as published scores.
pub(crate) fn entries(text: &str, format: Format) -> Result<Vec<Entry>, SyntaxError> {
    match format {
        Format::Toml => toml::read(text),
        Format::Json => json::read(text),
    }
}

/// Whether a header cell names a column of a target table (三级指标,
/// 指标性质, 年度指标值 …), for finding a table's header in a sheet.
pub fn is_table_column(name: &str) -> bool {
    rows::role(name).is_some()
}

/// The columns a CSV rows file has that are read past (序号, 备注, 说明).
pub fn rows_csv_ignored(text: &str) -> Vec<String> {
    match rows_csv::read(text) {
        Ok(Some(r)) => r.ignored,
        _ => Vec::new(),
    }
}

/// Check the rubric's constraints over a fact set (defaults take part).
pub fn check_constraints(checked: &Checked, set: &FactSet) -> Diagnostics {
    constraints::check(checked, set, &vec![false; checked.facts.len()])
}

/// The rubric with only the constraints that speak of input `slot` alone
/// (`约束 0 ≤ 率 ≤ 100%`): the values a search over that input may take
/// while every other fact stays as it is.
pub fn constraints_on(checked: &Checked, slot: crate::check::Slot) -> Checked {
    let mut only = checked.clone();
    only.constraints
        .retain(|k| constraints::inputs(checked, &k.when) == [slot]);
    only
}

/// Parse one facts file holding one fact set.
pub fn load(
    text: &str,
    file: FileId,
    format: Format,
    checked: &Checked,
) -> Result<FactSet, Diagnostics> {
    read_file(text, file, format, checked, &[], false, None)
}

/// As [`load`], for one unit of many (JSON Lines with `batch --rows`): a
/// table the text gives no rows for takes the unit's rows from `files`, by
/// the unit the text names, before anything is found missing
/// ([`join_rows`], the path CSV rows take too).
pub fn load_joined(
    text: &str,
    file: FileId,
    format: Format,
    checked: &Checked,
    files: &[UnitRows],
    dups: &std::collections::HashSet<String>,
) -> Result<FactSet, Diagnostics> {
    read_file(text, file, format, checked, &[], false, Some((files, dups)))
}

/// The rows of target table `table` from a file of their own (`score
/// --rows 表名=rows.csv`): CSV as a clerk fills it, or TOML `[[表名]]`
/// tables (what a workbook's table sheet is turned into).
#[derive(Clone, Copy, Debug)]
pub struct RowsFile<'a> {
    pub table: usize,
    pub file: FileId,
    pub text: &'a str,
    pub csv: bool,
}

/// As [`load`], with target-table rows read from other files; every check
/// is the same as for rows written in the facts file, and a table given in
/// both is an error.
pub fn load_with(
    text: &str,
    file: FileId,
    format: Format,
    checked: &Checked,
    rows: &[RowsFile],
) -> Result<FactSet, Diagnostics> {
    read_file(text, file, format, checked, rows, false, None)
}

/// A facts file that may leave inputs out (a REPL session sets them later):
/// what it gives is read and checked as by [`load`]; the inputs it lacks
/// stay unknown and their constraints wait until they are set.
pub fn load_partial(
    text: &str,
    file: FileId,
    format: Format,
    checked: &Checked,
) -> Result<FactSet, Diagnostics> {
    read_file(text, file, format, checked, &[], true, None)
}

fn read_file(
    text: &str,
    file: FileId,
    format: Format,
    checked: &Checked,
    rows: &[RowsFile],
    partial: bool,
    joined: Option<(&[UnitRows], &std::collections::HashSet<String>)>,
) -> Result<FactSet, Diagnostics> {
    // Notepad saves UTF-8 with a byte-order mark, which neither parser accepts.
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let read = match format {
        Format::Toml => toml::read(&text[bom..]),
        Format::Json => json::read(&text[bom..]),
    };
    let entries =
        read.map_err(|e| Diagnostics::from(e.diagnostic(&text[bom..], bom, file, format)))?;
    let mut b = Builder::new(checked, file, bom, format);
    b.entries(&entries, true);
    for r in rows {
        b.rows_file(r);
    }
    if let Some((files, dups)) = joined {
        let unit = b.set.label.clone();
        if let Err(d) = join_rows(checked, unit.as_deref(), files, dups, &mut b.set) {
            b.diags.push(d);
        }
    }
    if !partial {
        b.missing();
        b.missing_tables();
        b.missing_picks();
    }
    if b.diags.has_errors() {
        return Err(b.diags);
    }
    settle(checked, &mut b.set, &b.bounds)?;
    Ok(b.set)
}

struct Builder<'a> {
    checked: &'a Checked,
    file: FileId,
    /// Entries' ranges are in the text after the byte-order mark.
    bom: usize,
    format: Format,
    set: FactSet,
    /// Whether a key named the slot, so that a repeated key is caught even
    /// when its first value was bad.
    given: Vec<bool>,
    nulls: Vec<Option<Span>>,
    label_given: bool,
    diags: Diagnostics,
    /// Facts given only as bounds (`"＜40%"`).
    bounds: Vec<bounds::Bound>,
    /// Whether a table's 分值 column must add up to its weight now (the
    /// REPL edits rows one at a time and leaves that to scoring).
    sum_rows: bool,
}

impl<'a> Builder<'a> {
    /// Nothing read yet, for entries of `format` in `file` (ranges after a
    /// byte-order mark of `bom` bytes).
    fn new(checked: &'a Checked, file: FileId, bom: usize, format: Format) -> Builder<'a> {
        Builder {
            checked,
            file,
            bom,
            format,
            set: FactSet::empty(checked),
            given: vec![false; checked.facts.len()],
            nulls: vec![None; checked.facts.len()],
            label_given: false,
            diags: Diagnostics::default(),
            bounds: Vec::new(),
            sum_rows: true,
        }
    }

    fn span(&self, r: &Range<usize>) -> Span {
        Span::new(self.file, self.bom + r.start, self.bom + r.end)
    }

    fn entries(&mut self, entries: &[Entry], top: bool) {
        for e in entries {
            // A declared input wins over the reserved names, so a rubric may
            // still declare an input called 名称.
            if let Some(slot) = self.checked.fact_slot(&e.key) {
                self.fact(slot as usize, e);
            } else if let Some(t) = self.checked.tables.iter().position(|t| t.name == e.key) {
                self.table_rows(t, e);
            } else if LABEL_KEYS.contains(&e.key.as_str()) {
                self.label(e);
            } else if top && PICK_KEYS.contains(&e.key.as_str()) {
                self.picks(e);
            } else if top && NEST_KEYS.contains(&e.key.as_str()) {
                match &e.item {
                    Item::Table(inner) => self.entries(inner, false),
                    _ => {
                        let msg = Msg::FactWrongType {
                            name: e.key.clone(),
                            expected: "{ 名称 = 值 }".to_string(),
                        };
                        self.diags.push(Diagnostic::new(msg).at(self.span(&e.span)));
                    }
                }
            } else {
                let names = self.checked.facts.iter().map(|f| f.name.as_str());
                let names = names.chain(self.checked.tables.iter().map(|t| t.name.as_str()));
                let mut d = Diagnostic::new(Msg::UnknownFact {
                    name: visible(&e.key),
                })
                .at(self.span(&e.key_span));
                if let Some(s) = did_you_mean(&e.key, names) {
                    d = d.note(Note::DidYouMean(s));
                }
                self.diags.push(d);
            }
        }
    }

    fn duplicate(&mut self, e: &Entry) {
        let detail = format!("duplicate key `{}`", e.key);
        let msg = Msg::FactsSyntax {
            format: self.format.name().to_string(),
            detail,
        };
        self.diags
            .push(Diagnostic::new(msg).at(self.span(&e.key_span)));
    }

    fn label(&mut self, e: &Entry) {
        if std::mem::replace(&mut self.label_given, true) {
            return self.duplicate(e);
        }
        match &e.item {
            Item::Value(v @ (RawValue::Text(_) | RawValue::Number(_))) => {
                self.set.label = Some(v.to_text())
            }
            Item::Null => {}
            _ => {
                let msg = Msg::FactWrongType {
                    name: e.key.clone(),
                    expected: "文本".to_string(),
                };
                self.diags.push(Diagnostic::new(msg).at(self.span(&e.span)));
            }
        }
    }

    fn fact(&mut self, slot: usize, e: &Entry) {
        if std::mem::replace(&mut self.given[slot], true) {
            return self.duplicate(e);
        }
        let decl = &self.checked.facts[slot];
        let span = self.span(&e.span);
        let result = match &e.item {
            Item::Value(raw) => put(
                self.checked,
                &mut self.set,
                &mut self.bounds,
                slot as u32,
                raw,
                Some(span),
            ),
            Item::Null => {
                self.nulls[slot] = Some(span);
                return;
            }
            Item::Table(_) | Item::Rows(_) | Item::Other => Err(Msg::FactWrongType {
                name: decl.name.clone(),
                expected: type_name(&decl.ty, self.checked),
            }),
        };
        if let Err(msg) = result {
            let d = value_error(self.checked, slot as u32, msg, Some(span));
            self.diags.push(d);
        }
    }

    /// Inputs not given take their default; the rest are reported.
    fn missing(&mut self) {
        for (slot, decl) in self.checked.facts.iter().enumerate() {
            if self.set.values[slot].is_some() || (self.given[slot] && self.nulls[slot].is_none()) {
                continue;
            }
            if let Some(v) = decl.default {
                self.set.set(slot as u32, v, None);
                continue;
            }
            let expected = type_name(&decl.ty, self.checked);
            let msg = Msg::MissingFact {
                name: decl.name.clone(),
                expected: expected.clone(),
            };
            // Nothing in the facts file marks an absent key, so point at the
            // declaration — unless a `null` stood in for the value.
            let d = match self.nulls[slot] {
                Some(at) => Diagnostic::new(msg)
                    .at(at)
                    .label(decl.span, Note::Declared(expected)),
                None => Diagnostic::new(msg)
                    .at(decl.span)
                    .note(Note::Declared(expected)),
            };
            self.diags.push(d);
        }
    }
}
