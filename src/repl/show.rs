//! Text the session prints: one indicator's subtree, the indicator tree,
//! the facts, and `:whatif` comparisons.

use crate::check::show::{score, value};
use crate::check::{Checked, IndId};
use crate::diag::{Lang, Word};
use crate::eval::{FactSet, Scorecard};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

pub(super) fn pad(s: &str, width: usize) -> String {
    format!(
        "{s}{}",
        " ".repeat(width.saturating_sub(UnicodeWidthStr::width(s)))
    )
}

fn pad_left(s: &str, width: usize) -> String {
    format!(
        "{}{s}",
        " ".repeat(width.saturating_sub(UnicodeWidthStr::width(s)))
    )
}

/// Indicators under `root` (or all), depth first, with their depth.
pub fn walk(c: &Checked, root: Option<IndId>) -> Vec<(IndId, usize)> {
    fn go(c: &Checked, id: IndId, depth: usize, out: &mut Vec<(IndId, usize)>) {
        out.push((id, depth));
        for &ch in &c.ind(id).children {
            go(c, ch, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    match root {
        Some(r) => go(c, r, 0, &mut out),
        None => c.roots.iter().for_each(|&r| go(c, r, 0, &mut out)),
    }
    out
}

/// `:score 指标`: the indicator and its children with weight and score.
pub fn subtree(c: &Checked, card: &Scorecard, root: IndId, lang: Lang) -> String {
    let rows = walk(c, Some(root));
    let names: Vec<String> = rows
        .iter()
        .map(|&(id, d)| format!("{}{}", "  ".repeat(d), c.ind(id).name))
        .collect();
    let w = names
        .iter()
        .map(|n| UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .max(8)
        + 2;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}{}",
        pad(Word::Indicator.text(lang), w),
        pad_left(Word::Weight.text(lang), 8),
        pad_left(Word::Score.text(lang), 10)
    );
    for (i, &(id, _)) in rows.iter().enumerate() {
        let s = card.indicators[id as usize];
        let _ = writeln!(
            out,
            "{}{:>8}{:>10}",
            pad(&names[i], w),
            s.weight.normalize(),
            score(s.score, c.rounding.places)
        );
    }
    out
}

/// `:tree`: every indicator with its weight and the inputs it reads.
pub fn tree(c: &Checked) -> String {
    let mut out = String::new();
    for (id, depth) in walk(c, None) {
        let ind = c.ind(id);
        let mut reads = Vec::new();
        for row in &ind.rows {
            if let Some(cond) = &row.cond {
                reads.extend(super::env::reads(c, cond));
            }
            reads.extend(super::pivots::shape_reads(c, &row.result));
        }
        reads.retain(|&s| (s as usize) < c.facts.len());
        reads.sort();
        reads.dedup();
        let names: Vec<&str> = reads.iter().map(|&s| c.slot_name(s)).collect();
        let _ = write!(
            out,
            "{}{} {}",
            "  ".repeat(depth),
            ind.name,
            ind.weight.normalize()
        );
        if !names.is_empty() {
            let _ = write!(out, "  ← {}", names.join("、"));
        }
        out.push('\n');
    }
    out
}

/// `:facts` with no file: every input and its value.
pub fn facts(c: &Checked, set: &FactSet, lang: Lang) -> String {
    let mut out = String::new();
    for (i, decl) in c.facts.iter().enumerate() {
        let shown = match set.values.get(i).copied().flatten().or(decl.default) {
            Some(crate::eval::value::Value::Text) => {
                crate::diag::visible_line(set.texts[i].as_deref().unwrap_or_default()).into_owned()
            }
            Some(v) => value(c, &decl.ty, v),
            None => format!(
                "{}{}{}",
                Word::ParenOpen.text(lang).trim_start(),
                Word::ReplNotGiven.text(lang),
                Word::ParenClose.text(lang)
            ),
        };
        let _ = writeln!(out, "{} = {shown}", decl.name);
    }
    let not_given = || {
        format!(
            "{}{}{}",
            Word::ParenOpen.text(lang).trim_start(),
            Word::ReplNotGiven.text(lang),
            Word::ParenClose.text(lang)
        )
    };
    // Assessors' scores and target-table rows, written as `:set` takes them.
    for id in 0..c.indicators.len() as u32 {
        if c.has_pick(id) {
            let shown =
                set.picks[id as usize].map_or_else(not_given, |(v, _)| v.normalize().to_string());
            let _ = writeln!(out, "评审打分.{} = {shown}", c.ind(id).name);
        }
    }
    for (t, table) in c.tables.iter().enumerate() {
        match &set.rows[t] {
            None => {
                let _ = writeln!(out, "{} = {}", table.name, not_given());
            }
            Some(rows) => {
                for (i, r) in rows.iter().enumerate() {
                    let cells: Vec<String> = crate::facts::row_cells(r)
                        .into_iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect();
                    let _ = writeln!(out, "{}[{}] = {}", table.name, i + 1, cells.join("; "));
                }
            }
        }
    }
    out
}

/// `:whatif`: changed indicators, then total and grade, before → after.
pub fn compare(c: &Checked, before: &Scorecard, after: &Scorecard, lang: Lang) -> String {
    let places = c.rounding.places;
    let mut lines: Vec<(String, String)> = Vec::new();
    for (id, depth) in walk(c, None) {
        let (a, b) = (
            before.indicators[id as usize],
            after.indicators[id as usize],
        );
        // A table's rows: each one that changed, under the table.
        let rows = super::whatif::row_lines(c, id, before, after, depth, lang);
        if a.score != b.score || a.status != b.status || !rows.is_empty() {
            lines.push((
                format!("{}{}", "  ".repeat(depth), c.ind(id).name),
                format!("{} → {}", score(a.score, places), score(b.score, places)),
            ));
        }
        lines.extend(rows);
    }
    if lines.is_empty() {
        lines.push((Word::ReplNoChange.text(lang).to_string(), String::new()));
    }
    lines.push((
        Word::Total.text(lang).into(),
        format!(
            "{} → {}",
            score(before.total, places),
            score(after.total, places)
        ),
    ));
    let g = |card: &Scorecard| {
        c.grades
            .get(card.grade)
            .map(|g| g.name.clone())
            .unwrap_or_default()
    };
    lines.push((
        Word::Grade.text(lang).into(),
        format!("{} → {}", g(before), g(after)),
    ));
    super::whatif::columns(&lines)
}
