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

pub(super) fn add(c: &mut Checked) {
    let mut extra = Vec::new();
    for (i, f) in c.facts.iter().enumerate() {
        let slot = i as Slot;
        let percent = matches!(f.ty, Ty::Num(u) if u == Unit::PERCENT);
        if !percent || f.positive || has_own_constraint(c, slot) || reads_as_signed(c, slot) {
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

fn has_own_constraint(c: &Checked, slot: Slot) -> bool {
    c.constraints.iter().any(|k| {
        let mut slots = Vec::new();
        k.when.slots(&mut slots);
        !slots.is_empty() && slots.iter().all(|s| *s == slot)
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

fn reads_as_signed(c: &Checked, slot: Slot) -> bool {
    all(c).into_iter().any(|e| signed(e, slot))
}

fn negative(e: &CExpr) -> bool {
    matches!(e.as_const(), Some(Value::Num(d)) if d < Decimal::ZERO)
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
