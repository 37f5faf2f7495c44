//! The indicator tree, compiled: leaves with their rows as closures,
//! parents as lists of children. Mirrors `crate::eval` `score_with` (rounding,
//! transfers, vetoes, grade) without the trace and without building messages.
//!
//! The hot path keeps every score as an integer: a mantissa at one scale
//! for the whole rubric (the rubric's places, or more when a weight has more
//! decimals), so a parent's sum is a plain `i128` sum and a score is 16
//! bytes. Indicators are scored in one backward sweep over their ids
//! (children follow their parents, so each parent sees its children done).
//! The scorecard's decimals, whose scales repeat the reference's `+=` chain,
//! are built only when a caller reads the card (`super::card`).

use super::expr::{BoolFn, Compiler, Cx, Fail, R};
use super::fixed::{fixed_all, fixed_eff};
use super::shape::{self, Row};
use crate::check::{CNaPolicy, CVetoEffect, Checked, IndId};
use crate::eval::Status;
use crate::num::{POW10, Q};
use crate::syntax::ast::{IndicatorKind, RoundMode};
use rust_decimal::Decimal;

pub struct Node {
    pub(super) kind: IndicatorKind,
    pub(super) weight: Decimal,
    /// The weight exactly, as points at the sum scale, and as shown.
    pub(super) w: Q,
    w_pts: i128,
    pub(super) shown_w: Decimal,
    pub(super) children: Vec<IndId>,
    /// The children that are normal indicators (not bonus or penalty
    /// items): what a normal parent sums, without looking at each kind.
    normals: Vec<IndId>,
    /// Whether any child moves its weight on (转给), so the sweep can be skipped.
    transfers: bool,
    /// With no not-applicable policy below, a parent's weight and status
    /// never change: worked out once, in the reference's order of addition.
    pub(super) fixed: Option<(Decimal, Status)>,
    /// That fixed weight exactly, and as the scorecard shows it (normalised).
    fixed_w: Q,
    pub(super) fixed_shown_w: Decimal,
    na: Option<(BoolFn, bool)>,
    vetoes: Vec<BoolFn>,
    pick: super::tiers::Rows,
    rows: Vec<Row>,
}

/// One indicator's result on the hot path. A parent's `raw` is not kept
/// (it is the sum of its children's scores, rebuilt for display).
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    /// The score as a mantissa at the tree's sum scale.
    pub pts: i128,
    /// Exact raw points (leaves).
    pub raw: Q,
    pub status: Status,
}

/// Per-fact-set results, reused: marks, the weights that may move, and the
/// effective full marks.
pub struct Work {
    pub marks: Vec<Mark>,
    /// Effective weights, written only when some not-applicable policy can
    /// change them (`Tree::moving`); otherwise the declared ones, unchanged.
    pub w: Vec<Q>,
    /// Took weight from a not-applicable sibling (转给): its score is then
    /// rounded at the rubric's places whatever its status.
    pub moved: Vec<bool>,
    pub eff: Q,
}

pub struct Tree {
    pub(super) nodes: Vec<Node>,
    pub(super) roots: Vec<IndId>,
    roots_transfer: bool,
    /// With no not-applicable policy anywhere and only normal top-level
    /// indicators, the effective full marks are known at compile time.
    pub(super) fixed_eff: Option<Decimal>,
    /// Some not-applicable policy exists: weights and statuses can move.
    pub(super) moving: bool,
    /// Per indicator, its transfer targets when it has a 转给 policy.
    targets: Vec<Option<Vec<IndId>>>,
    vetoes: Vec<(BoolFn, CVetoEffect)>,
    pub(super) places: u32,
    mode: RoundMode,
    /// Decimals of every score's mantissa (`sum_scale`); `None` when some
    /// weight does not fit, and then only the reference scores.
    pub(super) scale: Option<u32>,
    full_marks: Q,
    grades: Vec<Option<(Q, bool)>>,
}

fn has_transfer(c: &Checked, ids: &[IndId]) -> bool {
    ids.iter().any(|&i| {
        matches!(
            c.ind(i).na.as_ref().map(|n| &n.policy),
            Some(CNaPolicy::Transfer(_))
        )
    })
}

/// The scale all scores are summed at: the rubric's places, or a weight's
/// decimals when more (a full-marks 不适用 or a capped group scores its weight).
fn sum_scale(c: &Checked) -> u32 {
    let weights = c.indicators.iter().map(|i| i.weight.scale());
    weights.fold(c.rounding.places.min(28), u32::max)
}

/// `d` as a mantissa at `scale` decimals, if it fits.
#[inline]
pub fn points(d: Decimal, scale: u32) -> Option<i128> {
    let s = d.scale();
    if s > scale {
        return None;
    }
    d.mantissa().checked_mul(POW10[(scale - s) as usize])
}

pub fn compile(k: &Compiler) -> Tree {
    let c = k.c;
    let fixed = fixed_all(c);
    let scale = sum_scale(c);
    let mut fits = true;
    let nodes = c
        .indicators
        .iter()
        .enumerate()
        .map(|(id, ind)| {
            debug_assert!(ind.children.iter().all(|&ch| ch as usize > id));
            let w_pts = points(ind.weight, scale);
            fits &= w_pts.is_some();
            Node {
                kind: ind.kind,
                weight: ind.weight,
                w: Q::from_dec(ind.weight),
                w_pts: w_pts.unwrap_or(0),
                shown_w: ind.weight.normalize(),
                children: ind.children.clone(),
                normals: ind
                    .children
                    .iter()
                    .copied()
                    .filter(|&ch| c.ind(ch).kind == IndicatorKind::Normal)
                    .collect(),
                transfers: has_transfer(c, &ind.children),
                fixed: fixed[id],
                fixed_w: fixed[id].map_or(Q::ZERO, |(w, _)| Q::from_dec(w)),
                fixed_shown_w: fixed[id].map_or(Decimal::ZERO, |(w, _)| w.normalize()),
                na: ind
                    .na
                    .as_ref()
                    .map(|na| (k.truth(&na.when), matches!(na.policy, CNaPolicy::Full))),
                vetoes: ind.vetoes.iter().map(|v| k.truth(v)).collect(),
                pick: super::tiers::conditions(k, &ind.rows),
                rows: ind
                    .rows
                    .iter()
                    .map(|r| Row {
                        shape: shape::compile(k, &r.result, ind.weight, scale),
                        bounded: shape::bounded(&r.result, ind.weight),
                    })
                    .collect(),
            }
        })
        .collect();
    let targets = c
        .indicators
        .iter()
        .map(|ind| match ind.na.as_ref().map(|n| &n.policy) {
            Some(CNaPolicy::Transfer(t)) => Some(t.clone()),
            _ => None,
        })
        .collect();
    Tree {
        nodes,
        roots: c.roots.clone(),
        roots_transfer: has_transfer(c, &c.roots),
        fixed_eff: fixed_eff(c, &fixed),
        moving: c.indicators.iter().any(|i| i.na.is_some()),
        targets,
        vetoes: c
            .vetoes
            .iter()
            .map(|v| (k.truth(&v.when), v.effect.clone()))
            .collect(),
        places: c.rounding.places,
        mode: c.rounding.mode,
        scale: fits.then_some(scale),
        full_marks: Q::from_dec(c.full_marks),
        grades: c
            .grades
            .iter()
            .map(|g| g.min.map(|(m, incl)| (Q::from_dec(m), incl)))
            .collect(),
    }
}

impl Tree {
    /// Fresh working memory: parents' fixed statuses and every declared
    /// weight are set here once and never rewritten where they cannot move.
    pub fn work(&self) -> Work {
        let marks = self
            .nodes
            .iter()
            .map(|n| Mark {
                pts: 0,
                raw: Q::ZERO,
                status: n.fixed.map_or(Status::Scored(None), |(_, st)| st),
            })
            .collect();
        let w = self
            .nodes
            .iter()
            .map(|n| match n.fixed {
                Some((w, _)) if n.kind == IndicatorKind::Normal => Q::from_dec(w),
                _ => n.w,
            })
            .collect();
        Work {
            marks,
            w,
            moved: vec![false; self.nodes.len()],
            eff: Q::ZERO,
        }
    }

    /// Round exact points to the rubric's places, as a mantissa at the sum scale.
    #[inline]
    fn round_pts(&self, x: Q, scale: u32) -> R<i128> {
        let m = x.round_mantissa(self.places, self.mode).map_err(|_| Fail)?;
        if scale == self.places {
            return Ok(m);
        }
        m.checked_mul(POW10[(scale - self.places) as usize])
            .ok_or(Fail)
    }

    /// Score every indicator, the total and the grade (returned); the total
    /// and the fired vetoes are written out, the rest stays in `wk` until
    /// the scorecard is read.
    pub fn score(
        &self,
        cx: &mut Cx,
        wk: &mut Work,
        total_out: &mut Decimal,
        vetoes_out: &mut Vec<usize>,
    ) -> R<usize> {
        let scale = self.scale.ok_or(Fail)?;
        for id in (0..self.nodes.len()).rev() {
            if self.nodes[id].children.is_empty() {
                self.leaf(cx, id, wk, scale)?;
            } else {
                self.parent(id, wk)?;
            }
        }
        if self.roots_transfer {
            self.transfers(&self.roots, wk, scale)?;
        }
        let add = |a: i128, b: i128| a.checked_add(b).ok_or(Fail);
        let (mut base, mut bonus, mut penalty) = (0i128, 0i128, 0i128);
        let eff = if let Some(fixed) = self.fixed_eff {
            for &r in &self.roots {
                base = add(base, wk.marks[r as usize].pts)?;
            }
            Q::from_dec(fixed)
        } else {
            let mut eff = Q::ZERO;
            for &r in &self.roots {
                let pts = wk.marks[r as usize].pts;
                match self.nodes[r as usize].kind {
                    IndicatorKind::Normal => {
                        base = add(base, pts)?;
                        eff = eff.add(wk.w[r as usize]).map_err(|_| Fail)?;
                    }
                    IndicatorKind::Bonus => bonus = add(bonus, pts)?,
                    IndicatorKind::Penalty => penalty = add(penalty, pts)?,
                }
            }
            eff
        };
        wk.eff = eff;
        let mut total = if eff.is_zero() || eff == self.full_marks {
            base
        } else {
            // 剔除: renormalise what remains to the full marks, exactly.
            let scaled = Q::scaled(base, scale)
                .mul(self.full_marks)
                .and_then(|x| x.div(eff))
                .map_err(|_| Fail)?;
            self.round_pts(scaled, scale)?
        };
        total = add(total, bonus)?.checked_sub(penalty).ok_or(Fail)?;
        let mut total = Q::scaled(total, scale);
        vetoes_out.clear();
        let mut cap: Option<usize> = None;
        for (i, (when, effect)) in self.vetoes.iter().enumerate() {
            if when(cx)? {
                vetoes_out.push(i);
                match *effect {
                    CVetoEffect::TotalTo(x) => total = Q::from_dec(x),
                    CVetoEffect::GradeCap(g) => cap = Some(cap.map_or(g, |c| c.max(g))),
                }
            }
        }
        // The grade is decided on the exact rounded total, compared with
        // each grade's minimum as a fraction (no decimal comparison).
        let m = total
            .round_mantissa(self.places, self.mode)
            .map_err(|_| Fail)?;
        let places = self.places.min(28);
        let rounded = Q::scaled(m, places);
        let grade = self
            .grades
            .iter()
            .position(|g| match *g {
                None => true,
                Some((m, true)) => rounded >= m,
                Some((m, false)) => rounded > m,
            })
            .ok_or(Fail)?;
        *total_out = Decimal::from_i128_with_scale(m, places);
        Ok(cap.map_or(grade, |g| grade.max(g)))
    }

    fn parent(&self, i: usize, wk: &mut Work) -> R<()> {
        let n = &self.nodes[i];
        let scale = self.scale.ok_or(Fail)?;
        if n.transfers {
            self.transfers(&n.children, wk, scale)?;
        }
        if self.moving {
            // A parent can be a 转给 target: it scales from its exact sum.
            wk.moved[i] = false;
        }
        let marks = &mut wk.marks;
        if n.kind != IndicatorKind::Normal {
            // A bonus or penalty group: its items share its cap.
            let mut sum = 0i128;
            for &ch in &n.children {
                sum = sum.checked_add(marks[ch as usize].pts).ok_or(Fail)?;
            }
            marks[i].pts = sum.min(n.w_pts);
            if self.moving {
                marks[i].raw = Q::scaled(sum, scale);
                wk.w[i] = n.w;
            }
            return Ok(());
        }
        if n.fixed.is_some() {
            let mut sum = 0i128;
            for &ch in &n.normals {
                sum = sum.checked_add(marks[ch as usize].pts).ok_or(Fail)?;
            }
            marks[i].pts = sum;
            if self.moving {
                // A transfer may have moved this fixed weight last time.
                marks[i].raw = Q::scaled(sum, scale);
                wk.w[i] = n.fixed_w;
            }
            return Ok(());
        }
        let (mut sum, mut w, mut any) = (0i128, Q::ZERO, false);
        for &ch in &n.normals {
            let m = &marks[ch as usize];
            sum = sum.checked_add(m.pts).ok_or(Fail)?;
            w = w.add(wk.w[ch as usize]).map_err(|_| Fail)?;
            any |= m.status != Status::NaExcluded;
        }
        marks[i].pts = sum;
        marks[i].raw = Q::scaled(sum, scale);
        marks[i].status = if any {
            Status::Scored(None)
        } else {
            Status::NaExcluded
        };
        wk.w[i] = w;
        Ok(())
    }

    fn leaf(&self, cx: &mut Cx, i: usize, wk: &mut Work, scale: u32) -> R<()> {
        let n = &self.nodes[i];
        if self.moving {
            wk.moved[i] = false;
        }
        if let Some((when, full)) = &n.na {
            if when(cx)? {
                let (mark, w) = if *full {
                    let m = Mark {
                        pts: n.w_pts,
                        raw: n.w,
                        status: Status::NaFull,
                    };
                    (m, n.w)
                } else {
                    let m = Mark {
                        pts: 0,
                        raw: Q::ZERO,
                        status: Status::NaExcluded,
                    };
                    (m, Q::ZERO)
                };
                wk.marks[i] = mark;
                wk.w[i] = w;
                return Ok(());
            }
        }
        if self.moving {
            wk.w[i] = n.w;
        }
        for v in &n.vetoes {
            if v(cx)? {
                wk.marks[i] = Mark {
                    pts: 0,
                    raw: Q::ZERO,
                    status: Status::Vetoed,
                };
                return Ok(());
            }
        }
        let row = n.pick.pick(cx)?.ok_or(Fail)?;
        let r = &n.rows[row];
        if let shape::Shape::Const { raw, pts, .. } = r.shape {
            wk.marks[i] = Mark {
                pts,
                raw,
                status: Status::Scored(Some(row)),
            };
            return Ok(());
        }
        let (mut raw, may_go_negative) = shape::run(&r.shape, cx, n.w)?;
        if !r.bounded {
            if raw > n.w {
                if n.kind == IndicatorKind::Normal {
                    return Err(Fail);
                }
                raw = n.w;
            }
            if raw.is_negative() && !may_go_negative {
                return Err(Fail);
            }
        }
        wk.marks[i] = Mark {
            pts: self.round_pts(raw, scale)?,
            raw,
            status: Status::Scored(Some(row)),
        };
        Ok(())
    }

    fn transfers(&self, ids: &[IndId], wk: &mut Work, scale: u32) -> R<()> {
        for &from in ids {
            let Some(targets) = &self.targets[from as usize] else {
                continue;
            };
            if wk.marks[from as usize].status != Status::NaExcluded || targets.is_empty() {
                continue;
            }
            // As `crate::eval::takes_transfer`: still counted, with a weight.
            let takes = |t: IndId| {
                wk.marks[t as usize].status != Status::NaExcluded && !wk.w[t as usize].is_zero()
            };
            let live: Vec<IndId> = targets.iter().copied().filter(|&t| takes(t)).collect();
            let total_w: Decimal = live.iter().map(|&t| self.nodes[t as usize].weight).sum();
            if total_w.is_zero() {
                continue;
            }
            let from_w = self.nodes[from as usize].w;
            for &t in &live {
                let t = t as usize;
                let (new_w, scaled, score) = crate::eval::transfer(
                    from_w,
                    self.nodes[t].w,
                    wk.w[t],
                    Q::from_dec(total_w),
                    wk.marks[t].raw,
                    self.places,
                    self.mode,
                )
                .map_err(|_| Fail)?;
                wk.marks[t].pts = points(score, scale).ok_or(Fail)?;
                wk.marks[t].raw = scaled;
                wk.w[t] = new_w;
                wk.moved[t] = true;
            }
        }
        Ok(())
    }
}
