//! A percentage input (a rate, a share) is at least 0 unless the rubric
//! says otherwise. The floor is added as an implicit constraint, so the
//! facts reader refuses −5% with the fix, and the lints — which reason
//! over the constraints — consider negative rates exactly where the rubric
//! allows them.
//!
//! The rubric allows them by a constraint on the input alone
//! (`约束 增幅 ≥ -100%`), or by the way it reads the input: through `|…|`
//! (a deviation `|偏差率| ≤ 5%` is negative half the time) or against a
//! negative constant (`如果 增幅 < -10%`). 正数 inputs have their own floor.

use super::units::Unit;
use super::{CConstraint, CExpr, CKind, CScoring, Checked, Slot, Ty};
use crate::num::Value;
use crate::syntax::ast::{CmpOp, Func};
use rust_decimal::Decimal;
use std::collections::HashSet;

pub(super) fn add(c: &mut Checked) {
    // One walk over the rubric for every input at once: per input, a walk
    // of every expression made checking a 5,000-indicator rubric quadratic.
    let mut signed_slots = HashSet::new();
    for e in all(c) {
        mark_signed(e, &mut signed_slots);
    }
    let mut own = HashSet::new();
    for k in &c.constraints {
        let mut slots = Vec::new();
        k.when.slots(&mut slots);
        if let Some(&first) = slots.first() {
            if slots.iter().all(|s| *s == first) {
                own.insert(first);
            }
        }
    }
    let mut extra = Vec::new();
    for (i, f) in c.facts.iter().enumerate() {
        let slot = i as Slot;
        let percent = matches!(f.ty, Ty::Num(u) if u == Unit::PERCENT);
        if !percent || f.positive || own.contains(&slot) || signed_slots.contains(&slot) {
            continue;
        }
        let at = |kind| CExpr { kind, span: f.span };
        let when = at(CKind::Cmp(
            Box::new(at(CKind::Slot(slot))),
            vec![(CmpOp::Ge, at(CKind::Const(Value::Num(Decimal::ZERO))))],
        ));
        extra.push(CConstraint {
            when,
            span: f.span,
            implicit: true,
        });
    }
    c.constraints.extend(extra);
}

/// Whether `e` reads an input that has an implicit floor in a way that
/// would have left the floor out (for a definition added alone).
pub(super) fn reads_any_as_signed(c: &Checked, e: &CExpr) -> bool {
    c.constraints.iter().filter(|k| k.implicit).any(|k| {
        let mut slots = Vec::new();
        k.when.slots(&mut slots);
        slots.iter().any(|&slot| signed(e, slot))
    })
}

/// Every expression of the rubric.
fn all(c: &Checked) -> Vec<&CExpr> {
    let mut out: Vec<&CExpr> = c.derived.iter().map(|d| &d.expr).collect();
    out.extend(c.vetoes.iter().map(|v| &v.when));
    out.extend(c.constraints.iter().map(|k| &k.when));
    for ind in &c.indicators {
        out.extend(ind.vetoes.iter());
        out.extend(ind.na.iter().map(|n| &n.when));
        for row in &ind.rows {
            out.extend(row.cond.iter());
            match &row.result {
                CScoring::Expr(e) | CScoring::Proportional(e) => out.push(e),
                CScoring::Ratio { actual, target, .. } => out.extend([actual, target]),
                CScoring::Deduction(d) => {
                    out.extend([&d.base, &d.subject, &d.baseline, &d.step, &d.per_step])
                }
                CScoring::Checklist(cl) => out.push(&cl.points),
                CScoring::Match { subject, arms } => {
                    out.push(subject);
                    out.extend(arms.iter().map(|a| &a.1));
                }
                CScoring::Qualitative(_) => {}
            }
        }
    }
    out
}

fn negative(e: &CExpr) -> bool {
    matches!(e.as_const(), Some(Value::Num(d)) if d < Decimal::ZERO)
}

/// Every slot `e` reads as signed, in one walk: the slots `signed` is true
/// for (kept alongside it, which tests one slot, for a definition added
/// alone).
fn mark_signed(e: &CExpr, out: &mut HashSet<Slot>) {
    let all = |e: &CExpr, out: &mut HashSet<Slot>| {
        let mut slots = Vec::new();
        e.slots(&mut slots);
        out.extend(slots);
    };
    match &e.kind {
        CKind::Call(Func::Abs, args) => args.iter().for_each(|a| all(a, out)),
        CKind::Cmp(a, rest) => {
            let mut terms = vec![a.as_ref()];
            terms.extend(rest.iter().map(|(_, r)| r));
            if terms.iter().any(|t| negative(t)) {
                terms.iter().for_each(|t| all(t, out));
            }
            terms.iter().for_each(|t| mark_signed(t, out));
        }
        CKind::Between { x, lo, hi, .. } => {
            if negative(lo) || negative(hi) {
                all(x, out);
            }
            [x, lo, hi].iter().for_each(|t| mark_signed(t, out));
        }
        CKind::Neg(a) | CKind::Not(a) => mark_signed(a, out),
        CKind::Bin(_, a, b) | CKind::And(a, b) | CKind::Or(a, b) => {
            mark_signed(a, out);
            mark_signed(b, out);
        }
        CKind::Call(_, args) => args.iter().for_each(|a| mark_signed(a, out)),
        CKind::Const(_) | CKind::Slot(_) => {}
    }
}

fn signed(e: &CExpr, slot: Slot) -> bool {
    let reads = |e: &CExpr| super::interval::reads(e, slot);
    match &e.kind {
        CKind::Call(Func::Abs, args) => args.iter().any(reads),
        CKind::Cmp(a, rest) => {
            let mut terms = vec![a.as_ref()];
            terms.extend(rest.iter().map(|(_, r)| r));
            (terms.iter().any(|t| reads(t)) && terms.iter().any(|t| negative(t)))
                || terms.iter().any(|t| signed(t, slot))
        }
        CKind::Between { x, lo, hi, .. } => {
            (reads(x) && (negative(lo) || negative(hi)))
                || [x, lo, hi].iter().any(|t| signed(t, slot))
        }
        CKind::Neg(a) | CKind::Not(a) => signed(a, slot),
        CKind::Bin(_, a, b) | CKind::And(a, b) | CKind::Or(a, b) => {
            signed(a, slot) || signed(b, slot)
        }
        CKind::Call(_, args) => args.iter().any(|a| signed(a, slot)),
        CKind::Const(_) | CKind::Slot(_) => false,
    }
}
