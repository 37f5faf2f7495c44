//! An independent exact scorer, written from the language semantics
//! (docs/language.md, "Choices" in docs/architecture.md) over big
//! rationals. It reads the checked rubric (names resolved to slots) but
//! shares no arithmetic and no control flow with `jixiao::eval` or
//! `jixiao::compiled`: it is the referee both are held to. Shared with
//! benches/scoring through `#[path]`.

#![allow(dead_code)]

pub mod gen;
mod tables;

use jixiao::check::{CExpr, CKind, CNaPolicy, CScoring, CVetoEffect, Checked};
use jixiao::eval::targets::TargetRow;
use jixiao::num::Value;
use jixiao::syntax::ast::{BinOp, CmpOp, Direction, Func, IndicatorKind, RoundMode, StepMode};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;

pub type Rat = BigRational;

pub fn rat(d: Decimal) -> Rat {
    Rat::new(
        BigInt::from(d.mantissa()),
        BigInt::from(10u8).pow(d.scale()),
    )
}

/// What a fact set scores to: each indicator's score and the total, exact,
/// and the grade. `None` where the rubric gives no score (a division by
/// zero, no row matched, a score above its weight…).
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub scores: Vec<Rat>,
    pub total: Rat,
    pub grade: usize,
}

/// Round `x` to `places` decimals: 四舍五入 half away from zero, 四舍六入
/// half to even, 截断 toward zero, 进一 away from zero.
pub fn round(x: &Rat, places: u32, mode: RoundMode) -> Rat {
    let scale = BigInt::from(10u8).pow(places);
    let y = x * Rat::from_integer(scale.clone());
    let t = y.abs().trunc();
    let frac = y.abs() - &t;
    let half = Rat::new(1.into(), 2.into());
    let bump = match mode {
        RoundMode::Truncate => false,
        RoundMode::Up => !frac.is_zero(),
        RoundMode::HalfUp => frac >= half,
        RoundMode::HalfEven => {
            frac > half || (frac == half && (t.to_integer() % BigInt::from(2u8)) != BigInt::zero())
        }
    };
    let mag = if bump { t + Rat::one() } else { t };
    let signed = if y.is_negative() { -mag } else { mag };
    signed / Rat::from_integer(scale)
}

#[derive(Clone, Debug)]
enum V {
    N(Rat),
    B(bool),
    E(u16),
    T,
}

impl V {
    fn n(self) -> Rat {
        match self {
            V::N(r) => r,
            _ => Rat::zero(),
        }
    }
    fn b(self) -> bool {
        matches!(self, V::B(true))
    }
}

struct Ctx<'a> {
    c: &'a Checked,
    facts: &'a [Value],
    derived: Vec<Option<V>>,
    /// Each target table's raw points, by table id.
    tables: Vec<Rat>,
    /// The assessor's scores, by indicator id.
    picks: &'a [Option<Decimal>],
}

type R<T> = Result<T, ()>;

impl Ctx<'_> {
    fn slot(&mut self, s: u32) -> R<V> {
        let s = s as usize;
        let n = self.c.facts.len();
        if s < n {
            return Ok(match self.facts[s] {
                Value::Num(d) => V::N(rat(d)),
                Value::Bool(b) => V::B(b),
                Value::Enum(i) => V::E(i),
                Value::Text => V::T,
            });
        }
        if let Some(v) = &self.derived[s - n] {
            return Ok(v.clone());
        }
        let e = &self.c.derived[s - n].expr;
        let v = self.ev(e)?;
        self.derived[s - n] = Some(v.clone());
        Ok(v)
    }

    fn num(&mut self, e: &CExpr) -> R<Rat> {
        Ok(self.ev(e)?.n())
    }

    fn truth(&mut self, e: &CExpr) -> R<bool> {
        Ok(self.ev(e)?.b())
    }

    fn ev(&mut self, e: &CExpr) -> R<V> {
        Ok(match &e.kind {
            CKind::Const(v) => match *v {
                Value::Num(d) => V::N(rat(d)),
                Value::Bool(b) => V::B(b),
                Value::Enum(i) => V::E(i),
                Value::Text => V::T,
            },
            CKind::Slot(s) => self.slot(*s)?,
            CKind::Neg(a) => V::N(-self.num(a)?),
            CKind::Bin(op, a, b) => {
                let (x, y) = (self.num(a)?, self.num(b)?);
                V::N(match op {
                    BinOp::Add => x + y,
                    BinOp::Sub => x - y,
                    BinOp::Mul => x * y,
                    BinOp::Div if y.is_zero() => return Err(()),
                    BinOp::Div => x / y,
                })
            }
            CKind::Cmp(first, rest) => {
                let mut prev = self.ev(first)?;
                for (op, rhs) in rest {
                    let next = self.ev(rhs)?;
                    let holds = match (&prev, &next) {
                        (V::N(a), V::N(b)) => match op {
                            CmpOp::Eq => a == b,
                            CmpOp::Ne => a != b,
                            CmpOp::Lt => a < b,
                            CmpOp::Le => a <= b,
                            CmpOp::Gt => a > b,
                            CmpOp::Ge => a >= b,
                        },
                        (a, b) => {
                            let same = match (a, b) {
                                (V::B(x), V::B(y)) => x == y,
                                (V::E(x), V::E(y)) => x == y,
                                (V::T, V::T) => true,
                                _ => false,
                            };
                            match op {
                                CmpOp::Eq => same,
                                CmpOp::Ne => !same,
                                _ => false,
                            }
                        }
                    };
                    if !holds {
                        return Ok(V::B(false));
                    }
                    prev = next;
                }
                V::B(true)
            }
            CKind::Between {
                x,
                lo,
                lo_incl,
                hi,
                hi_incl,
            } => {
                let v = self.num(x)?;
                let l = self.num(lo)?;
                let h = self.num(hi)?;
                let above = if *lo_incl { v >= l } else { v > l };
                let below = if *hi_incl { v <= h } else { v < h };
                V::B(above && below)
            }
            CKind::And(a, b) => V::B(self.truth(a)? && self.truth(b)?),
            CKind::Or(a, b) => V::B(self.truth(a)? || self.truth(b)?),
            CKind::Not(a) => V::B(!self.truth(a)?),
            CKind::Call(f, args) => {
                let x = self.num(&args[0])?;
                V::N(match f {
                    Func::Abs => x.abs(),
                    Func::Floor => x.floor(),
                    Func::Ceil => x.ceil(),
                    Func::Round => {
                        let p = match args.get(1) {
                            Some(p) => self.num(p)?.trunc().to_integer().to_u32().ok_or(())?,
                            None => 0,
                        };
                        round(&x, p.min(28), RoundMode::HalfUp)
                    }
                    Func::Min | Func::Max => {
                        let mut acc = x;
                        for a in &args[1..] {
                            let y = self.num(a)?;
                            let take = if *f == Func::Min { y < acc } else { y > acc };
                            if take {
                                acc = y;
                            }
                        }
                        acc
                    }
                    Func::Clamp => {
                        let lo = self.num(&args[1])?;
                        let hi = self.num(&args[2])?;
                        let v = if x < lo { lo } else { x };
                        if v > hi {
                            hi
                        } else {
                            v
                        }
                    }
                })
            }
        })
    }

    /// A fired row's raw points, and whether they may go below zero.
    fn shape(&mut self, s: &CScoring, w: &Rat) -> R<(Rat, bool)> {
        let one = Rat::one();
        let capped = |r: Rat| if r > one { one.clone() } else { r };
        Ok(match s {
            CScoring::Expr(e) => (self.num(e)?, false),
            CScoring::Deduction(d) => {
                let base = self.num(&d.base)?;
                let subject = self.num(&d.subject)?;
                let baseline = self.num(&d.baseline)?;
                let size = self.num(&d.step)?;
                let per = self.num(&d.per_step)?;
                let past = if d.over {
                    subject - baseline
                } else {
                    baseline - subject
                };
                let excess = if past.is_negative() {
                    Rat::zero()
                } else {
                    past
                };
                if size.is_zero() {
                    return Err(());
                }
                let ratio = excess / size;
                let steps = match d.mode {
                    StepMode::Floor => ratio.floor(),
                    StepMode::Ceil => ratio.ceil(),
                    StepMode::Proportional => ratio,
                };
                let left = base - steps * per;
                if d.floor_zero && left.is_negative() {
                    (Rat::zero(), false)
                } else {
                    (left, !d.floor_zero)
                }
            }
            CScoring::Ratio {
                direction,
                actual,
                target,
            } => {
                let a = self.num(actual)?;
                let t = self.num(target)?;
                // A target below zero has no ratio; at or below zero is
                // better than any positive 反向 target: full marks.
                if t.is_negative() {
                    return Err(());
                }
                if *direction == Direction::Lower && !a.is_positive() && t.is_positive() {
                    return Ok((w.clone(), false));
                }
                let (n, d) = match direction {
                    Direction::Higher => (a, t),
                    Direction::Lower => (t, a),
                };
                if d.is_zero() {
                    return Err(());
                }
                (capped(n / d) * w, false)
            }
            CScoring::Proportional(e) => (capped(self.num(e)?) * w, false),
            CScoring::Checklist(cl) => {
                let pts = self.num(&cl.points)?;
                let mut count = Rat::zero();
                for &(slot, is_count, _) in &cl.items {
                    match (is_count, self.slot(slot)?) {
                        (true, V::N(n)) => count += n,
                        (false, V::B(b)) if b == cl.gain => count += Rat::one(),
                        _ => {}
                    }
                }
                let got = count * pts;
                if cl.gain {
                    (got, false)
                } else {
                    let left = w - got;
                    if cl.floor_zero && left.is_negative() {
                        (Rat::zero(), false)
                    } else {
                        (left, !cl.floor_zero)
                    }
                }
            }
            CScoring::Match { subject, arms } => {
                let V::E(i) = self.ev(subject)? else {
                    return Ok((Rat::zero(), false));
                };
                let e = arms.iter().find(|(k, _)| *k == i).ok_or(())?;
                (self.num(&e.1)?, false)
            }
            CScoring::Qualitative(q) => {
                let V::E(i) = self.slot(q.tier)? else {
                    return Ok((Rat::zero(), false));
                };
                let rate = self.slot(q.rate)?.n();
                let (lo, lo_in, hi, hi_in) = q.bands.get(i as usize).copied().flatten().ok_or(())?;
                let (l, h) = (rat(lo), rat(hi));
                let inside = (if lo_in { rate >= l } else { rate > l })
                    && (if hi_in { rate <= h } else { rate < h });
                if !inside {
                    return Err(());
                }
                (rate * w, false)
            }
        })
    }
}

#[derive(Clone, Debug)]
struct S {
    raw: Rat,
    score: Rat,
    weight: Rat,
    excluded: bool,
}

/// Score `facts` (every input given, by slot) exactly.
pub fn score(c: &Checked, facts: &[Value]) -> Option<Card> {
    score_with(c, facts, &[], &[])
}

/// Score `facts` with each target table's rows (by table id) and the
/// assessor's scores (by indicator id).
pub fn score_with(
    c: &Checked,
    facts: &[Value],
    rows: &[Vec<TargetRow>],
    picks: &[Option<Decimal>],
) -> Option<Card> {
    let mut tables = Vec::with_capacity(c.tables.len());
    for (i, t) in c.tables.iter().enumerate() {
        tables.push(tables::table(t, rows.get(i)?)?);
    }
    let mut cx = Ctx {
        c,
        facts,
        derived: vec![None; c.derived.len()],
        tables,
        picks,
    };
    score_in(&mut cx).ok()
}

fn score_in(cx: &mut Ctx) -> R<Card> {
    let c = cx.c;
    let places = c.rounding.places;
    let mode = c.rounding.mode;
    let blank = S {
        raw: Rat::zero(),
        score: Rat::zero(),
        weight: Rat::zero(),
        excluded: false,
    };
    let mut s = vec![blank; c.indicators.len()];
    for &r in &c.roots {
        ind(cx, r, &mut s)?;
    }
    transfers(c, &c.roots, &mut s);
    let (mut base, mut eff, mut extra) = (Rat::zero(), Rat::zero(), Rat::zero());
    for &r in &c.roots {
        let x = &s[r as usize];
        match c.ind(r).kind {
            IndicatorKind::Normal => {
                base += &x.score;
                eff += &x.weight;
            }
            IndicatorKind::Bonus => extra += &x.score,
            IndicatorKind::Penalty => extra -= &x.score,
        }
    }
    let full = rat(c.full_marks);
    let mut total = if eff.is_zero() || eff == full {
        base
    } else {
        round(&(base * &full / &eff), places, mode)
    };
    total += extra;
    let mut cap = None;
    for v in &c.vetoes {
        if cx.truth(&v.when)? {
            match v.effect {
                CVetoEffect::TotalTo(x) => total = rat(x),
                CVetoEffect::GradeCap(g) => cap = Some(cap.map_or(g, |c: usize| c.max(g))),
            }
        }
    }
    let total = round(&total, places, mode);
    let grade = c
        .grades
        .iter()
        .position(|g| match g.min {
            None => true,
            Some((m, true)) => total >= rat(m),
            Some((m, false)) => total > rat(m),
        })
        .ok_or(())?;
    Ok(Card {
        scores: s.into_iter().map(|x| x.score).collect(),
        total,
        grade: cap.map_or(grade, |g| grade.max(g)),
    })
}

fn ind(cx: &mut Ctx, id: u32, s: &mut [S]) -> R<()> {
    let c = cx.c;
    let i = c.ind(id);
    let w = rat(i.weight);
    if !i.is_leaf() {
        for &ch in &i.children {
            ind(cx, ch, s)?;
        }
        transfers(c, &i.children, s);
        if i.kind != IndicatorKind::Normal {
            // A bonus or penalty group: its items share its cap.
            let sum: Rat = i
                .children
                .iter()
                .map(|&ch| s[ch as usize].score.clone())
                .sum();
            s[id as usize] = S {
                raw: sum.clone(),
                score: if sum > w { w.clone() } else { sum },
                weight: w,
                excluded: false,
            };
            return Ok(());
        }
        let (mut sum, mut wt, mut any) = (Rat::zero(), Rat::zero(), false);
        for &ch in &i.children {
            if c.ind(ch).kind == IndicatorKind::Normal {
                sum += &s[ch as usize].score;
                wt += &s[ch as usize].weight;
                any |= !s[ch as usize].excluded;
            }
        }
        s[id as usize] = S {
            raw: sum.clone(),
            score: sum,
            weight: wt,
            excluded: !any,
        };
        return Ok(());
    }
    if let Some(na) = &i.na {
        if cx.truth(&na.when)? {
            s[id as usize] = match na.policy {
                CNaPolicy::Full => S {
                    raw: w.clone(),
                    score: w.clone(),
                    weight: w,
                    excluded: false,
                },
                _ => S {
                    raw: Rat::zero(),
                    score: Rat::zero(),
                    weight: Rat::zero(),
                    excluded: true,
                },
            };
            return Ok(());
        }
    }
    for v in &i.vetoes {
        if cx.truth(v)? {
            s[id as usize] = S {
                raw: Rat::zero(),
                score: Rat::zero(),
                weight: w,
                excluded: false,
            };
            return Ok(());
        }
    }
    if let Some(t) = i.table {
        let raw = cx.tables[t as usize].clone();
        return leaf_points(c, id, raw, false, s);
    }
    let mut fired = None;
    for r in &i.rows {
        let holds = match &r.cond {
            Some(e) => cx.truth(e)?,
            None => true,
        };
        if holds {
            fired = Some(r);
            break;
        }
    }
    let row = fired.ok_or(())?;
    if let Some((lo, hi)) = row.pick {
        // 评审打分: the assessor's score, within the row's range.
        let v = cx.picks.get(id as usize).copied().flatten().ok_or(())?;
        if v < lo || v > hi {
            return Err(());
        }
        return leaf_points(c, id, rat(v), false, s);
    }
    let (raw, may_go_negative) = cx.shape(&row.result, &w)?;
    leaf_points(c, id, raw, may_go_negative, s)
}

/// A leaf's raw points checked against its weight (a bonus or penalty item
/// is capped there), then rounded.
fn leaf_points(c: &Checked, id: u32, mut raw: Rat, may_go_negative: bool, s: &mut [S]) -> R<()> {
    let i = c.ind(id);
    let w = rat(i.weight);
    if raw > w {
        if i.kind == IndicatorKind::Normal {
            return Err(());
        }
        raw = w.clone();
    }
    if raw.is_negative() && !may_go_negative {
        return Err(());
    }
    let score = round(&raw, c.rounding.places, c.rounding.mode);
    s[id as usize] = S {
        raw,
        score,
        weight: w,
        excluded: false,
    };
    Ok(())
}

/// 转给: an excluded sibling's weight goes to its targets in proportion to
/// their weights; each target's points scale with its new weight.
fn transfers(c: &Checked, ids: &[u32], s: &mut [S]) {
    for &from in ids {
        let i = c.ind(from);
        let Some(na) = &i.na else { continue };
        let CNaPolicy::Transfer(targets) = &na.policy else {
            continue;
        };
        if !s[from as usize].excluded || targets.is_empty() {
            continue;
        }
        // Only targets still counted, with a weight, take a share (by their
        // declared weights); each scales from its weight so far.
        let live: Vec<u32> = targets
            .iter()
            .copied()
            .filter(|&t| !s[t as usize].excluded && !s[t as usize].weight.is_zero())
            .collect();
        let total: Rat = live.iter().map(|&t| rat(c.ind(t).weight)).sum();
        if total.is_zero() {
            continue;
        }
        for &t in &live {
            let tw = s[t as usize].weight.clone();
            let new_w = &tw + rat(i.weight) * rat(c.ind(t).weight) / &total;
            let raw = &s[t as usize].raw * &new_w / &tw;
            let x = &mut s[t as usize];
            x.score = round(&raw, c.rounding.places, c.rounding.mode);
            x.raw = raw;
            x.weight = new_w;
        }
    }
}

/// Whether an evaluator's scorecard (or its failure) agrees with the oracle.
pub fn agrees(
    oracle: &Option<Card>,
    got: &Result<jixiao::eval::Scorecard, Box<jixiao::diag::Diagnostic>>,
) -> bool {
    match (oracle, got) {
        (None, Err(_)) => true,
        (Some(o), Ok(card)) => {
            card.grade == o.grade
                && rat(card.total) == o.total
                && card
                    .indicators
                    .iter()
                    .zip(&o.scores)
                    .all(|(s, r)| rat(s.score) == *r)
        }
        _ => false,
    }
}
