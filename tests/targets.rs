//! Target tables (指标表): every row kind by the standard rule, equal shares
//! rounded once, column weights, assessor's scores, rows from TOML and JSON,
//! and the errors a row can have (by code and row).

mod common;
use common::{compile, ind, score, total};
use jixiao::diag::SourceMap;
use jixiao::eval::targets::RowKind;

const HEAD: &str = "评分表 \"t\" 满分 20\n保留 2 位小数（四舍五入）\n等级 优 >= 18，差\n";

fn rubric(table: &str) -> String {
    format!("{HEAD}{table}\n")
}

fn row(name: &str, kind: &str, target: &str, actual: &str) -> String {
    format!(
        "[[产出]]\n指标名称 = \"{name}\"\n指标性质 = \"{kind}\"\n年度指标值 = \"{target}\"\n实际完成值 = \"{actual}\"\n"
    )
}

const EQUAL20: &str = "指标表 产出 20 { 分值 均分 }";

/// The load error codes for a facts text.
fn load_codes(rules: &str, toml: &str) -> Vec<String> {
    let (c, mut map) = compile(rules);
    let id = map.add("f.toml", toml.to_string());
    match jixiao::facts::load(toml, id, jixiao::facts::Format::Toml, &c) {
        Ok(_) => Vec::new(),
        Err(d) => d.0.iter().map(|d| d.code().to_string()).collect(),
    }
}

#[test]
fn at_least_rows_score_the_capped_ratio() {
    let facts = row("甲", "≥", "4000 人", "4253 人") + &row("乙", "≥", "200 人次", "100 人次");
    let (c, card) = score(&rubric(EQUAL20), &facts);
    // 10 × 1 + 10 × 0.5
    assert_eq!(ind(&c, &card, "产出"), "15.00");
    let rows = &card.tables[0];
    assert_eq!(rows[0].rate, 1.into());
    assert_eq!(rows[1].rate, "0.5".parse().unwrap());
    assert_eq!(rows[1].score, 5.into());
}

#[test]
fn at_most_rows_full_under_target_and_target_over_actual_above() {
    let facts = row("整改天数", "≤", "10 天", "8 天")
        + &row("超支", "≤", "10 万元", "125,000 元")
        + &row("事故", "≤", "0 起", "0 起")
        + &row("投诉", "≤", "0 件", "3 件");
    let (c, card) = score(&rubric(EQUAL20), &facts);
    let rows = &card.tables[0];
    assert_eq!(rows[0].rate, 1.into());
    // 10 万元 ÷ 12.5 万元, money converted exactly.
    assert_eq!(rows[1].rate, "0.8".parse().unwrap());
    // An actual of 0 is the best case; a target of 0 missed scores 0.
    assert_eq!(rows[2].rate, 1.into());
    assert_eq!(rows[3].rate, 0.into());
    // 5 × (1 + 0.8 + 1 + 0)
    assert_eq!(ind(&c, &card, "产出"), "14.00");
}

#[test]
fn twenty_two_rows_worth_20_over_22_add_up_to_exactly_20() {
    let facts: String = (1..=22)
        .map(|i| row(&format!("目标{i}"), "≥", "3 项", "3 项"))
        .collect();
    let (c, card) = score(&rubric(EQUAL20), &facts);
    assert_eq!(ind(&c, &card, "产出"), "20.00");
    assert_eq!(card.indicators[0].raw, 20.into());
    // One row at two thirds: 20 × (21 + 2/3) ÷ 22, rounded once at the table.
    let mut facts: String = (1..=21)
        .map(|i| row(&format!("目标{i}"), "≥", "3 项", "3 项"))
        .collect();
    facts += &row("目标22", "≥", "3 项", "2 项");
    let (c, card) = score(&rubric(EQUAL20), &facts);
    assert_eq!(ind(&c, &card, "产出"), "19.70");
}

#[test]
fn equal_and_qualitative_rows_follow_the_tables_rule() {
    let table = "指标表 产出 20 {\n  分值 均分\n  等于 未达到 得 50%\n  定性 达成 100%，部分达成 60%（含）至 80%（含），未达成 0%\n}";
    let mut facts = row("验收", "=", "合格", "合格") + &row("数量", "=", "3 台", "2 台");
    facts += "[[产出]]\n指标名称 = \"效果\"\n指标性质 = \"定性\"\n实际完成值 = \"未达成\"\n";
    facts += "[[产出]]\n指标名称 = \"满意\"\n指标性质 = \"定性\"\n实际完成值 = \"部分达成\"\n得分 = 3.5\n";
    let (c, card) = score(&rubric(table), &facts);
    let rows = &card.tables[0];
    assert_eq!(rows[0].row.kind, RowKind::Equal);
    assert_eq!(rows[0].rate, 1.into());
    assert_eq!(rows[1].rate, "0.5".parse().unwrap());
    assert_eq!(rows[2].rate, 0.into());
    assert!(rows[3].assessor && rows[3].score == "3.5".parse().unwrap());
    // 5 + 2.5 + 0 + 3.5
    assert_eq!(ind(&c, &card, "产出"), "11.00");
    assert_eq!(total(&c, &card), "11.00");
}

#[test]
fn an_assessors_score_outside_the_range_or_missing_is_an_error_naming_the_row() {
    let table = "指标表 产出 20 {\n  分值 均分\n  定性 达成 100%，部分达成 60%（含）至 80%\n}";
    let base = row("甲", "≥", "1 项", "1 项");
    let pick = |score: &str| {
        format!("{base}[[产出]]\n指标名称 = \"满意\"\n指标性质 = \"定性\"\n实际完成值 = \"部分达成\"\n{score}")
    };
    // Range for a 10-point row: [6, 8).
    assert_eq!(load_codes(&rubric(table), &pick("得分 = 8\n")), ["E346"]);
    assert_eq!(load_codes(&rubric(table), &pick("得分 = 5.9\n")), ["E346"]);
    assert!(load_codes(&rubric(table), &pick("得分 = 6\n")).is_empty());
    assert_eq!(load_codes(&rubric(table), &pick("")), ["E342"]);
    let (c, mut map) = compile(&rubric(table));
    let text = pick("得分 = 9\n");
    let id = map.add("f.toml", text.clone());
    let d = jixiao::facts::load(&text, id, jixiao::facts::Format::Toml, &c).unwrap_err();
    let msg = d.0[0].msg.text(jixiao::diag::Lang::Zh);
    assert!(msg.contains("第 2 行（满意）"), "{msg}");
}

#[test]
fn column_weights_must_add_up_and_score_each_row() {
    let table = "指标表 产出 20 { 分值 按列 }";
    let facts = row("甲", "≥", "10 个", "5 个")
        + "分值 = 12\n"
        + &row("乙", "≥", "1 个", "1 个")
        + "分值 = 8\n";
    let (c, card) = score(&rubric(table), &facts);
    assert_eq!(ind(&c, &card, "产出"), "14.00");
    let short = row("甲", "≥", "10 个", "5 个") + "分值 = 12\n";
    assert_eq!(load_codes(&rubric(table), &short), ["E344"]);
    let missing = row("甲", "≥", "10 个", "5 个");
    assert_eq!(load_codes(&rubric(table), &missing), ["E342"]);
}

#[test]
fn kind_may_lead_the_target_and_units_must_agree() {
    let facts = "[[产出]]\n指标名称 = \"到位率\"\n年度指标值 = \"≥95%\"\n实际完成值 = \"76%\"\n";
    let (c, card) = score(&rubric(EQUAL20), facts);
    assert_eq!(card.tables[0][0].row.kind, RowKind::AtLeast);
    assert_eq!(ind(&c, &card, "产出"), "16.00");
    assert_eq!(
        load_codes(&rubric(EQUAL20), &row("甲", "≥", "200 人次", "200 人")),
        ["E343"]
    );
    assert_eq!(
        load_codes(&rubric(EQUAL20), &row("甲", "大于", "2 个", "2 个")),
        ["E342"]
    );
    assert_eq!(
        load_codes(&rubric(EQUAL20), &row("甲", "≤", "2 个", "-1 个")),
        ["E342"]
    );
    // = and 定性 rows need the table's rule.
    assert_eq!(
        load_codes(&rubric(EQUAL20), &row("甲", "=", "2 个", "2 个")),
        ["E345"]
    );
    assert_eq!(
        load_codes(&rubric(EQUAL20), &row("甲", "定性", "好", "好")),
        ["E345"]
    );
}

#[test]
fn table_shape_errors() {
    assert_eq!(load_codes(&rubric(EQUAL20), "产出 = 3\n"), ["E340"]);
    assert_eq!(load_codes(&rubric(EQUAL20), ""), ["E301"]);
    let extra = row("甲", "≥", "2 个", "2 个") + "备注 = \"x\"\n";
    assert_eq!(load_codes(&rubric(EQUAL20), &extra), ["E341"]);
    assert!(
        common::codes(&rubric("指标表 产出 20 { 等于 未达到 得 120% }"))
            .contains(&"E127".to_string())
    );
}

#[test]
fn a_blank_name_cell_gets_a_visible_generated_name() {
    let facts = row("", "≥", "2 个", "2 个") + &row("乙", "≥", "2 个", "2 个");
    let (_, card) = score(&rubric(EQUAL20), &facts);
    let r = &card.tables[0][0].row;
    assert!(r.name_generated);
    assert_eq!(r.name, "（第1行，未填名称）");
}

#[test]
fn rows_load_from_a_json_array_too() {
    let (c, mut map) = compile(&rubric(EQUAL20));
    let json = r#"{"产出": [
        {"指标名称": "甲", "指标性质": "≥", "年度指标值": "4 次", "实际完成值": "3 次", "偏差原因": "延期"},
        {"name": "乙", "kind": "≤", "target": "10 天", "actual": "20 天"}
    ]}"#;
    let id = map.add("f.json", json.to_string());
    let fs = jixiao::facts::load(json, id, jixiao::facts::Format::Json, &c).unwrap();
    let card = jixiao::eval::score(&c, &fs).unwrap();
    // 10 × 0.75 + 10 × 0.5
    assert_eq!(ind(&c, &card, "产出"), "12.50");
    assert_eq!(card.tables[0][0].row.reason.as_deref(), Some("延期"));
}

#[test]
fn scorecard_ledger_and_json_list_every_row() {
    let facts = row("培训", "≥", "4000 人", "3000 人")
        + "偏差原因 = \"疫情\"\n"
        + &row("检查", "≥", "100 家", "287 家");
    let (c, mut map) = compile(&rubric(EQUAL20));
    let fs = common::facts(&c, &mut map, &facts);
    let (card, ledger) = jixiao::eval::score_explained(&c, &fs).unwrap();
    let text = jixiao::report::scorecard_text(&c, &card, jixiao::diag::Lang::Zh);
    assert!(
        text.contains("培训（≥）") && text.contains("偏差原因：疫情"),
        "{text}"
    );
    assert!(
        text.contains("年度指标值 4000 人，实际完成值 3000 人"),
        "{text}"
    );
    let l = jixiao::report::explain(&c, &card, &ledger, &map, jixiao::diag::Lang::Zh, None);
    assert!(
        l.contains("行 1 培训（≥）") && l.contains("得分比例 75.00%"),
        "{l}"
    );
    let j = jixiao::report::scorecard_value(&c, &card);
    let rows = &j["indicators"][0]["rows"];
    assert_eq!(rows[0]["name"], "培训");
    assert_eq!(rows[0]["score"], "7.5");
    assert_eq!(rows[0]["reason"], "疫情");
    assert_eq!(rows[1]["rate"], "1");
}

#[test]
fn a_table_nested_under_a_parent_and_printed_back() {
    let rules = format!(
        "{HEAD}指标 绩效 20 {{\n  指标表 产出 12 {{ 分值 均分 }}\n  指标 其他 8 {{ 得分 = 8 }}\n}}\n"
    );
    let (c, card) = score(&rules, &row("甲", "≥", "2 个", "1 个"));
    assert_eq!(ind(&c, &card, "产出"), "6.00");
    assert_eq!(ind(&c, &card, "绩效"), "14.00");
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules.clone());
    let ast = jixiao::syntax::parse(map.text(id), id).unwrap();
    let printed = jixiao::syntax::print::print(&ast);
    assert!(printed.contains("指标表 产出 12 {"), "{printed}");
    let again = jixiao::syntax::parse(&printed, id).unwrap();
    assert_eq!(jixiao::syntax::print::print(&again), printed);
}
