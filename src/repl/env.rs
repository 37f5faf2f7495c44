//! Evaluating one expression against facts that may be incomplete: only the
//! inputs the expression reads (through derived values) must be present.

use crate::check::{CExpr, CKind, Checked, Slot};
use crate::diag::{Diagnostic, Msg};
use crate::eval::trace::NoTrace;
use crate::eval::value::Value;
use crate::eval::{Env, FactSet, Machine};

/// The value of `e`, or the first missing input it reads (E301) or the
/// evaluation error.
pub fn eval(c: &Checked, facts: &FactSet, e: &CExpr) -> Result<Value, Box<Diagnostic>> {
    let mut env = Env::new(c.slot_count());
    let mut missing = Vec::new();
    for (i, decl) in c.facts.iter().enumerate() {
        match facts.values.get(i).copied().flatten().or(decl.default) {
            Some(v) => {
                env.values[i] = v;
                env.ready[i] = true;
            }
            None => missing.push(i as Slot),
        }
    }
    if !missing.is_empty() {
        let read = reads(c, e);
        if let Some(&s) = missing.iter().find(|s| read.contains(s)) {
            let decl = &c.facts[s as usize];
            let expected = crate::facts::type_name(&decl.ty, c);
            return Err(Box::new(
                Diagnostic::new(Msg::MissingFact {
                    name: decl.name.clone(),
                    expected,
                })
                .at(decl.span),
            ));
        }
    }
    let mut t = NoTrace;
    let mut m = Machine {
        c,
        env: &mut env,
        t: &mut t,
        ind: None,
    };
    m.eval(e)
}

/// Every slot `e` reads, through derived values.
pub fn reads(c: &Checked, e: &CExpr) -> Vec<Slot> {
    let mut out: Vec<Slot> = Vec::new();
    let mut todo = Vec::new();
    e.slots(&mut todo);
    while let Some(s) = todo.pop() {
        if out.contains(&s) {
            continue;
        }
        out.push(s);
        let i = s as usize;
        if i >= c.facts.len() {
            c.derived[i - c.facts.len()].expr.slots(&mut todo);
        }
    }
    out
}

/// An expression reading one slot.
pub fn slot_expr(slot: Slot, span: crate::syntax::Span) -> CExpr {
    CExpr {
        kind: CKind::Slot(slot),
        span,
    }
}
