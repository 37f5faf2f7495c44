//! The ledger as data: per indicator, every entry the evaluator recorded,
//! with its source location and exact values, for programs (and for the
//! HTML report, which renders this same structure).

use crate::check::show::{score, value as shown};
use crate::check::units::{Show, Unit};
use crate::check::{Checked, Ty};
use crate::diag::SourceMap;
use crate::eval::trace::{Event, Ledger, StepKind};
use crate::eval::value::Value;
use crate::eval::Scorecard;
use crate::syntax::Span;
use serde_json::{json, Map, Value as J};

/// `[{indicator, weight, score, entries: [...]}, ...]` in display order.
pub fn ledger_value(c: &Checked, card: &Scorecard, ledger: &Ledger, map: &SourceMap) -> J {
    let places = c.rounding.places;
    let items: Vec<J> = super::super::walk(c)
        .into_iter()
        .map(|(id, _)| {
            let ind = c.ind(id);
            let s = card.indicators[id as usize];
            let mut entries: Vec<J> = Vec::new();
            // A 加分/减分 group: its items' sum and the shared cap, first.
            if !ind.is_leaf() && ind.kind != crate::syntax::ast::IndicatorKind::Normal {
                let items: Vec<String> = ind
                    .children
                    .iter()
                    .map(|&ch| score(card.indicators[ch as usize].score, places))
                    .collect();
                entries.push(json!({
                    "kind": "group_sum",
                    "items": items,
                    "sum": score(s.raw, places),
                    "cap": ind.weight.normalize().to_string(),
                    "capped": s.raw > ind.weight,
                }));
            }
            entries.extend(
                ledger
                    .entries
                    .get(id as usize)
                    .into_iter()
                    .flatten()
                    .map(|e| entry(c, id, e, map)),
            );
            let mut o = json!({
                "indicator": ind.name,
                "weight": ind.weight.normalize().to_string(),
                "score": score(s.score, places),
                "entries": entries,
            });
            if let Some(p) = ind.percent {
                o["percent"] = J::String(p.normalize().to_string());
            }
            o
        })
        .collect();
    J::Array(items)
}

/// The rubric-level vetoes that fired, with where they are written.
pub fn vetoes_value(c: &Checked, card: &Scorecard, map: &SourceMap) -> J {
    card.vetoes
        .iter()
        .filter_map(|&i| Some((i, c.vetoes.get(i)?)))
        .map(|(i, v)| {
            let mut o = Map::new();
            o.insert("index".into(), i.into());
            located(&mut o, v.span, map);
            J::Object(o)
        })
        .collect()
}

fn located(o: &mut Map<String, J>, span: Span, map: &SourceMap) {
    let (line, column) = map.line_col(span.file, span.start as usize);
    o.insert("file".into(), map.name(span.file).into());
    o.insert("line".into(), line.into());
    o.insert("column".into(), column.into());
    o.insert("text".into(), one_line(map.snippet(span)).into());
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An exact number in the unit people read it in (万元, %), with that unit.
pub fn in_display_unit(d: rust_decimal::Decimal, unit: Unit) -> (String, String) {
    match unit.show {
        Show::Percent => match d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED) {
            Some(p) => (p.normalize().to_string(), "%".into()),
            None => (d.normalize().to_string(), String::new()),
        },
        Show::Money(scale) if unit.dim.is_money() => (
            (d / scale.factor()).normalize().to_string(),
            scale.name().into(),
        ),
        _ if unit.dim.is_none() || unit.dim.is_score() => {
            (d.normalize().to_string(), String::new())
        }
        _ => (d.normalize().to_string(), unit.to_string()),
    }
}

fn typed(c: &Checked, o: &mut Map<String, J>, ty: &Ty, v: Value) {
    let (value, unit) = match (ty, v) {
        (Ty::Num(u), Value::Num(d)) => {
            let (n, u) = in_display_unit(d, *u);
            (J::String(n), u)
        }
        (_, Value::Bool(b)) => (J::Bool(b), String::new()),
        _ => (J::String(shown(c, ty, v)), String::new()),
    };
    o.insert("value".into(), value);
    o.insert("unit".into(), unit.into());
    o.insert("shown".into(), shown(c, ty, v).into());
}

fn step_name(k: StepKind) -> &'static str {
    match k {
        StepKind::Base => "base",
        StepKind::Excess => "excess",
        StepKind::Steps => "steps",
        StepKind::Deducted => "deducted",
        StepKind::Rate => "rate",
        StepKind::Items => "items",
        StepKind::FloorAtZero => "floor_at_zero",
    }
}

fn entry(c: &Checked, id: u32, e: &Event, map: &SourceMap) -> J {
    let places = c.rounding.places;
    let mut o = Map::new();
    let mut kind = |k: &str| {
        o.insert("kind".into(), k.into());
    };
    match e {
        Event::RowSkipped(_) | Event::RowFired(_) => kind("row"),
        Event::Fact { .. } => kind("fact"),
        Event::Derived { .. } => kind("derived"),
        Event::NotApplicable(_) => kind("not_applicable"),
        Event::Vetoed(_) => kind("vetoed"),
        Event::Step { .. } => kind("step"),
        Event::Raw(_) => kind("unrounded"),
        Event::Rounded(_) => kind("rounded"),
        Event::Transferred { .. } => kind("transferred"),
        Event::Capped(_) => kind("capped"),
        Event::AssessorPick { .. } => kind("assessor"),
        Event::TableRow { .. } => kind("table_row"),
    }
    match e {
        Event::RowSkipped(span) | Event::RowFired(span) => {
            o.insert("fired".into(), matches!(e, Event::RowFired(_)).into());
            located(&mut o, *span, map);
        }
        Event::NotApplicable(span) | Event::Vetoed(span) => located(&mut o, *span, map),
        Event::Fact { slot, value } => {
            o.insert("name".into(), c.slot_name(*slot).into());
            typed(c, &mut o, c.slot_ty(*slot), *value);
        }
        Event::Derived { slot, value } => {
            let d = &c.derived[*slot as usize - c.facts.len()];
            o.insert("name".into(), d.name.clone().into());
            o.insert("expr".into(), one_line(map.snippet(d.expr.span)).into());
            let (line, _) = map.line_col(d.span.file, d.span.start as usize);
            o.insert("file".into(), map.name(d.span.file).into());
            o.insert("line".into(), line.into());
            typed(c, &mut o, &d.ty, *value);
        }
        Event::Step { what, value } => {
            o.insert("what".into(), step_name(*what).into());
            let unit = match what {
                StepKind::Excess => excess_unit(c, id).unwrap_or(Unit::PLAIN),
                _ => Unit::PLAIN,
            };
            let (n, u) = in_display_unit(*value, unit);
            o.insert("value".into(), n.into());
            o.insert("unit".into(), u.into());
        }
        // `value` as before (28 significant digits when the quotient has no
        // finite decimal); then `exact` false and the `fraction` n/d.
        Event::Raw(q) => {
            o.insert(
                "value".into(),
                q.to_decimal().normalize().to_string().into(),
            );
            if q.exact_decimal().is_none() {
                let (n, d) = q.reduced().parts();
                o.insert("exact".into(), false.into());
                o.insert("fraction".into(), format!("{n}/{d}").into());
            }
        }
        Event::Rounded(v) => {
            o.insert("value".into(), score(*v, places).into());
        }
        Event::Transferred {
            from,
            weight,
            score: s,
        } => {
            o.insert("from".into(), c.ind(*from).name.clone().into());
            o.insert("weight".into(), weight.normalize().to_string().into());
            o.insert("score".into(), score(*s, places).into());
        }
        Event::Capped(v) => {
            o.insert("value".into(), v.normalize().to_string().into());
        }
        Event::AssessorPick { value, range } => {
            o.insert("value".into(), value.normalize().to_string().into());
            o.insert("min".into(), range.0.normalize().to_string().into());
            o.insert("max".into(), range.1.normalize().to_string().into());
        }
        Event::TableRow {
            table,
            row,
            rate,
            score: s,
        } => {
            let t = &c.tables[*table as usize];
            o.insert("table".into(), t.name.clone().into());
            // 1-based, as the form numbers its rows.
            o.insert("row".into(), (*row + 1).into());
            o.insert("rate".into(), rate.normalize().to_string().into());
            o.insert("score".into(), s.normalize().to_string().into());
        }
    }
    J::Object(o)
}

/// The unit of a deduction's subject in this indicator, to give its excess.
fn excess_unit(c: &Checked, id: u32) -> Option<Unit> {
    c.ind(id).rows.iter().find_map(|r| match &r.result {
        crate::check::CScoring::Deduction(d) => d.subject_unit,
        _ => None,
    })
}
