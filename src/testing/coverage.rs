//! Branch coverage over test cases: every row of every indicator, every
//! not-applicable policy and veto, and every grade band, with how many cases
//! reached it. Rows are counted from the ledger's `RowFired` events.

use crate::check::{CKind, CScoring, Checked, Ty};
use crate::eval::trace::{Event, Ledger};
use crate::eval::value::Value;
use crate::eval::Scorecard;
use crate::syntax::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Branch {
    /// Indicator id and row index.
    Row(u32, usize),
    NotApplicable(u32),
    /// Indicator id and veto index.
    Veto(u32, usize),
    /// Index into `checked.grades`.
    Grade(usize),
    /// One value of an enumeration a 对照/定性 row scores by: indicator,
    /// row, the slot read and the variant.
    Arm(u32, usize, u32, u16),
}

#[derive(Clone, Debug)]
pub struct Coverage {
    pub branches: Vec<(Branch, Span)>,
    pub hits: Vec<u32>,
}

impl Coverage {
    pub fn new(c: &Checked) -> Coverage {
        let mut branches = Vec::new();
        for (i, ind) in c.indicators.iter().enumerate() {
            let id = i as u32;
            if let Some(na) = &ind.na {
                branches.push((Branch::NotApplicable(id), na.span));
            }
            for (k, v) in ind.vetoes.iter().enumerate() {
                branches.push((Branch::Veto(id, k), v.span));
            }
            for (r, row) in ind.rows.iter().enumerate() {
                branches.push((Branch::Row(id, r), row.span));
                if let Some((slot, n)) = arms(c, &row.result) {
                    branches.extend((0..n).map(|v| (Branch::Arm(id, r, slot, v), row.span)));
                }
            }
        }
        for (g, grade) in c.grades.iter().enumerate() {
            branches.push((Branch::Grade(g), grade.span));
        }
        let hits = vec![0; branches.len()];
        Coverage { branches, hits }
    }

    /// Count the branches one scored case went through.
    pub fn record(&mut self, card: &Scorecard, ledger: &Ledger) {
        for (i, (b, span)) in self.branches.iter().enumerate() {
            let hit = match b {
                Branch::Row(id, _) => {
                    ledger.entries[*id as usize].contains(&Event::RowFired(*span))
                }
                Branch::NotApplicable(id) => {
                    ledger.entries[*id as usize].contains(&Event::NotApplicable(*span))
                }
                Branch::Veto(id, _) => ledger.entries[*id as usize].contains(&Event::Vetoed(*span)),
                Branch::Grade(g) => card.grade == *g,
                Branch::Arm(id, _, slot, v) => {
                    let e = &ledger.entries[*id as usize];
                    e.contains(&Event::RowFired(*span))
                        && e.contains(&Event::Fact {
                            slot: *slot,
                            value: Value::Enum(*v),
                        })
                }
            };
            self.hits[i] += u32::from(hit);
        }
    }

    pub fn missed(&self) -> impl Iterator<Item = &(Branch, Span)> {
        self.branches
            .iter()
            .zip(&self.hits)
            .filter(|(_, h)| **h == 0)
            .map(|(b, _)| b)
    }
}

/// The enumeration slot a row picks its points by, and how many values it has.
fn arms(c: &Checked, s: &CScoring) -> Option<(u32, u16)> {
    let slot = match s {
        CScoring::Match { subject, .. } => match subject.kind {
            CKind::Slot(x) => x,
            _ => return None,
        },
        CScoring::Qualitative(q) => q.tier,
        _ => return None,
    };
    match c.slot_ty(slot) {
        // A derived value is not in the ledger as a fact.
        Ty::Enum(e) if (slot as usize) < c.facts.len() => {
            Some((slot, c.enums[*e as usize].variants.len() as u16))
        }
        _ => None,
    }
}
