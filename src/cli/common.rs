//! File loading shared by the subcommands (diagnostics are printed by
//! `cli::emit`).

use crate::check::CheckOutput;
use crate::diag::{Diagnostics, SourceMap};
use crate::files;
use crate::syntax::FileId;

/// Read a facts, reported, case or data file whole (at most 64 MiB).
pub fn read(path: &str, map: &mut SourceMap) -> Result<FileId, Diagnostics> {
    let text = files::read_text(path, files::DATA_LIMIT)?;
    Ok(map.add(path, text))
}

/// Read (at most 1 MiB) and compile a rule file.
pub fn load_rules(path: &str, map: &mut SourceMap) -> Result<CheckOutput, Diagnostics> {
    let text = files::read_text(path, files::RULES_LIMIT)?;
    let id = map.add(path, text);
    crate::compile(map, id)
}
