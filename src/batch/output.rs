//! Result records: one per input row, scored or failed, as CSV, JSON Lines
//! or one JSON array. Decimals are written as text so they stay exact.

use super::row::RowError;
use crate::check::show;
use crate::check::Checked;
use crate::diag::{Lang, Word};
use crate::eval::Scorecard;
use serde_json::{json, Map, Value as J};

mod score;
use score::write_marks;
pub use score::{write_mantissa, write_score};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    Csv,
    Jsonl,
    Json,
}

/// A row's ledger, as text and as data.
pub struct Explained {
    pub text: String,
    pub ledger: J,
    pub vetoes: J,
}

pub struct Out<'c> {
    pub c: &'c Checked,
    pub format: OutFormat,
    pub lang: Lang,
    pub explain: bool,
    pub cells: Option<&'c Cells>,
    /// Each grade's name as a CSV cell, made once.
    pub grade_cells: Vec<String>,
}

impl<'c> Out<'c> {
    pub fn new(
        c: &'c Checked,
        format: OutFormat,
        lang: Lang,
        explain: bool,
        cells: Option<&'c Cells>,
    ) -> Out<'c> {
        let grade_cells = c
            .grades
            .iter()
            .map(|g| crate::report::csv::cell(&g.name).into_owned())
            .collect();
        Out {
            c,
            format,
            lang,
            explain,
            cells,
            grade_cells,
        }
    }
}

/// Where a sheet keeps each input: its name and the column letters.
#[derive(Clone, Debug, Default)]
pub struct Cells {
    pub sheet: String,
    /// Input name → column letters (`C`).
    pub columns: Vec<(String, String)>,
}

impl Cells {
    /// `明细!C7 预算完成率`, or the bare input name off a sheet.
    fn at(cells: Option<&Cells>, input: &str, row: u64) -> String {
        let letters = cells.and_then(|c| {
            c.columns
                .iter()
                .find(|(n, _)| n == input)
                .map(|(_, l)| (c.sheet.as_str(), l))
        });
        match letters {
            Some((sheet, l)) => format!("{sheet}!{l}{row} {input}"),
            None => input.to_string(),
        }
    }
}

/// A cell as `report::csv::cell` writes it: quoted when needed, and a text
/// that Excel would run as a formula (`=1+2` as a unit name) defused.
fn csv_field(buf: &mut Vec<u8>, first: bool, f: &str) {
    if !first {
        buf.push(b',');
    }
    // What `cell` leaves as it is (most unit names): no formula lead, nothing to quote.
    let plain = |b: &[u8]| {
        b.first()
            .is_none_or(|c| !matches!(c, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
            && !b.iter().any(|c| matches!(c, b',' | b'"' | b'\n' | b'\r'))
    };
    if plain(f.as_bytes()) {
        buf.extend_from_slice(f.as_bytes());
    } else {
        buf.extend_from_slice(crate::report::csv::cell(f).as_bytes());
    }
}

/// What a scored row shows: its scorecard, or the hot path's results
/// straight (the same text, without building the card's decimals).
#[derive(Clone, Copy)]
pub enum Shown<'a> {
    Card(&'a Scorecard),
    Marks {
        total: rust_decimal::Decimal,
        grade: usize,
        /// Each indicator's score as a mantissa at the rubric's places.
        scores: &'a [i128],
    },
}

impl Shown<'_> {
    fn total(&self) -> rust_decimal::Decimal {
        match self {
            Shown::Card(c) => c.total,
            Shown::Marks { total, .. } => *total,
        }
    }

    fn grade(&self) -> usize {
        match self {
            Shown::Card(c) => c.grade,
            Shown::Marks { grade, .. } => *grade,
        }
    }

    fn len(&self) -> usize {
        match self {
            Shown::Card(c) => c.indicators.len(),
            Shown::Marks { scores, .. } => scores.len(),
        }
    }

    /// Indicator `i`'s score as text with `places` decimals.
    fn write(&self, buf: &mut Vec<u8>, i: usize, places: u32) {
        match self {
            Shown::Card(c) => write_score(buf, c.indicators[i].score, places),
            Shown::Marks { scores, .. } => write_mantissa(buf, scores[i], places),
        }
    }
}

fn csv_line<S: AsRef<str>>(buf: &mut Vec<u8>, fields: impl IntoIterator<Item = S>) {
    for (i, f) in fields.into_iter().enumerate() {
        csv_field(buf, i == 0, f.as_ref());
    }
    buf.push(b'\n');
}

impl Out<'_> {
    /// What precedes the records: the CSV header row, or `[` of a JSON array.
    pub fn head(&self) -> Vec<u8> {
        let mut buf = Vec::new();
        match self.format {
            OutFormat::Csv => {
                let w = |w: Word| w.text(self.lang).to_string();
                let mut f = vec![
                    w(Word::BatchRow),
                    w(Word::BatchUnit),
                    w(Word::Total),
                    w(Word::Grade),
                ];
                f.extend(self.c.indicators.iter().map(|i| i.name.clone()));
                f.push(w(Word::BatchError));
                if self.explain {
                    f.push(w(Word::BatchExplain));
                }
                csv_line(&mut buf, f);
            }
            OutFormat::Json => buf.extend_from_slice(b"["),
            OutFormat::Jsonl => {}
        }
        buf
    }

    pub fn tail(&self) -> &'static [u8] {
        match self.format {
            OutFormat::Json => b"\n]\n",
            _ => b"",
        }
    }

    fn json(&self, buf: &mut Vec<u8>, v: J) {
        if self.format == OutFormat::Json {
            // Each record leads with a comma; the writer drops the very first.
            buf.extend_from_slice(b",\n");
        }
        buf.extend_from_slice(v.to_string().as_bytes());
        if self.format == OutFormat::Jsonl {
            buf.push(b'\n');
        }
    }

    pub fn scored(
        &self,
        buf: &mut Vec<u8>,
        row: u64,
        unit: Option<&str>,
        card: Shown,
        explain: Option<Explained>,
    ) {
        let places = self.c.rounding.places;
        let grade = self
            .c
            .grades
            .get(card.grade())
            .map(|g| g.name.as_str())
            .unwrap_or("");
        match self.format {
            OutFormat::Csv => {
                // A row number is digits: no quoting or defusing to do.
                write_mantissa(buf, i128::from(row), 0);
                csv_field(buf, false, unit.unwrap_or(""));
                buf.push(b',');
                write_score(buf, card.total(), places);
                buf.push(b',');
                match self.grade_cells.get(card.grade()) {
                    Some(g) => buf.extend_from_slice(g.as_bytes()),
                    None => buf.extend_from_slice(crate::report::csv::cell(grade).as_bytes()),
                }
                match card {
                    Shown::Marks { scores, .. } => write_marks(buf, scores, places),
                    Shown::Card(_) => {
                        for i in 0..card.len() {
                            buf.push(b',');
                            card.write(buf, i, places);
                        }
                    }
                }
                // The error cell, empty.
                buf.push(b',');
                if self.explain {
                    csv_field(buf, false, explain.as_ref().map_or("", |e| e.text.as_str()));
                }
                buf.push(b'\n');
            }
            _ => {
                let mut text = Vec::new();
                let mut score = |i: usize| match card {
                    Shown::Card(c) => J::String(show::score(c.indicators[i].score, places)),
                    Shown::Marks { .. } => {
                        text.clear();
                        card.write(&mut text, i, places);
                        J::String(String::from_utf8_lossy(&text).into_owned())
                    }
                };
                let scores: Map<String, J> = self
                    .c
                    .indicators
                    .iter()
                    .take(card.len())
                    .enumerate()
                    .map(|(i, ind)| (ind.name.clone(), score(i)))
                    .collect();
                let mut v = json!({"row": row, "unit": unit, "total": show::score(card.total(), places), "grade": grade, "scores": scores});
                if let (Some(e), Some(o)) = (explain, v.as_object_mut()) {
                    o.insert(
                        "explain".into(),
                        e.text.lines().map(|l| J::String(l.to_string())).collect(),
                    );
                    o.insert("ledger".into(), e.ledger);
                    o.insert("veto_rules".into(), e.vetoes);
                }
                self.json(buf, v);
            }
        }
    }

    /// A row with facts marked unknown: ranged scores as `[min, max]` (CSV),
    /// or `null` beside `*_min`/`*_max` fields (JSON), never one end as the value.
    pub fn ranged(
        &self,
        buf: &mut Vec<u8>,
        row: u64,
        unit: Option<&str>,
        p: &crate::facts::partial::Partial,
    ) {
        let places = self.c.rounding.places;
        let range = |lo, hi| {
            if lo == hi {
                show::score(lo, places)
            } else {
                format!("[{}, {}]", show::score(lo, places), show::score(hi, places))
            }
        };
        let grades: Vec<&str> = p
            .grades
            .iter()
            .filter_map(|&g| self.c.grades.get(g).map(|x| x.name.as_str()))
            .collect();
        let unknown: Vec<&str> = p.unknown.iter().map(|u| self.c.slot_name(u.slot)).collect();
        match self.format {
            OutFormat::Csv => {
                let mut f = vec![
                    row.to_string(),
                    unit.unwrap_or("").to_string(),
                    range(p.total.0, p.total.1),
                    grades.join(" / "),
                ];
                f.extend((0..p.lo.len()).map(|i| range(p.lo[i], p.hi[i])));
                f.push(String::new());
                if self.explain {
                    let w = Word::UnknownFacts.text(self.lang);
                    let colon = Word::Colon.text(self.lang);
                    f.push(format!(
                        "{w}{colon}{}",
                        unknown.join(Word::Comma.text(self.lang))
                    ));
                }
                csv_line(buf, f);
            }
            _ => {
                let one = |lo, hi| {
                    if lo == hi {
                        J::String(show::score(lo, places))
                    } else {
                        J::Null
                    }
                };
                let names = self.c.indicators.iter().map(|i| i.name.clone());
                let scores: Map<String, J> = names
                    .clone()
                    .enumerate()
                    .map(|(i, n)| (n, one(p.lo[i], p.hi[i])))
                    .collect();
                let end = |v: &[rust_decimal::Decimal]| -> Map<String, J> {
                    names
                        .clone()
                        .zip(v)
                        .map(|(n, d)| (n, J::String(show::score(*d, places))))
                        .collect()
                };
                let grade = match grades.as_slice() {
                    [g] => J::String(g.to_string()),
                    _ => J::Null,
                };
                let v = json!({"row": row, "unit": unit,
                    "total": one(p.total.0, p.total.1), "grade": grade, "scores": scores,
                    "total_min": show::score(p.total.0, places), "total_max": show::score(p.total.1, places),
                    "grades": grades, "scores_min": end(&p.lo), "scores_max": end(&p.hi),
                    "unknown": unknown});
                self.json(buf, v);
            }
        }
    }

    pub fn failed(&self, buf: &mut Vec<u8>, row: u64, unit: Option<&str>, e: &RowError) {
        let text = e.msg.text(self.lang);
        let code = e.msg.code();
        match self.format {
            OutFormat::Csv => {
                let mut f = vec![
                    row.to_string(),
                    unit.unwrap_or("").to_string(),
                    String::new(),
                    String::new(),
                ];
                f.extend(self.c.indicators.iter().map(|_| String::new()));
                let at = e
                    .column
                    .as_deref()
                    .map(|c| format!(" [{}]", Cells::at(self.cells, c, row)))
                    .unwrap_or_default();
                f.push(format!("{code}{at} {text}"));
                if self.explain {
                    f.push(String::new());
                }
                csv_line(buf, f);
            }
            _ => {
                let mut v = json!({"row": row, "unit": unit, "error": {"code": code, "column": e.column, "message": text}});
                if let (Some(col), Some(cells), Some(err)) = (
                    &e.column,
                    self.cells,
                    v.get_mut("error").and_then(J::as_object_mut),
                ) {
                    let at = Cells::at(Some(cells), col, row);
                    if let Some((cell, _)) = at.split_once(' ') {
                        err.insert("cell".into(), J::String(cell.to_string()));
                    }
                }
                self.json(buf, v);
            }
        }
    }
}
