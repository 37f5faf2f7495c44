//! The scorecard as JSON. Decimals are strings so no consumer rounds them
//! through a float.

mod ledger;

pub use ledger::{in_display_unit, ledger_value, vetoes_value};

use super::notes::Notes;
use super::{grade_name, rate};
use crate::check::show::score;
use crate::check::Checked;
use crate::eval::{Scorecard, Status};
use crate::syntax::ast::IndicatorKind;
use serde_json::{json, Value};

pub fn scorecard_value(c: &Checked, card: &Scorecard) -> Value {
    scorecard_value_with(c, card, None)
}

/// The scorecard with its notes: `vetoes_fired` (each veto's condition as
/// written and the facts that fired it) and `texts` (the 文本 inputs).
pub fn scorecard_value_with(c: &Checked, card: &Scorecard, notes: Option<&Notes>) -> Value {
    let places = c.rounding.places;
    fn node(c: &Checked, card: &Scorecard, notes: Option<&Notes>, id: u32, places: u32) -> Value {
        let ind = c.ind(id);
        let s = card.indicators[id as usize];
        let children: Vec<Value> = ind
            .children
            .iter()
            .map(|&ch| node(c, card, notes, ch, places))
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
        let mut v = json!({
            "name": ind.name,
            "kind": kind,
            "weight": ind.weight.normalize().to_string(),
            "effective_weight": s.weight.normalize().to_string(),
            "score": score(s.score, places),
            "raw": s.raw.normalize().to_string(),
            "rate": rate(s.score, s.weight),
            "status": status,
            "children": children,
        });
        if let Status::Scored(Some(r)) = s.status {
            if ind.rows.get(r).is_some_and(|row| row.pick.is_some()) {
                v["assessor"] = Value::Bool(true);
            }
        }
        // `说明 偏差原因`: the unit's words beside the indicator (also in the
        // top-level `texts`, which lists every 文本 input).
        if let Some(n) = notes.filter(|_| !ind.notes.is_empty()) {
            let own: serde_json::Map<String, Value> = super::notes::beside(c, id, n)
                .into_iter()
                .map(|(k, t)| (k.clone(), Value::String(t.clone())))
                .collect();
            v["notes"] = own.into();
        }
        // `指标 甲 75%`: the share as written beside the points it gave.
        if let Some(p) = ind.percent {
            v["percent"] = Value::String(p.normalize().to_string());
        }
        // `择一 … 按 适用项`: which input chose, and the alternative chosen.
        if let Some(slot) = ind.choice {
            v["choice_by"] = Value::String(c.slot_name(slot).to_string());
            let chosen = ind
                .children
                .iter()
                .find(|&&ch| card.indicators[ch as usize].status != Status::NaExcluded);
            v["chosen"] = chosen.map_or(Value::Null, |&ch| Value::String(c.ind(ch).name.clone()));
        }
        if ind.table.is_some() {
            let rows: Vec<Value> = super::rows::of(c, card, id)
                .iter()
                .map(|r| super::rows::json(r, places))
                .collect();
            v["rows"] = Value::Array(rows);
        }
        // A 加分/减分 group: its items' sum and whether the shared cap applied.
        if !ind.is_leaf() && ind.kind != IndicatorKind::Normal {
            v["items_sum"] = score(s.raw, places).into();
            v["cap"] = ind.weight.normalize().to_string().into();
            v["capped"] = (s.raw > ind.weight).into();
        }
        if let Some(p) = notes.and_then(|n| n.partial.as_ref()) {
            super::partial::node(&mut v, c, p, id as usize);
        }
        v
    }
    let indicators: Vec<Value> = c
        .roots
        .iter()
        .map(|&r| node(c, card, notes, r, places))
        .collect();
    let mut v = json!({
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
    });
    if let (Some(n), Some(obj)) = (notes, v.as_object_mut()) {
        let fired: Vec<Value> = n
            .vetoes
            .iter()
            .map(|f| {
                let facts: serde_json::Map<String, Value> = f
                    .facts
                    .iter()
                    .map(|(k, x)| (k.clone(), Value::String(x.clone())))
                    .collect();
                json!({ "index": f.index, "condition": f.condition, "facts": facts })
            })
            .collect();
        obj.insert("vetoes_fired".into(), fired.into());
        let texts: serde_json::Map<String, Value> = n
            .texts
            .iter()
            .map(|(k, t)| (k.clone(), Value::String(t.clone())))
            .collect();
        obj.insert("texts".into(), texts.into());
    }
    if let Some(p) = notes.and_then(|n| n.partial.as_ref()) {
        super::partial::top(&mut v, c, p);
    }
    v
}

pub fn scorecard_json(c: &Checked, card: &Scorecard) -> String {
    serde_json::to_string_pretty(&scorecard_value(c, card)).unwrap_or_default()
}
