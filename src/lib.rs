//! jixiao (绩效): scoring rubrics written as data.
//!
//! The pipeline: [`syntax::parse`] (text → AST) → [`check::check`]
//! (names, units, weights → [`check::Checked`]) → [`eval`] (facts → scores,
//! optionally with a trace) → [`report`]. The pipeline stages do no I/O;
//! only the front ends (`cli`, the REPL's terminal loop) touch files and terminals.

// Diagnostics are large (typed fields for every message) and travel on the
// error path only; the hot path (scoring) boxes them. Boxing them everywhere
// would cost readability for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod diag;
pub mod eval;
pub mod num;
pub mod report;
pub mod syntax;

use diag::{Diagnostics, SourceMap};

/// Parse and check rule-file text already added to `map` as `file`.
pub fn compile(map: &SourceMap, file: syntax::FileId) -> Result<check::CheckOutput, Diagnostics> {
    let ast = syntax::parse(map.text(file), file)?;
    check::check(&ast)
}
pub mod audit;
pub mod batch;
pub mod cli;
pub mod compiled;
pub mod diff;
pub mod facts;
pub mod files;
pub mod lsp;
pub mod repl;
pub mod sheet;
pub mod testing;
