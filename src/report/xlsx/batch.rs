//! The batch workbook: 结果 (a row per scored unit with every indicator's
//! score), 汇总 (units, mean/min/max total, units per grade, mean points lost
//! per indicator, each a formula over 结果 with its value cached), and 错误
//! (the rows that did not score, with code, cell and message).

use super::{fail, num, print_setup, Formats};
use crate::check::show::score;
use crate::check::Checked;
use crate::diag::{Lang, Word};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_xlsxwriter::{Formula, Workbook, Worksheet, XlsxError};

/// One record of a batch run.
#[derive(Clone, Debug)]
pub struct BatchRow {
    pub row: u64,
    pub unit: Option<String>,
    pub outcome: Result<Scored, Failed>,
}

#[derive(Clone, Debug)]
pub struct Scored {
    pub total: Decimal,
    pub grade: String,
    /// One per indicator of the rubric, in its order.
    pub scores: Vec<Decimal>,
}

#[derive(Clone, Debug)]
pub struct Failed {
    pub code: String,
    /// `明细!C7` or the input's name, when one is at fault.
    pub at: String,
    pub message: String,
}

impl BatchRow {
    pub fn scored(row: u64, unit: Option<String>, s: Scored) -> BatchRow {
        BatchRow {
            row,
            unit,
            outcome: Ok(s),
        }
    }
}

fn col(i: usize) -> String {
    crate::sheet::column_letters(i as u32)
}

pub fn batch_workbook(c: &Checked, rows: &[BatchRow], lang: Lang) -> Result<Vec<u8>, String> {
    let mut book = BatchBook::new(c, lang)?;
    for r in rows {
        book.push(r)?;
    }
    book.finish()
}

/// The batch workbook written a row at a time: 结果 and 错误 in
/// rust_xlsxwriter's constant-memory mode (each row goes to a temporary
/// file as soon as the next begins), 汇总 from running sums at the end. So
/// memory stays flat however many units there are; only the finished,
/// compressed workbook is held.
pub struct BatchBook<'c> {
    wb: Workbook,
    c: &'c Checked,
    lang: Lang,
    f: Formats,
    stats: Stats,
}

/// What 汇总 needs, kept as rows go by.
struct Stats {
    scored: usize,
    failed: usize,
    sum: Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
    grades: Vec<usize>,
    /// Sum of each indicator's scores.
    indicators: Vec<Decimal>,
}

const RESULTS: usize = 0;
const SUMMARY: usize = 1;
const ERRORS: usize = 2;

impl<'c> BatchBook<'c> {
    pub fn new(c: &'c Checked, lang: Lang) -> Result<BatchBook<'c>, String> {
        let mut book = BatchBook {
            wb: Workbook::new(),
            c,
            lang,
            f: Formats::new(c.rounding.places),
            stats: Stats {
                scored: 0,
                failed: 0,
                sum: Decimal::ZERO,
                min: None,
                max: None,
                grades: vec![0; c.grades.len()],
                indicators: vec![Decimal::ZERO; c.indicators.len()],
            },
        };
        book.heads().map_err(fail)?;
        Ok(book)
    }

    fn heads(&mut self) -> Result<(), XlsxError> {
        let (c, lang, f) = (self.c, self.lang, &self.f);
        let ws = self.wb.add_worksheet_with_constant_memory()?;
        ws.set_name(Word::SheetResults.text(lang))?;
        let mut head = vec![
            Word::BatchRow.text(lang).to_string(),
            Word::BatchUnit.text(lang).to_string(),
            Word::Total.text(lang).to_string(),
            Word::Grade.text(lang).to_string(),
        ];
        head.extend(c.indicators.iter().map(|i| i.name.clone()));
        for (i, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, h, &f.head)?;
            ws.set_column_width(i as u16, if i == 1 { 24.0 } else { 10.0 })?;
        }
        ws.set_freeze_panes(1, 2)?;
        print_setup(ws, 0)?;
        // Small and written last, from the running sums.
        self.wb
            .add_worksheet()
            .set_name(Word::SheetSummary.text(lang))?;
        let ws = self.wb.add_worksheet_with_constant_memory()?;
        ws.set_name(Word::SheetErrors.text(lang))?;
        let heads = [
            (Word::BatchRow, 8.0),
            (Word::BatchUnit, 24.0),
            (Word::ErrorCode, 8.0),
            (Word::ErrorCell, 24.0),
            (Word::BatchError, 60.0),
        ];
        for (i, (w, width)) in heads.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, w.text(lang), &f.head)?;
            ws.set_column_width(i as u16, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        print_setup(ws, 0)?;
        Ok(())
    }

    /// Write one record: a row of 结果, or of 错误 when it failed.
    pub fn push(&mut self, r: &BatchRow) -> Result<(), String> {
        self.write(r).map_err(fail)
    }

    fn write(&mut self, r: &BatchRow) -> Result<(), XlsxError> {
        let (c, f, st) = (self.c, &self.f, &mut self.stats);
        match &r.outcome {
            Ok(s) => {
                st.scored += 1;
                let row = st.scored as u32;
                st.sum += s.total;
                st.min = Some(st.min.map_or(s.total, |m| m.min(s.total)));
                st.max = Some(st.max.map_or(s.total, |m| m.max(s.total)));
                if let Some(g) = c.grades.iter().position(|g| g.name == s.grade) {
                    st.grades[g] += 1;
                }
                for (sum, v) in st.indicators.iter_mut().zip(&s.scores) {
                    *sum += *v;
                }
                let ws = self.wb.worksheet_from_index(RESULTS)?;
                ws.write_number_with_format(row, 0, r.row as f64, &f.center)?;
                ws.write_string_with_format(row, 1, r.unit.as_deref().unwrap_or(""), &f.text)?;
                ws.write_number_with_format(row, 2, num(s.total), &f.score)?;
                ws.write_string_with_format(row, 3, &s.grade, &f.center)?;
                for (i, v) in s.scores.iter().enumerate() {
                    ws.write_number_with_format(row, 4 + i as u16, num(*v), &f.score)?;
                }
            }
            Err(e) => {
                st.failed += 1;
                let row = st.failed as u32;
                let ws = self.wb.worksheet_from_index(ERRORS)?;
                ws.write_number_with_format(row, 0, r.row as f64, &f.center)?;
                ws.write_string_with_format(row, 1, r.unit.as_deref().unwrap_or(""), &f.text)?;
                ws.write_string_with_format(row, 2, &e.code, &f.center)?;
                ws.write_string_with_format(row, 3, &e.at, &f.text)?;
                ws.write_string_with_format(row, 4, &e.message, &f.text)?;
            }
        }
        Ok(())
    }

    /// Write 汇总 and the workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        self.summary()?;
        self.wb.save_to_buffer().map_err(fail)
    }

    /// Write 汇总 and the workbook into `w`.
    pub fn finish_to<W: std::io::Write + std::io::Seek + Send>(
        mut self,
        w: W,
    ) -> Result<(), String> {
        self.summary()?;
        self.wb.save_to_writer(w).map_err(fail)
    }

    fn summary(&mut self) -> Result<(), String> {
        let ws = self.wb.worksheet_from_index(SUMMARY).map_err(fail)?;
        summary(ws, self.c, &self.stats, self.lang, &self.f).map_err(fail)
    }
}

fn summary(
    ws: &mut Worksheet,
    c: &Checked,
    st: &Stats,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let places = c.rounding.places;
    let results = Word::SheetResults.text(lang);
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 14)?;
    let n = st.scored;
    let last = n + 1;
    let range = |col: usize| format!("'{results}'!{c}2:{c}{last}", c = col_name(col));
    let shown = |d: Decimal| {
        score(
            d.round_dp_with_strategy(places + 2, RoundingStrategy::MidpointAwayFromZero),
            places + 2,
        )
    };
    let mut row = 0u32;
    let mut put = |ws: &mut Worksheet,
                   label: &str,
                   formula: Option<String>,
                   cached: String,
                   fmt: &rust_xlsxwriter::Format|
     -> Result<(), XlsxError> {
        ws.write_string_with_format(row, 0, label, &f.head)?;
        match formula {
            Some(fm) if n > 0 => {
                ws.write_formula_with_format(row, 1, Formula::new(fm).set_result(cached), fmt)?;
            }
            _ => {
                ws.write_string_with_format(row, 1, &cached, fmt)?;
            }
        }
        row += 1;
        Ok(())
    };
    put(
        ws,
        Word::Units.text(lang),
        Some(format!("=COUNT({})", range(2))),
        n.to_string(),
        &f.center,
    )?;
    put(
        ws,
        Word::SheetErrors.text(lang),
        None,
        st.failed.to_string(),
        &f.center,
    )?;
    let mean = |sum: Decimal| -> Decimal {
        if n == 0 {
            return Decimal::ZERO;
        }
        sum / Decimal::from(n as u64)
    };
    let total = Word::Total.text(lang);
    let stats = [
        (Word::Mean, "AVERAGE", mean(st.sum)),
        (Word::Min, "MIN", st.min.unwrap_or_default()),
        (Word::Max, "MAX", st.max.unwrap_or_default()),
    ];
    for (w, func, v) in stats {
        let label = format!("{total}：{}", w.text(lang));
        put(
            ws,
            &label,
            Some(format!("={func}({})", range(2))),
            shown(v),
            &f.text,
        )?;
    }
    for (g, count) in c.grades.iter().zip(&st.grades) {
        let label = format!("{}：{}", Word::Grade.text(lang), g.name);
        let fm = format!("=COUNTIF({},\"{}\")", range(3), g.name.replace('"', "\"\""));
        put(ws, &label, Some(fm), count.to_string(), &f.center)?;
    }
    for (i, (ind, sum)) in c.indicators.iter().zip(&st.indicators).enumerate() {
        let lost = ind.weight - mean(*sum);
        // `指标 甲 75%`: the share and the points the mean is lost from.
        let label = match ind.percent {
            Some(p) => format!(
                "{}：{}（{}%{}{}{}）",
                Word::MeanLost.text(lang),
                ind.name,
                p.normalize(),
                Word::Comma.text(lang),
                ind.weight.normalize(),
                Word::Points.text(lang)
            ),
            None => format!("{}：{}", Word::MeanLost.text(lang), ind.name),
        };
        let fm = format!("={}-AVERAGE({})", ind.weight.normalize(), range(4 + i));
        put(ws, &label, Some(fm), shown(lost), &f.text)?;
    }
    print_setup(ws, 0)?;
    Ok(())
}

fn col_name(i: usize) -> String {
    col(i)
}
