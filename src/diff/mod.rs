//! Old rubric vs new over many units: each unit's totals and grades under
//! both, the indicator scores that changed with the rule edits behind them,
//! and the distribution of totals and grades before and after.

pub mod data;
pub mod edits;
pub mod lines;
pub mod output;
pub mod records;
pub mod stream;
pub mod units;

use crate::check::Checked;
use crate::diag::{Diagnostic, SourceMap};
use data::Unit;
use edits::Edit;
use rust_decimal::Decimal;

/// One side's result for a unit.
#[derive(Clone, Debug)]
pub enum Outcome {
    Scored {
        total: Decimal,
        grade: String,
    },
    /// Facts the rubric needs that the data lacks.
    Missing(Vec<String>),
    Failed(Box<Diagnostic>),
}

#[derive(Clone, Debug)]
pub struct Change {
    pub indicator: String,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
    /// Indices into [`Diff::edits`]; empty when no edit explains the change.
    pub causes: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct UnitDiff {
    pub label: String,
    pub old: Outcome,
    pub new: Outcome,
    pub changes: Vec<Change>,
}

impl UnitDiff {
    pub fn flipped(&self) -> bool {
        matches!((&self.old, &self.new), (Outcome::Scored { grade: a, .. }, Outcome::Scored { grade: b, .. }) if a != b)
    }
}

pub struct Diff {
    pub edits: Vec<Edit>,
    pub units: Vec<UnitDiff>,
}

/// Score every unit under both rubrics. `map` holds both rule files (for
/// comparing rule text). The units are scored as [`stream::run`] scores a
/// stream, on this thread; the command line streams instead.
pub fn diff(old: &Checked, new: &Checked, map: &SourceMap, units: &[Unit]) -> Diff {
    let edits = edits::edits(old, new, map);
    let plan = stream::Plan::new(old, new, &edits);
    let mut out = Vec::with_capacity(units.len());
    let done = stream::run(
        &plan,
        units.iter().map(Ok::<&Unit, ()>),
        |u: &&Unit| *u,
        |_, _| (),
        1,
        |_, d| {
            out.push(d);
            Ok(())
        },
    );
    debug_assert!(matches!(done, Ok(Ok(()))), "collecting cannot fail");
    Diff { edits, units: out }
}

/// Totals and grade counts of one side.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub count: usize,
    pub mean: Option<Decimal>,
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    /// Per grade name, in the rubric's order.
    pub grades: Vec<(String, usize)>,
}

pub fn summary(c: &Checked, units: &[UnitDiff], new: bool) -> Summary {
    let mut s = stream::Side::new(c);
    for u in units {
        s.add(if new { &u.new } else { &u.old });
    }
    s.summary()
}
