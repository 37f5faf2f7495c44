//! Issue 11 items 5, 7 and 9: ordered levels and reusable band sets,
//! percentage weights, and alternatives (择一). Scores are asserted exactly,
//! in both evaluators; each mistake by its code.

mod common;
use common::{codes, ind, score, score_err, total};

const HEAD: &str =
    "评分表 \"层级\" 满分 100\n保留 2 位小数（四舍五入）\n等级 优 >= 90，良 >= 80，中 >= 60，差\n";

/// Both evaluators give the same scorecard on these facts.
fn both(rules: &str, facts: &str) -> (jixiao::check::Checked, jixiao::eval::Scorecard) {
    let (c, card) = score(rules, facts);
    let (c2, mut map) = common::compile(rules);
    let fs = common::facts(&c2, &mut map, facts);
    let k = jixiao::compiled::Compiled::new(&c2);
    let mut scratch = k.scratch();
    let got = k.score(&fs, &mut scratch).expect("compiled scores");
    assert_eq!(
        format!("{got:?}"),
        format!("{card:?}"),
        "compiled ≠ reference"
    );
    (c, card)
}

/// The diagnostics of a rule text that does not compile, as printed.
fn rendered(rules: &str) -> String {
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add("test.jx", rules.to_string());
    let d = jixiao::compile(&map, id).err().expect("does not compile");
    jixiao::diag::render_text(&d.0, &map, jixiao::diag::Lang::Zh, false)
}

// ---------------------------------------------------------------- item 5

const LEVELS: &str = "输入 管理水平: {高 > 较高 > 一般 > 低}
指标 管理 100 {
  如果 管理水平 ≥ 较高 则 100
  如果 管理水平 = 一般 则 60
  否则 0
}
";

#[test]
fn ordered_levels_compare_by_their_order() {
    let rules = format!("{HEAD}{LEVELS}");
    for (level, points) in [
        ("高", "100.00"),
        ("较高", "100.00"),
        ("一般", "60.00"),
        ("低", "0.00"),
    ] {
        let (c, card) = both(&rules, &format!("管理水平 = \"{level}\"\n"));
        assert_eq!(ind(&c, &card, "管理"), points, "{level}");
    }
}

#[test]
fn every_comparison_operator_and_a_level_on_the_left() {
    // 一般 < x ≤ 高 holds for 高 and 较高; 低 > x never holds.
    let rules = format!(
        "{HEAD}输入 x: {{高 > 较高 > 一般 > 低}}
指标 甲 50 {{ 如果 一般 < x 且 x <= 高 则 50 否则 0 }}
指标 乙 50 {{ 如果 低 > x 则 0 如果 x < 一般 则 10 否则 50 }}
"
    );
    let want = [
        ("高", "50.00", "50.00"),
        ("较高", "50.00", "50.00"),
        ("一般", "0.00", "50.00"),
        ("低", "0.00", "10.00"),
    ];
    for (x, a, b) in want {
        let (c, card) = both(&rules, &format!("x = \"{x}\"\n"));
        assert_eq!(
            (ind(&c, &card, "甲").as_str(), ind(&c, &card, "乙").as_str()),
            (a, b),
            "{x}"
        );
    }
}

#[test]
fn two_ordered_inputs_compare_with_each_other() {
    let rules = format!(
        "{HEAD}输入 今年: {{优 > 良 > 差}}\n输入 去年: {{优 > 良 > 差}}
指标 进步 100 {{ 如果 今年 > 去年 则 100 如果 今年 = 去年 则 50 否则 0 }}
"
    );
    for (a, b, want) in [
        ("优", "良", "100.00"),
        ("良", "良", "50.00"),
        ("差", "良", "0.00"),
        ("良", "差", "100.00"),
    ] {
        let (c, card) = both(&rules, &format!("今年 = \"{a}\"\n去年 = \"{b}\"\n"));
        assert_eq!(ind(&c, &card, "进步"), want, "{a} vs {b}");
    }
}

#[test]
fn comparing_an_unordered_enumeration_is_e137() {
    let rules =
        format!("{HEAD}输入 档: {{好, 中, 差}}\n指标 甲 100 {{ 如果 档 ≥ 中 则 100 否则 0 }}\n");
    assert_eq!(codes(&rules), ["E137"]);
}

#[test]
fn the_gap_lint_sees_ordered_comparisons() {
    // 一般 is covered by no row: W203 names it.
    let rules = format!("{HEAD}输入 x: {{高 > 一般 > 低}}\n指标 甲 100 {{ 如果 x ≥ 高 则 100 如果 x < 一般 则 0 }}\n");
    assert_eq!(codes(&rules), ["W203"]);
    let (c, _) = common::compile(&format!(
        "{HEAD}输入 x: {{高 > 一般 > 低}}\n指标 甲 100 {{ 如果 x ≥ 一般 则 100 否则 0 }}\n"
    ));
    assert_eq!(c.enums[0].variants, ["高", "一般", "低"]);
    assert!(c.enums[0].ordered);
}

const BANDS: &str = "评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%，差 0%（含）至 60%
输入 档甲: {好, 中, 差}
输入 率甲: 百分比
输入 档乙: {好, 中, 差}
输入 率乙: 百分比
指标 甲 50 { 定性 档甲 得分率 率甲：按 三档 }
指标 乙 50 { 定性 档乙 得分率 率乙：按 三档 }
";

#[test]
fn a_band_set_serves_many_rows() {
    let rules = format!("{HEAD}{BANDS}");
    let facts = "档甲 = \"好\"\n率甲 = \"95%\"\n档乙 = \"中\"\n率乙 = \"65%\"\n";
    let (c, card) = both(&rules, facts);
    assert_eq!(ind(&c, &card, "甲"), "47.50");
    assert_eq!(ind(&c, &card, "乙"), "32.50");
    assert_eq!(total(&c, &card), "80.00");
    // The set's bands hold for every row: a rate outside its band is E40x.
    let err = score_err(
        &rules,
        "档甲 = \"好\"\n率甲 = \"50%\"\n档乙 = \"中\"\n率乙 = \"65%\"\n",
    );
    assert!(err.msg.code().starts_with("E4"), "{}", err.msg.code());
}

#[test]
fn an_unknown_band_set_is_e136_with_did_you_mean() {
    let rules = format!(
        "{HEAD}{}",
        BANDS.replace("按 三档 }\n指标 乙", "按 三挡 }\n指标 乙")
    );
    assert_eq!(codes(&rules), ["E136"]);
    let text = rendered(&rules);
    assert!(text.contains("是否应为“三档”"), "{text}");
}

#[test]
fn an_unused_band_set_is_w216() {
    let rules = format!("{HEAD}评分档 两档：好 60%（含）至 100%（含），差 0%（含）至 60%\n{BANDS}");
    assert_eq!(codes(&rules), ["W216"]);
}

// ---------------------------------------------------------------- item 7

const SHARES: &str = "输入 率甲: 百分比
输入 率乙: 百分比
指标 管理 30 {
  指标 甲 75% { 按比例 率甲 }
  指标 乙 25% { 按比例 率乙 }
}
指标 其他 70 { 得分 = 70 }
";

#[test]
fn percentage_weights_are_exact_shares_of_the_parent() {
    let rules = format!("{HEAD}{SHARES}");
    let (c, card) = both(&rules, "率甲 = \"33.33%\"\n率乙 = \"50%\"\n");
    let id = |n: &str| c.indicator_named(n).unwrap() as usize;
    // 30 × 75% = 22.5 points; 22.5 × 33.33% = 7.49925 → 7.50 (rounded once, at the leaf).
    assert_eq!(c.indicators[id("甲")].weight.to_string(), "22.5");
    assert_eq!(c.indicators[id("乙")].weight.to_string(), "7.5");
    assert_eq!(card.indicators[id("甲")].raw.to_string(), "7.49925");
    assert_eq!(ind(&c, &card, "甲"), "7.50");
    assert_eq!(ind(&c, &card, "乙"), "3.75");
    assert_eq!(ind(&c, &card, "管理"), "11.25");
    assert_eq!(total(&c, &card), "81.25");
}

#[test]
fn top_level_percentages_share_the_full_marks() {
    let rules = "评分表 \"顶层\" 满分 80\n等级 优 >= 70，差\n输入 r: 百分比\n指标 甲 62.5% { 按比例 r }\n指标 乙 37.5% { 得分 = 分值 }\n";
    let (c, card) = both(rules, "r = \"90%\"\n");
    assert_eq!(ind(&c, &card, "甲"), "45.00"); // 80 × 62.5% = 50, × 90%
    assert_eq!(ind(&c, &card, "乙"), "30.00");
    assert_eq!(total(&c, &card), "75.00");
}

#[test]
fn percentages_that_miss_100_are_e138_and_mixing_is_e139() {
    let short = format!("{HEAD}{}", SHARES.replace("25%", "20%"));
    assert_eq!(codes(&short), ["E138"]);
    let text = rendered(&short);
    assert!(text.contains("合计 95%"), "{text}");
    let mixed = format!("{HEAD}{}", SHARES.replace("25%", "7.5"));
    assert_eq!(codes(&mixed), ["E139"]);
}

#[test]
fn the_scorecard_ledger_and_json_show_percent_and_points() {
    let rules = format!("{HEAD}{SHARES}");
    let (c, card) = score(&rules, "率甲 = \"100%\"\n率乙 = \"100%\"\n");
    let table = jixiao::report::scorecard_text(&c, &card, jixiao::diag::Lang::Zh);
    assert!(table.contains("22.5（75%）"), "{table}");
    let en = jixiao::report::scorecard_text(&c, &card, jixiao::diag::Lang::En);
    assert!(en.contains("22.5 (75%)"), "{en}");
    let json = jixiao::report::scorecard_value(&c, &card);
    let gan = &json["indicators"][0]["children"][0];
    assert_eq!(
        (gan["percent"].as_str(), gan["weight"].as_str()),
        (Some("75"), Some("22.5"))
    );
}

// ---------------------------------------------------------------- item 9

const CHOICE: &str = "输入 项目类型: {验收合格率, 质量达标率}
输入 合格率: 百分比
输入 达标率: 百分比
择一 产出质量 40 按 项目类型 {
  指标 验收合格率 40 { 按比例 合格率 }
  指标 质量达标率 40 { 按比例 达标率 }
}
指标 其他 60 { 得分 = 60 }
";

#[test]
fn the_facts_choose_one_alternative_and_the_weight_is_kept() {
    let rules = format!("{HEAD}{CHOICE}");
    let (c, card) = both(
        &rules,
        "项目类型 = \"质量达标率\"\n合格率 = \"50%\"\n达标率 = \"95%\"\n",
    );
    let id = |n: &str| c.indicator_named(n).unwrap() as usize;
    assert_eq!(ind(&c, &card, "产出质量"), "38.00");
    assert_eq!(card.indicators[id("产出质量")].weight.to_string(), "40");
    assert_eq!(
        card.indicators[id("验收合格率")].status,
        jixiao::eval::Status::NaExcluded
    );
    assert_eq!(total(&c, &card), "98.00");
    assert_eq!(card.effective_full.to_string(), "100");
    let (c, card) = both(
        &rules,
        "项目类型 = \"验收合格率\"\n合格率 = \"50%\"\n达标率 = \"95%\"\n",
    );
    assert_eq!(ind(&c, &card, "产出质量"), "20.00");
    assert_eq!(total(&c, &card), "80.00");
    let json = jixiao::report::scorecard_value(&c, &card);
    assert_eq!(json["indicators"][0]["chosen"].as_str(), Some("验收合格率"));
    assert_eq!(
        json["indicators"][0]["choice_by"].as_str(),
        Some("项目类型")
    );
}

#[test]
fn a_missing_or_invalid_choice_is_a_located_error() {
    let rules = format!("{HEAD}{CHOICE}");
    let (c, mut map) = common::compile(&rules);
    let id = map.add("f.toml", "合格率 = \"50%\"\n达标率 = \"95%\"\n".to_string());
    let err = jixiao::facts::load(map.text(id), id, jixiao::facts::Format::Toml, &c)
        .err()
        .expect("a missing choice is refused");
    let d = &err.0[0];
    assert_eq!(d.msg.code(), "E301");
    // Located at the selector's declaration, which names the values.
    let decl = rules.find("项目类型:").unwrap() as u32;
    assert_eq!(d.span.map(|s| s.start), Some(decl));
    let id = map.add(
        "f.toml",
        "项目类型 = \"质量\"\n合格率 = \"50%\"\n达标率 = \"95%\"\n".to_string(),
    );
    let err = jixiao::facts::load(map.text(id), id, jixiao::facts::Format::Toml, &c)
        .err()
        .expect("an invalid choice is refused");
    let d = &err.0[0];
    assert_eq!(d.msg.code(), "E306");
    assert_eq!(d.span.map(|s| s.file), Some(id));
}

#[test]
fn alternatives_are_checked() {
    let w = format!(
        "{HEAD}{}",
        CHOICE.replace("指标 质量达标率 40", "指标 质量达标率 30")
    );
    assert_eq!(codes(&w), ["E140"]);
    let sel = format!("{HEAD}{}", CHOICE.replace("按 项目类型", "按 合格率"));
    assert_eq!(codes(&sel), ["W202", "E141"]); // 项目类型 is then unused
    let name = format!(
        "{HEAD}{}",
        CHOICE.replace("指标 质量达标率 40", "指标 质量达标 40")
    );
    assert_eq!(codes(&name), ["E143", "E142"]); // in source order
    let na = format!(
        "{HEAD}输入 x: 是否\n{}",
        CHOICE.replace(
            "{ 按比例 合格率 }",
            "{ 不适用 如果 x 则 满分\n 按比例 合格率 }"
        )
    );
    assert_eq!(codes(&na), ["E144"]);
    let one = format!("{HEAD}输入 t: {{甲}}\n择一 组 100 按 t {{ 指标 甲 100 {{ 得分 = 1 }} }}\n");
    assert_eq!(codes(&one), ["E145"]);
    // 100% of the group is its weight, too.
    let pct = format!("{HEAD}{}", CHOICE.replace(" 40 {", " 100% {"));
    assert_eq!(codes(&pct), Vec::<String>::new());
}

#[test]
fn nested_alternatives_exclude_every_leaf_not_chosen() {
    let rules = format!(
        "{HEAD}输入 t: {{甲, 乙}}
择一 组 100 按 t {{
  指标 甲 100 {{ 指标 甲一 50% {{ 得分 = 50 }} 指标 甲二 50% {{ 得分 = 20 }} }}
  指标 乙 100 {{ 得分 = 90 }}
}}
"
    );
    let (c, card) = both(&rules, "t = \"甲\"\n");
    assert_eq!(ind(&c, &card, "组"), "70.00");
    let (c, card) = both(&rules, "t = \"乙\"\n");
    assert_eq!(ind(&c, &card, "组"), "90.00");
    assert_eq!(ind(&c, &card, "甲"), "0.00");
    assert_eq!(total(&c, &card), "90.00");
}

#[test]
fn a_choice_group_may_itself_be_a_percentage() {
    let rules = format!(
        "{HEAD}输入 t: {{甲, 乙}}\n输入 r: 百分比
指标 基础 60% {{ 得分 = 分值 }}
择一 组 40% 按 t {{
  指标 甲 100% {{ 按比例 r }}
  指标 乙 40 {{ 得分 = 10 }}
}}
"
    );
    let (c, card) = both(&rules, "t = \"甲\"\nr = \"80%\"\n");
    assert_eq!(ind(&c, &card, "组"), "32.00");
    assert_eq!(total(&c, &card), "92.00");
    let printed = jixiao::syntax::print::print(&jixiao::syntax::parse(&rules, 0).unwrap());
    assert!(printed.contains("择一 组 40% 按 t {"), "{printed}");
    let mixed = format!("{HEAD}输入 r: 百分比\n指标 甲 10 {{ 指标 乙 60% {{ 按比例 r }}\n 指标 丙 4 {{ 按比例 r }} }}\n指标 丁 90 {{ 得分 = 90 }}\n");
    assert!(
        rendered(&mixed).contains("声明为 60%"),
        "{}",
        rendered(&mixed)
    );
}

/// Every operator between every pair of levels, a variable against a
/// variable and against a written level, means the order as declared
/// (best first), in both evaluators.
#[test]
fn ordered_comparisons_agree_with_the_declared_order_exhaustively() {
    const L: [&str; 4] = ["甲等", "乙等", "丙等", "丁等"];
    let ops: [(&str, fn(usize, usize) -> bool); 6] = [
        (">", |i, j| i < j),
        ("≥", |i, j| i <= j),
        ("<", |i, j| i > j),
        ("≤", |i, j| i >= j),
        ("=", |i, j| i == j),
        ("≠", |i, j| i != j),
    ];
    let ty = L.join(" > ");
    for (op, holds) in ops {
        let rules = format!(
            "{HEAD}输入 x: {{{ty}}}\n输入 y: {{{ty}}}
指标 变量 50 {{ 如果 x {op} y 则 50 否则 0 }}
指标 常量 50 {{ 如果 x {op} 丙等 则 50 否则 0 }}
"
        );
        // Compiled once per operator; every pair of levels scored by both.
        let (c, mut map) = common::compile(&rules);
        let k = jixiao::compiled::Compiled::new(&c);
        let mut scratch = k.scratch();
        for (i, a) in L.iter().enumerate() {
            for (j, b) in L.iter().enumerate() {
                let fs = common::facts(&c, &mut map, &format!("x = \"{a}\"\ny = \"{b}\"\n"));
                let card = jixiao::eval::score(&c, &fs).expect("scores");
                let got = k.score(&fs, &mut scratch).expect("compiled scores");
                assert_eq!(
                    format!("{got:?}"),
                    format!("{card:?}"),
                    "compiled ≠ reference"
                );
                let want = |h: bool| if h { "50.00" } else { "0.00" };
                assert_eq!(ind(&c, &card, "变量"), want(holds(i, j)), "{a} {op} {b}");
                assert_eq!(ind(&c, &card, "常量"), want(holds(i, 2)), "{a} {op} 丙等");
            }
        }
    }
}

#[test]
fn a_target_table_not_chosen_needs_no_rows() {
    let rules = format!(
        "{HEAD}输入 适用项: {{目标表, 完成率}}\n输入 r: 百分比
指标 其他 60 {{ 得分 = 60 }}
择一 组 40 按 适用项 {{
  指标表 目标表 40 {{ 分值 均分 }}
  指标 完成率 40 {{ 按比例 r }}
}}
"
    );
    let (c, card) = score(&rules, "适用项 = \"完成率\"\nr = \"50%\"\n");
    assert_eq!(ind(&c, &card, "组"), "20.00");
    assert_eq!(total(&c, &card), "80.00");
    // Chosen, the table's rows are required (E301 at the table).
    let (c, mut map) = common::compile(&rules);
    let id = map.add("f.toml", "适用项 = \"目标表\"\nr = \"50%\"\n".to_string());
    let err = jixiao::facts::load(map.text(id), id, jixiao::facts::Format::Toml, &c)
        .err()
        .expect("the chosen table's rows are missing");
    assert_eq!(err.0[0].msg.code(), "E301");
    let rows = "适用项 = \"目标表\"\nr = \"50%\"\n[[目标表]]\n指标名称 = \"培训人数\"\n指标性质 = \"≥\"\n年度指标值 = \"4000 人\"\n实际完成值 = \"3000 人\"\n";
    let (c, card) = score(&rules, rows);
    assert_eq!(ind(&c, &card, "组"), "30.00");
}

#[test]
fn an_assessor_score_not_chosen_needs_no_pick() {
    let rules = format!(
        "{HEAD}输入 适用项: {{评审, 完成率}}\n输入 r: 百分比
指标 其他 60 {{ 得分 = 60 }}
择一 组 40 按 适用项 {{
  指标 评审 40 {{ 评审打分 }}
  指标 完成率 40 {{ 按比例 r }}
}}
"
    );
    let (c, card) = score(&rules, "适用项 = \"完成率\"\nr = \"50%\"\n");
    assert_eq!(total(&c, &card), "80.00");
    let (c, card) = score(
        &rules,
        "适用项 = \"评审\"\nr = \"50%\"\n[评审打分]\n评审 = 35\n",
    );
    assert_eq!(total(&c, &card), "95.00");
    let (c, mut map) = common::compile(&rules);
    let id = map.add("f.toml", "适用项 = \"评审\"\nr = \"50%\"\n".to_string());
    let err = jixiao::facts::load(map.text(id), id, jixiao::facts::Format::Toml, &c)
        .err()
        .expect("the chosen assessor's score is missing");
    assert_eq!(err.0[0].msg.code(), "E409");
}
