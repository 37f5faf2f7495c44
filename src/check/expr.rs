//! Type and unit checking of expressions, producing slot-resolved [`CExpr`].

use super::units::Unit;
use super::{CExpr, CKind, Checker, Ty};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note};
use crate::num::Value;
use crate::syntax::ast::{BinOp, CmpOp, Expr, ExprKind};
use crate::syntax::Span;

/// Every name an expression mentions (for ordering definitions).
pub fn names_in(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        // A quoted official name (`"“三公”经费控制率"`) is a name too.
        ExprKind::Name(n) | ExprKind::Text(n) => out.push(n.clone()),
        ExprKind::Number(..) | ExprKind::Bool(_) | ExprKind::Weight => {}
        ExprKind::Neg(a) | ExprKind::Not(a) => names_in(a, out),
        ExprKind::Binary(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            names_in(a, out);
            names_in(b, out);
        }
        ExprKind::Compare(a, rest) => {
            names_in(a, out);
            for (_, r) in rest {
                names_in(r, out);
            }
        }
        ExprKind::Between { subject, lo, hi } => {
            names_in(subject, out);
            names_in(&lo.expr, out);
            names_in(&hi.expr, out);
        }
        ExprKind::Beyond { subject, bound, .. } => {
            names_in(subject, out);
            names_in(&bound.expr, out);
        }
        ExprKind::Call(_, args) => args.iter().for_each(|a| names_in(a, out)),
    }
}

impl Checker {
    /// A condition: must be true/false.
    pub fn condition(&mut self, e: &Expr) -> CExpr {
        let (c, ty) = self.expr(e, None);
        match ty {
            Ty::Bool | Ty::Error => {}
            other => {
                let found = self.ty_name(&other);
                self.error(Diagnostic::new(Msg::NotACondition { found }).at(e.span));
            }
        }
        c
    }

    /// A numeric expression; reports and returns `None` for the unit if not numeric.
    pub fn number(&mut self, e: &Expr) -> (CExpr, Option<Unit>) {
        let (c, ty) = self.expr(e, None);
        let u = self.expect_num(&ty, e.span);
        (c, u)
    }

    fn expect_num(&mut self, ty: &Ty, span: Span) -> Option<Unit> {
        match ty {
            Ty::Num(u) => Some(*u),
            Ty::Error => None,
            Ty::Text => {
                self.error(
                    Diagnostic::new(Msg::TextNotAllowed {
                        name: String::new(),
                    })
                    .at(span),
                );
                None
            }
            other => {
                let found = self.ty_name(other);
                self.error(
                    Diagnostic::new(Msg::UnitMismatch {
                        op: "·".into(),
                        left: "数".into(),
                        right: found,
                    })
                    .at(span),
                );
                None
            }
        }
    }

    fn is_unbound(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name(n) if !self.names.contains_key(n))
    }

    pub fn expr(&mut self, e: &Expr, hint: Option<&Ty>) -> (CExpr, Ty) {
        let span = e.span;
        let mk = |kind| CExpr { kind, span };
        match &e.kind {
            ExprKind::Number(n, unit) => match unit {
                None => (
                    mk(CKind::Const(Value::Num(*n))),
                    Ty::Num(Unit::bare(n.is_zero())),
                ),
                Some(name) => {
                    let Some((u, factor)) = super::units::lookup(&self.units, name) else {
                        let mut d =
                            Diagnostic::new(Msg::UnknownUnit { unit: name.clone() }).at(span);
                        // `10万` parses as a number with a unit word; say how
                        // the shorthand is spelt, as the parser's hint does.
                        if let Some(u) = crate::syntax::usual_spelling(name) {
                            d = d.note(Note::DidYouMean(format!("{} {u}", n.normalize())));
                        }
                        self.error(d);
                        return (mk(CKind::Const(Value::Num(*n))), Ty::Error);
                    };
                    match n.checked_mul(factor) {
                        Some(v) => (mk(CKind::Const(Value::Num(v))), Ty::Num(u)),
                        None => {
                            self.error(
                                Diagnostic::new(Msg::NumberTooLarge {
                                    text: n.to_string(),
                                })
                                .at(span),
                            );
                            (mk(CKind::Const(Value::Num(*n))), Ty::Error)
                        }
                    }
                }
            },
            ExprKind::Bool(b) => (mk(CKind::Const(Value::Bool(*b))), Ty::Bool),
            // `"发放（缴纳）覆盖率"`: an official name written in quotes refers to
            // the input or definition of that name; other quoted text is text.
            ExprKind::Text(n) if self.names.contains_key(n) => self.name(n, span, hint),
            ExprKind::Text(_) => (mk(CKind::Const(Value::Text)), Ty::Text),
            ExprKind::Weight => match self.current_weight {
                Some(w) => (mk(CKind::Const(Value::Num(w))), Ty::Num(Unit::SCORE)),
                None => {
                    self.error(
                        Diagnostic::new(Msg::UnknownName {
                            name: "分值".into(),
                        })
                        .at(span),
                    );
                    (mk(CKind::Const(Value::Num(0.into()))), Ty::Error)
                }
            },
            ExprKind::Name(n) => self.name(n, span, hint),
            ExprKind::Neg(a) => {
                let (c, u) = self.number(a);
                let folded = match c.as_const() {
                    Some(Value::Num(d)) => CKind::Const(Value::Num(-d)),
                    _ => CKind::Neg(Box::new(c)),
                };
                (mk(folded), u.map(Ty::Num).unwrap_or(Ty::Error))
            }
            ExprKind::Binary(op, a, b) => {
                let (ca, ua) = self.number(a);
                let (cb, ub) = self.number(b);
                let unit = match (ua, ub) {
                    (Some(x), Some(y)) => match op {
                        BinOp::Add | BinOp::Sub => match x.unify(y) {
                            Some(u) => Some(u),
                            None => {
                                self.unit_mismatch(op.symbol(), x, y, a.span, b.span, span);
                                None
                            }
                        },
                        BinOp::Mul => Some(x.times(y)),
                        BinOp::Div => Some(x.over(y)),
                    },
                    _ => None,
                };
                let kind = match (ca.as_const(), cb.as_const()) {
                    // Folded only when exact: `1/3` stays a division, done
                    // exactly at run time.
                    (Some(Value::Num(x)), Some(Value::Num(y))) => match crate::num::fold(*op, x, y)
                    {
                        Some(v) => CKind::Const(Value::Num(v)),
                        None => CKind::Bin(*op, Box::new(ca), Box::new(cb)),
                    },
                    _ => CKind::Bin(*op, Box::new(ca), Box::new(cb)),
                };
                (mk(kind), unit.map(Ty::Num).unwrap_or(Ty::Error))
            }
            ExprKind::Compare(first, chain) => {
                let mut prev_expr: &Expr = first;
                let (mut prev_c, mut prev_ty) =
                    self.expr_for_compare(first, chain.first().map(|(_, r)| r));
                let head = prev_c.clone();
                let mut out = Vec::new();
                let mut ok = true;
                // `等级 ≥ 中` on an ordered enumeration: each pair as the
                // equalities it means, joined by 且 (see `levels.rs`).
                let mut levels: Option<Vec<CExpr>> = None;
                for (op, rhs) in chain {
                    let (rc, rty) = if self.is_unbound(rhs) {
                        self.expr(rhs, Some(&prev_ty))
                    } else {
                        self.expr(rhs, None)
                    };
                    if let (Ty::Enum(x), Ty::Enum(y)) = (&prev_ty, &rty) {
                        if self.same_levels(*x, *y) && super::levels::is_ordering(*op) {
                            let pairs = levels.get_or_insert_with(|| {
                                out.iter()
                                    .scan(head.clone(), |l, (o, r): &(CmpOp, CExpr)| {
                                        let pair = CExpr {
                                            kind: CKind::Cmp(
                                                Box::new(l.clone()),
                                                vec![(*o, r.clone())],
                                            ),
                                            span,
                                        };
                                        *l = r.clone();
                                        Some(pair)
                                    })
                                    .collect()
                            });
                            match self.ordered_compare(&prev_c, *op, &rc, *x, span) {
                                Some(pair) => pairs.push(pair),
                                None => ok = false,
                            }
                            out.push((*op, rc.clone()));
                            prev_c = rc;
                            prev_ty = rty;
                            prev_expr = rhs;
                            continue;
                        }
                    }
                    if let Some(pairs) = levels.as_mut() {
                        pairs.push(CExpr {
                            kind: CKind::Cmp(Box::new(prev_c.clone()), vec![(*op, rc.clone())]),
                            span,
                        });
                    }
                    ok &= match (&prev_ty, &rty) {
                        (Ty::Num(x), Ty::Num(y)) => self.not_bare_percent((&prev_c, *x), (&rc, *y)),
                        _ => true,
                    } && self.comparable(*op, &prev_ty, &rty, prev_expr.span, rhs.span, span);
                    out.push((*op, rc.clone()));
                    prev_c = rc;
                    prev_ty = rty;
                    prev_expr = rhs;
                }
                let _ = prev_c;
                let _ = prev_expr;
                // With an error (E137) the pairs may be incomplete: the
                // expression is then typed as an error and never evaluated.
                let kind = match levels.filter(|p| !p.is_empty()) {
                    Some(pairs) => {
                        let mut it = pairs.into_iter();
                        let first = it.next().unwrap_or_else(|| head.clone());
                        it.fold(first, |a, b| CExpr {
                            kind: CKind::And(Box::new(a), Box::new(b)),
                            span,
                        })
                        .kind
                    }
                    None => CKind::Cmp(Box::new(head), out),
                };
                (mk(kind), if ok { Ty::Bool } else { Ty::Error })
            }
            ExprKind::Between { subject, lo, hi } => {
                let (x, ux) = self.number(subject);
                let (l, ul) = self.number(&lo.expr);
                let (h, uh) = self.number(&hi.expr);
                let mut ok = true;
                for (c, u) in [(&l, ul), (&h, uh)] {
                    if let (Some(a), Some(b)) = (ux, u) {
                        ok &= self.not_bare_percent((&x, a), (c, b));
                    }
                }
                if let (Some(a), Some(b)) = (ux, ul) {
                    if ok && a.unify(b).is_none() {
                        self.unit_mismatch("在…之间", a, b, subject.span, lo.expr.span, span);
                        ok = false;
                    }
                }
                if let (Some(a), Some(b)) = (ux, uh) {
                    if ok && a.unify(b).is_none() {
                        self.unit_mismatch("在…之间", a, b, subject.span, hi.expr.span, span);
                        ok = false;
                    }
                }
                let kind = CKind::Between {
                    x: Box::new(x),
                    lo: Box::new(l),
                    lo_incl: lo.inclusive,
                    hi: Box::new(h),
                    hi_incl: hi.inclusive,
                };
                (
                    mk(kind),
                    if ok && ux.is_some() {
                        Ty::Bool
                    } else {
                        Ty::Error
                    },
                )
            }
            ExprKind::Beyond {
                subject,
                bound,
                above,
            } => {
                let (x, ux) = self.number(subject);
                let (b, ub) = self.number(&bound.expr);
                let mut ok = ux.is_some() && ub.is_some();
                if let (Some(a), Some(c)) = (ux, ub) {
                    if !self.not_bare_percent((&x, a), (&b, c)) {
                        ok = false;
                    } else if a.unify(c).is_none() {
                        self.unit_mismatch(
                            if *above { "以上" } else { "以下" },
                            a,
                            c,
                            subject.span,
                            bound.expr.span,
                            span,
                        );
                        ok = false;
                    }
                }
                let op = match (above, bound.inclusive) {
                    (true, true) => CmpOp::Ge,
                    (true, false) => CmpOp::Gt,
                    (false, true) => CmpOp::Le,
                    (false, false) => CmpOp::Lt,
                };
                (
                    mk(CKind::Cmp(Box::new(x), vec![(op, b)])),
                    if ok { Ty::Bool } else { Ty::Error },
                )
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                let ca = self.condition(a);
                let cb = self.condition(b);
                let kind = if matches!(e.kind, ExprKind::And(..)) {
                    CKind::And(Box::new(ca), Box::new(cb))
                } else {
                    CKind::Or(Box::new(ca), Box::new(cb))
                };
                (mk(kind), Ty::Bool)
            }
            ExprKind::Not(a) => {
                let c = self.condition(a);
                (mk(CKind::Not(Box::new(c))), Ty::Bool)
            }
            ExprKind::Call(f, args) => self.call(*f, args, span),
        }
    }

    /// The left side of a comparison; a bare enum variant on the left is
    /// resolved against the type of the right side.
    fn expr_for_compare(&mut self, lhs: &Expr, rhs: Option<&Expr>) -> (CExpr, Ty) {
        if self.is_unbound(lhs) {
            if let Some(r) = rhs.filter(|r| !self.is_unbound(r)) {
                let snapshot = self.diags.0.len();
                let (_, rty) = self.expr(r, None);
                self.diags.0.truncate(snapshot);
                return self.expr(lhs, Some(&rty));
            }
        }
        self.expr(lhs, None)
    }

    fn comparable(&mut self, op: CmpOp, a: &Ty, b: &Ty, sa: Span, sb: Span, whole: Span) -> bool {
        match (a, b) {
            (Ty::Error, _) | (_, Ty::Error) => false,
            (Ty::Num(x), Ty::Num(y)) => {
                if x.unify(*y).is_none() {
                    self.unit_mismatch(op.symbol(), *x, *y, sa, sb, whole);
                    return false;
                }
                true
            }
            (Ty::Bool, Ty::Bool) | (Ty::Enum(_), Ty::Enum(_))
                if a == b && matches!(op, CmpOp::Eq | CmpOp::Ne) =>
            {
                true
            }
            (Ty::Enum(x), Ty::Enum(y))
                if self.same_levels(*x, *y) && matches!(op, CmpOp::Eq | CmpOp::Ne) =>
            {
                true
            }
            _ => {
                let (l, r) = (self.ty_name(a), self.ty_name(b));
                if matches!(a, Ty::Text) || matches!(b, Ty::Text) {
                    self.error(
                        Diagnostic::new(Msg::TextNotAllowed {
                            name: String::new(),
                        })
                        .at(whole),
                    );
                } else {
                    self.error(
                        Diagnostic::new(Msg::UnitMismatch {
                            op: op.symbol().into(),
                            left: l.clone(),
                            right: r.clone(),
                        })
                        .at(whole)
                        .label(sa, Note::ThisHasUnit(l))
                        .label(sb, Note::ThisHasUnit(r)),
                    );
                }
                false
            }
        }
    }

    /// A bare nonzero number on one side and a percentage on the other
    /// (`率 ≥ 95`, `目标 100`) is refused with the fix: the number with `%`.
    /// Returns whether the pair is acceptable.
    pub fn not_bare_percent(&mut self, a: (&CExpr, Unit), b: (&CExpr, Unit)) -> bool {
        if !a.1.bare_against_percent(b.1) {
            return true;
        }
        let (bare, pct) = if a.1.lit { (a.0, b) } else { (b.0, a) };
        let (number, fraction) = match bare.as_const() {
            Some(Value::Num(d)) => {
                // `率 ≥ 0.95` may mean 95% (a fraction) or 0.95%: say both.
                let fraction = (d.abs() <= rust_decimal::Decimal::ONE)
                    .then(|| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED))
                    .flatten()
                    .map(|p| p.normalize().to_string());
                (d.normalize().to_string(), fraction)
            }
            _ => (String::new(), None),
        };
        self.error(
            Diagnostic::new(Msg::BareNumberWithPercent { number, fraction })
                .at(bare.span)
                .label(pct.0.span, Note::ThisHasUnit(pct.1.to_string())),
        );
        false
    }

    pub(super) fn unit_mismatch(
        &mut self,
        op: &str,
        a: Unit,
        b: Unit,
        sa: Span,
        sb: Span,
        whole: Span,
    ) {
        let (l, r) = (a.to_string(), b.to_string());
        let l = if a.flex { "数".to_string() } else { l };
        let r = if b.flex { "数".to_string() } else { r };
        self.error(
            Diagnostic::new(Msg::UnitMismatch {
                op: op.into(),
                left: l.clone(),
                right: r.clone(),
            })
            .at(whole)
            .label(sa, Note::ThisHasUnit(l))
            .label(sb, Note::ThisHasUnit(r)),
        );
    }

    fn name(&mut self, n: &str, span: Span, hint: Option<&Ty>) -> (CExpr, Ty) {
        if let Some(&slot) = self.names.get(n) {
            self.used[slot as usize] = true;
            let ty = self.slot_tys[slot as usize].clone();
            if ty == Ty::Text {
                self.error(
                    Diagnostic::new(Msg::TextNotAllowed {
                        name: n.to_string(),
                    })
                    .at(span),
                );
                return (
                    CExpr {
                        kind: CKind::Slot(slot),
                        span,
                    },
                    Ty::Error,
                );
            }
            return (
                CExpr {
                    kind: CKind::Slot(slot),
                    span,
                },
                ty,
            );
        }
        if let Some(Ty::Enum(e)) = hint {
            let variants = &self.enums[*e as usize].variants;
            if let Some(i) = variants.iter().position(|v| v == n) {
                return (
                    CExpr {
                        kind: CKind::Const(Value::Enum(i as u16)),
                        span,
                    },
                    Ty::Enum(*e),
                );
            }
            let ty = self.ty_name(&Ty::Enum(*e));
            let mut d = Diagnostic::new(Msg::UnknownVariant {
                name: n.to_string(),
                ty,
            })
            .at(span);
            if let Some(s) = did_you_mean(n, variants.iter().map(String::as_str)) {
                d = d.note(Note::DidYouMean(s));
            }
            self.error(d);
            return (
                CExpr {
                    kind: CKind::Const(Value::Enum(0)),
                    span,
                },
                Ty::Error,
            );
        }
        let mut d = Diagnostic::new(Msg::UnknownName {
            name: n.to_string(),
        })
        .at(span);
        if let Some(s) = did_you_mean(n, self.names.keys().map(String::as_str)) {
            d = d.note(Note::DidYouMean(s));
        }
        self.error(d);
        (
            CExpr {
                kind: CKind::Const(Value::Num(0.into())),
                span,
            },
            Ty::Error,
        )
    }
}
