//! Target tables (绩效指标表): the declaration a rubric makes once, checked
//! here; the rows themselves come with each fact set (`crate::facts`).

use super::{Checker, IndId};
use crate::diag::{Diagnostic, Msg, Note};
use crate::eval::value::Value;
use crate::syntax::ast::{self, Bound, TableShares};
use crate::syntax::Span;
use rust_decimal::Decimal;

pub type TableId = u32;

/// A checked `指标表`.
#[derive(Clone, Debug)]
pub struct CTable {
    /// The indicator the table scores.
    pub ind: IndId,
    /// The indicator's name, which is also the facts key holding the rows.
    pub name: String,
    pub weight: Decimal,
    pub shares: TableShares,
    /// The rate of a `=` row that misses its target; `None` when the rubric
    /// states no rule for `=` rows (such a row is then an error on load).
    pub eq_miss: Option<Decimal>,
    pub levels: Vec<CLevel>,
    /// `定性 按 三档`: the 评分档 whose bands are `levels` (for the ledger
    /// and JSON, which name the band a row scored in).
    pub band_set: Option<String>,
    pub span: Span,
}

/// A level a 定性 row may name: a fixed rate, or a range the assessor's
/// score must lie in.
#[derive(Clone, Debug, PartialEq)]
pub struct CLevel {
    pub name: String,
    pub lo: (Decimal, bool),
    /// `Some` for an assessor's range; then `lo` is its lower end.
    pub hi: Option<(Decimal, bool)>,
}

impl CTable {
    pub fn level(&self, name: &str) -> Option<&CLevel> {
        self.levels.iter().find(|l| l.name == name)
    }

    /// The first level whose range holds rate `r` (or whose fixed rate is
    /// `r`): the band a rate written as the actual scored in.
    pub fn level_of_rate(&self, r: Decimal) -> Option<&CLevel> {
        self.levels.iter().find(|l| {
            let (lo, li) = l.lo;
            match l.hi {
                None => r == lo,
                Some((hi, hi_in)) => {
                    (if li { r >= lo } else { r > lo }) && (if hi_in { r <= hi } else { r < hi })
                }
            }
        })
    }

    pub fn level_names(&self) -> Vec<String> {
        self.levels.iter().map(|l| l.name.clone()).collect()
    }
}

impl Checker {
    /// Check a table's declaration; returns its id in `Checked::tables`.
    pub fn target_table(&mut self, a: &ast::Indicator, t: &ast::TargetTable, id: IndId) -> TableId {
        let eq_miss = t
            .eq_miss
            .as_ref()
            .and_then(|e| self.table_rate(&a.name.node, e));
        let mut levels: Vec<CLevel> = Vec::new();
        let mut seen: Vec<(String, Span)> = Vec::new();
        // `定性 按 三档`: the set's bands, read as if written here. Desugared
        // at check time, so both evaluators and the facts reader see only
        // levels they already know.
        let from_set = t.uses.as_ref().and_then(|u| self.band_set(u));
        let set_levels: Vec<ast::TableLevel> = from_set
            .iter()
            .flatten()
            .map(|b| ast::TableLevel {
                name: b.tier.clone(),
                lo: b.lo.clone(),
                hi: Some(b.hi.clone()),
                span: b.span,
            })
            .collect();
        for l in t.levels.iter().chain(&set_levels) {
            if let Some((_, prev)) = seen.iter().find(|(n, _)| *n == l.name.node) {
                self.error(
                    Diagnostic::new(Msg::DuplicateName {
                        name: l.name.node.clone(),
                    })
                    .at(l.name.span)
                    .label(*prev, Note::FirstDefinedHere),
                );
                continue;
            }
            seen.push((l.name.node.clone(), l.name.span));
            let lo = self.table_bound(&a.name.node, &l.lo);
            let hi = l.hi.as_ref().map(|h| self.table_bound(&a.name.node, h));
            let (Some(lo), Some(hi)) = (lo, hi.unwrap_or(Some((Decimal::ZERO, false)))) else {
                continue;
            };
            let hi = l.hi.as_ref().map(|_| hi);
            // Ranges may be written high-to-low (100%–80%) as the forms do.
            let (lo, hi) = match hi {
                Some(h) if h.0 < lo.0 => (h, Some(lo)),
                // A band of one rate (`差 0%（含）至 0%（含）`) leaves the
                // assessor nothing to pick: a fixed rate.
                Some(h) if h.0 == lo.0 && h.1 && lo.1 => (lo, None),
                other => (lo, other),
            };
            levels.push(CLevel {
                name: l.name.node.clone(),
                lo,
                hi,
            });
        }
        if let (None, Some(first), Some(last)) = (&t.uses, t.levels.first(), t.levels.last()) {
            let at = Span {
                end: last.span.end,
                ..first.span
            };
            super::bands::table_levels(self, &a.name.node, &levels, at);
        }
        let tid = self.tables.len() as TableId;
        self.tables.push(CTable {
            ind: id,
            name: a.name.node.clone(),
            weight: a.weight.node,
            shares: t.shares.as_ref().map_or(TableShares::Equal, |s| s.node),
            eq_miss,
            levels,
            band_set: from_set.and(t.uses.as_ref()).map(|u| u.node.clone()),
            span: t.span,
        });
        tid
    }

    fn table_bound(&mut self, table: &str, b: &Bound) -> Option<(Decimal, bool)> {
        self.table_rate(table, &b.expr).map(|r| (r, b.inclusive))
    }

    /// A constant rate between 0% and 100%.
    fn table_rate(&mut self, table: &str, e: &ast::Expr) -> Option<Decimal> {
        let (c, u) = self.number(e);
        match (c.as_const(), u) {
            (Some(Value::Num(d)), Some(u))
                if u.dim.is_none() && d >= Decimal::ZERO && d <= Decimal::ONE =>
            {
                Some(d)
            }
            (_, None) => None,
            _ => {
                let text = crate::syntax::print::expr(e);
                self.error(
                    Diagnostic::new(Msg::TableRate {
                        table: table.to_string(),
                        found: text,
                    })
                    .at(e.span),
                );
                None
            }
        }
    }
}
