//! The breakpoint method for an unknown fact x that rules compute with
//! (`率 = 实际 / 预算`, `按比例 实际 / 预算`, `得分 = 10 × 率`): with the
//! other facts fixed, every leaf's score is a step function of x, and its
//! steps can only lie at
//!
//! * the x where a pivot (a comparison, a divisor, a min/max, a ratio cap,
//!   a deduction step; `check::affine`) is zero or undefined;
//! * the ends of x's domain (its declaration and constraints: `line`);
//! * the x where a row that computes with x continuously reaches a
//!   rounding boundary of the leaf's grid (a half step for 四舍五入, a step
//!   for 截断/进一), and where it reaches 0 or its weight.
//!
//! Each is solved exactly in Q as the preimage under a fraction of affine
//! functions of x. Between two consecutive breakpoints every leaf, hence
//! every parent, the total and the grade, is constant, so the rubric is
//! scored at each breakpoint that is a decimal and at one decimal inside
//! each gap: the ranges are exact, and what cannot be followed this way is
//! E348 with the reason.

use crate::check::affine::{self, Env, Frac, Owner, Pivot};
use crate::check::units::Unit;
use crate::check::{CNaPolicy, CScoring, Checked, Slot};
use crate::diag::UnknownUse;
use crate::num::Q;
use crate::syntax::ast::{RoundMode, StepMode};
use rust_decimal::Decimal;

/// Breakpoints beyond which the rubric would be scored too many times.
pub(super) const MAX_BREAKS: usize = 4096;

/// A rule that x cannot be followed through: its owner's name and why.
pub(super) type Refusal = (String, UnknownUse);

/// The decimals that stand for every value x may take, in order: each
/// breakpoint that is a decimal and one decimal inside each gap.
pub(super) fn candidates(
    c: &Checked,
    x: Slot,
    env: Env,
    line: &[Decimal],
    unit: Unit,
) -> Result<Vec<Decimal>, Refusal> {
    // The constraints' pivots too: then each gap lies wholly inside or
    // outside what a constraint that computes with x admits.
    let pivots: Vec<Pivot> = affine::collect(c)
        .into_iter()
        .chain(
            c.constraints
                .iter()
                .flat_map(|k| affine::pivots_in(&k.when, Owner::Constraint)),
        )
        .filter(|p| p.reads(c, x))
        .collect();
    let mut bps: Vec<Q> = line.iter().map(|&d| Q::from_dec(d)).collect();
    sort(&mut bps);
    // Pivots first, gap by gap: a min/max takes one branch inside a gap
    // only once the pivot between its branches has cut the line there.
    let mut todo = gaps(&bps);
    let mut rounds = 0;
    while !todo.is_empty() {
        rounds += 1;
        if rounds > 16 || bps.len() > MAX_BREAKS {
            return Err((name(c, &pivots), UnknownUse::Steps(MAX_BREAKS)));
        }
        let mut next = Vec::new();
        for (l, u) in todo {
            let probe = inside(l, u);
            let mut found = Vec::new();
            for p in &pivots {
                let roots = match p.roots(c, x, env, probe) {
                    Ok(r) => r,
                    // Yes/no or variants compared for equality: their truth
                    // changes only where the pivots inside them do.
                    Err(UnknownUse::NotNumber) => continue,
                    Err(w) => return Err((p.owner.name(c), w)),
                };
                found.extend(roots.into_iter().filter(|&r| within(r, l, u)));
            }
            sort(&mut found);
            if found.is_empty() {
                continue;
            }
            let mut edges = vec![l];
            edges.extend(found.iter().map(|&r| Some(r)));
            edges.push(u);
            next.extend(edges.windows(2).map(|w| (w[0], w[1])));
            bps.extend(found);
        }
        sort(&mut bps);
        todo = next;
    }
    rounding_steps(c, x, env, &mut bps)?;
    if bps.len() > MAX_BREAKS {
        return Err((name(c, &pivots), UnknownUse::Steps(MAX_BREAKS)));
    }
    let mut out = Vec::new();
    for (i, (l, u)) in gaps(&bps).into_iter().enumerate() {
        if i > 0 {
            // A count takes whole values ≥ 0 only.
            let p = bps[i - 1].exact_decimal();
            out.extend(
                p.filter(|p| !unit.is_count() || (p.fract().is_zero() && *p >= Decimal::ZERO)),
            );
        }
        out.extend(decimal_inside(l, u, unit));
    }
    Ok(out)
}

fn name(c: &Checked, pivots: &[Pivot]) -> String {
    pivots
        .first()
        .map(|p| p.owner.name(c))
        .unwrap_or_else(|| "约束".into())
}

fn sort(v: &mut Vec<Q>) {
    v.sort();
    v.dedup();
}

/// The open gaps between sorted breakpoints (`None`: unbounded).
fn gaps(bps: &[Q]) -> Vec<(Option<Q>, Option<Q>)> {
    let mut edges: Vec<Option<Q>> = vec![None];
    edges.extend(bps.iter().map(|&q| Some(q)));
    edges.push(None);
    edges.windows(2).map(|w| (w[0], w[1])).collect()
}

fn within(r: Q, l: Option<Q>, u: Option<Q>) -> bool {
    l.is_none_or(|l| r > l) && u.is_none_or(|u| r < u)
}

/// A point strictly inside the gap, off the round numbers where pivots
/// tend to lie (so a probe does not sit on a divisor's zero by chance).
fn inside(l: Option<Q>, u: Option<Q>) -> Q {
    let odd = Q::int(34).div(Q::int(89)).unwrap_or(Q::ONE);
    let q = match (l, u) {
        (None, None) => Ok(odd),
        (Some(l), None) => l.add(Q::ONE).and_then(|v| v.add(odd)),
        (None, Some(u)) => u.sub(Q::ONE).and_then(|v| v.sub(odd)),
        (Some(l), Some(u)) => u.sub(l).and_then(|w| w.mul(odd)).and_then(|w| l.add(w)),
    };
    q.unwrap_or(Q::ZERO)
}

/// The decimal with fewest places inside the gap (96% rather than 95.5%),
/// a whole number ≥ 0 for a count.
fn decimal_inside(l: Option<Q>, u: Option<Q>, unit: Unit) -> Option<Decimal> {
    let ok = |v: Q| within(v, l, u);
    if unit.is_count() {
        let n = l.map_or(Q::ZERO, |l| l.floor().add(Q::ONE).unwrap_or(l).max(Q::ZERO));
        return ok(n).then(|| n.exact_decimal()).flatten();
    }
    let (l, u) = match (l, u) {
        (None, None) => return Some(Decimal::ZERO),
        (Some(l), None) => return l.floor().add(Q::ONE).ok()?.exact_decimal(),
        (None, Some(u)) => return u.ceil().sub(Q::ONE).ok()?.exact_decimal(),
        (Some(l), Some(u)) => (l, u),
    };
    let mut step = Q::int(1_000_000);
    let tenth = Q::int(1).div(Q::int(10)).ok()?;
    for _ in 0..36 {
        let v = l.div(step).ok()?.floor().add(Q::ONE).ok()?.mul(step).ok()?;
        if v < u {
            return v.exact_decimal();
        }
        step = step.mul(tenth).ok()?;
    }
    None
}

/// Add the x where a row that computes with x crosses a rounding
/// boundary of the leaf (or 0, or its weight), gap by gap.
fn rounding_steps(c: &Checked, x: Slot, env: Env, bps: &mut Vec<Q>) -> Result<(), Refusal> {
    let places = c.rounding.places.min(12);
    let h = Q::ONE
        .div(Q::int(10i128.pow(places)))
        .map_err(|_| (String::new(), UnknownUse::Overflow))?;
    let half = matches!(c.rounding.mode, RoundMode::HalfUp | RoundMode::HalfEven);
    let transfers = c.indicators.iter().any(|i| {
        i.na.as_ref()
            .is_some_and(|n| matches!(n.policy, CNaPolicy::Transfer(_)))
    });
    let mut added = Vec::new();
    for (i, ind) in c.indicators.iter().enumerate() {
        let owner = || Owner::Indicator(i).name(c);
        for row in &ind.rows {
            if !reads(c, &row.result, x) {
                continue;
            }
            let continuous = continuous(c, &row.result, x).map_err(|w| (owner(), w))?;
            if !continuous {
                continue;
            }
            if transfers {
                return Err((owner(), UnknownUse::Transfer));
            }
            let w = Q::from_dec(ind.weight);
            for (l, u) in gaps(bps) {
                let probe = inside(l, u);
                let fs = raw(c, &row.result, w, x, env, probe).map_err(|e| (owner(), e))?;
                for f in fs {
                    let mut vals = vec![Q::ZERO, w];
                    let (lo, hi) = value_range(&f, l, u, w);
                    let over = |n: Q| n.floor();
                    let (Ok(k0), Ok(k1)) = (lo.div(h).map(over), hi.div(h).map(over)) else {
                        return Err((owner(), UnknownUse::Overflow));
                    };
                    let (k0, k1) = (k0.parts().0 - 1, k1.parts().0 + 1);
                    if k1 - k0 > MAX_BREAKS as i128 * 2 {
                        return Err((owner(), UnknownUse::Steps(MAX_BREAKS)));
                    }
                    for k in k0..=k1 {
                        let mut v = Q::int(k).mul(h);
                        if half {
                            v = v.and_then(|v| v.add(h.div(Q::int(2))?));
                        }
                        vals.extend(v.ok());
                    }
                    for v in vals {
                        if let Some(r) = f.preimage(v).filter(|&r| within(r, l, u)) {
                            added.push(r);
                        }
                    }
                    if added.len() > MAX_BREAKS {
                        return Err((owner(), UnknownUse::Steps(MAX_BREAKS)));
                    }
                }
            }
        }
    }
    bps.extend(added);
    sort(bps);
    Ok(())
}

/// The least and greatest value a monotone fraction takes on the gap,
/// within [0, w] (beyond it the leaf is capped or an error, constant).
fn value_range(f: &Frac, l: Option<Q>, u: Option<Q>, w: Q) -> (Q, Q) {
    let end = |e: Option<Q>| e.and_then(|e| f.at(e));
    match (end(l), end(u)) {
        (Some(a), Some(b)) => (a.min(b).max(Q::ZERO), a.max(b).min(w)),
        _ => (Q::ZERO, w),
    }
}

fn reads(c: &Checked, s: &CScoring, x: Slot) -> bool {
    super::bounds::scoring_reads(c, s, x)
}

/// Whether a row's points move continuously with x (then rounding steps
/// are added); `Err` for a row whose points cannot be followed through x.
fn continuous(c: &Checked, s: &CScoring, x: Slot) -> Result<bool, UnknownUse> {
    let r = |e| affine::reads_deep(c, e, x);
    match s {
        CScoring::Expr(_) | CScoring::Proportional(_) | CScoring::Ratio { .. } => Ok(true),
        CScoring::Match { subject, .. } if !r(subject) => Ok(true),
        // Whole steps: constant between the step pivots when the steps are
        // bounded (扣完为止). 按比例: continuous, floored at zero.
        CScoring::Deduction(d)
            if d.floor_zero
                && affine::deduction_steps(d).is_some()
                && !r(&d.base)
                && !r(&d.per_step)
                && !r(&d.step) =>
        {
            Ok(d.mode == StepMode::Proportional)
        }
        CScoring::Deduction(_) => Err(UnknownUse::Deduction),
        _ => Err(UnknownUse::RowKind),
    }
}

/// A continuous row's raw points as fractions in x on the gap holding
/// `probe` (none: constant there, at a cap; a 匹配 row: each arm's).
fn raw(
    c: &Checked,
    s: &CScoring,
    w: Q,
    x: Slot,
    env: Env,
    probe: Q,
) -> Result<Vec<Frac>, UnknownUse> {
    let f = |e| affine::frac(c, e, x, env, probe);
    let capped = |rate: Frac| -> Result<Vec<Frac>, UnknownUse> {
        match rate.at(probe) {
            Some(v) if v >= Q::ONE => Ok(Vec::new()),
            Some(_) => Ok(vec![times(rate, w)?]),
            None => Err(UnknownUse::Divisor),
        }
    };
    match s {
        CScoring::Expr(e) => Ok(vec![f(e)?]),
        CScoring::Proportional(e) => capped(f(e)?),
        CScoring::Ratio {
            direction,
            actual,
            target,
        } => {
            let (a, t) = (f(actual)?, f(target)?);
            match direction {
                crate::syntax::ast::Direction::Higher => capped(div(a, t)?),
                crate::syntax::ast::Direction::Lower => match a.at(probe) {
                    Some(v) if v <= Q::ZERO => Ok(Vec::new()),
                    _ => capped(div(t, a)?),
                },
            }
        }
        // base − (excess ÷ step) × per, where the excess is positive.
        CScoring::Deduction(d) => {
            let past = if d.over {
                f(&d.subject)?.add(&f(&d.baseline)?.neg())?
            } else {
                f(&d.baseline)?.add(&f(&d.subject)?.neg())?
            };
            match past.at(probe) {
                Some(v) if v <= Q::ZERO => Ok(Vec::new()),
                Some(_) => {
                    let off = past.div(&f(&d.step)?)?.mul(&f(&d.per_step)?)?;
                    Ok(vec![f(&d.base)?.add(&off.neg())?])
                }
                None => Err(UnknownUse::Divisor),
            }
        }
        // Every arm that may fire: a superset of the steps is still exact.
        CScoring::Match { arms, .. } => arms
            .iter()
            .filter(|(_, e)| affine::reads_deep(c, e, x))
            .map(|(_, e)| f(e))
            .collect(),
        _ => Ok(Vec::new()),
    }
}

fn times(f: Frac, w: Q) -> Result<Frac, UnknownUse> {
    let k = |q: Q| q.mul(w).map_err(|_| UnknownUse::Overflow);
    Ok(Frac {
        a: k(f.a)?,
        b: k(f.b)?,
        ..f
    })
}

fn div(a: Frac, b: Frac) -> Result<Frac, UnknownUse> {
    a.div(&b)
}
