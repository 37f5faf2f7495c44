//! 定性 scoring: a tier (an enumeration) and a rate within that tier's band.

use super::{CExpr, CQualitative, CScoring, Checker, Ty};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note};
use crate::num::Value;
use crate::syntax::ast;
use rust_decimal::Decimal;

impl Checker {
    pub(super) fn qualitative(&mut self, q: &ast::Qualitative) -> CScoring {
        let tier = self.names.get(&q.tier.node).copied();
        let rate = self.names.get(&q.rate.node).copied();
        for (n, s) in [(&q.tier, tier), (&q.rate, rate)] {
            match s {
                Some(slot) => self.used[slot as usize] = true,
                None => {
                    let mut d = Diagnostic::new(Msg::UnknownName {
                        name: n.node.clone(),
                    })
                    .at(n.span);
                    if let Some(sug) = did_you_mean(&n.node, self.names.keys().map(String::as_str))
                    {
                        d = d.note(Note::DidYouMean(sug));
                    }
                    self.error(d);
                }
            }
        }
        let (Some(tier), Some(rate)) = (tier, rate) else {
            return CScoring::Expr(CExpr {
                kind: super::CKind::Const(Value::Num(Decimal::ZERO)),
                span: q.span,
            });
        };
        let tier_ty = self.slot_tys[tier as usize].clone();
        let rate_ty = self.slot_tys[rate as usize].clone();
        let rate_ok = matches!(rate_ty, Ty::Num(u) if u.dim.is_none());
        let Ty::Enum(e) = tier_ty else {
            let (t, r) = (self.ty_name(&tier_ty), self.ty_name(&rate_ty));
            self.error(Diagnostic::new(Msg::QualitativeTypes { tier: t, rate: r }).at(q.tier.span));
            return CScoring::Expr(CExpr {
                kind: super::CKind::Const(Value::Num(Decimal::ZERO)),
                span: q.span,
            });
        };
        if !rate_ok {
            let (t, r) = (self.ty_name(&Ty::Enum(e)), self.ty_name(&rate_ty));
            self.error(Diagnostic::new(Msg::QualitativeTypes { tier: t, rate: r }).at(q.rate.span));
        }
        let variants = self.enums[e as usize].variants.clone();
        let mut bands = vec![None; variants.len()];
        // `按 三档`: the declared set's bands, checked against this row's tier.
        let written = self.row_bands(q).unwrap_or_default();
        for b in &written {
            let lo = self.const_rate(&b.lo.expr);
            let hi = self.const_rate(&b.hi.expr);
            let Some(i) = variants.iter().position(|v| *v == b.tier.node) else {
                let ty = self.ty_name(&Ty::Enum(e));
                let mut d = Diagnostic::new(Msg::UnknownVariant {
                    name: b.tier.node.clone(),
                    ty,
                })
                .at(b.tier.span);
                if let Some(s) = did_you_mean(&b.tier.node, variants.iter().map(String::as_str)) {
                    d = d.note(Note::DidYouMean(s));
                }
                self.error(d);
                continue;
            };
            if let (Some(lo), Some(hi)) = (lo, hi) {
                // Bands may be written high-to-low (100–80%) as the documents do.
                let ((l, li), (h, hi_)) = if lo <= hi {
                    ((lo, b.lo.inclusive), (hi, b.hi.inclusive))
                } else {
                    ((hi, b.hi.inclusive), (lo, b.lo.inclusive))
                };
                bands[i] = Some((l, li, h, hi_));
            }
        }
        CScoring::Qualitative(Box::new(CQualitative {
            tier,
            rate,
            bands,
            shared: q.uses.is_some(),
        }))
    }

    fn const_rate(&mut self, e: &ast::Expr) -> Option<Decimal> {
        let (c, u) = self.number(e);
        match (c.as_const(), u) {
            (Some(Value::Num(d)), Some(u)) if u.dim.is_none() => Some(d),
            (_, None) => None,
            _ => {
                self.error(
                    Diagnostic::new(Msg::QualitativeTypes {
                        tier: "?".into(),
                        rate: "?".into(),
                    })
                    .at(e.span),
                );
                None
            }
        }
    }
}
