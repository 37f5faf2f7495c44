//! Where a score can jump as one input moves: every comparison, range test,
//! min/max/abs, divisor, deduction step, ratio cap and band end of the
//! rubric, as a function g(x) whose roots are the breakpoints. g is
//! evaluated exactly (crate::num::Q, no quotient rounded): a root of a
//! function linear in x is solved as an exact fraction (`预算 / 3` stays
//! 1/3 of it); others are bracketed by a sign change and bisected on the
//! goal's grid, each sign decided exactly.

use super::env::slot_expr;
use crate::check::{CExpr, CKind, CScoring, Checked, Slot};
use crate::eval::trace::NoTrace;
use crate::eval::value::Value;
use crate::eval::{Env, FactSet, Machine};
use crate::num::Q;
use crate::syntax::ast::Func;
use rust_decimal::Decimal;

/// g(x) = a(x) − b(x) − k·step(x).
#[derive(Clone, Debug)]
pub struct Pivot {
    a: CExpr,
    b: Option<CExpr>,
    step: Option<(CExpr, Decimal)>,
}

fn diff(a: &CExpr, b: &CExpr) -> Pivot {
    Pivot {
        a: a.clone(),
        b: Some(b.clone()),
        step: None,
    }
}

fn konst(v: Decimal, span: crate::syntax::Span) -> CExpr {
    CExpr {
        kind: CKind::Const(Value::Num(v)),
        span,
    }
}

/// Every pivot of the rubric.
pub fn collect(c: &Checked) -> Vec<Pivot> {
    let mut out = Vec::new();
    for d in &c.derived {
        expr(&d.expr, &mut out);
    }
    for v in &c.vetoes {
        expr(&v.when, &mut out);
    }
    for ind in &c.indicators {
        if let Some(na) = &ind.na {
            expr(&na.when, &mut out);
        }
        ind.vetoes.iter().for_each(|v| expr(v, &mut out));
        for row in &ind.rows {
            if let Some(cond) = &row.cond {
                expr(cond, &mut out);
            }
            shape(&row.result, ind.weight, &mut out);
        }
    }
    out
}

fn expr(e: &CExpr, out: &mut Vec<Pivot>) {
    match &e.kind {
        CKind::Const(_) | CKind::Slot(_) => {}
        CKind::Neg(a) | CKind::Not(a) => expr(a, out),
        CKind::And(a, b) | CKind::Or(a, b) => {
            expr(a, out);
            expr(b, out);
        }
        CKind::Bin(op, a, b) => {
            if *op == crate::syntax::ast::BinOp::Div {
                out.push(diff(b, &konst(Decimal::ZERO, b.span)));
            }
            expr(a, out);
            expr(b, out);
        }
        CKind::Cmp(first, rest) => {
            let mut prev = first.as_ref();
            expr(prev, out);
            for (_, next) in rest {
                out.push(diff(prev, next));
                expr(next, out);
                prev = next;
            }
        }
        CKind::Between { x, lo, hi, .. } => {
            out.push(diff(x, lo));
            out.push(diff(x, hi));
            [x, lo, hi].into_iter().for_each(|s| expr(s, out));
        }
        CKind::Call(f, args) => {
            match f {
                Func::Abs => out.push(diff(&args[0], &konst(Decimal::ZERO, args[0].span))),
                Func::Min | Func::Max | Func::Clamp => {
                    for i in 0..args.len() {
                        for j in i + 1..args.len() {
                            out.push(diff(&args[i], &args[j]));
                        }
                    }
                }
                Func::Floor | Func::Ceil | Func::Round => {}
            }
            args.iter().for_each(|a| expr(a, out));
        }
    }
}

fn shape(s: &CScoring, weight: Decimal, out: &mut Vec<Pivot>) {
    let one = |e: &CExpr| konst(Decimal::ONE, e.span);
    match s {
        CScoring::Expr(e) => expr(e, out),
        CScoring::Deduction(d) => {
            [&d.base, &d.subject, &d.baseline, &d.step, &d.per_step]
                .into_iter()
                .for_each(|e| expr(e, out));
            // Steps change where the excess crosses a multiple of the step;
            // past base/per steps nothing is left to deduct.
            let n = match (d.base.as_const(), d.per_step.as_const()) {
                (Some(Value::Num(b)), Some(Value::Num(p))) if p > Decimal::ZERO => {
                    (b / p).ceil().try_into().unwrap_or(200i64).clamp(0, 200) + 1
                }
                _ => 50,
            };
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
                });
            }
        }
        CScoring::Ratio { actual, target, .. } => {
            out.push(diff(actual, target));
            out.push(diff(actual, &konst(Decimal::ZERO, actual.span)));
            expr(actual, out);
            expr(target, out);
        }
        CScoring::Proportional(e) => {
            out.push(diff(e, &one(e)));
            expr(e, out);
        }
        CScoring::Checklist(cl) => {
            expr(&cl.points, out);
            if let Some(Value::Num(p)) = cl.points.as_const() {
                if !p.is_zero() {
                    for &(slot, is_count, span) in &cl.items {
                        if is_count {
                            out.push(diff(&slot_expr(slot, span), &konst(weight / p, span)));
                        }
                    }
                }
            }
        }
        CScoring::Match { subject, arms } => {
            expr(subject, out);
            arms.iter().for_each(|(_, e)| expr(e, out));
        }
        CScoring::Qualitative(q) => {
            for (lo, _, hi, _) in q.bands.iter().flatten() {
                let span = crate::syntax::Span::default();
                out.push(diff(&slot_expr(q.rate, span), &konst(*lo, span)));
                out.push(diff(&slot_expr(q.rate, span), &konst(*hi, span)));
            }
        }
    }
}

/// The slots a scoring shape reads (through derived values).
pub fn shape_reads(c: &Checked, s: &CScoring) -> Vec<Slot> {
    let mut es: Vec<&CExpr> = Vec::new();
    let mut extra = Vec::new();
    match s {
        CScoring::Expr(e) | CScoring::Proportional(e) => es.push(e),
        CScoring::Deduction(d) => {
            es.extend([&d.base, &d.subject, &d.baseline, &d.step, &d.per_step])
        }
        CScoring::Ratio { actual, target, .. } => es.extend([actual, target]),
        CScoring::Checklist(cl) => extra.extend(cl.items.iter().map(|i| i.0)),
        CScoring::Match { subject, .. } => es.push(subject),
        CScoring::Qualitative(q) => extra.extend([q.tier, q.rate]),
    }
    let mut out = extra;
    for e in es {
        out.extend(super::env::reads(c, e));
    }
    out
}

/// Evaluates pivots with one input set to x and the other facts fixed.
pub struct Probe<'a> {
    pub c: &'a Checked,
    pub facts: &'a FactSet,
    pub slot: Slot,
}

impl Probe<'_> {
    /// g(x), exactly; `None` where it cannot be evaluated (a division by
    /// zero, a missing fact, a value beyond exact arithmetic).
    pub fn g(&self, p: &Pivot, x: Decimal) -> Option<Q> {
        let mut env = Env::new(self.c.slot_count());
        for (i, decl) in self.c.facts.iter().enumerate() {
            // The input searched need not be set yet: x stands in for it.
            if i == self.slot as usize {
                env.values[i] = Value::Num(x);
                env.ready[i] = true;
                continue;
            }
            env.values[i] = self
                .facts
                .values
                .get(i)
                .copied()
                .flatten()
                .or(decl.default)?;
            env.ready[i] = true;
        }
        env.values[self.slot as usize] = Value::Num(x);
        let mut t = NoTrace;
        let mut m = Machine {
            c: self.c,
            env: &mut env,
            t: &mut t,
            ind: None,
        };
        let a = num(m.eval_exact(&p.a).ok()?)?;
        let b = match &p.b {
            Some(b) => num(m.eval_exact(b).ok()?)?,
            None => Q::ZERO,
        };
        let k = match &p.step {
            Some((s, k)) => num(m.eval_exact(s).ok()?)?.mul(Q::from_dec(*k)).ok()?,
            None => Q::ZERO,
        };
        a.sub(b).ok()?.sub(k).ok()
    }

    /// The x where `p` crosses zero, near `now`, exactly where g is linear
    /// (otherwise within the grid step `h`); `scale` is a typical distance
    /// in x.
    pub fn roots(&self, p: &Pivot, now: Decimal, scale: Decimal, h: Decimal) -> Vec<Q> {
        let xs = [
            now,
            now + scale,
            now + scale * Decimal::from(3),
            now - scale,
            now + scale * Decimal::from(7),
        ];
        let pts: Vec<(Q, Q)> = xs
            .iter()
            .filter_map(|&x| self.g(p, x).map(|g| (Q::from_dec(x), g)))
            .take(3)
            .collect();
        if pts.len() < 3 {
            return Vec::new();
        }
        let (x1, g1) = pts[0];
        let (x2, g2) = pts[1];
        let (x3, g3) = pts[2];
        // Three points on one line, exactly: then g is that line (every
        // pivot is linear in x between the kinks the other pivots give).
        let linear = || -> Option<Option<Q>> {
            let slope = g2.sub(g1).ok()?.div(x2.sub(x1).ok()?).ok()?;
            let predicted = g1.add(slope.mul(x3.sub(x1).ok()?).ok()?).ok()?;
            if predicted != g3 {
                return None;
            }
            if slope.is_zero() {
                return Some(None);
            }
            Some(x1.sub(g1.div(slope).ok()?).ok())
        };
        if let Some(root) = linear() {
            return root.into_iter().collect();
        }
        self.bracketed(p, now, scale, h)
    }

    /// Sign changes of a non-linear g over a spread of points, each
    /// bisected on the grid of step `h` to the two neighbouring grid points
    /// where the sign (decided exactly) changes; the lower one is returned.
    fn bracketed(&self, p: &Pivot, now: Decimal, scale: Decimal, h: Decimal) -> Vec<Q> {
        let mut xs: Vec<Decimal> = vec![Decimal::ZERO, h];
        for k in [-8i64, -4, -2, -1, 1, 2, 3, 4, 6, 8, 12, 16, 32] {
            xs.push(now + scale * Decimal::from(k) / Decimal::from(2));
        }
        xs.sort();
        xs.dedup();
        let vals: Vec<(Decimal, Q)> = xs
            .iter()
            .filter_map(|&x| self.g(p, x).map(|g| (x, g)))
            .collect();
        let mut out = Vec::new();
        for w in vals.windows(2) {
            let ((a, ga), (b, gb)) = (w[0], w[1]);
            if ga.is_zero() {
                out.push(Q::from_dec(a));
            }
            if ga.is_negative() == gb.is_negative() || gb.is_zero() {
                continue;
            }
            let neg_a = ga.is_negative();
            // Grid indices i (x = i·h) with the sign of a at lo and not at hi.
            let (Some(mut lo), Some(mut hi)) = (grid_index(a, h, false), grid_index(b, h, true))
            else {
                out.push(Q::from_dec(a));
                continue;
            };
            let at = |i: i128| Decimal::try_from_i128_with_scale(i, 0).ok().map(|d| d * h);
            // The grid points next to a and b may lie across the root: keep
            // a and b themselves when they do.
            let side = |i: i128| {
                at(i)
                    .and_then(|x| self.g(p, x))
                    .map(|g| g.is_negative() == neg_a && !g.is_zero())
            };
            if side(lo) != Some(true) || side(hi) != Some(false) {
                out.push(Q::from_dec(a));
                continue;
            }
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                match side(mid) {
                    Some(true) => lo = mid,
                    Some(false) => hi = mid,
                    None => break,
                }
            }
            out.extend(at(lo).map(Q::from_dec));
        }
        out
    }
}

/// The grid index of `x` (x ÷ h rounded down, or up), if it is a decimal.
fn grid_index(x: Decimal, h: Decimal, up: bool) -> Option<i128> {
    let r = Q::from_dec(x).div(Q::from_dec(h)).ok()?;
    let i = if up { r.ceil() } else { r.floor() };
    let (n, _) = i.parts();
    Some(n)
}

fn num(v: crate::num::Exact) -> Option<Q> {
    match v {
        crate::num::Exact::Num(q) => Some(q),
        _ => None,
    }
}
