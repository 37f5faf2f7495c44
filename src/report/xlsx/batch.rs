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
    let mut wb = Workbook::new();
    write(&mut wb, c, rows, lang).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}

fn write(wb: &mut Workbook, c: &Checked, rows: &[BatchRow], lang: Lang) -> Result<(), XlsxError> {
    let places = c.rounding.places;
    let f = Formats::new(places);
    let results = Word::SheetResults.text(lang);
    let scored: Vec<(&BatchRow, &Scored)> = rows
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok().map(|s| (r, s)))
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(results)?;
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
    for (n, (r, s)) in scored.iter().enumerate() {
        let row = n as u32 + 1;
        ws.write_number_with_format(row, 0, r.row as f64, &f.center)?;
        ws.write_string_with_format(row, 1, r.unit.as_deref().unwrap_or(""), &f.text)?;
        ws.write_number_with_format(row, 2, num(s.total), &f.score)?;
        ws.write_string_with_format(row, 3, &s.grade, &f.center)?;
        for (i, v) in s.scores.iter().enumerate() {
            ws.write_number_with_format(row, 4 + i as u16, num(*v), &f.score)?;
        }
    }
    ws.set_freeze_panes(1, 2)?;
    print_setup(ws, 0)?;
    summary(
        wb.add_worksheet(),
        c,
        &scored,
        rows.len() - scored.len(),
        lang,
        &f,
    )?;
    let ws = wb.add_worksheet();
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
    let failed = rows
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(|e| (r, e)));
    for (n, (r, e)) in failed.enumerate() {
        let row = n as u32 + 1;
        ws.write_number_with_format(row, 0, r.row as f64, &f.center)?;
        ws.write_string_with_format(row, 1, r.unit.as_deref().unwrap_or(""), &f.text)?;
        ws.write_string_with_format(row, 2, &e.code, &f.center)?;
        ws.write_string_with_format(row, 3, &e.at, &f.text)?;
        ws.write_string_with_format(row, 4, &e.message, &f.text)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 0)?;
    Ok(())
}

fn summary(
    ws: &mut Worksheet,
    c: &Checked,
    scored: &[(&BatchRow, &Scored)],
    failed: usize,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let places = c.rounding.places;
    let results = Word::SheetResults.text(lang);
    ws.set_name(Word::SheetSummary.text(lang))?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 14)?;
    let n = scored.len();
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
        failed.to_string(),
        &f.center,
    )?;
    let totals: Vec<Decimal> = scored.iter().map(|(_, s)| s.total).collect();
    let mean = |v: &[Decimal]| -> Decimal {
        if v.is_empty() {
            return Decimal::ZERO;
        }
        v.iter().copied().sum::<Decimal>() / Decimal::from(v.len() as u64)
    };
    let total = Word::Total.text(lang);
    let stats = [
        (Word::Mean, "AVERAGE", mean(&totals)),
        (
            Word::Min,
            "MIN",
            totals.iter().copied().min().unwrap_or_default(),
        ),
        (
            Word::Max,
            "MAX",
            totals.iter().copied().max().unwrap_or_default(),
        ),
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
    for g in &c.grades {
        let count = scored.iter().filter(|(_, s)| s.grade == g.name).count();
        let label = format!("{}：{}", Word::Grade.text(lang), g.name);
        let fm = format!("=COUNTIF({},\"{}\")", range(3), g.name.replace('"', "\"\""));
        put(ws, &label, Some(fm), count.to_string(), &f.center)?;
    }
    for (i, ind) in c.indicators.iter().enumerate() {
        let v: Vec<Decimal> = scored.iter().map(|(_, s)| s.scores[i]).collect();
        let lost = ind.weight - mean(&v);
        let label = format!("{}：{}", Word::MeanLost.text(lang), ind.name);
        let fm = format!("={}-AVERAGE({})", ind.weight.normalize(), range(4 + i));
        put(ws, &label, Some(fm), shown(lost), &f.text)?;
    }
    print_setup(ws, 0)?;
    Ok(())
}

fn col_name(i: usize) -> String {
    col(i)
}
