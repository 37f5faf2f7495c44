//! Reading a `:goal` argument: `目标 by 名 [精度 值]`, where the target is
//! `总分 >= 90`, `等级 = 优` or `指标名 >= 分数`.

use super::goal::{Goal, Target};
use crate::check::Checked;
use crate::diag::Msg;
use crate::syntax::ast::CmpOp;
use rust_decimal::Decimal;

#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
/// Read `目标 by 名 [精度 值]`.
pub fn parse(c: &Checked, text: &str) -> Result<Goal, Msg> {
    let bad = || Msg::BadGoal {
        target: text.trim().to_string(),
    };
    let (target, rest) = split_by(text).ok_or_else(bad)?;
    let mut words = rest.split_whitespace();
    let name = words.next().ok_or_else(bad)?;
    let slot = match c.fact_slot(name) {
        Some(s) => s,
        None if c.slot_named(name).is_some() => return Err(Msg::NotAnInput { name: name.into() }),
        None => return Err(Msg::UnknownFact { name: name.into() }),
    };
    let step = match (words.next(), words.collect::<Vec<_>>().join(" ")) {
        (None, _) => None,
        (Some("精度" | "step"), v) if !v.is_empty() => {
            let decl = &c.facts[slot as usize];
            let h = crate::facts::parse_value(&crate::facts::RawValue::Text(v), decl, c)?.num();
            if h <= Decimal::ZERO {
                return Err(bad());
            }
            Some(h)
        }
        _ => return Err(bad()),
    };
    Ok(Goal {
        target: parse_target(c, target).ok_or_else(bad)??,
        slot,
        step,
    })
}

pub(super) fn split_by(text: &str) -> Option<(&str, &str)> {
    for sep in [" by ", "通过", " 由 "] {
        if let Some(i) = text.rfind(sep) {
            return Some((&text[..i], &text[i + sep.len()..]));
        }
    }
    None
}

const OPS: [(&str, CmpOp); 14] = [
    (">=", CmpOp::Ge),
    ("≥", CmpOp::Ge),
    ("＞＝", CmpOp::Ge),
    ("<=", CmpOp::Le),
    ("≤", CmpOp::Le),
    ("＜＝", CmpOp::Le),
    ("==", CmpOp::Eq),
    ("=", CmpOp::Eq),
    ("＝", CmpOp::Eq),
    (">", CmpOp::Gt),
    ("＞", CmpOp::Gt),
    ("<", CmpOp::Lt),
    ("＜", CmpOp::Lt),
    ("达到", CmpOp::Ge),
];

/// `None`: not understood; `Some(Err)`: a name that does not exist.
pub(super) fn parse_target(c: &Checked, t: &str) -> Option<Result<Target, Msg>> {
    let (i, op_text, op) = OPS
        .iter()
        .filter_map(|(s, op)| t.find(s).map(|i| (i, *s, *op)))
        .min_by_key(|(i, s, _)| (*i, usize::MAX - s.len()))?;
    let lhs = t[..i].trim();
    let rhs = t[i + op_text.len()..].trim();
    let number = || rhs.trim_end_matches('分').trim().parse::<Decimal>().ok();
    Some(Ok(match lhs {
        "总分" | "total" => Target::Total(op, number()?),
        "等级" | "grade" => match c.grades.iter().position(|g| g.name == rhs) {
            Some(g) => Target::Grade(op, g),
            None => return Some(Err(Msg::UnknownGrade { name: rhs.into() })),
        },
        name => match c.indicator_named(name) {
            Some(id) => Target::Indicator(id, op, number()?),
            None => return Some(Err(Msg::UnknownIndicator { name: name.into() })),
        },
    }))
}
