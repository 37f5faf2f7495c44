//! Scoring a checked rubric against a fact set, exactly.

pub mod arith;
mod facts_set;
pub mod value;

pub use facts_set::FactSet;
