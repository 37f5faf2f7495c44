//! Tier tables, compiled knowing that earlier rows failed. Rows are tried
//! in order, so when `率 ≥ 95%` did not hold, the next row
//! `率 在 90%（含）和 95% 之间` only needs `率 ≥ 90%`, and a last row
//! `率 ＜ 70%` needs no comparison at all. This is exact: a bound is only
//! dropped when the failed rows before it prove it, and the slot was already
//! read by those rows (so a derived value is computed, and cannot fail, the
//! same way). `tests/compiled.rs` checks the result against the reference.

use super::expr::{slot, BoolFn, Compiler, Cx};
use crate::check::{CExpr, CKind, CRow};
use crate::num::{Value, Q};
use crate::syntax::ast::CmpOp;
use rust_decimal::Decimal;

/// What the failed rows so far prove about one slot: `x > lo` or `x ≥ lo`,
/// `x < hi` or `x ≤ hi` (the bool says strict).
#[derive(Default)]
struct Known {
    slot: Option<u32>,
    lo: Option<(Decimal, bool)>,
    hi: Option<(Decimal, bool)>,
}

impl Known {
    fn about(&mut self, s: u32) {
        if self.slot != Some(s) {
            *self = Known {
                slot: Some(s),
                lo: None,
                hi: None,
            };
        }
    }

    /// Is `x < h` (strict) or `x ≤ h` proved?
    fn below(&self, s: u32, h: Decimal, strict: bool) -> bool {
        self.slot == Some(s)
            && self
                .hi
                .is_some_and(|(u, us)| u < h || (u == h && (us || !strict)))
    }

    /// Is `x > l` (strict) or `x ≥ l` proved?
    fn above(&self, s: u32, l: Decimal, strict: bool) -> bool {
        self.slot == Some(s)
            && self
                .lo
                .is_some_and(|(u, us)| u > l || (u == l && (us || !strict)))
    }

    fn learn_hi(&mut self, s: u32, h: Decimal, strict: bool) {
        self.about(s);
        if !self.below(s, h, strict) {
            self.hi = Some((h, strict));
        }
    }

    fn learn_lo(&mut self, s: u32, l: Decimal, strict: bool) {
        self.about(s);
        if !self.above(s, l, strict) {
            self.lo = Some((l, strict));
        }
    }
}

fn num_const(e: &CExpr) -> Option<Decimal> {
    match e.as_const() {
        Some(Value::Num(d)) => Some(d),
        _ => None,
    }
}

fn slot_of(e: &CExpr) -> Option<u32> {
    match e.kind {
        CKind::Slot(s) => Some(s),
        _ => None,
    }
}

/// `x ≥ l` / `x > l` on a slot, as a closure.
fn lower(s: u32, l: Decimal, incl: bool) -> BoolFn {
    let s = s as usize;
    let l = Q::from_dec(l);
    if incl {
        Box::new(move |cx: &mut Cx| Ok(slot(cx, s)?.num() >= l))
    } else {
        Box::new(move |cx: &mut Cx| Ok(slot(cx, s)?.num() > l))
    }
}

fn upper(s: u32, h: Decimal, incl: bool) -> BoolFn {
    let s = s as usize;
    let h = Q::from_dec(h);
    if incl {
        Box::new(move |cx: &mut Cx| Ok(slot(cx, s)?.num() <= h))
    } else {
        Box::new(move |cx: &mut Cx| Ok(slot(cx, s)?.num() < h))
    }
}

/// The rows' conditions, each compiled with what the rows before it prove.
pub fn conditions(k: &Compiler, rows: &[CRow]) -> Vec<Option<BoolFn>> {
    let mut known = Known::default();
    rows.iter()
        .map(|r| r.cond.as_ref().map(|c| condition(k, c, &mut known)))
        .collect()
}

fn condition(k: &Compiler, e: &CExpr, known: &mut Known) -> BoolFn {
    let always: BoolFn = Box::new(|_| Ok(true));
    match &e.kind {
        CKind::Cmp(x, rest) if rest.len() == 1 => {
            let (op, rhs) = (rest[0].0, &rest[0].1);
            let (Some(s), Some(c)) = (slot_of(x), num_const(rhs)) else {
                return k.truth(e);
            };
            if !k.is_num(x) {
                return k.truth(e);
            }
            // Proved already: the row holds without looking.
            let proved = match op {
                CmpOp::Lt => known.below(s, c, true),
                CmpOp::Le => known.below(s, c, false),
                CmpOp::Gt => known.above(s, c, true),
                CmpOp::Ge => known.above(s, c, false),
                _ => false,
            };
            // If this row fails, the next ones know the opposite.
            match op {
                CmpOp::Ge => known.learn_hi(s, c, true),
                CmpOp::Gt => known.learn_hi(s, c, false),
                CmpOp::Le => known.learn_lo(s, c, true),
                CmpOp::Lt => known.learn_lo(s, c, false),
                _ => {}
            }
            if proved {
                always
            } else {
                k.truth(e)
            }
        }
        CKind::Between {
            x,
            lo,
            lo_incl,
            hi,
            hi_incl,
        } => {
            let (Some(s), Some(l), Some(h)) = (slot_of(x), num_const(lo), num_const(hi)) else {
                return k.truth(e);
            };
            if !k.is_num(x) {
                return k.truth(e);
            }
            let (lo_incl, hi_incl) = (*lo_incl, *hi_incl);
            let hi_proved = known.below(s, h, !hi_incl);
            let lo_proved = known.above(s, l, !lo_incl);
            match (lo_proved, hi_proved) {
                (true, true) => always,
                (false, true) => {
                    // Failing now means below the lower bound.
                    known.learn_hi(s, l, lo_incl);
                    lower(s, l, lo_incl)
                }
                (true, false) => {
                    known.learn_lo(s, h, hi_incl);
                    upper(s, h, hi_incl)
                }
                (false, false) => k.truth(e),
            }
        }
        _ => k.truth(e),
    }
}
