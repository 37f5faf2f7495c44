//! CSV records for a batch, read straight into a chunk's buffer.
//!
//! A record with no quote in it (nearly every row a spreadsheet writes) is
//! split at its commas with memchr. A record that quotes, or that runs past
//! what is buffered, goes through csv_core, the csv crate's own parser, so
//! that every file reads as the csv crate reads it (the tests below hold
//! the two to the same fields on generated files). Spending csv_core's
//! byte-at-a-time state machine on every row was an eighth of a batch's
//! instructions, and copying its records into the chunk another 3 %.
//!
//! Rows are numbered by file line whether lines end in LF, CRLF or a lone
//! CR; no record may grow past [`LIMIT`] (it becomes an error record and
//! the run goes on), and endless input without line breaks (`/dev/zero`)
//! is an error rather than an allocation failure.

use super::chunk::Flat;
use super::input::{endless, LIMIT, SKIP_CAP};
use std::io::{self, BufRead, Read};

const BOM: &[u8] = b"\xef\xbb\xbf";

/// One record: where it starts (file line, from 1), what it is, and the
/// input byte after it.
pub(super) struct Record {
    pub line: u64,
    pub end: u64,
    /// Its fields in the chunk's buffer; `None`: it ran past [`LIMIT`]
    /// (its bytes were skipped up to the next line break).
    pub fields: Option<(usize, std::ops::Range<usize>)>,
}

pub(super) struct Records<R> {
    /// The input after its BOM, if any: the bytes read looking for one
    /// are read again from the cursor.
    inner: std::io::Chain<std::io::Cursor<Vec<u8>>, R>,
    core: csv_core::Reader,
    /// csv_core has read nothing yet (it would take a BOM at the start of
    /// its first input to be the file's).
    core_fresh: bool,
    /// Bytes consumed.
    offset: u64,
    /// Line breaks consumed, CRLF once.
    breaks: u64,
    /// The last byte consumed was a CR: an LF right after it ends the same line.
    cr: bool,
    /// csv_core's output for one record.
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl<R: BufRead> Records<R> {
    pub fn new(mut inner: R) -> io::Result<Self> {
        // As the csv crate: a BOM at the very start is not data. It is
        // looked for byte by byte, as a pipe may give fewer than three.
        let mut head = Vec::with_capacity(BOM.len());
        while head.len() < BOM.len() && BOM.starts_with(&head) {
            let buf = inner.fill_buf()?;
            let Some(&b) = buf.first() else { break };
            head.push(b);
            inner.consume(1);
        }
        let offset = if head == BOM {
            head.clear();
            BOM.len() as u64
        } else {
            0
        };
        Ok(Records {
            inner: std::io::Cursor::new(head).chain(inner),
            core: csv_core::Reader::new(),
            core_fresh: true,
            offset,
            breaks: 0,
            cr: false,
            out: Vec::new(),
            ends: Vec::new(),
        })
    }

    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.offset += n as u64;
    }

    /// The next record, its fields appended to `flat`: each field's bytes
    /// then one separator byte, `flat.ends` the end of each field.
    pub fn next(&mut self, flat: &mut Flat) -> io::Result<Option<Record>> {
        // Line breaks at a record's start are blank lines: csv_core skips them.
        let buf = loop {
            let buf = self.inner.fill_buf()?;
            match buf.first() {
                None => return Ok(None),
                Some(&b) if b == b'\n' || b == b'\r' => {
                    count(&mut self.breaks, &mut self.cr, &buf[..1]);
                    self.consume(1);
                }
                Some(_) => break buf,
            }
        };
        let line = self.breaks + 1;
        let seen = &buf[..buf.len().min(LIMIT as usize + 1)];
        match memchr::memchr3(b'\n', b'\r', b'"', seen) {
            Some(i) if buf[i] != b'"' => {
                let text = &buf[..i];
                let start = flat.bytes.len();
                let first = flat.ends.len();
                flat.bytes.extend_from_slice(text);
                commas(text, start, &mut flat.ends);
                flat.ends.push(start + i);
                // One separator after the record too, as after every field.
                flat.bytes.push(b',');
                self.breaks += 1;
                self.cr = buf[i] == b'\r';
                self.consume(i + 1);
                Ok(Some(Record {
                    line,
                    end: self.offset,
                    fields: Some((start, first..flat.ends.len())),
                }))
            }
            _ => self.quoted(flat, line),
        }
    }

    /// A record through csv_core.
    fn quoted(&mut self, flat: &mut Flat, line: u64) -> io::Result<Option<Record>> {
        use csv_core::ReadRecordResult as R;
        if self.out.len() < 4096 {
            self.out.resize(4096, 0);
        }
        if self.ends.len() < 64 {
            self.ends.resize(64, 0);
        }
        let (mut nout, mut nend, mut used) = (0usize, 0usize, 0u64);
        loop {
            let buf = self.inner.fill_buf()?;
            // Its first input one byte long, so that csv_core cannot take a
            // BOM in the middle of the file for the file's.
            let input = if self.core_fresh && !buf.is_empty() {
                &buf[..1]
            } else {
                buf
            };
            let (res, nin, o, e) =
                self.core
                    .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
            self.core_fresh &= nin == 0;
            count(&mut self.breaks, &mut self.cr, &input[..nin]);
            self.consume(nin);
            (nout, nend, used) = (nout + o, nend + e, used + nin as u64);
            match res {
                // Whole, but too long: the next record is left as it is.
                R::Record if used > LIMIT => {
                    return Ok(Some(Record {
                        line,
                        end: self.offset,
                        fields: None,
                    }))
                }
                R::Record => break,
                R::End => return Ok(None),
                _ if used > LIMIT => return self.skip_long(line).map(Some),
                R::InputEmpty => {}
                R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
            }
        }
        let start = flat.bytes.len();
        let first = flat.ends.len();
        let mut from = 0;
        for &end in &self.ends[..nend] {
            flat.bytes.extend_from_slice(&self.out[from..end]);
            flat.ends.push(flat.bytes.len());
            flat.bytes.push(b',');
            from = end;
        }
        // A long record's scratch is not kept for the next.
        if self.out.len() > 1 << 16 || self.ends.len() > 1 << 12 {
            self.out = Vec::new();
            self.ends = Vec::new();
        }
        Ok(Some(Record {
            line,
            end: self.offset,
            fields: Some((start, first..flat.ends.len())),
        }))
    }

    /// A record past [`LIMIT`]: drop the rest of it up to the next line
    /// break; an input with no break for [`SKIP_CAP`] bytes is endless.
    fn skip_long(&mut self, line: u64) -> io::Result<Record> {
        let mut skipped = 0u64;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            match memchr::memchr2(b'\n', b'\r', buf) {
                Some(i) => {
                    // The break is left for the next record's start to pass.
                    if i > 0 {
                        self.cr = false;
                    }
                    self.consume(i);
                    break;
                }
                None => {
                    let n = buf.len();
                    self.cr = buf[n - 1] == b'\r';
                    self.consume(n);
                    skipped += n as u64;
                    if skipped > SKIP_CAP {
                        return Err(endless());
                    }
                }
            }
        }
        // What follows is read afresh: csv_core's state was mid-record.
        self.core = csv_core::Reader::new();
        self.core_fresh = true;
        Ok(Record {
            line,
            end: self.offset,
            fields: None,
        })
    }
}

/// Push `base` + the offset of every comma in `text`. Eight bytes at a
/// time: a row's cells are short, so memchr's per-call setup cost more
/// than the search (a sixth of reading a row).
fn commas(text: &[u8], base: usize, out: &mut Vec<usize>) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const COMMA: u64 = 0x2c2c_2c2c_2c2c_2c2c;
    let mut words = text.chunks_exact(8);
    let mut at = base;
    for w in &mut words {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) ^ COMMA;
        // The high bit of each byte that is zero (a comma), and of no other:
        // the low seven bits plus 0x7f carry into bit 7 unless all zero, and
        // the byte's own bit 7 counts too; no carry crosses a byte.
        let mut hit = !(((x & LOW7) + LOW7) | x | LOW7);
        while hit != 0 {
            out.push(at + (hit.trailing_zeros() / 8) as usize);
            hit &= hit - 1;
        }
        at += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == b',' {
            out.push(at + i);
        }
    }
}

/// Count the line breaks in bytes being consumed (CRLF once, also when
/// split between two reads); `cr`: the byte before them was a CR.
fn count(breaks: &mut u64, cr: &mut bool, bytes: &[u8]) {
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let after_cr = if i == 0 { *cr } else { bytes[i - 1] == b'\r' };
        *breaks += u64::from(!(bytes[i] == b'\n' && after_cr));
    }
    if let Some(&last) = bytes.last() {
        *cr = last == b'\r';
    }
}

#[cfg(test)]
mod tests;
