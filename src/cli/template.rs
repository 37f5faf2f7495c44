//! `jixiao template RULES.jx [--format toml|csv|xlsx] [-o FILE]`: a blank
//! facts file with every input of the rubric, to fill in and pass to
//! `score` (TOML, a workbook row) or `batch` (CSV, workbook rows).

use super::common::load_rules;
use super::{Exit, Outcome};
use crate::diag::{Diagnostic, Lang, Msg, SourceMap};

#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateFormat {
    Toml,
    Csv,
    /// A workbook (needs -o).
    Xlsx,
}

pub fn run(
    rules: &str,
    format: TemplateFormat,
    out: Option<&str>,
    map: &mut SourceMap,
    lang: Lang,
) -> Outcome {
    let checked = load_rules(rules, map)?.checked;
    let bytes = match format {
        TemplateFormat::Toml => crate::report::template::toml(&checked, map, lang).into_bytes(),
        TemplateFormat::Csv => {
            let text = crate::report::template::csv(&checked, lang);
            // Excel and WPS need the byte-order mark to open a file as UTF-8.
            match out {
                Some(_) => format!("\u{feff}{text}").into_bytes(),
                None => text.into_bytes(),
            }
        }
        TemplateFormat::Xlsx => crate::report::xlsx::template_workbook(&checked, map, lang)
            .map_err(|reason| {
                Diagnostic::new(Msg::CannotRead {
                    path: out.unwrap_or("-").into(),
                    reason,
                })
            })?,
    };
    // A CSV's target-table rows go in files of their own beside it
    // (`NAME.表名.csv`, for `--rows 表名=…`).
    let mut siblings = Vec::new();
    if let (TemplateFormat::Csv, Some(p)) = (format, out) {
        let stem = p.strip_suffix(".csv").unwrap_or(p);
        for t in &checked.tables {
            let text = crate::report::template::rows_csv(t, lang);
            siblings.push((format!("{stem}.{}.csv", t.name), format!("\u{feff}{text}")));
        }
    }
    for (p, text) in &siblings {
        std::fs::write(p, text).map_err(|e| {
            Diagnostic::new(Msg::CannotRead {
                path: p.clone(),
                reason: e.to_string(),
            })
        })?;
    }
    let written = match out {
        Some(p) => std::fs::write(p, &bytes).map_err(|e| (p, e)),
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes).map_err(|e| ("-", e))
        }
    };
    written.map_err(|(p, e)| {
        Diagnostic::new(Msg::CannotRead {
            path: p.into(),
            reason: e.to_string(),
        })
    })?;
    Ok(Exit::OK)
}
