//! Shared caps and the order of 剔除 against bonus and penalty (issue 11.8):
//! one case per step of the documented order (docs/language.md §5j), and the
//! group's items' sum and cap in the ledger and the JSON.

mod common;

use common::{grade, score, total};

const ORDER: &str = r#"评分表 "剔除与加减分" 满分 10
等级 优 >= 9，良 >= 6，差
输入 无采购: 是否
输入 创新次数: 次
输入 问题次数: 次
输入 作假: 是否
指标 预算 6 { 得分 = 3 }
指标 采购 4 {
  不适用 如果 无采购 则 剔除
  得分 = 4
}
加分 创新 最高 2 { 清单 每项 得 1 分：创新次数 }
加分 表彰 最高 1 {
  不适用 如果 无采购 则 剔除
  得分 = 1
}
减分 问题 最多 8 { 清单 每项 得 2 分：问题次数 }
一票否决 如果 作假 则 总分 为 0
"#;

fn facts(no_purchase: bool, innovations: u32, problems: u32, fraud: bool) -> String {
    let yn = |b: bool| if b { "是" } else { "否" };
    format!(
        "无采购 = \"{}\"\n创新次数 = {innovations}\n问题次数 = {problems}\n作假 = \"{}\"\n",
        yn(no_purchase),
        yn(fraud)
    )
}

#[test]
fn exclusion_renormalises_the_base_only_and_bonus_is_added_after() {
    // 3 × 10 ÷ 6 = 5, then + 2: 7 (renormalising the bonus too would give 8.33).
    let (c, card) = score(ORDER, &facts(true, 2, 0, false));
    assert_eq!(total(&c, &card), "7.00");
    assert_eq!(card.bonus.to_string(), "2.00");
}

#[test]
fn penalty_is_subtracted_after_renormalising_unscaled() {
    // 5 − 2 = 3 (not (3 − 2) × 10 ÷ 6 = 1.67).
    let (c, card) = score(ORDER, &facts(true, 0, 1, false));
    assert_eq!(total(&c, &card), "3.00");
}

#[test]
fn an_excluded_bonus_counts_nothing_and_leaves_the_remaining_weight() {
    // 表彰 is excluded with 采购: the base still renormalises over 6, not 7.
    let (c, card) = score(ORDER, &facts(true, 0, 0, false));
    assert_eq!(total(&c, &card), "5.00");
    assert_eq!(card.effective_full.normalize().to_string(), "6");
    // Applicable, 表彰 adds its point: 3 + 4 + 1 = 8.
    let (c, card) = score(ORDER, &facts(false, 0, 0, false));
    assert_eq!(total(&c, &card), "8.00");
}

#[test]
fn the_total_has_no_floor() {
    // 5 − 8 = −3: penalties beyond the base are what the rules say.
    let (c, card) = score(ORDER, &facts(true, 0, 4, false));
    assert_eq!(total(&c, &card), "-3.00");
    assert_eq!(grade(&c, &card), "差");
}

#[test]
fn a_veto_zeroes_the_total_after_bonus() {
    let (c, card) = score(ORDER, &facts(false, 2, 0, true));
    assert_eq!(total(&c, &card), "0.00");
}

const GROUP: &str = r#"评分表 "共用上限" 满分 10
等级 优 >= 9，差
输入 数据作假扣分: 分
输入 违规违纪扣分: 分
指标 基础 10 { 得分 = 10 }
减分 加减分 最多 3 {
  减分 数据作假 最多 3 { 得分 = 数据作假扣分 }
  减分 违规违纪 最多 3 { 得分 = 违规违纪扣分 }
}
"#;

fn explained(
    toml: &str,
    lang: jixiao::diag::Lang,
) -> (String, serde_json::Value, serde_json::Value) {
    let (c, mut map) = common::compile(GROUP);
    let fs = common::facts(&c, &mut map, toml);
    let (card, ledger) = jixiao::eval::score_explained(&c, &fs).unwrap();
    let text = jixiao::report::explain(&c, &card, &ledger, &map, lang, None);
    let data = jixiao::report::ledger_value(&c, &card, &ledger, &map);
    let json = jixiao::report::scorecard_value(&c, &card);
    (text, data, json)
}

#[test]
fn a_group_shows_its_items_sum_and_the_cap_applied() {
    let (text, ledger, json) = explained(
        "数据作假扣分 = 2\n违规违纪扣分 = 1.5\n",
        jixiao::diag::Lang::Zh,
    );
    assert!(
        text.contains("    = 2.00 + 1.50\n    封顶 3（各项合计 3.50）\n"),
        "{text}"
    );
    let group = &ledger[1];
    assert_eq!(group["indicator"], "加减分");
    assert_eq!(
        group["entries"][0],
        serde_json::json!({"kind": "group_sum", "items": ["2.00", "1.50"], "sum": "3.50", "cap": "3", "capped": true})
    );
    let node = &json["indicators"][1];
    assert_eq!(
        (
            node["items_sum"].clone(),
            node["cap"].clone(),
            node["capped"].clone()
        ),
        ("3.50".into(), "3".into(), true.into())
    );
    assert_eq!(node["score"], "3.00");
    assert_eq!(json["total"], "7.00");
    // Within the cap: the sum is the score, and the line says so.
    let (text, ledger, json) = explained(
        "数据作假扣分 = 1\n违规违纪扣分 = 1.5\n",
        jixiao::diag::Lang::En,
    );
    assert!(text.contains("items' sum 2.50, within the cap 3"), "{text}");
    assert_eq!(ledger[1]["entries"][0]["capped"], false);
    assert_eq!(json["indicators"][1]["capped"], false);
    assert_eq!(json["total"], "7.50");
}

/// “两项合计最多减 3 分”: the items have no cap of their own.
const SHARED: &str = "评分表 \"共用上限\" 满分 10
等级 优 >= 9，差
输入 数据作假扣分: 分
输入 违规违纪扣分: 分
指标 基础 10 { 得分 = 10 }
减分 加减分 最多 3 {
  减分 数据作假 { 得分 = 数据作假扣分 }
  减分 违规违纪 { 得分 = 违规违纪扣分 }
}
";

#[test]
fn items_written_without_a_cap_share_their_groups() {
    let (c, card) = score(SHARED, "数据作假扣分 = 2\n违规违纪扣分 = 1.5\n");
    assert_eq!(total(&c, &card), "7.00");
    let item = c.indicator_named("数据作假").unwrap() as usize;
    assert_eq!(c.indicators[item].weight.to_string(), "3");
    // One item alone is limited by the group's cap too.
    let (c, card) = score(SHARED, "数据作假扣分 = 2.5\n违规违纪扣分 = 0\n");
    assert_eq!(total(&c, &card), "7.50");
}

#[test]
fn a_cap_less_item_outside_a_group_is_e146() {
    let codes = common::codes("评分表 \"x\" 满分 10\n等级 优 >= 9，差\n指标 基础 10 { 得分 = 10 }\n加分 创新 { 得分 = 1 }\n");
    assert!(codes.contains(&"E146".to_string()), "{codes:?}");
}

#[test]
fn printer_and_formatter_keep_a_shared_cap_item_without_a_cap() {
    let ast = jixiao::syntax::parse(SHARED, 0).unwrap();
    let printed = jixiao::syntax::print::print(&ast);
    assert!(printed.contains("  减分 数据作假 {"), "{printed}");
    assert!(!printed.contains("减分 数据作假 最多"), "{printed}");
    let again = jixiao::syntax::print::print(&jixiao::syntax::parse(&printed, 0).unwrap());
    assert_eq!(again, printed);
    // The formatter (which may align sibling weights) keeps the items cap-less
    // and the tree intact.
    let formatted =
        jixiao::syntax::format_verified(&ast, SHARED).expect("formatter keeps the tree");
    assert!(
        formatted.contains("  减分 数据作假 { 得分 = 数据作假扣分 }\n"),
        "{formatted}"
    );
    let again = jixiao::syntax::parse(&formatted, 0).unwrap();
    assert_eq!(jixiao::syntax::format(&again, &formatted), formatted);
}
