//! Slot-resolved expressions compiled into closures. The operator, the
//! operand types and constant operands are decided once, at compile time,
//! so the hot path is a direct call per node with no `match` on the tree.
//! Every closure computes what `crate::eval::Machine::eval_exact` does,
//! exactly; comparisons of a value with a constant cross-multiply instead
//! of dividing.
//! Any failure is a bare [`Fail`]: the caller re-runs the reference
//! evaluator to build the located diagnostic.

use crate::check::{CExpr, CKind, Checked, Slot, Ty};
use crate::eval::arith;
use crate::num::{Exact, Value, Q};
use crate::syntax::ast::{BinOp, CmpOp, Func, RoundMode};

/// Scoring failed; the reference evaluator says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fail;

pub type R<T> = Result<T, Fail>;

/// The per-fact-set state closures read and write: input values (as
/// decimals), derived values (exact) and which of them are computed.
pub struct Cx<'a> {
    pub vals: &'a [Value],
    pub xs: &'a mut [Exact],
    pub ready: &'a mut [bool],
    pub derived: &'a [ValFn],
    pub n_facts: usize,
}

pub type NumFn = Box<dyn Fn(&mut Cx) -> R<Q> + Send + Sync>;
pub type BoolFn = Box<dyn Fn(&mut Cx) -> R<bool> + Send + Sync>;
pub type ValFn = Box<dyn Fn(&mut Cx) -> R<Exact> + Send + Sync>;

/// A numeric operand of a shape: constants and slots are read inline, any
/// other expression through its closure (one call fewer per operand).
pub enum Num {
    Const(Q),
    Fact(usize),
    /// `abs(输入)`, as rubrics score a change either way (`abs(预算调整率)`).
    AbsFact(usize),
    Slot(usize),
    Fn(NumFn),
}

impl Num {
    #[inline(always)]
    pub fn eval(&self, cx: &mut Cx) -> R<Q> {
        match self {
            Num::Const(q) => Ok(*q),
            Num::Fact(i) => Ok(fact_num(cx, *i)),
            Num::AbsFact(i) => Ok(fact_num(cx, *i).abs()),
            Num::Slot(s) => Ok(slot(cx, *s)?.num()),
            Num::Fn(f) => f(cx),
        }
    }
}

/// Read a slot, computing a derived value on first use (lazily, as the
/// reference does, so that a guarded division is never attempted).
#[inline(always)]
pub fn slot(cx: &mut Cx, s: usize) -> R<Exact> {
    if s < cx.n_facts {
        return Ok(Exact::from(cx.vals[s]));
    }
    if !cx.ready[s] {
        let d = cx.derived;
        let v = (d[s - cx.n_facts])(cx)?;
        cx.xs[s] = v;
        cx.ready[s] = true;
    }
    Ok(cx.xs[s])
}

#[inline(always)]
fn fact_num(cx: &Cx, i: usize) -> Q {
    Q::from_dec(cx.vals[i].num())
}

fn q(r: Result<Q, arith::ArithError>) -> R<Q> {
    r.map_err(|_| Fail)
}

pub struct Compiler<'a> {
    pub c: &'a Checked,
}

impl Compiler<'_> {
    pub fn is_num(&self, e: &CExpr) -> bool {
        match &e.kind {
            CKind::Const(v) => matches!(v, Value::Num(_)),
            CKind::Slot(s) => matches!(self.c.slot_ty(*s), Ty::Num(_)),
            CKind::Neg(_) | CKind::Bin(..) | CKind::Call(..) => true,
            _ => false,
        }
    }

    pub fn is_bool(&self, e: &CExpr) -> bool {
        match &e.kind {
            CKind::Const(v) => matches!(v, Value::Bool(_)),
            CKind::Slot(s) => matches!(self.c.slot_ty(*s), Ty::Bool),
            CKind::Cmp(..)
            | CKind::Between { .. }
            | CKind::And(..)
            | CKind::Or(..)
            | CKind::Not(_) => true,
            _ => false,
        }
    }

    fn fact(&self, s: Slot) -> Option<usize> {
        ((s as usize) < self.c.facts.len()).then_some(s as usize)
    }

    pub fn val(&self, e: &CExpr) -> ValFn {
        match &e.kind {
            CKind::Const(v) => {
                let v = Exact::from(*v);
                Box::new(move |_| Ok(v))
            }
            CKind::Slot(s) => {
                let s = *s as usize;
                Box::new(move |cx| slot(cx, s))
            }
            // A derived quotient (`定义 率 = 实际 / 预算`): one call.
            CKind::Bin(BinOp::Div, a, b) => {
                let (fa, fb) = (self.arg(a), self.arg(b));
                Box::new(move |cx| {
                    let x = fa.eval(cx)?;
                    let y = fb.eval(cx)?;
                    Ok(Exact::Num(q(x.div(y))?))
                })
            }
            _ if self.is_num(e) => {
                let f = self.num(e);
                Box::new(move |cx| Ok(Exact::Num(f(cx)?)))
            }
            _ => {
                let f = self.truth(e);
                Box::new(move |cx| Ok(Exact::Bool(f(cx)?)))
            }
        }
    }

    /// `e` as a shape's operand.
    pub fn arg(&self, e: &CExpr) -> Num {
        match &e.kind {
            CKind::Const(v) => Num::Const(Q::from_dec(v.num())),
            CKind::Slot(s) => match self.fact(*s) {
                Some(i) => Num::Fact(i),
                None => Num::Slot(*s as usize),
            },
            CKind::Call(Func::Abs, args) => match &args[0].kind {
                CKind::Slot(s) if self.fact(*s).is_some() => Num::AbsFact(*s as usize),
                _ => Num::Fn(self.num(e)),
            },
            _ => Num::Fn(self.num(e)),
        }
    }

    pub fn num(&self, e: &CExpr) -> NumFn {
        match &e.kind {
            CKind::Const(v) => {
                let d = Q::from_dec(v.num());
                Box::new(move |_| Ok(d))
            }
            CKind::Slot(s) => match self.fact(*s) {
                Some(i) => Box::new(move |cx| Ok(fact_num(cx, i))),
                None => {
                    let s = *s as usize;
                    Box::new(move |cx| Ok(slot(cx, s)?.num()))
                }
            },
            CKind::Neg(a) => {
                let a = self.num(a);
                Box::new(move |cx| Ok(a(cx)?.neg()))
            }
            CKind::Bin(op, a, b) => self.bin(*op, a, b),
            CKind::Call(f, args) => self.call(*f, args),
            // A condition read as a number is 0, as `Value::num` has it.
            _ => {
                let f = self.val(e);
                Box::new(move |cx| Ok(f(cx)?.num()))
            }
        }
    }

    fn bin(&self, op: BinOp, a: &CExpr, b: &CExpr) -> NumFn {
        // Operands that are constants or slots are read inline (`实际 / 预算`
        // is one call, not three).
        let (fa, fb) = (self.arg(a), self.arg(b));
        // A constant right operand is the common case (`x - 95%`, `x * 0.3`).
        if let Some(Value::Num(k)) = b.as_const() {
            let k = Q::from_dec(k);
            return match op {
                BinOp::Add => Box::new(move |cx| q(fa.eval(cx)?.add(k))),
                BinOp::Sub => Box::new(move |cx| q(fa.eval(cx)?.sub(k))),
                BinOp::Mul => Box::new(move |cx| q(fa.eval(cx)?.mul(k))),
                BinOp::Div if k.is_zero() => Box::new(move |cx| fa.eval(cx).and(Err(Fail))),
                BinOp::Div => Box::new(move |cx| q(fa.eval(cx)?.div(k))),
            };
        }
        match op {
            BinOp::Add => Box::new(move |cx| q(fa.eval(cx)?.add(fb.eval(cx)?))),
            BinOp::Sub => Box::new(move |cx| q(fa.eval(cx)?.sub(fb.eval(cx)?))),
            BinOp::Mul => Box::new(move |cx| q(fa.eval(cx)?.mul(fb.eval(cx)?))),
            BinOp::Div => Box::new(move |cx| {
                let x = fa.eval(cx)?;
                let y = fb.eval(cx)?;
                q(x.div(y))
            }),
        }
    }

    fn call(&self, f: Func, args: &[CExpr]) -> NumFn {
        let x = self.num(&args[0]);
        let rest: Vec<NumFn> = args[1..].iter().map(|a| self.num(a)).collect();
        match f {
            Func::Abs => Box::new(move |cx| Ok(x(cx)?.abs())),
            Func::Floor => Box::new(move |cx| Ok(x(cx)?.floor())),
            Func::Ceil => Box::new(move |cx| Ok(x(cx)?.ceil())),
            Func::Round => Box::new(move |cx| {
                let v = x(cx)?;
                let places = match rest.first() {
                    Some(p) => p(cx)?,
                    None => Q::ZERO,
                };
                let places = crate::eval::round_places(places).ok_or(Fail)?;
                let r = arith::round(v, places, RoundMode::HalfUp).map_err(|_| Fail)?;
                Ok(Q::from_dec(r))
            }),
            Func::Min | Func::Max => {
                let min = f == Func::Min;
                Box::new(move |cx| {
                    let mut acc = x(cx)?;
                    for a in &rest {
                        let y = a(cx)?;
                        acc = if min { acc.min(y) } else { acc.max(y) };
                    }
                    Ok(acc)
                })
            }
            Func::Clamp => Box::new(move |cx| {
                let v = x(cx)?;
                let lo = rest[0](cx)?;
                let hi = rest[1](cx)?;
                Ok(v.max(lo).min(hi))
            }),
        }
    }

    pub fn truth(&self, e: &CExpr) -> BoolFn {
        match &e.kind {
            CKind::Const(v) => {
                let b = v.truth();
                Box::new(move |_| Ok(b))
            }
            CKind::Slot(s) => match self.fact(*s) {
                Some(i) => Box::new(move |cx| Ok(cx.vals[i].truth())),
                None => {
                    let s = *s as usize;
                    Box::new(move |cx| Ok(slot(cx, s)?.truth()))
                }
            },
            CKind::Cmp(first, rest)
                if rest.len() == 1 && self.is_num(first) && self.is_num(&rest[0].1) =>
            {
                self.cmp_num(rest[0].0, first, &rest[0].1)
            }
            CKind::Cmp(first, rest) => {
                let first = self.val(first);
                let rest: Vec<(CmpOp, ValFn)> =
                    rest.iter().map(|(op, e)| (*op, self.val(e))).collect();
                Box::new(move |cx| {
                    let mut prev = first(cx)?;
                    for (op, rhs) in &rest {
                        let next = rhs(cx)?;
                        if !arith::compare_values(*op, prev, next) {
                            return Ok(false);
                        }
                        prev = next;
                    }
                    Ok(true)
                })
            }
            CKind::Between {
                x,
                lo,
                lo_incl,
                hi,
                hi_incl,
            } => self.between(x, lo, *lo_incl, hi, *hi_incl),
            CKind::And(a, b) => {
                let (a, b) = (self.truth(a), self.truth(b));
                Box::new(move |cx| Ok(a(cx)? && b(cx)?))
            }
            CKind::Or(a, b) => {
                let (a, b) = (self.truth(a), self.truth(b));
                Box::new(move |cx| Ok(a(cx)? || b(cx)?))
            }
            CKind::Not(a) => {
                let a = self.truth(a);
                Box::new(move |cx| Ok(!a(cx)?))
            }
            // A number used as a condition is false, as `Value::truth` has it.
            _ => {
                debug_assert!(!self.is_bool(e));
                let f = self.val(e);
                Box::new(move |cx| Ok(f(cx)?.truth()))
            }
        }
    }

    fn cmp_num(&self, op: CmpOp, a: &CExpr, b: &CExpr) -> BoolFn {
        macro_rules! ops {
            ($mk:ident) => {
                match op {
                    CmpOp::Eq => $mk!(==),
                    CmpOp::Ne => $mk!(!=),
                    CmpOp::Lt => $mk!(<),
                    CmpOp::Le => $mk!(<=),
                    CmpOp::Gt => $mk!(>),
                    CmpOp::Ge => $mk!(>=),
                }
            };
        }
        let konst = match b.as_const() {
            Some(Value::Num(k)) => Some(k),
            _ => None,
        };
        let fact = match &a.kind {
            CKind::Slot(s) => self.fact(*s),
            _ => None,
        };
        match (fact, konst) {
            // `fact ≥ 95%`: one load and an integer cross-multiplication.
            (Some(i), Some(k)) => {
                let k = Q::from_dec(k);
                macro_rules! mk {
                    ($o:tt) => {
                        Box::new(move |cx: &mut Cx| Ok(fact_num(cx, i) $o k))
                    };
                }
                ops!(mk)
            }
            // `率 ≥ 95%` with 率 a fraction: cross-multiplied, no division;
            // `abs(输入) ≤ 5%` read inline.
            (None, Some(k)) => {
                let k = Q::from_dec(k);
                let fa = self.arg(a);
                macro_rules! mk {
                    ($o:tt) => {
                        Box::new(move |cx: &mut Cx| Ok(fa.eval(cx)? $o k))
                    };
                }
                ops!(mk)
            }
            _ => {
                let (fa, fb) = (self.num(a), self.num(b));
                macro_rules! mk {
                    ($o:tt) => {
                        Box::new(move |cx: &mut Cx| {
                            let x = fa(cx)?;
                            let y = fb(cx)?;
                            Ok(x $o y)
                        })
                    };
                }
                ops!(mk)
            }
        }
    }

    fn between(&self, x: &CExpr, lo: &CExpr, lo_incl: bool, hi: &CExpr, hi_incl: bool) -> BoolFn {
        let fx = self.num(x);
        if let (Some(Value::Num(l)), Some(Value::Num(h))) = (lo.as_const(), hi.as_const()) {
            let (l, h) = (Q::from_dec(l), Q::from_dec(h));
            return Box::new(move |cx| {
                let v = fx(cx)?;
                let above = if lo_incl { v >= l } else { v > l };
                let below = if hi_incl { v <= h } else { v < h };
                Ok(above && below)
            });
        }
        let (fl, fh) = (self.num(lo), self.num(hi));
        Box::new(move |cx| {
            let v = fx(cx)?;
            let l = fl(cx)?;
            let h = fh(cx)?;
            let above = if lo_incl { v >= l } else { v > l };
            let below = if hi_incl { v <= h } else { v < h };
            Ok(above && below)
        })
    }
}
