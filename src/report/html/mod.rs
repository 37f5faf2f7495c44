//! Self-contained HTML reports: one department's scorecard, many units'
//! distribution, and an old-vs-new rubric comparison. Each is one file with
//! CSS, script and SVG charts inline and no network address.
//!
//! Every unit is rendered from a [`UnitRecord`]: the same fields as a
//! `batch --format jsonl --explain` record (scores, structured ledger,
//! vetoes), so one department and ten thousand go through one code path.

mod diff;
mod many;
mod page;
mod svg;
mod unit;
mod words;

pub use diff::diff_page;
pub use many::{many_page, Collector, Failed, ManyOptions, LARGE, SHOWN};
pub use page::esc;
pub use unit::unit_page;
pub use words::H;

use crate::check::{CExpr, CScoring, Checked, Slot};
use crate::diag::{Lang, SourceMap};
use crate::eval::trace::Ledger;
use crate::eval::{FactSet, Scorecard};
use crate::syntax::ast::IndicatorKind;
use crate::syntax::Span;
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::str::FromStr;

/// One unit's result, as the reports need it.
#[derive(Clone, Debug)]
pub struct UnitRecord {
    /// The input row (batch), when there is one.
    pub row: Option<u64>,
    pub label: Option<String>,
    pub total: Decimal,
    pub grade: String,
    /// Rounded score per indicator id.
    pub scores: Vec<Decimal>,
    /// Ledger entries per indicator id, when the ledger was computed.
    pub ledger: Option<Vec<Vec<J>>>,
    /// Rubric-level vetoes that fired: `{file, line, text}`.
    pub vetoes: Vec<J>,
    /// Text facts given (偏差原因, 备注…): name and content, shown as written.
    pub notes: Vec<(String, String)>,
    /// Per indicator id: the target-table rows it scored (empty for any
    /// other indicator, and for a batch record, which carries no rows).
    pub rows: Vec<Vec<crate::eval::targets::RowScore>>,
}

fn dec(v: &J) -> Option<Decimal> {
    v.as_str().and_then(|s| Decimal::from_str(s).ok())
}

impl UnitRecord {
    /// From the scorer directly (one department).
    pub fn from_card(
        c: &Checked,
        card: &Scorecard,
        ledger: &Ledger,
        map: &SourceMap,
        facts: &FactSet,
    ) -> UnitRecord {
        let notes = c
            .facts
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let t = facts.texts.get(i)?.as_ref()?;
                Some((f.name.clone(), t.clone()))
            })
            .collect();
        let data = crate::report::ledger_value(c, card, ledger, map);
        let rows = (0..c.indicators.len() as u32)
            .map(|id| super::rows::of(c, card, id).to_vec())
            .collect();
        UnitRecord {
            row: None,
            label: facts.label.clone(),
            total: card.total,
            grade: super::grade_name(c, card).to_string(),
            scores: card.indicators.iter().map(|s| s.score).collect(),
            ledger: Some(split_ledger(c, &data)),
            vetoes: crate::report::vetoes_value(c, card, map)
                .as_array()
                .cloned()
                .unwrap_or_default(),
            notes,
            rows,
        }
    }

    /// From a batch JSON record; `None` when it is an error record or does
    /// not fit the rubric.
    pub fn from_json(c: &Checked, v: &J) -> Option<UnitRecord> {
        let scores = v.get("scores")?;
        let scores = c
            .indicators
            .iter()
            .map(|i| dec(scores.get(&i.name)?))
            .collect::<Option<Vec<_>>>()?;
        Some(UnitRecord {
            row: v.get("row").and_then(J::as_u64),
            label: v.get("unit").and_then(J::as_str).map(str::to_string),
            total: dec(v.get("total")?)?,
            grade: v.get("grade")?.as_str()?.to_string(),
            scores,
            ledger: v.get("ledger").map(|l| split_ledger(c, l)),
            vetoes: v
                .get("veto_rules")
                .and_then(J::as_array)
                .cloned()
                .unwrap_or_default(),
            notes: Vec::new(),
            rows: Vec::new(),
        })
    }

    pub fn name(&self, lang: Lang) -> String {
        match (&self.label, self.row) {
            (Some(l), _) => l.clone(),
            (None, Some(r)) => format!("{} {r}", H::Row.text(lang)),
            (None, None) => String::new(),
        }
    }

    fn entries(&self, id: u32) -> Option<&[J]> {
        self.ledger
            .as_ref()
            .and_then(|l| l.get(id as usize))
            .map(Vec::as_slice)
    }
}

/// The ledger array (`[{indicator, entries}]`) indexed by indicator id.
fn split_ledger(c: &Checked, data: &J) -> Vec<Vec<J>> {
    let mut out = vec![Vec::new(); c.indicators.len()];
    for item in data.as_array().into_iter().flatten() {
        let name = item.get("indicator").and_then(J::as_str).unwrap_or("");
        if let (Some(id), Some(e)) = (
            c.indicator_named(name),
            item.get("entries").and_then(J::as_array),
        ) {
            out[id as usize] = e.clone();
        }
    }
    out
}

/// Points an indicator cost the unit, when that can be known: weight minus
/// score for a normal leaf, the sum of its children's for a parent (0 when it was not applicable), the points
/// taken for a penalty, nothing for a bonus. Without a ledger, an indicator
/// with a not-applicable clause (or receiving weight from one) is unknown,
/// since its effective weight is not in the scores.
fn lost(c: &Checked, rec: &UnitRecord, id: u32) -> Option<Decimal> {
    let ind = c.ind(id);
    if !ind.is_leaf() {
        // A parent loses what its children lose: an excluded child's weight is not lost.
        return ind.children.iter().map(|&ch| lost(c, rec, ch)).sum();
    }
    let score = rec.scores[id as usize];
    match ind.kind {
        IndicatorKind::Bonus => return None,
        IndicatorKind::Penalty => return Some(score.abs()),
        IndicatorKind::Normal => {}
    }
    let mut weight = ind.weight;
    match rec.entries(id) {
        Some(e) => {
            if e.iter().any(|x| x["kind"] == "not_applicable") {
                return Some(Decimal::ZERO);
            }
            if let Some(w) = e
                .iter()
                .rev()
                .find(|x| x["kind"] == "transferred")
                .and_then(|x| dec(&x["weight"]))
            {
                weight = w;
            }
        }
        None if na_touched(c, id) => return None,
        None => {}
    }
    Some((weight - score).max(Decimal::ZERO))
}

/// Whether a not-applicable clause can change this indicator's weight.
fn na_touched(c: &Checked, id: u32) -> bool {
    let mut cur = Some(id);
    while let Some(i) = cur {
        if c.ind(i).na.is_some() {
            return true;
        }
        cur = c.ind(i).parent;
    }
    c.indicators.iter().any(|i| {
        matches!(&i.na, Some(na) if matches!(&na.policy, crate::check::CNaPolicy::Transfer(to) if to.contains(&id)))
    })
}

/// The slots an indicator's rules read directly (not through a
/// definition's inputs): what its 实际完成值 are.
fn direct_slots(c: &Checked, id: u32) -> Vec<Slot> {
    let mut out = Vec::new();
    let ind = c.ind(id);
    let add = |e: &CExpr, out: &mut Vec<Slot>| e.slots(out);
    for r in &ind.rows {
        if let Some(cond) = &r.cond {
            add(cond, &mut out);
        }
        match &r.result {
            CScoring::Expr(e) | CScoring::Proportional(e) => add(e, &mut out),
            CScoring::Deduction(d) => {
                for e in [&d.base, &d.subject, &d.baseline, &d.step, &d.per_step] {
                    add(e, &mut out);
                }
            }
            CScoring::Ratio { actual, target, .. } => {
                add(actual, &mut out);
                add(target, &mut out);
            }
            CScoring::Checklist(k) => {
                add(&k.points, &mut out);
                out.extend(k.items.iter().map(|i| i.0));
            }
            CScoring::Match { subject, arms } => {
                add(subject, &mut out);
                for (_, e) in arms {
                    add(e, &mut out);
                }
            }
            CScoring::Qualitative(q) => out.extend([q.tier, q.rate]),
        }
    }
    if let Some(na) = &ind.na {
        na.when.slots(&mut out);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(*s));
    out
}

/// `预算完成率 ≈85.8012%` for each value the indicator's rules read.
fn actuals(c: &Checked, rec: &UnitRecord, id: u32) -> Vec<String> {
    let Some(entries) = rec.entries(id) else {
        return Vec::new();
    };
    direct_slots(c, id)
        .into_iter()
        .filter_map(|s| {
            let name = c.slot_name(s);
            let e = entries
                .iter()
                .find(|e| (e["kind"] == "fact" || e["kind"] == "derived") && e["name"] == name)?;
            Some(format!("{name} {}", e["shown"].as_str().unwrap_or("")))
        })
        .collect()
}

/// The rule that decided the score, for 扣分原因.
fn deciding_rule(rec: &UnitRecord, id: u32) -> Option<String> {
    let e = rec.entries(id)?;
    e.iter()
        .find(|x| x["kind"] == "vetoed" || x["kind"] == "not_applicable")
        .or_else(|| e.iter().find(|x| x["fired"] == true))
        .and_then(|x| x["text"].as_str())
        .map(str::to_string)
}

/// The scoring rules of a leaf as written in the rule file (its body
/// between the braces).
fn criteria(c: &Checked, map: &SourceMap, id: u32) -> String {
    let ind = c.ind(id);
    if !ind.is_leaf() {
        return String::new();
    }
    let body = map.snippet(Span {
        file: ind.span.file,
        start: ind.head_span.end,
        end: ind.span.end,
    });
    let body = body.trim();
    let body = body.strip_prefix('{').unwrap_or(body);
    let body = body.strip_suffix('}').unwrap_or(body);
    // The source's indentation means nothing in a table cell.
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `优 ≥ 90；良 ≥ 80；中 ≥ 60；差 其余`
fn bands(c: &Checked, lang: Lang) -> String {
    c.grades
        .iter()
        .map(|g| match g.min {
            Some((d, incl)) => format!(
                "{} {} {}",
                g.name,
                if incl { "≥" } else { ">" },
                d.normalize()
            ),
            None => format!("{} {}", g.name, H::Otherwise.text(lang)),
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "；" } else { "; " })
}

fn pts(c: &Checked, d: Decimal) -> String {
    crate::check::show::score(d, c.rounding.places)
}

/// The printed indicator's place in the official table: which level
/// column it goes in (0, 1, 2+) and its name (deeper levels keep their
/// parent's name in front).
fn level_name(c: &Checked, id: u32, depth: usize) -> String {
    if depth <= 2 {
        return c.ind(id).name.clone();
    }
    // The ancestors below the second level: depth − 2 of them.
    let mut names = vec![c.ind(id).name.as_str()];
    let mut cur = c.ind(id).parent;
    for _ in 2..depth {
        let Some(p) = cur else { break };
        names.push(c.ind(p).name.as_str());
        cur = c.ind(p).parent;
    }
    names.reverse();
    names.join(" › ")
}
