//! Built-in functions (abs, min, max, floor, ceil, round, clamp): arity and
//! the unit their arguments share.

use super::units::Unit;
use super::{CExpr, CKind, Checker, Ty};
use crate::diag::{Diagnostic, Msg};
use crate::syntax::ast::{Expr, Func};
use crate::syntax::Span;

impl Checker {
    pub(super) fn call(&mut self, f: Func, args: &[Expr], span: Span) -> (CExpr, Ty) {
        let (name, ok_arity, expected) = match f {
            Func::Abs => ("abs", args.len() == 1, "1"),
            Func::Floor => ("floor", args.len() == 1, "1"),
            Func::Ceil => ("ceil", args.len() == 1, "1"),
            Func::Round => ("round", matches!(args.len(), 1 | 2), "1–2"),
            Func::Min => ("min", args.len() >= 2, "≥2"),
            Func::Max => ("max", args.len() >= 2, "≥2"),
            Func::Clamp => ("clamp", args.len() == 3, "3"),
        };
        if !ok_arity {
            self.error(
                Diagnostic::new(Msg::WrongArity {
                    func: name.into(),
                    expected: expected.into(),
                    found: args.len(),
                })
                .at(span),
            );
        }
        let mut cargs = Vec::new();
        let mut unit: Option<Unit> = None;
        let mut ok = ok_arity;
        for (i, a) in args.iter().enumerate() {
            let (c, u) = self.number(a);
            cargs.push(c);
            // round's second argument is a count of places, not a quantity.
            if f == Func::Round && i == 1 {
                continue;
            }
            match (unit, u) {
                (_, None) => ok = false,
                (None, Some(u)) => unit = Some(u),
                (Some(prev), Some(u)) => match prev.unify(u) {
                    Some(v) => unit = Some(v),
                    None => {
                        self.unit_mismatch(name, prev, u, args[0].span, a.span, span);
                        ok = false;
                    }
                },
            }
        }
        let ty = if ok {
            unit.map(Ty::Num).unwrap_or(Ty::Error)
        } else {
            Ty::Error
        };
        (
            CExpr {
                kind: CKind::Call(f, cargs),
                span,
            },
            ty,
        )
    }
}
