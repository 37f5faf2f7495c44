//! `jixiao diff OLD.jx NEW.jx --facts DATA [--rows [表名=]FILE]…
//! [--format text|json|csv]`: what the new rubric does to each unit, and
//! which edit did it. DATA is a CSV with one row per unit or a directory of
//! facts files. `--rows` joins target-table rows to each unit by its name,
//! for each rubric that has the table, through the code `batch --rows`
//! uses (so E352–E354 alike). Exit 1 when a unit could not be scored under
//! either rubric, or a rows file names a unit the data does not (each such
//! unit is reported).

use super::common::{load_rules, read};
use super::{emit, Exit, Failure, Outcome};
use crate::diag::{Diagnostic, Lang, Msg, SourceMap};
use crate::diff::{self, data, units as data_units};
use clap::ValueEnum;
use std::io::{BufRead, BufReader, Cursor, Write};
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
    rows: &[String],
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
    // Rows files first: they stay in the map below the data's window.
    let mut notes = Vec::new();
    let mut read = Vec::new();
    for (i, c) in [&o, &n].into_iter().enumerate() {
        let targets = rows_targets(rows, [&o, &n], i)?;
        read.push(super::batch_rows::read(
            &targets, facts, c, map, &mut notes,
        )?);
    }
    super::data::print_notes(&notes, lang);
    let source = open_units(facts, sheet, &[&o, &n], map, lang)?;
    // The data file's records are shown, when a diagnostic points into
    // them, as this file of the map (one record's lines at a time). A
    // folder's facts files were added to the map whole, just before: they
    // stay below it (they were cut off, and an error in one panicked).
    let window_id = map.len();
    // An error pointing into the data: its record's lines become the file
    // the caller shows it with.
    let data_error = |e: data_units::DataError, map: &mut SourceMap| -> Failure {
        map.truncate(window_id);
        if let Some(w) = e.window {
            map.add_window(facts, w.text, w.first_line);
        }
        e.diag.into()
    };
    let empty = || Diagnostic::new(Msg::DataEmpty { path: facts.into() }).into();
    // Whole-file errors first, before anything is scored or written.
    match &source {
        Units::Dir(units) if units.is_empty() => return Err(empty()),
        Units::Dir(units) => data::check_names(&o, &n, units)?,
        csv => match data_units::scan(csv.reader(), window_id as u32, facts, &o, &n) {
            Err(e) => return Err(data_error(e, map)),
            Ok(0) => return Err(empty()),
            Ok(_) => {}
        },
    }
    let (rows_old, rows_new, orphans) = join_rows(read, &source, window_id, facts, [&o, &n]);
    if !orphans.is_empty() {
        emit(&orphans, map, lang, super::Format::Text);
    }
    let edits = diff::edits::edits(&o, &n, map);
    let plan = diff::stream::Plan::new(&o, &n, &edits).with_rows(rows_old, rows_new);
    let p = diff::output::places(&o, &n);
    let lines = diff::lines::Lines::new(&edits, p, lang);
    let mut totals = diff::stream::Totals::new(&o, &n);
    // Text, JSON and CSV stream to the output; a page or a workbook is
    // made from every unit's result once all are in.
    let whole = matches!(format, DiffFormat::Html | DiffFormat::Xlsx);
    let mut kept = Vec::new();
    let mut sink = (!whole).then(|| super::output::open(out)).transpose()?;
    let head = match format {
        DiffFormat::Text => diff::output::text_head(&edits, lang),
        DiffFormat::Json => diff::output::json_head(&edits, lang),
        DiffFormat::Csv => diff::output::CSV_HEAD.to_string(),
        _ => String::new(),
    };
    let mut put = |bytes: &[u8]| sink.as_mut().map_or(Ok(()), |s| s.write_all(bytes));
    let wrote = put(head.as_bytes()).map(|_| {
        // Formatted by the workers; a JSON record always leads with its
        // comma, dropped here for the first.
        let format_unit = |(unit, window): (data::Unit, Option<diff::records::Window>),
                           d: &diff::UnitDiff| {
            drop(unit);
            // Room for a unit's line and its changes, so that it is not regrown.
            let mut bytes = String::with_capacity(1024);
            match format {
                DiffFormat::Text => lines.text_unit(d, &mut bytes),
                DiffFormat::Json => lines.json_next(d, false, &mut bytes),
                DiffFormat::Csv => lines.csv_row(d, &mut bytes),
                _ => {}
            }
            // The record's lines only when a problem points into them.
            let solved = matches!(
                (&d.old, &d.new),
                (diff::Outcome::Scored { .. }, diff::Outcome::Scored { .. })
            );
            (bytes, window.filter(|_| !solved))
        };
        let each = |(bytes, window): (String, Option<diff::records::Window>), d: diff::UnitDiff| {
            let problems = diff::output::problems(&d);
            if !problems.is_empty() {
                map.truncate(window_id);
                if let Some(w) = window {
                    map.add_window(facts, w.text, w.first_line);
                }
                emit(&problems, map, lang, super::Format::Text);
            }
            let skip = usize::from(format == DiffFormat::Json && totals.units == 0);
            totals.add(&d);
            if whole {
                kept.push(d);
            }
            put(&bytes.as_bytes()[skip..])
        };
        match source {
            Units::Dir(units) => diff::stream::run(
                &plan,
                units.into_iter().map(|u| Ok((u, None))),
                |t: &(data::Unit, _)| &t.0,
                format_unit,
                0,
                each,
            ),
            csv => diff::stream::run(
                &plan,
                data_units::Units::new(csv.reader(), window_id as u32, facts)
                    .map(|r| r.map(|s| (s.unit, Some(s.window)))),
                |t: &(data::Unit, _)| &t.0,
                format_unit,
                0,
                each,
            ),
        }
    });
    let failed_write = |e: std::io::Error, sink: Option<super::output::Output>| -> Failure {
        match sink {
            Some(s) => s.error(e).into(),
            None => super::output::cannot_write(out, &e).into(),
        }
    };
    match wrote {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(e))) => return Err(data_error(e, map)),
        Ok(Err(e)) | Err(e) => return Err(failed_write(e, sink)),
    }
    let tail = match format {
        DiffFormat::Text => diff::output::text_tail(&totals, p, lang),
        DiffFormat::Json => diff::output::json_tail(&totals, p),
        _ => String::new(),
    };
    let written = match sink {
        Some(mut s) => match s.write_all(tail.as_bytes()) {
            Ok(()) => s.finish(),
            Err(e) => Err(s.error(e)),
        },
        None => {
            let d = diff::Diff { edits, units: kept };
            let body = match format {
                DiffFormat::Html => {
                    Ok(crate::report::html::diff_page(&d, &o, &n, lang).into_bytes())
                }
                _ => crate::report::xlsx::table_workbook(
                    crate::diag::Word::GradeFlips.text(lang),
                    &xlsx_rows(&diff::output::csv(&d, &o, &n, lang), lang),
                ),
            };
            match body {
                Ok(b) => super::output::write(out, &b),
                Err(e) => Err(super::output::cannot_write(out, &std::io::Error::other(e))),
            }
        }
    };
    written?;
    Ok(Exit::found_if(totals.problems || !orphans.is_empty()))
}

/// `--rows` resolved against rubric `i` of the two: a table either rubric
/// has is read for each that has it; one neither has is E351 (naming
/// both rubrics' tables), as `batch --rows` says it for one.
fn rows_targets(
    args: &[String],
    rubrics: [&crate::check::Checked; 2],
    i: usize,
) -> Result<Vec<(usize, String)>, Diagnostic> {
    let mut out = Vec::new();
    for a in args {
        let found = rubrics.map(|c| super::data::rows_target(a, c));
        if let [Err(e), Err(_)] = &found {
            let mut e = e.clone();
            if let Msg::RowsUnknownTable { tables, .. } = &mut e.msg {
                let mut all: Vec<String> = Vec::new();
                for t in rubrics.iter().flat_map(|c| c.tables.iter()) {
                    if !all.contains(&t.name) {
                        all.push(t.name.clone());
                    }
                }
                *tables = all;
            }
            return Err(e);
        }
        if let Ok(t) = &found[i] {
            out.push(t.clone());
        }
    }
    Ok(out)
}

/// The rows read for each rubric joined to the units the data names, and
/// an error for each rows-file unit it does not name (once per file line).
fn join_rows(
    read: Vec<Vec<(String, crate::facts::UnitRows)>>,
    source: &Units,
    window_id: usize,
    facts: &str,
    rubrics: [&crate::check::Checked; 2],
) -> (data::Rows, data::Rows, Vec<Diagnostic>) {
    if read.iter().all(Vec::is_empty) {
        return Default::default();
    }
    let named: Vec<(String, u64)> = match source {
        Units::Dir(units) => units.iter().map(|u| (u.label.clone(), 0)).collect(),
        csv => data_units::Units::new(csv.reader(), window_id as u32, facts)
            .filter_map(Result::ok)
            .map(|s| (s.unit.label, s.window.first_line as u64))
            .collect(),
    };
    let mut orphans: Vec<Diagnostic> = Vec::new();
    let mut sides = read.into_iter().zip(rubrics).map(|(r, c)| {
        let j = super::batch_rows::joined(r, c, &named);
        for (_, _, msg) in j.orphans {
            let d = Diagnostic::new(msg);
            if !orphans.iter().any(|o| o.msg == d.msg) {
                orphans.push(d);
            }
        }
        data::Rows {
            files: j.rows,
            dups: j.dup_units,
        }
    });
    let old = sides.next().unwrap_or_default();
    let new = sides.next().unwrap_or_default();
    drop(sides);
    (old, new, orphans)
}

/// Where the units come from: facts files read whole (a directory), or a
/// CSV read as a stream, from its file or from text made in memory (a
/// sheet, a GBK file decoded).
enum Units {
    Dir(Vec<data::Unit>),
    File(String),
    Text(std::sync::Arc<str>),
}

impl Units {
    /// A fresh reader over the CSV (each pass reads it from the start).
    fn reader(&self) -> Box<dyn BufRead + Send> {
        match self {
            Units::File(path) => match crate::files::open(path) {
                Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                // Opened once already; a file gone since reads as empty.
                Err(_) => Box::new(std::io::empty()),
            },
            Units::Text(t) => Box::new(Cursor::new(ArcText(t.clone()))),
            Units::Dir(_) => Box::new(std::io::empty()),
        }
    }
}

/// Shared text as bytes, for a reader.
struct ArcText(std::sync::Arc<str>);

impl AsRef<[u8]> for ArcText {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn open_units(
    path: &str,
    sheet: Option<&str>,
    rubrics: &[&crate::check::Checked],
    map: &mut SourceMap,
    lang: Lang,
) -> Result<Units, Vec<Diagnostic>> {
    let p = Path::new(path);
    if p.is_dir() {
        return load_units(path, sheet, rubrics, map, lang).map(Units::Dir);
    }
    if let Some(kind) = crate::sheet::Kind::from_path(path) {
        let s = super::data::sheet_csv(path, kind, sheet, rubrics).map_err(|d| vec![d])?;
        super::data::print_notes(&s.notes, lang);
        return Ok(Units::Text(s.csv.into()));
    }
    // A regular UTF-8 file streams; a GBK file (Excel on Chinese Windows,
    // small) and a pipe are read whole, decoded.
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular && !super::data::looks_gbk(path).map_err(|d| vec![d])? {
        crate::files::open(path).map_err(|d| vec![d])?;
        return Ok(Units::File(path.to_string()));
    }
    let (text, note) = super::data::text_file(path).map_err(|d| vec![d])?;
    super::data::print_notes(note.as_slice(), lang);
    Ok(Units::Text(text.into()))
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
