//! The scorecard as the reference evaluator builds it, from the hot path's
//! integer marks: built only when a caller reads it. Every decimal repeats
//! the reference's value and scale (a leaf's score has the rubric's places,
//! a full-marks 不适用 its declared weight, a parent the scale its `+=` chain
//! gives), which tests/compiled.rs checks through `Debug`.

use super::fixed::sum_exact;
use super::tree::{Tree, Work};
use crate::eval::{IndScore, Scorecard, Status};
use crate::num::{normal, POW10, Q};
use crate::syntax::ast::IndicatorKind;
use rust_decimal::Decimal;

impl Tree {
    /// Fill `card`'s indicators, base, bonus, penalty and effective full
    /// marks from `wk` (the total, grade and vetoes are there already).
    pub fn fill(&self, wk: &Work, card: &mut Scorecard) {
        let Some(scale) = self.scale else { return };
        let unit = POW10[(scale - self.places) as usize];
        let scores = &mut card.indicators[..];
        for id in (0..self.nodes.len()).rev() {
            let n = &self.nodes[id];
            let m = &wk.marks[id];
            if wk.moved[id] {
                // As `crate::eval` shows a 转给 target: its scaled points,
                // rounded, and its new weight.
                scores[id] = IndScore {
                    raw: m.raw.to_decimal(),
                    score: Decimal::from_i128_with_scale(m.pts / unit, self.places),
                    weight: wk.w[id].to_decimal(),
                    status: m.status,
                };
                continue;
            }
            if n.children.is_empty() {
                let score = match m.status {
                    Status::NaFull => n.weight,
                    Status::NaExcluded | Status::Vetoed => Decimal::ZERO,
                    // The sum scale is the rubric's places but for odd weights.
                    Status::Scored(_) if unit == 1 => {
                        Decimal::from_i128_with_scale(m.pts, self.places)
                    }
                    Status::Scored(_) => Decimal::from_i128_with_scale(m.pts / unit, self.places),
                };
                scores[id] = IndScore {
                    raw: m.raw.to_decimal(),
                    score,
                    weight: if self.moving {
                        wk.w[id].to_decimal()
                    } else {
                        n.shown_w
                    },
                    status: m.status,
                };
                continue;
            }
            if n.kind != IndicatorKind::Normal {
                let sum: Decimal = n.children.iter().map(|&ch| scores[ch as usize].score).sum();
                scores[id] = IndScore {
                    raw: sum.normalize(),
                    score: sum.min(n.weight),
                    weight: n.shown_w,
                    status: Status::Scored(None),
                };
                continue;
            }
            let normal_child = |ch: &&u32| self.nodes[**ch as usize].kind == IndicatorKind::Normal;
            if let Some((_, status)) = n.fixed {
                let sum = sum_exact(
                    n.children
                        .iter()
                        .filter(normal_child)
                        .map(|&ch| scores[ch as usize].score),
                );
                scores[id] = IndScore {
                    raw: normal(sum.mantissa(), sum.scale()),
                    score: sum,
                    weight: n.fixed_shown_w,
                    status,
                };
                continue;
            }
            let mut sum = Decimal::ZERO;
            for &ch in n.children.iter().filter(normal_child) {
                sum += scores[ch as usize].score;
            }
            scores[id] = IndScore {
                raw: normal(sum.mantissa(), sum.scale()),
                score: sum,
                weight: wk.w[id].to_decimal(),
                status: m.status,
            };
        }
        let (mut base, mut bonus, mut penalty) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        if self.fixed_eff.is_some() {
            base = sum_exact(self.roots.iter().map(|&r| scores[r as usize].score));
        } else {
            for &r in &self.roots {
                let s = scores[r as usize].score;
                match self.nodes[r as usize].kind {
                    IndicatorKind::Normal => base += s,
                    IndicatorKind::Bonus => bonus += s,
                    IndicatorKind::Penalty => penalty += s,
                }
            }
        }
        card.base = base;
        card.bonus = bonus;
        card.penalty = penalty;
        card.effective_full = match self.fixed_eff {
            Some(f) => f.normalize(),
            None => Q::to_decimal(wk.eff),
        };
    }
}

/// The largest mantissa a `Decimal` holds (96 bits).
const DECIMAL_MAX: i128 = (1 << 96) - 1;

impl Tree {
    /// Every indicator's score as [`Tree::fill`] would show it, rounded to
    /// the rubric's places, as a mantissa at those places, into `out`: what
    /// a writer needs, without the card's decimals. Each card score equals
    /// its mark's points at the sum scale (a leaf's rounded points, a
    /// full-marks 不适用's weight, a parent's sum), so when those points are
    /// a whole number at the places, they are the shown score exactly.
    /// `false` when one is not (an odd weight's share) or would not fit a
    /// decimal: then read the card.
    pub fn shown_at_places(&self, wk: &Work, out: &mut Vec<i128>) -> bool {
        let Some(scale) = self.scale else {
            return false;
        };
        if self.places > 28 {
            return false;
        }
        let unit = POW10[(scale - self.places) as usize];
        out.clear();
        if unit == 1 {
            // The points are the shown scores: copied in one go (no capacity
            // check per mark), then checked to fit a decimal.
            out.extend(wk.marks.iter().map(|m| m.pts));
            return out.iter().all(|p| p.unsigned_abs() <= DECIMAL_MAX as u128);
        }
        for m in &wk.marks {
            let p = if unit == 1 {
                m.pts
            } else if m.pts % unit == 0 {
                m.pts / unit
            } else {
                return false;
            };
            if !(-DECIMAL_MAX..=DECIMAL_MAX).contains(&p) {
                return false;
            }
            out.push(p);
        }
        true
    }
}
