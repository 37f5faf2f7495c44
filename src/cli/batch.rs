//! `jixiao batch RULES.jx --facts DATA [-o OUT] [--format csv|jsonl|json] [--explain]`
//!
//! Exit code: 0 every row scored, 1 a row failed (or the file could not be
//! read at all), 2 usage.

use super::common::{emit, load_rules};
use crate::batch::{self, Fatal, InFormat, OutFormat, Summary};
use crate::diag::{batch_summary, Diagnostic, Lang, Msg, SourceMap};
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::io::{BufReader, BufWriter, IsTerminal, Write};

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
    let cannot_read = |path: &str, e: std::io::Error| {
        Diagnostic::new(Msg::CannotRead {
            path: path.into(),
            reason: e.to_string(),
        })
    };
    let file = match File::open(a.facts) {
        Ok(f) => f,
        Err(e) => return fail(cannot_read(a.facts, e), &map, a.lang),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let out: Box<dyn Write + Send> = match a.out {
        Some(p) => match File::create(p) {
            Ok(f) => Box::new(BufWriter::with_capacity(1 << 16, f)),
            Err(e) => return fail(cannot_read(p, e), &map, a.lang),
        },
        None => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout())),
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
    let tick = |bytes: u64, rows: u64| {
        if let Some(b) = &bar {
            b.set_position(bytes);
            b.set_message(rows.to_string());
        }
    };
    let result = batch::run(
        &checked,
        BufReader::with_capacity(1 << 16, file),
        out,
        &opts,
        Some(&tick),
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    match result {
        Ok(Summary {
            read,
            scored,
            failed,
        }) => {
            eprintln!("{}", batch_summary(a.lang, read, scored, failed));
            i32::from(failed > 0)
        }
        Err(Fatal::Header(msg)) => {
            let d = header_at(a.facts, msg, &mut map);
            fail(d, &map, a.lang)
        }
        Err(Fatal::Io(e)) => fail(cannot_read(a.facts, e), &map, a.lang),
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
