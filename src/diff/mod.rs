//! Old rubric vs new over many units: each unit's totals and grades under
//! both, the indicator scores that changed with the rule edits behind them,
//! and the distribution of totals and grades before and after.

pub mod data;
pub mod edits;
pub mod output;

use crate::check::Checked;
use crate::diag::{Diagnostic, SourceMap};
use crate::eval::{Env, Scorecard};
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
/// comparing rule text).
pub fn diff(old: &Checked, new: &Checked, map: &SourceMap, units: &[Unit]) -> Diff {
    let edits = edits::edits(old, new, map);
    let (mut env_old, mut env_new) = (Env::new(old.slot_count()), Env::new(new.slot_count()));
    let mut out = Vec::with_capacity(units.len());
    for u in units {
        let (o, oc) = side(old, u, &mut env_old);
        let (n, nc) = side(new, u, &mut env_new);
        let mut changes = Vec::new();
        if let (Some(oc), Some(nc)) = (&oc, &nc) {
            let names = old.indicators.iter().map(|i| &i.name).chain(
                new.indicators
                    .iter()
                    .map(|i| &i.name)
                    .filter(|n| old.indicator_named(n).is_none()),
            );
            for name in names {
                let get = |c: &Checked, card: &Scorecard| {
                    c.indicator_named(name)
                        .map(|id| card.indicators[id as usize].score)
                };
                let (a, b) = (get(old, oc), get(new, nc));
                if a != b {
                    let causes = edits::causes(name, old, new, &edits);
                    changes.push(Change {
                        indicator: name.clone(),
                        old: a,
                        new: b,
                        causes,
                    });
                }
            }
        }
        out.push(UnitDiff {
            label: u.label.clone(),
            old: o,
            new: n,
            changes,
        });
    }
    Diff { edits, units: out }
}

fn side(c: &Checked, u: &Unit, env: &mut Env) -> (Outcome, Option<Scorecard>) {
    match data::fact_set(c, u) {
        Err(Ok(missing)) => (Outcome::Missing(missing), None),
        Err(Err(d)) => (Outcome::Failed(d), None),
        Ok(set) => match crate::eval::score_in(c, &set, env) {
            Ok(card) => {
                let grade = c
                    .grades
                    .get(card.grade)
                    .map(|g| g.name.clone())
                    .unwrap_or_default();
                (
                    Outcome::Scored {
                        total: card.total,
                        grade,
                    },
                    Some(card),
                )
            }
            Err(d) => (Outcome::Failed(d), None),
        },
    }
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
    let mut s = Summary {
        grades: c.grades.iter().map(|g| (g.name.clone(), 0)).collect(),
        ..Default::default()
    };
    // `None` once the sum overflows: no mean rather than a wrong one.
    let mut sum = Some(Decimal::ZERO);
    for u in units {
        let Outcome::Scored { total, grade } = (if new { &u.new } else { &u.old }) else {
            continue;
        };
        s.count += 1;
        sum = sum.and_then(|s| s.checked_add(*total));
        s.min = Some(s.min.map_or(*total, |m| m.min(*total)));
        s.max = Some(s.max.map_or(*total, |m| m.max(*total)));
        if let Some(g) = s.grades.iter_mut().find(|g| &g.0 == grade) {
            g.1 += 1;
        }
    }
    if s.count > 0 {
        s.mean = sum
            .and_then(|x| x.checked_div(Decimal::from(s.count)))
            .map(|m| m.round_dp(c.rounding.places));
    }
    s
}
