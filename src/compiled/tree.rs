//! The indicator tree, compiled: leaves with their rows as closures,
//! parents as lists of children, scored into a reused scorecard. Mirrors
//! `crate::eval` `score_with` (order of evaluation, rounding, transfers,
//! vetoes, grade) without the trace and without building messages.

use super::expr::{BoolFn, Compiler, Cx, Fail, R};
use super::fixed::{fixed_all, fixed_eff, sum_exact};
use super::shape::{self, Row};
use crate::check::{CNaPolicy, CVetoEffect, Checked, IndId};
use crate::eval::arith;
use crate::eval::{ExactScore, IndScore, Scorecard, Status};
use crate::num::Q;
use crate::syntax::ast::{IndicatorKind, RoundMode};
use rust_decimal::Decimal;

pub struct Node {
    kind: IndicatorKind,
    weight: Decimal,
    /// The weight exactly, and as the scorecard shows it.
    w: Q,
    shown_w: Decimal,
    children: Vec<IndId>,
    /// Whether any child moves its weight on (转给), so the sweep can be skipped.
    transfers: bool,
    /// With no not-applicable policy below, a parent's weight and status
    /// never change: worked out once, in the reference's order of addition.
    fixed: Option<(Decimal, Status)>,
    na: Option<(BoolFn, bool)>,
    vetoes: Vec<BoolFn>,
    rows: Vec<Row>,
}

pub struct Tree {
    nodes: Vec<Node>,
    roots: Vec<IndId>,
    roots_transfer: bool,
    /// With no not-applicable policy anywhere and only normal top-level
    /// indicators, the effective full marks are known at compile time.
    fixed_eff: Option<Decimal>,
    /// Per indicator, its transfer targets when it has a 转给 policy.
    targets: Vec<Option<Vec<IndId>>>,
    vetoes: Vec<(BoolFn, CVetoEffect)>,
    places: u32,
    mode: RoundMode,
    full_marks: Q,
    grades: Vec<Option<(Decimal, bool)>>,
}

fn has_transfer(c: &Checked, ids: &[IndId]) -> bool {
    ids.iter().any(|&i| {
        matches!(
            c.ind(i).na.as_ref().map(|n| &n.policy),
            Some(CNaPolicy::Transfer(_))
        )
    })
}

pub fn compile(k: &Compiler) -> Tree {
    let c = k.c;
    let fixed = fixed_all(c);
    let nodes = c
        .indicators
        .iter()
        .enumerate()
        .map(|(id, ind)| Node {
            kind: ind.kind,
            weight: ind.weight,
            w: Q::from_dec(ind.weight),
            shown_w: ind.weight.normalize(),
            children: ind.children.clone(),
            transfers: has_transfer(c, &ind.children),
            fixed: fixed[id],
            na: ind
                .na
                .as_ref()
                .map(|na| (k.truth(&na.when), matches!(na.policy, CNaPolicy::Full))),
            vetoes: ind.vetoes.iter().map(|v| k.truth(v)).collect(),
            rows: super::tiers::conditions(k, &ind.rows)
                .into_iter()
                .zip(&ind.rows)
                .map(|(cond, r)| Row {
                    cond,
                    shape: shape::compile(k, &r.result, ind.weight),
                    bounded: shape::bounded(&r.result, ind.weight),
                })
                .collect(),
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
        targets,
        vetoes: c
            .vetoes
            .iter()
            .map(|v| (k.truth(&v.when), v.effect.clone()))
            .collect(),
        places: c.rounding.places,
        mode: c.rounding.mode,
        full_marks: Q::from_dec(c.full_marks),
        grades: c.grades.iter().map(|g| g.min).collect(),
    }
}

impl Tree {
    fn round(&self, x: Q) -> R<Decimal> {
        arith::round(x, self.places, self.mode).map_err(|_| Fail)
    }

    pub fn score(&self, cx: &mut Cx, card: &mut Scorecard, exact: &mut [ExactScore]) -> R<()> {
        let scores = &mut card.indicators[..];
        for &r in &self.roots {
            self.ind(cx, r, scores, exact)?;
        }
        if self.roots_transfer {
            self.transfers(&self.roots, scores, exact)?;
        }
        let (mut base, mut eff, mut bonus, mut penalty) =
            (Decimal::ZERO, Q::ZERO, Decimal::ZERO, Decimal::ZERO);
        if let Some(fixed) = self.fixed_eff {
            eff = Q::from_dec(fixed);
            base = sum_exact(self.roots.iter().map(|&r| scores[r as usize].score));
        }
        for &r in self.roots.iter().filter(|_| self.fixed_eff.is_none()) {
            let s = &scores[r as usize];
            match self.nodes[r as usize].kind {
                IndicatorKind::Normal => {
                    base += s.score;
                    eff = eff.add(exact[r as usize].weight).map_err(|_| Fail)?;
                }
                IndicatorKind::Bonus => bonus += s.score,
                IndicatorKind::Penalty => penalty += s.score,
            }
        }
        let mut total = if eff.is_zero() || eff == self.full_marks {
            base
        } else {
            let scaled = Q::from_dec(base)
                .mul(self.full_marks)
                .and_then(|x| x.div(eff))
                .map_err(|_| Fail)?;
            self.round(scaled)?
        };
        total = total + bonus - penalty;
        card.vetoes.clear();
        let mut cap: Option<usize> = None;
        for (i, (when, effect)) in self.vetoes.iter().enumerate() {
            if when(cx)? {
                card.vetoes.push(i);
                match *effect {
                    CVetoEffect::TotalTo(x) => total = x,
                    CVetoEffect::GradeCap(g) => cap = Some(cap.map_or(g, |c| c.max(g))),
                }
            }
        }
        let total = self.round(Q::from_dec(total))?;
        let grade = self
            .grades
            .iter()
            .position(|g| match *g {
                None => true,
                Some((m, true)) => total >= m,
                Some((m, false)) => total > m,
            })
            .ok_or(Fail)?;
        card.grade = cap.map_or(grade, |g| grade.max(g));
        card.base = base;
        card.effective_full = match self.fixed_eff {
            Some(f) => f.normalize(),
            None => eff.to_decimal(),
        };
        card.bonus = bonus;
        card.penalty = penalty;
        card.total = total;
        Ok(())
    }

    fn ind(
        &self,
        cx: &mut Cx,
        id: IndId,
        scores: &mut [IndScore],
        exact: &mut [ExactScore],
    ) -> R<()> {
        let n = &self.nodes[id as usize];
        let i = id as usize;
        if !n.children.is_empty() {
            for &ch in &n.children {
                self.ind(cx, ch, scores, exact)?;
            }
            if n.transfers {
                self.transfers(&n.children, scores, exact)?;
            }
            if n.kind != IndicatorKind::Normal {
                let sum: Decimal = n.children.iter().map(|&ch| scores[ch as usize].score).sum();
                scores[i] = IndScore {
                    raw: sum.normalize(),
                    score: sum.min(n.weight),
                    weight: n.shown_w,
                    status: Status::Scored(None),
                };
                exact[i] = ExactScore {
                    raw: Q::from_dec(sum),
                    weight: n.w,
                };
                return Ok(());
            }
            if let Some((w, status)) = n.fixed {
                let normal = |ch: &&IndId| self.nodes[**ch as usize].kind == IndicatorKind::Normal;
                let sum = sum_exact(
                    n.children
                        .iter()
                        .filter(normal)
                        .map(|&ch| scores[ch as usize].score),
                );
                scores[i] = IndScore {
                    raw: crate::num::normal(sum.mantissa(), sum.scale()),
                    score: sum,
                    weight: crate::num::normal(w.mantissa(), w.scale()),
                    status,
                };
                exact[i] = ExactScore {
                    raw: Q::from_dec(sum),
                    weight: Q::from_dec(w),
                };
                return Ok(());
            }
            let (mut sum, mut w, mut any) = (Decimal::ZERO, Q::ZERO, false);
            for &ch in &n.children {
                if self.nodes[ch as usize].kind == IndicatorKind::Normal {
                    let s = scores[ch as usize];
                    sum += s.score;
                    w = w.add(exact[ch as usize].weight).map_err(|_| Fail)?;
                    any |= s.status != Status::NaExcluded;
                }
            }
            let status = if any {
                Status::Scored(None)
            } else {
                Status::NaExcluded
            };
            scores[i] = IndScore {
                raw: crate::num::normal(sum.mantissa(), sum.scale()),
                score: sum,
                weight: w.to_decimal(),
                status,
            };
            exact[i] = ExactScore {
                raw: Q::from_dec(sum),
                weight: w,
            };
            return Ok(());
        }
        let zero = Decimal::ZERO;
        if let Some((when, full)) = &n.na {
            if when(cx)? {
                if *full {
                    scores[i] = IndScore {
                        raw: n.shown_w,
                        score: n.weight,
                        weight: n.shown_w,
                        status: Status::NaFull,
                    };
                    exact[i] = ExactScore {
                        raw: n.w,
                        weight: n.w,
                    };
                } else {
                    scores[i] = IndScore {
                        raw: zero,
                        score: zero,
                        weight: zero,
                        status: Status::NaExcluded,
                    };
                    exact[i] = ExactScore::ZERO;
                }
                return Ok(());
            }
        }
        for v in &n.vetoes {
            if v(cx)? {
                scores[i] = IndScore {
                    raw: zero,
                    score: zero,
                    weight: n.shown_w,
                    status: Status::Vetoed,
                };
                exact[i] = ExactScore {
                    raw: Q::ZERO,
                    weight: n.w,
                };
                return Ok(());
            }
        }
        let mut fired = None;
        for (r, row) in n.rows.iter().enumerate() {
            let holds = match &row.cond {
                Some(cond) => cond(cx)?,
                None => true,
            };
            if holds {
                fired = Some(r);
                break;
            }
        }
        let row = fired.ok_or(Fail)?;
        if let shape::Shape::Const { raw, shown, score } = n.rows[row].shape {
            scores[i] = IndScore {
                raw: shown,
                score,
                weight: n.shown_w,
                status: Status::Scored(Some(row)),
            };
            exact[i] = ExactScore { raw, weight: n.w };
            return Ok(());
        }
        let r = &n.rows[row];
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
        scores[i] = IndScore {
            raw: raw.to_decimal(),
            score: self.round(raw)?,
            weight: n.shown_w,
            status: Status::Scored(Some(row)),
        };
        exact[i] = ExactScore { raw, weight: n.w };
        Ok(())
    }

    fn transfers(&self, ids: &[IndId], scores: &mut [IndScore], exact: &mut [ExactScore]) -> R<()> {
        for &from in ids {
            let Some(targets) = &self.targets[from as usize] else {
                continue;
            };
            if scores[from as usize].status != Status::NaExcluded || targets.is_empty() {
                continue;
            }
            let live = targets
                .iter()
                .copied()
                .filter(|&t| crate::eval::takes_transfer(scores[t as usize]));
            let total_w: Decimal = live.clone().map(|t| self.nodes[t as usize].weight).sum();
            if total_w.is_zero() {
                continue;
            }
            let from_w = self.nodes[from as usize].w;
            let live: Vec<IndId> = live.collect();
            for &t in &live {
                let tw = exact[t as usize].weight;
                let s = scores[t as usize];
                let (new_w, scaled, score) = crate::eval::transfer(
                    from_w,
                    self.nodes[t as usize].w,
                    tw,
                    Q::from_dec(total_w),
                    exact[t as usize].raw,
                    self.places,
                    self.mode,
                )
                .map_err(|_| Fail)?;
                scores[t as usize] = IndScore {
                    raw: scaled.to_decimal(),
                    score,
                    weight: new_w.to_decimal(),
                    status: s.status,
                };
                exact[t as usize] = ExactScore {
                    raw: scaled,
                    weight: new_w,
                };
            }
        }
        Ok(())
    }
}
