//! One new `定义` checked against a rubric already checked, for the REPL:
//! typing a thousand definitions must not re-check the whole session a
//! thousand times (F16). A new definition is appended last: nothing else
//! reads it yet, so the only questions are its own name, type and lints —
//! except where the rest of the rubric's meaning depends on how inputs are
//! read (a percentage read through `|…|` or against a negative constant
//! loses its implicit ≥ 0 floor, see `floors`). Then, and for anything but
//! a plain new name, the caller checks the whole text as before.
//!
//! The checker's name table is kept between definitions ([`Extender`]), so
//! each one costs its own size, not the session's.

use super::{floors, lints, Checked, Checker, Derived, Slot};
use crate::diag::Diagnostics;
use crate::syntax::ast;

/// The checker's state for a checked rubric, to add definitions to it.
/// Valid for the `Checked` it was made from, as [`Extender::add`] changes
/// it; make a new one after any other change.
pub struct Extender {
    cx: Checker,
}

impl Extender {
    pub fn new(c: &Checked) -> Extender {
        let mut cx = Checker::new();
        for s in 0..c.slot_count() as Slot {
            let i = s as usize;
            cx.names.insert(c.slot_name(s).to_string(), s);
            cx.slot_tys.push(c.slot_ty(s).clone());
            cx.slot_spans.push(match c.facts.get(i) {
                Some(f) => f.span,
                None => c.derived[i - c.facts.len()].span,
            });
            cx.used.push(true);
        }
        cx.enums = c
            .enums
            .iter()
            .map(|e| super::ast_enum::EnumInfo {
                variants: e.variants.clone(),
                ordered: e.ordered,
            })
            .collect();
        cx.facts = c.facts.clone();
        cx.units = c.units.clone();
        cx.tables = c.tables.clone();
        Extender { cx }
    }

    /// Check `d` as a new last definition of `c` and append it: the
    /// warnings about it, or its errors (then `c` is unchanged). `None`:
    /// this path does not apply (the name is taken, or the definition could
    /// change an input's floor), `c` is unchanged; check the whole rubric.
    pub fn add(
        &mut self,
        c: &mut Checked,
        d: &ast::Define,
    ) -> Option<Result<Diagnostics, Diagnostics>> {
        let cx = &mut self.cx;
        let name = &d.name.node;
        if cx.names.contains_key(name) || c.indicator_named(name).is_some() {
            return None;
        }
        cx.diags = Diagnostics::default();
        let (expr, ty) = cx.define_body(d);
        if cx.diags.has_errors() {
            let mut errs = std::mem::take(&mut cx.diags);
            errs.sort();
            return Some(Err(errs));
        }
        if floors::reads_any_as_signed(c, &expr) {
            return None;
        }
        let slot = (c.facts.len() + c.derived.len()) as Slot;
        cx.names.insert(name.clone(), slot);
        cx.slot_tys.push(ty.clone());
        cx.slot_spans.push(d.name.span);
        cx.used.push(true);
        c.derived.push(Derived {
            name: name.clone(),
            expr,
            ty,
            span: d.name.span,
        });
        let last = &c.derived[c.derived.len() - 1].expr;
        lints::divisions_in(cx, c, last);
        let mut warnings = std::mem::take(&mut cx.diags);
        warnings.sort();
        Some(Ok(warnings))
    }
}
