//! Each scoring shape (a–j of the language) as a table of cases:
//! a rule, facts, and the score they must give.

mod common;
use common::*;

const HEAD: &str = "评分表 \"测试\" 年度 2020 满分 10\n保留 2 位小数（四舍五入）\n等级 优 >= 9，良 >= 8，中 >= 6，差\n";

fn one(body: &str, inputs: &str, facts_toml: &str) -> String {
    let rules = format!("{HEAD}{inputs}\n指标 甲 10 {{\n{body}\n}}\n");
    let (c, card) = score(&rules, facts_toml);
    ind(&c, &card, "甲")
}

#[test]
fn a_tier_tables_first_match_wins_with_inclusive_bounds() {
    let body = "
      如果 率 = 100% 则 10
      如果 率 ≥ 95% 则 9
      如果 率 在 90%（含）和 95% 之间 则 8
      if 85% <= 率 < 90% then 7
      如果 率 在 80%（含）以上 则 6
      否则 0";
    let cases = [
        ("100%", "10.00"),
        ("101%", "9.00"),
        ("95%", "9.00"),
        ("94.99%", "8.00"),
        ("90%", "8.00"),
        ("89.99%", "7.00"),
        ("85%", "7.00"),
        ("80%", "6.00"),
        ("79.99%", "0.00"),
    ];
    for (rate, want) in cases {
        assert_eq!(
            one(body, "输入 率: 百分比", &format!("率 = \"{rate}\"")),
            want,
            "率 = {rate}"
        );
    }
}

#[test]
fn a_exclusive_lower_bound_without_han() {
    let body = "如果 率 ≤ 20% 则 5\n如果 率 在 20% 和 40%（含） 之间 则 3\n否则 0";
    for (rate, want) in [
        ("20%", "5.00"),
        ("20.01%", "3.00"),
        ("40%", "3.00"),
        ("40.01%", "0.00"),
    ] {
        assert_eq!(
            one(body, "输入 率: 百分比", &format!("率 = \"{rate}\"")),
            want,
            "率 = {rate}"
        );
    }
}

#[test]
fn b_step_deductions_floor_proportional_ceil() {
    let rule = |mode: &str, floor: &str| {
        format!("如果 |率| ≤ 5% 则 10\n否则 从 10 分扣：|率| 超出 5% 的部分 每 0.1个百分点 扣 0.1 分（{mode}）{floor}")
    };
    let cases = [
        ("按整步", "5.35%", "9.70"),
        ("按比例", "5.35%", "9.65"),
        ("不足一步按一步", "5.35%", "9.60"),
        ("按整步", "-5.35%", "9.70"),
        ("按整步", "5.4%", "9.60"),
        ("不足一步按一步", "5.4%", "9.60"),
    ];
    for (mode, rate, want) in cases {
        let got = one(
            &rule(mode, "，扣完为止"),
            "输入 率: 百分比",
            &format!("率 = \"{rate}\""),
        );
        assert_eq!(got, want, "{mode} {rate}");
    }
}

#[test]
fn b_floor_at_zero_or_negative() {
    let floored = "否则 从 10 分扣：率 超出 5% 的部分 每 1个百分点 扣 1 分（按整步），扣完为止";
    let unfloored = "否则 从 10 分扣：率 超出 5% 的部分 每 1个百分点 扣 1 分（按整步）";
    assert_eq!(one(floored, "输入 率: 百分比", "率 = \"25%\""), "0.00");
    assert_eq!(one(unfloored, "输入 率: 百分比", "率 = \"25%\""), "-10.00");
}

#[test]
fn b_shortfall_below_baseline() {
    let body = "如果 率 ≥ 95% 则 10\n否则 从 10 分扣：率 低于 95% 的部分 每 1个百分点 扣 0.3 分（按整步），扣完为止";
    assert_eq!(one(body, "输入 率: 百分比", "率 = \"85.8%\""), "7.30");
}

#[test]
fn c_proportional_and_ratio_capped() {
    assert_eq!(
        one("按比例 率", "输入 率: 百分比", "率 = \"84.25%\""),
        "8.43"
    );
    assert_eq!(
        one("按比例 率", "输入 率: 百分比", "率 = \"120%\""),
        "10.00"
    );
    let pos = "正向 实际 人数 目标 4000 人";
    assert_eq!(one(pos, "输入 人数: 人", "人数 = 4253"), "10.00");
    assert_eq!(one(pos, "输入 人数: 人", "人数 = 3000"), "7.50");
    let neg = "反向 实际 天数 目标 10 天";
    assert_eq!(one(neg, "输入 天数: 天", "天数 = 12"), "8.33");
    assert_eq!(one(neg, "输入 天数: 天", "天数 = 8"), "10.00");
    let formula = "得分 = 完成值 / 目标值 × 分值";
    assert_eq!(
        one(
            formula,
            "输入 完成值: 家\n输入 目标值: 家 正数",
            "完成值 = 3\n目标值 = 4"
        ),
        "7.50"
    );
}

#[test]
fn d_checklists_gain_deduct_and_incidents() {
    let inputs = "输入 甲项: 是否\n输入 乙项: 是否\n输入 丙项: 是否\n输入 事故: 次";
    let gain = "清单 每项 得 2 分：甲项，乙项，丙项";
    assert_eq!(
        one(
            gain,
            inputs,
            "甲项 = \"是\"\n乙项 = \"否\"\n丙项 = \"是\"\n事故 = 0"
        ),
        "4.00"
    );
    let deduct = "清单 每项 扣 4 分：甲项，乙项，丙项，扣完为止";
    assert_eq!(
        one(
            deduct,
            inputs,
            "甲项 = \"是\"\n乙项 = \"否\"\n丙项 = \"是\"\n事故 = 0"
        ),
        "6.00"
    );
    assert_eq!(
        one(
            deduct,
            inputs,
            "甲项 = \"否\"\n乙项 = \"否\"\n丙项 = \"否\"\n事故 = 0"
        ),
        "0.00"
    );
    let incidents = "清单 每项 扣 1.5 分：事故，扣完为止";
    assert_eq!(
        one(
            incidents,
            inputs,
            "甲项 = \"是\"\n乙项 = \"是\"\n丙项 = \"是\"\n事故 = 3"
        ),
        "5.50"
    );
}

#[test]
fn e_categorical_enum_and_condition_between_facts() {
    let inputs = "输入 档次: {好, 中, 差}";
    let m = "对照 档次：好 得 10，中 得 6，差 得 0";
    for (t, want) in [("好", "10.00"), ("中", "6.00"), ("差", "0.00")] {
        assert_eq!(one(m, inputs, &format!("档次 = \"{t}\"")), want);
    }
    let tiers = "如果 档次 = 好 则 10\n如果 档次 ≠ 差 则 5\n否则 0";
    assert_eq!(one(tiers, inputs, "档次 = \"中\""), "5.00");
    let between = "如果 实际 >= 计划 则 10 否则 4";
    let inp = "输入 实际: 万元\n输入 计划: 万元";
    assert_eq!(
        one(between, inp, "实际 = \"1.2 亿元\"\n计划 = \"12,000 万元\""),
        "10.00"
    );
    assert_eq!(
        one(
            between,
            inp,
            "实际 = \"11,999.99 万元\"\n计划 = \"1.2 亿元\""
        ),
        "4.00"
    );
}

#[test]
fn f_qualitative_band_and_rate() {
    let inputs = "输入 档: {好, 中, 差}\n输入 得分率: 百分比";
    let q =
        "定性 档 得分率 得分率：好 80%（含）至 100%（含），中 50%（含）至 80%，差 10%（含）至 50%";
    assert_eq!(one(q, inputs, "档 = \"好\"\n得分率 = \"90%\""), "9.00");
    assert_eq!(one(q, inputs, "档 = \"中\"\n得分率 = \"50%\""), "5.00");
    let rules = format!("{HEAD}{inputs}\n指标 甲 10 {{\n{q}\n}}\n");
    let err = score_err(&rules, "档 = \"中\"\n得分率 = \"85%\"");
    assert_eq!(err.code(), "E403");
}

#[test]
fn g_periods_scored_separately() {
    let rules = format!(
        "{HEAD}输入 半年: 百分比\n输入 三季度: 百分比\n\
         指标 进度 10 {{\n  指标 半年进度 4 {{ 如果 半年 ≥ 45% 则 4 如果 半年 在 40%（含）和 45% 之间 则 2 否则 0 }}\n\
           指标 三季度进度 6 {{ 如果 三季度 ≥ 75% 则 6 如果 三季度 在 60%（含）和 75% 之间 则 3 否则 0 }}\n}}\n"
    );
    let (c, card) = score(&rules, "半年 = \"42%\"\n三季度 = \"80%\"");
    assert_eq!(ind(&c, &card, "半年进度"), "2.00");
    assert_eq!(ind(&c, &card, "三季度进度"), "6.00");
    assert_eq!(ind(&c, &card, "进度"), "8.00");
}

#[test]
fn h_bonus_and_penalty_outside_the_full_marks_with_caps() {
    let rules = format!(
        "{HEAD}输入 创新: 次\n输入 问题: 次\n\
         指标 甲 10 {{ 得分 = 8 }}\n\
         加分 创新加分 最高 3 {{ 清单 每项 得 1 分：创新 }}\n\
         减分 问题扣分 最多 5 {{ 清单 每项 得 2 分：问题 }}\n"
    );
    let (c, card) = score(&rules, "创新 = 5\n问题 = 1");
    assert_eq!(ind(&c, &card, "创新加分"), "3.00", "bonus capped at 3");
    assert_eq!(total(&c, &card), "9.00", "8 + 3 - 2");
    let (c, card) = score(&rules, "创新 = 0\n问题 = 10");
    assert_eq!(ind(&c, &card, "问题扣分"), "5.00", "penalty capped at 5");
    assert_eq!(total(&c, &card), "3.00");
}

#[test]
fn i_vetoes_zero_a_row_or_cap_the_grade() {
    let rules = format!(
        "{HEAD}输入 挪用: 是否\n输入 重大事故: 是否\n\
         指标 甲 6 {{ 一票否决 如果 挪用\n 得分 = 6 }}\n\
         指标 乙 4 {{ 得分 = 4 }}\n\
         一票否决 如果 重大事故 则 等级 不高于 良\n"
    );
    let (c, card) = score(&rules, "挪用 = \"否\"\n重大事故 = \"否\"");
    assert_eq!(
        (total(&c, &card).as_str(), grade(&c, &card)),
        ("10.00", "优")
    );
    let (c, card) = score(&rules, "挪用 = \"是\"\n重大事故 = \"否\"");
    assert_eq!(ind(&c, &card, "甲"), "0.00");
    assert_eq!(total(&c, &card), "4.00");
    let (c, card) = score(&rules, "挪用 = \"否\"\n重大事故 = \"是\"");
    assert_eq!(
        (total(&c, &card).as_str(), grade(&c, &card)),
        ("10.00", "良")
    );
}

#[test]
fn j_not_applicable_full_exclude_transfer() {
    let make = |policy: &str| {
        format!(
            "{HEAD}输入 无采购: 是否\n\
             指标 甲 5 {{ 得分 = 4 }}\n\
             指标 乙 3 {{ 得分 = 3 }}\n\
             指标 采购 2 {{ 不适用 如果 无采购 则 {policy}\n 得分 = 1 }}\n"
        )
    };
    let (c, card) = score(&make("满分"), "无采购 = \"是\"");
    assert_eq!(total(&c, &card), "9.00");
    // 剔除: (4 + 3) / 8 × 10 = 8.75
    let (c, card) = score(&make("剔除"), "无采购 = \"是\"");
    assert_eq!(total(&c, &card), "8.75");
    // 转给 甲: 甲 weight 5 → 7, score 4 × 7/5 = 5.6; total 5.6 + 3 = 8.6
    let (c, card) = score(&make("转给 甲"), "无采购 = \"是\"");
    assert_eq!(ind(&c, &card, "甲"), "5.60");
    assert_eq!(total(&c, &card), "8.60");
    // Applicable: scored by its rule.
    let (c, card) = score(&make("剔除"), "无采购 = \"否\"");
    assert_eq!(total(&c, &card), "8.00");
}

#[test]
fn english_keywords_parse_and_score_the_same() {
    let body = "if 率 >= 95% then 10\nelse 0";
    assert_eq!(one(body, "input 率: percent", "率 = \"96%\""), "10.00");
}

#[test]
fn rounding_is_only_at_leaves_and_total() {
    // Two leaves of 1/3 each: each rounds to 0.33; the parent is their sum 0.66.
    let rules = format!(
        "{HEAD}指标 父 10 {{ 指标 子一 5 {{ 得分 = 1 / 3 }} 指标 子二 5 {{ 得分 = 1 / 3 }} }}\n"
    );
    let (c, card) = score(&rules, "");
    assert_eq!(ind(&c, &card, "父"), "0.66");
    assert_eq!(total(&c, &card), "0.66");
}

#[test]
fn evaluation_errors_are_not_silent() {
    let rules = format!("{HEAD}输入 率: 百分比\n指标 甲 10 {{ 如果 率 > 90% 则 10 }}\n");
    assert_eq!(score_err(&rules, "率 = \"50%\"").code(), "E402");
    let rules = format!("{HEAD}输入 a: 数\n输入 b: 数\n指标 甲 10 {{ 得分 = a / b }}\n");
    assert_eq!(score_err(&rules, "a = 1\nb = 0").code(), "E401");
    assert_eq!(score_err(&rules, "a = 30\nb = 2").code(), "E405");
}
