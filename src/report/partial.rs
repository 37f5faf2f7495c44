//! A partial document's ranges in the table and the JSON: a score that the
//! unknown facts leave open is printed as `[min, max]` (JSON: `null` in
//! `score`/`total`/`grade`, so no reader takes one end for the value, and
//! `score_min`/`score_max`, `total_min`/`total_max`, `grades`), with the
//! unknown facts each depends on.

use super::rate;
use crate::check::show::score;
use crate::check::Checked;
use crate::diag::{visible_line, Lang, Word};
use crate::facts::partial::Partial;
use serde_json::{json, Value};

/// `[a, b]` for a ranged indicator's score cell.
pub(super) fn score_cell(p: &Partial, id: usize, places: u32, sign: &str) -> Option<String> {
    p.ranged(id).then(|| {
        format!(
            "[{sign}{}, {sign}{}]",
            score(p.lo[id], places),
            score(p.hi[id], places)
        )
    })
}

/// The rate cell of a ranged indicator: the rates at both ends.
pub(super) fn rate_cell(p: &Partial, id: usize, weight: rust_decimal::Decimal) -> String {
    format!("[{}, {}]", rate(p.lo[id], weight), rate(p.hi[id], weight))
}

/// The total's cells when the total is a range.
pub(super) fn total_cells(c: &Checked, p: &Partial) -> Option<[String; 2]> {
    let places = c.rounding.places;
    (p.total.0 != p.total.1).then(|| {
        [
            format!(
                "[{}, {}]",
                score(p.total.0, places),
                score(p.total.1, places)
            ),
            format!(
                "[{}, {}]",
                rate(p.total.0, c.full_marks),
                rate(p.total.1, c.full_marks)
            ),
        ]
    })
}

/// The grades reached, joined by 或.
pub(super) fn grades(c: &Checked, p: &Partial, lang: Lang) -> String {
    let names: Vec<&str> = p
        .grades
        .iter()
        .filter_map(|&g| c.grades.get(g).map(|x| x.name.as_str()))
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!(
            "{}{}{last}",
            rest.join(Word::Comma.text(lang)),
            Word::Or.text(lang)
        ),
        _ => names.concat(),
    }
}

fn names(c: &Checked, slots: &[u32], lang: Lang) -> String {
    slots
        .iter()
        .map(|&s| visible_line(c.slot_name(s)).into_owned())
        .collect::<Vec<_>>()
        .join(Word::Comma.text(lang))
}

/// The notes under the table: which facts are unknown (and would settle
/// the score), and which unknowns each ranged indicator depends on.
pub(super) fn lines(c: &Checked, p: &Partial, lang: Lang) -> Vec<String> {
    let colon = Word::Colon.text(lang);
    let listed: Vec<String> = p
        .unknown
        .iter()
        .map(|u| {
            format!(
                "{}{}{}{}",
                visible_line(c.slot_name(u.slot)),
                Word::ParenOpen.text(lang),
                visible_line(&u.text),
                Word::ParenClose.text(lang)
            )
        })
        .collect();
    let mut out = vec![format!(
        "{}{colon}{}{}",
        Word::UnknownFacts.text(lang),
        listed.join(Word::Comma.text(lang)),
        Word::WouldSettle.text(lang),
    )];
    for &(id, _) in &super::walk(c) {
        let id = id as usize;
        if p.ranged(id) && !p.depends[id].is_empty() {
            out.push(format!(
                "  {} {} {}",
                visible_line(&c.indicators[id].name),
                Word::DependsOn.text(lang),
                names(c, &p.depends[id], lang)
            ));
        }
    }
    out
}

/// Range fields of one indicator's JSON node.
pub(super) fn node(v: &mut Value, c: &Checked, p: &Partial, id: usize) {
    if !p.ranged(id) {
        return;
    }
    let places = c.rounding.places;
    v["score"] = Value::Null;
    v["rate"] = Value::Null;
    v["raw"] = Value::Null;
    v["score_min"] = score(p.lo[id], places).into();
    v["score_max"] = score(p.hi[id], places).into();
    let on: Vec<&str> = p.depends[id].iter().map(|&s| c.slot_name(s)).collect();
    v["depends_on"] = json!(on);
}

/// Range fields at the top of the JSON scorecard.
pub(super) fn top(v: &mut Value, c: &Checked, p: &Partial) {
    let places = c.rounding.places;
    if p.total.0 != p.total.1 {
        // The parts of a ranged total are not tracked as ranges: no end of
        // them is printed as if it were the value.
        for k in ["total", "base", "bonus", "penalty"] {
            v[k] = Value::Null;
        }
    }
    if p.grades.len() > 1 {
        v["grade"] = Value::Null;
    }
    v["total_min"] = score(p.total.0, places).into();
    v["total_max"] = score(p.total.1, places).into();
    let grades: Vec<&str> = p
        .grades
        .iter()
        .filter_map(|&g| c.grades.get(g).map(|x| x.name.as_str()))
        .collect();
    v["grades"] = json!(grades);
    let unknown: Vec<Value> = p
        .unknown
        .iter()
        .map(|u| json!({ "name": c.slot_name(u.slot), "written": u.text }))
        .collect();
    v["unknown"] = Value::Array(unknown);
    let on: Vec<&str> = p.total_depends.iter().map(|&s| c.slot_name(s)).collect();
    v["total_depends_on"] = json!(on);
}

/// What each unknown fact would settle, one line each, in `score`'s words:
/// `执行数 填写后可确定：预算执行 [0.00, 10.00]，总分 [3.33, 20.00]，等级 优或差`
/// (for `check --facts`: the document's gaps without a scorecard).
pub fn settle_lines(c: &Checked, p: &Partial, lang: Lang) -> Vec<String> {
    let colon = Word::Colon.text(lang);
    let mut out = vec![lines(c, p, lang).swap_remove(0)];
    let places = c.rounding.places;
    for u in &p.unknown {
        let mut parts: Vec<String> = Vec::new();
        for &(id, _) in &super::walk(c) {
            let id = id as usize;
            if p.ranged(id) && p.depends[id].contains(&u.slot) {
                let sign = "";
                let cell = score_cell(p, id, places, sign).unwrap_or_default();
                parts.push(format!("{} {cell}", visible_line(&c.indicators[id].name)));
            }
        }
        if p.total_depends.contains(&u.slot) {
            if let Some([t, _]) = total_cells(c, p) {
                parts.push(format!("{} {t}", Word::Total.text(lang)));
            }
            if p.grades.len() > 1 {
                parts.push(format!("{} {}", Word::Grade.text(lang), grades(c, p, lang)));
            }
        }
        let what = if parts.is_empty() {
            Word::SettlesNothing.text(lang).to_string()
        } else {
            parts.join(Word::Comma.text(lang))
        };
        out.push(format!(
            "  {} {}{colon}{what}",
            visible_line(c.slot_name(u.slot)),
            Word::WouldSettleEach.text(lang),
        ));
    }
    out
}

/// [`settle_lines`] as JSON: per unknown fact, the indicators (with their
/// ranges), total and grades it would settle.
pub fn settle_value(c: &Checked, p: &Partial) -> Value {
    let places = c.rounding.places;
    let list: Vec<Value> = p
        .unknown
        .iter()
        .map(|u| {
            let inds: Vec<Value> = super::walk(c)
                .iter()
                .map(|&(id, _)| id as usize)
                .filter(|&id| p.ranged(id) && p.depends[id].contains(&u.slot))
                .map(|id| {
                    json!({
                        "name": c.indicators[id].name,
                        "score_min": score(p.lo[id], places),
                        "score_max": score(p.hi[id], places),
                    })
                })
                .collect();
            let total = p.total_depends.contains(&u.slot) && p.total.0 != p.total.1;
            let grade = p.total_depends.contains(&u.slot) && p.grades.len() > 1;
            json!({
                "name": c.slot_name(u.slot),
                "written": u.text,
                "indicators": inds,
                "total": total.then(|| json!({
                    "min": score(p.total.0, places),
                    "max": score(p.total.1, places),
                })),
                "grades": grade.then(|| {
                    p.grades
                        .iter()
                        .filter_map(|&g| c.grades.get(g).map(|x| x.name.clone()))
                        .collect::<Vec<_>>()
                }),
            })
        })
        .collect();
    Value::Array(list)
}
