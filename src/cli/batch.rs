//! `jixiao batch RULES.jx --facts DATA [-o OUT] [--format csv|jsonl|json] [--explain]`
//!
//! Exit code: 0 every row scored, 1 a row failed (or the file could not be
//! read at all, or the output not written), 2 usage, 130 stopped by
//! SIGINT/SIGTERM (the output file is then left as it was).

use super::common::{emit, load_rules};
use super::output;
use crate::batch::{self, Fatal, InFormat, OutFormat, Summary};
use crate::diag::{batch_stopped, batch_summary, Diagnostic, Lang, Msg, SourceMap};
use crate::files;
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    Csv,
    Jsonl,
    Json,
}

pub struct Args<'a> {
    pub rules: &'a str,
    pub facts: &'a str,
    pub out: Option<&'a str>,
    pub format: BatchFormat,
    pub explain: bool,
    pub lang: Lang,
}

fn fail(d: Diagnostic, map: &SourceMap, lang: Lang) -> i32 {
    emit(&[d], map, lang, super::Format::Text);
    1
}

pub fn run(a: &Args) -> i32 {
    let mut map = SourceMap::new();
    let checked = match load_rules(a.rules, &mut map) {
        Ok(o) => o.checked,
        Err(d) => {
            emit(&d.0, &map, a.lang, super::Format::Text);
            return 1;
        }
    };
    let Some(input) = InFormat::from_path(a.facts) else {
        return fail(
            Diagnostic::new(Msg::BatchInputFormat {
                path: a.facts.into(),
            }),
            &map,
            a.lang,
        );
    };
    let file = match files::open(a.facts) {
        Ok(f) => f,
        Err(d) => return fail(d, &map, a.lang),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    // After the inputs are open, so that -o naming one of them is refused.
    let mut out = match output::open(a.out) {
        Ok(o) => o,
        Err(d) => return fail(d, &map, a.lang),
    };
    let output = match a.format {
        BatchFormat::Csv => OutFormat::Csv,
        BatchFormat::Jsonl => OutFormat::Jsonl,
        BatchFormat::Json => OutFormat::Json,
    };
    let opts = batch::Options {
        input,
        output,
        lang: a.lang,
        explain: a.explain,
        map: &map,
        workers: 0,
        chunk: 0,
    };
    // A bar only for people watching a terminal; pipes and logs stay clean.
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = ProgressBar::new(size);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {percent:>3}% {msg}") {
            b.set_style(style);
        }
        b
    });
    let done = AtomicU64::new(0);
    let tick = |bytes: u64, rows: u64| {
        done.store(rows, Ordering::Relaxed);
        if let Some(b) = &bar {
            b.set_position(bytes);
            b.set_message(rows.to_string());
        }
    };
    let result = batch::run(
        &checked,
        BufReader::with_capacity(1 << 16, file),
        &mut out,
        &opts,
        Some(&tick),
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if output::stopped() {
        // The output is dropped unfinished: its temporary file goes, the old file stays.
        let rows = done.load(Ordering::Relaxed);
        eprintln!("{}", batch_stopped(a.lang, rows, a.out));
        return 130;
    }
    match result {
        Ok(Summary {
            read,
            scored,
            failed,
        }) => {
            if let Err(d) = out.finish() {
                return fail(d, &map, a.lang);
            }
            eprintln!("{}", batch_summary(a.lang, read, scored, failed));
            i32::from(failed > 0)
        }
        Err(Fatal::Header(msg)) => {
            let d = header_at(a.facts, msg, &mut map);
            fail(d, &map, a.lang)
        }
        Err(Fatal::Io(e)) if out.failed() => fail(out.error(e), &map, a.lang),
        Err(Fatal::Io(e)) => fail(files::cannot_read(a.facts, &e), &map, a.lang),
    }
}

/// Point a header error at its column in the data file's first line.
pub(super) fn header_at(path: &str, msg: Msg, map: &mut SourceMap) -> Diagnostic {
    let name = match &msg {
        Msg::BatchUnknownColumn { name, .. } => Some(name.clone()),
        // The second mention is the repeat.
        Msg::BatchDuplicateColumn { name } => Some(name.clone()),
        _ => None,
    };
    use std::io::BufRead;
    let first = File::open(path)
        .ok()
        .and_then(|f| BufReader::new(f).lines().next()?.ok());
    let at = match (name, first) {
        (Some(name), Some(line)) => {
            let pos = if matches!(msg, Msg::BatchDuplicateColumn { .. }) {
                line.rfind(&name)
            } else {
                line.find(&name)
            };
            pos.map(|p| (p, p + name.len(), line))
        }
        _ => None,
    };
    let d = Diagnostic::new(msg);
    match at {
        Some((start, end, line)) => {
            let file = map.add(path, line);
            d.at(crate::syntax::Span::new(file, start, end))
        }
        None => d,
    }
}
