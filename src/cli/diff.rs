//! `jixiao diff OLD.jx NEW.jx --facts DATA [--format text|json|csv]`: what
//! the new rubric does to each unit, and which edit did it. DATA is a CSV
//! with one row per unit or a directory of facts files. Exit 1 when a unit
//! could not be scored under either rubric (each such unit is reported).

use super::common::{load_rules, read};
use super::{emit, Exit, Outcome};
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
    /// One sheet with a row per unit (needs -o).
    Xlsx,
}

pub fn run(
    old: &str,
    new: &str,
    facts: &str,
    sheet: Option<&str>,
    format: DiffFormat,
    out: Option<&str>,
    map: &mut SourceMap,
    lang: Lang,
) -> Outcome {
    // Both rubrics are checked before either's errors are reported.
    let (o, n) = match (load_rules(old, map), load_rules(new, map)) {
        (Ok(o), Ok(n)) => (o.checked, n.checked),
        (a, b) => {
            let errs: Vec<Diagnostic> = [a.err(), b.err()]
                .into_iter()
                .flatten()
                .flat_map(|d| d.0)
                .collect();
            return Err(errs.into());
        }
    };
    let units = load_units(facts, sheet, &[&o, &n], map, lang)?;
    if units.is_empty() {
        return Err(Diagnostic::new(Msg::DataEmpty { path: facts.into() }).into());
    }
    data::check_names(&o, &n, &units)?;
    let d = diff::diff(&o, &n, map, &units);
    let problems: Vec<Diagnostic> = d.units.iter().flat_map(diff::output::problems).collect();
    emit(&problems, map, lang, super::Format::Text);
    let body: Result<Vec<u8>, String> = match format {
        DiffFormat::Text => Ok(diff::output::text(&d, &o, &n, lang).into_bytes()),
        DiffFormat::Json => Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&diff::output::json(&d, &o, &n, lang)).unwrap_or_default()
        )
        .into_bytes()),
        DiffFormat::Csv => Ok(diff::output::csv(&d, &o, &n, lang).into_bytes()),
        DiffFormat::Html => Ok(crate::report::html::diff_page(&d, &o, &n, lang).into_bytes()),
        DiffFormat::Xlsx => crate::report::xlsx::table_workbook(
            crate::diag::Word::GradeFlips.text(lang),
            &xlsx_rows(&diff::output::csv(&d, &o, &n, lang), lang),
        ),
    };
    let body = body.map_err(|e| super::output::cannot_write(out, &std::io::Error::other(e)))?;
    super::output::write(out, &body)?;
    Ok(Exit::found_if(!problems.is_empty()))
}

fn load_units(
    path: &str,
    sheet: Option<&str>,
    rubrics: &[&crate::check::Checked],
    map: &mut SourceMap,
    lang: Lang,
) -> Result<Vec<data::Unit>, Vec<Diagnostic>> {
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
    } else if let Some(kind) = crate::sheet::Kind::from_path(path) {
        let s = super::data::sheet_csv(path, kind, sheet, rubrics).map_err(|d| vec![d])?;
        super::data::print_notes(&s.notes, lang);
        let id = map.add(path, s.csv);
        data::read_csv(map.text(id), id).map_err(|d| vec![*d])
    } else {
        // A CSV saved by Excel may be GBK.
        let (text, note) = super::data::text_file(path).map_err(|d| vec![d])?;
        super::data::print_notes(note.as_slice(), lang);
        let id = map.add(path, text);
        data::read_csv(map.text(id), id).map_err(|d| vec![*d])
    }
}

/// The diff CSV as rows, with the header in the chosen language.
fn xlsx_rows(csv: &str, lang: Lang) -> Vec<Vec<String>> {
    use crate::diag::Word;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut rows: Vec<Vec<String>> = rdr
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    let w = |x: Word| x.text(lang);
    let sep = if lang == Lang::Zh { "" } else { " " };
    for row in rows.iter_mut().skip(1) {
        if let Some(flag) = row.get_mut(5) {
            *flag = match (flag.as_str(), lang) {
                ("true", Lang::Zh) => "是".into(),
                ("false", Lang::Zh) => "否".into(),
                _ => std::mem::take(flag),
            };
        }
    }
    if let Some(head) = rows.first_mut() {
        *head = vec![
            w(Word::UnitName).to_string(),
            format!("{}{sep}{}", w(Word::Old), w(Word::Total)),
            format!("{}{sep}{}", w(Word::Old), w(Word::Grade)),
            format!("{}{sep}{}", w(Word::New), w(Word::Total)),
            format!("{}{sep}{}", w(Word::New), w(Word::Grade)),
            w(Word::GradeFlips).to_string(),
            w(Word::Changed).to_string(),
        ];
    }
    rows
}
