//! File loading and diagnostic printing shared by the subcommands.

use super::Format;
use crate::check::CheckOutput;
use crate::diag::{render_json, render_text, Diagnostic, Diagnostics, Lang, SourceMap};
use crate::files;
use crate::syntax::FileId;
use std::io::IsTerminal;

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

/// Print diagnostics: JSON lines on stdout, or text on stderr.
pub fn emit(diags: &[Diagnostic], map: &SourceMap, lang: Lang, format: Format) {
    if diags.is_empty() {
        return;
    }
    match format {
        Format::Json => crate::say!("{}", render_json(diags, map, lang)),
        Format::Text => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", render_text(diags, map, lang, color));
        }
    }
}
