//! The scorecard as JSON. Decimals are strings so no consumer rounds them
//! through a float.

use super::{grade_name, rate};
use crate::check::show::score;
use crate::check::Checked;
use crate::eval::{Scorecard, Status};
use crate::syntax::ast::IndicatorKind;
use serde_json::{json, Value};

pub fn scorecard_value(c: &Checked, card: &Scorecard) -> Value {
    let places = c.rounding.places;
    fn node(c: &Checked, card: &Scorecard, id: u32, places: u32) -> Value {
        let ind = c.ind(id);
        let s = card.indicators[id as usize];
        let children: Vec<Value> = ind
            .children
            .iter()
            .map(|&ch| node(c, card, ch, places))
            .collect();
        let status = match s.status {
            Status::Scored(_) => "scored",
            Status::NaFull => "not_applicable_full",
            Status::NaExcluded => "not_applicable_excluded",
            Status::Vetoed => "vetoed",
        };
        let kind = match ind.kind {
            IndicatorKind::Normal => "normal",
            IndicatorKind::Bonus => "bonus",
            IndicatorKind::Penalty => "penalty",
        };
        json!({
            "name": ind.name,
            "kind": kind,
            "weight": ind.weight.normalize().to_string(),
            "effective_weight": s.weight.normalize().to_string(),
            "score": score(s.score, places),
            "raw": s.raw.normalize().to_string(),
            "rate": rate(s.score, s.weight),
            "status": status,
            "children": children,
        })
    }
    let indicators: Vec<Value> = c.roots.iter().map(|&r| node(c, card, r, places)).collect();
    json!({
        "rubric": c.name,
        "year": c.year,
        "full_marks": c.full_marks.normalize().to_string(),
        "total": score(card.total, places),
        "grade": grade_name(c, card),
        "base": score(card.base, places),
        "bonus": score(card.bonus, places),
        "penalty": score(card.penalty, places),
        "vetoes": card.vetoes,
        "indicators": indicators,
    })
}

pub fn scorecard_json(c: &Checked, card: &Scorecard) -> String {
    serde_json::to_string_pretty(&scorecard_value(c, card)).unwrap_or_default()
}
