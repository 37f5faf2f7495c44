//! `jixiao fmt [--check] PATH…`: rewrite rule files in the canonical layout,
//! keeping every comment (syntax::format). A directory means every `.jx`
//! file under it. Exit 0 when all is well; 1 when a file does not parse
//! (left untouched, its diagnostics printed), cannot be written, or — with
//! `--check` — would change (each such file is listed, nothing is written).

use super::{emit, Exit, Format, Outcome};
use crate::diag::{Lang, SourceMap, Word};
use std::path::{Path, PathBuf};

pub fn run(paths: &[String], check: bool, map: &mut SourceMap, lang: Lang) -> Outcome {
    let mut files = Vec::new();
    for p in paths {
        collect(Path::new(p), &mut files);
    }
    let mut failed = false;
    for file in &files {
        let path = file.to_string_lossy().into_owned();
        let id = match crate::files::read_text(&path, crate::files::RULES_LIMIT) {
            Ok(text) => map.add(&path, text),
            Err(d) => {
                emit(&[d], map, lang, Format::Text);
                failed = true;
                continue;
            }
        };
        let text = map.text(id).to_string();
        let formatted = match crate::syntax::parse(&text, id) {
            Ok(ast) => match crate::syntax::format_verified(&ast, &text) {
                Some(f) => f,
                None => {
                    eprintln!("{path}: {}", Word::FormatRefused.text(lang));
                    failed = true;
                    continue;
                }
            },
            Err(d) => {
                emit(&d.0, map, lang, Format::Text);
                failed = true;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        if check {
            crate::sayln!(
                "{}{}{path}",
                Word::WouldReformat.text(lang),
                Word::Colon.text(lang)
            );
            failed = true;
        } else if let Err(e) = write_atomically(file, &formatted) {
            let d = super::output::cannot_write(Some(&path), &e);
            emit(&[d], map, lang, Format::Text);
            failed = true;
        } else {
            crate::sayln!(
                "{}{}{path}",
                Word::Reformatted.text(lang),
                Word::Colon.text(lang)
            );
        }
    }
    // Every problem was reported as it was met, file by file.
    Ok(Exit::found_if(failed))
}

/// A file as given; a directory: its `.jx` files, recursively, sorted.
fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            collect(&e, out);
        } else if e.extension().is_some_and(|x| x == "jx") {
            out.push(e);
        }
    }
}

/// Write beside the file, then rename over it: a crash or a full disk
/// leaves either the old file or the new one, never half a rule file.
/// (`cli::output` does the same for `-o`, but refuses on purpose to replace
/// a file the command has read, which is exactly what `fmt` must do.)
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "rules".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.jixiao-fmt.{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
