//! One department's facts, by input slot. Built by `crate::facts`, or by
//! hand (REPL `:set`, batch rows).

use super::value::Value;
use crate::check::Checked;
use crate::syntax::Span;

#[derive(Clone, Debug, Default)]
pub struct FactSet {
    /// Indexed by input slot (`0..checked.facts.len()`); `None` when not given.
    pub values: Vec<Option<Value>>,
    /// Text facts' contents, by the same slot.
    pub texts: Vec<Option<String>>,
    /// Where each value was written in its facts file, for messages and traces.
    pub spans: Vec<Option<Span>>,
    /// The unit (department) these facts describe, from a `单位`/`unit` key or column.
    pub label: Option<String>,
    /// The rows of each target table, by table id; `None` when not given.
    pub rows: Vec<Option<Vec<super::targets::TargetRow>>>,
    /// Scores the assessor gave (`[评审打分]`), by indicator id, with where.
    pub picks: Vec<Option<(rust_decimal::Decimal, Option<Span>)>>,
    /// Facts the document does not give (`"未取得"`), in the order read.
    /// Their `values` stay `None`; a fact set with any is scored as ranges
    /// (`crate::facts::partial`), never at a guessed value.
    pub unknown: Vec<Unknown>,
}

/// A fact marked unknown, with values that stand for all it may be: one per
/// piece of its admissible range on which every rule is constant (numbers),
/// or every value (是否, enumerations).
#[derive(Clone, Debug)]
pub struct Unknown {
    pub slot: u32,
    /// As written (`未取得`, or a bound such as `＜40%` scored alongside).
    pub text: String,
    pub samples: Vec<Value>,
}

impl FactSet {
    pub fn empty(checked: &Checked) -> FactSet {
        let n = checked.facts.len();
        FactSet {
            values: vec![None; n],
            texts: vec![None; n],
            spans: vec![None; n],
            label: None,
            rows: vec![None; checked.tables.len()],
            picks: vec![None; checked.indicators.len()],
            unknown: Vec::new(),
        }
    }

    pub fn set(&mut self, slot: u32, value: Value, span: Option<Span>) {
        let i = slot as usize;
        self.values[i] = Some(value);
        self.spans[i] = span;
    }
}
