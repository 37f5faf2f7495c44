//! Gaps in rows that compare two inputs with each other and nothing else
//! (`如果 三公实际 ≤ 三公预算 则 5`, no `否则`). Such a condition depends
//! only on how the two values are ordered, so trying `a < b`, `a = b` and
//! `a > b` is exhaustive and exact; an ordering no row covers is named
//! (W203), instead of a department over budget failing at scoring (E402).

use super::interval::eval_in;
use super::{CExpr, CKind, Checked, Checker, IndId, Slot, Ty};
use crate::diag::{Diagnostic, Msg};
use crate::num::Value;
use rust_decimal::Decimal;

pub(super) fn gaps(cx: &mut Checker, c: &Checked, id: IndId) {
    let ind = c.ind(id);
    if ind.rows.iter().any(|r| r.cond.is_none()) {
        return;
    }
    let mut slots: Vec<Slot> = Vec::new();
    for row in &ind.rows {
        if let Some(k) = &row.cond {
            if !pure_bool(k) {
                return;
            }
            k.slots(&mut slots);
        }
    }
    slots.sort();
    slots.dedup();
    // Two inputs (a definition may depend on the other input: not free).
    let [a, b] = slots[..] else { return };
    if [a, b].iter().any(|s| *s as usize >= c.facts.len()) {
        return;
    }
    if ![a, b].iter().all(|s| matches!(c.slot_ty(*s), Ty::Num(_))) {
        return;
    }
    let (one, two) = (Decimal::ONE, Decimal::TWO);
    for ((x, y), rel) in [((one, two), "<"), ((two, two), "="), ((two, one), ">")] {
        let env = |s: Slot| match s {
            s if s == a => Some(Value::Num(x)),
            s if s == b => Some(Value::Num(y)),
            _ => None,
        };
        // A constraint on these inputs may rule the ordering out; one that
        // reads anything else cannot be decided here, so no claim is made.
        let mut allowed = true;
        for k in &c.constraints {
            let mut ks = Vec::new();
            k.when.slots(&mut ks);
            if !ks.iter().any(|s| *s == a || *s == b) {
                continue;
            }
            match eval_in(&k.when, &env) {
                Some(Value::Bool(true)) => {}
                Some(Value::Bool(false)) => allowed = false,
                _ => return,
            }
        }
        if !allowed {
            continue;
        }
        let mut covered = false;
        for row in &ind.rows {
            match row.cond.as_ref().map(|k| eval_in(k, &env)) {
                Some(Some(Value::Bool(true))) => covered = true,
                Some(Some(Value::Bool(false))) => {}
                _ => return,
            }
        }
        if !covered {
            let msg = Msg::CaseGap {
                indicator: ind.name.clone(),
                case: format!("{} {rel} {}", c.slot_name(a), c.slot_name(b)),
            };
            cx.error(Diagnostic::new(msg).at(ind.head_span));
            return;
        }
    }
}

/// Built only from comparisons of inputs with inputs (no constants, no
/// arithmetic): its truth depends on the ordering alone.
fn pure(e: &CExpr) -> bool {
    match &e.kind {
        CKind::Slot(_) => true,
        CKind::Cmp(first, rest) => {
            matches!(first.kind, CKind::Slot(_))
                && rest.iter().all(|(_, r)| matches!(r.kind, CKind::Slot(_)))
        }
        CKind::And(x, y) | CKind::Or(x, y) => pure_bool(x) && pure_bool(y),
        CKind::Not(x) => pure_bool(x),
        _ => false,
    }
}

fn pure_bool(e: &CExpr) -> bool {
    !matches!(e.kind, CKind::Slot(_)) && pure(e)
}
