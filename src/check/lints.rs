//! Warnings that do not stop scoring: a divisor that may be zero, inputs
//! never used.

use super::{CExpr, CKind, CScoring, Checked, Checker, Slot};
use crate::diag::{Diagnostic, Msg, Note};
use crate::eval::value::Value;
use crate::syntax::ast::BinOp;

pub(super) fn run(cx: &mut Checker, c: &Checked) {
    for d in &c.derived {
        divisions(cx, c, &d.expr, &[]);
    }
    for ind in &c.indicators {
        let mut guards: Vec<Slot> = Vec::new();
        for row in &ind.rows {
            if let Some(cond) = &row.cond {
                divisions(cx, c, cond, &guards);
                zero_tests(cond, &mut guards);
            }
            match &row.result {
                CScoring::Expr(e) | CScoring::Proportional(e) => divisions(cx, c, e, &guards),
                CScoring::Ratio { actual, target, .. } => {
                    divisions(cx, c, actual, &guards);
                    divisions(cx, c, target, &guards);
                }
                _ => {}
            }
        }
    }
    for (i, f) in c.facts.iter().enumerate() {
        if !cx.used[i] {
            cx.error(
                Diagnostic::new(Msg::UnusedInput {
                    name: f.name.clone(),
                })
                .at(f.span),
            );
        }
    }
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
            if *op == BinOp::Div && may_be_zero(c, b) {
                let mut slots = Vec::new();
                b.slots(&mut slots);
                if !slots.iter().any(|s| guards.contains(s)) {
                    let divisor = slots
                        .first()
                        .map(|s| c.slot_name(*s).to_string())
                        .unwrap_or_default();
                    cx.error(
                        Diagnostic::new(Msg::DivisionByMaybeZero { divisor })
                            .at(b.span)
                            .label(e.span, Note::GuardHint),
                    );
                }
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
                c.facts[s].positive
            } else {
                positive(c, &c.derived[s - c.facts.len()].expr, depth + 1)
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
                c.facts[s].nonzero
            } else {
                nonzero(c, &c.derived[s - c.facts.len()].expr, depth + 1)
            }
        }
        CKind::Neg(a) => nonzero(c, a, depth + 1),
        CKind::Bin(BinOp::Mul | BinOp::Div, a, b) => {
            nonzero(c, a, depth + 1) && nonzero(c, b, depth + 1)
        }
        _ => false,
    }
}
