//! The points ledger: for each indicator, the rows tested, the row that
//! fired (source text and file:line), the values it read, the arithmetic of
//! its shape, and the rounding.

use super::walk;
use crate::check::show::{score, value};
use crate::check::Checked;
use crate::diag::{Lang, SourceMap, Word};
use crate::eval::trace::{Event, Ledger, StepKind};
use crate::eval::Scorecard;
use std::fmt::Write;

/// The ledger of every indicator, or of `only` and its subtree.
pub fn explain(
    c: &Checked,
    card: &Scorecard,
    ledger: &Ledger,
    map: &SourceMap,
    lang: Lang,
    only: Option<u32>,
) -> String {
    let places = c.rounding.places;
    let mut out = String::new();
    let rows = walk(c);
    let in_subtree = |id: u32| -> bool {
        let Some(root) = only else { return true };
        let mut cur = Some(id);
        while let Some(i) = cur {
            if i == root {
                return true;
            }
            cur = c.ind(i).parent;
        }
        false
    };
    for &(id, depth) in &rows {
        if !in_subtree(id) {
            continue;
        }
        let ind = c.ind(id);
        let s = card.indicators[id as usize];
        let indent = "  ".repeat(depth);
        // `指标 甲 75%`: how its points follow from its parent's.
        let weight = match ind.percent {
            Some(p) => {
                let above = ind.parent.map_or(c.full_marks, |q| c.ind(q).weight);
                format!(
                    "{} = {} × {}%",
                    ind.weight.normalize(),
                    above.normalize(),
                    p.normalize()
                )
            }
            None => ind.weight.normalize().to_string(),
        };
        let _ = writeln!(
            out,
            "{indent}■ {}（{} {weight}）{} {}",
            ind.name,
            Word::Weight.text(lang),
            Word::Score.text(lang),
            score(s.score, places)
        );
        if !ind.is_leaf() {
            let parts: Vec<String> = ind
                .children
                .iter()
                .map(|&ch| score(card.indicators[ch as usize].score, places))
                .collect();
            let _ = writeln!(out, "{indent}    = {}", parts.join(" + "));
            // A 加分/减分 group caps the sum of its items: the sum, then
            // whether the shared cap applied.
            if ind.kind != crate::syntax::ast::IndicatorKind::Normal {
                let _ = writeln!(out, "{indent}    {}", group_line(c, id, card, lang));
            }
            continue;
        }
        for e in ledger.entries.get(id as usize).into_iter().flatten() {
            let line = match e {
                Event::RowSkipped(span) => format!(
                    "{}  {}  {}",
                    Word::RowSkipped.text(lang),
                    map.location(*span),
                    one_line(map.snippet(*span))
                ),
                Event::RowFired(span) => format!(
                    "{}  {}  {}",
                    Word::RowFired.text(lang),
                    map.location(*span),
                    one_line(map.snippet(*span))
                ),
                Event::Fact { slot, value: v } => {
                    format!(
                        "{} {} = {}",
                        Word::Fact.text(lang),
                        c.slot_name(*slot),
                        value(c, c.slot_ty(*slot), *v)
                    )
                }
                Event::Derived { slot, value: v } => {
                    let d = &c.derived[*slot as usize - c.facts.len()];
                    format!(
                        "{} {} = {} = {}",
                        Word::Derived.text(lang),
                        d.name,
                        one_line(map.snippet(d.expr.span)),
                        value(c, &d.ty, *v)
                    )
                }
                Event::NotApplicable(span) => format!(
                    "{}  {}  {}",
                    Word::NotApplicable.text(lang),
                    map.location(*span),
                    one_line(map.snippet(*span))
                ),
                Event::Vetoed(span) => format!(
                    "{}  {}  {}",
                    Word::Vetoed.text(lang),
                    map.location(*span),
                    one_line(map.snippet(*span))
                ),
                Event::Step { what, value: v } => {
                    let w = match what {
                        StepKind::Base => Word::Base,
                        StepKind::Excess => Word::Excess,
                        StepKind::Steps => Word::Steps,
                        StepKind::Deducted => Word::Deducted,
                        StepKind::Rate => Word::RateStep,
                        StepKind::Items => Word::Items,
                        StepKind::FloorAtZero => Word::FloorAtZero,
                    };
                    let shown = match (what, excess_unit(c, id)) {
                        (StepKind::Excess, Some(u)) => crate::check::show::quantity(*v, u),
                        _ => crate::check::show::quantity(*v, crate::check::units::Unit::PLAIN),
                    };
                    format!("{} {}", w.text(lang), shown)
                }
                Event::Raw(q) => format!("{} {}", Word::Raw.text(lang), raw_shown(*q, lang)),
                Event::Rounded(v) => format!("{} {}", Word::Rounded.text(lang), score(*v, places)),
                Event::Transferred {
                    from,
                    weight,
                    score: sc,
                } => format!(
                    "{}（{} → {}）{} {}",
                    Word::Transferred.text(lang),
                    c.ind(*from).name,
                    weight.normalize(),
                    Word::Score.text(lang),
                    score(*sc, places)
                ),
                Event::Capped(v) => format!("{} {}", Word::Capped.text(lang), v.normalize()),
                Event::AssessorPick { value: v, range } => format!(
                    "{} {}（{} – {}）",
                    Word::AssessorGiven.text(lang),
                    v.normalize(),
                    range.0.normalize(),
                    range.1.normalize()
                ),
                Event::TableRow {
                    table,
                    row,
                    rate,
                    score: sc,
                } => super::rows::ledger_line(card, *table, *row, *rate, *sc, lang),
            };
            let _ = writeln!(out, "{indent}    {line}");
        }
    }
    out
}

/// The unit of a deduction's subject in this indicator, to print its excess.
fn excess_unit(c: &Checked, id: u32) -> Option<crate::check::units::Unit> {
    c.ind(id).rows.iter().find_map(|r| match &r.result {
        crate::check::CScoring::Deduction(d) => d.subject_unit,
        _ => None,
    })
}

/// An unrounded score: exact when it is a finite decimal; otherwise four
/// places marked ≈ and the exact fraction (`≈9.4444（= 85/9）`).
pub(crate) fn raw_shown(q: crate::num::Q, lang: Lang) -> String {
    match q.exact_decimal() {
        Some(d) => d.normalize().to_string(),
        None => {
            let (n, d) = q.reduced().parts();
            let approx = q.to_decimal().round_dp(4).normalize();
            format!(
                "≈{approx}{}= {n}/{d}{}",
                Word::ParenOpen.text(lang),
                Word::ParenClose.text(lang)
            )
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `封顶 3（各项合计 3.50）` or `各项合计 2.50，未超过上限 3`.
fn group_line(c: &Checked, id: u32, card: &Scorecard, lang: Lang) -> String {
    let places = c.rounding.places;
    let s = card.indicators[id as usize];
    let cap = c.ind(id).weight.normalize();
    let sum = score(s.raw, places);
    if s.raw > c.ind(id).weight {
        format!(
            "{} {cap}{}{} {sum}{}",
            Word::Capped.text(lang),
            Word::ParenOpen.text(lang),
            Word::ItemsSum.text(lang),
            Word::ParenClose.text(lang)
        )
    } else {
        format!(
            "{} {sum}{}{} {cap}",
            Word::ItemsSum.text(lang),
            Word::Comma.text(lang),
            Word::WithinCap.text(lang)
        )
    }
}
