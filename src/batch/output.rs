//! Result records: one per input row, scored or failed, as CSV, JSON Lines
//! or one JSON array. Decimals are written as text so they stay exact.

use super::row::RowError;
use crate::check::show;
use crate::check::Checked;
use crate::diag::{Lang, Word};
use crate::eval::Scorecard;
use serde_json::{json, Map, Value as J};

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
    buf.extend_from_slice(crate::report::csv::cell(f).as_bytes());
}

/// A score with the rubric's places (`91.00`), written straight into the
/// buffer: the same text as `show::score`, without a String per number.
pub fn write_score(buf: &mut Vec<u8>, d: rust_decimal::Decimal, places: u32) {
    // Scores are rounded to the places already: at most a few zeros short.
    // Padding with zeros is what `rescale` does then, without its 96-bit
    // arithmetic; the padded mantissa is written as `write_mantissa` does.
    // A mantissa past 64 bits is left to `rescale`, which may not carry
    // the places (then Display decides, as `show::score` does).
    let pad = places.checked_sub(d.scale()).filter(|&z| z <= 19);
    let small = u64::try_from(d.mantissa().unsigned_abs()).is_ok();
    match pad.filter(|_| small) {
        // |m| < 2^64 times 10^19 fits an i128.
        Some(z) => write_mantissa(buf, d.mantissa() * 10i128.pow(z), places),
        None => write_rescaled(buf, d, places),
    }
}

/// A score given as its mantissa `m` at `places` decimals (|m| < 2^96):
/// the text [`write_score`] writes for that decimal, without building it.
/// The text is built right to left in a small array and copied once.
pub fn write_mantissa(buf: &mut Vec<u8>, m: i128, places: u32) {
    let Ok(n) = u64::try_from(m.unsigned_abs()) else {
        return write_wide(buf, m, places as usize);
    };
    // Eight bytes of room after the text, for the copy below.
    let mut text = [0u8; TEXT + 8];
    let neg = m < 0;
    // The usual places as constants, so that splitting off the places and
    // each digit is a multiplication rather than a division.
    let len = match places {
        0 => fill(&mut text, neg, n, 0),
        1 => fill(&mut text, neg, n, 1),
        2 => fill(&mut text, neg, n, 2),
        3 => fill(&mut text, neg, n, 3),
        4 => fill(&mut text, neg, n, 4),
        p @ 5..=19 => fill(&mut text, neg, n, p as usize),
        _ => return write_wide(buf, m, places as usize),
    };
    let start = TEXT - len;
    if len <= 8 {
        // Most scores (`91.00`): a copy of a fixed eight bytes is a single
        // move, where one of `len` bytes is a call; the bytes past the
        // text are cut off again.
        let end = buf.len() + len;
        buf.extend_from_slice(&text[start..start + 8]);
        buf.truncate(end);
    } else {
        buf.extend_from_slice(&text[start..TEXT]);
    }
}

/// A sign, up to 20 digits (or `p` + 1 with leading zeros) and a point.
const TEXT: usize = 24;

/// `n` at `p` ≤ 19 places, right-aligned in `text`: its length.
#[inline(always)]
fn fill(text: &mut [u8; TEXT + 8], neg: bool, n: u64, p: usize) -> usize {
    let (mut int, mut frac) = (n / POW10_U64[p], n % POW10_U64[p]);
    let mut i = TEXT;
    if p > 0 {
        for _ in 0..p {
            i -= 1;
            text[i] = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        i -= 1;
        text[i] = b'.';
    }
    loop {
        i -= 1;
        text[i] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        text[i] = b'-';
    }
    TEXT - i
}

/// 10^0 … 10^19.
const POW10_U64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// [`write_mantissa`] for a mantissa past 64 bits or many places.
fn write_wide(buf: &mut Vec<u8>, m: i128, p: usize) {
    let mut digits = [0u8; 40];
    let (mut n, mut i) = (m.unsigned_abs(), digits.len());
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    put_point(buf, m < 0, &digits[i..], p);
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

/// The general case: as `show::score` gives it, through `rescale`.
fn write_rescaled(buf: &mut Vec<u8>, mut d: rust_decimal::Decimal, places: u32) {
    d.rescale(places);
    if d.scale() != places {
        // Too large to carry the places: let Display decide, as show::score does.
        buf.extend_from_slice(d.to_string().as_bytes());
        return;
    }
    write_wide(buf, d.mantissa(), places as usize);
}

/// A mantissa's digits with the point `p` places from the right.
fn put_point(buf: &mut Vec<u8>, neg: bool, digits: &[u8], p: usize) {
    if neg {
        buf.push(b'-');
    }
    if digits.len() <= p {
        buf.push(b'0');
        if p > 0 {
            buf.push(b'.');
            buf.extend(std::iter::repeat_n(b'0', p - digits.len()));
            buf.extend_from_slice(digits);
        }
    } else {
        let (int, frac) = digits.split_at(digits.len() - p);
        buf.extend_from_slice(int);
        if p > 0 {
            buf.push(b'.');
            buf.extend_from_slice(frac);
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
                for i in 0..card.len() {
                    buf.push(b',');
                    card.write(buf, i, places);
                }
                csv_field(buf, false, "");
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
