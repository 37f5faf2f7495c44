//! Evaluating slot-resolved expressions. Derived values are computed on
//! first use and kept, so each is computed at most once per fact set and a
//! guarded division (`如果 预算数 = 0 则 0`) is never attempted.

use super::arith::{self, ArithError};
use super::trace::{Event, Tracer};
use crate::check::{CExpr, CKind, Checked, IndId, Slot};
use crate::diag::{Diagnostic, Msg};
use crate::num::{Exact, Value, Q};
use crate::syntax::ast::{Func, RoundMode};
use rust_decimal::Decimal;

/// Slot values for one fact set. Allocated once and reused across fact sets.
/// Callers fill `values` for the input slots; a derived slot keeps its
/// exact value in `exact` (what scoring uses) and a decimal rendering of it
/// in `values` (for displays).
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub values: Vec<Value>,
    pub ready: Vec<bool>,
    pub exact: Vec<Exact>,
}

impl Env {
    pub fn new(slots: usize) -> Env {
        Env {
            values: vec![Value::Num(Decimal::ZERO); slots],
            ready: vec![false; slots],
            exact: vec![Exact::Num(Q::ZERO); slots],
        }
    }
}

pub struct Machine<'a, T: Tracer> {
    pub c: &'a Checked,
    pub env: &'a mut Env,
    pub t: &'a mut T,
    /// The indicator being scored (for messages and the ledger).
    pub ind: Option<IndId>,
}

pub type EvalResult<T> = Result<T, Box<Diagnostic>>;

impl<T: Tracer> Machine<'_, T> {
    pub fn ind_name(&self) -> String {
        match self.ind {
            Some(i) => self.c.ind(i).name.clone(),
            None => "总分".to_string(),
        }
    }

    pub fn arith_err(&self, e: ArithError, at: &CExpr) -> Box<Diagnostic> {
        let indicator = self.ind_name();
        let msg = match e {
            ArithError::DivisionByZero { left, right } => {
                // Name the operands when they are named values, in their own units
                // (money is held in 元 internally; the author thinks in 万元).
                let (l, r) = match &at.kind {
                    CKind::Bin(_, a, b) => (self.operand(a, left), self.operand(b, right)),
                    _ => (left.normalize().to_string(), right.normalize().to_string()),
                };
                Msg::DivisionByZero {
                    indicator,
                    left: l,
                    right: r,
                }
            }
            ArithError::Overflow => Msg::Overflow { indicator },
        };
        Box::new(Diagnostic::new(msg).at(at.span))
    }

    fn operand(&self, e: &CExpr, v: Decimal) -> String {
        let v = v.normalize();
        match e.kind {
            CKind::Slot(s) => {
                let shown = crate::check::show::value(self.c, self.c.slot_ty(s), Value::Num(v));
                format!("{}（{shown}）", self.c.slot_name(s))
            }
            _ => v.normalize().to_string(),
        }
    }

    fn slot(&mut self, s: Slot) -> EvalResult<Exact> {
        let i = s as usize;
        let n_facts = self.c.facts.len();
        if i >= n_facts && !self.env.ready[i] {
            let d = &self.c.derived[i - n_facts];
            let v = self.eval_exact(&d.expr)?;
            self.env.exact[i] = v;
            self.env.values[i] = v.approx();
            self.env.ready[i] = true;
        }
        let x = if i < n_facts {
            Exact::from(self.env.values[i])
        } else {
            self.env.exact[i]
        };
        let v = self.env.values[i];
        if T::ON {
            if let Some(ind) = self.ind {
                let e = if i < n_facts {
                    Event::Fact { slot: s, value: v }
                } else {
                    Event::Derived { slot: s, value: v }
                };
                self.t.event(ind, e);
            }
        }
        Ok(x)
    }

    /// The exact number `e` evaluates to.
    pub fn num(&mut self, e: &CExpr) -> EvalResult<Q> {
        Ok(self.eval_exact(e)?.num())
    }

    pub fn truth(&mut self, e: &CExpr) -> EvalResult<bool> {
        Ok(self.eval_exact(e)?.truth())
    }

    /// The value of `e` as a decimal (rounded to 28 significant digits when
    /// it is not one): for displays and callers that hold decimals. Scoring
    /// uses [`Machine::eval_exact`].
    pub fn eval(&mut self, e: &CExpr) -> EvalResult<Value> {
        Ok(self.eval_exact(e)?.approx())
    }

    pub fn eval_exact(&mut self, e: &CExpr) -> EvalResult<Exact> {
        Ok(match &e.kind {
            CKind::Const(v) => Exact::from(*v),
            CKind::Slot(s) => self.slot(*s)?,
            CKind::Neg(a) => Exact::Num(self.num(a)?.neg()),
            CKind::Bin(op, a, b) => {
                let x = self.num(a)?;
                let y = self.num(b)?;
                Exact::Num(arith::binary(*op, x, y).map_err(|err| self.arith_err(err, e))?)
            }
            CKind::Cmp(first, rest) => {
                let mut prev = self.eval_exact(first)?;
                for (op, rhs) in rest {
                    let next = self.eval_exact(rhs)?;
                    if !arith::compare_values(*op, prev, next) {
                        return Ok(Exact::Bool(false));
                    }
                    prev = next;
                }
                Exact::Bool(true)
            }
            CKind::Between {
                x,
                lo,
                lo_incl,
                hi,
                hi_incl,
            } => {
                let v = self.num(x)?;
                let l = self.num(lo)?;
                let h = self.num(hi)?;
                let above = if *lo_incl { v >= l } else { v > l };
                let below = if *hi_incl { v <= h } else { v < h };
                Exact::Bool(above && below)
            }
            CKind::And(a, b) => Exact::Bool(self.truth(a)? && self.truth(b)?),
            CKind::Or(a, b) => Exact::Bool(self.truth(a)? || self.truth(b)?),
            CKind::Not(a) => Exact::Bool(!self.truth(a)?),
            CKind::Call(f, args) => Exact::Num(self.call(*f, args, e)?),
        })
    }

    fn call(&mut self, f: Func, args: &[CExpr], at: &CExpr) -> EvalResult<Q> {
        let x = self.num(&args[0])?;
        Ok(match f {
            Func::Abs => x.abs(),
            Func::Floor => x.floor(),
            Func::Ceil => x.ceil(),
            Func::Round => {
                let places = match args.get(1) {
                    Some(p) => self.num(p)?,
                    None => Q::ZERO,
                };
                let places =
                    round_places(places).ok_or_else(|| self.arith_err(ArithError::Overflow, at))?;
                let r = arith::round(x, places, RoundMode::HalfUp)
                    .map_err(|err| self.arith_err(err, at))?;
                Q::from_dec(r)
            }
            Func::Min | Func::Max => {
                let mut acc = x;
                for a in &args[1..] {
                    let y = self.num(a)?;
                    acc = if f == Func::Min {
                        acc.min(y)
                    } else {
                        acc.max(y)
                    };
                }
                acc
            }
            Func::Clamp => {
                let lo = self.num(&args[1])?;
                let hi = self.num(&args[2])?;
                x.max(lo).min(hi)
            }
        })
    }
}

/// The places argument of `四舍五入(x, n)`: n truncated toward zero, at
/// most 28; `None` when negative.
pub fn round_places(n: Q) -> Option<u32> {
    let (num, den) = n.parts();
    let t = num / den;
    u32::try_from(t).ok().map(|p| p.min(28))
}
