//! Scoring target tables (绩效指标表): every row by the standard rule of its
//! 指标性质, the table as one leaf rounded once. With equal shares the table
//! is W × Σ rates ÷ n (one division), so 22 rows worth 20/22 each add up to
//! exactly 20 when every target is met.

use super::arith::ArithError;
use super::trace::{Event, Tracer};
use super::FactSet;
use crate::check::{CLevel, CTable, Checked, TableId};
use crate::diag::{Diagnostic, Msg};
use crate::num::Q;
use crate::syntax::ast::TableShares;
use crate::syntax::Span;
use rust_decimal::Decimal;

/// 指标性质: how a row's actual is held against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// ≥: 分值 × min(实际/目标, 1).
    AtLeast,
    /// ≤: full marks at or under the target, 分值 × 目标/实际 above it.
    AtMost,
    /// =: full marks when equal, else the rubric's stated rate.
    Equal,
    /// 定性: the actual names one of the rubric's levels.
    Qualitative,
}

impl RowKind {
    pub fn symbol(self) -> &'static str {
        match self {
            RowKind::AtLeast => "≥",
            RowKind::AtMost => "≤",
            RowKind::Equal => "=",
            RowKind::Qualitative => "定性",
        }
    }
}

/// One cell of a target or an actual: a quantity in base units (the text as
/// the form prints it kept for display), or text (定性 rows).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Qty { value: Decimal, text: String },
    Text(String),
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Cell::Qty { text, .. } | Cell::Text(text) => text,
        }
    }
}

/// One row of a target table, as the facts give it (checked on load).
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    /// 指标名称, or a generated name when the form's cell is blank.
    pub name: String,
    pub name_generated: bool,
    /// 一级指标 / 二级指标 as written, for display.
    pub groups: Vec<String>,
    pub kind: RowKind,
    pub target: Cell,
    pub actual: Cell,
    /// 分值 (tables with `分值 按列`).
    pub weight: Option<Decimal>,
    /// 得分 entered by the assessor (定性 rows whose level is a range).
    pub given: Option<Decimal>,
    /// 偏差原因.
    pub reason: Option<String>,
    pub span: Option<Span>,
}

/// A row as scored.
#[derive(Clone, Debug, PartialEq)]
pub struct RowScore {
    pub row: TargetRow,
    /// The row's weight (W ÷ n for equal shares, possibly a long quotient).
    pub weight: Decimal,
    /// Completion rate, 0..=1 (for an assessor's score: score ÷ weight).
    pub rate: Decimal,
    /// Unrounded points; the table is rounded once, as a whole.
    pub score: Decimal,
    /// The score is the assessor's, not computed.
    pub assessor: bool,
    /// A 定性 row: the level its 实际完成值 names, as the rubric declares
    /// it, and the 评分档 it comes from (`定性 按 三档`).
    pub band: Option<RowBand>,
}

/// The band a 定性 row scored in.
#[derive(Clone, Debug, PartialEq)]
pub struct RowBand {
    pub set: Option<String>,
    pub level: CLevel,
}

impl RowBand {
    fn of(table: &CTable, row: &TargetRow) -> Option<RowBand> {
        if row.kind != RowKind::Qualitative {
            return None;
        }
        let level = match &row.actual {
            Cell::Qty { value, .. } => table.level_of_rate(*value),
            Cell::Text(t) => table.level(t.trim()),
        }?
        .clone();
        Some(RowBand {
            set: table.band_set.clone(),
            level,
        })
    }
}

/// Score every table of the rubric from the fact set's rows: the raw
/// (unrounded, exact) points of each table's indicator, and its rows.
pub fn score_tables<T: Tracer>(
    c: &Checked,
    facts: &FactSet,
    t: &mut T,
) -> Result<Vec<(Q, Vec<RowScore>)>, Box<Diagnostic>> {
    let mut out = Vec::with_capacity(c.tables.len());
    for (i, table) in c.tables.iter().enumerate() {
        let given = facts.rows.get(i).and_then(Option::as_ref);
        // Under a 择一 alternative not chosen: excluded, so no rows needed.
        if given.is_none() && c.not_chosen(table.ind, |s| c.given_or_default(&facts.values, s)) {
            out.push((Q::ZERO, Vec::new()));
            continue;
        }
        let rows = given.ok_or_else(|| {
            let ind = c.ind(table.ind);
            Box::new(
                Diagnostic::new(Msg::MissingFact {
                    name: table.name.clone(),
                    expected: format!("[[{}]]", table.name),
                })
                .at(ind.head_span),
            )
        })?;
        out.push(score_table(c, i as TableId, table, rows, t)?);
    }
    Ok(out)
}

fn score_table<T: Tracer>(
    c: &Checked,
    tid: TableId,
    table: &CTable,
    rows: &[TargetRow],
    t: &mut T,
) -> Result<(Q, Vec<RowScore>), Box<Diagnostic>> {
    let overflow = |_: ArithError| {
        Box::new(
            Diagnostic::new(Msg::Overflow {
                indicator: table.name.clone(),
            })
            .at(c.ind(table.ind).head_span),
        )
    };
    // Exact rationals throughout: W ÷ n and a/t stay exact, so 22 rows of
    // 20/22 met in full add up to 20, and only the table's leaf is rounded.
    // The facts reader checks the 分值 column's sum; rows edited one at a
    // time (the REPL) reach scoring unchecked, and a wrong sum would
    // silently score against other weights.
    if table.shares == TableShares::Column {
        let sum: Option<Decimal> = rows.iter().try_fold(Decimal::ZERO, |s, r| {
            s.checked_add(r.weight.unwrap_or_default())
        });
        if sum != Some(table.weight) {
            let d = Diagnostic::new(Msg::TableWeights {
                table: table.name.clone(),
                declared: table.weight.normalize().to_string(),
                sum: sum.unwrap_or_default().normalize().to_string(),
            })
            .at(c.ind(table.ind).head_span);
            return Err(Box::new(d));
        }
    }
    let n = Q::int(rows.len().max(1) as i128);
    let w = Q::from_dec(table.weight);
    let mut raw = Q::ZERO;
    let mut scored = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let row_w = match table.shares {
            TableShares::Equal => w.div(n).map_err(overflow)?,
            TableShares::Column => Q::from_dec(row.weight.unwrap_or(Decimal::ZERO)),
        };
        let (rate, score, assessor) = match (row_rate(table, row).map_err(overflow)?, row.given) {
            (Some(rate), _) => (rate, row_w.mul(rate).map_err(overflow)?, false),
            (None, Some(s)) => {
                let s = Q::from_dec(s);
                let rate = if row_w.is_zero() {
                    Q::ZERO
                } else {
                    s.div(row_w).map_err(overflow)?
                };
                (rate, s, true)
            }
            // The loader refuses an assessor's row without a score.
            (None, None) => (Q::ZERO, Q::ZERO, true),
        };
        raw = raw.add(score).map_err(overflow)?;
        let (rate, score) = (rate.to_decimal(), score.to_decimal());
        if T::ON {
            t.event(
                table.ind,
                Event::TableRow {
                    table: tid,
                    row: r as u32,
                    rate,
                    score,
                },
            );
        }
        scored.push(RowScore {
            row: row.clone(),
            weight: row_w.to_decimal(),
            rate,
            score,
            assessor,
            band: RowBand::of(table, row),
        });
    }
    Ok((raw, scored))
}

/// The completion rate by the standard rule, exact, or `None` for a row
/// whose score the assessor gives.
pub fn row_rate(table: &CTable, row: &TargetRow) -> Result<Option<Q>, ArithError> {
    let one = Q::ONE;
    Ok(match (row.kind, &row.target, &row.actual) {
        (RowKind::AtLeast, Cell::Qty { value: t, .. }, Cell::Qty { value: a, .. }) => {
            // a < t and a ≥ 0 (checked on load), so t > 0.
            Some(if a >= t {
                one
            } else {
                Q::from_dec(*a).div(Q::from_dec(*t))?
            })
        }
        (RowKind::AtMost, Cell::Qty { value: t, .. }, Cell::Qty { value: a, .. }) => {
            // a > t ≥ 0, so a > 0: an actual of 0 is always the best case.
            Some(if a <= t {
                one
            } else {
                Q::from_dec(*t).div(Q::from_dec(*a))?
            })
        }
        (RowKind::Equal, target, actual) => {
            let met = match (target, actual) {
                (Cell::Qty { value: t, .. }, Cell::Qty { value: a, .. }) => t == a,
                (x, y) => x.text().trim() == y.text().trim(),
            };
            Some(if met {
                one
            } else {
                Q::from_dec(table.eq_miss.unwrap_or(Decimal::ZERO))
            })
        }
        // A rate the assessor wrote as the actual (checked on load to lie
        // in a level's range).
        (RowKind::Qualitative, _, Cell::Qty { value, .. }) => Some(Q::from_dec(*value)),
        (RowKind::Qualitative, _, actual) => match table.level(actual.text().trim()) {
            Some(l) if l.hi.is_none() => Some(Q::from_dec(l.lo.0)),
            _ => None,
        },
        // The loader gives ≥/≤ rows quantities on both sides.
        _ => Some(Q::ZERO),
    })
}

/// An assessor's pick for a row that lets them choose within `[lo, hi]`:
/// missing or outside, an error naming the indicator and its row.
pub fn check_pick(
    indicator: &str,
    (lo, hi): (Decimal, Decimal),
    given: Option<(Decimal, Option<Span>)>,
    row: Span,
) -> Result<Decimal, Box<Diagnostic>> {
    let show = |d: Decimal| d.normalize().to_string();
    let Some((v, at)) = given else {
        return Err(Box::new(
            Diagnostic::new(Msg::AssessorPickMissing {
                indicator: indicator.to_string(),
                lo: show(lo),
                hi: show(hi),
            })
            .at(row),
        ));
    };
    if v < lo || v > hi {
        let mut d = Diagnostic::new(Msg::AssessorPickOutside {
            indicator: indicator.to_string(),
            pick: show(v),
            lo: show(lo),
            hi: show(hi),
        });
        d = match at {
            Some(at) => d.at(at).label(row, crate::diag::Note::ThisRow),
            None => d.at(row),
        };
        return Err(Box::new(d));
    }
    Ok(v)
}
