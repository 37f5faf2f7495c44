//! Evaluating slot-resolved expressions. Derived values are computed on
//! first use and kept, so each is computed at most once per fact set and a
//! guarded division (`如果 预算数 = 0 则 0`) is never attempted.

use super::arith::{self, ArithError};
use super::trace::{Event, Tracer};
use super::value::Value;
use crate::check::{CExpr, CKind, Checked, IndId, Slot};
use crate::diag::{Diagnostic, Msg};
use crate::syntax::ast::{Func, RoundMode};
use rust_decimal::Decimal;

/// Slot values for one fact set. Allocated once and reused across fact sets.
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub values: Vec<Value>,
    pub ready: Vec<bool>,
}

impl Env {
    pub fn new(slots: usize) -> Env {
        Env {
            values: vec![Value::Num(Decimal::ZERO); slots],
            ready: vec![false; slots],
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
        match e.kind {
            CKind::Slot(s) => {
                let shown = crate::check::show::value(self.c, self.c.slot_ty(s), Value::Num(v));
                format!("{}（{shown}）", self.c.slot_name(s))
            }
            _ => v.normalize().to_string(),
        }
    }

    fn slot(&mut self, s: Slot) -> EvalResult<Value> {
        let i = s as usize;
        let n_facts = self.c.facts.len();
        if i >= n_facts && !self.env.ready[i] {
            let d = &self.c.derived[i - n_facts];
            let v = self.eval(&d.expr)?;
            self.env.values[i] = v;
            self.env.ready[i] = true;
        }
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
        Ok(v)
    }

    pub fn num(&mut self, e: &CExpr) -> EvalResult<Decimal> {
        Ok(self.eval(e)?.num())
    }

    pub fn truth(&mut self, e: &CExpr) -> EvalResult<bool> {
        Ok(self.eval(e)?.truth())
    }

    pub fn eval(&mut self, e: &CExpr) -> EvalResult<Value> {
        Ok(match &e.kind {
            CKind::Const(v) => *v,
            CKind::Slot(s) => self.slot(*s)?,
            CKind::Neg(a) => Value::Num(-self.num(a)?),
            CKind::Bin(op, a, b) => {
                let x = self.num(a)?;
                let y = self.num(b)?;
                Value::Num(arith::binary(*op, x, y).map_err(|err| self.arith_err(err, e))?)
            }
            CKind::Cmp(first, rest) => {
                let mut prev = self.eval(first)?;
                for (op, rhs) in rest {
                    let next = self.eval(rhs)?;
                    if !arith::compare_values(*op, prev, next) {
                        return Ok(Value::Bool(false));
                    }
                    prev = next;
                }
                Value::Bool(true)
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
                Value::Bool(above && below)
            }
            CKind::And(a, b) => Value::Bool(self.truth(a)? && self.truth(b)?),
            CKind::Or(a, b) => Value::Bool(self.truth(a)? || self.truth(b)?),
            CKind::Not(a) => Value::Bool(!self.truth(a)?),
            CKind::Call(f, args) => Value::Num(self.call(*f, args, e)?),
        })
    }

    fn call(&mut self, f: Func, args: &[CExpr], at: &CExpr) -> EvalResult<Decimal> {
        let x = self.num(&args[0])?;
        Ok(match f {
            Func::Abs => x.abs(),
            Func::Floor => x.floor(),
            Func::Ceil => x.ceil(),
            Func::Round => {
                let places = match args.get(1) {
                    Some(p) => self.num(p)?,
                    None => Decimal::ZERO,
                };
                let places: u32 = places
                    .trunc()
                    .try_into()
                    .map_err(|_| self.arith_err(ArithError::Overflow, at))?;
                arith::round(x, places.min(28), RoundMode::HalfUp)
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
