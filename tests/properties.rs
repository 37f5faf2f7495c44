//! Laws of scoring, checked over generated exact decimals.

mod common;

use jixiao::check::Checked;
use jixiao::diag::SourceMap;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn compiled(rules: &str) -> Checked {
    common::compile(rules).0
}

fn score_with(c: &Checked, toml: &str) -> Decimal {
    let mut map = SourceMap::new();
    let f = common::facts(c, &mut map, toml);
    jixiao::eval::score(c, &f).expect("scores").total
}

fn pct(basis_points: i64) -> String {
    format!("{}%", Decimal::new(basis_points, 2))
}

const HEAD: &str =
    "评分表 \"性质\" 满分 10\n保留 4 位小数（四舍五入）\n等级 优 >= 9，差\n输入 率: 百分比\n";

fn deduction(mode: &str, floor: &str) -> Checked {
    compiled(&format!(
        "{HEAD}指标 甲 10 {{\n如果 率 ≤ 5% 则 10\n否则 从 10 分扣：率 超出 5% 的部分 每 0.1个百分点 扣 0.3 分（{mode}）{floor}\n}}\n"
    ))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// Counting whole steps never deducts more than the exact proportion,
    /// which never deducts more than counting any part of a step.
    #[test]
    fn whole_steps_ge_proportional_ge_any_part(bp in 0i64..2000) {
        let facts = format!("率 = \"{}\"", pct(bp));
        let floor = score_with(&deduction("按整步", ""), &facts);
        let prop = score_with(&deduction("按比例", ""), &facts);
        let ceil = score_with(&deduction("不足一步按一步", ""), &facts);
        prop_assert!(floor >= prop && prop >= ceil, "{floor} {prop} {ceil}");
    }

    /// With 扣完为止 a deduction stays within [0, starting points]; without it
    /// the score is the same whenever it is not negative.
    #[test]
    fn floor_at_zero_bounds_the_score(bp in 0i64..100_000) {
        let facts = format!("率 = \"{}\"", pct(bp));
        let floored = score_with(&deduction("按整步", "，扣完为止"), &facts);
        let free = score_with(&deduction("按整步", ""), &facts);
        prop_assert!(floored >= Decimal::ZERO && floored <= Decimal::TEN);
        prop_assert_eq!(floored, free.max(Decimal::ZERO));
    }

    /// A tier table with ascending thresholds and ascending points is monotone.
    #[test]
    fn ascending_tiers_are_monotone(a in 0i64..12_000, b in 0i64..12_000) {
        let c = compiled(&format!(
            "{HEAD}指标 甲 10 {{\n如果 率 ≥ 95% 则 10\n如果 率 在 90%（含）和 95% 之间 则 8\nif 85% <= 率 < 90% then 7\n否则 0\n}}\n"
        ));
        let (lo, hi) = (a.min(b), a.max(b));
        let s_lo = score_with(&c, &format!("率 = \"{}\"", pct(lo)));
        let s_hi = score_with(&c, &format!("率 = \"{}\"", pct(hi)));
        prop_assert!(s_lo <= s_hi);
    }

    /// The same amount written in 元, 万元 or 亿元 scores identically.
    #[test]
    fn money_scale_does_not_change_the_score(fen in 1i64..10_000_000_000, plan_fen in 1i64..10_000_000_000) {
        let c = compiled(
            "评分表 \"钱\" 满分 10\n保留 2 位小数（四舍五入）\n等级 优 >= 9，差\n输入 实际: 万元\n输入 计划: 万元 正数\n\
             指标 甲 10 { 按比例 实际 / 计划 }\n",
        );
        let yuan = Decimal::new(fen, 2);
        let plan = Decimal::new(plan_fen, 2);
        let w = |d: Decimal| d / Decimal::from(10_000);
        let y = |d: Decimal| d / Decimal::from(100_000_000);
        let in_yuan = score_with(&c, &format!("实际 = \"{yuan} 元\"\n计划 = \"{plan} 元\""));
        let in_wan = score_with(&c, &format!("实际 = \"{} 万元\"\n计划 = \"{} 万元\"", w(yuan), w(plan)));
        let mixed = score_with(&c, &format!("实际 = \"{} 亿元\"\n计划 = \"{plan}元\"", y(yuan)));
        prop_assert_eq!(in_yuan, in_wan);
        prop_assert_eq!(in_yuan, mixed);
    }
}

/// One sibling of the weight-conservation law: its weight, points, and its
/// 不适用 policy (0 none, 1 满分, 2 剔除, 3 转给 the sibling `to`) and flag.
#[derive(Clone, Debug)]
struct Sib {
    weight: u32,
    points: u32,
    policy: u8,
    to: usize,
    na: bool,
}

fn sibs() -> impl Strategy<Value = Vec<Sib>> {
    prop::collection::vec(
        (1u32..10, 0u32..=100, 0u8..4, 0usize..5, any::<bool>()),
        2..6,
    )
    .prop_map(|v| {
        let n = v.len();
        v.into_iter()
            .enumerate()
            .map(|(i, (weight, pct, policy, to, na))| Sib {
                weight,
                points: weight * pct / 100,
                policy,
                // Another sibling; a transfer never names itself.
                to: (i + 1 + to % (n - 1)) % n,
                na,
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Weight is conserved: under every policy and every combination of
    /// not-applicable siblings (at top level or inside a parent), the weight
    /// that counts plus the weight left out (剔除, or 转给 a sibling that is
    /// itself left out) equals the full marks; with every indicator at full
    /// points the total is the full marks; the total never exceeds them;
    /// both evaluators agree. A `择一` group among the siblings keeps its
    /// whole weight whichever alternative the facts choose, scores exactly
    /// its chosen alternative, and shows the other as excluded.
    #[test]
    fn transfers_and_exclusions_conserve_the_full_marks(
        s in sibs(),
        nested in any::<bool>(),
        full in any::<bool>(),
        alt in (1u32..10, any::<bool>(), 0u32..=100, 0u32..=100),
    ) {
        let (alt_w, pick_first, pa, pb) = alt;
        let (pa, pb) = if full { (alt_w, alt_w) } else { (alt_w * pa / 100, alt_w * pb / 100) };
        let marks: u32 = s.iter().map(|x| x.weight).sum::<u32>() + alt_w;
        let mut body = String::new();
        let mut facts = String::new();
        for (i, x) in s.iter().enumerate() {
            let policy = match x.policy {
                1 => "不适用 如果 无{i} 则 满分\n".to_string(),
                2 => "不适用 如果 无{i} 则 剔除\n".to_string(),
                3 => format!("不适用 如果 无{{i}} 则 转给 项{}\n", x.to),
                _ => String::new(),
            }
            .replace("{i}", &i.to_string());
            let pts = if full { x.weight } else { x.points };
            body.push_str(&format!("指标 项{i} {} {{ {policy}得分 = {pts} }}\n", x.weight));
            if x.policy != 0 {
                facts.push_str(&format!("无{i} = \"{}\"\n", if x.na { "是" } else { "否" }));
            }
        }
        body.push_str(&format!(
            "择一 择 {alt_w} 按 选 {{\n指标 甲 {alt_w} {{ 得分 = {pa} }}\n指标 乙 {alt_w} {{ 得分 = {pb} }}\n}}\n"
        ));
        facts.push_str(&format!("选 = \"{}\"\n", if pick_first { "甲" } else { "乙" }));
        let mut inputs: String = s
            .iter()
            .enumerate()
            .filter(|(_, x)| x.policy != 0)
            .map(|(i, _)| format!("输入 无{i}: 是否\n"))
            .collect();
        inputs.push_str("输入 选: {甲, 乙}\n");
        let body = if nested { format!("指标 父 {marks} {{\n{body}}}\n") } else { body };
        let rules = format!("评分表 \"守恒\" 满分 {marks}\n保留 2 位小数（四舍五入）\n等级 优 >= 0，差\n{inputs}{body}");
        let (c, mut map) = common::compile(&rules);
        let fs = common::facts(&c, &mut map, &facts);
        let card = jixiao::eval::score(&c, &fs).expect("scores");
        let k = jixiao::compiled::Compiled::new(&c);
        let mut scratch = k.scratch();
        let got = k.score(&fs, &mut scratch).expect("compiled scores");
        prop_assert_eq!(format!("{got:?}"), format!("{card:?}"));
        let id = |n: &str| c.indicator_named(n).expect("indicator") as usize;
        let (chosen, other, pts) = if pick_first { ("甲", "乙", pa) } else { ("乙", "甲", pb) };
        let group = card.indicators[id("择")];
        prop_assert_eq!(group.score, Decimal::from(pts));
        prop_assert_eq!(group.weight, Decimal::from(alt_w));
        prop_assert_eq!(card.indicators[id(chosen)].score, Decimal::from(pts));
        prop_assert_eq!(card.indicators[id(other)].status, jixiao::eval::Status::NaExcluded);

        // Left out: 剔除, or 转给 a sibling that is itself left out or moving on.
        let gone = |x: &Sib| x.na && x.policy >= 2;
        let excluded: u32 = s
            .iter()
            .filter(|x| gone(x) && (x.policy == 2 || gone(&s[x.to])))
            .map(|x| x.weight)
            .sum();
        let counted = Decimal::from(marks - excluded);
        let eff = card.effective_full;
        prop_assert!((eff - counted).abs() < Decimal::new(1, 20), "counted {} ≠ {}", eff, counted);
        let full_marks = Decimal::from(marks);
        prop_assert!(card.total <= full_marks, "total {} > {}", card.total, full_marks);
        if full && excluded < marks {
            prop_assert_eq!(card.total, full_marks);
        }
    }
}
