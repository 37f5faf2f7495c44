//! B: the Shaanxi 2019 rubric (rules/shaanxi-2019.jx) written by hand in
//! Rust with rust_decimal, the way one would without jixiao. Leaf scores in
//! indicator order; `None` where the rubric has no score (a qualitative rate
//! outside its tier's band).

use rust_decimal::{Decimal, RoundingStrategy};

/// The inputs, typed: rates as fractions, yes/no items, tiers as 0 好 1 中 2 差.
pub struct Facts {
    pub done: Decimal,
    pub adjust: Decimal,
    pub half: Decimal,
    pub three_q: Decimal,
    pub accuracy: Decimal,
    pub sangong: Decimal,
    pub assets: [bool; 3],
    pub funds: [bool; 5],
    pub out_tier: u16,
    pub out_rate: Decimal,
    pub eff_tier: u16,
    pub eff_rate: Decimal,
}

pub struct Card {
    /// 预算完成率, 预算调整率, 半年进度, 前三季度进度, 预算编制准确率,
    /// 三公经费控制率, 资产管理规范性, 资金使用合规性, 项目产出, 项目效益.
    pub leaves: [Decimal; 10],
    pub total: Decimal,
    pub grade: usize,
}

fn d(m: i64, s: u32) -> Decimal {
    Decimal::new(m, s)
}

fn round(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn tier(t: u16, rate: Decimal, weight: Decimal) -> Option<Decimal> {
    let inside = match t {
        0 => rate >= d(8, 1) && rate <= Decimal::ONE,
        1 => rate >= d(5, 1) && rate < d(8, 1),
        _ => rate >= d(1, 1) && rate < d(5, 1),
    };
    inside.then(|| rate * weight)
}

pub fn score(f: &Facts) -> Option<Card> {
    let r = f.done;
    let done = if r == Decimal::ONE {
        d(10, 0)
    } else if r >= d(95, 2) {
        d(9, 0)
    } else if r >= d(90, 2) {
        d(8, 0)
    } else if r >= d(85, 2) {
        d(7, 0)
    } else if r >= d(80, 2) {
        d(6, 0)
    } else if r >= d(70, 2) {
        d(4, 0)
    } else {
        Decimal::ZERO
    };
    let a = f.adjust.abs();
    let adjust = if a <= d(5, 2) {
        d(5, 0)
    } else {
        let steps = ((a - d(5, 2)) / d(1, 3)).floor();
        (d(5, 0) - steps * d(1, 1)).max(Decimal::ZERO)
    };
    let half = if f.half >= d(45, 2) {
        d(2, 0)
    } else if f.half >= d(40, 2) {
        Decimal::ONE
    } else {
        Decimal::ZERO
    };
    let three_q = if f.three_q >= d(75, 2) {
        d(3, 0)
    } else if f.three_q >= d(60, 2) {
        d(2, 0)
    } else {
        Decimal::ZERO
    };
    let accuracy = if f.accuracy <= d(20, 2) {
        d(5, 0)
    } else if f.accuracy <= d(40, 2) {
        d(3, 0)
    } else {
        Decimal::ZERO
    };
    let sangong = if f.sangong <= Decimal::ONE {
        d(5, 0)
    } else {
        let steps = ((f.sangong - Decimal::ONE) / d(1, 3)).floor();
        (d(5, 0) - steps * d(5, 1)).max(Decimal::ZERO)
    };
    let missing = |items: &[bool]| Decimal::from(items.iter().filter(|b| !**b).count() as u32);
    let assets = (d(5, 0) - missing(&f.assets) * d(2, 0)).max(Decimal::ZERO);
    // The rubric has no 扣完为止 here: the score may go below zero.
    let funds = d(5, 0) - missing(&f.funds) * d(2, 0);
    let out = tier(f.out_tier, f.out_rate, d(40, 0))?;
    let eff = tier(f.eff_tier, f.eff_rate, d(20, 0))?;
    let leaves = [
        done, adjust, half, three_q, accuracy, sangong, assets, funds, out, eff,
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
