//! Exact reasoning about one numeric input x, the other facts fixed.
//!
//! A pivot is a place where a score may jump as x moves: g(x) = 0 for every
//! comparison, range test, min/max/abs, divisor, deduction step, ratio cap
//! and band end of the rubric. An expression of x is held as a fraction of
//! two affine functions, (a·x + b)/(c·x + d) with a, b, c, d exact rationals
//! ([`Q`]), so the x where it meets a threshold (its preimage) is solved
//! exactly: `预算 / 3` stays a third, never a rounded quotient. What is not
//! such a fraction (x × x, x in a rounding function, a sum of two quotients)
//! is refused with the reason ([`UnknownUse`]), never approximated. The
//! REPL's goal search (`repl::pivots`) and partial documents
//! (`facts::breaks`) share this one copy.

use super::{CExpr, CKind, CScoring, Checked, Slot};
use crate::diag::UnknownUse;
use crate::num::{Value, Q};
use crate::syntax::ast::{BinOp, Func};
use rust_decimal::Decimal;

/// Where a pivot was found, to name it when x cannot be followed there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Owner {
    Indicator(usize),
    Derived(usize),
    Veto,
    Constraint,
}

impl Owner {
    pub fn name(self, c: &Checked) -> String {
        match self {
            Owner::Indicator(i) => c.indicators[i].name.clone(),
            Owner::Derived(i) => c.derived[i].name.clone(),
            Owner::Veto => "一票否决".into(),
            Owner::Constraint => "约束".into(),
        }
    }
}

/// g(x) = a(x) − b(x) − k·step(x).
#[derive(Clone, Debug)]
pub struct Pivot {
    pub a: CExpr,
    pub b: Option<CExpr>,
    pub step: Option<(CExpr, Decimal)>,
    pub owner: Owner,
}

fn konst(v: Decimal, span: crate::syntax::Span) -> CExpr {
    CExpr {
        kind: CKind::Const(Value::Num(v)),
        span,
    }
}

fn slot_expr(slot: Slot, span: crate::syntax::Span) -> CExpr {
    CExpr {
        kind: CKind::Slot(slot),
        span,
    }
}

/// Every pivot of the rubric.
pub fn collect(c: &Checked) -> Vec<Pivot> {
    let mut out = Vec::new();
    for (i, d) in c.derived.iter().enumerate() {
        expr(&d.expr, Owner::Derived(i), &mut out);
    }
    for v in &c.vetoes {
        expr(&v.when, Owner::Veto, &mut out);
    }
    for (i, ind) in c.indicators.iter().enumerate() {
        let o = Owner::Indicator(i);
        if let Some(na) = &ind.na {
            expr(&na.when, o, &mut out);
        }
        ind.vetoes.iter().for_each(|v| expr(v, o, &mut out));
        for row in &ind.rows {
            if let Some(cond) = &row.cond {
                expr(cond, o, &mut out);
            }
            shape(&row.result, ind.weight, o, &mut out);
        }
    }
    out
}

/// The pivots of one expression (a constraint's condition).
pub fn pivots_in(e: &CExpr, owner: Owner) -> Vec<Pivot> {
    let mut out = Vec::new();
    expr(e, owner, &mut out);
    out
}

fn diff(a: &CExpr, b: &CExpr, owner: Owner) -> Pivot {
    Pivot {
        a: a.clone(),
        b: Some(b.clone()),
        step: None,
        owner,
    }
}

fn expr(e: &CExpr, o: Owner, out: &mut Vec<Pivot>) {
    match &e.kind {
        CKind::Const(_) | CKind::Slot(_) => {}
        CKind::Neg(a) | CKind::Not(a) => expr(a, o, out),
        CKind::And(a, b) | CKind::Or(a, b) => {
            expr(a, o, out);
            expr(b, o, out);
        }
        CKind::Bin(op, a, b) => {
            if *op == BinOp::Div {
                out.push(diff(b, &konst(Decimal::ZERO, b.span), o));
            }
            expr(a, o, out);
            expr(b, o, out);
        }
        CKind::Cmp(first, rest) => {
            let mut prev = first.as_ref();
            expr(prev, o, out);
            for (_, next) in rest {
                out.push(diff(prev, next, o));
                expr(next, o, out);
                prev = next;
            }
        }
        CKind::Between { x, lo, hi, .. } => {
            out.push(diff(x, lo, o));
            out.push(diff(x, hi, o));
            [x, lo, hi].into_iter().for_each(|s| expr(s, o, out));
        }
        CKind::Call(f, args) => {
            match f {
                Func::Abs => out.push(diff(&args[0], &konst(Decimal::ZERO, args[0].span), o)),
                Func::Min | Func::Max | Func::Clamp => {
                    for i in 0..args.len() {
                        for j in i + 1..args.len() {
                            out.push(diff(&args[i], &args[j], o));
                        }
                    }
                }
                Func::Floor | Func::Ceil | Func::Round => {}
            }
            args.iter().for_each(|a| expr(a, o, out));
        }
    }
}

/// The steps a deduction may take before nothing is left: exact when its
/// base and per-step points are constants (else a generous 50).
pub fn deduction_steps(d: &super::CDeduction) -> Option<i64> {
    match (d.base.as_const(), d.per_step.as_const()) {
        (Some(Value::Num(b)), Some(Value::Num(p))) if p > Decimal::ZERO => {
            let n: i64 = (b / p).ceil().try_into().ok()?;
            (0..=200).contains(&n).then_some(n + 1)
        }
        _ => None,
    }
}

fn shape(s: &CScoring, weight: Decimal, o: Owner, out: &mut Vec<Pivot>) {
    let one = |e: &CExpr| konst(Decimal::ONE, e.span);
    match s {
        CScoring::Expr(e) => expr(e, o, out),
        CScoring::Deduction(d) => {
            [&d.base, &d.subject, &d.baseline, &d.step, &d.per_step]
                .into_iter()
                .for_each(|e| expr(e, o, out));
            // Steps change where the excess crosses a multiple of the step;
            // past base/per steps nothing is left to deduct.
            let n = deduction_steps(d).unwrap_or(50);
            let (a, b) = if d.over {
                (&d.subject, &d.baseline)
            } else {
                (&d.baseline, &d.subject)
            };
            for k in 0..=n {
                out.push(Pivot {
                    a: a.clone(),
                    b: Some(b.clone()),
                    step: Some((d.step.clone(), Decimal::from(k))),
                    owner: o,
                });
            }
        }
        CScoring::Ratio { actual, target, .. } => {
            out.push(diff(actual, target, o));
            out.push(diff(actual, &konst(Decimal::ZERO, actual.span), o));
            out.push(diff(target, &konst(Decimal::ZERO, target.span), o));
            expr(actual, o, out);
            expr(target, o, out);
        }
        CScoring::Proportional(e) => {
            out.push(diff(e, &one(e), o));
            expr(e, o, out);
        }
        CScoring::Checklist(cl) => {
            expr(&cl.points, o, out);
            if let Some(Value::Num(p)) = cl.points.as_const() {
                if !p.is_zero() {
                    for &(slot, is_count, span) in &cl.items {
                        if is_count {
                            out.push(diff(&slot_expr(slot, span), &konst(weight / p, span), o));
                        }
                    }
                }
            }
        }
        CScoring::Match { subject, arms } => {
            expr(subject, o, out);
            arms.iter().for_each(|(_, e)| expr(e, o, out));
        }
        CScoring::Qualitative(q) => {
            for (lo, _, hi, _) in q.bands.iter().flatten() {
                let span = crate::syntax::Span::default();
                out.push(diff(&slot_expr(q.rate, span), &konst(*lo, span), o));
                out.push(diff(&slot_expr(q.rate, span), &konst(*hi, span), o));
            }
        }
    }
}

/// (a·x + b)/(c·x + d); affine when c = 0 and d = 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frac {
    pub a: Q,
    pub b: Q,
    pub c: Q,
    pub d: Q,
}

type R<T> = Result<T, UnknownUse>;

fn ok(r: Result<Q, crate::num::ArithError>) -> R<Q> {
    r.map_err(|_| UnknownUse::Overflow)
}

impl Frac {
    pub fn konst(k: Q) -> Frac {
        Frac {
            a: Q::ZERO,
            b: k,
            c: Q::ZERO,
            d: Q::ONE,
        }
    }
    pub const X: Frac = Frac {
        a: Q::ONE,
        b: Q::ZERO,
        c: Q::ZERO,
        d: Q::ONE,
    };

    /// Its value when it does not depend on x.
    pub fn as_const(&self) -> Option<Q> {
        (self.a.is_zero() && self.c.is_zero()).then(|| self.b.div(self.d).ok())?
    }

    fn affine(&self) -> bool {
        self.c.is_zero()
    }

    /// The value at x; `None` at the pole or beyond exact arithmetic.
    pub fn at(&self, x: Q) -> Option<Q> {
        let n = self.a.mul(x).ok()?.add(self.b).ok()?;
        let d = self.c.mul(x).ok()?.add(self.d).ok()?;
        (!d.is_zero()).then(|| n.div(d).ok())?
    }

    pub fn scale(&self, k: Q) -> R<Frac> {
        Ok(Frac {
            a: ok(self.a.mul(k))?,
            b: ok(self.b.mul(k))?,
            ..*self
        })
    }

    pub fn add(&self, o: &Frac) -> R<Frac> {
        if let Some(k) = o.as_const() {
            // (ax + b)/(cx + d) + k = ((a + kc)x + b + kd)/(cx + d)
            return Ok(Frac {
                a: ok(self.a.add(ok(k.mul(self.c))?))?,
                b: ok(self.b.add(ok(k.mul(self.d))?))?,
                ..*self
            });
        }
        if self.as_const().is_some() {
            return o.add(self);
        }
        if self.affine() && o.affine() {
            // Both over d = 1 … or a constant d: bring to a common one.
            let a = ok(ok(self.a.div(self.d))?.add(ok(o.a.div(o.d))?))?;
            let b = ok(ok(self.b.div(self.d))?.add(ok(o.b.div(o.d))?))?;
            return Ok(Frac {
                a,
                b,
                c: Q::ZERO,
                d: Q::ONE,
            });
        }
        Err(UnknownUse::Quotients)
    }

    pub fn neg(&self) -> Frac {
        Frac {
            a: self.a.neg(),
            b: self.b.neg(),
            ..*self
        }
    }

    pub fn mul(&self, o: &Frac) -> R<Frac> {
        match (self.as_const(), o.as_const()) {
            (_, Some(k)) => self.scale(k),
            (Some(k), _) => o.scale(k),
            _ => Err(UnknownUse::Product),
        }
    }

    pub fn div(&self, o: &Frac) -> R<Frac> {
        if let Some(k) = o.as_const() {
            if k.is_zero() {
                return Err(UnknownUse::Divisor);
            }
            return self.scale(ok(Q::ONE.div(k))?);
        }
        if let Some(k) = self.as_const() {
            // k / ((ax + b)/(cx + d)) = k(cx + d)/(ax + b)
            return Ok(Frac {
                a: ok(k.mul(o.c))?,
                b: ok(k.mul(o.d))?,
                c: o.a,
                d: o.b,
            });
        }
        if self.affine() && o.affine() {
            let s = ok(Q::ONE.div(self.d))?;
            let t = ok(Q::ONE.div(o.d))?;
            return Ok(Frac {
                a: ok(self.a.mul(s))?,
                b: ok(self.b.mul(s))?,
                c: ok(o.a.mul(t))?,
                d: ok(o.b.mul(t))?,
            });
        }
        Err(UnknownUse::Quotients)
    }

    /// The x where the value is `v`, when exactly one (x's coefficient
    /// after clearing the denominator is not zero): a·x + b = v·(c·x + d).
    pub fn preimage(&self, v: Q) -> Option<Q> {
        let k = self.a.sub(v.mul(self.c).ok()?).ok()?;
        if k.is_zero() {
            return None;
        }
        let r = v.mul(self.d).ok()?.sub(self.b).ok()?;
        r.div(k).ok()
    }

    /// Where it is zero or undefined: the only places its sign may change.
    pub fn roots(&self) -> Vec<Q> {
        let mut out: Vec<Q> = self.preimage(Q::ZERO).into_iter().collect();
        if !self.c.is_zero() {
            out.extend(Q::ZERO.sub(self.d).ok().and_then(|n| n.div(self.c).ok()));
        }
        out
    }
}

/// Where the other facts come from: their values, `None` for one not known.
pub type Env<'a> = &'a dyn Fn(Slot) -> Option<Value>;

/// `e` as a fraction in x (slot `x`), the other slots read from `env`,
/// min/max/abs taking the branch that holds at `probe`: between two pivots
/// the branch does not change, so the fraction is exact there.
pub fn frac(c: &Checked, e: &CExpr, x: Slot, env: Env, probe: Q) -> R<Frac> {
    let f = |e: &CExpr| frac(c, e, x, env, probe);
    Ok(match &e.kind {
        CKind::Const(Value::Num(d)) => Frac::konst(Q::from_dec(*d)),
        CKind::Slot(s) if *s == x => Frac::X,
        CKind::Slot(s) => {
            let i = *s as usize;
            if i >= c.facts.len() {
                return f(&c.derived[i - c.facts.len()].expr);
            }
            match env(*s) {
                Some(Value::Num(d)) => Frac::konst(Q::from_dec(d)),
                Some(_) => return Err(UnknownUse::NotNumber),
                None => return Err(UnknownUse::OtherUnknown(c.slot_name(*s).to_string())),
            }
        }
        CKind::Neg(a) => f(a)?.neg(),
        CKind::Bin(op, a, b) => {
            let (a, b) = (f(a)?, f(b)?);
            match op {
                BinOp::Add => a.add(&b)?,
                BinOp::Sub => a.add(&b.neg())?,
                BinOp::Mul => a.mul(&b)?,
                BinOp::Div => a.div(&b)?,
            }
        }
        CKind::Call(Func::Abs, args) if args.len() == 1 => {
            let a = f(&args[0])?;
            match a.at(probe) {
                Some(v) if v.is_negative() => a.neg(),
                Some(_) => a,
                None => return Err(UnknownUse::Divisor),
            }
        }
        CKind::Call(func @ (Func::Min | Func::Max | Func::Clamp), args) => {
            let fs = args.iter().map(f).collect::<R<Vec<Frac>>>()?;
            let vals = fs
                .iter()
                .map(|g| g.at(probe).ok_or(UnknownUse::Divisor))
                .collect::<R<Vec<Q>>>()?;
            let pick = |best: &dyn Fn(Q, Q) -> bool, among: &[usize]| {
                among
                    .iter()
                    .copied()
                    .reduce(|i, j| if best(vals[j], vals[i]) { j } else { i })
                    .unwrap_or(0)
            };
            let all: Vec<usize> = (0..fs.len()).collect();
            let i = match func {
                Func::Min => pick(&|a, b| a < b, &all),
                Func::Max => pick(&|a, b| a > b, &all),
                // clamp(v, lo, hi) = min(max(v, lo), hi).
                _ if fs.len() == 3 => {
                    let m = pick(&|a, b| a > b, &[0, 1]);
                    pick(&|a, b| a < b, &[m, 2])
                }
                _ => return Err(UnknownUse::Rounding),
            };
            fs[i]
        }
        // floor/ceil/round of x jump at every whole step: not one fraction.
        CKind::Call(..) => return Err(UnknownUse::Rounding),
        _ => return Err(UnknownUse::NotNumber),
    })
}

/// Whether `e` reads `slot`, directly or through derived values.
pub fn reads_deep(c: &Checked, e: &CExpr, slot: Slot) -> bool {
    let mut slots = Vec::new();
    e.slots(&mut slots);
    slots.iter().any(|&s| {
        s == slot
            || (s as usize >= c.facts.len()
                && reads_deep(c, &c.derived[s as usize - c.facts.len()].expr, slot))
    })
}

impl Pivot {
    /// Whether g reads x at all.
    pub fn reads(&self, c: &Checked, x: Slot) -> bool {
        reads_deep(c, &self.a, x)
            || self.b.as_ref().is_some_and(|b| reads_deep(c, b, x))
            || self.step.as_ref().is_some_and(|s| reads_deep(c, &s.0, x))
    }

    /// g as a fraction in x on the piece that holds at `probe`.
    pub fn frac(&self, c: &Checked, x: Slot, env: Env, probe: Q) -> R<Frac> {
        let mut g = frac(c, &self.a, x, env, probe)?;
        if let Some(b) = &self.b {
            g = g.add(&frac(c, b, x, env, probe)?.neg())?;
        }
        if let Some((s, k)) = &self.step {
            let s = frac(c, s, x, env, probe)?.scale(Q::from_dec(*k))?;
            g = g.add(&s.neg())?;
        }
        Ok(g)
    }

    /// The x where g may change sign on the piece that holds at `probe`.
    pub fn roots(&self, c: &Checked, x: Slot, env: Env, probe: Q) -> R<Vec<Q>> {
        Ok(self.frac(c, x, env, probe)?.roots())
    }
}
