//! Target tables (绩效指标表) as the oracle reads docs/language.md §8: each
//! row's share of the weight times its completion rate, exact, summed and
//! left for the table's leaf to round once.

use super::{rat, Rat};
use jixiao::check::CTable;
use jixiao::eval::targets::{Cell, RowKind, TargetRow};
use jixiao::syntax::ast::TableShares;
use num_bigint::BigInt;
use num_traits::{One, Zero};

/// A target table's raw points: each row's share of the weight (W ÷ n, or
/// its 分值) times its completion rate, summed unrounded; a row whose level
/// is a range scores what the assessor gave, which must lie in it.
pub fn table(t: &CTable, rows: &[TargetRow]) -> Option<Rat> {
    let n = Rat::from_integer(BigInt::from(rows.len().max(1)));
    let mut raw = Rat::zero();
    for row in rows {
        let w = match t.shares {
            TableShares::Equal => rat(t.weight) / &n,
            TableShares::Column => rat(row.weight?),
        };
        let qty = |c: &Cell| match c {
            Cell::Qty { value, .. } => Some(rat(*value)),
            Cell::Text(_) => None,
        };
        let rate = match row.kind {
            RowKind::AtLeast => {
                let (tv, av) = (qty(&row.target)?, qty(&row.actual)?);
                if av >= tv {
                    Rat::one()
                } else {
                    av / tv
                }
            }
            RowKind::AtMost => {
                let (tv, av) = (qty(&row.target)?, qty(&row.actual)?);
                if av <= tv {
                    Rat::one()
                } else {
                    tv / av
                }
            }
            RowKind::Equal => {
                let met = match (qty(&row.target), qty(&row.actual)) {
                    (Some(a), Some(b)) => a == b,
                    _ => row.target.text().trim() == row.actual.text().trim(),
                };
                if met {
                    Rat::one()
                } else {
                    rat(t.eq_miss?)
                }
            }
            RowKind::Qualitative => {
                let level = t
                    .levels
                    .iter()
                    .find(|l| l.name == row.actual.text().trim())?;
                match level.hi {
                    None => rat(level.lo.0),
                    Some((hi, hi_in)) => {
                        // The assessor's points, as a share of the row's weight.
                        let g = rat(row.given?);
                        let (lo, lo_in) = (rat(level.lo.0) * &w, level.lo.1);
                        let hi = rat(hi) * &w;
                        let inside = (if lo_in { g >= lo } else { g > lo })
                            && (if hi_in { g <= hi } else { g < hi });
                        if !inside {
                            return None;
                        }
                        raw += g;
                        continue;
                    }
                }
            }
        };
        raw += w * rate;
    }
    Some(raw)
}
