//! One input row straight into slots. The CSV header is mapped to slots
//! once; each cell then goes through an exact fast path for plain numbers,
//! 是/否 and enumeration variants, and through [`crate::facts::read_value`]
//! for everything else (units, thousands separators, full-width digits,
//! bounds such as `＜40%`) and for every error, so messages are the facts
//! reader's own. A row whose rubric has constraints, or which holds a
//! bound, is then checked by [`crate::facts::settle`] like a facts file.

pub use super::cell::plain_decimal;
pub(crate) use super::cell::trim;
use super::cell::{plain_parts, Factor};
use crate::check::{Checked, Ty};
use crate::diag::{did_you_mean, Msg};
use crate::eval::value::Value;
use crate::eval::FactSet;
use crate::facts::{parse_value, read_value, settle, type_name, Bound, RawValue, Read};
use rust_decimal::Decimal;

/// Column names that name the department rather than a fact.
use crate::sheet::header::LABELS as LABEL_KEYS;

/// A row that does not score: where and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// The column (fact) at fault, when one is.
    pub column: Option<String>,
    pub msg: Msg,
}

impl RowError {
    pub fn new(column: Option<&str>, msg: Msg) -> RowError {
        RowError {
            column: column.map(str::to_string),
            msg,
        }
    }
}

/// How one input is read, decided once per rubric.
struct Cell {
    /// The CSV column holding this input, if the header has one.
    column: Option<usize>,
    kind: Kind,
}

/// An input's type as the fast path reads it, so that reading a cell is
/// one match, with no look-up of its declaration.
enum Kind {
    Num(Num),
    Bool,
    /// The enumeration's index, and whether every variant is its own trim
    /// (then a cell equal to one is trimmed already).
    Enum {
        e: usize,
        trimmed: bool,
    },
    Text,
    /// A type the fast path does not read.
    Other,
}

/// How a number input is read.
struct Num {
    /// A bare number times this is the value (1, or 10000 for 万元); `None`
    /// when a bare number is not accepted (rates need `%`).
    bare: Option<Factor>,
    /// `n%` is n times this (0.01), when `%` fits the declared unit.
    percent: Option<Factor>,
    /// A count (人, 家 …): whole and not negative, or the slow path words the error.
    count: bool,
    /// Declared 正数 / 非零: a value breaking it goes the slow way.
    positive: bool,
    nonzero: bool,
    /// Any of the three: most inputs need none checked.
    checked: bool,
}

impl Kind {
    /// Whether a cell this reads fast holds no blank at either end, so the
    /// untrimmed cell may be tried first: numbers and 是/否 are read from
    /// bytes no blank is made of; a text is any cell, blank or not.
    fn takes_untrimmed(&self) -> bool {
        match self {
            Kind::Num(_) | Kind::Bool => true,
            Kind::Enum { trimmed, .. } => *trimmed,
            Kind::Text | Kind::Other => false,
        }
    }
}

pub struct Columns<'c> {
    c: &'c Checked,
    /// Per input slot: how it is read, and its CSV column.
    cells: Vec<Cell>,
    /// Per CSV column: the input slot it fills, if any.
    slot_of: Vec<Option<usize>>,
    label: Option<usize>,
    /// Columns holding the assessor's score (评审打分) of an indicator.
    picks: Vec<(usize, u32)>,
    /// The rubric's constraints when each is a bound on one input, checked
    /// per row without the evaluator; `None` sends every row to `settle`.
    one_input: Option<Vec<super::bounds::Bound>>,
}

fn factor(c: &Checked, slot: usize, text: &str) -> Option<Factor> {
    match parse_value(&RawValue::Text(text.to_string()), &c.facts[slot], c) {
        Ok(Value::Num(d)) => Some(Factor::new(d)),
        _ => None,
    }
}

fn kind(c: &Checked, slot: usize) -> Kind {
    let decl = &c.facts[slot];
    match decl.ty {
        Ty::Num(u) => Kind::Num(Num {
            bare: factor(c, slot, "1"),
            percent: factor(c, slot, "1%"),
            count: u.is_count(),
            positive: decl.positive,
            nonzero: decl.nonzero,
            checked: u.is_count() || decl.positive || decl.nonzero,
        }),
        Ty::Bool => Kind::Bool,
        Ty::Enum(e) => match c.enums.get(e as usize) {
            Some(en) => Kind::Enum {
                e: e as usize,
                trimmed: en.variants.iter().all(|v| !v.is_empty() && v.trim() == v),
            },
            None => Kind::Other,
        },
        Ty::Text => Kind::Text,
        Ty::Error => Kind::Other,
    }
}

impl<'c> Columns<'c> {
    /// Map a header. Unknown and repeated column names are errors of the
    /// whole file: every row would be read wrongly.
    pub fn new(c: &'c Checked, header: &[&str]) -> Result<Columns<'c>, Msg> {
        Columns::skipping(c, header, &[])
    }

    /// As [`Columns::new`], reading past the columns `skip` marks (序号,
    /// 备注, misspelt names the caller has warned about).
    pub fn skipping(c: &'c Checked, header: &[&str], skip: &[bool]) -> Result<Columns<'c>, Msg> {
        let cells = (0..c.facts.len())
            .map(|s| Cell {
                column: None,
                kind: kind(c, s),
            })
            .collect();
        let mut cols = Columns {
            c,
            cells,
            slot_of: Vec::new(),
            label: None,
            picks: Vec::new(),
            one_input: super::bounds::single_input(c),
        };
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            if skip.get(i) == Some(&true) {
                cols.slot_of.push(None);
                continue;
            }
            match c.fact_slot(name) {
                Some(s) if cols.cells[s as usize].column.is_some() => {
                    return Err(Msg::BatchDuplicateColumn { name: name.into() })
                }
                Some(s) => {
                    cols.cells[s as usize].column = Some(i);
                    cols.slot_of.push(Some(s as usize));
                }
                None if LABEL_KEYS.contains(&name) && cols.label.is_none() => {
                    cols.label = Some(i);
                    cols.slot_of.push(None);
                }
                None if LABEL_KEYS.contains(&name) => {
                    return Err(Msg::BatchDuplicateColumn { name: name.into() })
                }
                None if c.indicator_named(name).is_some_and(|i| c.has_pick(i)) => {
                    let id = c.indicator_named(name).unwrap_or_default();
                    if cols.picks.iter().any(|&(_, x)| x == id) {
                        return Err(Msg::BatchDuplicateColumn { name: name.into() });
                    }
                    cols.picks.push((i, id));
                    cols.slot_of.push(None);
                }
                None => {
                    let suggestion = did_you_mean(name, c.facts.iter().map(|f| f.name.as_str()));
                    return Err(Msg::BatchUnknownColumn {
                        name: crate::facts::visible(name),
                        suggestion: suggestion.unwrap_or_default(),
                    });
                }
            }
        }
        Ok(cols)
    }

    pub fn width(&self) -> usize {
        self.slot_of.len()
    }

    pub fn label<'r>(&self, cells: &[&'r str]) -> Option<&'r str> {
        self.label
            .and_then(|i| cells.get(i))
            .map(|s| trim(s))
            .filter(|s| !s.is_empty())
    }

    /// Fill every input slot from a row's cells. An empty cell or a column
    /// the header lacks takes the input's default, else the row fails. A row
    /// with facts marked unknown fails too (E413): see [`Columns::fill_or_partial`].
    pub fn fill(&self, cells: &[&str], vals: &mut [Value]) -> Result<(), RowError> {
        match self.fill_or_partial(cells, vals)? {
            None => Ok(()),
            Some(_) => Err(RowError::new(
                None,
                Msg::PartialNoRanges {
                    output: "batch".into(),
                },
            )),
        }
    }

    /// As [`Columns::fill`], but a row with facts marked unknown (`未取得`)
    /// comes back as its fact set, ready for `facts::partial::score`.
    pub fn fill_or_partial(
        &self,
        cells: &[&str],
        vals: &mut [Value],
    ) -> Result<Option<FactSet>, RowError> {
        self.fill_or_partial_with(cells, vals, &|_| Ok(()))
    }

    /// As [`Columns::fill_or_partial`]; `more` completes a fact set that is
    /// settled here (target-table rows, assessors' scores) before its bounds
    /// are resolved, since resolving a bound scores the rubric.
    pub fn fill_or_partial_with(
        &self,
        cells: &[&str],
        vals: &mut [Value],
        more: &dyn Fn(&mut FactSet) -> Result<(), RowError>,
    ) -> Result<Option<FactSet>, RowError> {
        if cells.len() != self.width() {
            let msg = Msg::BatchRowWidth {
                found: cells.len(),
                expected: self.width(),
            };
            let column = self
                .slot_of
                .get(cells.len())
                .copied()
                .flatten()
                .map(|s| self.c.facts[s].name.as_str());
            return Err(RowError::new(column, msg));
        }
        let mut bounds: Vec<Bound> = Vec::new();
        let mut unknown: Vec<crate::eval::Unknown> = Vec::new();
        let mut slot = 0;
        loop {
            // The plain cells in one tight loop; the first other one is read here.
            slot = self.fill_plain(cells, vals, slot);
            let (Some(cell), Some(decl)) = (self.cells.get(slot), self.c.facts.get(slot)) else {
                break;
            };
            slot += 1;
            let raw = cell.column.map_or("", |i| cells[i]);
            if let Some(v) = self.quick(cell, raw) {
                vals[slot - 1] = v;
                continue;
            }
            let slot = slot - 1;
            let text = trim(raw);
            if text.is_empty() {
                vals[slot] = match decl.default {
                    Some(v) => v,
                    None => {
                        let msg = Msg::MissingFact {
                            name: decl.name.clone(),
                            expected: type_name(&decl.ty, self.c),
                        };
                        return Err(RowError::new(Some(&decl.name), msg));
                    }
                };
                continue;
            }
            let raw = RawValue::Text(text.to_string());
            vals[slot] = match read_value(&raw, slot as u32, self.c, None)
                .map_err(|msg| RowError::new(Some(&decl.name), msg))?
            {
                Read::Exact(v) => v,
                Read::Bound(b) => {
                    let v = Value::Num(b.value);
                    bounds.push(b);
                    v
                }
                Read::Unknown => {
                    unknown.push(crate::eval::Unknown {
                        slot: slot as u32,
                        text: text.to_string(),
                        samples: Vec::new(),
                    });
                    decl.default.unwrap_or(Value::Text)
                }
            };
        }
        let kept = |b: &[super::bounds::Bound]| super::bounds::all_hold(b, vals);
        if bounds.is_empty() && unknown.is_empty() && self.one_input.as_deref().is_some_and(kept) {
            return Ok(None);
        }
        self.settle(vals, &bounds, unknown, more)
    }

    /// The row as a fact set through the facts reader's own checks.
    fn settle(
        &self,
        vals: &mut [Value],
        bounds: &[Bound],
        unknown: Vec<crate::eval::Unknown>,
        more: &dyn Fn(&mut FactSet) -> Result<(), RowError>,
    ) -> Result<Option<FactSet>, RowError> {
        let mut set = FactSet::empty(self.c);
        for (i, v) in vals.iter().enumerate() {
            set.values[i] = Some(*v);
        }
        for u in &unknown {
            set.values[u.slot as usize] = None;
        }
        set.unknown = unknown;
        more(&mut set)?;
        if let Err(d) = settle(self.c, &mut set, bounds) {
            let first = d.0.into_iter().find(|d| d.is_error());
            let msg = first.map(|d| d.msg).unwrap_or(Msg::BatchBadRecord {
                detail: String::new(),
            });
            let column = fact_named(&msg).map(str::to_string);
            return Err(RowError { column, msg });
        }
        if !set.unknown.is_empty() {
            return Ok(Some(set));
        }
        for (v, s) in vals.iter_mut().zip(&set.values) {
            if let Some(x) = s {
                *v = *x;
            }
        }
        Ok(None)
    }

    /// The assessor's scores (评审打分) a row gives, by indicator; a blank
    /// cell gives none (the evaluator then names the missing score).
    pub fn picks(&self, cells: &[&str]) -> Result<Vec<(u32, Decimal)>, RowError> {
        let mut out = Vec::with_capacity(self.picks.len());
        for &(col, id) in &self.picks {
            let text = cells.get(col).map_or("", |s| s.trim());
            if text.is_empty() {
                continue;
            }
            let half = crate::facts::half_width(text);
            let v = crate::facts::split_number(&half)
                .ok()
                .filter(|(_, u)| u.is_empty() || *u == "分")
                .map(|(d, _)| d);
            let name = &self.c.ind(id).name;
            let Some(v) = v else {
                let msg = Msg::FactNotNumber {
                    name: format!("评审打分.{name}"),
                    value: text.to_string(),
                    expected: "分".to_string(),
                };
                return Err(RowError::new(Some(name), msg));
            };
            out.push((id, v));
        }
        Ok(out)
    }

    /// Whether `vals` keep every constraint of the rubric without
    /// [`crate::facts::settle`]: each is a bound on one input, and holds.
    /// `false` means `settle` must decide (and word any error).
    pub fn keeps_constraints(&self, vals: &[Value]) -> bool {
        self.one_input
            .as_deref()
            .is_some_and(|b| super::bounds::all_hold(b, vals))
    }

    /// Read the cells of slots `from..` as they stand while each is plain
    /// (a number, 是/否, a variant): the first slot that is not, or the
    /// number of slots. Kept apart from the rest of the row's reading, so
    /// that this loop's few values stay in registers.
    #[inline(never)]
    fn fill_plain(&self, cells: &[&str], vals: &mut [Value], from: usize) -> usize {
        let plans = self.cells.get(from..).unwrap_or_default();
        let outs = vals.get_mut(from..).unwrap_or_default();
        for (k, (cell, out)) in plans.iter().zip(outs).enumerate() {
            let raw = match cell.column.and_then(|i| cells.get(i)) {
                Some(raw) if cell.kind.takes_untrimmed() => raw,
                _ => return from + k,
            };
            match self.read(&cell.kind, raw) {
                Some(v) => *out = v,
                None => return from + k,
            }
        }
        from + plans.len().min(vals.len().saturating_sub(from))
    }

    /// A row's cell `raw` (untrimmed) read fast, as [`Columns::fast`] reads
    /// it trimmed; `None` for a blank cell and one the fast path does not take.
    /// Nearly every cell is read as it stands, without trimming it first.
    #[inline(always)]
    fn quick(&self, cell: &Cell, raw: &str) -> Option<Value> {
        let untrimmed = cell.kind.takes_untrimmed();
        if untrimmed {
            if let Some(v) = self.read(&cell.kind, raw) {
                return Some(v);
            }
        }
        let text = trim(raw);
        // Tried already when trimming changed nothing.
        if text.is_empty() || (untrimmed && text.len() == raw.len()) {
            return None;
        }
        self.read(&cell.kind, text)
    }

    /// The value of a plainly written cell, exactly as `parse_value` would
    /// give it; `None` sends the cell the slow way.
    #[inline]
    pub fn fast(&self, slot: usize, text: &str) -> Option<Value> {
        self.read(&self.cells.get(slot)?.kind, text)
    }

    #[inline(always)]
    fn read(&self, kind: &Kind, text: &str) -> Option<Value> {
        match kind {
            Kind::Num(cell) => {
                let (digits, factor) = match text.as_bytes().last() {
                    Some(b'%') => (&text[..text.len() - 1], cell.percent.as_ref()?),
                    _ => (text, cell.bare.as_ref()?),
                };
                let (neg, n, scale) = plain_parts(digits)?;
                let d = factor.apply(neg, n, scale)?;
                // A broken constraint goes the slow way, which words the error.
                // (`d ≤ 0` is its sign and zero: no decimal comparison.)
                if cell.checked
                    && ((cell.positive && (d.is_zero() || d.is_sign_negative()))
                        || (cell.nonzero && d.is_zero())
                        || (cell.count
                            && (d.is_sign_negative() || (d.scale() > 0 && !d.fract().is_zero()))))
                {
                    return None;
                }
                Some(Value::Num(d))
            }
            // 是, 有 / 否, 无 by their UTF-8 bytes: no string comparison calls.
            Kind::Bool => match text.as_bytes() {
                [0xE6, 0x98, 0xAF] | [0xE6, 0x9C, 0x89] => Some(Value::Bool(true)),
                [0xE5, 0x90, 0xA6] | [0xE6, 0x97, 0xA0] => Some(Value::Bool(false)),
                _ => None,
            },
            Kind::Enum { e, .. } => {
                let variants = &self.c.enums.get(*e)?.variants;
                variants
                    .iter()
                    .position(|v| v == text)
                    .map(|i| Value::Enum(i as u16))
            }
            Kind::Text => Some(Value::Text),
            Kind::Other => None,
        }
    }
}

/// The fact a facts-reader message is about, for the error record's column.
pub(super) fn fact_named(m: &Msg) -> Option<&str> {
    match m {
        Msg::MissingFact { name, .. }
        | Msg::UnknownFact { name }
        | Msg::FactWrongUnit { name, .. }
        | Msg::FactNotNumber { name, .. }
        | Msg::FactMissingPercent { name, .. }
        | Msg::FactNumberRange { name, .. }
        | Msg::FactExponent { name, .. }
        | Msg::FactSeparator { name, .. }
        | Msg::FactNotCount { name, .. }
        | Msg::FactNotBool { name, .. }
        | Msg::FactNotVariant { name, .. }
        | Msg::FactNotPositive { name, .. }
        | Msg::FactZero { name }
        | Msg::FactWrongType { name, .. } => Some(name),
        Msg::BoundNotNumeric { fact }
        | Msg::BoundEmpty { fact, .. }
        | Msg::BoundNotExact { fact, .. }
        | Msg::BoundSplits { fact, .. }
        | Msg::UnknownInexact { fact, .. } => Some(fact),
        _ => None,
    }
}

#[cfg(test)]
mod props;
