//! One unit's 自评表: 一级/二级/三级指标 as merged cells, then 分值, 评分标准
//! (the rows as written in the rule file), 实际完成值 (the facts the rule
//! read, with units), 得分, 扣分原因 (from the ledger), 总分 as a formula
//! over the leaf scores, and 评价等级.

use super::{fail, merge, num, print_setup, Formats};
use crate::check::show::{score, value};
use crate::check::{Checked, Ty};
use crate::diag::{Lang, SourceMap, Word};
use crate::eval::trace::{Event, Ledger, StepKind};
use crate::eval::value::Value;
use crate::eval::{Scorecard, Status};
use crate::syntax::ast::IndicatorKind;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Note, Workbook, Worksheet, XlsxError};

/// At most this many indicator levels get a column; deeper ones share the last.
const LEVELS: usize = 4;
/// The header row (after the title and the unit).
const HEAD: u32 = 2;

const CRITERIA_WIDTH: f64 = 50.0;
const ACTUAL_WIDTH: f64 = 28.0;
const REASON_WIDTH: f64 = 32.0;

/// How many lines `text` takes in a wrapped column `width` characters wide
/// (a CJK character is two).
fn lines(text: &str, width: f64) -> usize {
    use unicode_width::UnicodeWidthStr;
    let w = (width as usize).max(1);
    text.split('\n')
        .map(|l| UnicodeWidthStr::width(l).div_ceil(w).max(1))
        .sum()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The leaves in display order, each with its path from the root.
fn leaves(c: &Checked) -> Vec<Vec<u32>> {
    fn go(c: &Checked, id: u32, path: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
        path.push(id);
        if c.ind(id).is_leaf() {
            out.push(path.clone());
        }
        for &ch in &c.ind(id).children {
            go(c, ch, path, out);
        }
        path.pop();
    }
    let mut out = Vec::new();
    for &r in &c.roots {
        go(c, r, &mut Vec::new(), &mut out);
    }
    out
}

/// `A1`-style name for zero-based (row, col).
fn at(row: u32, col: u16) -> String {
    crate::sheet::cell_name(row, u32::from(col))
}

/// `G4:G9,G12` for rows of one column, runs joined into ranges.
fn ranges(col: u16, rows: &[u32]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            at(rows[i], col)
        } else {
            format!("{}:{}", at(rows[i], col), at(rows[j], col))
        });
        i = j + 1;
    }
    parts.join(",")
}

struct Leaf {
    criteria: String,
    actual: String,
    reason: String,
}

fn describe(
    c: &Checked,
    card: &Scorecard,
    ledger: &Ledger,
    map: &SourceMap,
    lang: Lang,
    id: u32,
) -> Leaf {
    let ind = c.ind(id);
    let places = c.rounding.places;
    let mut criteria: Vec<String> = ind
        .rows
        .iter()
        .map(|r| one_line(map.snippet(r.span)))
        .collect();
    if criteria.is_empty() {
        criteria.push(one_line(map.snippet(ind.span)));
    }
    let events = ledger
        .entries
        .get(id as usize)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut actual = Vec::new();
    let mut unmet = Vec::new();
    let mut reason = Vec::new();
    let s = card.indicators[id as usize];
    let lost = s.score < s.weight;
    for e in events {
        match e {
            Event::Fact { slot, value: v } => {
                let ty = c.slot_ty(*slot);
                actual.push(format!("{} = {}", c.slot_name(*slot), value(c, ty, *v)));
                if *ty == Ty::Bool && *v == Value::Bool(false) {
                    unmet.push(c.slot_name(*slot).to_string());
                }
            }
            Event::Derived { slot, value: v } => {
                let d = &c.derived[*slot as usize - c.facts.len()];
                actual.push(format!("{} = {}", d.name, value(c, &d.ty, *v)));
            }
            Event::RowFired(span) if lost => reason.push(format!(
                "{}：{}",
                Word::RowFired.text(lang),
                one_line(map.snippet(*span))
            )),
            Event::Step { what, value: v } if lost => {
                let w = match what {
                    StepKind::Steps => Word::Steps,
                    StepKind::Deducted => Word::Deducted,
                    StepKind::Excess => Word::Excess,
                    StepKind::FloorAtZero => Word::FloorAtZero,
                    _ => continue,
                };
                reason.push(format!("{} {}", w.text(lang), v.normalize()));
            }
            Event::NotApplicable(span) => reason.push(format!(
                "{}：{}",
                Word::NotApplicable.text(lang),
                one_line(map.snippet(*span))
            )),
            Event::Vetoed(span) => reason.push(format!(
                "{}：{}",
                Word::Vetoed.text(lang),
                one_line(map.snippet(*span))
            )),
            _ => {}
        }
    }
    if lost && !unmet.is_empty() {
        reason.push(format!(
            "{}：{}",
            Word::FailedItems.text(lang),
            unmet.join("、")
        ));
    }
    if lost && reason.is_empty() {
        reason.push(format!(
            "{} {}",
            Word::Deducted.text(lang),
            score(s.weight - s.score, places)
        ));
    }
    Leaf {
        criteria: criteria.join("\n"),
        actual: actual.join("\n"),
        reason: reason.join("\n"),
    }
}

/// The 自评表 of one unit as an .xlsx file's bytes.
pub fn scorecard_workbook(
    c: &Checked,
    card: &Scorecard,
    ledger: &Ledger,
    map: &SourceMap,
    lang: Lang,
    unit: Option<&str>,
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(Word::SelfAssessment.text(lang)).map_err(fail)?;
    write(ws, c, card, ledger, map, lang, unit).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}

fn write(
    ws: &mut Worksheet,
    c: &Checked,
    card: &Scorecard,
    ledger: &Ledger,
    map: &SourceMap,
    lang: Lang,
    unit: Option<&str>,
) -> Result<(), XlsxError> {
    let places = c.rounding.places;
    let f = Formats::new(places);
    let paths = leaves(c);
    let levels = paths.iter().map(Vec::len).max().unwrap_or(1).min(LEVELS);
    let lv = levels as u16;
    let (weight_col, criteria_col, actual_col, score_col, reason_col) =
        (lv, lv + 1, lv + 2, lv + 3, lv + 4);
    // The rubric's own name often already ends in 自评表.
    let form = Word::SelfAssessment.text(lang);
    let name = if c.name.contains(form) || c.name.contains("自评表") {
        c.name.clone()
    } else {
        format!("{}{form}", c.name)
    };
    let title = match c.year {
        Some(y) => format!("{name}（{y} {}）", Word::Year.text(lang)),
        None => name,
    };
    merge(ws, (0, 0, 0, reason_col), &title, &f.title)?;
    ws.set_row_height(0, 30)?;
    let unit_line = format!("{}{}", Word::UnitLabel.text(lang), unit.unwrap_or(""));
    merge(ws, (1, 0, 1, reason_col), &unit_line, &f.plain)?;
    let level_words = [Word::Level1, Word::Level2, Word::Level3, Word::Level4];
    for (i, w) in level_words.iter().take(levels).enumerate() {
        ws.write_string_with_format(HEAD, i as u16, w.text(lang), &f.head)?;
        ws.set_column_width(i as u16, 14)?;
    }
    let heads = [
        (weight_col, Word::Weight, 7.0),
        (criteria_col, Word::Criteria, CRITERIA_WIDTH),
        (actual_col, Word::Actual, ACTUAL_WIDTH),
        (score_col, Word::Score, 8.0),
        (reason_col, Word::LossReason, REASON_WIDTH),
    ];
    for (col, w, width) in heads {
        ws.write_string_with_format(HEAD, col, w.text(lang), &f.head)?;
        ws.set_column_width(col, width)?;
    }
    let first = HEAD + 1;
    // The level cells: for each leaf row, which indicator each column shows.
    let keys: Vec<Vec<u32>> = paths
        .iter()
        .map(|p| (0..levels).map(|k| p[k.min(p.len() - 1)]).collect())
        .collect();
    for k in 0..levels {
        let mut r = 0;
        while r < keys.len() {
            let key = keys[r][k];
            let mut end = r;
            while end + 1 < keys.len() && keys[end + 1][k] == key {
                end += 1;
            }
            // A cell already covered by the merge to its left is skipped.
            if k == 0 || keys[r][k - 1] != key {
                let mut right = k;
                while right + 1 < levels && keys[r][right + 1] == key {
                    right += 1;
                }
                let ind = c.ind(key);
                let path = &paths[r];
                // Levels deeper than the columns are named in the last one.
                let name = if k + 1 == levels && path.len() > levels {
                    path[k..]
                        .iter()
                        .map(|&i| c.ind(i).name.as_str())
                        .collect::<Vec<_>>()
                        .join("／")
                } else if ind.is_leaf() {
                    match ind.kind {
                        IndicatorKind::Bonus => {
                            format!("{}（{}）", ind.name, Word::Bonus.text(lang))
                        }
                        IndicatorKind::Penalty => {
                            format!("{}（{}）", ind.name, Word::Penalty.text(lang))
                        }
                        // `指标 甲 75%`: the share beside the name, the
                        // points in the 分值 column (a number, for formulas).
                        IndicatorKind::Normal => match ind.percent {
                            Some(p) => format!("{}（{}%）", ind.name, p.normalize()),
                            None => ind.name.clone(),
                        },
                    }
                } else {
                    let points = format!("{}{}", ind.weight.normalize(), Word::Points.text(lang));
                    match ind.percent {
                        Some(p) => {
                            let comma = Word::Comma.text(lang);
                            format!("{}（{}%{comma}{points}）", ind.name, p.normalize())
                        }
                        None => format!("{}（{points}）", ind.name),
                    }
                };
                let span = (first + r as u32, k as u16, first + end as u32, right as u16);
                merge(ws, span, &name, &f.center)?;
            }
            r = end + 1;
        }
    }
    // Score rows by the kind of their top-level indicator, for the total.
    let (mut normal, mut bonus, mut penalty) = (Vec::new(), Vec::new(), Vec::new());
    let mut sum = Decimal::ZERO;
    for (i, path) in paths.iter().enumerate() {
        let row = first + i as u32;
        let id = *path.last().unwrap_or(&0);
        let s = card.indicators[id as usize];
        let leaf = describe(c, card, ledger, map, lang, id);
        ws.write_number_with_format(row, weight_col, num(c.ind(id).weight), &f.center)?;
        ws.write_string_with_format(row, criteria_col, &leaf.criteria, &f.text)?;
        ws.write_string_with_format(row, actual_col, &leaf.actual, &f.text)?;
        ws.write_number_with_format(row, score_col, num(s.score), &f.score)?;
        ws.write_string_with_format(row, reason_col, &leaf.reason, &f.text)?;
        // Excel does not grow a row for wrapped text it did not type itself.
        let lines = [
            (&leaf.criteria, CRITERIA_WIDTH),
            (&leaf.actual, ACTUAL_WIDTH),
            (&leaf.reason, REASON_WIDTH),
        ]
        .iter()
        .map(|(t, w)| lines(t, *w))
        .max()
        .unwrap_or(1);
        ws.set_row_height(row, 14.0 * lines as f64 + 4.0)?;
        match c.ind(path[0]).kind {
            IndicatorKind::Normal => {
                normal.push(row);
                sum += s.score;
            }
            IndicatorKind::Bonus => {
                bonus.push(row);
                sum += s.score;
            }
            IndicatorKind::Penalty => {
                penalty.push(row);
                sum -= s.score;
            }
        }
        if let Status::NaFull | Status::NaExcluded = s.status {
            ws.insert_note(row, score_col, &Note::new(Word::NotApplicable.text(lang)))?;
        }
    }
    let total_row = first + paths.len() as u32;
    merge(
        ws,
        (total_row, 0, total_row, lv - 1),
        Word::Total.text(lang),
        &f.head,
    )?;
    ws.write_number_with_format(total_row, weight_col, num(c.full_marks), &f.score)?;
    merge(
        ws,
        (total_row, criteria_col, total_row, actual_col),
        "",
        &f.text,
    )?;
    let mut formula = format!("SUM({})", ranges(score_col, &normal));
    if !bonus.is_empty() {
        formula.push_str(&format!("+SUM({})", ranges(score_col, &bonus)));
    }
    if !penalty.is_empty() {
        formula.push_str(&format!("-SUM({})", ranges(score_col, &penalty)));
    }
    if sum == card.total && !normal.is_empty() {
        let cached = score(card.total, places);
        ws.write_formula_with_format(
            total_row,
            score_col,
            Formula::new(format!("={formula}")).set_result(cached),
            &f.score,
        )?;
        ws.write_string_with_format(total_row, reason_col, "", &f.text)?;
    } else {
        // Exclusions, caps and vetoes make the total more than a sum.
        ws.write_number_with_format(total_row, score_col, num(card.total), &f.score)?;
        ws.write_string_with_format(total_row, reason_col, Word::TotalNotSum.text(lang), &f.text)?;
    }
    let grade_row = total_row + 1;
    merge(
        ws,
        (grade_row, 0, grade_row, lv - 1),
        Word::GradeResult.text(lang),
        &f.head,
    )?;
    let grade = c
        .grades
        .get(card.grade)
        .map(|g| g.name.as_str())
        .unwrap_or("");
    merge(
        ws,
        (grade_row, weight_col, grade_row, reason_col),
        grade,
        &f.center,
    )?;
    ws.set_freeze_panes(first, 0)?;
    print_setup(ws, HEAD)?;
    Ok(())
}
