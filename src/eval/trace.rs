//! The explanation ledger. Scoring is generic over a [`Tracer`]; the plain
//! path uses [`NoTrace`], whose methods compile to nothing.

use super::value::Value;
use crate::check::{IndId, Slot};
use crate::syntax::Span;
use rust_decimal::Decimal;

pub trait Tracer {
    const ON: bool;
    fn enter(&mut self, _ind: IndId) {}
    fn event(&mut self, _ind: IndId, _e: Event) {}
}

pub struct NoTrace;

impl Tracer for NoTrace {
    const ON: bool = false;
}

/// One line of an indicator's ledger.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A row whose condition did not hold.
    RowSkipped(Span),
    /// The row that fired.
    RowFired(Span),
    /// A fact read while scoring.
    Fact {
        slot: Slot,
        value: Value,
    },
    /// A derived value computed (first use) or read.
    Derived {
        slot: Slot,
        value: Value,
    },
    /// Not applicable: the policy's span and what happened.
    NotApplicable(Span),
    Vetoed(Span),
    /// A named intermediate of a scoring shape (超出部分, 步数, 扣分, 完成比…).
    Step {
        what: StepKind,
        value: Decimal,
    },
    /// The score before rounding, exact (a quotient such as 85/9 has no
    /// finite decimal; displays say so rather than show 28 digits as if exact).
    Raw(crate::num::Q),
    /// The score after rounding to the rubric's places.
    Rounded(Decimal),
    /// Weight moved here from a not-applicable sibling, and the scaled score.
    Transferred {
        from: IndId,
        weight: Decimal,
        score: Decimal,
    },
    /// A bonus or penalty above its cap was cut to the cap.
    Capped(Decimal),
    /// The assessor's score, within the row's range.
    AssessorPick {
        value: Decimal,
        range: (Decimal, Decimal),
    },
    /// One row of a target table: its completion rate and (unrounded) points.
    TableRow {
        table: crate::check::TableId,
        row: u32,
        rate: Decimal,
        score: Decimal,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Base,
    Excess,
    Steps,
    Deducted,
    Rate,
    Items,
    FloorAtZero,
}

/// Records every event, grouped by indicator.
#[derive(Default, Debug, Clone)]
pub struct Ledger {
    pub entries: Vec<Vec<Event>>,
}

impl Ledger {
    pub fn new(indicators: usize) -> Ledger {
        Ledger {
            entries: vec![Vec::new(); indicators],
        }
    }
}

impl Tracer for Ledger {
    const ON: bool = true;
    fn event(&mut self, ind: IndId, e: Event) {
        if let Some(v) = self.entries.get_mut(ind as usize) {
            // A value read twice in one indicator is listed once.
            if matches!(e, Event::Fact { .. } | Event::Derived { .. }) && v.contains(&e) {
                return;
            }
            v.push(e);
        }
    }
}
