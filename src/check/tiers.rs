//! Lints over one indicator's tier table: gaps over the value's domain,
//! endpoints no tier includes, rows that never apply, overlapping rows, and
//! scores that run against the declared direction (正向/反向). Each finding
//! carries a witness value found by [`interval`] reasoning.

use super::interval::{cells, cuts, domain, eval, short, Cell};
use super::units::Unit;
use super::{CScoring, Checked, Checker, IndId, Slot, Ty};
use crate::diag::{Diagnostic, Msg, Note};
use crate::num::Value;
use crate::syntax::ast::Direction;
use rust_decimal::Decimal;

/// Cut points × rows beyond which a table is not examined.
const MAX_WORK: usize = 200_000;

/// One cell of the line, the rows whose condition holds there, and the score
/// of the first of them when it is a constant.
struct Probe {
    cell: Cell,
    x: Decimal,
    holds: Vec<bool>,
    fired: Option<usize>,
    points: Option<Decimal>,
}

pub(super) fn table(cx: &mut Checker, c: &Checked, id: IndId) {
    let ind = c.ind(id);
    if !ind.is_leaf() || ind.rows.iter().all(|r| r.cond.is_none()) {
        return;
    }
    let Some((slot, unit)) = variable(c, id) else {
        // Yes/no and enumeration conditions, with at most one number; else
        // two inputs compared with each other.
        if !super::cases::gaps(cx, c, id) {
            super::pairs::gaps(cx, c, id);
        }
        return;
    };
    let mut line = Vec::new();
    for row in &ind.rows {
        if let Some(cond) = &row.cond {
            if cuts(cond, slot, &mut line).is_none() {
                return;
            }
        }
    }
    let domain = domain(c, slot, &mut line);
    // Each cell tests every row: past this size the proof costs more than a
    // check should, and the table is left unexamined.
    if line.len().saturating_mul(ind.rows.len()) > MAX_WORK {
        return;
    }
    let probes: Vec<Probe> = cells(line)
        .into_iter()
        .filter_map(|cell| {
            let x = cell.sample(unit);
            if !domain.admits(slot, x) {
                return None;
            }
            let holds: Vec<bool> = ind
                .rows
                .iter()
                .map(|r| {
                    r.cond
                        .as_ref()
                        .is_none_or(|k| eval(k, slot, Some(x)) == Some(Value::Bool(true)))
                })
                .collect();
            let fired = holds.iter().position(|h| *h);
            let points = fired.and_then(|r| match &ind.rows[r].result {
                CScoring::Expr(e) => match eval(e, slot, Some(x)) {
                    Some(Value::Num(d)) => Some(d),
                    _ => None,
                },
                _ => None,
            });
            Some(Probe {
                cell,
                x,
                holds,
                fired,
                points,
            })
        })
        .collect();
    gaps(cx, c, id, &probes, unit);
    never_and_overlap(cx, c, id, &probes, unit);
    monotone(cx, c, id, slot, &probes, unit);
}

/// The one numeric value every condition of the table reads.
fn variable(c: &Checked, id: IndId) -> Option<(Slot, Unit)> {
    let mut found: Option<Slot> = None;
    for row in &c.ind(id).rows {
        if let Some(cond) = &row.cond {
            let mut slots = Vec::new();
            cond.slots(&mut slots);
            for s in slots {
                if found.is_some_and(|f| f != s) {
                    return None;
                }
                found = Some(s);
            }
        }
    }
    let slot = found?;
    match c.slot_ty(slot) {
        Ty::Num(u) => Some((slot, *u)),
        _ => None,
    }
}

fn gaps(cx: &mut Checker, c: &Checked, id: IndId, probes: &[Probe], unit: Unit) {
    let ind = c.ind(id);
    let mut i = 0;
    while i < probes.len() {
        if probes[i].fired.is_some() {
            i += 1;
            continue;
        }
        let start = i;
        while i < probes.len() && probes[i].fired.is_none() {
            i += 1;
        }
        let run = &probes[start..i];
        let msg = match (run, run[0].cell) {
            ([_], Cell::Point(p)) => Msg::EndpointUnassigned {
                indicator: ind.name.clone(),
                value: short(p, unit),
            },
            _ => Msg::TierGap {
                indicator: ind.name.clone(),
                range: range(run, unit),
                witness: short(run[0].x, unit),
            },
        };
        cx.error(Diagnostic::new(msg).at(ind.head_span));
    }
}

/// `[40%, 45%)`-style text for a run of consecutive cells.
fn range(run: &[Probe], unit: Unit) -> String {
    let lo = match run[0].cell {
        Cell::Point(p) => format!("[{}", short(p, unit)),
        Cell::Open(a, _) => format!(
            "({}",
            a.map(|x| short(x, unit)).unwrap_or_else(|| "-∞".into())
        ),
    };
    let hi = match run[run.len() - 1].cell {
        Cell::Point(p) => format!("{}]", short(p, unit)),
        Cell::Open(_, b) => format!(
            "{})",
            b.map(|x| short(x, unit)).unwrap_or_else(|| "+∞".into())
        ),
    };
    format!("{lo}, {hi}")
}

fn never_and_overlap(cx: &mut Checker, c: &Checked, id: IndId, probes: &[Probe], unit: Unit) {
    let ind = c.ind(id);
    for (r, row) in ind.rows.iter().enumerate() {
        if row.cond.is_none() {
            continue;
        }
        if !probes.iter().any(|p| p.fired == Some(r)) {
            cx.error(
                Diagnostic::new(Msg::RowNeverApplies {
                    indicator: ind.name.clone(),
                    row: r + 1,
                })
                .at(row.span),
            );
            continue;
        }
        // An earlier row taking some of this row's values.
        if let Some(p) = probes
            .iter()
            .find(|p| p.holds[r] && p.fired.is_some_and(|f| f < r && ind.rows[f].cond.is_some()))
        {
            let first = p.fired.unwrap_or(0);
            let msg = Msg::TierOverlap {
                indicator: ind.name.clone(),
                value: short(p.x, unit),
                first: first + 1,
                second: r + 1,
            };
            cx.error(
                Diagnostic::new(msg)
                    .at(row.span)
                    .label(ind.rows[first].span, Note::ThisRow),
            );
        }
    }
}

fn monotone(cx: &mut Checker, c: &Checked, id: IndId, slot: Slot, probes: &[Probe], unit: Unit) {
    let s = slot as usize;
    let Some(dir) = c.facts.get(s).and_then(|f| f.direction) else {
        return;
    };
    let scored: Vec<&Probe> = probes.iter().filter(|p| p.points.is_some()).collect();
    for w in scored.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (sa, sb) = (a.points.unwrap_or_default(), b.points.unwrap_or_default());
        let wrong = match dir {
            Direction::Higher => sb < sa,
            Direction::Lower => sb > sa,
        };
        if wrong {
            let ind = c.ind(id);
            let msg = Msg::NotMonotone {
                indicator: ind.name.clone(),
                fact: c.slot_name(slot).to_string(),
                higher: dir == Direction::Higher,
                a: short(a.x, unit),
                sa: sa.normalize().to_string(),
                b: short(b.x, unit),
                sb: sb.normalize().to_string(),
            };
            let at = b.fired.map(|r| ind.rows[r].span).unwrap_or(ind.head_span);
            let mut d = Diagnostic::new(msg).at(at);
            if let Some(r) = a.fired {
                d = d.label(ind.rows[r].span, Note::ThisRow);
            }
            cx.error(d);
            return;
        }
    }
}
