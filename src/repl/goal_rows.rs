//! `:goal 总分 >= 95 by 绩效指标[3].实际完成值`: the actual a target-table
//! row needs. A ≥ row's score rises with its actual up to the target and is
//! flat above it; a ≤ row's is flat up to the target and falls above it. So
//! whether the goal holds flips at most once along the actual, and a
//! bisection on the grid finds where, each probe scoring the whole rubric
//! with the row's actual replaced (exactly, as the reference scores it).
//! The answer is a [`GoalAnswer`], said as `:goal` by an input says it.

use super::goal::{GoalAnswer, Target};
use crate::check::units::lookup;
use crate::check::Checked;
use crate::diag::{Diagnostic, Msg};
use crate::eval::targets::{Cell, RowKind};
use crate::eval::value::Value;
use crate::eval::FactSet;
use rust_decimal::Decimal;

/// A goal by one row's 实际完成值.
pub(super) struct RowGoal {
    pub target: Target,
    pub table: usize,
    /// 0-based.
    pub row: usize,
    pub step: Option<Decimal>,
    /// `表[N].实际完成值`, as typed.
    pub name: String,
}

/// `None` when the name after `by` is not a table cell (then it is an input).
#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
pub(super) fn parse(c: &Checked, text: &str) -> Option<Result<RowGoal, Msg>> {
    let (target, rest) = super::target::split_by(text)?;
    let mut words = rest.split_whitespace();
    let name = words.next()?;
    if c.fact_slot(name).is_some() {
        return None;
    }
    let (table, Some(n), Some(col)) = super::rows::target(c, name)? else {
        return None;
    };
    Some(parse_rest(
        c,
        text,
        target,
        name,
        table,
        n,
        col,
        words.collect(),
    ))
}

#[allow(clippy::result_large_err, clippy::too_many_arguments)]
fn parse_rest(
    c: &Checked,
    text: &str,
    target: &str,
    name: &str,
    table: usize,
    n: usize,
    col: &str,
    rest: Vec<&str>,
) -> Result<RowGoal, Msg> {
    let bad = || Msg::BadGoal {
        target: text.trim().to_string(),
    };
    if !["实际完成值", "完成值", "实际值", "actual"].contains(&col.trim()) {
        return Err(Msg::GoalRowKind {
            name: name.to_string(),
            kind: col.trim().to_string(),
        });
    }
    let step = match rest.as_slice() {
        [] => None,
        ["精度" | "step", v @ ..] if !v.is_empty() => {
            let half = crate::facts::half_width(&v.join(" "));
            match crate::facts::split_number(&half) {
                Ok((h, _)) if h > Decimal::ZERO => Some(h),
                _ => return Err(bad()),
            }
        }
        _ => return Err(bad()),
    };
    let target = super::target::parse_target(c, target).ok_or_else(bad)??;
    Ok(RowGoal {
        target,
        table,
        row: n.wrapping_sub(1),
        step,
        name: name.to_string(),
    })
}

/// The written number and unit of a cell (`4000 人次` → 4000, `人次`).
fn written(cell: &Cell) -> Option<(Decimal, String)> {
    let half = crate::facts::half_width(cell.text());
    crate::facts::split_number(&half)
        .ok()
        .map(|(n, u)| (n, u.trim().to_string()))
}

/// Solve `g`; the answer's numbers are in the row's written unit, and the
/// unit's text (for display) comes back beside it.
pub(super) fn solve(
    c: &Checked,
    facts: &FactSet,
    g: &RowGoal,
) -> Result<(GoalAnswer, String), Box<Diagnostic>> {
    let table = &c.tables[g.table];
    let rows = facts.rows[g.table].as_deref().unwrap_or(&[]);
    let Some(row) = rows.get(g.row) else {
        return Err(Box::new(Diagnostic::new(Msg::TableNoSuchRow {
            table: table.name.clone(),
            row: g.row.wrapping_add(1),
            rows: rows.len(),
        })));
    };
    let kind_err = || {
        Box::new(Diagnostic::new(Msg::GoalRowKind {
            name: g.name.clone(),
            kind: row.kind.symbol().to_string(),
        }))
    };
    if !matches!(row.kind, RowKind::AtLeast | RowKind::AtMost) {
        return Err(kind_err());
    }
    let (Some((t, tu)), Some((a, au))) = (written(&row.target), written(&row.actual)) else {
        return Err(kind_err());
    };
    // A bare actual beside a target with a unit is in that unit.
    let unit = if au.is_empty() { tu } else { au };
    let factor = lookup(&c.units, &unit).map_or(Decimal::ONE, |(_, f)| f);
    let step = g.step.unwrap_or_else(|| default_step(&unit, t, a));
    let show_text = |x: Decimal| {
        let n = x.normalize();
        if unit.is_empty() || unit == "%" {
            format!("{n}{unit}")
        } else {
            format!("{n} {unit}")
        }
    };
    let mut evaluations = 0;
    let mut probe = |k: i64| -> Result<(bool, Decimal), Box<Diagnostic>> {
        evaluations += 1;
        let x = step * Decimal::from(k);
        let mut set = facts.clone();
        let r = &mut set.rows[g.table].as_mut().expect("rows given")[g.row];
        r.actual = Cell::Qty {
            value: x * factor,
            text: show_text(x),
        };
        let card = crate::eval::score(c, &set)?;
        Ok((g.target.met(&card), g.target.measure(&card)))
    };
    let grid = |v: Decimal| {
        (v / step)
            .ceil()
            .to_string()
            .parse::<i64>()
            .unwrap_or(i64::MAX / 4)
    };
    let lo = 0i64;
    let (m_lo, v_lo) = probe(lo)?;
    // Up to the target (a ≥ row is flat above it) and the current actual.
    let mut hi = grid(t).max(grid(a)).max(1);
    let (mut m_hi, mut v_hi) = probe(hi)?;
    if row.kind == RowKind::AtMost && m_lo {
        // Met at the best actual (0) and still at `hi`: above the target the
        // score falls toward 0, so widen until the goal fails or the score
        // no longer moves (62 doublings at most).
        for _ in 0..62 {
            if !m_hi {
                break;
            }
            let next = hi.saturating_mul(2);
            let (m, v) = probe(next)?;
            let still = v == v_hi;
            (hi, m_hi, v_hi) = (next, m, v);
            if still && m == m_lo {
                break;
            }
        }
    }
    let x = |k: i64| step * Decimal::from(k);
    let mut ans = GoalAnswer {
        now: Some(Value::Num(a)),
        lo: x(lo),
        hi: x(hi),
        step,
        affected: v_lo != v_hi || m_lo != m_hi,
        ..GoalAnswer::default()
    };
    if m_lo == m_hi {
        if m_lo {
            ans.runs.push((x(lo), x(hi)));
        }
    } else {
        // met(l) = m_lo, met(h) ≠ m_lo: bisect for the first k that differs.
        let (mut l, mut h) = (lo, hi);
        while h - l > 1 {
            let mid = l + (h - l) / 2;
            if probe(mid)?.0 == m_lo {
                l = mid;
            } else {
                h = mid;
            }
        }
        ans.runs
            .push(if m_lo { (x(lo), x(l)) } else { (x(h), x(hi)) });
    }
    let (best_k, best_v) = if v_hi >= v_lo { (hi, v_hi) } else { (lo, v_lo) };
    ans.best = Some((Value::Num(x(best_k)), best_v));
    ans.now_met = ans.runs.iter().any(|r| r.0 <= a && a <= r.1);
    ans.evaluations = evaluations;
    Ok((ans, unit))
}

/// 0.01 for rates and money, else the finest decimal the row is written in.
fn default_step(unit: &str, t: Decimal, a: Decimal) -> Decimal {
    if ["%", "元", "万元", "亿元"].contains(&unit) {
        return Decimal::new(1, 2);
    }
    Decimal::new(1, t.normalize().scale().max(a.normalize().scale()))
}
