//! Percentage weights and alternatives (issue 11 items 7 and 9), both
//! settled at check time so that the evaluators see plain points:
//!
//! - `指标 甲 75% {…}` is worth 75% of its parent's points (of 满分 at the
//!   top): its `weight` becomes that product, exactly (a decimal times a
//!   decimal percentage is a decimal), and the percentage is kept for the
//!   scorecard. Sibling percentages must add up to exactly 100% (E138):
//!   a form that divides a parent into shares means all of it, and any other
//!   reading (renormalising, leaving points unassigned) would be a guess.
//!   Percentages and points do not mix among siblings (E139).
//! - `择一 名 10 按 适用项 { 指标 甲 10 {…} 指标 乙 10 {…} }`: each alternative
//!   carries the group's weight, and every leaf under an alternative that is
//!   not chosen gets the policy `不适用 如果 适用项 ≠ 甲 则 剔除`. The group then
//!   sums exactly its chosen child's points over its chosen child's weight,
//!   which is the group's weight: nothing is renormalised or lost.

use super::{CExpr, CKind, CNa, CNaPolicy, Checker, Ind, IndId, Ty};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note};
use crate::num::Value;
use crate::syntax::ast::{self, CmpOp, IndicatorKind};
use rust_decimal::Decimal;

impl Checker {
    /// The points an indicator is worth, and the percentage it was written
    /// as (`above`: the parent's points).
    pub(super) fn effective_weight(
        &mut self,
        a: &ast::Indicator,
        above: Decimal,
    ) -> (Decimal, Option<Decimal>) {
        if !a.percent {
            return (a.weight.node, None);
        }
        let pct = a.weight.node;
        match above
            .checked_mul(pct)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        {
            Some(w) => (w.normalize(), Some(pct)),
            None => {
                let text = format!("{}%", pct.normalize());
                self.error(Diagnostic::new(Msg::NumberTooLarge { text }).at(a.weight.span));
                (Decimal::ZERO, Some(pct))
            }
        }
    }

    /// Siblings' weights against their parent's (or 满分): percentages must
    /// add up to 100%, points to the parent's points; never both kinds.
    pub(super) fn sibling_weights(
        &mut self,
        all: &[Ind],
        ids: &[IndId],
        declared: Decimal,
        parent: Option<&Ind>,
    ) {
        let normal: Vec<&Ind> = ids
            .iter()
            .map(|&i| &all[i as usize])
            .filter(|i| i.kind == IndicatorKind::Normal)
            .collect();
        let Some(first) = normal.first() else {
            return;
        };
        let parent_name = || parent.map_or_else(|| "满分".to_string(), |p| p.name.clone());
        if let Some(odd) = normal
            .iter()
            .find(|i| i.percent.is_some() != first.percent.is_some())
        {
            let d = Diagnostic::new(Msg::PercentMixedWithPoints {
                parent: parent_name(),
                child: odd.name.clone(),
            })
            .at(odd.head_span)
            .label(first.head_span, Note::Declared(written(first)))
            .label(odd.head_span, Note::Declared(written(odd)));
            self.error(d);
            return;
        }
        if first.percent.is_none() {
            return self.check_weight_sum(&normal, declared, parent);
        }
        let sum: Decimal = normal.iter().filter_map(|i| i.percent).sum();
        if sum != Decimal::ONE_HUNDRED {
            let mut d = Diagnostic::new(Msg::PercentsDoNotAddUp {
                parent: parent_name(),
                sum: sum.normalize().to_string(),
            })
            .at(parent.map_or(first.head_span, |p| p.head_span));
            for child in &normal {
                let pct = child.percent.unwrap_or_default().normalize();
                d = d.label(child.head_span, Note::Declared(format!("{pct}%")));
            }
            self.error(d);
        }
    }

    /// A `择一` group: resolve its selector, match values to alternatives,
    /// and mark every leaf of each alternative not applicable unless chosen.
    pub(super) fn choice_group(&mut self, a: &ast::Indicator, id: IndId, out: &mut [Ind]) {
        let Some(by) = &a.choice else { return };
        let group = a.name.node.clone();
        let weight = out[id as usize].weight;
        let children = out[id as usize].children.clone();
        let (sel, ty) = self.expr(
            &ast::Expr {
                kind: ast::ExprKind::Name(by.node.clone()),
                span: by.span,
            },
            None,
        );
        let selector = match (&sel.kind, &ty) {
            (CKind::Slot(slot), Ty::Enum(e)) => Some((*slot, *e)),
            (_, Ty::Error) => None,
            _ => {
                let found = self.ty_name(&ty);
                let msg = Msg::ChoiceSelectorType {
                    name: by.node.clone(),
                    found,
                };
                self.error(Diagnostic::new(msg).at(by.span));
                None
            }
        };
        if children.len() < 2
            || children
                .iter()
                .any(|&c| out[c as usize].kind != IndicatorKind::Normal)
        {
            self.error(Diagnostic::new(Msg::ChoiceTooFew { group }).at(a.head_span));
            return;
        }
        for &ch in &children {
            let c = &out[ch as usize];
            if c.weight != weight {
                let msg = Msg::AlternativeWeight {
                    group: group.clone(),
                    child: c.name.clone(),
                    weight: c.weight.normalize().to_string(),
                    expected: weight.normalize().to_string(),
                };
                self.error(Diagnostic::new(msg).at(c.head_span));
            }
        }
        let Some((slot, e)) = selector else { return };
        out[id as usize].choice = Some(slot);
        let variants = self.enums[e as usize].variants.clone();
        let ty_name = self.ty_name(&Ty::Enum(e));
        let mut named = vec![false; variants.len()];
        for &ch in &children {
            let name = out[ch as usize].name.clone();
            let pos = variants.iter().position(|v| *v == name);
            if pos.is_none() {
                let mut d = Diagnostic::new(Msg::AlternativeNotAVariant {
                    child: name.clone(),
                    ty: ty_name.clone(),
                })
                .at(out[ch as usize].head_span);
                if let Some(s) = did_you_mean(&name, variants.iter().map(String::as_str)) {
                    d = d.note(Note::DidYouMean(s));
                }
                self.error(d);
            }
            // An unknown alternative still has its leaves checked (E144).
            let i = pos.unwrap_or(0);
            if let Some(i) = pos {
                named[i] = true;
            }
            // Every leaf under the alternative: excluded unless it is chosen.
            let not_chosen = CExpr {
                kind: CKind::Cmp(
                    Box::new(CExpr {
                        kind: CKind::Slot(slot),
                        span: by.span,
                    }),
                    vec![(
                        CmpOp::Ne,
                        CExpr {
                            kind: CKind::Const(Value::Enum(i as u16)),
                            span: by.span,
                        },
                    )],
                ),
                span: by.span,
            };
            let mut stack = vec![ch];
            while let Some(n) = stack.pop() {
                let ind = &mut out[n as usize];
                if !ind.is_leaf() {
                    stack.extend(ind.children.iter().copied());
                    continue;
                }
                if let Some(own) = &ind.na {
                    let msg = Msg::AlternativeNotApplicable {
                        child: ind.name.clone(),
                    };
                    let span = own.span;
                    self.error(Diagnostic::new(msg).at(span));
                    continue;
                }
                ind.na = Some(CNa {
                    when: not_chosen.clone(),
                    policy: CNaPolicy::Exclude,
                    span: a.head_span,
                });
            }
        }
        for (v, _) in variants.iter().zip(&named).filter(|(_, n)| !**n) {
            let msg = Msg::VariantWithoutAlternative {
                variant: v.clone(),
                group: group.clone(),
            };
            self.error(Diagnostic::new(msg).at(by.span));
        }
    }
}

/// A weight as the author wrote it: `75%` or `4`.
fn written(i: &Ind) -> String {
    match i.percent {
        Some(p) => format!("{}%", p.normalize()),
        None => i.weight.normalize().to_string(),
    }
}
