//! `jixiao report RULES.jx --facts FACTS [-o 报告.html]`: a self-contained
//! HTML report. FACTS is one department (.toml/.json) or many units
//! (.csv/.jsonl, scored through the batch pipeline).
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
    let fs = crate::facts::load(map.text(fid), fid, fmt, &checked)?;
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
        let sum = match &decoded {
            Some((text, known)) => {
                batch::run_with(c, text.as_bytes(), &mut sink, &opts, known, None)?
            }
            None => {
                let file = std::fs::File::open(a.facts).map_err(Fatal::Io)?;
                batch::run(
                    c,
                    BufReader::with_capacity(1 << 16, file),
                    &mut sink,
                    &opts,
                    None,
                )?
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
