//! Where a score can jump as one input moves: the rubric's pivots
//! (`check::affine::collect`), functions g(x) whose roots are the
//! breakpoints. A g that is a fraction of affine functions of x on the
//! piece around the current value is solved symbolically and exactly
//! (`check::affine`, shared with partial documents: `预算 / 3` stays 1/3 of
//! it); g is also evaluated exactly (crate::num::Q, no quotient rounded), and
//! others are bracketed by a sign change and bisected on the goal's grid,
//! each sign decided exactly.

use crate::check::{CExpr, CScoring, Checked, Slot};
use crate::eval::trace::NoTrace;
use crate::eval::value::Value;
use crate::eval::{Env, FactSet, Machine};
use crate::num::Q;
use rust_decimal::Decimal;

// The pivots and their exact roots live below the REPL and the facts
// readers, which both need them (`check::affine`).
pub use crate::check::affine::{collect, Pivot};

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
        // Symbolically first: exact wherever g is affine in x (or a ratio
        // of affine functions) on the piece that holds at `now`.
        let env = |s: Slot| {
            let i = s as usize;
            self.facts
                .values
                .get(i)
                .copied()
                .flatten()
                .or(self.c.facts.get(i)?.default)
        };
        if let Ok(roots) = p.roots(self.c, self.slot, &env, Q::from_dec(now)) {
            return roots;
        }
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
