//! B for jinzhong-2020 (rules/jinzhong-2020.jx), written by hand the way a
//! Rust programmer would: rust_decimal, each rate divided out as it is
//! read (`a / b`), then compared and multiplied. Decimal division rounds a
//! quotient to 28 significant digits, so a few scores come out 0.01 off
//! (3 × 1/120 = 0.0249…9 → 0.02); the benchmark counts them against the
//! oracle. Leaf scores in indicator order; `None` where the rubric gives no
//! score (a division by zero, a negative proportional score).

use rust_decimal::{Decimal, RoundingStrategy};

pub struct Facts {
    pub carry: Decimal,
    pub initial: Decimal,
    pub adjust: Decimal,
    pub other: Decimal,
    pub spent: Decimal,
    pub left: Decimal,
    pub adjusted: Decimal,
    pub staff: Decimal,
    pub posts: Decimal,
    pub sangong_now: Decimal,
    pub sangong_last: Decimal,
    pub key: Decimal,
    pub projects: Decimal,
    pub pay: [Decimal; 4],
    pub public_spent: Decimal,
    pub public_budget: Decimal,
    pub sangong_spent: Decimal,
    pub sangong_budget: Decimal,
    pub bought: Decimal,
    pub buy_plan: Decimal,
    pub assets: Decimal,
    pub in_use: Decimal,
    /// 工作规划合理 … 生态效益达到预期, in the rubric's order.
    pub yes: [bool; 14],
    /// 0 满意, 1 基本满意, 2 不满意.
    pub satisfaction: u16,
}

pub struct Card {
    pub leaves: [Decimal; 29],
    pub total: Decimal,
    pub grade: usize,
}

fn d(m: i64, s: u32) -> Decimal {
    Decimal::new(m, s)
}

fn round(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_div(b)
}

/// `从 3 分扣：x 超出|低于 base 的部分 每 1个百分点 扣 0.3 分（按整步），扣完为止`.
fn steps(past: Decimal) -> Decimal {
    let steps = (past.max(Decimal::ZERO) / d(1, 2)).floor();
    (d(3, 0) - steps * d(3, 1)).max(Decimal::ZERO)
}

fn prop(rate: Decimal, w: Decimal) -> Option<Decimal> {
    let raw = rate.min(Decimal::ONE) * w;
    (raw >= Decimal::ZERO).then_some(raw)
}

pub fn score(f: &Facts) -> Option<Card> {
    let yes = |i: usize, w: i64| if f.yes[i] { d(w, 0) } else { Decimal::ZERO };
    let budget = f.carry + f.initial + f.adjust + f.other;
    let staff = div(f.staff, f.posts)?;
    let sangong = div(f.sangong_now - f.sangong_last, f.sangong_last)?;
    let key = div(f.key, f.projects)?;
    let done = div(f.spent, budget)?;
    let adjust = div(f.adjusted, f.initial)?;
    let left = div(f.left, budget)?;
    let public = div(f.public_spent, f.public_budget)?;
    let sangong_c = div(f.sangong_spent, f.sangong_budget)?;
    let buy = div(f.bought, f.buy_plan)?;
    let assets = div(f.assets, f.in_use)?;
    let at = |x: Decimal, t: Decimal| if x >= t { Decimal::ONE } else { Decimal::ZERO };
    let leaves = [
        yes(0, 3),
        yes(1, 3),
        if staff <= Decimal::ONE {
            d(3, 0)
        } else {
            Decimal::ZERO
        },
        if sangong <= Decimal::ZERO {
            d(3, 0)
        } else {
            Decimal::ZERO
        },
        prop(key, d(4, 0))?,
        if done >= d(95, 2) {
            d(3, 0)
        } else {
            steps(d(95, 2) - done)
        },
        if adjust <= Decimal::ONE {
            d(3, 0)
        } else {
            steps(adjust - Decimal::ONE)
        },
        at(f.pay[0], d(25, 2)),
        at(f.pay[1], d(50, 2)),
        at(f.pay[2], d(75, 2)),
        at(f.pay[3], d(9167, 4)),
        if left <= d(1, 1) {
            d(3, 0)
        } else {
            steps(left - d(1, 1))
        },
        if public <= Decimal::ONE {
            d(2, 0)
        } else {
            Decimal::ZERO
        },
        if sangong_c <= Decimal::ONE {
            d(2, 0)
        } else {
            Decimal::ZERO
        },
        if buy >= d(9, 1) {
            d(3, 0)
        } else {
            prop(buy, d(3, 0))?
        },
        yes(2, 3),
        yes(3, 3),
        yes(4, 3),
        yes(5, 3),
        yes(6, 3),
        yes(7, 3),
        prop(assets, d(4, 0))?,
        yes(8, 8),
        yes(9, 8),
        yes(10, 6),
        yes(11, 5),
        yes(12, 5),
        yes(13, 5),
        if f.satisfaction == 2 {
            Decimal::ZERO
        } else {
            d(5, 0)
        },
    ]
    .map(round);
    let total = round(leaves.iter().sum());
    let grade = if total >= d(90, 0) {
        0
    } else if total >= d(80, 0) {
        1
    } else if total >= d(60, 0) {
        2
    } else {
        3
    };
    Some(Card {
        leaves,
        total,
        grade,
    })
}
