//! File loading and diagnostic printing shared by the subcommands.

use super::Format;
use crate::check::CheckOutput;
use crate::diag::{render_json, render_text, Diagnostic, Diagnostics, Lang, Msg, SourceMap};
use crate::syntax::FileId;
use std::io::IsTerminal;

pub fn read(path: &str, map: &mut SourceMap) -> Result<FileId, Diagnostics> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(map.add(path, text)),
            Err(_) => Err(Diagnostic::new(Msg::NotUtf8 { path: path.into() }).into()),
        },
        Err(e) => Err(Diagnostic::new(Msg::CannotRead {
            path: path.into(),
            reason: e.to_string(),
        })
        .into()),
    }
}

pub fn load_rules(path: &str, map: &mut SourceMap) -> Result<CheckOutput, Diagnostics> {
    let id = read(path, map)?;
    crate::compile(map, id)
}

/// Print diagnostics: JSON lines on stdout, or text on stderr.
pub fn emit(diags: &[Diagnostic], map: &SourceMap, lang: Lang, format: Format) {
    if diags.is_empty() {
        return;
    }
    match format {
        Format::Json => print!("{}", render_json(diags, map, lang)),
        Format::Text => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", render_text(diags, map, lang, color));
        }
    }
}
