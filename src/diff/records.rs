//! The records of a units CSV, read as a stream: the same reading as
//! [`super::data::read_csv`] (quoted fields with commas, `""` and line
//! breaks; LF, CRLF or lone CR line ends), but a line at a time, so a file
//! of a million units is never held whole. Each record keeps only its own
//! lines (its [`Window`]), for the diagnostics that point into it.

use std::io::{self, BufRead};

/// The lines of the data file that hold one record, numbered as in the file.
#[derive(Clone, Debug, Default)]
pub struct Window {
    pub text: String,
    /// Byte offset of `text` in the file.
    pub base: usize,
    /// The file line (counting `\n`, `\r\n` and lone `\r`, as diagnostics
    /// do) `text` begins on.
    pub first_line: usize,
}

/// One record: its fields with their byte offsets in the file, and the file
/// line it starts on (a lone CR counts as a line end, as `batch` counts).
pub struct Record {
    /// Each field's text (empty in [`Records::light`] mode) and offset.
    pub fields: Vec<(String, usize)>,
    /// Every field is blank (spaces at most).
    pub blank: bool,
    pub line: usize,
    pub window: Window,
}

pub enum Problem {
    /// A quote opened at this file offset never closes; the window holds its line.
    Unclosed(usize, Window),
    NotUtf8,
    Io(io::Error),
}

pub struct Records<R> {
    input: R,
    /// The chunk being read (one `\n`-ended line) and where it begins.
    chunk: String,
    chunk_base: usize,
    chunk_line: usize,
    pos: usize,
    /// Offset of the next chunk; `\n`-lines before it.
    next_base: usize,
    next_line: usize,
    eof: bool,
    bom_checked: bool,
    // The record being built.
    row: Vec<(String, usize)>,
    field: String,
    start: usize,
    line: usize,
    row_line: usize,
    quoted_at: Option<usize>,
    quote_window: Window,
    window: Window,
    in_record: bool,
    /// The record being built has a field that is not blank.
    filled: bool,
    /// Keep no field's text, only where each begins and whether the record
    /// is blank: the first pass of a diff checks the records' shape alone,
    /// and a million fields' strings would cost it more than the reading.
    pub light: bool,
}

impl<R: BufRead> Records<R> {
    pub fn new(input: R) -> Records<R> {
        Records {
            input,
            chunk: String::new(),
            chunk_base: 0,
            chunk_line: 1,
            pos: 0,
            next_base: 0,
            next_line: 1,
            eof: false,
            bom_checked: false,
            row: Vec::new(),
            field: String::new(),
            start: 0,
            line: 1,
            row_line: 1,
            quoted_at: None,
            quote_window: Window::default(),
            window: Window::default(),
            in_record: false,
            filled: false,
            light: false,
        }
    }

    /// The next `\n`-ended line into `chunk`; false at the end.
    fn refill(&mut self) -> Result<bool, Problem> {
        // The last chunk's buffer, reused.
        let mut bytes = std::mem::take(&mut self.chunk).into_bytes();
        bytes.clear();
        let n = self
            .input
            .read_until(b'\n', &mut bytes)
            .map_err(Problem::Io)?;
        if n == 0 {
            self.eof = true;
            return Ok(false);
        }
        self.chunk = String::from_utf8(bytes).map_err(|_| Problem::NotUtf8)?;
        self.chunk_base = self.next_base;
        self.chunk_line = self.next_line;
        self.next_base += n;
        // Lines as diagnostics count them: `\n`, `\r\n` or a lone `\r`.
        // (A chunk ends at its one `\n`; most hold no `\r`.)
        let b = self.chunk.as_bytes();
        self.next_line += if b.contains(&b'\r') {
            b.iter()
                .enumerate()
                .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
                .count()
        } else {
            usize::from(b.ends_with(b"\n"))
        };
        self.pos = 0;
        if !self.bom_checked {
            self.bom_checked = true;
            if self.chunk.starts_with('\u{feff}') {
                self.pos = '\u{feff}'.len_utf8();
                self.start = self.pos;
            }
        }
        if !self.in_record {
            self.window = Window {
                text: String::new(),
                base: self.chunk_base,
                first_line: self.chunk_line,
            };
        }
        self.window.text.push_str(&self.chunk);
        Ok(true)
    }

    fn peek(&self, after: usize) -> Option<char> {
        self.chunk[after..].chars().next()
    }

    fn end_record(&mut self) -> Record {
        self.in_record = false;
        let window = std::mem::take(&mut self.window);
        // The next record is likely as wide: room for its fields at once.
        let width = self.row.len();
        Record {
            fields: std::mem::replace(&mut self.row, Vec::with_capacity(width)),
            blank: !std::mem::replace(&mut self.filled, false),
            line: self.row_line,
            window,
        }
    }

    fn end_field(&mut self) {
        // One field that is not blank settles it for the record.
        self.filled = self.filled || !self.field.trim().is_empty();
        let f = if self.light {
            self.field.clear();
            String::new()
        } else {
            std::mem::take(&mut self.field)
        };
        self.row.push((f, self.start));
    }

    fn step(&mut self) -> Result<Option<Record>, Problem> {
        loop {
            if self.pos >= self.chunk.len() {
                if self.eof || !self.refill()? {
                    if let Some(at) = self.quoted_at {
                        return Err(Problem::Unclosed(at, self.quote_window.clone()));
                    }
                    if !self.field.is_empty() || !self.row.is_empty() {
                        self.end_field();
                        return Ok(Some(self.end_record()));
                    }
                    return Ok(None);
                }
                continue;
            }
            self.in_record = true;
            // A run of ordinary characters is copied whole: what ends it
            // (comma, quote, line end) is ASCII, so the run ends on a
            // character boundary and goes through the match below.
            let rest = &self.chunk.as_bytes()[self.pos..];
            let quoted = self.quoted_at.is_some();
            let run = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\r' | b'\n') || (b == b',' && !quoted))
                .unwrap_or(rest.len());
            if run > 0 {
                self.field.push_str(&self.chunk[self.pos..self.pos + run]);
                self.pos += run;
                continue;
            }
            let ch = self.chunk[self.pos..].chars().next().unwrap_or('\0');
            let i = self.chunk_base + self.pos;
            self.pos += ch.len_utf8();
            if self.quoted_at.is_some() {
                match ch {
                    '"' if self.peek(self.pos) == Some('"') => {
                        self.field.push('"');
                        self.pos += 1;
                    }
                    '"' => self.quoted_at = None,
                    '\r' if self.peek(self.pos) == Some('\n') => {}
                    '\r' | '\n' => {
                        self.line += 1;
                        self.field.push(ch);
                    }
                    _ => self.field.push(ch),
                }
                continue;
            }
            match ch {
                '"' if self.field.is_empty() => {
                    self.quoted_at = Some(i);
                    self.quote_window = Window {
                        text: self.chunk.clone(),
                        base: self.chunk_base,
                        first_line: self.chunk_line,
                    };
                }
                ',' => {
                    self.end_field();
                    self.start = i + 1;
                }
                '\r' if self.peek(self.pos) == Some('\n') => {}
                '\r' | '\n' => {
                    self.end_field();
                    self.line += 1;
                    self.start = i + 1;
                    let rec = self.end_record();
                    self.row_line = self.line;
                    // A record that ends inside a chunk (a lone CR) starts
                    // the next one's window at the rest of the chunk.
                    if self.pos < self.chunk.len() {
                        self.in_record = true;
                        self.window = Window {
                            text: self.chunk[self.pos..].to_string(),
                            base: self.chunk_base + self.pos,
                            first_line: self.line,
                        };
                    }
                    return Ok(Some(rec));
                }
                _ => self.field.push(ch),
            }
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        self.step().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Vec<(String, usize)>, usize)> {
        Records::new(text.as_bytes())
            .map(|r| {
                let r = r.ok().unwrap();
                (r.fields, r.line)
            })
            .collect()
    }

    #[test]
    fn records_as_the_whole_file_reader_reads_them() {
        let r = read("\u{feff}a,b\r\n\"x,\"\"1\"\"\r\n2\",3\r\n\r\nc,d");
        assert_eq!(r[0], (vec![("a".into(), 3), ("b".into(), 5)], 1));
        assert_eq!(r[1], (vec![("x,\"1\"\n2".into(), 8), ("3".into(), 21)], 2));
        assert_eq!(r[2], (vec![(String::new(), 24)], 4));
        assert_eq!(r[3], (vec![("c".into(), 26), ("d".into(), 28)], 5));
        let cr = read("a,b\rc,d\r");
        assert_eq!(cr[1], (vec![("c".into(), 4), ("d".into(), 6)], 2));
        assert!(matches!(
            Records::new("a\n\"x\n".as_bytes()).nth(1),
            Some(Err(Problem::Unclosed(2, _)))
        ));
    }

    /// A light reader keeps no text but finds the same fields, lines and
    /// blank records, and the same unclosed quote.
    #[test]
    fn a_light_reader_keeps_the_shape() {
        let text = "a,b\r\n\"x,\"\"1\"\"\r\n2\",3\r\n ,\r\n\r\nc,d\rlast";
        let read = |light: bool| {
            let mut r = Records::new(text.as_bytes());
            r.light = light;
            r.map(|r| r.ok().unwrap())
                .map(|r| {
                    let at: Vec<usize> = r.fields.iter().map(|f| f.1).collect();
                    (at, r.line, r.blank, r.window.text, r.window.first_line)
                })
                .collect::<Vec<_>>()
        };
        let (whole, light) = (read(false), read(true));
        assert_eq!(whole, light);
        let blank: Vec<bool> = whole.iter().map(|r| r.2).collect();
        assert_eq!(blank, [false, false, true, true, false, false]);
        let mut r = Records::new("a\n\"x\n".as_bytes());
        r.light = true;
        assert!(matches!(r.nth(1), Some(Err(Problem::Unclosed(2, _)))));
        let mut r = Records::new("a,b\nc,d".as_bytes());
        r.light = true;
        assert!(r.all(|r| r.ok().unwrap().fields.iter().all(|f| f.0.is_empty())));
    }
}
