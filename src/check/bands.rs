//! The rate bands of a qualitative rule (`好 80%（含）至 100%（含），中 …`):
//! between the lowest and highest endpoint every rate should fit exactly
//! one tier. Decided on the cells cut at the endpoints, like tier tables.
//!
//! Bands written in a 定性 row are checked at that row; a declared 评分档 is
//! checked once at its declaration, whoever uses it (定性 rows, target
//! tables, or nobody yet), so a set shared by three rows warns once.

use super::interval::{cells, short, Cell};
use super::targets::CLevel;
use super::units::Unit;
use super::{CScoring, Checked, Checker, IndId, Ty};
use crate::diag::{Diagnostic, Msg};
use crate::num::Value;
use crate::syntax::ast;
use crate::syntax::Span;
use rust_decimal::Decimal;

/// (lo, lo inclusive, hi, hi inclusive), lo ≤ hi.
type Band = (Decimal, bool, Decimal, bool);

/// W213/W214 for the 定性 rows of indicator `id` that write their own bands.
pub(super) fn run(cx: &mut Checker, c: &Checked, id: IndId) {
    let ind = c.ind(id);
    for row in &ind.rows {
        let CScoring::Qualitative(q) = &row.result else {
            continue;
        };
        if q.shared {
            continue;
        }
        let Ty::Enum(e) = c.slot_ty(q.tier) else {
            continue;
        };
        let names = &c.enums[*e as usize].variants;
        let bands: Vec<(&str, Band)> = q
            .bands
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| (names[i].as_str(), b)))
            .collect();
        lint(cx, &ind.name, &bands, row.span, true);
    }
}

/// W213/W214 for every declared 评分档, at its declaration.
pub(super) fn sets(cx: &mut Checker) {
    let sets: Vec<ast::BandSet> = cx.band_sets.iter().map(|(s, _)| s.clone()).collect();
    for s in &sets {
        let mut bands: Vec<(&str, Band)> = Vec::new();
        for b in &s.bands {
            // A repeated tier is an error where the set is used; the first
            // band of a name is the one a table keeps.
            if bands.iter().any(|(n, _)| *n == b.tier.node) {
                continue;
            }
            let (Some(lo), Some(hi)) = (quiet_rate(cx, &b.lo.expr), quiet_rate(cx, &b.hi.expr))
            else {
                continue;
            };
            // Written high-to-low (100%–80%) as the documents do.
            let band = if lo <= hi {
                (lo, b.lo.inclusive, hi, b.hi.inclusive)
            } else {
                (hi, b.hi.inclusive, lo, b.lo.inclusive)
            };
            bands.push((b.tier.node.as_str(), band));
        }
        lint(cx, &s.name.node, &bands, s.span, true);
    }
}

/// W213 for the levels a target table writes itself (`定性 达成 100%，部分达成
/// 60%（含）至 80%（含），…`): a rate written as a row's actual scores in the
/// first level holding it, so two levels holding one rate is a hidden choice.
/// No gap lint here: fixed rates (`达成 100%，未达成 0%`) are levels, not
/// bands meant to cover the rates between them.
pub(super) fn table_levels(cx: &mut Checker, table: &str, levels: &[CLevel], at: Span) {
    let bands: Vec<(&str, Band)> = levels
        .iter()
        .map(|l| {
            let (lo, li) = l.lo;
            let (hi, hi_in) = l.hi.unwrap_or(l.lo);
            (
                l.name.as_str(),
                (lo, li || l.hi.is_none(), hi, hi_in || l.hi.is_none()),
            )
        })
        .collect();
    lint(cx, table, &bands, at, false);
}

/// A band endpoint's constant rate, without reporting anything: the rows and
/// tables that use the set report a bad endpoint where they read it (and an
/// unused set is W216), so this pass must not add a second error.
fn quiet_rate(cx: &mut Checker, e: &ast::Expr) -> Option<Decimal> {
    let (before, used) = (cx.diags.0.len(), cx.used.clone());
    let (c, u) = cx.number(e);
    cx.diags.0.truncate(before);
    cx.used = used;
    match (c.as_const(), u) {
        (Some(Value::Num(d)), Some(u)) if u.dim.is_none() => Some(d),
        _ => None,
    }
}

/// The first overlap (W213) and the first gap (W214) among `bands`, owned by
/// `owner` (an indicator, a 评分档 or a table), reported at `at`.
fn lint(cx: &mut Checker, owner: &str, bands: &[(&str, Band)], at: Span, gaps: bool) {
    let (Some(lo), Some(hi)) = (
        bands.iter().map(|b| b.1 .0).min(),
        bands.iter().map(|b| b.1 .2).max(),
    ) else {
        return;
    };
    let cuts: Vec<Decimal> = bands.iter().flat_map(|b| [b.1 .0, b.1 .2]).collect();
    let inside = |x: Decimal, (l, li, h, hi): Band| {
        (if li { x >= l } else { x > l }) && (if hi { x <= h } else { x < h })
    };
    // The first run of consecutive cells no band holds, as (cell, sample).
    let mut gap: Vec<(Cell, Decimal)> = Vec::new();
    let mut gap_done = false;
    let mut overlap_found = false;
    for cell in cells(cuts) {
        let x = cell.sample(Unit::PERCENT);
        if x < lo || x > hi {
            continue;
        }
        let fits: Vec<&str> = bands
            .iter()
            .filter(|b| inside(x, b.1))
            .map(|b| b.0)
            .collect();
        if fits.is_empty() && x != lo && x != hi {
            if gaps && !gap_done {
                gap.push((cell, x));
            }
            continue;
        }
        gap_done |= !gap.is_empty();
        if let [a, b, ..] = fits.as_slice() {
            if !overlap_found {
                overlap_found = true;
                let msg = Msg::BandsOverlap {
                    indicator: owner.to_string(),
                    first: a.to_string(),
                    second: b.to_string(),
                    value: short(x, Unit::PERCENT),
                };
                cx.error(Diagnostic::new(msg).at(at));
            }
        }
    }
    if let Some(&(first, _)) = gap.first() {
        // A rate strictly inside the gap reads better than its endpoint.
        let x = gap
            .iter()
            .find(|(c, _)| matches!(c, Cell::Open(..)))
            .unwrap_or(&gap[0])
            .1;
        let msg = match gap.as_slice() {
            // One missed endpoint: the rate itself is the witness.
            [(Cell::Point(p), _)] => Msg::BandsGap {
                indicator: owner.to_string(),
                range: short(*p, Unit::PERCENT),
                witness: None,
            },
            run => Msg::BandsGap {
                indicator: owner.to_string(),
                range: range(first, run[run.len() - 1].0),
                witness: Some(short(x, Unit::PERCENT)),
            },
        };
        cx.error(Diagnostic::new(msg).at(at));
    }
}

/// `[70%, 80%)`-style text from the first to the last cell of a run.
fn range(first: Cell, last: Cell) -> String {
    let end = |x: Option<Decimal>, inf: &str| {
        x.map_or_else(|| inf.to_string(), |x| short(x, Unit::PERCENT))
    };
    let lo = match first {
        Cell::Point(p) => format!("[{}", short(p, Unit::PERCENT)),
        Cell::Open(a, _) => format!("({}", end(a, "-∞")),
    };
    let hi = match last {
        Cell::Point(p) => format!("{}]", short(p, Unit::PERCENT)),
        Cell::Open(_, b) => format!("{})", end(b, "+∞")),
    };
    format!("{lo}, {hi}")
}
