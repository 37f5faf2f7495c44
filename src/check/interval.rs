//! Exact reasoning about one numeric value against constant thresholds.
//!
//! A condition such as `x 在 90%（含）和 95% 之间` or `|x| ≤ 5%` only changes
//! truth at its constants. Cutting the number line at every constant of a
//! table gives finitely many cells — each constant as a point and the open
//! intervals between them — on which every condition is constant, so testing
//! one sample per cell decides the whole line: a proof, not sampling.

use super::units::{Show, Unit};
use super::{CExpr, CKind, Checked, Slot};
use crate::num::Value;
use crate::syntax::ast::{BinOp, Func};
use rust_decimal::Decimal;

/// A piece of the number line on which every condition of a table is constant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Point(Decimal),
    /// An open interval; `None` is unbounded on that side.
    Open(Option<Decimal>, Option<Decimal>),
}

impl Cell {
    /// A representative value, chosen as a round number in the unit people
    /// write (101% rather than 100.5%), so that witnesses read naturally.
    pub fn sample(&self, unit: Unit) -> Decimal {
        let scale = if unit.show == Show::Percent {
            Decimal::ONE_HUNDRED
        } else {
            Decimal::ONE
        };
        let (a, b) = match *self {
            Cell::Point(p) => return p,
            Cell::Open(a, b) => (a, b),
        };
        // Near the limits of `Decimal` the round number may not exist; any
        // value strictly inside the cell will do there.
        let round = || {
            let (a, b) = (
                a.map(|x| x.checked_mul(scale)),
                b.map(|x| x.checked_mul(scale)),
            );
            let v = match (a, b) {
                (None, None) => Some(Decimal::ZERO),
                (None, Some(b)) => {
                    let b = b?;
                    let f = b.floor();
                    if f >= b {
                        f.checked_sub(Decimal::ONE)
                    } else {
                        Some(f)
                    }
                }
                (Some(a), None) => a?.floor().checked_add(Decimal::ONE),
                (Some(a), Some(b)) => simplest_between(a?, b?),
            };
            v?.checked_div(scale)
        };
        round().unwrap_or_else(|| match (a, b) {
            (Some(a), Some(b)) => a / Decimal::TWO + b / Decimal::TWO,
            (Some(a), None) => a.checked_add(Decimal::ONE).unwrap_or(a),
            (None, Some(b)) => b.checked_sub(Decimal::ONE).unwrap_or(b),
            (None, None) => Decimal::ZERO,
        })
    }

    /// Like [`Cell::sample`], but a round number next to the upper (or
    /// lower) end: for `＜40%`, 39% reads better than 1%.
    pub fn sample_toward(&self, unit: Unit, high: bool) -> Decimal {
        let x = match (*self, high) {
            (Cell::Open(a, Some(b)), true) => Cell::Open(None, Some(b))
                .sample(unit)
                .max(a.unwrap_or(Decimal::MIN)),
            (Cell::Open(Some(a), b), false) => Cell::Open(Some(a), None)
                .sample(unit)
                .min(b.unwrap_or(Decimal::MAX)),
            _ => return self.sample(unit),
        };
        match *self {
            Cell::Open(a, b) if a.is_none_or(|a| x > a) && b.is_none_or(|b| x < b) => x,
            _ => self.sample(unit),
        }
    }

    /// The cell as written: a value or an open interval.
    pub fn text(&self, unit: Unit) -> String {
        match *self {
            Cell::Point(p) => short(p, unit),
            Cell::Open(a, b) => format!(
                "({}, {})",
                a.map(|x| short(x, unit)).unwrap_or_else(|| "-∞".into()),
                b.map(|x| short(x, unit)).unwrap_or_else(|| "+∞".into())
            ),
        }
    }
}

/// The decimal with fewest places strictly between `a < b`.
fn simplest_between(a: Decimal, b: Decimal) -> Option<Decimal> {
    let mut step = Decimal::ONE;
    for _ in 0..12 {
        let c = a
            .checked_div(step)?
            .floor()
            .checked_mul(step)?
            .checked_add(step)?;
        if c < b {
            return Some(c.normalize());
        }
        step /= Decimal::TEN;
    }
    Some(a / Decimal::TWO + b / Decimal::TWO)
}

/// A quantity as its author writes it: `100%`, `0.5%`, `6702 万元`.
pub fn short(d: Decimal, unit: Unit) -> String {
    if unit.show == Show::Percent {
        match d.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => format!("{}%", p.normalize()),
            None => d.normalize().to_string(),
        }
    } else {
        super::show::quantity(d, unit)
    }
}

/// Cut the line at `cuts` (sorted, deduplicated here).
pub fn cells(mut cuts: Vec<Decimal>) -> Vec<Cell> {
    cuts.sort();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() * 2 + 1);
    let mut prev: Option<Decimal> = None;
    for &c in &cuts {
        out.push(Cell::Open(prev, Some(c)));
        out.push(Cell::Point(c));
        prev = Some(c);
    }
    out.push(Cell::Open(prev, None));
    out
}

/// The constants at which `e` may change truth as `slot` varies, or `None`
/// when `e` is not a comparison of `slot` (or `|slot|`) with constants.
pub fn cuts(e: &CExpr, slot: Slot, out: &mut Vec<Decimal>) -> Option<()> {
    // A part that does not read the value is constant as the value varies.
    if !reads(e, slot) {
        return Some(());
    }
    match &e.kind {
        CKind::And(a, b) | CKind::Or(a, b) => {
            cuts(a, slot, out)?;
            cuts(b, slot, out)
        }
        CKind::Not(a) => cuts(a, slot, out),
        CKind::Const(Value::Bool(_)) => Some(()),
        CKind::Cmp(first, rest) => {
            let mut terms = vec![first.as_ref()];
            terms.extend(rest.iter().map(|(_, e)| e));
            for t in terms {
                operand(t, slot, out)?;
            }
            Some(())
        }
        CKind::Between { x, lo, hi, .. } => {
            operand(x, slot, out)?;
            operand(lo, slot, out)?;
            operand(hi, slot, out)
        }
        _ => None,
    }
}

/// One side of a comparison: the variable, its absolute value, or a constant.
fn operand(e: &CExpr, slot: Slot, out: &mut Vec<Decimal>) -> Option<()> {
    if let Some(Value::Num(c)) = eval(e, slot, None) {
        out.push(c);
        out.push(-c);
        return Some(());
    }
    match &e.kind {
        CKind::Slot(s) if *s == slot => Some(()),
        CKind::Call(Func::Abs, args)
            if args.len() == 1 && matches!(args[0].kind, CKind::Slot(s) if s == slot) =>
        {
            Some(())
        }
        _ => None,
    }
}

/// Whether `e` reads `slot` directly.
pub fn reads(e: &CExpr, slot: Slot) -> bool {
    let mut slots = Vec::new();
    e.slots(&mut slots);
    slots.contains(&slot)
}

/// Evaluate `e` with `slot` bound to `x` (`None`: unbound, so only constant
/// expressions evaluate). Exact; `None` for anything outside that fragment.
pub fn eval(e: &CExpr, slot: Slot, x: Option<Decimal>) -> Option<Value> {
    eval_in(e, &|s| if s == slot { x.map(Value::Num) } else { None })
}

/// Evaluate `e` with the slots `env` binds (numbers, yes/no, variants);
/// `None` where it reads an unbound slot or leaves the exact fragment.
pub fn eval_in(e: &CExpr, env: &dyn Fn(Slot) -> Option<Value>) -> Option<Value> {
    let num = |e: &CExpr| match eval_in(e, env) {
        Some(Value::Num(d)) => Some(d),
        _ => None,
    };
    let truth = |e: &CExpr| match eval_in(e, env) {
        Some(Value::Bool(b)) => Some(b),
        _ => None,
    };
    Some(match &e.kind {
        CKind::Const(v) => *v,
        CKind::Slot(s) => env(*s)?,
        // Yes/no and variants compare by equality only (checked).
        CKind::Cmp(first, rest)
            if rest.len() == 1 && !matches!(eval_in(first, env)?, Value::Num(_)) =>
        {
            let (a, (op, b)) = (eval_in(first, env)?, &rest[0]);
            let b = eval_in(b, env)?;
            match op {
                crate::syntax::ast::CmpOp::Eq => Value::Bool(a == b),
                crate::syntax::ast::CmpOp::Ne => Value::Bool(a != b),
                _ => return None,
            }
        }
        CKind::Neg(a) => Value::Num(-num(a)?),
        CKind::Bin(op, a, b) => {
            let (a, b) = (num(a)?, num(b)?);
            Value::Num(match op {
                BinOp::Add => a.checked_add(b)?,
                BinOp::Sub => a.checked_sub(b)?,
                BinOp::Mul => a.checked_mul(b)?,
                BinOp::Div => a.checked_div(b)?,
            })
        }
        CKind::Cmp(first, rest) => {
            let mut prev = num(first)?;
            let mut all = true;
            for (op, r) in rest {
                let r = num(r)?;
                all &= compare(*op, prev, r);
                prev = r;
            }
            Value::Bool(all)
        }
        CKind::Between {
            x: v,
            lo,
            hi,
            lo_incl,
            hi_incl,
        } => {
            let (v, lo, hi) = (num(v)?, num(lo)?, num(hi)?);
            let above = if *lo_incl { v >= lo } else { v > lo };
            let below = if *hi_incl { v <= hi } else { v < hi };
            Value::Bool(above && below)
        }
        CKind::And(a, b) => Value::Bool(truth(a)? && truth(b)?),
        CKind::Or(a, b) => Value::Bool(truth(a)? || truth(b)?),
        CKind::Not(a) => Value::Bool(!truth(a)?),
        CKind::Call(Func::Abs, args) if args.len() == 1 => Value::Num(num(&args[0])?.abs()),
        CKind::Call(Func::Min, args) => Value::Num(
            args.iter()
                .map(num)
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .min()?,
        ),
        CKind::Call(Func::Max, args) => Value::Num(
            args.iter()
                .map(num)
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .max()?,
        ),
        CKind::Call(..) => return None,
    })
}

use crate::num::compare;

/// Where the value can lie: the rubric's constraints that read only this
/// slot (a percentage's `≥ 0` is one of them, added by `floors` unless the
/// rubric reads the rate as signed); failing those, `> 0` for 正数 inputs.
/// Their constants join the cut points, so the domain is decided exactly
/// too. The lints, bounds and partial documents thus reason over exactly the
/// values the facts reader admits.
pub struct Domain<'a> {
    conds: Vec<&'a CExpr>,
    /// `Some(strict)`: the value is at least (strict: above) zero.
    floor: Option<bool>,
}

impl Domain<'_> {
    pub fn admits(&self, slot: Slot, x: Decimal) -> bool {
        let floor = match self.floor {
            Some(true) => x > Decimal::ZERO,
            Some(false) => x >= Decimal::ZERO,
            None => true,
        };
        floor
            && self
                .conds
                .iter()
                .all(|k| eval(k, slot, Some(x)) == Some(Value::Bool(true)))
    }
}

pub fn domain<'a>(c: &'a Checked, slot: Slot, line: &mut Vec<Decimal>) -> Domain<'a> {
    let mut conds = Vec::new();
    for k in &c.constraints {
        if k.when.reads_only(slot) && cuts(&k.when, slot, line).is_some() {
            conds.push(&k.when);
        }
    }
    let mut floor = None;
    if conds.is_empty() {
        line.push(Decimal::ZERO);
        let fact = c.facts.get(slot as usize);
        if fact.is_some_and(|f| f.positive) {
            floor = Some(true);
        }
    }
    Domain { conds, floor }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn samples_are_round_numbers_in_the_written_unit() {
        assert_eq!(
            Cell::Open(Some(d("1")), None).sample(Unit::PERCENT),
            d("1.01")
        );
        assert_eq!(
            Cell::Open(Some(d("0.95")), Some(d("1"))).sample(Unit::PERCENT),
            d("0.96")
        );
        assert_eq!(
            Cell::Open(None, Some(d("0.7"))).sample(Unit::PERCENT),
            d("0.69")
        );
        assert_eq!(
            Cell::Open(Some(d("0.999")), Some(d("1"))).sample(Unit::PERCENT),
            d("0.9991")
        );
    }

    #[test]
    fn cells_alternate_points_and_open_intervals() {
        let c = cells(vec![d("1"), d("0"), d("1")]);
        assert_eq!(c.len(), 5);
        assert_eq!(c[1], Cell::Point(d("0")));
        assert_eq!(c[4], Cell::Open(Some(d("1")), None));
    }
}
