//! Constraints on one input against constants (`约束 增幅 ≥ -100%`, the
//! implicit `≥ 0` of a percentage input) checked on a row's decimals
//! directly. Going through [`crate::facts::settle`] for every row builds a
//! fact set and an evaluator per row; here a row that keeps every such
//! constraint costs a few comparisons. A row that breaks one, or a rubric
//! with any other kind of constraint, still goes through `settle`, so the
//! error (E312, its wording, its note) is the facts reader's own.

use crate::check::{CExpr, CKind, Checked};
use crate::eval::value::Value;
use crate::syntax::ast::CmpOp;
use rust_decimal::Decimal;

/// One side of a comparison: the constrained input, or a constant.
#[derive(Clone, Copy, Debug)]
enum Side {
    Input,
    Const(Decimal),
}

#[derive(Clone, Debug)]
pub(super) struct Bound {
    slot: usize,
    first: Side,
    rest: Vec<(CmpOp, Side)>,
}

impl Bound {
    /// Whether the row's value keeps the constraint. A value that is not a
    /// number (cannot happen for a checked numeric input) counts as broken,
    /// so `settle` decides.
    fn holds(&self, vals: &[Value]) -> bool {
        let Some(Value::Num(x)) = vals.get(self.slot) else {
            return false;
        };
        let at = |s: Side| match s {
            Side::Input => *x,
            Side::Const(d) => d,
        };
        let mut prev = at(self.first);
        for &(op, s) in &self.rest {
            let next = at(s);
            if !crate::num::compare(op, prev, next) {
                return false;
            }
            prev = next;
        }
        true
    }
}

/// Every constraint of `c` as a single-input bound, or `None` when one of
/// them is anything else (it then needs the evaluator, through `settle`).
pub(super) fn single_input(c: &Checked) -> Option<Vec<Bound>> {
    c.constraints.iter().map(|k| bound(c, &k.when)).collect()
}

fn bound(c: &Checked, e: &CExpr) -> Option<Bound> {
    let mut slot = None;
    let mut side = |e: &CExpr| -> Option<Side> {
        match &e.kind {
            CKind::Const(Value::Num(d)) => Some(Side::Const(*d)),
            CKind::Slot(s) if (*s as usize) < c.facts.len() && slot.is_none_or(|x| x == *s) => {
                slot = Some(*s);
                Some(Side::Input)
            }
            _ => None,
        }
    };
    let (first, rest) = match &e.kind {
        CKind::Cmp(first, rest) => {
            let first = side(first)?;
            let rest = rest
                .iter()
                .map(|(op, e)| Some((*op, side(e)?)))
                .collect::<Option<Vec<_>>>()?;
            (first, rest)
        }
        CKind::Between {
            x,
            lo,
            lo_incl,
            hi,
            hi_incl,
        } => {
            // lo < x < hi as one chain, with each end's inclusion.
            let (lo, x, hi) = (side(lo)?, side(x)?, side(hi)?);
            let op = |incl: bool| if incl { CmpOp::Le } else { CmpOp::Lt };
            (lo, vec![(op(*lo_incl), x), (op(*hi_incl), hi)])
        }
        _ => return None,
    };
    let slot = slot? as usize;
    matches!(c.facts[slot].ty, crate::check::Ty::Num(_)).then_some(Bound { slot, first, rest })
}

/// Whether the row keeps every bound.
pub(super) fn all_hold(bounds: &[Bound], vals: &[Value]) -> bool {
    bounds.iter().all(|b| b.holds(vals))
}
