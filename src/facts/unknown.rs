//! Facts the document does not give (`"未取得"`, `"未填"`). Such a fact does
//! not stop scoring: it stands for every value its declaration and the
//! rubric's constraints allow, and the scorecard becomes exact ranges
//! (`super::partial`). Like a bound, a number is represented by one value
//! per cell between the constants the rules compare it with; a rule that
//! computes with it adds the breakpoints of `super::breaks` (exact for
//! affine uses and ratios of them), and any other use is E348, never a
//! guessed range.

use super::bounds::{self, Bound};
use crate::check::affine::Env;
use crate::check::interval::{cells, domain, Cell};
use crate::check::units::Unit;
use crate::check::{Checked, Slot, Ty};
use crate::diag::Msg;
use crate::eval::value::Value;
use rust_decimal::Decimal;

/// The words a form uses for a value it does not have.
pub const WORDS: [&str; 2] = ["未取得", "未填"];

/// Whether `text` marks the fact as unknown.
pub fn is_unknown(text: &str) -> bool {
    WORDS.contains(&text.trim())
}

/// The values that stand for everything fact `slot` may be, inside `bound`
/// when the document gives one (a bound scored alongside unknowns).
/// `extra` holds further constants where the admissible values may end (from
/// constraints among several facts, the others known); `env` gives the other
/// facts' values (`None` for those unknown too) for rules that compute with
/// `slot`, which `super::breaks` follows exactly or refuses.
#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
pub(super) fn samples(
    c: &Checked,
    slot: Slot,
    bound: Option<&Bound>,
    extra: &[Decimal],
    env: Env,
) -> Result<Vec<Value>, Msg> {
    let decl = &c.facts[slot as usize];
    let unit = match &decl.ty {
        Ty::Bool => return Ok(vec![Value::Bool(false), Value::Bool(true)]),
        Ty::Enum(e) => {
            let n = c.enums[*e as usize].variants.len();
            return Ok((0..n).map(|i| Value::Enum(i as u16)).collect());
        }
        Ty::Num(u) => *u,
        Ty::Text | Ty::Error => {
            return Err(Msg::BoundNotNumeric {
                fact: decl.name.clone(),
            })
        }
    };
    let mut line: Vec<Decimal> = bound.map(|b| b.value).into_iter().collect();
    line.extend_from_slice(extra);
    // Conditions that only compare the value with constants, and rows that
    // do not compute with it, are decided by one value per cell; anything
    // else needs the breakpoints of every rule that reads it.
    // A constraint on it that is not a comparison with constants (`执行数 ≤
    // 预算数 × 90%`, `执行数 × 2 ≤ 540 万元`) is decided by its pivots.
    let exotic = c.constraints.iter().any(|k| {
        crate::check::affine::reads_deep(c, &k.when, slot)
            && crate::check::interval::cuts(&k.when, slot, &mut Vec::new()).is_none()
            && cmp_cuts(&k.when, slot, env, &mut Vec::new()).is_none()
    });
    let compared_only = !exotic
        && bounds::inexact_use(c, slot, &mut line).is_none()
        && !c.indicators.iter().any(|ind| {
            ind.rows
                .iter()
                .any(|r| bounds::scoring_reads(c, &r.result, slot))
        });
    let dom = domain(c, slot, &mut line);
    let values: Vec<Decimal> = if compared_only {
        cells(line)
            .into_iter()
            .filter_map(|cell| sample(cell, unit))
            .collect()
    } else {
        super::breaks::candidates(c, slot, env, &line, unit).map_err(|(indicator, why)| {
            Msg::UnknownInexact {
                fact: decl.name.clone(),
                indicator,
                why,
            }
        })?
    };
    let out: Vec<Value> = values
        .into_iter()
        .filter(|&x| {
            bound.is_none_or(|b| b.admits(x))
                && dom.admits(slot, x)
                && bounds::declared_ok(c, slot, x)
        })
        .map(Value::Num)
        .collect();
    if out.is_empty() {
        return Err(Msg::BoundEmpty {
            fact: decl.name.clone(),
            bound: bound
                .map(|b| b.text.clone())
                .unwrap_or_else(|| WORDS[0].into()),
        });
    }
    Ok(out)
}

/// A value inside `cell` the fact may take: a count is whole and never
/// negative, so a cell without such a value has none.
fn sample(cell: Cell, unit: Unit) -> Option<Decimal> {
    if !unit.is_count() {
        return Some(cell.sample(unit));
    }
    match cell {
        Cell::Point(p) => (p >= Decimal::ZERO && p.fract().is_zero()).then_some(p),
        Cell::Open(a, b) => {
            let n = a
                .map(|a| a.floor() + Decimal::ONE)
                .unwrap_or(Decimal::ZERO)
                .max(Decimal::ZERO);
            b.is_none_or(|b| n < b).then_some(n)
        }
    }
}

/// The constants at which a constraint among several facts may change truth
/// as `slot` varies, the other facts known: `约束 甲 ≤ 乙` with 乙 = 50 cuts
/// 甲 at 50, so every cell lies wholly inside or outside what it admits and
/// filtering combinations by the constraints is exact. One that computes
/// with `slot` adds nothing here: [`samples`] then takes the breakpoint path,
/// which cuts at its pivots. `Err` when it reads another unknown fact.
pub(super) fn constraint_cuts(
    c: &Checked,
    set: &crate::eval::FactSet,
    slot: Slot,
    unknown: &[Slot],
) -> Result<Vec<Decimal>, ()> {
    let n = c.facts.len();
    let env = |s: Slot| {
        let i = s as usize;
        if i < n && !unknown.contains(&s) {
            set.values[i].or(c.facts[i].default)
        } else {
            None
        }
    };
    let mut out = Vec::new();
    for k in &c.constraints {
        let ins = super::constraints::inputs(c, &k.when);
        if !ins.contains(&slot) || ins.iter().all(|&s| s == slot) {
            continue;
        }
        if ins.iter().any(|&s| s != slot && unknown.contains(&s)) {
            return Err(());
        }
        // `None`: it computes with `slot`; its pivots decide it (`samples`).
        let _ = cmp_cuts(&k.when, slot, &env, &mut out);
    }
    Ok(out)
}

fn cmp_cuts(
    e: &crate::check::CExpr,
    slot: Slot,
    env: &dyn Fn(Slot) -> Option<Value>,
    out: &mut Vec<Decimal>,
) -> Option<()> {
    use crate::check::CKind;
    let mut slots = Vec::new();
    e.slots(&mut slots);
    if !slots.contains(&slot) && slots.iter().all(|&s| env(s).is_some()) {
        return Some(());
    }
    let term = |t: &crate::check::CExpr, out: &mut Vec<Decimal>| -> Option<()> {
        if matches!(t.kind, CKind::Slot(s) if s == slot) {
            return Some(());
        }
        let mut ts = Vec::new();
        t.slots(&mut ts);
        if ts.contains(&slot) {
            return None;
        }
        match crate::check::interval::eval_in(t, env)? {
            Value::Num(d) => {
                out.push(d);
                Some(())
            }
            _ => None,
        }
    };
    match &e.kind {
        CKind::And(a, b) | CKind::Or(a, b) => {
            cmp_cuts(a, slot, env, out)?;
            cmp_cuts(b, slot, env, out)
        }
        CKind::Not(a) => cmp_cuts(a, slot, env, out),
        CKind::Cmp(first, rest) => {
            term(first, out)?;
            rest.iter().try_for_each(|(_, t)| term(t, out))
        }
        CKind::Between { x, lo, hi, .. } => {
            term(x, out)?;
            term(lo, out)?;
            term(hi, out)
        }
        _ => None,
    }
}
