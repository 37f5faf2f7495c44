//! Gaps in rows whose conditions mix yes/no and enumeration inputs with at
//! most one numeric value (`(地区 = 东部 且 比例 ≥ 100%) 或 …`). Every
//! combination of the finite inputs is tried, and for each the numeric
//! value's line is cut at the constants as in [`super::tiers`], so the
//! search is exhaustive and exact; the first uncovered case is named.

use super::interval::{cells, cuts, domain, eval_in, short, Cell};
use super::units::Unit;
use super::{Checked, Checker, IndId, Slot, Ty};
use crate::diag::{Diagnostic, Msg};
use crate::num::Value;
use rust_decimal::Decimal;

/// Combinations × cells × rows beyond which the rows are not examined.
const MAX_WORK: usize = 200_000;

/// Check one leaf's rows; returns false when they are outside this lint's
/// fragment (so the caller may try another).
pub(super) fn gaps(cx: &mut Checker, c: &Checked, id: IndId) -> bool {
    let ind = c.ind(id);
    let mut slots: Vec<Slot> = Vec::new();
    for row in &ind.rows {
        if let Some(k) = &row.cond {
            k.slots(&mut slots);
        }
    }
    slots.sort();
    slots.dedup();
    let mut finite: Vec<(Slot, Vec<Value>)> = Vec::new();
    let mut numeric: Option<(Slot, Unit)> = None;
    for &s in &slots {
        if s as usize >= c.facts.len() {
            return false;
        }
        match c.slot_ty(s) {
            Ty::Bool => finite.push((s, vec![Value::Bool(true), Value::Bool(false)])),
            Ty::Enum(e) => {
                let n = c.enums[*e as usize].variants.len() as u16;
                finite.push((s, (0..n).map(Value::Enum).collect()));
            }
            Ty::Num(u) if numeric.is_none() => numeric = Some((s, *u)),
            _ => return false,
        }
    }
    if finite.is_empty() {
        return false;
    }
    let mut line = Vec::new();
    if let Some((s, _)) = numeric {
        for row in &ind.rows {
            if let Some(k) = &row.cond {
                if cuts(k, s, &mut line).is_none() {
                    return false;
                }
            }
        }
    }
    let dom = numeric.map(|(s, _)| (s, domain(c, s, &mut line)));
    let cells: Vec<Cell> = match numeric {
        Some(_) => cells(line),
        None => vec![Cell::Point(0.into())],
    };
    let combos = finite
        .iter()
        .try_fold(1usize, |n, (_, vs)| n.checked_mul(vs.len()));
    let Some(combos) =
        combos.filter(|n| n.saturating_mul(cells.len()).saturating_mul(ind.rows.len()) <= MAX_WORK)
    else {
        return true;
    };
    let unit = numeric.map_or(Unit::PLAIN, |(_, u)| u);
    for k in 0..combos {
        // Odometer: the k-th combination of the finite inputs' values.
        let mut rest = k;
        let pick: Vec<(Slot, Value)> = finite
            .iter()
            .map(|(s, vs)| {
                let v = vs[rest % vs.len()];
                rest /= vs.len();
                (*s, v)
            })
            .collect();
        // Per admitted cell: whether some row applies (None: undecidable).
        let mut probes: Vec<(Cell, Decimal, Option<bool>)> = Vec::new();
        for cell in &cells {
            let x = cell.sample(unit);
            if let Some((s, d)) = &dom {
                if !d.admits(*s, x) {
                    continue;
                }
            }
            let env = |s: Slot| {
                pick.iter()
                    .find(|(p, _)| *p == s)
                    .map(|(_, v)| *v)
                    .or_else(|| numeric.filter(|(n, _)| *n == s).map(|_| Value::Num(x)))
            };
            let mut covered = Some(false);
            for row in &ind.rows {
                match row.cond.as_ref().map(|k| eval_in(k, &env)) {
                    None | Some(Some(Value::Bool(true))) => {
                        covered = Some(true);
                        break;
                    }
                    Some(Some(Value::Bool(false))) => {}
                    Some(_) => {
                        covered = None;
                        break;
                    }
                }
            }
            probes.push((*cell, x, covered));
        }
        if probes.iter().any(|p| p.2.is_none()) {
            return true;
        }
        let Some(start) = probes.iter().position(|p| p.2 == Some(false)) else {
            continue;
        };
        let end = probes[start..]
            .iter()
            .position(|p| p.2 != Some(false))
            .map_or(probes.len(), |e| start + e);
        let mut case: Vec<String> = pick
            .iter()
            .map(|(s, v)| format!("{} = {}", c.slot_name(*s), show(c, *s, *v)))
            .collect();
        if let Some((s, _)) = numeric {
            let lo = (start > 0).then_some(probes[start].0);
            let hi = (end < probes.len()).then_some(probes[end - 1].0);
            if let Some(r) = range(c.slot_name(s), lo, hi, unit) {
                case.push(r);
            }
        }
        let msg = Msg::CaseGap {
            indicator: ind.name.clone(),
            case: case.join(" 且 "),
        };
        cx.error(Diagnostic::new(msg).at(ind.head_span));
        return true;
    }
    true
}

fn show(c: &Checked, slot: Slot, v: Value) -> String {
    match (c.slot_ty(slot), v) {
        (_, Value::Bool(b)) => if b { "是" } else { "否" }.to_string(),
        (Ty::Enum(e), Value::Enum(i)) => c.enums[*e as usize].variants[i as usize].clone(),
        _ => String::new(),
    }
}

/// The numeric part of a case as a condition: `比例 < 100%`,
/// `40% ≤ 比例 < 45%`, `比例 = 95%`; `None` for the whole line. `lo`/`hi`
/// are the run's first and last cells, `None` where the run reaches the
/// end of the value's domain.
fn range(name: &str, lo: Option<Cell>, hi: Option<Cell>, unit: Unit) -> Option<String> {
    if let (Some(Cell::Point(a)), Some(Cell::Point(b))) = (lo, hi) {
        if a == b {
            return Some(format!("{name} = {}", short(a, unit)));
        }
    }
    // (bound, inclusive)
    let lo = lo.and_then(|cell| match cell {
        Cell::Point(p) => Some((p, true)),
        Cell::Open(a, _) => a.map(|a| (a, false)),
    });
    let hi = hi.and_then(|cell| match cell {
        Cell::Point(p) => Some((p, true)),
        Cell::Open(_, b) => b.map(|b| (b, false)),
    });
    let op = |incl: bool| if incl { "≤" } else { "<" };
    Some(match (lo, hi) {
        (None, None) => return None,
        (Some((a, i)), None) => format!("{name} {} {}", if i { "≥" } else { ">" }, short(a, unit)),
        (None, Some((b, i))) => format!("{name} {} {}", op(i), short(b, unit)),
        (Some((a, ia)), Some((b, ib))) => {
            format!(
                "{} {} {name} {} {}",
                short(a, unit),
                op(ia),
                op(ib),
                short(b, unit)
            )
        }
    })
}
