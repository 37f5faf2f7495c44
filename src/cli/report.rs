//! `jixiao report RULES.jx --facts FACTS [-o 报告.html]`: a self-contained
//! HTML report. FACTS is one department (.toml/.json) or many units
//! (.csv/.jsonl, scored through the batch pipeline).
//!
//! Exit code: 0 written, 1 errors (for many units: a row failed; the report
//! is still written and lists it), 2 usage.

use super::common::{emit, load_rules, read};
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

fn fail(d: Vec<Diagnostic>, map: &SourceMap, lang: Lang) -> i32 {
    emit(&d, map, lang, super::Format::Text);
    1
}

pub fn run(a: &Args) -> i32 {
    let mut map = SourceMap::new();
    let checked = match load_rules(a.rules, &mut map) {
        Ok(o) => o.checked,
        Err(d) => return fail(d.0, &map, a.lang),
    };
    if crate::sheet::Kind::from_path(a.facts).is_some() {
        return many(a, &checked, &mut map, InFormat::Csv);
    }
    if let Some(input) = InFormat::from_path(a.facts) {
        return many(a, &checked, &mut map, input);
    }
    let Some(fmt) = crate::facts::Format::from_path(a.facts) else {
        return fail(
            vec![Diagnostic::new(Msg::FactsFormat {
                path: a.facts.into(),
            })],
            &map,
            a.lang,
        );
    };
    let fid = match read(a.facts, &mut map) {
        Ok(f) => f,
        Err(d) => return fail(d.0, &map, a.lang),
    };
    let fs = match crate::facts::load(map.text(fid), fid, fmt, &checked) {
        Ok(f) => f,
        Err(d) => return fail(d.0, &map, a.lang),
    };
    let (card, ledger) = match crate::eval::score_explained(&checked, &fs) {
        Ok(x) => x,
        Err(d) => return fail(vec![*d], &map, a.lang),
    };
    let rec = UnitRecord::from_card(&checked, &card, &ledger, &map, &fs);
    let page = html::unit_page(&checked, &map, &rec, a.lang);
    write_out(a, &page, &map)
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

fn many(a: &Args, c: &Checked, map: &mut SourceMap, input: InFormat) -> i32 {
    let decoded = match many_source(a, c) {
        Ok(d) => d,
        Err(d) => return fail(vec![d], map, a.lang),
    };
    // Opened once through `files` (so -o cannot name it, and a missing file
    // is E501 with its own reason); each scoring pass reopens it.
    if decoded.is_none() {
        if let Err(d) = crate::files::open(a.facts) {
            return fail(vec![d], map, a.lang);
        }
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
    let fatal = |e: Fatal, map: &mut SourceMap| -> i32 {
        let d = match e {
            Fatal::Header(msg) => super::batch::header_error(a.facts, msg, map),
            Fatal::Io(e) => Diagnostic::new(Msg::CannotRead {
                path: a.facts.into(),
                reason: e.to_string(),
            }),
        };
        fail(vec![d], map, a.lang)
    };
    let (mut all, sum) = match run(false, map) {
        Ok(x) => x,
        Err(e) => return fatal(e, map),
    };
    if all.units.len() <= LARGE {
        match run(true, map) {
            Ok((explained, _)) => all.attach_ledgers(explained),
            Err(e) => return fatal(e, map),
        }
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
    let code = write_out(a, &page, map);
    if code == 0 {
        i32::from(sum.failed > 0)
    } else {
        code
    }
}

/// Where the page goes: `-o` or standard output. The one place that
/// writes, so the safe-output API can replace it in one spot.
pub(super) fn write_out(a: &Args, page: &str, map: &SourceMap) -> i32 {
    write_page(a.out, page, map, a.lang)
}

/// Writes a page through the safe-output API: `-o` never names an input, a
/// temporary file is renamed over the target only when complete.
pub(super) fn write_page(out: Option<&str>, page: &str, map: &SourceMap, lang: Lang) -> i32 {
    match super::output::write(out, page.as_bytes()) {
        Ok(()) => 0,
        Err(d) => fail(vec![d], map, lang),
    }
}
