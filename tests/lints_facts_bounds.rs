//! Facts known only as bounds (E313–E315) and fact constraints (E312),
//! checked when a facts file loads.

use jixiao::diag::{Diagnostic, Lang, SourceMap};
use jixiao::eval::value::Value;
use rust_decimal::Decimal;
use std::str::FromStr;

const RULES: &str = "评分表 \"t\" 年度 2020 满分 10\n等级 优 >= 9，良 >= 8，中 >= 6，差
输入 进度: 百分比 正向
输入 执行率: 百分比
输入 绩效执行率: 百分比 默认 0%
约束 执行率 = 绩效执行率
指标 甲 5 {
  如果 进度 ≥ 45% 则 5
  如果 进度 在 40%（含）和 45% 之间 则 3
  如果 进度 ＜ 40% 则 0
}
指标 乙 5 { 按比例 执行率 }
";

fn load(
    facts: &str,
) -> (
    jixiao::check::Checked,
    Result<jixiao::eval::FactSet, Vec<Diagnostic>>,
) {
    let mut map = SourceMap::new();
    let id = map.add("t.jx", RULES.to_string());
    let c = jixiao::compile(&map, id)
        .map_err(|d| format!("{:?}", d.0))
        .unwrap()
        .checked;
    let fid = map.add("f.toml", facts.to_string());
    let r = jixiao::facts::load(facts, fid, jixiao::facts::Format::Toml, &c).map_err(|d| d.0);
    (c, r)
}

#[test]
fn a_bound_inside_one_tier_scores_like_any_value_in_it() {
    let (c, set) = load("进度 = \"＜40%\"\n执行率 = \"80%\"\n绩效执行率 = \"80%\"\n");
    let set = set.unwrap();
    let card = jixiao::eval::score(&c, &set).unwrap();
    assert_eq!(card.total, Decimal::from(4));
    let (_, set) = load("进度 = \"≥50%\"\n执行率 = \"80%\"\n绩效执行率 = \"80%\"\n");
    assert_eq!(
        jixiao::eval::score(&c, &set.unwrap()).unwrap().total,
        Decimal::from(9)
    );
}

#[test]
fn a_bound_across_a_threshold_names_the_split_point() {
    let (_, r) = load("进度 = \"＜42%\"\n执行率 = \"80%\"\n绩效执行率 = \"80%\"\n");
    let d = &r.unwrap_err()[0];
    assert_eq!(d.code(), "E313");
    assert_eq!(
        d.msg.text(Lang::Zh),
        "“进度”只知道 ＜42%，而得分在 40% 处分开：取 0% 时总分 4.00，取 40% 时总分 7.00"
    );
}

#[test]
fn a_bound_on_a_value_scored_proportionally_is_not_enough() {
    let (_, r) = load("进度 = \"50%\"\n执行率 = \"≤80%\"\n");
    let d = &r.unwrap_err()[0];
    assert_eq!(d.code(), "E314");
    assert!(
        d.msg.text(Lang::Zh).contains("“乙”"),
        "{}",
        d.msg.text(Lang::Zh)
    );
}

#[test]
fn a_violated_constraint_is_located_with_its_values() {
    let (_, r) = load("进度 = \"50%\"\n执行率 = \"84.25%\"\n绩效执行率 = \"82.62%\"\n");
    let ds = r.unwrap_err();
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].code(), "E312");
    assert_eq!(
        ds[0].msg.text(Lang::En),
        "the facts break a constraint of the rubric: `执行率 = 84.25%`, `绩效执行率 = 82.62%`"
    );
    assert_eq!(
        ds[0].labels.len(),
        2,
        "both facts are pointed at in the facts file"
    );
}

#[test]
fn constraints_check_defaulted_facts_and_pass_when_equal() {
    // The default 0% takes part: 84.25% ≠ 0%.
    let (_, r) = load("进度 = \"50%\"\n执行率 = \"84.25%\"\n");
    assert_eq!(r.unwrap_err()[0].code(), "E312");
    let (c, r) = load("进度 = \"50%\"\n执行率 = \"84.25%\"\n绩效执行率 = \"84.25%\"\n");
    let set = r.unwrap();
    assert_eq!(
        set.values[c.fact_slot("执行率").unwrap() as usize],
        Some(Value::Num(Decimal::from_str("0.8425").unwrap()))
    );
    let (_, r) = load("进度 = \"50%\"\n执行率 = \"84.25%\"\n绩效执行率 = \"84.25%\"\n");
    assert!(r.is_ok());
}

#[test]
fn the_seed_facts_still_score_91_when_written_as_the_document_writes_them() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/");
    let mut map = SourceMap::new();
    let id = map.add(
        "s.jx",
        std::fs::read_to_string(format!("{dir}shaanxi-2019.jx")).unwrap(),
    );
    let c = jixiao::compile(&map, id).unwrap().checked;
    let facts = std::fs::read_to_string(format!("{dir}shaanxi-2019.facts.toml"))
        .unwrap()
        .replace("半年支出进度 = \"35%\"", "半年支出进度 = \"＜40%\"")
        .replace("前三季度支出进度 = \"55%\"", "前三季度支出进度 = \"＜60%\"")
        .replace("三公经费控制率 = \"100%\"", "三公经费控制率 = \"≤100%\"");
    assert_eq!(
        facts.matches("= \"≤").count() + facts.matches("= \"＜").count(),
        3
    );
    let fid = map.add("s.toml", facts.clone());
    let set = jixiao::facts::load(&facts, fid, jixiao::facts::Format::Toml, &c).unwrap();
    assert_eq!(
        jixiao::eval::score(&c, &set).unwrap().total,
        Decimal::from(91)
    );
}

#[test]
fn only_numbers_read_bounds() {
    let rules =
        "评分表 \"t\" 年度 2020 满分 10\n等级 优 >= 9，差\n输入 备注: 文本\n输入 公开: 是否\n指标 甲 10 { 如果 公开 则 10 否则 0 }\n";
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    let c = jixiao::compile(&map, id)
        .map_err(|d| format!("{:?}", d.0))
        .unwrap()
        .checked;
    let ok = "备注 = \"<无>\"\n公开 = \"是\"\n";
    assert!(
        jixiao::facts::load(ok, 1, jixiao::facts::Format::Toml, &c).is_ok(),
        "a text starting with < is text"
    );
    let bad = "备注 = \"x\"\n公开 = \"≥是\"\n";
    let e = jixiao::facts::load(bad, 1, jixiao::facts::Format::Toml, &c).unwrap_err();
    assert_eq!(e.0[0].code(), "E315", "{:?}", e.0);
}

/// 预算调整率 is scored through `abs(…)`, so it may be negative (a budget
/// cut) and the reader accepts −6%: the document's "≤5%" (meaning |x| ≤ 5%)
/// then covers −6%, which loses points — not one score, so E314, never the
/// full 5 points the positive half alone would give.
#[test]
fn a_bound_on_a_rate_read_as_signed_covers_its_negative_values() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/");
    let mut map = SourceMap::new();
    let id = map.add(
        "s.jx",
        std::fs::read_to_string(format!("{dir}shaanxi-2019.jx")).unwrap(),
    );
    let c = jixiao::compile(&map, id).unwrap().checked;
    let facts = std::fs::read_to_string(format!("{dir}shaanxi-2019.facts.toml")).unwrap();
    let with = |v: &str| facts.replace("预算调整率 = \"5%\"", &format!("预算调整率 = \"{v}\""));
    let negative = jixiao::facts::load(&with("-6%"), 1, jixiao::facts::Format::Toml, &c).unwrap();
    let card = jixiao::eval::score(&c, &negative).unwrap();
    assert_eq!(
        card.total,
        Decimal::from(90),
        "−6% loses 1 point of 预算调整率"
    );
    let e = jixiao::facts::load(&with("≤5%"), 1, jixiao::facts::Format::Toml, &c).unwrap_err();
    assert_eq!(e.0[0].code(), "E314", "{:?}", e.0);
}

/// 正数 applies to the fact, not to the edge of its bound: "≤5%" scores
/// over (0, 5%], and "＜0%" leaves no allowed value (E317, not E308).
#[test]
fn positive_inputs_take_bounds_whose_edge_is_zero_or_below() {
    let rules = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n输入 率: 百分比 正数\n指标 甲 10 { 如果 率 ≥ 95% 则 10 否则 0 }\n";
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    let checked = jixiao::compile(&map, id)
        .map_err(|d| d.0.len())
        .unwrap()
        .checked;
    let load = |v: &str| {
        jixiao::facts::load(
            &format!("率 = \"{v}\"\n"),
            1,
            jixiao::facts::Format::Toml,
            &checked,
        )
    };
    let codes = |v: &str| {
        load(v)
            .err()
            .map(|d| d.0.iter().map(|x| x.code().to_string()).collect::<Vec<_>>())
    };
    assert_eq!(codes("＜0%"), Some(vec!["E317".to_string()]));
    let set = load("≤5%")
        .unwrap_or_else(|d| panic!("{:?}", d.0.iter().map(|x| x.code()).collect::<Vec<_>>()));
    let card = jixiao::eval::score(&checked, &set).unwrap();
    assert_eq!(card.total, rust_decimal::Decimal::ZERO);
}

fn load_with(rules: &str, facts: &str) -> Result<jixiao::eval::FactSet, Vec<Diagnostic>> {
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    let c = jixiao::compile(&map, id)
        .map_err(|d| format!("{:?}", d.0))
        .unwrap()
        .checked;
    let fid = map.add("f.toml", facts.to_string());
    jixiao::facts::load(facts, fid, jixiao::facts::Format::Toml, &c).map_err(|d| d.0)
}

/// bound-unconstrained.jx: `"≤10"` for a score that a row uses as it is
/// failed with E406 (a negative sample); the bound is what is missing.
#[test]
fn a_bound_a_row_computes_with_is_e314_not_an_evaluation_error() {
    let rules = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n输入 评价人得分: 分\n指标 甲 10 { 得分 = 评价人得分 }\n";
    let err = load_with(rules, "评价人得分 = \"≤10\"").unwrap_err();
    assert_eq!(err[0].code(), "E314");
    assert_eq!(
        err[0].msg.text(Lang::Zh),
        "“评价人得分”只知道 ≤10，但“甲”在这个范围内按确切值计分"
    );
    // A bound that tiers split is E313, with the value where they part.
    let rules = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n输入 评价人得分: 分\n指标 甲 10 { 如果 评价人得分 ≥ 9 则 10 否则 0 }\n";
    let err = load_with(rules, "评价人得分 = \"≤10\"").unwrap_err();
    assert_eq!(err[0].code(), "E313");
}
