//! Scoring a partial document: some facts are marked unknown (`"未取得"`).
//! Every combination of their representative values (`super::unknown`) that
//! the rubric's constraints admit is scored by the reference evaluator, so
//! each indicator's and the total's [min, max] are the exact extremes over
//! every admissible fact set, and the grades are the set reached. The
//! compiled evaluator hands such fact sets here too.

use super::bounds::{placed, Bound};
use super::{constraints, unknown};
use crate::check::{show, Checked, Slot};
use crate::diag::{Diagnostic, Msg, Note, UnknownUse};
use crate::eval::{FactSet, Scorecard, Unknown};
use rust_decimal::Decimal;

/// The most value combinations scored for one partial fact set.
const MAX_COMBINATIONS: usize = 4096;
/// Combinations × rows scored, beyond which scoring would take too long.
const MAX_WORK: usize = 4_000_000;

/// A partial document's scorecard as exact ranges.
#[derive(Clone, Debug)]
pub struct Partial {
    /// The facts not given, as the fact set lists them.
    pub unknown: Vec<Unknown>,
    /// Per indicator id: the least and greatest score (as the scorecard
    /// holds it: a 减分 item's deduction is positive).
    pub lo: Vec<Decimal>,
    pub hi: Vec<Decimal>,
    /// Per indicator id: the unknown facts (slots) whose value changes its
    /// score, some other facts held fixed.
    pub depends: Vec<Vec<Slot>>,
    pub total: (Decimal, Decimal),
    /// The unknowns whose value changes the total or the grade.
    pub total_depends: Vec<Slot>,
    /// Indices into `checked.grades`, ascending, each reached by some fact set.
    pub grades: Vec<usize>,
    /// Top-level vetoes that fire in every admissible fact set.
    pub vetoes: Vec<usize>,
    /// The full marks the base is out of (after 剔除), when every admissible
    /// fact set has the same; `None` when the unknowns decide what is excluded.
    pub effective_full: Option<Decimal>,
    /// The fact sets (every unknown given a value) at the least and the
    /// greatest total, and their scorecards: the ledger explains these two.
    pub low: (FactSet, Scorecard),
    pub high: (FactSet, Scorecard),
}

impl Partial {
    /// Whether indicator `id`'s score is a range rather than a value.
    pub fn ranged(&self, id: usize) -> bool {
        self.lo[id] != self.hi[id]
    }

    /// The scorecard to print beside the ranges: the lowest one, with only
    /// the vetoes that fire whatever the unknowns are.
    pub fn card(&self) -> Scorecard {
        let mut card = self.low.1.clone();
        card.vetoes = self.vetoes.clone();
        card
    }
}

/// Give each unknown fact (and each bound, now scored alongside them) its
/// representative values, or say why no exact range can be given.
pub(super) fn prepare(
    c: &Checked,
    set: &mut FactSet,
    bounds: &[Bound],
) -> Result<(), Box<Diagnostic>> {
    let mut list = std::mem::take(&mut set.unknown);
    let open: Vec<Slot> = list
        .iter()
        .map(|u| u.slot)
        .chain(bounds.iter().map(|b| b.slot))
        .collect();
    let cuts = |slot: Slot| {
        unknown::constraint_cuts(c, set, slot, &open).map_err(|()| Msg::UnknownInexact {
            fact: c.slot_name(slot).to_string(),
            indicator: "约束".into(),
            why: UnknownUse::Computes,
        })
    };
    // The other facts as given (defaults applied by `settle`); those still
    // open vary too and are never read as fixed.
    let known = |s: Slot| {
        let i = s as usize;
        (i < c.facts.len() && !open.contains(&s))
            .then(|| set.values[i].or(c.facts[i].default))
            .flatten()
    };
    for u in &mut list {
        let span = set.spans[u.slot as usize];
        u.samples = cuts(u.slot)
            .and_then(|extra| unknown::samples(c, u.slot, None, &extra, &known))
            .map_err(|m| Box::new(placed(Diagnostic::new(m), span)))?;
    }
    let mut bounded = Vec::new();
    for b in bounds {
        let samples = cuts(b.slot)
            .and_then(|extra| unknown::samples(c, b.slot, Some(b), &extra, &known))
            .map_err(|m| Box::new(placed(Diagnostic::new(m), b.span)))?;
        bounded.push((b, samples));
    }
    for (b, samples) in bounded {
        set.values[b.slot as usize] = None;
        list.push(Unknown {
            slot: b.slot,
            text: b.text.clone(),
            samples,
        });
    }
    let count = list
        .iter()
        .try_fold(1usize, |n, u| n.checked_mul(u.samples.len()));
    let rows: usize = c.indicators.iter().map(|i| i.rows.len() + 1).sum();
    if count.is_none_or(|n| n > MAX_COMBINATIONS || n.saturating_mul(rows) > MAX_WORK) {
        let combinations = count.map_or_else(|| "> 2^64".to_string(), |n| n.to_string());
        let span = set.spans[list[0].slot as usize];
        let msg = Msg::UnknownTooMany {
            count: list.len(),
            combinations,
        };
        return Err(Box::new(placed(Diagnostic::new(msg), span)));
    }
    set.unknown = list;
    Ok(())
}

/// One scored combination: every indicator's score, then the total; `None`
/// when the constraints do not admit it.
type Point = Option<(Vec<Decimal>, Decimal, usize)>;

/// Score every admissible combination of the unknowns' values.
pub fn score(c: &Checked, set: &FactSet) -> Result<Partial, Box<Diagnostic>> {
    let list = &set.unknown;
    let radix: Vec<usize> = list.iter().map(|u| u.samples.len()).collect();
    let count: usize = radix.iter().product();
    let mut trial = set.clone();
    trial.unknown.clear();
    let all_known = vec![false; c.facts.len()];
    let mut points: Vec<Point> = Vec::with_capacity(count);
    let mut best: Option<(usize, usize, Scorecard, Scorecard)> = None;
    let mut vetoes: Option<Vec<usize>> = None;
    let mut full: Option<Option<Decimal>> = None;
    let mut pick = vec![0usize; list.len()];
    for idx in 0..count {
        if idx > 0 {
            // Odometer: the first unknown varies fastest.
            for (k, p) in pick.iter_mut().enumerate() {
                *p += 1;
                if *p < radix[k] {
                    break;
                }
                *p = 0;
            }
        }
        for (u, &p) in list.iter().zip(&pick) {
            trial.values[u.slot as usize] = Some(u.samples[p]);
        }
        if !constraints::check(c, &trial, &all_known).0.is_empty() {
            points.push(None);
            continue;
        }
        let card = crate::eval::score(c, &trial).map_err(|d| at_values(c, list, &pick, d))?;
        let scores = card.indicators.iter().map(|s| s.score).collect();
        points.push(Some((scores, card.total, card.grade)));
        full = Some(match full {
            None => Some(card.effective_full),
            Some(f) => f.filter(|x| *x == card.effective_full),
        });
        vetoes = Some(match vetoes {
            None => card.vetoes.clone(),
            Some(v) => v.into_iter().filter(|x| card.vetoes.contains(x)).collect(),
        });
        best = Some(match best {
            None => (idx, idx, card.clone(), card),
            Some((lo, hi, lc, hc)) => {
                let (lo, lc) = if card.total < lc.total {
                    (idx, card.clone())
                } else {
                    (lo, lc)
                };
                let (hi, hc) = if card.total > hc.total {
                    (idx, card)
                } else {
                    (hi, hc)
                };
                (lo, hi, lc, hc)
            }
        });
    }
    let Some((lo_at, hi_at, low_card, high_card)) = best else {
        // No combination meets the constraints: the facts given contradict
        // every value the unknowns could take.
        let u = &list[0];
        let msg = Msg::BoundEmpty {
            fact: c.slot_name(u.slot).to_string(),
            bound: u.text.clone(),
        };
        return Err(Box::new(placed(
            Diagnostic::new(msg),
            set.spans[u.slot as usize],
        )));
    };
    let n = c.indicators.len();
    let (mut lo, mut hi) = (vec![Decimal::MAX; n], vec![Decimal::MIN; n]);
    let mut total = (Decimal::MAX, Decimal::MIN);
    let mut grades = Vec::new();
    for (scores, t, g) in points.iter().flatten() {
        for i in 0..n {
            lo[i] = lo[i].min(scores[i]);
            hi[i] = hi[i].max(scores[i]);
        }
        total = (total.0.min(*t), total.1.max(*t));
        if !grades.contains(g) {
            grades.push(*g);
        }
    }
    grades.sort_unstable();
    let (depends, total_depends) = dependencies(list, &radix, &points, n);
    let at = |idx: usize| {
        let mut s = set.clone();
        s.unknown.clear();
        let mut rest = idx;
        for u in list {
            s.values[u.slot as usize] = Some(u.samples[rest % u.samples.len()]);
            rest /= u.samples.len();
        }
        s
    };
    Ok(Partial {
        unknown: list.clone(),
        lo,
        hi,
        depends,
        total,
        total_depends,
        grades,
        vetoes: vetoes.unwrap_or_default(),
        effective_full: full.flatten(),
        low: (at(lo_at), low_card),
        high: (at(hi_at), high_card),
    })
}

/// Which unknowns change each indicator's score (and the total or grade):
/// two admissible combinations that differ in that unknown alone and score
/// differently.
fn dependencies(
    list: &[Unknown],
    radix: &[usize],
    points: &[Point],
    n: usize,
) -> (Vec<Vec<Slot>>, Vec<Slot>) {
    let mut depends = vec![Vec::new(); n];
    let mut total = Vec::new();
    let mut stride = 1usize;
    for (k, u) in list.iter().enumerate() {
        let mut ind = vec![false; n];
        let mut tot = false;
        for (idx, p) in points.iter().enumerate() {
            let Some((scores, t, g)) = p else { continue };
            let digit = (idx / stride) % radix[k];
            let base = idx - digit * stride;
            // The first admissible combination of this line stands for it.
            let first = (0..radix[k])
                .map(|j| base + j * stride)
                .find_map(|i| points[i].as_ref());
            if let Some((s0, t0, g0)) = first {
                for i in 0..n {
                    ind[i] |= scores[i] != s0[i];
                }
                tot |= t != t0 || g != g0;
            }
        }
        for i in 0..n {
            if ind[i] && !depends[i].contains(&u.slot) {
                depends[i].push(u.slot);
            }
        }
        if tot && !total.contains(&u.slot) {
            total.push(u.slot);
        }
        stride *= radix[k];
    }
    (depends, total)
}

/// An evaluation error at one combination names the values it was met at.
fn at_values(c: &Checked, list: &[Unknown], pick: &[usize], d: Box<Diagnostic>) -> Box<Diagnostic> {
    let mut d = *d;
    for (u, &p) in list.iter().zip(pick) {
        let value = show::value(c, c.slot_ty(u.slot), u.samples[p]);
        d = d.note(Note::Value {
            name: c.slot_name(u.slot).to_string(),
            value,
        });
    }
    Box::new(d)
}
