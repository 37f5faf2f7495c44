//! Batch records (the pipeline's JSON Lines) back into rows of the
//! workbook a line at a time as the run writes them ([`Sink`]), so that a
//! big batch never holds its records.

use crate::check::Checked;
use crate::diag::Lang;
use crate::report::xlsx::batch::{Failed, Scored};
use crate::report::xlsx::{BatchBook, BatchRow};
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::io::Write;
use std::str::FromStr;

fn dec(v: Option<&J>) -> Decimal {
    v.and_then(J::as_str)
        .and_then(|s| Decimal::from_str(s).ok())
        .unwrap_or_default()
}

/// One JSON Lines record as a row; `None` for a blank or foreign line.
fn row(c: &Checked, line: &str, lang: Lang) -> Option<BatchRow> {
    if line.trim().is_empty() {
        return None;
    }
    let v = serde_json::from_str::<J>(line).ok()?;
    let row = v.get("row").and_then(J::as_u64).unwrap_or(0);
    let unit = v.get("unit").and_then(J::as_str).map(str::to_string);
    let outcome = match v.get("error") {
        // Ranges (facts marked unknown) have no cell in the workbook: the
        // row is listed as an error, never with one end as its score.
        None if v.get("total_min").is_some() => {
            let msg = crate::diag::Msg::PartialNoRanges {
                output: "xlsx".into(),
            };
            let unknown = v.get("unknown").and_then(J::as_array);
            let at = unknown
                .map(|u| {
                    u.iter()
                        .filter_map(J::as_str)
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .unwrap_or_default();
            Err(Failed {
                code: msg.code().to_string(),
                at,
                message: msg.text(lang),
            })
        }
        Some(e) => {
            let s = |k: &str| e.get(k).and_then(J::as_str).unwrap_or("").to_string();
            let at = match (s("cell"), s("column")) {
                (cell, col) if !cell.is_empty() => format!("{cell} {col}"),
                (_, col) => col,
            };
            Err(Failed {
                code: s("code"),
                at,
                message: s("message"),
            })
        }
        None => {
            let scores = v.get("scores");
            Ok(Scored {
                total: dec(v.get("total")),
                grade: v.get("grade").and_then(J::as_str).unwrap_or("").to_string(),
                scores: c
                    .indicators
                    .iter()
                    .map(|i| dec(scores.and_then(|s| s.get(&i.name))))
                    .collect(),
            })
        }
    };
    Some(BatchRow { row, unit, outcome })
}

/// Where the run writes its JSON Lines when the result is a workbook: each
/// complete line becomes a row of the workbook at once.
pub struct Sink<'c> {
    c: &'c Checked,
    lang: Lang,
    line: Vec<u8>,
    book: BatchBook<'c>,
    /// Why the workbook could not be written, when it could not.
    pub failed: Option<String>,
}

impl<'c> Sink<'c> {
    pub fn new(c: &'c Checked, lang: Lang) -> Result<Sink<'c>, String> {
        Ok(Sink {
            c,
            lang,
            line: Vec::new(),
            book: BatchBook::new(c, lang)?,
            failed: None,
        })
    }

    fn take_line(&mut self, end: usize) -> std::io::Result<()> {
        let line: Vec<u8> = self.line.drain(..=end).collect();
        if let Some(r) = row(self.c, &String::from_utf8_lossy(&line), self.lang) {
            if let Err(e) = self.book.push(&r) {
                self.failed = Some(e.clone());
                return Err(std::io::Error::other(e));
            }
        }
        Ok(())
    }

    /// The finished workbook.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        if !self.line.is_empty() {
            let end = self.line.len() - 1;
            self.take_line(end).map_err(|e| e.to_string())?;
        }
        self.book.finish()
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut from = self.line.len();
        self.line.extend_from_slice(buf);
        while let Some(n) = self.line[from..].iter().position(|&b| b == b'\n') {
            self.take_line(from + n)?;
            from = 0;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
