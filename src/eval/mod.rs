//! Scoring a checked rubric against a fact set, exactly.

pub mod arith;
mod expr;
mod facts_set;
mod score;
mod shape;
pub mod targets;
pub mod trace;
pub mod value;

pub use crate::num::Exact;

pub use expr::{round_places, Env, EvalResult, Machine};
pub use facts_set::{FactSet, Unknown};
pub use score::{grade_of, takes_transfer, transfer, ExactScore, IndScore, Scorecard, Status};

use crate::check::Checked;
use crate::diag::Diagnostic;
use trace::{Ledger, NoTrace};

/// Score one fact set.
pub fn score(c: &Checked, facts: &FactSet) -> Result<Scorecard, Box<Diagnostic>> {
    let mut env = Env::new(c.slot_count());
    score::score_with(c, facts, &mut env, &mut NoTrace)
}

/// Score one fact set reusing `env` (batch scoring: no allocation per set
/// beyond the scorecard).
pub fn score_in(c: &Checked, facts: &FactSet, env: &mut Env) -> Result<Scorecard, Box<Diagnostic>> {
    score::score_with(c, facts, env, &mut NoTrace)
}

/// Score one fact set and keep the ledger that explains every point.
pub fn score_explained(
    c: &Checked,
    facts: &FactSet,
) -> Result<(Scorecard, Ledger), Box<Diagnostic>> {
    let mut env = Env::new(c.slot_count());
    let mut ledger = Ledger::new(c.indicators.len());
    let card = score::score_with(c, facts, &mut env, &mut ledger)?;
    Ok((card, ledger))
}
