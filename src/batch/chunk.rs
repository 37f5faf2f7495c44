//! Rows as the reader hands them to the workers, a chunk at a time. A
//! chunk's CSV records share one buffer (their bytes end to end, and the
//! end of every field), so reading a row allocates nothing and a worker
//! frees one buffer per chunk rather than two per row.

use super::Fatal;
use crate::diag::Msg;
use std::sync::mpsc::SyncSender;
use std::sync::Mutex;

/// Rows below this many per chunk by default.
pub(super) const CHUNK: usize = 2048;

/// Rows in one chunk stop at this much memory (the rows read and the
/// records they will give), so that wide rows keep memory flat too: at most
/// about 2 × workers + 2 chunks are alive at once (queued, being scored,
/// waiting for their turn to be written).
pub(super) const CHUNK_BYTES: usize = 1 << 20;

pub(super) enum Raw {
    /// A CSV record: its fields are `Flat::ends[fields]`, its bytes begin at `start`.
    Csv {
        start: usize,
        fields: std::ops::Range<usize>,
    },
    Line(String),
    /// A row that could not be read (not UTF-8, over [`super::input::LIMIT`]).
    Broken(Msg),
    /// A record that fails as it is (a rows-file unit no row names).
    Orphan(Option<String>, Msg),
}

/// The CSV records of a chunk, end to end: each field's bytes and one
/// separator byte after it (so that a quote-free record is copied whole).
#[derive(Default)]
pub(super) struct Flat {
    pub bytes: Vec<u8>,
    /// Where each field ends in `bytes`; the next begins a byte later.
    pub ends: Vec<usize>,
}

impl Flat {
    /// A record's bytes and the end of each of its fields (into `bytes`).
    pub fn record(&self, start: usize, fields: &std::ops::Range<usize>) -> (&[u8], &[usize]) {
        let ends = &self.ends[fields.clone()];
        let end = ends.last().copied().unwrap_or(start);
        (&self.bytes[start..end], ends)
    }

    /// Where each field of a record lies in [`Flat::record`]'s bytes.
    pub fn spans(
        start: usize,
        ends: &[usize],
    ) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let mut from = 0;
        ends.iter().map(move |&end| {
            let field = from..end - start;
            from = end - start + 1;
            field
        })
    }

    /// The memory a row holds: its bytes, and for a CSV record the end
    /// offset of every field (a wide row's offsets outweigh its text).
    fn footprint(&self, raw: &Raw) -> usize {
        match raw {
            Raw::Csv { start, fields } => {
                let (bytes, ends) = self.record(*start, fields);
                bytes.len() + std::mem::size_of_val(ends)
            }
            Raw::Line(t) => t.len(),
            Raw::Broken(_) | Raw::Orphan(..) => 0,
        }
    }
}

/// A chunk's rows: each one's file line and itself.
pub(super) type Rows = Vec<(u64, Raw)>;

pub(super) struct Chunk {
    pub idx: usize,
    pub rows: Rows,
    pub flat: Flat,
    pub end_byte: u64,
}

pub(super) struct Done {
    pub idx: usize,
    pub bytes: Vec<u8>,
    pub scored: u64,
    pub failed: u64,
    pub end_byte: u64,
}

/// The next row (its line, itself, the input byte after it), its CSV
/// record appended to the chunk's buffer.
pub(super) trait Next: FnMut(&mut Flat) -> Result<Option<(u64, Raw, u64)>, Fatal> {}
impl<F: FnMut(&mut Flat) -> Result<Option<(u64, Raw, u64)>, Fatal>> Next for F {}

/// Buffers of chunks already written, for the next chunks to fill. A
/// fresh megabyte for every chunk costs page faults, because the allocator
/// hands blocks that large back to the kernel when they are freed: a
/// sixth of a one-worker batch's time went to the kernel clearing pages.
#[derive(Default)]
pub(super) struct Spare {
    rows: Mutex<Vec<(Rows, Flat)>>,
    outs: Mutex<Vec<Vec<u8>>>,
}

/// Buffers kept of each kind: more than are ever in flight at once
/// (about 2 × workers + 2 chunks), so that memory stays flat.
const KEEP: usize = 20;
/// A buffer grown past this (a very wide row, a ledger per row) is freed
/// rather than kept.
const KEEP_BYTES: usize = 8 << 20;

impl Spare {
    /// Empty row buffers for a chunk, with the capacity of a spent one.
    pub fn rows(&self) -> (Rows, Flat) {
        let spent = self.rows.lock().ok().and_then(|mut v| v.pop());
        spent.unwrap_or_default()
    }

    /// A chunk's row buffers, once its rows are scored.
    pub fn give_rows(&self, mut rows: Rows, mut flat: Flat) {
        if flat.bytes.capacity() > KEEP_BYTES || flat.ends.capacity() > KEEP_BYTES / 8 {
            return;
        }
        rows.clear();
        flat.bytes.clear();
        flat.ends.clear();
        if let Ok(mut v) = self.rows.lock() {
            if v.len() < KEEP {
                v.push((rows, flat));
            }
        }
    }

    /// An empty buffer for a chunk's records, at least `cap` bytes.
    pub fn out(&self, cap: usize) -> Vec<u8> {
        let mut b = self
            .outs
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or_default();
        b.reserve(cap);
        b
    }

    /// A chunk's records, once written.
    pub fn give_out(&self, mut b: Vec<u8>) {
        if b.capacity() > KEEP_BYTES {
            return;
        }
        b.clear();
        if let Ok(mut v) = self.outs.lock() {
            if v.len() < KEEP {
                v.push(b);
            }
        }
    }
}

/// Read rows into chunks and hand them out; returns how many rows were read.
pub(super) fn feed(
    next: &mut impl Next,
    tx: &SyncSender<Chunk>,
    size: (usize, usize),
    spare: &Spare,
) -> Result<u64, Fatal> {
    let (mut idx, mut read) = (0usize, 0u64);
    loop {
        let (chunk, eof) = take(next, idx, size, spare)?;
        read += chunk.rows.len() as u64;
        if !chunk.rows.is_empty() && tx.send(chunk).is_err() {
            return Ok(read);
        }
        idx += 1;
        if eof {
            return Ok(read);
        }
    }
}

/// Chunk `idx`: at most `size.0` rows, or [`CHUNK_BYTES`] of rows and
/// their records of `size.1` bytes each; and whether the input ended.
pub(super) fn take(
    next: &mut impl Next,
    idx: usize,
    (size, record): (usize, usize),
    spare: &Spare,
) -> Result<(Chunk, bool), Fatal> {
    let (mut rows, flat) = spare.rows();
    rows.reserve(size.min(CHUNK));
    let mut c = Chunk {
        idx,
        rows,
        flat,
        end_byte: 0,
    };
    let mut bytes = 0usize;
    while c.rows.len() < size && bytes < CHUNK_BYTES {
        match next(&mut c.flat)? {
            Some((line, raw, end)) => {
                bytes += c.flat.footprint(&raw) + record;
                c.rows.push((line, raw));
                c.end_byte = c.end_byte.max(end);
            }
            None => return Ok((c, true)),
        }
    }
    Ok((c, false))
}
