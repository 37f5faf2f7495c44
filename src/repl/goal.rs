//! `:goal`: the values of one input that reach a target, solved exactly on
//! a grid of declared precision (0.01% for rates, 0.01 万元 for money shown
//! in 万元, 1 for counts…).
//!
//! Scores are piecewise in one input: between two breakpoints (see
//! [`super::pivots`]) every row choice is fixed and each score is a monotone
//! function of the input, so whether the target holds changes at most once.
//! The solver evaluates the target exactly at the grid points next to every
//! breakpoint, then bisects on the grid wherever two neighbouring points
//! disagree. Breakpoints are exact fractions (see [`super::pivots`]) snapped
//! to the grid exactly; no floating point and no rounded quotient is involved. The one assumption: within a
//! piece, the input does not raise one score while lowering another.

use super::pivots::{self, Probe};
use crate::check::units::{Show, Unit};
use crate::check::{Checked, IndId, Slot, Ty};
use crate::diag::{Diagnostic, Msg};
use crate::eval::value::Value;
use crate::eval::{Env, FactSet, Scorecard};
use crate::num::Q;
use crate::syntax::ast::CmpOp;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub use super::target::parse;

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Total(CmpOp, Decimal),
    /// Grades run from best (0) to worst; `>=` means this grade or better.
    Grade(CmpOp, usize),
    Indicator(IndId, CmpOp, Decimal),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub target: Target,
    pub slot: Slot,
    /// The grid; `None` for the default of the input's unit.
    pub step: Option<Decimal>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalAnswer {
    /// The input's value now, if given.
    pub now: Option<Value>,
    pub now_met: bool,
    /// Numeric inputs: the grid intervals where the target holds, ascending.
    pub runs: Vec<(Decimal, Decimal)>,
    pub lo: Decimal,
    pub hi: Decimal,
    pub step: Decimal,
    /// Other inputs: each value and whether it reaches the target.
    pub values: Vec<(Value, bool)>,
    /// The best of the target's measure seen, and where (when unreachable).
    pub best: Option<(Value, Decimal)>,
    /// False when the input changes nothing the target looks at.
    pub affected: bool,
    /// The target may flip beyond the searched range (a threshold too far
    /// for the grid), so "unreachable" is not known.
    pub beyond: bool,
    /// Some values failed to score (they count as misses).
    pub errors: bool,
    /// How many times the rubric was scored.
    pub evaluations: usize,
}

impl Target {
    pub fn met(&self, card: &Scorecard) -> bool {
        let cmp = |op: CmpOp, a: Decimal, b: Decimal| crate::eval::arith::compare(op, a, b);
        match self {
            Target::Total(op, v) => cmp(*op, card.total, *v),
            // Reversed: a smaller index is a better grade.
            Target::Grade(op, g) => cmp(*op, Decimal::from(*g), Decimal::from(card.grade)),
            Target::Indicator(id, op, v) => cmp(*op, card.indicators[*id as usize].score, *v),
        }
    }

    /// The measure the target compares, larger is better.
    pub fn measure(&self, card: &Scorecard) -> Decimal {
        match self {
            Target::Total(..) => card.total,
            // The total, not the grade: a total that moves within one band is
            // still an input that matters, and the best total says how far off it is.
            Target::Grade(..) => card.total,
            Target::Indicator(id, ..) => card.indicators[*id as usize].score,
        }
    }
}

/// The default grid of a unit: 0.01% for rates, 0.01 of the display scale
/// for money, 1 for counts, 0.01 otherwise.
pub fn default_step(unit: Unit) -> Decimal {
    match unit.show {
        Show::Percent => Decimal::new(1, 4),
        Show::Money(scale) => Decimal::new(1, 2) * scale.factor(),
        Show::Plain if !unit.dim.is_none() && !unit.dim.is_score() => Decimal::ONE,
        Show::Plain => Decimal::new(1, 2),
    }
}

struct Scorer<'a> {
    c: &'a Checked,
    /// The rubric's constraints on this input alone (see [`crate::facts::constraints_on`]).
    domain: Option<Checked>,
    /// Some values were outside what the constraints allow.
    forbidden: bool,
    facts: FactSet,
    slot: Slot,
    target: &'a Target,
    env: Env,
    seen: BTreeMap<Decimal, (bool, Option<Decimal>)>,
    errors: bool,
    first_error: Option<Box<Diagnostic>>,
    evaluations: usize,
}

impl Scorer<'_> {
    fn at_value(&mut self, v: Value) -> (bool, Option<Decimal>) {
        self.facts.values[self.slot as usize] = Some(v);
        // A value the rubric's constraints forbid is no answer.
        if let Some(d) = &self.domain {
            if !crate::facts::check_constraints(d, &self.facts).is_empty() {
                self.forbidden = true;
                return (false, None);
            }
        }
        self.evaluations += 1;
        match crate::eval::score_in(self.c, &self.facts, &mut self.env) {
            Ok(card) => (self.target.met(&card), Some(self.target.measure(&card))),
            Err(d) => {
                self.errors = true;
                self.first_error.get_or_insert(d);
                (false, None)
            }
        }
    }

    fn at(&mut self, x: Decimal) -> bool {
        if let Some(r) = self.seen.get(&x) {
            return r.0;
        }
        let r = self.at_value(Value::Num(x));
        self.seen.insert(x, r);
        r.0
    }
}

pub fn solve(c: &Checked, facts: &FactSet, goal: &Goal) -> Result<GoalAnswer, Box<Diagnostic>> {
    let decl = &c.facts[goal.slot as usize];
    let now = facts.values[goal.slot as usize].or(decl.default);
    // Every other input must be known, or no value of this one scores.
    for (i, f) in c.facts.iter().enumerate() {
        if i != goal.slot as usize && facts.values[i].or(f.default).is_none() {
            let expected = crate::facts::type_name(&f.ty, c);
            return Err(Box::new(
                Diagnostic::new(Msg::MissingFact {
                    name: f.name.clone(),
                    expected,
                })
                .at(f.span),
            ));
        }
    }
    let domain = crate::facts::constraints_on(c, goal.slot);
    let mut s = Scorer {
        c,
        domain: (!domain.constraints.is_empty()).then_some(domain),
        forbidden: false,
        facts: facts.clone(),
        slot: goal.slot,
        target: &goal.target,
        env: Env::new(c.slot_count()),
        seen: BTreeMap::new(),
        errors: false,
        first_error: None,
        evaluations: 0,
    };
    let mut ans = GoalAnswer {
        now,
        affected: true,
        ..GoalAnswer::default()
    };
    let Ty::Num(unit) = decl.ty else {
        let all: Vec<Value> = match decl.ty {
            Ty::Bool => vec![Value::Bool(true), Value::Bool(false)],
            Ty::Enum(e) => (0..c.enums[e as usize].variants.len() as u16)
                .map(Value::Enum)
                .collect(),
            _ => Vec::new(),
        };
        let mut measures = Vec::new();
        for v in all {
            let (met, m) = s.at_value(v);
            ans.values.push((v, met));
            measures.extend(m.map(|m| (v, m)));
        }
        ans.now_met = now.is_some_and(|n| ans.values.iter().any(|&(v, m)| v == n && m));
        if measures.is_empty() {
            return Err(s.first_error.take().unwrap_or_else(|| {
                Box::new(Diagnostic::new(Msg::Overflow {
                    indicator: decl.name.clone(),
                }))
            }));
        }
        finish(&mut ans, measures, &s);
        return Ok(ans);
    };
    let h = goal
        .step
        .filter(|h| *h > Decimal::ZERO)
        .unwrap_or_else(|| default_step(unit));
    let x0 = now.map(|v| v.num()).unwrap_or(Decimal::ZERO);
    // Keeps every grid index and product below Decimal's 28 digits.
    let big = Decimal::from(1_000_000_000_000i64);
    if x0.abs() > big || h < Decimal::new(1, 8) || h > big {
        return Err(too_big(decl));
    }
    let scale = (x0.abs() / Decimal::TWO).max(h * Decimal::from(1000));
    let probe = Probe {
        c,
        facts,
        slot: goal.slot,
    };
    let mut exact_roots: Vec<Q> = Vec::new();
    for p in pivots::collect(c) {
        exact_roots.extend(probe.roots(&p, x0, scale, h));
    }
    // Search as far as the grid can count (a threshold of 20000 万元 from
    // 0 万元 is found); a crossing farther out is reported, not dropped.
    let reach = (h * Decimal::from(100_000_000_000_000i64)).min(big * Decimal::from(1000));
    let before = exact_roots.len();
    exact_roots.retain(|r| r.abs() <= Q::from_dec(reach));
    ans.beyond = exact_roots.len() < before;
    // Each root by the grid point at or below it, found exactly (a root of
    // 预算 / 3 is never moved across a grid point by rounding the quotient).
    let roots: Vec<Decimal> = exact_roots
        .iter()
        .filter_map(|&r| grid_floor(r, h))
        .collect();
    let (min, max) = roots.iter().fold(
        (x0.min(Decimal::ZERO), x0.max(Decimal::ZERO)),
        |(a, b), r| (a.min(*r), b.max(*r)),
    );
    let floor_lo = if decl.positive || decl.nonzero {
        h
    } else {
        Decimal::ZERO
    };
    // Counts (人, 家, 次 …) are never negative.
    let negative_ok = floor_lo.is_zero() && !unit.is_count();
    let lo = if min < Decimal::ZERO && negative_ok {
        snap_down(min - scale, h)
    } else {
        floor_lo
    };
    // A crossing below what the declaration allows (a count under 0) is no
    // answer, but the input does matter.
    s.forbidden |= exact_roots.iter().any(|r| *r < Q::from_dec(lo));
    let hi = snap_up(max + max.abs().max(scale), h);
    if (hi - lo) / h > Decimal::from(1_000_000_000_000_000i64) {
        return Err(too_big(decl));
    }
    ans.lo = lo;
    ans.hi = hi;
    ans.step = h;
    let mut points = vec![lo, hi];
    if now.is_some() && x0 >= lo && x0 <= hi {
        points.push(x0);
    }
    for k in roots {
        for d in [-1i64, 0, 1, 2] {
            let p = k + h * Decimal::from(d);
            if p >= lo && p <= hi {
                points.push(p);
            }
        }
    }
    points.sort();
    points.dedup();
    for &p in &points {
        s.at(p);
    }
    for w in points.windows(2) {
        if s.at(w[0]) != s.at(w[1]) {
            bisect(&mut s, w[0], w[1], h);
        }
    }
    // Outside the searched range `now` is scored but kept out of the runs.
    ans.now_met = match now {
        Some(_) if x0 >= lo && x0 <= hi => s.at(x0),
        Some(v) => s.at_value(v).0,
        None => false,
    };
    let mut run: Option<(Decimal, Decimal)> = None;
    for (&x, &(met, _)) in &s.seen {
        match (met, run.as_mut()) {
            (true, Some(r)) => r.1 = x,
            (true, None) => run = Some((x, x)),
            (false, Some(_)) => ans.runs.extend(run.take()),
            (false, None) => {}
        }
    }
    ans.runs.extend(run);
    let measures: Vec<(Value, Decimal)> = s
        .seen
        .iter()
        .filter_map(|(x, (_, m))| m.map(|m| (Value::Num(*x), m)))
        .collect();
    if measures.is_empty() {
        // No value of this input scores at all: the reason is the scoring error.
        if let Some(d) = s.first_error.take() {
            return Err(d);
        }
    }
    finish(&mut ans, measures, &s);
    Ok(ans)
}

fn too_big(decl: &crate::check::FactDecl) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(Msg::Overflow {
            indicator: decl.name.clone(),
        })
        .at(decl.span),
    )
}

fn finish(ans: &mut GoalAnswer, measures: Vec<(Value, Decimal)>, s: &Scorer<'_>) {
    // Values the constraints forbid change what is reachable, though not the score.
    ans.affected = measures.windows(2).any(|w| w[0].1 != w[1].1)
        || (s.errors && !measures.is_empty())
        || s.forbidden;
    ans.best = measures
        .into_iter()
        .fold(None, |b: Option<(Value, Decimal)>, (v, m)| match b {
            Some((_, bm)) if bm >= m => b,
            _ => Some((v, m)),
        });
    ans.errors = s.errors;
    ans.evaluations = s.evaluations;
}

/// Find where the target flips between `a` and `b` (a < b): the last grid
/// point agreeing with `a` and the first agreeing with `b` get evaluated.
fn bisect(s: &mut Scorer<'_>, a: Decimal, b: Decimal, h: Decimal) {
    let want = s.at(a);
    // Grid points strictly inside (a, b), by index.
    let first = snap_down(a, h) + h;
    let last = snap_up(b, h) - h;
    if first > last {
        return;
    }
    let n = ((last - first) / h).round().to_i64_or_zero();
    let pt = |i: i64| first + h * Decimal::from(i);
    // Invariant: P(left) == want, P(right) != want; -1 is a, n + 1 is b.
    let (mut left, mut right) = (-1i64, n + 1);
    while right - left > 1 {
        let mid = left + (right - left) / 2;
        if s.at(pt(mid)) == want {
            left = mid;
        } else {
            right = mid;
        }
    }
}

trait ToI64 {
    fn to_i64_or_zero(self) -> i64;
}

impl ToI64 for Decimal {
    fn to_i64_or_zero(self) -> i64 {
        i64::try_from(self).unwrap_or(0)
    }
}

/// The grid point at or below `x`, exactly (`None` beyond a decimal).
fn grid_floor(x: Q, h: Decimal) -> Option<Decimal> {
    let (i, _) = x.div(Q::from_dec(h)).ok()?.floor().parts();
    Decimal::try_from_i128_with_scale(i, 0).ok()?.checked_mul(h)
}

fn snap_down(x: Decimal, h: Decimal) -> Decimal {
    grid_floor(Q::from_dec(x), h).unwrap_or(x)
}

fn snap_up(x: Decimal, h: Decimal) -> Decimal {
    let Ok(r) = Q::from_dec(x).div(Q::from_dec(h)) else {
        return x;
    };
    let (i, _) = r.ceil().parts();
    Decimal::try_from_i128_with_scale(i, 0)
        .ok()
        .and_then(|i| i.checked_mul(h))
        .unwrap_or(x)
}
