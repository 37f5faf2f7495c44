//! `jixiao batch RULES.jx --facts DATA [--sheet NAME] [-o OUT] [--format csv|jsonl|json] [--explain] [--jobs N]`
//!
//! DATA is CSV (UTF-8 or GBK), JSON Lines, or a workbook sheet.
//! Exit code: 0 every row scored, 1 a row failed (or the file could not be
//! read at all, or the output not written), 2 usage, 130 stopped by
//! SIGINT/SIGTERM (the output file is then left as it was).

use super::common::load_rules;
use super::{data, emit, output, Exit, Outcome};
use crate::batch::{self, Fatal, InFormat, OutFormat, Summary};
use crate::check::Checked;
use crate::diag::{batch_stopped, batch_summary, DataNote, Diagnostic, Lang, Msg, SourceMap};
use crate::files;
use crate::sheet::header::{self, Role};
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    Csv,
    Jsonl,
    Json,
    Xlsx,
}

pub struct Args<'a> {
    pub rules: &'a str,
    pub facts: &'a str,
    pub out: Option<&'a str>,
    pub format: BatchFormat,
    pub explain: bool,
    pub lang: Lang,
    /// The sheet of a workbook to read (default: the first with a header).
    pub sheet: Option<&'a str>,
    /// Leave the UTF-8 byte-order mark off a CSV written to a file.
    pub no_bom: bool,
    /// `--rows [表名=]FILE`: target-table rows keyed by unit.
    pub rows: &'a [String],
    /// Worker threads (`--jobs`); 0 means one per core.
    pub jobs: usize,
}

/// The data, read or ready to stream, as CSV or JSON Lines.
struct Source {
    input: InFormat,
    reader: Box<dyn BufRead + Send>,
    size: u64,
    /// The CSV text when it was decoded or made from a sheet, for pointing
    /// header errors at it.
    text: Option<String>,
    known: batch::Input,
    notes: Vec<DataNote>,
}

fn open(a: &Args, c: &Checked) -> Result<Source, Diagnostic> {
    if let Some(kind) = crate::sheet::Kind::from_path(a.facts) {
        // Streamed from a second pass over the sheet: memory stays flat.
        let s = data::sheet_data(a.facts, kind, a.sheet, &[c])?;
        let (text, size) = (s.head_csv(), s.csv_size());
        let (notes, cells) = (s.notes.clone(), s.cells.clone());
        return Ok(Source {
            input: InFormat::Csv,
            size,
            reader: Box::new(s.into_reader()),
            text: Some(text),
            known: batch::Input {
                skip: Vec::new(),
                cells: Some(cells),
                ..batch::Input::default()
            },
            notes,
        });
    }
    let Some(input) = InFormat::from_path(a.facts) else {
        return Err(Diagnostic::new(Msg::BatchInputFormat {
            path: a.facts.into(),
        }));
    };
    // Excel's "CSV（逗号分隔）" on Chinese Windows writes GBK: decode it whole
    // (such files are small); UTF-8 streams.
    if input == InFormat::Csv && data::looks_gbk(a.facts)? {
        let (text, note) = data::text_file(a.facts)?;
        return Ok(Source {
            input,
            size: text.len() as u64,
            reader: Box::new(Cursor::new(text.clone().into_bytes())),
            text: Some(text),
            known: batch::Input::default(),
            notes: note.into_iter().collect(),
        });
    }
    // Through `files`, so that -o naming the data is refused.
    let file = files::open(a.facts)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok(Source {
        input,
        reader: Box::new(BufReader::with_capacity(1 << 16, file)),
        size,
        text: None,
        known: batch::Input::default(),
        notes: Vec::new(),
    })
}

/// The header's first record, as the CSV reader will see it; empty when
/// there is none within the record limit (`/dev/zero`), so the run itself
/// reports the endless input.
fn first_record(src: &Source, path: &str) -> Vec<String> {
    let read = |r: &mut dyn std::io::Read| {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(r);
        let head: Vec<String> = rdr
            .byte_headers()
            .map(|h| {
                h.iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if rdr.position().byte() >= batch::LINE_LIMIT {
            Vec::new()
        } else {
            head
        }
    };
    match &src.text {
        Some(t) => read(&mut t.as_bytes()),
        // Bounded like every record; a pipe or FIFO is read once, by the run.
        None if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) => Vec::new(),
        None => match File::open(path) {
            Ok(f) => read(&mut std::io::Read::take(f, batch::LINE_LIMIT)),
            Err(_) => Vec::new(),
        },
    }
}

/// Sort the header's columns: notes for those read past, a warning per
/// misspelt one, one error for every input no column gives.
fn header_plan(
    c: &Checked,
    head: &[String],
    src: &mut Source,
) -> (Vec<Diagnostic>, Option<Diagnostic>) {
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let plan = header::plan(c, &head);
    let ignored = plan.ignored(&head);
    if !ignored.is_empty() {
        src.notes.push(DataNote::Ignored {
            names: ignored.iter().map(|s| s.to_string()).collect(),
        });
    }
    let warnings = plan
        .roles
        .iter()
        .zip(&head)
        .filter_map(|(r, h)| match r {
            Role::Misspelt(s) => Some(Diagnostic::new(Msg::BatchColumnMisspelt {
                name: header::clean(h).to_string(),
                suggestion: s.clone(),
            })),
            _ => None,
        })
        .collect();
    src.known.skip = plan.skip();
    let missing = (!plan.missing.is_empty()).then(|| {
        Diagnostic::new(Msg::BatchMissingColumns {
            names: plan.missing.clone(),
        })
    });
    (warnings, missing)
}

pub fn run(a: &Args, map: &mut SourceMap) -> Outcome {
    let checked = load_rules(a.rules, map)?.checked;
    let mut src = open(a, &checked)?;
    let head = if src.input == InFormat::Csv {
        first_record(&src, a.facts)
    } else {
        Vec::new()
    };
    let (warnings, missing) = if src.input == InFormat::Csv && !head.is_empty() {
        header_plan(&checked, &head, &mut src)
    } else {
        (Vec::new(), None)
    };
    super::batch_rows::join(
        a.rows,
        a.facts,
        src.text.as_deref(),
        src.input,
        &checked,
        map,
        &mut src.known,
        &mut src.notes,
    )?;
    data::print_notes(&src.notes, a.lang);
    let header_file = src
        .text
        .as_ref()
        .map(|t| map.add(a.facts, t.clone()))
        .or_else(|| first_line(a.facts).map(|l| map.add(a.facts, l)));
    let map = &*map;
    let at_header = |d: Diagnostic| header_at(d, header_file, map);
    let warnings: Vec<Diagnostic> = warnings.into_iter().map(at_header).collect();
    emit(&warnings, map, a.lang, super::Format::Text);
    if let Some(d) = missing {
        return Err(d.into());
    }
    let size = src.size;
    // A workbook is written a row at a time from the JSON Lines records as
    // they come (bounded memory); every other format streams to the safe
    // output (temporary file, renamed when complete).
    let xlsx = a.format == BatchFormat::Xlsx;
    let mut out = output::open(if xlsx { None } else { a.out })?;
    if xlsx {
        // Refuse an -o that names an input before any work is done.
        output::check_target(a.out)?;
    }
    // Excel and WPS take a CSV without a byte-order mark for GBK.
    if a.format == BatchFormat::Csv && a.out.is_some() && !a.no_bom {
        out.write_all("\u{feff}".as_bytes())
            .map_err(|e| out.error(e))?;
    }
    let output = match a.format {
        BatchFormat::Csv => OutFormat::Csv,
        BatchFormat::Jsonl => OutFormat::Jsonl,
        BatchFormat::Json => OutFormat::Json,
        BatchFormat::Xlsx => OutFormat::Jsonl,
    };
    let opts = batch::Options {
        input: src.input,
        output,
        lang: a.lang,
        explain: a.explain,
        map,
        workers: a.jobs,
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
    let mut sink = if xlsx {
        let s = super::batch_xlsx::Sink::new(&checked, a.lang)
            .map_err(|e| output::cannot_write(a.out, &std::io::Error::other(e)))?;
        Some(s)
    } else {
        None
    };
    let result = if let Some(sink) = sink.as_mut() {
        batch::run_with(&checked, src.reader, sink, &opts, &src.known, Some(&tick))
    } else {
        batch::run_with(
            &checked,
            src.reader,
            &mut out,
            &opts,
            &src.known,
            Some(&tick),
        )
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if output::stopped() {
        // The output is dropped unfinished: its temporary file goes, the old file stays.
        let rows = done.load(Ordering::Relaxed);
        eprintln!("{}", batch_stopped(a.lang, rows, a.out));
        return Ok(Exit::STOPPED);
    }
    match result {
        Ok(Summary {
            read,
            scored,
            failed,
        }) => {
            if let Some(sink) = sink {
                let book = sink
                    .finish()
                    .map_err(|e| output::cannot_write(a.out, &std::io::Error::other(e)))?;
                output::write(a.out, &book)?;
            } else {
                out.finish()?;
            }
            eprintln!("{}", batch_summary(a.lang, read, scored, failed));
            Ok(Exit::found_if(failed > 0))
        }
        Err(Fatal::Header(msg)) => Err(header_at(Diagnostic::new(msg), header_file, map).into()),
        Err(Fatal::Io(e)) if out.failed() => Err(out.error(e).into()),
        Err(Fatal::Io(e)) if sink.as_ref().is_some_and(|s| s.failed.is_some()) => {
            Err(output::cannot_write(a.out, &e).into())
        }
        Err(Fatal::Io(e)) => Err(files::cannot_read(a.facts, &e).into()),
    }
}

/// A header error of a data file read by someone else (the HTML report),
/// pointed at its column in the file's first line.
pub(super) fn header_error(path: &str, msg: Msg, map: &mut SourceMap) -> Diagnostic {
    let file = first_line(path).map(|l| map.add(path, l));
    header_at(Diagnostic::new(msg), file, map)
}

fn first_line(path: &str) -> Option<String> {
    // A pipe or FIFO can be read only once, by the run.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let f = File::open(path).ok()?;
    let mut line = String::new();
    BufReader::new(std::io::Read::take(f, batch::LINE_LIMIT))
        .read_line(&mut line)
        .ok()?;
    Some(line)
}

/// Point a header diagnostic at its column in the header line of `file`
/// (the data file's text, or its first line).
pub(super) fn header_at(
    d: Diagnostic,
    file: Option<crate::syntax::FileId>,
    map: &SourceMap,
) -> Diagnostic {
    let name = match &d.msg {
        Msg::BatchUnknownColumn { name, .. } | Msg::BatchColumnMisspelt { name, .. } => {
            Some(name.clone())
        }
        // The second mention is the repeat.
        Msg::BatchDuplicateColumn { name } => Some(name.clone()),
        _ => None,
    };
    let (Some(name), Some(file)) = (name, file) else {
        return d;
    };
    let text = map.text(file);
    // The header is the first line with anything on it.
    let start = text.len() - text.trim_start_matches(['\n', '\r', '\u{feff}']).len();
    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
    let line = &text[start..end];
    let pos = if matches!(d.msg, Msg::BatchDuplicateColumn { .. }) {
        line.rfind(&name)
    } else {
        line.find(&name)
    };
    match pos {
        Some(p) => d.at(crate::syntax::Span::new(
            file,
            start + p,
            start + p + name.len(),
        )),
        None => d,
    }
}
