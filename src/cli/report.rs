//! `jixiao report RULES.jx --facts FACTS [--rows [表名=]FILE]… [-o 报告.html]`:
//! a self-contained HTML report. FACTS is one department (.toml/.json) or
//! many units (.csv/.jsonl, scored through the batch pipeline). `--rows`
//! gives target-table rows from files of their own, read as `score --rows`
//! reads them for one department and joined by unit as `batch --rows`
//! joins them for many (the same code, so the same errors: E352–E354).
//!
//! Exit code: 0 written, 1 errors (for many units: a row failed; the report
//! is still written and lists it), 2 usage.

use super::common::{load_rules, read};
use super::{Exit, Failure, Outcome};
use crate::batch::{self, Fatal, InFormat, OutFormat};
use crate::check::Checked;
use crate::diag::{batch_summary, Diagnostic, Lang, Msg, SourceMap};
use crate::report::html::{self, Collector, ManyOptions, UnitRecord, LARGE};
use std::io::BufReader;

pub struct Args<'a> {
    pub rules: &'a str,
    pub facts: &'a str,
    /// `--rows [表名=]FILE`: target-table rows from files of their own.
    pub rows: &'a [String],
    pub out: Option<&'a str>,
    pub lang: Lang,
}

pub fn run(a: &Args, map: &mut SourceMap) -> Outcome {
    let checked = load_rules(a.rules, map)?.checked;
    if crate::sheet::Kind::from_path(a.facts).is_some() {
        return many(a, &checked, map, InFormat::Csv);
    }
    if let Some(input) = InFormat::from_path(a.facts) {
        return many(a, &checked, map, input);
    }
    let fmt = crate::facts::Format::from_path(a.facts).ok_or_else(|| {
        Diagnostic::new(Msg::FactsFormat {
            path: a.facts.into(),
        })
    })?;
    let fid = read(a.facts, map)?;
    let fs = super::data::load_with_rows(fid, fmt, &checked, a.rows, map, a.lang)?;
    let (card, ledger) = crate::eval::score_explained(&checked, &fs)?;
    let rec = UnitRecord::from_card(&checked, &card, &ledger, map, &fs);
    let page = html::unit_page(&checked, map, &rec, a.lang);
    write_out(a, &page)?;
    Ok(Exit::OK)
}

/// Score every row through the batch pipeline, once plain for the
/// aggregates and, when the report lists every unit, once more with the
/// ledger for each scorecard's 实际完成值.
/// Many units' data as batch reads it: a workbook sheet or a GBK CSV is
/// decoded to CSV text once (with what is known of its cells); UTF-8 CSV
/// and JSON Lines stream from the file.
fn many_source(a: &Args, c: &Checked) -> Result<Option<(String, batch::Input)>, Diagnostic> {
    if let Some(kind) = crate::sheet::Kind::from_path(a.facts) {
        let s = super::data::sheet_csv(a.facts, kind, None, &[c])?;
        super::data::print_notes(&s.notes, a.lang);
        let known = batch::Input {
            skip: Vec::new(),
            cells: Some(s.cells),
            ..batch::Input::default()
        };
        return Ok(Some((s.csv, known)));
    }
    if InFormat::from_path(a.facts) == Some(InFormat::Csv) && super::data::looks_gbk(a.facts)? {
        let (text, note) = super::data::text_file(a.facts)?;
        super::data::print_notes(&note.into_iter().collect::<Vec<_>>(), a.lang);
        return Ok(Some((text, batch::Input::default())));
    }
    Ok(None)
}

fn many(a: &Args, c: &Checked, map: &mut SourceMap, input: InFormat) -> Outcome {
    let decoded = many_source(a, c)?;
    // Opened once through `files` (so -o cannot name it, and a missing file
    // is E501 with its own reason); each scoring pass reopens it.
    if decoded.is_none() {
        crate::files::open(a.facts)?;
    }
    let (text, mut known) = match decoded {
        Some((text, known)) => (Some(text), known),
        None => (None, batch::Input::default()),
    };
    // Rows files joined by unit, exactly as `batch --rows` joins them.
    let mut notes = Vec::new();
    super::batch_rows::join(
        a.rows,
        a.facts,
        text.as_deref(),
        input,
        c,
        map,
        &mut known,
        &mut notes,
    )?;
    super::data::print_notes(&notes, a.lang);
    let run = |explain: bool, map: &SourceMap| -> Result<(Collector, batch::Summary), Fatal> {
        let mut sink = Collector::new(c);
        let opts = batch::Options {
            input,
            output: OutFormat::Jsonl,
            lang: a.lang,
            explain,
            map,
            workers: 0,
            chunk: 0,
        };
        let sum = match &text {
            Some(text) => batch::run_with(c, text.as_bytes(), &mut sink, &opts, &known, None)?,
            None => {
                let file = std::fs::File::open(a.facts).map_err(Fatal::Io)?;
                let file = BufReader::with_capacity(1 << 16, file);
                batch::run_with(c, file, &mut sink, &opts, &known, None)?
            }
        };
        Ok((sink, sum))
    };
    let fatal = |e: Fatal, map: &mut SourceMap| -> Failure {
        match e {
            Fatal::Header(msg) => super::batch::header_error(a.facts, msg, map),
            Fatal::Io(e) => Diagnostic::new(Msg::CannotRead {
                path: a.facts.into(),
                reason: e.to_string(),
            }),
        }
        .into()
    };
    let (mut all, sum) = run(false, map).map_err(|e| fatal(e, map))?;
    if all.units.len() <= LARGE {
        let (explained, _) = run(true, map).map_err(|e| fatal(e, map))?;
        all.attach_ledgers(explained);
    }
    eprintln!(
        "{}",
        batch_summary(a.lang, sum.read, sum.scored, sum.failed)
    );
    let page = html::many_page(
        c,
        map,
        &all.units,
        &all.failed,
        &ManyOptions {
            lang: a.lang,
            source: a.facts,
        },
    );
    write_out(a, &page)?;
    Ok(Exit::found_if(sum.failed > 0))
}

/// Where the page goes, through the safe-output API: `-o` never names an
/// input, a temporary file is renamed over the target only when complete.
fn write_out(a: &Args, page: &str) -> Result<(), Diagnostic> {
    super::output::write(a.out, page.as_bytes())
}
