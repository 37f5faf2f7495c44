//! Reading batch input with bounds: no record or line may grow past
//! [`LIMIT`] (it becomes an error record and the run goes on), endless
//! input without line breaks (`/dev/zero`) is an error rather than an
//! allocation failure, and rows are numbered by file line whether lines end
//! in LF, CRLF or a lone CR (the csv crate's own line count is wrong for
//! CRLF and CR-only files).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// The longest record or line read, in bytes.
pub const LIMIT: u64 = 1 << 20;
/// Bytes skipped after an over-long record while looking for the next line
/// break; past this the input is taken to be endless.
const SKIP_CAP: u64 = 64 << 20;

/// What an endless input is reported as (an `io::Error` from the reader).
pub fn endless() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, Endless)
}

/// The marker inside [`endless`]'s error, so the caller can word it.
#[derive(Debug)]
pub struct Endless;

impl std::fmt::Display for Endless {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no line break in {} MiB", SKIP_CAP >> 20)
    }
}

impl std::error::Error for Endless {}

/// Where the line breaks are, for numbering rows by the byte they start at.
#[derive(Default)]
struct Breaks {
    /// Breaks before the last position asked about.
    before: u64,
    /// Offsets of breaks not yet passed.
    ahead: VecDeque<u64>,
    /// A `\r` at this offset waits to see whether `\n` follows.
    cr: Option<u64>,
    /// The last break passed.
    last: Option<u64>,
}

/// Shared between the reader (which sees the bytes) and the row loop.
#[derive(Clone, Default)]
pub struct Tracker {
    breaks: Rc<RefCell<Breaks>>,
    /// Bytes since the current record began.
    since: Rc<Cell<u64>>,
    /// The current record was cut at [`LIMIT`].
    cut: Rc<Cell<bool>>,
}

impl Tracker {
    /// The file line (from 1) a record starts on, from where it ended (the
    /// reader's position just after it) and the line breaks inside it (in
    /// quoted fields). The csv crate's own start position may point at a
    /// blank line before the record, so it is not used.
    pub fn line_of(&self, end: u64, inside: u64) -> u64 {
        let mut b = self.breaks.borrow_mut();
        while b.ahead.front().is_some_and(|&x| x < end) {
            b.last = b.ahead.pop_front();
            b.before += 1;
        }
        let terminated = b.last.is_some_and(|x| x + 1 == end);
        (b.before + 1)
            .saturating_sub(inside)
            .saturating_sub(u64::from(terminated))
            .max(1)
    }

    /// A record ended: whether it was cut at the limit; the next one starts.
    pub fn record_done(&self) -> bool {
        self.since.set(0);
        self.cut.replace(false)
    }
}

/// An input that counts line breaks and cuts records at [`LIMIT`].
pub struct Bounded<R> {
    inner: R,
    t: Tracker,
    /// Bytes handed on (skipped bytes are not: offsets are the csv reader's).
    offset: u64,
    skipping: bool,
    skipped: u64,
}

impl<R: BufRead> Bounded<R> {
    pub fn new(inner: R) -> (Bounded<R>, Tracker) {
        let t = Tracker::default();
        let b = Bounded {
            inner,
            t: t.clone(),
            offset: 0,
            skipping: false,
            skipped: 0,
        };
        (b, t)
    }

    fn index(&mut self, bytes: &[u8]) {
        let mut br = self.t.breaks.borrow_mut();
        // Only the line-break bytes matter: jump from one to the next.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let at = self.offset + i as u64;
            // CRLF is one break, placed at its CR: the csv crate may start
            // the next record at the LF.
            if let Some(cr) = br.cr.take() {
                br.ahead.push_back(cr);
                if bytes[i] == b'\n' && cr + 1 == at {
                    continue;
                }
            }
            match bytes[i] {
                b'\n' => br.ahead.push_back(at),
                _ => br.cr = Some(at),
            }
        }
        // A CR waiting for its LF is answered by the byte after it, even when
        // that byte is not a break; only one directly after can pair with it.
        if let Some(cr) = br.cr {
            if cr + 1 < self.offset + bytes.len() as u64 {
                br.cr = None;
                br.ahead.push_back(cr);
            }
        }
    }
}

impl<R: BufRead> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let avail = self.inner.fill_buf()?;
            if avail.is_empty() {
                let mut br = self.t.breaks.borrow_mut();
                if let Some(cr) = br.cr.take() {
                    br.ahead.push_back(cr);
                }
                return Ok(0);
            }
            if self.skipping {
                // Drop the rest of the over-long line, up to its break.
                match avail.iter().position(|&c| c == b'\n' || c == b'\r') {
                    Some(i) => {
                        self.inner.consume(i);
                        self.skipping = false;
                        self.skipped = 0;
                        // What follows the break is read again, from a fresh count.
                        self.t.since.set(0);
                    }
                    None => {
                        let n = avail.len();
                        self.inner.consume(n);
                        self.skipped += n as u64;
                        if self.skipped > SKIP_CAP {
                            return Err(endless());
                        }
                    }
                }
                continue;
            }
            let room = LIMIT.saturating_sub(self.t.since.get());
            if room == 0 {
                self.t.cut.set(true);
                self.skipping = true;
                continue;
            }
            let n = avail.len().min(buf.len()).min(room as usize);
            buf[..n].copy_from_slice(&avail[..n]);
            self.inner.consume(n);
            self.index(&buf[..n]);
            self.offset += n as u64;
            self.t.since.set(self.t.since.get() + n as u64);
            return Ok(n);
        }
    }
}

/// Line breaks inside a record's bytes (CRLF counts once).
pub fn breaks_in(bytes: &[u8]) -> u64 {
    // Only a quoted field holds a break: nearly every record has none,
    // which memchr tells far faster than a loop over every byte.
    if memchr::memchr2(b'\n', b'\r', bytes).is_none() {
        return 0;
    }
    let mut n = 0;
    let mut prev = 0u8;
    for &c in bytes {
        if c == b'\r' || (c == b'\n' && prev != b'\r') {
            n += 1;
        }
        prev = c;
    }
    n
}

/// One JSON Lines line, read with the same bounds.
pub enum Line {
    Text(String),
    NotUtf8,
    TooLong,
}

/// The next line (without its break) and the bytes it took; `None` at the end.
pub fn next_line<R: BufRead>(input: &mut R) -> io::Result<Option<(Line, u64)>> {
    let mut bytes = Vec::new();
    let (mut used, mut cut) = (0u64, false);
    loop {
        let avail = input.fill_buf()?;
        if avail.is_empty() {
            if used == 0 {
                return Ok(None);
            }
            break;
        }
        let (take, end) = match avail.iter().position(|&c| c == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !cut {
            let room = (LIMIT as usize).saturating_sub(bytes.len());
            if take > room {
                cut = true;
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(&avail[..take]);
            }
        }
        input.consume(take);
        used += take as u64;
        if end {
            break;
        }
        if cut && used > LIMIT + SKIP_CAP {
            return Err(endless());
        }
    }
    if cut {
        return Ok(Some((Line::TooLong, used)));
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(s) => (Line::Text(s), used),
        Err(_) => (Line::NotUtf8, used),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &[u8]) -> Vec<u64> {
        let whole = lines_in(text, text.len());
        // Read a byte at a time too: a CRLF split between reads is one break.
        assert_eq!(lines_in(text, 1), whole, "{text:?}");
        whole
    }

    fn lines_in(text: &[u8], read: usize) -> Vec<u64> {
        let (mut b, t) = Bounded::new(std::io::BufReader::with_capacity(read, text));
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&mut b);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while rdr.read_byte_record(&mut rec).unwrap() {
            let end = rdr.position().byte();
            t.record_done();
            out.push(t.line_of(end, breaks_in(rec.as_slice())));
        }
        out
    }

    #[test]
    fn rows_are_numbered_by_file_line_for_every_line_ending() {
        assert_eq!(lines_of(b"h,x\nA,1\nB,2\n"), [1, 2, 3]);
        assert_eq!(lines_of(b"h,x\r\nA,1\r\nB,2\r\n"), [1, 2, 3]);
        assert_eq!(lines_of(b"h,x\rA,1\rB,2\r"), [1, 2, 3]);
        assert_eq!(lines_of(b"h,x\n\nA,\"1\n2\"\nB,2\n"), [1, 3, 5]);
        assert_eq!(lines_of(b"h,x\r\n\r\nA,\"1\r\n2\"\r\nB,2"), [1, 3, 5]);
        assert_eq!(lines_of(b"h,x\r\rA,1\rB,2"), [1, 3, 4]);
    }

    #[test]
    fn breaks_inside_a_record_count_crlf_once() {
        for (text, n) in [
            (&b""[..], 0),
            (b"abc", 0),
            (b"a\nb", 1),
            (b"a\r\nb", 1),
            (b"a\rb\r", 2),
            (b"\n\n", 2),
            (b"\r\n\r\n\r", 3),
            (b"\n\r", 2),
        ] {
            assert_eq!(breaks_in(text), n, "{text:?}");
        }
    }

    #[test]
    fn lines_are_bounded() {
        let mut long = vec![b'x'; LIMIT as usize + 10];
        long.extend_from_slice(b"\n{}\n\xff\n");
        let mut r: &[u8] = &long;
        assert!(matches!(
            next_line(&mut r).unwrap(),
            Some((Line::TooLong, _))
        ));
        assert!(matches!(next_line(&mut r).unwrap(), Some((Line::Text(t), 3)) if t == "{}\n"));
        assert!(matches!(
            next_line(&mut r).unwrap(),
            Some((Line::NotUtf8, 2))
        ));
        assert!(next_line(&mut r).unwrap().is_none());
    }
}
