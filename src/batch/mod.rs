//! Batch scoring: many fact sets (CSV rows or JSON Lines) against one
//! rubric, one result record per input row, in input order. A bad row
//! becomes an error record and the run goes on; the summary reconciles
//! (rows read = scored + failed).
//!
//! The input streams through in chunks: this thread reads, workers parse
//! and score (one compiled rubric, one scratch each), and a writer puts the
//! chunks back in order, so memory stays flat and both cores work.

mod bounds;
mod cell;
mod chunk;
mod input;
mod jsonl;
mod output;
mod records;
pub mod row;

pub use input::{next_line, Line, LIMIT as LINE_LIMIT};
pub use output::{write_mantissa, write_score, Cells, OutFormat, Shown};
pub use row::{plain_decimal, Columns, RowError};

use crate::check::Checked;
use crate::compiled::{Compiled, Scratch};
use crate::diag::{Lang, Msg, SourceMap};
use crate::eval::FactSet;
use chunk::{Chunk, Done, Flat, Raw, Spare, CHUNK};
use output::Out;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InFormat {
    Csv,
    Jsonl,
}

impl InFormat {
    /// By extension: `.csv`, or `.jsonl`/`.ndjson`.
    pub fn from_path(path: &str) -> Option<InFormat> {
        let ext = std::path::Path::new(path)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(InFormat::Csv),
            "jsonl" | "ndjson" => Some(InFormat::Jsonl),
            _ => None,
        }
    }
}

pub struct Options<'a> {
    pub input: InFormat,
    pub output: OutFormat,
    pub lang: Lang,
    /// Add each scored row's ledger (reference evaluator, slow path).
    pub explain: bool,
    /// The rule file, for the ledger's source lines.
    pub map: &'a SourceMap,
    /// Worker threads; 0 means one per core.
    pub workers: usize,
    /// Rows per chunk handed to a worker; 0 means the default (2048).
    pub chunk: usize,
}

/// What the front end learnt about the input before the run.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// CSV columns to read past (序号, 备注, misspelt names warned about).
    pub skip: Vec<bool>,
    /// For a table read from a sheet: where each input's cells are, so that
    /// a row error names its cell (明细!C7).
    pub cells: Option<Cells>,
    /// Target-table rows from files of their own, joined to each row by
    /// its unit (`batch --rows`).
    pub rows: Vec<crate::facts::UnitRows>,
    /// Units that more than one row names: their rows cannot be joined.
    pub dup_units: std::collections::HashSet<String>,
    /// Records to add after the input's rows: (line, unit, why), e.g. the
    /// rows of a unit that no input row names.
    pub orphans: Vec<(u64, Option<String>, Msg)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub read: u64,
    pub scored: u64,
    pub failed: u64,
}

/// Called by the writer after each chunk: bytes of input consumed, rows done.
pub type Progress<'p> = &'p (dyn Fn(u64, u64) + Sync);

/// A whole-file problem (unreadable input, bad header): nothing was scored.
#[derive(Debug)]
pub enum Fatal {
    Header(Msg),
    Io(std::io::Error),
}

/// Score every row of `input` into `out`.
pub fn run<R: BufRead + Send, W: Write + Send>(
    c: &Checked,
    input: R,
    out: W,
    o: &Options,
    progress: Option<Progress>,
) -> Result<Summary, Fatal> {
    run_with(c, input, out, o, &Input::default(), progress)
}

/// As [`run`], with what is known of the input's columns.
pub fn run_with<R: BufRead + Send, W: Write + Send>(
    c: &Checked,
    input: R,
    out: W,
    o: &Options,
    known: &Input,
    progress: Option<Progress>,
) -> Result<Summary, Fatal> {
    let k = Compiled::new(c);
    let fmt = Out::new(c, o.output, o.lang, o.explain, known.cells.as_ref());
    match o.input {
        InFormat::Csv => {
            let mut records = records::Records::new(input).map_err(Fatal::Io)?;
            let mut flat = Flat::default();
            let head = match records.next(&mut flat).map_err(Fatal::Io)? {
                Some(records::Record {
                    fields: Some((start, fields)),
                    ..
                }) => {
                    let (bytes, ends) = flat.record(start, &fields);
                    Flat::spans(start, ends)
                        .map(|f| String::from_utf8_lossy(&bytes[f]).into_owned())
                        .collect::<Vec<String>>()
                }
                // A header past the limit: nothing after it can be read.
                Some(_) => return Err(Fatal::Io(input::endless())),
                None => Vec::new(),
            };
            let names: Vec<&str> = head.iter().map(String::as_str).collect();
            let cols = Columns::skipping(c, &names, &known.skip).map_err(Fatal::Header)?;
            let mut orphans = known.orphans.clone().into_iter();
            let next = move |flat: &mut Flat| -> Result<Option<(u64, Raw, u64)>, Fatal> {
                match records.next(flat).map_err(Fatal::Io)? {
                    Some(r) => {
                        let raw = match r.fields {
                            Some((start, fields)) => Raw::Csv { start, fields },
                            None => Raw::Broken(Msg::BatchRowTooLong {
                                limit_mib: input::LIMIT >> 20,
                            }),
                        };
                        Ok(Some((r.line, raw, r.end)))
                    }
                    None => Ok(orphans
                        .next()
                        .map(|(line, unit, msg)| (line, Raw::Orphan(unit, msg), 0))),
                }
            };
            pipeline(&k, &fmt, Some(&cols), known, o, next, out, progress)
        }
        InFormat::Jsonl => {
            let mut input = input;
            let (mut line_no, mut byte) = (0u64, 0u64);
            // After the last line, the rows-file units no line names.
            let mut orphans = known.orphans.clone().into_iter();
            let next = move |_: &mut Flat| -> Result<Option<(u64, Raw, u64)>, Fatal> {
                loop {
                    let Some((line, n)) = input::next_line(&mut input).map_err(Fatal::Io)? else {
                        return Ok(orphans
                            .next()
                            .map(|(line, unit, msg)| (line, Raw::Orphan(unit, msg), 0)));
                    };
                    line_no += 1;
                    byte += n;
                    // A bad line is an error record; the lines after it are read on.
                    let raw = match line {
                        input::Line::Text(t) if t.trim().is_empty() => continue,
                        input::Line::Text(t) => Raw::Line(t),
                        input::Line::NotUtf8 => Raw::Broken(Msg::BatchRowNotUtf8),
                        input::Line::TooLong => Raw::Broken(Msg::BatchRowTooLong {
                            limit_mib: input::LIMIT >> 20,
                        }),
                    };
                    return Ok(Some((line_no, raw, byte)));
                }
            };
            pipeline(&k, &fmt, None, known, o, next, out, progress)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn pipeline<W: Write + Send>(
    k: &Compiled,
    fmt: &Out,
    cols: Option<&Columns>,
    known: &Input,
    o: &Options,
    mut next: impl chunk::Next,
    out: W,
    progress: Option<Progress>,
) -> Result<Summary, Fatal> {
    let workers = if o.workers == 0 {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    } else {
        o.workers
    };
    let size = if o.chunk == 0 { CHUNK } else { o.chunk };
    // What one row's record costs: a few bytes per indicator's score, and
    // far more with its ledger.
    let record = 64 + 8 * fmt.c.indicators.len() + if o.explain { 8 << 10 } else { 0 };
    let size = (size, record);
    let spare = Spare::default();
    let mut w = Writer::new(fmt, out, progress, &spare).map_err(Fatal::Io)?;
    if workers == 1 {
        // One thread reads, scores and writes in turn: no hand-offs.
        let mut s = k.scratch();
        let mut hint = 0;
        let mut read = 0;
        let mut idx = 0;
        loop {
            let (chunk, eof) = chunk::take(&mut next, idx, size, &spare)?;
            read += chunk.rows.len() as u64;
            if !chunk.rows.is_empty() {
                w.put(work(
                    k, fmt, cols, known, o, &mut s, &mut hint, chunk, &spare,
                ))
                .map_err(Fatal::Io)?;
                idx += 1;
            }
            if eof {
                let mut sum = w.finish().map_err(Fatal::Io)?;
                sum.read = read;
                return Ok(sum);
            }
        }
    }
    let (work_tx, work_rx) = sync_channel::<Chunk>(workers);
    // The workers alone own the queue's receiver: when the writer fails (a
    // full disk, SIGTERM) they stop, the receiver goes with the last of them,
    // and `feed` gets an error from `send` instead of blocking forever on a
    // full queue nobody reads.
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(workers);
    std::thread::scope(|sc| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let work_rx = Arc::clone(&work_rx);
            let spare = &spare;
            sc.spawn(move || {
                let mut s = k.scratch();
                let mut hint = 0;
                loop {
                    let chunk = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(chunk) = chunk else { return };
                    if done_tx
                        .send(work(
                            k, fmt, cols, known, o, &mut s, &mut hint, chunk, spare,
                        ))
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        drop(work_rx);
        let writer = sc.spawn(move || -> Result<Summary, Fatal> {
            for d in done_rx.iter() {
                w.put(d).map_err(Fatal::Io)?;
            }
            w.finish().map_err(Fatal::Io)
        });
        let read = chunk::feed(&mut next, &work_tx, size, &spare);
        drop(work_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Fatal::Io(std::io::Error::other("writer thread panicked"))));
        let read = read?;
        let mut sum = written?;
        sum.read = read;
        Ok(sum)
    })
}

/// Puts finished chunks out in input order and adds up the summary.
struct Writer<'f, 'p, W> {
    fmt: &'f Out<'f>,
    spare: &'f Spare,
    out: W,
    progress: Option<Progress<'p>>,
    sum: Summary,
    /// Chunks finished ahead of their turn.
    pending: BTreeMap<usize, Done>,
    want: usize,
    /// No record written yet (a JSON array's first drops its comma).
    first: bool,
}

impl<'f, 'p, W: Write> Writer<'f, 'p, W> {
    fn new(
        fmt: &'f Out<'f>,
        mut out: W,
        progress: Option<Progress<'p>>,
        spare: &'f Spare,
    ) -> std::io::Result<Self> {
        out.write_all(&fmt.head())?;
        Ok(Writer {
            fmt,
            spare,
            out,
            progress,
            sum: Summary::default(),
            pending: BTreeMap::new(),
            want: 0,
            first: true,
        })
    }

    fn put(&mut self, d: Done) -> std::io::Result<()> {
        self.pending.insert(d.idx, d);
        while let Some(d) = self.pending.remove(&self.want) {
            let json = self.fmt.format == OutFormat::Json;
            let skip = usize::from(self.first && json && !d.bytes.is_empty());
            self.first &= d.bytes.is_empty();
            self.out.write_all(&d.bytes[skip..])?;
            self.sum.scored += d.scored;
            self.sum.failed += d.failed;
            if let Some(p) = self.progress {
                p(d.end_byte, self.sum.scored + self.sum.failed);
            }
            self.want += 1;
            self.spare.give_out(d.bytes);
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<Summary> {
        self.out.write_all(self.fmt.tail())?;
        self.out.flush()?;
        Ok(self.sum)
    }
}

#[allow(clippy::too_many_arguments)]
fn work(
    k: &Compiled,
    fmt: &Out,
    cols: Option<&Columns>,
    known: &Input,
    o: &Options,
    s: &mut Scratch,
    hint: &mut usize,
    chunk: Chunk,
    spare: &Spare,
) -> Done {
    // As much as the last chunk took, and a little more: growing a buffer
    // of results by doubling copies it over and over.
    let mut bytes = spare.out(out_capacity(*hint, chunk.rows.len()));
    let (mut scored, mut failed) = (0, 0);
    let mut cells: Vec<&str> = Vec::new();
    let mut marks: Vec<i128> = Vec::with_capacity(k.checked().indicators.len());
    // A property of the rubric, asked once a chunk rather than twice a row.
    let needs_more = k.checked().needs_more_than_slots();
    for (line, raw) in &chunk.rows {
        let (label, filled) = match (raw, cols) {
            (Raw::Csv { start, fields }, Some(cols)) => {
                let (rec, ends) = chunk.flat.record(*start, fields);
                // One UTF-8 check for the whole record, not one per cell.
                let (label, filled) = match std::str::from_utf8(rec) {
                    Ok(all) => {
                        cells.clear();
                        // Fields are parted by an ASCII byte, so each is whole UTF-8.
                        for f in Flat::spans(*start, ends) {
                            cells.push(all.get(f).unwrap_or("\u{fffd}"));
                        }
                        let label = cols.label(&cells);
                        // Facts marked unknown come back whole, to be scored as
                        // ranges; otherwise tables' rows and assessors' scores
                        // are joined when the rubric needs them.
                        let c = k.checked();
                        // A set settled while filling (ranged or bounded
                        // facts) takes its rows and assessor's scores first.
                        let more = |fs: &mut FactSet| match needs_more {
                            true => complete(c, cols, &cells, label, known, fs),
                            false => Ok(()),
                        };
                        let filled = cols
                            .fill_or_partial_with(&cells, s.facts_mut(), &more)
                            .and_then(|p| match p {
                                Some(fs) => Ok(Some(fs)),
                                None if needs_more => {
                                    let mut fs = slots(c, s);
                                    complete(c, cols, &cells, label, known, &mut fs)?;
                                    Ok(Some(fs))
                                }
                                None => Ok(None),
                            });
                        (label.map(Cow::Borrowed), filled)
                    }
                    Err(_) => (None, Err(RowError::new(None, Msg::BatchRowNotUtf8))),
                };
                (label, filled)
            }
            (Raw::Line(text), _) => {
                // JSON Lines carry their rows inline, as arrays.
                let (label, filled) = jsonl::row(k.checked(), text, known, s);
                (label.map(Cow::Owned), filled)
            }
            (Raw::Broken(msg), _) => (None, Err(RowError::new(None, msg.clone()))),
            (Raw::Orphan(unit, msg), _) => (
                unit.as_deref().map(Cow::Borrowed),
                Err(RowError::new(None, msg.clone())),
            ),
            _ => (
                None,
                Err(RowError::new(
                    None,
                    Msg::BatchBadRecord {
                        detail: String::new(),
                    },
                )),
            ),
        };
        // A row with facts marked unknown is scored as ranges by the
        // reference evaluator (the compiled one scores whole fact sets only).
        let filled = match filled {
            Ok(Some(fs)) if !fs.unknown.is_empty() => {
                match crate::facts::partial::score(k.checked(), &fs) {
                    Ok(p) => {
                        fmt.ranged(&mut bytes, *line, label.as_deref(), &p);
                        scored += 1;
                    }
                    Err(d) => {
                        let column = row::fact_named(&d.msg).map(str::to_string);
                        let e = RowError { column, msg: d.msg };
                        fmt.failed(&mut bytes, *line, label.as_deref(), &e);
                        failed += 1;
                    }
                }
                continue;
            }
            other => other,
        };
        // The hot path's total and grade, when it scored the row.
        let mut quick = None;
        let (result, whole) = match filled {
            Ok(whole) => {
                let run = match &whole {
                    Some(fs) => k.run_set(fs, s).map(|_| ()),
                    None => match k.run_quick(s) {
                        Ok(q) => {
                            quick = Some(q);
                            Ok(())
                        }
                        // The reference re-scores the row to say why.
                        Err(_) => k.run_reference(s).map(|_| ()),
                    },
                };
                (run.map_err(|d| RowError::new(None, d.msg)), whole)
            }
            Err(e) => (Err(e), None),
        };
        match result {
            Ok(()) => {
                let explain = o
                    .explain
                    .then(|| explain(k.checked(), s, whole.as_ref(), o))
                    .flatten();
                // Scores straight from the hot path's marks (no scorecard
                // built), unless one of them needs the card's decimals.
                let shown = match quick {
                    Some(q) if k.scores_at_places(s, &mut marks) => Shown::Marks {
                        total: q.total,
                        grade: q.grade,
                        scores: &marks,
                    },
                    _ => Shown::Card(k.card(s)),
                };
                fmt.scored(&mut bytes, *line, label.as_deref(), shown, explain);
                scored += 1;
            }
            Err(e) => {
                fmt.failed(&mut bytes, *line, label.as_deref(), &e);
                failed += 1;
            }
        }
    }
    *hint = bytes.len() / chunk.rows.len().max(1);
    let (idx, end_byte) = (chunk.idx, chunk.end_byte);
    spare.give_rows(chunk.rows, chunk.flat);
    Done {
        idx,
        bytes,
        scored,
        failed,
        end_byte,
    }
}

/// A chunk's output buffer: `per_row` bytes for each of `rows` (the last
/// chunk's average, 64 before the first) and an eighth more.
fn out_capacity(per_row: usize, rows: usize) -> usize {
    let per_row = if per_row == 0 { 64 } else { per_row };
    (per_row + per_row / 8 + 1) * rows
}

/// A fact set of the scratch's slots.
fn slots(c: &Checked, s: &Scratch) -> FactSet {
    let mut fs = FactSet::empty(c);
    for (i, v) in s.facts().iter().enumerate() {
        fs.values[i] = Some(*v);
    }
    fs
}

/// A CSV row's whole fact set: its facts, then the assessor's scores in
/// its columns and each table's rows joined by the row's unit.
fn complete(
    c: &Checked,
    cols: &Columns,
    cells: &[&str],
    label: Option<&str>,
    known: &Input,
    fs: &mut FactSet,
) -> Result<(), RowError> {
    for (id, v) in cols.picks(cells)? {
        fs.picks[id as usize] = Some((v, None));
    }
    join_rows(c, label, known, fs)
}

/// Each table's rows from the rows files, by the row's unit, where the
/// row itself gave none (the one joining path, shared with `diff`).
fn join_rows(
    c: &Checked,
    label: Option<&str>,
    known: &Input,
    fs: &mut FactSet,
) -> Result<(), RowError> {
    crate::facts::join_rows(c, label, &known.rows, &known.dup_units, fs)
        .map_err(|d| RowError::new(None, d.msg))
}

/// The reference evaluator's ledger of a scored row: as text (the
/// `explain` field) and as data (`ledger`, `veto_rules`).
fn explain(
    c: &Checked,
    s: &Scratch,
    whole: Option<&FactSet>,
    o: &Options,
) -> Option<output::Explained> {
    let mut fs = whole.cloned().unwrap_or_else(|| FactSet::empty(c));
    for (i, v) in s.facts().iter().enumerate() {
        fs.values[i] = Some(*v);
    }
    let (card, ledger) = crate::eval::score_explained(c, &fs).ok()?;
    Some(output::Explained {
        text: crate::report::explain(c, &card, &ledger, o.map, o.lang, None),
        ledger: crate::report::ledger_value(c, &card, &ledger, o.map),
        vetoes: crate::report::vetoes_value(c, &card, o.map),
    })
}
