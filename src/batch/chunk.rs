//! Rows as the reader hands them to the workers, a chunk at a time. A
//! chunk's CSV records share one buffer (their bytes end to end, and the
//! end of every field), so reading a row allocates nothing and a worker
//! frees one buffer per chunk rather than two per row.

use super::Fatal;
use crate::diag::Msg;
use std::sync::mpsc::SyncSender;

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

/// The CSV records of a chunk, end to end.
#[derive(Default)]
pub(super) struct Flat {
    pub bytes: Vec<u8>,
    /// Where each field ends in `bytes`.
    pub ends: Vec<usize>,
}

impl Flat {
    /// Append a record; its [`Raw`].
    pub fn push(&mut self, rec: &csv::ByteRecord) -> Raw {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(rec.as_slice());
        let first = self.ends.len();
        let mut end = start;
        for f in rec.iter() {
            end += f.len();
            self.ends.push(end);
        }
        Raw::Csv {
            start,
            fields: first..self.ends.len(),
        }
    }

    /// A record's bytes and the end of each of its fields (into `bytes`).
    pub fn record(&self, start: usize, fields: &std::ops::Range<usize>) -> (&[u8], &[usize]) {
        let ends = &self.ends[fields.clone()];
        let end = ends.last().copied().unwrap_or(start);
        (&self.bytes[start..end], ends)
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

pub(super) struct Chunk {
    pub idx: usize,
    pub rows: Vec<(u64, Raw)>,
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

/// Read rows into chunks and hand them out; returns how many rows were read.
pub(super) fn feed(
    next: &mut impl Next,
    tx: &SyncSender<Chunk>,
    size: (usize, usize),
) -> Result<u64, Fatal> {
    let (mut idx, mut read) = (0usize, 0u64);
    loop {
        let (chunk, eof) = take(next, idx, size)?;
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
) -> Result<(Chunk, bool), Fatal> {
    let mut c = Chunk {
        idx,
        rows: Vec::with_capacity(size.min(CHUNK)),
        flat: Flat::default(),
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
