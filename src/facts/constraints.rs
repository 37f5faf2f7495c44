//! `约束` lines checked when a facts file loads: each violated constraint is
//! reported at its line in the rubric, with the values that break it and
//! where the facts file gave them.

use crate::check::{show, Checked, Slot};
use crate::diag::{Diagnostic, Diagnostics, Msg, Note};
use crate::eval::trace::NoTrace;
use crate::eval::{Env, FactSet, Machine};

/// Check every constraint over `set` whose facts are known: a value without
/// a span (a default) takes part like a written one; a fact with no value
/// (a REPL session still being filled in) leaves its constraints for later.
/// `bounded[slot]`: only a bound is known, so the kept value is not the fact.
pub(crate) fn check(c: &Checked, set: &FactSet, bounded: &[bool]) -> Diagnostics {
    let mut out = Diagnostics::default();
    let mut env = Env::new(c.slot_count());
    let mut known = vec![false; c.facts.len()];
    for (i, decl) in c.facts.iter().enumerate() {
        if let Some(v) = set.values[i].or(decl.default) {
            env.values[i] = v;
            env.ready[i] = true;
            known[i] = true;
        }
    }
    for k in &c.constraints {
        let facts = inputs(c, &k.when);
        if facts
            .iter()
            .any(|&s| !known[s as usize] || bounded[s as usize])
        {
            continue;
        }
        let mut t = NoTrace;
        let mut m = Machine {
            c,
            env: &mut env,
            t: &mut t,
            ind: None,
        };
        match m.truth(&k.when) {
            Ok(true) => {}
            Ok(false) => {
                let mut direct = Vec::new();
                k.when.slots(&mut direct);
                direct.dedup();
                let values: Vec<String> = direct
                    .iter()
                    .map(|&s| {
                        format!(
                            "{} = {}",
                            c.slot_name(s),
                            show::value(c, c.slot_ty(s), env.values[s as usize])
                        )
                    })
                    .collect();
                let mut d = Diagnostic::new(Msg::ConstraintViolated { values }).at(k.span);
                if k.implicit {
                    d = d.note(Note::PercentFloor(c.slot_name(direct[0]).to_string()));
                }
                for &s in &facts {
                    if let Some(at) = set.spans[s as usize] {
                        let value = show::value(c, c.slot_ty(s), env.values[s as usize]);
                        d = d.label(
                            at,
                            Note::Value {
                                name: c.slot_name(s).to_string(),
                                value,
                            },
                        );
                    }
                }
                out.push(d);
            }
            Err(d) => out.push((*d).at(k.span)),
        }
    }
    out
}

/// The input facts an expression depends on, through derived values.
pub(crate) fn inputs(c: &Checked, e: &crate::check::CExpr) -> Vec<Slot> {
    let mut slots = Vec::new();
    e.slots(&mut slots);
    let mut out = Vec::new();
    while let Some(s) = slots.pop() {
        let i = s as usize;
        if i < c.facts.len() {
            if !out.contains(&s) {
                out.push(s);
            }
        } else {
            c.derived[i - c.facts.len()].expr.slots(&mut slots);
        }
    }
    out.sort();
    out
}
