mod json;

use super::*;
use crate::check::Checked;
use crate::diag::Diagnostic;
use crate::eval::value::Value;
use std::str::FromStr;

const RUBRIC: &str = "评分表 \"测试\" 年度 2020 满分 10
输入 预算数: 万元 正数
输入 完成率: 百分比
输入 人数: 人
输入 公开: 是否
输入 档次: {好, 中, 差}
输入 备注: 文本
输入 事故: 次 默认 0
指标 甲 10 { 如果 公开 且 档次 = 好 且 完成率 >= 90% 且 人数 > 0 且 预算数 > 0 万元 且 事故 = 0 则 10 否则 0 }
";

const FACTS_FILE: FileId = 1;

fn rubric() -> Checked {
    let ast = crate::syntax::parse(RUBRIC, 0).expect("rubric parses");
    crate::check::check(&ast).expect("rubric checks").checked
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn num(c: &Checked, set: &FactSet, name: &str) -> Decimal {
    set.values[c.fact_slot(name).unwrap() as usize]
        .unwrap()
        .num()
}

fn toml_ok(c: &Checked, text: &str) -> FactSet {
    load(text, FACTS_FILE, Format::Toml, c).unwrap_or_else(|e| panic!("{e:?}"))
}

fn errors(text: &str, format: Format) -> Vec<Diagnostic> {
    load(text, FACTS_FILE, format, &rubric())
        .expect_err("should fail")
        .0
}

fn codes(ds: &[Diagnostic]) -> Vec<&'static str> {
    ds.iter().map(Diagnostic::code).collect()
}

/// The text a diagnostic's primary span covers in the facts file.
fn at<'a>(text: &'a str, diag: &Diagnostic) -> &'a str {
    let span = diag.span.expect("located");
    assert_eq!(
        span.file, FACTS_FILE,
        "span should point into the facts file"
    );
    &text[span.range()]
}

const GOOD_REST: &str =
    "完成率 = \"85.8%\"\n人数 = 3\n公开 = \"是\"\n档次 = \"好\"\n备注 = \"无\"\n";

#[test]
fn money_written_three_ways_is_the_same() {
    let c = rubric();
    for v in [
        "\"6,702 万元\"",
        "6702",
        "\"67,020,000 元\"",
        "\"6702万元\"",
        "\"６，７０２万元\"",
        "\"0.6702 亿元\"",
    ] {
        let set = toml_ok(&c, &format!("预算数 = {v}\n{GOOD_REST}"));
        assert_eq!(num(&c, &set, "预算数"), d("67020000"), "{v}");
    }
}

#[test]
fn percent_is_exact() {
    let c = rubric();
    for v in ["\"85.8%\"", "\"85.8％\"", "\"８５．８％\""] {
        let text = format!(
            "预算数 = 1\n完成率 = {v}\n人数 = 3\n公开 = true\n档次 = \"中\"\n备注 = \"x\"\n"
        );
        let set = toml_ok(&c, &text);
        assert_eq!(num(&c, &set, "完成率"), d("0.858"));
        assert_eq!(num(&c, &set, "完成率").to_string(), "0.858");
    }
}

#[test]
fn toml_float_is_read_from_its_text() {
    let c = rubric();
    let set = toml_ok(&c, &format!("预算数 = 85.8\n{GOOD_REST}"));
    assert_eq!(num(&c, &set, "预算数"), d("858000"));
    let set = toml_ok(&c, &format!("预算数 = 0.1\n{GOOD_REST}"));
    assert_eq!(num(&c, &set, "预算数"), d("1000"));
}

#[test]
fn all_kinds_of_values_and_label() {
    let c = rubric();
    let text = format!("单位 = \"甲局\"\n预算数 = 6702\n{GOOD_REST}");
    let set = toml_ok(&c, &text);
    assert_eq!(set.label.as_deref(), Some("甲局"));
    assert_eq!(num(&c, &set, "人数"), d("3"));
    assert_eq!(
        set.values[c.fact_slot("公开").unwrap() as usize],
        Some(Value::Bool(true))
    );
    assert_eq!(
        set.values[c.fact_slot("档次").unwrap() as usize],
        Some(Value::Enum(0))
    );
    let slot = c.fact_slot("备注").unwrap() as usize;
    assert_eq!(set.values[slot], Some(Value::Text));
    assert_eq!(set.texts[slot].as_deref(), Some("无"));
    // Each value's span covers what was written.
    let span = set.spans[c.fact_slot("预算数").unwrap() as usize].unwrap();
    assert_eq!((span.file, &text[span.range()]), (FACTS_FILE, "6702"));
}

#[test]
fn default_is_used_when_missing_and_overridden_when_given() {
    let c = rubric();
    let slot = c.fact_slot("事故").unwrap() as usize;
    let set = toml_ok(&c, &format!("预算数 = 1\n{GOOD_REST}"));
    assert_eq!(set.values[slot], Some(Value::Num(Decimal::ZERO)));
    assert_eq!(set.spans[slot], None);
    let set = toml_ok(&c, &format!("预算数 = 1\n事故 = \"2次\"\n{GOOD_REST}"));
    assert_eq!(set.values[slot], Some(Value::Num(d("2"))));
}

#[test]
fn wrong_unit_points_at_the_value() {
    let text = format!("预算数 = \"3 人\"\n{GOOD_REST}");
    let ds = errors(&text, Format::Toml);
    assert_eq!(codes(&ds), ["E303"]);
    assert_eq!(at(&text, &ds[0]), "\"3 人\"");
    assert!(
        matches!(&ds[0].msg, Msg::FactWrongUnit { expected, found, .. } if expected == "万元" && found == "人")
    );
}

#[test]
fn bare_number_for_a_rate_is_refused() {
    let ds = errors(
        "预算数 = 1\n完成率 = 85.8\n人数 = 3\n公开 = \"否\"\n档次 = \"差\"\n备注 = \"\"\n",
        Format::Toml,
    );
    // percent-fact-bare.jx: the missing % is named, with the fix.
    assert_eq!(codes(&ds), ["E303"]);
    assert_eq!(
        ds[0].msg.text(crate::diag::Lang::Zh),
        "“完成率”的值“85.8”缺少 %：写成 \"85.8%\""
    );
}

#[test]
fn missing_fact_points_at_its_declaration() {
    let ds = errors(
        "预算数 = 1\n人数 = 3\n公开 = \"否\"\n档次 = \"差\"\n备注 = \"\"\n",
        Format::Toml,
    );
    assert_eq!(codes(&ds), ["E301"]);
    assert_eq!(
        ds[0].msg,
        Msg::MissingFact {
            name: "完成率".into(),
            expected: "百分比".into()
        }
    );
    let span = ds[0].span.unwrap();
    assert_eq!(span.file, 0);
    assert!(RUBRIC[span.range()].contains("完成率"));
    assert_eq!(ds[0].notes, [Note::Declared("百分比".into())]);
}

#[test]
fn unknown_key_suggests_a_name() {
    let text = format!("预算数 = 1\n完成律 = \"1%\"\n{GOOD_REST}");
    let ds = errors(&text, Format::Toml);
    assert_eq!(codes(&ds), ["E302"]);
    assert_eq!(at(&text, &ds[0]), "完成律");
    assert_eq!(ds[0].notes, [Note::DidYouMean("完成率".into())]);
}

#[test]
fn positive_bool_and_enum_violations() {
    let text =
        "预算数 = 0\n完成率 = \"1%\"\n人数 = \"3家\"\n公开 = \"也许\"\n档次 = \"优\"\n备注 = 1\n";
    let ds = errors(text, Format::Toml);
    assert_eq!(codes(&ds), ["E308", "E303", "E305", "E306"]);
    assert_eq!(at(text, &ds[0]), "0");
    assert_eq!(at(text, &ds[2]), "\"也许\"");
    let variants = vec!["好".to_string(), "中".to_string(), "差".to_string()];
    assert_eq!(
        ds[3].msg,
        Msg::FactNotVariant {
            name: "档次".into(),
            value: "优".into(),
            variants
        }
    );
}

#[test]
fn every_problem_of_a_file_is_reported_together() {
    let text = "预算数 = \"很多\"\n完成率 = true\n人数 = [1]\n公开 = 1\n未知 = 1\n";
    let ds = errors(text, Format::Toml);
    assert_eq!(
        codes(&ds),
        ["E304", "E304", "E311", "E305", "E302", "E301", "E301"]
    );
}

#[test]
fn malformed_toml_is_located() {
    let text = "预算数 = 1\n人数 = 3 x\n公开 = true\n";
    let ds = errors(text, Format::Toml);
    assert_eq!(codes(&ds), ["E307"]);
    let start = ds[0].span.unwrap().start as usize;
    assert_eq!(
        text[..start].matches('\n').count() + 1,
        2,
        "error on line 2"
    );
}

#[test]
fn nested_facts_table_and_quoted_keys() {
    let c = rubric();
    let text = "\"单位\" = \"乙局\"\n[事实]\n\"预算数\" = \"6702万\"\n完成率 = \"90%\"\n人数 = 3\n公开 = \"有\"\n档次 = \"中\"\n备注 = \"\"\n";
    let set = toml_ok(&c, text);
    assert_eq!(set.label.as_deref(), Some("乙局"));
    assert_eq!(num(&c, &set, "预算数"), d("67020000"));
    let span = set.spans[c.fact_slot("完成率").unwrap() as usize].unwrap();
    assert_eq!(&text[span.range()], "\"90%\"");
}

#[test]
fn duplicate_between_top_level_and_nested_table() {
    let text = format!("预算数 = 1\n{GOOD_REST}[事实]\n人数 = 4\n");
    let ds = errors(&text, Format::Toml);
    assert_eq!(codes(&ds), ["E307"]);
    assert_eq!(at(&text, &ds[0]), "人数");
}

#[test]
fn format_from_path() {
    assert_eq!(Format::from_path("a/甲局.TOML"), Some(Format::Toml));
    assert_eq!(Format::from_path("x.json"), Some(Format::Json));
    assert_eq!(Format::from_path("x.csv"), None);
}

#[test]
fn parse_value_for_the_repl() {
    let c = rubric();
    let decl = &c.facts[c.fact_slot("人数").unwrap() as usize];
    assert_eq!(
        parse_value(&RawValue::Text("3人".into()), decl, &c),
        Ok(Value::Num(d("3")))
    );
    assert_eq!(
        parse_value(&RawValue::Number(d("3")), decl, &c),
        Ok(Value::Num(d("3")))
    );
    let rate = &c.facts[c.fact_slot("完成率").unwrap() as usize];
    assert_eq!(
        parse_value(&RawValue::Text("0.5个百分点".into()), rate, &c),
        Ok(Value::Num(d("0.005")))
    );
}

#[test]
fn dates_and_arrays_are_the_wrong_type() {
    let text = format!("预算数 = 1\n{GOOD_REST}事故 = 2020-01-01\n事实 = [1]\n");
    let ds = errors(&text, Format::Toml);
    assert_eq!(codes(&ds), ["E311", "E311"]);
    assert_eq!(at(&text, &ds[0]), "2020-01-01");
    assert_eq!(at(&text, &ds[1]), "[1]");
}

#[test]
fn byte_order_mark_is_skipped_and_spans_still_fit() {
    let c = rubric();
    let text = format!("\u{feff}预算数 = 2\n{GOOD_REST}");
    let set = toml_ok(&c, &text);
    let span = set.spans[c.fact_slot("预算数").unwrap() as usize].unwrap();
    assert_eq!(&text[span.range()], "2");
    let json = format!(
        "\u{feff}{}",
        json::GOOD_JSON.replace("\"人数\": 3", "\"人数\": \"3万元\"")
    );
    let ds = errors(&json, Format::Json);
    assert_eq!(at(&json, &ds[0]), "\"3万元\"");
}
