//! Scorecards for people (a tree table), for programs (JSON), and the
//! explanation ledger.

pub mod csv;
mod explain;
pub mod html;
mod json;
mod notes;
pub mod partial;
mod rows;
mod table;
pub mod template;
pub mod xlsx;

pub use explain::explain;
pub use json::{
    in_display_unit, ledger_value, scorecard_json, scorecard_value, scorecard_value_with,
    vetoes_value,
};
pub use notes::{notes, FiredVeto, Notes};
pub use table::{scorecard_text, scorecard_text_with};

use crate::check::Checked;
use crate::eval::Scorecard;
use rust_decimal::Decimal;

/// Score ÷ weight as a percentage with two places, or empty for a zero weight.
fn rate(score: Decimal, weight: Decimal) -> String {
    if weight.is_zero() {
        return String::new();
    }
    let Some(r) = score
        .checked_div(weight)
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    else {
        return String::new();
    };
    let r = r.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{}%", crate::check::show::score(r, 2))
}

/// `指标 甲 75%`: the points with the share of the parent they were
/// written as, `22.5（75%）` (`22.5 (75%)` in English), in every format that
/// shows an indicator's points; the points alone for a weight in points.
fn with_percent(points: &str, percent: Option<Decimal>, lang: crate::diag::Lang) -> String {
    match percent {
        Some(p) if lang == crate::diag::Lang::En => format!("{points} ({}%)", p.normalize()),
        Some(p) => format!("{points}（{}%）", p.normalize()),
        None => points.to_string(),
    }
}

/// An indicator's points as written: [`with_percent`] of its weight.
fn weight_shown(ind: &crate::check::Ind, lang: crate::diag::Lang) -> String {
    with_percent(&ind.weight.normalize().to_string(), ind.percent, lang)
}

/// Indicators in display order (depth first), with their depth.
fn walk(c: &Checked) -> Vec<(u32, usize)> {
    fn go(c: &Checked, id: u32, depth: usize, out: &mut Vec<(u32, usize)>) {
        out.push((id, depth));
        for &ch in &c.ind(id).children {
            go(c, ch, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for &r in &c.roots {
        go(c, r, 0, &mut out);
    }
    out
}

fn grade_name<'a>(c: &'a Checked, card: &Scorecard) -> &'a str {
    c.grades
        .get(card.grade)
        .map(|g| g.name.as_str())
        .unwrap_or("")
}
