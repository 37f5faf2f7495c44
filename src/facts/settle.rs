//! The one meaning of a fact, whatever brought it: a facts file, a CSV
//! cell, a JSON line, a `diff` unit or the REPL's `:set`. Every source reads
//! each value with [`read_value`] (the declaration's type, unit, 正数/非零,
//! or a bound such as `"＜40%"`) and then hands the whole fact set to
//! [`settle`] (defaults, `约束` constraints, bounds). A source adds only how
//! it finds values and how it reports a missing one.

use super::bounds::{self, Bound};
use super::unknown;
use super::{constraints, parse_value, type_name, RawValue};
use crate::check::{Checked, FactDecl, Slot, Ty};
use crate::diag::{Diagnostic, Diagnostics, Msg, Note};
use crate::eval::value::Value;
use crate::eval::FactSet;
use crate::syntax::Span;

/// One value read against its declaration.
#[derive(Clone, Debug)]
pub enum Read {
    /// The fact itself (numbers in base units).
    Exact(Value),
    /// Only a bound is known; [`settle`] decides whether it fixes the score.
    Bound(Bound),
    /// Marked unknown (`"未取得"`): scored as ranges over what it may be.
    Unknown,
}

/// Read one written value for input `slot`. `span` is where it was written,
/// when the source has positions.
#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
pub fn read_value(
    raw: &RawValue,
    slot: Slot,
    c: &Checked,
    span: Option<Span>,
) -> Result<Read, Msg> {
    let decl = &c.facts[slot as usize];
    // A text fact may well start with `<` or say 未填; only other types read
    // bounds and unknowns.
    if decl.ty != Ty::Text {
        if let RawValue::Text(t) = raw {
            if unknown::is_unknown(t) {
                return Ok(Read::Unknown);
            }
        }
        if let Some((op, rest)) = bounds::split(raw) {
            // 正数/非零 speak of the fact, not of the bound's edge: "＞0%" is a
            // fine bound for a positive fact. The resolver applies them.
            let edge = FactDecl {
                positive: false,
                nonzero: false,
                ..decl.clone()
            };
            return match parse_value(&rest, &edge, c)? {
                Value::Num(value) => Ok(Read::Bound(Bound {
                    slot,
                    op,
                    value,
                    text: raw.to_text().trim().to_string(),
                    span,
                })),
                _ => Err(Msg::BoundNotNumeric {
                    fact: decl.name.clone(),
                }),
            };
        }
    }
    parse_value(raw, decl, c).map(Read::Exact)
}

/// Read one value into `set` (or `bounds`), keeping a text fact's words.
#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
pub fn put(
    c: &Checked,
    set: &mut FactSet,
    bounds: &mut Vec<Bound>,
    slot: Slot,
    raw: &RawValue,
    span: Option<Span>,
) -> Result<(), Msg> {
    let read = read_value(raw, slot, c, span)?;
    set.unknown.retain(|u| u.slot != slot);
    match read {
        Read::Unknown => {
            set.values[slot as usize] = None;
            set.spans[slot as usize] = span;
            bounds.retain(|x| x.slot != slot);
            set.unknown.push(crate::eval::Unknown {
                slot,
                text: raw.to_text().trim().to_string(),
                samples: Vec::new(),
            });
        }
        Read::Exact(v) => {
            if c.facts[slot as usize].ty == Ty::Text {
                set.texts[slot as usize] = Some(raw.to_text());
            }
            set.set(slot, v, span);
        }
        Read::Bound(b) => {
            // The bound's own value stands in until `settle` picks one.
            set.set(slot, Value::Num(b.value), span);
            bounds.retain(|x| x.slot != slot);
            bounds.push(b);
        }
    }
    Ok(())
}

/// A value's error as a diagnostic: at the value, with the declaration beside it.
pub fn value_error(c: &Checked, slot: Slot, msg: Msg, span: Option<Span>) -> Diagnostic {
    let decl = &c.facts[slot as usize];
    let d = Diagnostic::new(msg);
    match span {
        Some(s) => d
            .at(s)
            .label(decl.span, Note::Declared(type_name(&decl.ty, c))),
        None => d,
    }
}

/// Check a whole fact set as the rubric declares it: inputs left out take
/// their default, every `约束` whose facts are known holds (a default takes
/// part like a written value; a fact still unknown, as in a REPL session
/// being filled in, leaves its constraints for later), and facts known only
/// as bounds are settled to one value, or the error says why they cannot be.
pub fn settle(c: &Checked, set: &mut FactSet, bounds: &[Bound]) -> Result<(), Diagnostics> {
    let mut unknown = vec![false; c.facts.len()];
    set.unknown
        .iter()
        .for_each(|u| unknown[u.slot as usize] = true);
    for (slot, decl) in c.facts.iter().enumerate() {
        // A fact marked unknown does not take its default: the document
        // says it has a value, only not which.
        if set.values[slot].is_none() && !unknown[slot] {
            if let Some(v) = decl.default {
                set.set(slot as u32, v, None);
            }
        }
    }
    if !c.constraints.is_empty() {
        let mut bounded = unknown.clone();
        bounds.iter().for_each(|b| bounded[b.slot as usize] = true);
        let broken = constraints::check(c, set, &bounded);
        if !broken.is_empty() {
            return Err(broken);
        }
    }
    if !set.unknown.is_empty() {
        return super::partial::prepare(c, set, bounds).map_err(|d| Diagnostics::from(*d));
    }
    if !bounds.is_empty() {
        bounds::resolve(c, set, bounds).map_err(|d| Diagnostics::from(*d))?;
    }
    Ok(())
}
