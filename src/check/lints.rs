//! Warnings that do not stop scoring: a divisor that may be zero, inputs
//! never used.

use super::{interval, CExpr, CKind, CScoring, Checked, Checker, Slot, Ty};
use crate::diag::{Diagnostic, Msg, Note};
use crate::num::Value;
use crate::syntax::ast::BinOp;
use rust_decimal::Decimal;

pub(super) fn run(cx: &mut Checker, c: &Checked) {
    for d in &c.derived {
        divisions(cx, c, &d.expr, &[]);
    }
    for k in &c.constraints {
        divisions(cx, c, &k.when, &[]);
    }
    for v in &c.vetoes {
        divisions(cx, c, &v.when, &[]);
    }
    for ind in &c.indicators {
        // Evaluation order: 不适用, then vetoes, then rows in turn; each
        // condition that tests a value against 0 guards what comes after.
        let mut guards: Vec<Slot> = Vec::new();
        let firsts = ind.na.iter().map(|n| &n.when).chain(ind.vetoes.iter());
        for cond in firsts {
            divisions(cx, c, cond, &guards);
            zero_tests(cond, &mut guards);
        }
        for row in &ind.rows {
            if let Some(cond) = &row.cond {
                divisions(cx, c, cond, &guards);
                zero_tests(cond, &mut guards);
            }
            for e in scoring_exprs(&row.result) {
                divisions(cx, c, e, &guards);
            }
            // A deduction divides the excess by its step (每 …).
            if let CScoring::Deduction(d) = &row.result {
                divisor(cx, c, &d.step, d.step.span, &guards);
            }
        }
    }
    for (i, f) in c.facts.iter().enumerate() {
        // A 文本 input is never computed with, and always shown (beside the
        // indicator that names it, else after the total): not "unused".
        if !cx.used[i] && f.ty != Ty::Text {
            cx.error(
                Diagnostic::new(Msg::UnusedInput {
                    name: f.name.clone(),
                })
                .at(f.span),
            );
        }
    }
}

/// The division lints of one expression, for a definition added alone.
pub(super) fn divisions_in(cx: &mut Checker, c: &Checked, e: &CExpr) {
    divisions(cx, c, e, &[]);
}

/// Every expression a row's result computes, in every shape.
fn scoring_exprs(s: &CScoring) -> Vec<&CExpr> {
    match s {
        CScoring::Expr(e) | CScoring::Proportional(e) => vec![e],
        CScoring::Ratio { actual, target, .. } => vec![actual, target],
        CScoring::Deduction(d) => vec![&d.base, &d.subject, &d.baseline, &d.step, &d.per_step],
        CScoring::Checklist(cl) => vec![&cl.points],
        CScoring::Match { subject, arms } => std::iter::once(subject)
            .chain(arms.iter().map(|a| &a.1))
            .collect(),
        CScoring::Qualitative(_) => Vec::new(),
    }
}

/// What the rubric's constraints on this slot alone say of its sign:
/// (never zero, always above zero), decided exactly over the cells cut at
/// their constants.
fn constrained(c: &Checked, slot: Slot) -> (bool, bool) {
    let mut line = Vec::new();
    let dom = interval::domain(c, slot, &mut line);
    let unit = match c.slot_ty(slot) {
        super::Ty::Num(u) => *u,
        _ => return (false, false),
    };
    let cells = interval::cells(line);
    let admitted = |keep: &dyn Fn(Decimal) -> bool| {
        cells
            .iter()
            .map(|cell| cell.sample(unit))
            .any(|x| keep(x) && dom.admits(slot, x))
    };
    let nonzero = !dom.admits(slot, Decimal::ZERO);
    let positive = nonzero && !admitted(&|x| x < Decimal::ZERO);
    (nonzero, positive)
}

/// Slots that an earlier condition compares with zero: rows after it are guarded.
fn zero_tests(e: &CExpr, out: &mut Vec<Slot>) {
    match &e.kind {
        CKind::Cmp(a, rest) => {
            let mut prev = a.as_ref();
            for (_, r) in rest {
                let zero = |x: &CExpr| matches!(x.as_const(), Some(Value::Num(d)) if d.is_zero());
                if zero(r) {
                    prev.slots(out);
                }
                if zero(prev) {
                    r.slots(out);
                }
                prev = r;
            }
        }
        CKind::And(a, b) | CKind::Or(a, b) => {
            zero_tests(a, out);
            zero_tests(b, out);
        }
        CKind::Not(a) => zero_tests(a, out),
        _ => {}
    }
}

fn divisions(cx: &mut Checker, c: &Checked, e: &CExpr, guards: &[Slot]) {
    match &e.kind {
        CKind::Bin(op, a, b) => {
            divisions(cx, c, a, guards);
            divisions(cx, c, b, guards);
            if *op == BinOp::Div {
                divisor(cx, c, b, e.span, guards);
            }
        }
        CKind::Neg(a) | CKind::Not(a) => divisions(cx, c, a, guards),
        CKind::And(a, b) | CKind::Or(a, b) => {
            divisions(cx, c, a, guards);
            divisions(cx, c, b, guards);
        }
        CKind::Cmp(a, rest) => {
            divisions(cx, c, a, guards);
            rest.iter().for_each(|(_, r)| divisions(cx, c, r, guards));
        }
        CKind::Between { x, lo, hi, .. } => {
            divisions(cx, c, x, guards);
            divisions(cx, c, lo, guards);
            divisions(cx, c, hi, guards);
        }
        CKind::Call(_, args) => args.iter().for_each(|a| divisions(cx, c, a, guards)),
        CKind::Const(_) | CKind::Slot(_) => {}
    }
}

/// W201 for a divisor that may be zero and that no earlier test guards.
fn divisor(cx: &mut Checker, c: &Checked, b: &CExpr, whole: crate::syntax::Span, guards: &[Slot]) {
    if !may_be_zero(c, b) {
        return;
    }
    let mut slots = Vec::new();
    b.slots(&mut slots);
    if slots.is_empty() || slots.iter().any(|s| guards.contains(s)) {
        return;
    }
    let divisor = c.slot_name(slots[0]).to_string();
    cx.error(
        Diagnostic::new(Msg::DivisionByMaybeZero { divisor })
            .at(b.span)
            .label(whole, Note::GuardHint),
    );
}

fn may_be_zero(c: &Checked, e: &CExpr) -> bool {
    !nonzero(c, e, 0)
}

fn positive(c: &Checked, e: &CExpr, depth: u32) -> bool {
    if depth > 64 {
        return false;
    }
    match &e.kind {
        CKind::Const(Value::Num(d)) => d.is_sign_positive() && !d.is_zero(),
        CKind::Slot(s) => {
            let s = *s as usize;
            if s < c.facts.len() {
                c.facts[s].positive || constrained(c, s as Slot).1
            } else {
                constrained(c, s as Slot).1
                    || positive(c, &c.derived[s - c.facts.len()].expr, depth + 1)
            }
        }
        CKind::Bin(BinOp::Add | BinOp::Mul | BinOp::Div, a, b) => {
            positive(c, a, depth + 1) && positive(c, b, depth + 1)
        }
        _ => false,
    }
}

fn nonzero(c: &Checked, e: &CExpr, depth: u32) -> bool {
    if depth > 64 {
        return false;
    }
    if positive(c, e, depth) {
        return true;
    }
    match &e.kind {
        CKind::Const(Value::Num(d)) => !d.is_zero(),
        CKind::Slot(s) => {
            let s = *s as usize;
            if s < c.facts.len() {
                c.facts[s].nonzero || constrained(c, s as Slot).0
            } else {
                constrained(c, s as Slot).0
                    || nonzero(c, &c.derived[s - c.facts.len()].expr, depth + 1)
            }
        }
        CKind::Neg(a) => nonzero(c, a, depth + 1),
        CKind::Bin(BinOp::Mul | BinOp::Div, a, b) => {
            nonzero(c, a, depth + 1) && nonzero(c, b, depth + 1)
        }
        _ => false,
    }
}
