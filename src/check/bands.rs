//! The rate bands of a qualitative rule (`好 80%（含）至 100%（含），中 …`):
//! between the lowest and highest endpoint every rate should fit exactly
//! one tier. Decided on the cells cut at the endpoints, like tier tables.

use super::interval::{cells, short, Cell};
use super::units::Unit;
use super::{CScoring, Checked, Checker, IndId, Ty};
use crate::diag::{Diagnostic, Msg};
use rust_decimal::Decimal;

pub(super) fn run(cx: &mut Checker, c: &Checked, id: IndId) {
    let ind = c.ind(id);
    for row in &ind.rows {
        let CScoring::Qualitative(q) = &row.result else {
            continue;
        };
        let Ty::Enum(e) = c.slot_ty(q.tier) else {
            continue;
        };
        let names = &c.enums[*e as usize].variants;
        let bands: Vec<(usize, (Decimal, bool, Decimal, bool))> = q
            .bands
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| (i, b)))
            .collect();
        let (Some(lo), Some(hi)) = (
            bands.iter().map(|b| b.1 .0).min(),
            bands.iter().map(|b| b.1 .2).max(),
        ) else {
            continue;
        };
        let cuts: Vec<Decimal> = bands.iter().flat_map(|b| [b.1 .0, b.1 .2]).collect();
        let inside = |x: Decimal, (l, li, h, hi): (Decimal, bool, Decimal, bool)| {
            (if li { x >= l } else { x > l }) && (if hi { x <= h } else { x < h })
        };
        let mut gap: Option<Cell> = None;
        let mut overlap_found = false;
        for cell in cells(cuts) {
            let x = cell.sample(Unit::PERCENT);
            if x < lo || x > hi {
                continue;
            }
            let fits: Vec<usize> = bands
                .iter()
                .filter(|b| inside(x, b.1))
                .map(|b| b.0)
                .collect();
            match fits.as_slice() {
                [] if gap.is_none() && x != lo && x != hi => gap = Some(cell),
                [a, b, ..] if !overlap_found => {
                    overlap_found = true;
                    let msg = Msg::BandsOverlap {
                        indicator: ind.name.clone(),
                        first: names[*a].clone(),
                        second: names[*b].clone(),
                        value: short(x, Unit::PERCENT),
                    };
                    cx.error(Diagnostic::new(msg).at(row.span));
                }
                _ => {}
            }
        }
        if let Some(cell) = gap {
            cx.error(
                Diagnostic::new(Msg::BandsGap {
                    indicator: ind.name.clone(),
                    range: cell.text(Unit::PERCENT),
                })
                .at(row.span),
            );
        }
    }
}
