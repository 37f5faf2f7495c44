//! Target-table rows in reports: every row with its target, actual, score
//! and 偏差原因, in the table, the ledger and JSON.

use crate::check::show::quantity;
use crate::check::units::Unit;
use crate::check::{Checked, TableId};
use crate::diag::{Lang, Word};
use crate::eval::targets::RowScore;
use crate::eval::Scorecard;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// The rows of the table scoring indicator `id`, if it is one.
pub(super) fn of<'a>(c: &Checked, card: &'a Scorecard, id: u32) -> &'a [RowScore] {
    c.ind(id)
        .table
        .and_then(|t| card.tables.get(t as usize))
        .map_or(&[], Vec::as_slice)
}

fn points(d: Decimal) -> String {
    quantity(d, Unit::PLAIN)
}

fn pct(d: Decimal) -> String {
    quantity(d, Unit::PERCENT)
}

/// `培训企业人员（≥）`: the row's name as listed under its table.
pub(super) fn label(r: &RowScore) -> String {
    let mut s = String::new();
    for g in &r.row.groups {
        s.push_str(g);
        s.push('／');
    }
    s.push_str(&r.row.name);
    s.push_str(&format!("（{}）", r.row.kind.symbol()));
    s
}

/// The line below a row: target, actual, and 偏差原因 when given.
pub(super) fn detail(r: &RowScore, lang: Lang) -> String {
    let mut s = format!(
        "{} {}，{} {}",
        Word::TargetValue.text(lang),
        if r.row.target.text().trim().is_empty() {
            "—"
        } else {
            r.row.target.text()
        },
        Word::ActualValue.text(lang),
        r.row.actual.text()
    );
    // A level from a 评分档: name the set and the band the row scored in.
    if let Some(b) = r.band.as_ref().filter(|b| b.set.is_some()) {
        // A rate written as the actual: which level it falls in.
        let level = if r.row.actual.text().trim() == b.level.name {
            String::new()
        } else {
            format!(" {}", b.level.name)
        };
        s.push_str(&format!(
            "{}{} {}{level}：{}{}",
            Word::ParenOpen.text(lang),
            Word::BandSet.text(lang),
            b.set.as_deref().unwrap_or_default(),
            band_range(&b.level, lang),
            Word::ParenClose.text(lang)
        ));
    }
    if r.assessor {
        s.push_str(&format!("，{}", Word::AssessorGiven.text(lang)));
    }
    if let Some(reason) = r.row.reason.as_deref().filter(|x| !x.trim().is_empty()) {
        s.push_str(&format!("，{}：{reason}", Word::DeviationReason.text(lang)));
    }
    s
}

/// `80%（含）至 100%（含）`, or the one rate of a fixed level.
fn band_range(l: &crate::check::CLevel, lang: Lang) -> String {
    // As the rubric writes it: `80%（含）至 100%（含）`, `60% 至 80%`.
    let rate = |d: Decimal| format!("{}%", (d * Decimal::ONE_HUNDRED).normalize());
    let end = |(d, incl): (Decimal, bool)| {
        let mark = if incl { Word::Inclusive.text(lang) } else { "" };
        format!("{}{mark}", rate(d))
    };
    match l.hi {
        Some(hi) => {
            let lo = end(l.lo);
            let gap = if lo.ends_with('）') { "" } else { " " };
            format!("{lo}{gap}{} {}", Word::RangeTo.text(lang), end(hi))
        }
        None => rate(l.lo.0),
    }
}

/// A 定性 row's band in JSON: the level, its rates (exact decimals, as
/// fractions of 1) and the 评分档 it comes from.
fn band_json(r: &RowScore) -> Value {
    let Some(b) = &r.band else {
        return Value::Null;
    };
    let hi = b.level.hi.unwrap_or(b.level.lo);
    json!({
        "level": b.level.name,
        "lo": b.level.lo.0.normalize().to_string(),
        "lo_inclusive": b.level.lo.1,
        "hi": hi.0.normalize().to_string(),
        "hi_inclusive": hi.1,
        "range": b.level.hi.is_some(),
    })
}

pub(super) fn weight(r: &RowScore) -> String {
    points(r.weight)
}

pub(super) fn score(r: &RowScore) -> String {
    points(r.score)
}

pub(super) fn rate(r: &RowScore) -> String {
    pct(r.rate)
}

pub(super) fn ledger_line(
    card: &Scorecard,
    table: TableId,
    row: u32,
    rate: Decimal,
    score: Decimal,
    lang: Lang,
) -> String {
    let Some(r) = card
        .tables
        .get(table as usize)
        .and_then(|t| t.get(row as usize))
    else {
        return String::new();
    };
    format!(
        "{} {} {}：{}；{} {}，{} {}，{} {}",
        Word::TableRow.text(lang),
        row + 1,
        label(r),
        detail(r, lang),
        Word::Weight.text(lang),
        points(r.weight),
        Word::RateStep.text(lang),
        pct(rate),
        Word::Score.text(lang),
        points(score)
    )
}

pub(super) fn json(r: &RowScore, places: u32) -> Value {
    let cell = |c: &crate::eval::targets::Cell| c.text().to_string();
    json!({
        "name": r.row.name,
        "name_generated": r.row.name_generated,
        "groups": r.row.groups,
        "kind": r.row.kind.symbol(),
        "target": cell(&r.row.target),
        "actual": cell(&r.row.actual),
        "weight": r.weight.normalize().to_string(),
        "rate": r.rate.normalize().to_string(),
        "score": r.score.normalize().to_string(),
        "score_shown": crate::check::show::score(r.score.round_dp(places), places),
        "assessor": r.assessor,
        "reason": r.row.reason,
        "band_set": r.band.as_ref().and_then(|b| b.set.clone()),
        "band": band_json(r),
    })
}
