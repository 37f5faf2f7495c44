//! `jixiao diff OLD.jx NEW.jx --facts DATA [--format text|json|csv]`: what
//! the new rubric does to each unit, and which edit did it. DATA is a CSV
//! with one row per unit or a directory of facts files. Exit 1 when a unit
//! could not be scored under either rubric (each such unit is reported).

use super::common::{emit, load_rules, read};
use crate::diag::{Diagnostic, Lang, Msg, SourceMap};
use crate::diff::{self, data};
use clap::ValueEnum;
use std::path::Path;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Csv,
    /// A self-contained HTML page (transition matrix, change histogram, attribution).
    Html,
}

pub fn run(
    old: &str,
    new: &str,
    facts: &str,
    format: DiffFormat,
    out: Option<&str>,
    lang: Lang,
) -> i32 {
    let mut map = SourceMap::new();
    let text = super::Format::Text;
    let (o, n) = match (load_rules(old, &mut map), load_rules(new, &mut map)) {
        (Ok(o), Ok(n)) => (o.checked, n.checked),
        (a, b) => {
            let errs: Vec<Diagnostic> = [a.err(), b.err()]
                .into_iter()
                .flatten()
                .flat_map(|d| d.0)
                .collect();
            emit(&errs, &map, lang, text);
            return 1;
        }
    };
    let units = match load_units(facts, &mut map) {
        Ok(u) if u.is_empty() => {
            emit(
                &[Diagnostic::new(Msg::DataEmpty { path: facts.into() })],
                &map,
                lang,
                text,
            );
            return 1;
        }
        Ok(u) => u,
        Err(d) => {
            emit(&d, &map, lang, text);
            return 1;
        }
    };
    if let Err(d) = data::check_names(&o, &n, &units) {
        emit(&[*d], &map, lang, text);
        return 1;
    }
    let d = diff::diff(&o, &n, &map, &units);
    let problems: Vec<Diagnostic> = d.units.iter().flat_map(diff::output::problems).collect();
    emit(&problems, &map, lang, text);
    let doc = match format {
        DiffFormat::Text => diff::output::text(&d, &o, &n, lang),
        DiffFormat::Json => {
            serde_json::to_string_pretty(&diff::output::json(&d, &o, &n, lang)).unwrap_or_default()
                + "\n"
        }
        DiffFormat::Csv => diff::output::csv(&d, &o, &n, lang),
        DiffFormat::Html => crate::report::html::diff_page(&d, &o, &n, lang),
    };
    let written = super::report::write_page(out, &doc, &map, lang);
    if written != 0 {
        return written;
    }
    i32::from(!problems.is_empty())
}

fn load_units(path: &str, map: &mut SourceMap) -> Result<Vec<data::Unit>, Vec<Diagnostic>> {
    let p = Path::new(path);
    if p.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(p)
            .map_err(|e| {
                vec![Diagnostic::new(Msg::CannotRead {
                    path: path.into(),
                    reason: e.to_string(),
                })]
            })?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|f| crate::facts::Format::from_path(&f.display().to_string()).is_some())
            .collect();
        files.sort();
        let mut out = Vec::new();
        for f in files {
            let shown = f.display().to_string();
            let fmt = crate::facts::Format::from_path(&shown).unwrap_or(crate::facts::Format::Toml);
            let id = read(&shown, map).map_err(|d| d.0)?;
            let stem = f
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            out.push(data::read_file(map.text(id), id, fmt, &stem).map_err(|d| vec![*d])?);
        }
        Ok(out)
    } else {
        let id = read(path, map).map_err(|d| d.0)?;
        data::read_csv(map.text(id), id).map_err(|d| vec![*d])
    }
}
