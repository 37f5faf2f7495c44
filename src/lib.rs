//! jixiao (绩效): scoring rubrics written as data.
//!
//! The pipeline: [`syntax::parse`] (text → AST) → [`check::check`]
//! (names, units, weights → [`check::Checked`]) → [`eval`] (facts → scores,
//! optionally with a trace) → [`report`]. The library does no I/O.

pub mod diag;
pub mod syntax;
pub mod check;
pub mod eval;
