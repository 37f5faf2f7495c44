//! Rule-file slips that used to score silently wrong (repros of issue 9,
//! item 4): each is now an error at check, or scores what the rule means in
//! both evaluators.

mod common;
use common::*;
use jixiao::check::Checked;
use jixiao::compiled::Compiled;
use jixiao::diag::SourceMap;
use jixiao::eval::Scorecard;

const HEAD: &str = "评分表 \"测试\" 年度 2020 满分 10\n等级 优 >= 9，良 >= 8，中 >= 6，差\n";

fn with(body: &str) -> Vec<String> {
    codes(&format!("{HEAD}{body}"))
}

/// Score with the reference evaluator and check the compiled one agrees.
fn both(rules: &str, toml: &str) -> (Checked, Scorecard) {
    let (c, card) = score(rules, toml);
    let mut map = SourceMap::new();
    let fs = facts(&c, &mut map, toml);
    let k = Compiled::new(&c);
    let mut s = k.scratch();
    let got = k.score(&fs, &mut s).expect("compiled scores too");
    assert_eq!(
        format!("{got:?}"),
        format!("{card:?}"),
        "compiled ≠ reference"
    );
    (c, card)
}

#[test]
fn a_percentage_compared_with_a_bare_number_is_an_error() {
    // bare-percent.jx: `目标 100` and `≥ 95` against percentages.
    let rules =
        "评分表 \"t\" 满分 70\n等级 优 >= 63，差\n输入 覆盖率: 百分比\n输入 满意度: 百分比\n\
指标 覆盖率 60 { 正向 实际 覆盖率 目标 100 }\n指标 满意度 10 { 如果 满意度 ≥ 95 则 10 否则 0 }\n";
    assert_eq!(codes(rules), ["E131", "E131"]);
    // Every comparing position goes through the same unit check.
    for body in [
        "输入 率: 百分比\n指标 甲 10 { 如果 率 在 90 和 100 之间 则 10 否则 0 }",
        "输入 率: 百分比\n指标 甲 10 { 如果 率 在 90（含）以上 则 10 否则 0 }",
        "输入 率: 百分比\n指标 甲 10 { 如果 95 ≤ 率 则 10 否则 0 }",
        "输入 率: 百分比\n指标 甲 10 { 反向 实际 率 目标 5 }",
        "输入 率: 百分比\n指标 甲 10 { 从 10 分扣：率 超出 5 的部分 每 1% 扣 1 分（按整步），扣完为止 }",
    ] {
        assert!(with(body).contains(&"E131".to_string()), "{body}: {:?}", with(body));
    }
    // The help line shows the fix.
    let mut map = SourceMap::new();
    let id = map.add(
        "t.jx",
        format!("{HEAD}输入 率: 百分比\n指标 甲 10 {{ 如果 率 ≥ 95 则 10 否则 0 }}"),
    );
    let d = jixiao::compile(&map, id).err().expect("an error").0;
    assert_eq!(
        d[0].msg.help(jixiao::diag::Lang::Zh).as_deref(),
        Some("写成 95%；百分比一律带 %")
    );
    // A number up to 1 may be a fraction: both readings are offered.
    let mut map = SourceMap::new();
    let id = map.add(
        "t.jx",
        format!("{HEAD}输入 率: 百分比\n指标 甲 10 {{ 如果 率 ≥ 0.95 则 10 否则 0 }}"),
    );
    let d = jixiao::compile(&map, id).err().expect("an error").0;
    assert_eq!(
        d[0].msg.help(jixiao::diag::Lang::Zh).as_deref(),
        Some("写成 95%（0.95 作比例时）或 0.95%；百分比一律带 %")
    );
}

#[test]
fn zero_and_arithmetic_with_percentages_stay_allowed() {
    for body in [
        "输入 率: 百分比\n指标 甲 10 { 如果 率 > 0 则 10 否则 0 }",
        "输入 率: 百分比\n指标 甲 10 { 如果 率 × 100 ≥ 95 则 10 否则 0 }",
        "输入 率: 百分比\n指标 甲 10 { 得分 = max((1 - 率) × 分值, 0) }",
        "输入 率: 百分比\n指标 甲 10 { 得分 = 10 × min(率, 1) }",
        "输入 人数: 人\n指标 甲 10 { 得分 = clamp(人数 / 100 人, 0, 10) }",
        "输入 率: 百分比\n指标 甲 10 { 得分 = 分值 × 率 }",
    ] {
        let c = with(body);
        assert!(!c.iter().any(|c| c.starts_with('E')), "{body}: {c:?}");
    }
}

#[test]
fn a_percentage_used_as_points_is_an_error() {
    assert_eq!(
        with("输入 x: 是否\n指标 甲 10 { 如果 x 则 30% 否则 0 }"),
        ["E132"]
    );
    assert_eq!(
        with("输入 天数: 天\n指标 甲 10 { 从 10 分扣：天数 超出 15 天 的部分 每 1 天 扣 2%（按整步），扣完为止 }"),
        ["E132"]
    );
    assert_eq!(with("输入 率: 百分比\n指标 甲 10 { 得分 = 率 }"), ["E132"]);
}

#[test]
fn a_veto_in_a_parent_is_an_error() {
    // parent-veto.jx: used to be accepted and ignored (10.00 优).
    let body = "输入 设置绩效目标: 是否\n指标 绩效目标 10 {\n  一票否决 如果 非 设置绩效目标\n  指标 合理性 5 { 得分 = 5 }\n  指标 明确性 5 { 得分 = 5 }\n}\n";
    assert_eq!(with(body), ["E134"]);
}

#[test]
fn nested_penalties_share_the_outer_cap() {
    // nested-penalty.jx: used to show the group as 不适用 and lose 35 points.
    let rules = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n输入 数据作假扣分: 分\n输入 违规违纪扣分: 分\n\
指标 基础 10 { 得分 = 10 }\n减分 加减分 最多 30 {\n  减分 数据作假 最多 30 { 得分 = 数据作假扣分 }\n  减分 违规违纪 最多 30 { 得分 = 违规违纪扣分 }\n}\n";
    let (c, card) = both(rules, "数据作假扣分 = 25\n违规违纪扣分 = 10");
    assert_eq!(ind(&c, &card, "加减分"), "30.00");
    assert_eq!(total(&c, &card), "-20.00");
    // The ledger says the group was capped.
    let mut map = SourceMap::new();
    map.add("t.jx", rules.to_string());
    let fs = facts(&c, &mut map, "数据作假扣分 = 25\n违规违纪扣分 = 10");
    let (card, ledger) = jixiao::eval::score_explained(&c, &fs).unwrap();
    let text = jixiao::report::explain(&c, &card, &ledger, &map, jixiao::diag::Lang::Zh, None);
    assert!(
        text.contains("■ 加减分（分值 30）得分 30.00\n    = 25.00 + 10.00\n    封顶 30"),
        "{text}"
    );
    // Below the cap the deductions add up.
    let (c, card) = both(rules, "数据作假扣分 = 2\n违规违纪扣分 = 1.5");
    assert_eq!(ind(&c, &card, "加减分"), "3.50");
    assert_eq!(total(&c, &card), "6.50");
    // A penalty inside a normal indicator is refused, not dropped.
    assert_eq!(
        with("输入 扣分: 分\n指标 甲 10 {\n  指标 基础 10 { 得分 = 10 }\n  减分 问题 最多 2 { 得分 = 扣分 }\n}\n"),
        ["E135"]
    );
}

#[test]
fn two_siblings_transferring_to_one_conserve_weight() {
    // transfer-two.jx: 甲 showed 5→10 and 16.00 (160%), total 24 of 15.
    let rules = "评分表 \"t\" 满分 15\n等级 优 >= 13，差\n输入 率: 百分比\n输入 无此两项: 是否\n\
指标 甲 5 { 按比例 率 }\n指标 乙 5 {\n  不适用 如果 无此两项 则 转给 甲\n  得分 = 5\n}\n\
指标 丙 5 {\n  不适用 如果 无此两项 则 转给 甲\n  得分 = 5\n}\n";
    let (c, card) = both(rules, "率 = \"80%\"\n无此两项 = \"是\"");
    let id = c.indicator_named("甲").unwrap() as usize;
    assert_eq!(card.indicators[id].weight.normalize().to_string(), "15");
    assert_eq!(ind(&c, &card, "甲"), "12.00");
    assert_eq!(total(&c, &card), "12.00");
}

#[test]
fn a_transfer_to_an_excluded_sibling_is_renormalised_not_lost() {
    let rules = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n输入 无甲: 是否\n输入 无乙: 是否\n\
指标 甲 5 { 不适用 如果 无甲 则 剔除\n 得分 = 4 }\n指标 乙 5 { 不适用 如果 无乙 则 转给 甲\n 得分 = 5 }\n";
    let (c, card) = both(rules, "无甲 = \"是\"\n无乙 = \"是\"");
    assert_eq!(total(&c, &card), "0.00");
    let (c, card) = both(rules, "无甲 = \"否\"\n无乙 = \"是\"");
    assert_eq!(ind(&c, &card, "甲"), "8.00");
    assert_eq!(total(&c, &card), "8.00");
}

#[test]
fn reverse_with_the_best_value_zero_gives_full_marks() {
    // reverse-zero.jx: used to fail with E401 (10 ÷ 0).
    let rules = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n输入 科目调整次数: 次\n\
指标 科目调整次数 10 { 反向 实际 科目调整次数 目标 10 次 }\n";
    let (c, card) = both(rules, "科目调整次数 = 0");
    assert_eq!(total(&c, &card), "10.00");
    let (c, card) = both(rules, "科目调整次数 = 20");
    assert_eq!(total(&c, &card), "5.00");
}

#[test]
fn a_ratio_to_a_target_at_or_below_zero_is_an_error() {
    // negative-percent.jx: −24% against a −30% target (lower is better)
    // scored full marks.
    let body =
        "输入 变动率: 百分比\n约束 变动率 ≥ -100%\n指标 甲 10 { 反向 实际 变动率 目标 -30% }";
    assert_eq!(with(body), ["E133"]);
    assert_eq!(
        with("输入 x: 数\n指标 甲 10 { 正向 实际 x 目标 0 }"),
        ["E133"]
    );
    // A computed target below zero fails when scoring, in both evaluators.
    let rules = format!("{HEAD}输入 x: 数\n输入 t: 数\n指标 甲 10 {{ 正向 实际 x 目标 t }}\n");
    assert_eq!(score_err(&rules, "x = -24\nt = -30").code(), "E133");
    let (c, mut map) = compile(&rules);
    let fs = facts(&c, &mut map, "x = -24\nt = -30");
    let k = Compiled::new(&c);
    let mut s = k.scratch();
    assert_eq!(k.score(&fs, &mut s).unwrap_err().code(), "E133");
}
