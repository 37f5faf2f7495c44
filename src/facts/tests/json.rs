//! The same checks through JSON, whose spans come from our own scanner.

use super::*;

pub(super) const GOOD_JSON: &str = r#"{
  "unit": "丙局",
  "预算数": "6,702 万元",
  "完成率": "85.8%",
  "人数": 3,
  "公开": "否",
  "档次": "差",
  "备注": "说明 \"引号\""
}"#;

#[test]
fn json_reads_the_same_values() {
    let c = rubric();
    let set = load(GOOD_JSON, FACTS_FILE, Format::Json, &c).unwrap();
    assert_eq!(set.label.as_deref(), Some("丙局"));
    assert_eq!(num(&c, &set, "预算数"), d("67020000"));
    assert_eq!(num(&c, &set, "完成率"), d("0.858"));
    assert_eq!(
        set.values[c.fact_slot("公开").unwrap() as usize],
        Some(Value::Bool(false))
    );
    assert_eq!(
        set.texts[c.fact_slot("备注").unwrap() as usize].as_deref(),
        Some("说明 \"引号\"")
    );
    let span = set.spans[c.fact_slot("人数").unwrap() as usize].unwrap();
    assert_eq!(&GOOD_JSON[span.range()], "3");
}

#[test]
fn json_numbers_are_exact() {
    let c = rubric();
    let text = GOOD_JSON.replace("\"6,702 万元\"", "0.1");
    let set = load(&text, FACTS_FILE, Format::Json, &c).unwrap();
    assert_eq!(num(&c, &set, "预算数"), d("1000"));
}

#[test]
fn json_errors_point_into_the_file() {
    let text = GOOD_JSON
        .replace("\"预算数\": \"6,702 万元\"", "\"预算数\": \"6,702 人\"")
        .replace("\"人数\"", "\"人员数\"");
    let ds = errors(&text, Format::Json);
    assert_eq!(codes(&ds), ["E303", "E302", "E301"]);
    assert_eq!(at(&text, &ds[0]), "\"6,702 人\"");
    assert_eq!(at(&text, &ds[1]), "\"人员数\"");
}

#[test]
fn json_null_counts_as_missing() {
    let text = GOOD_JSON.replace("\"人数\": 3", "\"人数\": null, \"事故\": null");
    let ds = errors(&text, Format::Json);
    assert_eq!(codes(&ds), ["E301"]);
    assert_eq!(at(&text, &ds[0]), "null");
}

#[test]
fn malformed_json_is_located() {
    let text = "{\n  \"预算数\": 1,\n  \"人数\": 3,,\n}";
    let ds = errors(text, Format::Json);
    assert_eq!(codes(&ds), ["E307"]);
    let start = ds[0].span.unwrap().start as usize;
    assert_eq!(
        text[..start].matches('\n').count() + 1,
        3,
        "error on line 3"
    );
    assert!(matches!(&ds[0].msg, Msg::FactsSyntax { format, .. } if format == "JSON"));
}

#[test]
fn json_nested_facts_object() {
    let c = rubric();
    let text = format!(
        "{{\"名称\": \"丁局\", \"facts\": {}}}",
        GOOD_JSON.replace("\"unit\": \"丙局\",", "")
    );
    let set = load(&text, FACTS_FILE, Format::Json, &c).unwrap();
    assert_eq!(set.label.as_deref(), Some("丁局"));
    assert_eq!(num(&c, &set, "人数"), d("3"));
}
