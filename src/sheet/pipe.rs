//! The second pass over a big sheet on a thread of its own, its CSV read
//! through [`std::io::BufRead`] as batch reads a CSV file: a few chunks in
//! flight at most, so memory stays flat however many rows the sheet has.

use super::header::Plan;
use super::stream::Layout;
use super::Book;
use crate::diag::Msg;
use std::io::{self, BufRead, Read};
use std::sync::mpsc::{sync_channel, Receiver};

/// Chunks of CSV text waiting to be read.
const IN_FLIGHT: usize = 4;

pub struct CsvPipe {
    rx: Receiver<Result<String, String>>,
    chunk: Vec<u8>,
    pos: usize,
}

/// Start writing the sheet's rows as CSV; the thread ends when the rows
/// do or when the pipe is dropped.
pub fn csv_pipe(mut book: Book, layout: Layout, plan: Plan) -> CsvPipe {
    let (tx, rx) = sync_channel(IN_FLIGHT);
    std::thread::spawn(move || {
        let done = book.write_csv(&layout, &plan, &mut |chunk| tx.send(Ok(chunk)).is_ok());
        if let Err(m) = done {
            let detail = match m {
                Msg::SheetUnreadable { detail, .. } => detail,
                other => format!("{other:?}"),
            };
            let _ = tx.send(Err(detail));
        }
    });
    CsvPipe {
        rx,
        chunk: Vec::new(),
        pos: 0,
    }
}

impl Read for CsvPipe {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for CsvPipe {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos >= self.chunk.len() {
            match self.rx.recv() {
                Ok(Ok(c)) => {
                    self.chunk = c.into_bytes();
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(io::Error::other(e)),
                // The writer is done: end of the text.
                Err(_) => return Ok(&[]),
            }
        }
        Ok(&self.chunk[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.chunk.len());
    }
}
