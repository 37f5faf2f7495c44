//! The scorecard as a tree table: 指标, 分值, 得分, 得分率.

use super::notes::Notes;
use super::{grade_name, rate, walk};
use crate::check::show::score;
use crate::check::Checked;
use crate::diag::{visible_line, Lang, Word};
use crate::eval::{Scorecard, Status};
use crate::syntax::ast::IndicatorKind;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

fn pad_right(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn pad_left(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

pub fn scorecard_text(c: &Checked, card: &Scorecard, lang: Lang) -> String {
    scorecard_text_with(c, card, None, lang)
}

/// The table with its notes: each fired veto by its condition and the
/// facts that fired it, and the unit's 文本 inputs.
pub fn scorecard_text_with(
    c: &Checked,
    card: &Scorecard,
    notes: Option<&Notes>,
    lang: Lang,
) -> String {
    let places = c.rounding.places;
    let partial = notes.and_then(|n| n.partial.as_ref());
    let rows = walk(c);
    let mut names = Vec::new();
    for &(id, depth) in &rows {
        let ind = c.ind(id);
        let mut name = format!("{}{}", "  ".repeat(depth), visible_line(&ind.name));
        match ind.kind {
            IndicatorKind::Bonus => name = format!("{name}（{}）", Word::Bonus.text(lang)),
            IndicatorKind::Penalty => name = format!("{name}（{}）", Word::Penalty.text(lang)),
            IndicatorKind::Normal => {}
        }
        // A ranged indicator's status may differ across the unknowns' values.
        let status = match partial {
            Some(p) if p.ranged(id as usize) => Status::Scored(None),
            _ => card.indicators[id as usize].status,
        };
        match status {
            Status::NaFull | Status::NaExcluded => {
                name = format!("{name} [{}]", Word::NotApplicable.text(lang))
            }
            Status::Vetoed => name = format!("{name} [{}]", Word::VetoFired.text(lang)),
            Status::Scored(Some(r)) if ind.rows.get(r).is_some_and(|x| x.pick.is_some()) => {
                name = format!("{name} [{}]", Word::AssessorGiven.text(lang))
            }
            Status::Scored(_) => {}
        }
        names.push(name);
    }
    let name_w = names
        .iter()
        .map(|n| UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .max(8)
        + 2;
    // Rows of target tables are listed under their table, one deeper.
    let row_w = rows
        .iter()
        .flat_map(|&(id, depth)| {
            super::rows::of(c, card, id).iter().map(move |r| {
                UnicodeWidthStr::width(super::rows::label(r).as_str()) + 2 * (depth + 1)
            })
        })
        .max()
        .unwrap_or(0);
    let name_w = name_w.max(row_w + 2);
    let mut out = String::new();
    let title = match c.year {
        Some(y) => format!("{}（{y}）", visible_line(&c.name)),
        None => visible_line(&c.name).into_owned(),
    };
    let _ = writeln!(out, "{title}");
    // Cells first, then widths: a column is as wide as its widest cell plus
    // one space, so numbers with many places never run together (F18).
    let mut cells: Vec<[String; 3]> = Vec::new();
    for &(id, _) in &rows {
        let ind = c.ind(id);
        let s = card.indicators[id as usize];
        let weight = s.weight.normalize().to_string();
        let weight = if s.weight != ind.weight && s.status != Status::NaExcluded {
            format!("{}→{weight}", ind.weight.normalize())
        } else {
            ind.weight.normalize().to_string()
        };
        // `指标 甲 75%`: the points with the share they were written as.
        let weight = super::with_percent(&weight, ind.percent, lang);
        let sign = if ind.kind == IndicatorKind::Penalty {
            "-"
        } else {
            ""
        };
        let rate = if ind.kind == IndicatorKind::Normal {
            rate(s.score, s.weight)
        } else {
            String::new()
        };
        let ranged = partial.and_then(|p| super::partial::score_cell(p, id as usize, places, sign));
        match ranged {
            Some(cell) => {
                let rate = partial
                    .filter(|_| ind.kind == IndicatorKind::Normal)
                    .map(|p| super::partial::rate_cell(p, id as usize, ind.weight))
                    .unwrap_or_default();
                cells.push([weight, cell, rate]);
            }
            None => cells.push([weight, format!("{sign}{}", score(s.score, places)), rate]),
        }
    }
    let mut total = [
        c.full_marks.normalize().to_string(),
        score(card.total, places),
        rate(card.total, c.full_marks),
    ];
    if let Some([t, r]) = partial.and_then(|p| super::partial::total_cells(c, p)) {
        total[1] = t;
        total[2] = r;
    }
    let head = [Word::Weight, Word::Score, Word::Rate].map(|w| w.text(lang).to_string());
    let mut widths = [8, 10, 10];
    let table_rows: Vec<[String; 3]> = rows
        .iter()
        .flat_map(|&(id, _)| super::rows::of(c, card, id).iter().map(row_cells))
        .collect();
    for row in cells.iter().chain(&table_rows).chain([&total, &head]) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(UnicodeWidthStr::width(cell.as_str()) + 1);
        }
    }
    let line = |out: &mut String, name: &str, row: &[String; 3]| {
        let _ = writeln!(
            out,
            "{}{}{}{}",
            pad_right(name, name_w),
            pad_left(&row[0], widths[0]),
            pad_left(&row[1], widths[1]),
            pad_left(&row[2], widths[2])
        );
    };
    line(&mut out, Word::Indicator.text(lang), &head);
    for (i, (name, row)) in names.iter().zip(&cells).enumerate() {
        line(&mut out, name, row);
        let (id, depth) = rows[i];
        let indent = "  ".repeat(depth + 1);
        for r in super::rows::of(c, card, id) {
            let label = format!("{indent}{}", super::rows::label(r));
            line(&mut out, &label, &row_cells(r));
            let _ = writeln!(out, "{indent}  {}", super::rows::detail(r, lang));
        }
        // `说明 偏差原因`: the unit's words beside the indicator they explain.
        for (name, text) in notes
            .map(|n| super::notes::beside(c, id, n))
            .unwrap_or_default()
        {
            let _ = writeln!(
                out,
                "{indent}{name}{}{}",
                Word::Colon.text(lang),
                visible_line(text)
            );
        }
    }
    // Under unknowns the line (the lowest fact set's base) holds only when the total is settled.
    let renormalised = partial.is_none_or(|p| p.effective_full.is_some() && p.total.0 == p.total.1);
    if renormalised && card.effective_full != c.full_marks && !card.effective_full.is_zero() {
        let _ = writeln!(
            out,
            "{}{}{} / {} × {}",
            Word::Renormalised.text(lang),
            Word::Colon.text(lang),
            score(card.base, places),
            card.effective_full.normalize(),
            c.full_marks.normalize()
        );
    }
    let colon = Word::Colon.text(lang);
    match notes {
        Some(n) => {
            for v in &n.vetoes {
                let facts: Vec<String> = v
                    .facts
                    .iter()
                    .map(|(k, x)| format!("{k} = {}", visible_line(x)))
                    .collect();
                let because = if facts.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{}{}{}{}",
                        Word::ParenOpen.text(lang),
                        Word::Because.text(lang),
                        facts.join(Word::Comma.text(lang)),
                        Word::ParenClose.text(lang)
                    )
                };
                let _ = writeln!(
                    out,
                    "{}{colon}{}{because}",
                    Word::VetoFired.text(lang),
                    v.condition
                );
            }
        }
        None => {
            for &v in &card.vetoes {
                let _ = writeln!(out, "{}{colon}{}", Word::VetoFired.text(lang), v + 1);
            }
        }
    }
    line(&mut out, Word::Total.text(lang), &total);
    let grade = match partial {
        Some(p) => super::partial::grades(c, p, lang),
        None => grade_name(c, card).to_string(),
    };
    if !grade.is_empty() {
        let _ = writeln!(out, "{}{colon}{grade}", Word::Grade.text(lang));
    }
    for (name, text) in notes.map(|n| n.texts.as_slice()).unwrap_or(&[]) {
        if !super::notes::is_beside(c, name) {
            let _ = writeln!(out, "{name}{colon}{}", visible_line(text));
        }
    }
    for l in partial
        .map(|p| super::partial::lines(c, p, lang))
        .unwrap_or_default()
    {
        let _ = writeln!(out, "{l}");
    }
    out
}

/// A target-table row's cells: 分值, 得分, 得分率.
fn row_cells(r: &crate::eval::targets::RowScore) -> [String; 3] {
    [
        super::rows::weight(r),
        super::rows::score(r),
        super::rows::rate(r),
    ]
}
