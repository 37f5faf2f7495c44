//! Tier tables, compiled knowing that earlier rows failed. Rows are tried
//! in order, so when `率 ≥ 95%` did not hold, the next row
//! `率 在 90%（含）和 95% 之间` only needs `率 ≥ 90%`, and a last row
//! `率 ＜ 70%` needs no comparison at all. This is exact: a bound is only
//! dropped when the failed rows before it prove it, and the slot was already
//! read by those rows (so a derived value is computed, and cannot fail, the
//! same way). `tests/compiled.rs` checks the result against the reference.

use super::expr::{slot, BoolFn, Compiler, Cx, R};
use crate::check::{CExpr, CKind, CRow};
use crate::num::{Exact, Value, Q};
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

/// One row's condition as data: a test of the table's subject slot.
#[derive(Clone, Copy, Debug)]
pub enum Test {
    /// Proved by the failed rows before it, or 否则.
    Always,
    /// `x op k`, numbers.
    Cmp(CmpOp, Q),
    /// `x 在 lo 和 hi 之间`, the bools saying inclusive.
    Between(Q, bool, Q, bool),
    /// A yes/no slot is yes (`如果 工作规划合理 则 3`), or is not.
    Yes(bool),
}

impl Test {
    #[inline(always)]
    fn holds(self, x: Exact) -> bool {
        match self {
            Test::Always => true,
            Test::Cmp(op, k) => {
                let x = x.num();
                match op {
                    CmpOp::Eq => x == k,
                    CmpOp::Ne => x != k,
                    CmpOp::Lt => x < k,
                    CmpOp::Le => x <= k,
                    CmpOp::Gt => x > k,
                    CmpOp::Ge => x >= k,
                }
            }
            Test::Between(l, li, h, hi) => {
                let x = x.num();
                (if li { x >= l } else { x > l }) && (if hi { x <= h } else { x < h })
            }
            Test::Yes(yes) => x.truth() == yes,
        }
    }
}

/// How a leaf picks its row.
pub enum Rows {
    /// Every row tests one slot against constants (or is 否则): the slot is
    /// read once and the rows are a loop over plain comparisons, no call per
    /// row. The first row reads the slot, as the reference's first row does,
    /// so a derived value is computed (and may fail) exactly when it would.
    Table { slot: usize, tests: Vec<Test> },
    /// One closure per row (`None`: 否则).
    Fns(Vec<Option<BoolFn>>),
}

impl Rows {
    /// The first row whose condition holds.
    #[inline]
    pub fn pick(&self, cx: &mut Cx) -> R<Option<usize>> {
        match self {
            Rows::Table { slot: s, tests } => {
                let x = slot(cx, *s)?;
                Ok(tests.iter().position(|t| t.holds(x)))
            }
            Rows::Fns(conds) => {
                for (r, c) in conds.iter().enumerate() {
                    let holds = match c {
                        Some(cond) => cond(cx)?,
                        None => true,
                    };
                    if holds {
                        return Ok(Some(r));
                    }
                }
                Ok(None)
            }
        }
    }
}

/// A row's condition while compiling: a test of one slot, or any expression.
enum Cond<'e> {
    Test(u32, Test),
    Expr(&'e CExpr),
}

/// The rows' conditions, each compiled with what the rows before it prove.
pub fn conditions(k: &Compiler, rows: &[CRow]) -> Rows {
    let mut known = Known::default();
    let conds: Vec<Option<Cond>> = rows
        .iter()
        .map(|r| r.cond.as_ref().map(|c| condition(k, c, &mut known)))
        .collect();
    let subject = match conds.first() {
        Some(Some(Cond::Test(s, t))) if !matches!(t, Test::Always) => Some(*s),
        _ => None,
    };
    let one_subject = conds.iter().all(|c| match c {
        None => true,
        Some(Cond::Test(s, _)) => Some(*s) == subject,
        Some(Cond::Expr(_)) => false,
    });
    if let (Some(s), true) = (subject, one_subject) {
        let tests = conds
            .iter()
            .map(|c| match c {
                Some(Cond::Test(_, t)) => *t,
                _ => Test::Always,
            })
            .collect();
        return Rows::Table {
            slot: s as usize,
            tests,
        };
    }
    Rows::Fns(
        conds
            .into_iter()
            .map(|c| {
                c.map(|c| -> BoolFn {
                    match c {
                        Cond::Test(_, Test::Always) => Box::new(|_| Ok(true)),
                        Cond::Test(s, t) => {
                            let s = s as usize;
                            Box::new(move |cx: &mut Cx| Ok(t.holds(slot(cx, s)?)))
                        }
                        Cond::Expr(e) => k.truth(e),
                    }
                })
            })
            .collect(),
    )
}

fn condition<'e>(k: &Compiler, e: &'e CExpr, known: &mut Known) -> Cond<'e> {
    let q = Q::from_dec;
    match &e.kind {
        CKind::Slot(s) if k.is_bool(e) => Cond::Test(*s, Test::Yes(true)),
        CKind::Not(x) if k.is_bool(x) && slot_of(x).is_some() => {
            Cond::Test(slot_of(x).unwrap(), Test::Yes(false))
        }
        CKind::Cmp(x, rest) if rest.len() == 1 => {
            let (op, rhs) = (rest[0].0, &rest[0].1);
            let (Some(s), Some(c)) = (slot_of(x), num_const(rhs)) else {
                return Cond::Expr(e);
            };
            if !k.is_num(x) {
                return Cond::Expr(e);
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
                Cond::Test(s, Test::Always)
            } else {
                Cond::Test(s, Test::Cmp(op, q(c)))
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
                return Cond::Expr(e);
            };
            if !k.is_num(x) {
                return Cond::Expr(e);
            }
            let (lo_incl, hi_incl) = (*lo_incl, *hi_incl);
            let hi_proved = known.below(s, h, !hi_incl);
            let lo_proved = known.above(s, l, !lo_incl);
            let ge = if lo_incl { CmpOp::Ge } else { CmpOp::Gt };
            let le = if hi_incl { CmpOp::Le } else { CmpOp::Lt };
            let t = match (lo_proved, hi_proved) {
                (true, true) => Test::Always,
                (false, true) => {
                    // Failing now means below the lower bound.
                    known.learn_hi(s, l, lo_incl);
                    Test::Cmp(ge, q(l))
                }
                (true, false) => {
                    known.learn_lo(s, h, hi_incl);
                    Test::Cmp(le, q(h))
                }
                (false, false) => Test::Between(q(l), lo_incl, q(h), hi_incl),
            };
            Cond::Test(s, t)
        }
        _ => Cond::Expr(e),
    }
}
