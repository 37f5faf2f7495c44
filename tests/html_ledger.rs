//! The structured `ledger` of `score --format json --explain` and of
//! `batch --format jsonl --explain`: entries with file, line, rule text,
//! fired or skipped, values with units, the arithmetic and the rounding.

use serde_json::Value;
use std::process::Command;

fn jixiao(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jixiao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn indicator<'a>(ledger: &'a Value, name: &str) -> &'a Vec<Value> {
    ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicator"] == name)
        .unwrap_or_else(|| panic!("no ledger for {name}"))["entries"]
        .as_array()
        .unwrap()
}

#[test]
fn score_json_ledger_has_rows_values_arithmetic_and_rounding() {
    let (code, out) = jixiao(&[
        "score",
        "rules/jinzhong-2020.jx",
        "--facts",
        "rules/jinzhong-2020.facts.toml",
        "--explain",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let e = indicator(&v["ledger"], "预算完成率");
    let skipped = &e.iter().find(|x| x["kind"] == "row").unwrap();
    assert_eq!(skipped["fired"], false);
    // The line of that row in the (formatted) rule file, not a number kept by hand.
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/jinzhong-2020.jx"
    ))
    .unwrap();
    let row_line = 1 + source
        .lines()
        .position(|l| l.trim() == "如果 预算完成率 ≥ 95% 则 3")
        .unwrap();
    assert_eq!(skipped["line"], row_line);
    assert_eq!(skipped["file"], "rules/jinzhong-2020.jx");
    assert_eq!(skipped["text"], "如果 预算完成率 ≥ 95% 则 3");
    let fired = e.iter().find(|x| x["fired"] == true).unwrap();
    assert_eq!(fired["line"], row_line + 1);
    let fact = e.iter().find(|x| x["name"] == "预算执行金额").unwrap();
    assert_eq!(
        (&fact["kind"], &fact["value"], &fact["unit"]),
        (&"fact".into(), &"6702".into(), &"万元".into())
    );
    let derived = e.iter().find(|x| x["name"] == "预算数").unwrap();
    assert_eq!(derived["kind"], "derived");
    assert_eq!(derived["value"], "7811.08");
    assert_eq!(
        derived["expr"],
        "上年结转金额 + 年初预算金额 + 预算调整金额 + 其他调整资金"
    );
    let step = |w: &str| {
        e.iter()
            .find(|x| x["what"] == w)
            .map(|x| x["value"].clone())
    };
    assert_eq!(step("steps"), Some("9".into()));
    assert_eq!(step("deducted"), Some("2.7".into()));
    let last = |k: &str| e.iter().find(|x| x["kind"] == k).unwrap()["value"].clone();
    assert_eq!(last("unrounded"), "0.3");
    assert_eq!(last("rounded"), "0.30");
    // The text ledger is still there, line for line as before.
    let (_, text) = jixiao(&[
        "score",
        "rules/jinzhong-2020.jx",
        "--facts",
        "rules/jinzhong-2020.facts.toml",
        "--explain",
    ]);
    let explain: Vec<&str> = v["explain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let tail: Vec<&str> = text.lines().skip_while(|l| !l.starts_with('■')).collect();
    assert_eq!(explain, tail);
    // The notes' `vetoes_fired` keeps its own shape with --explain; the
    // veto's location is in `veto_rules`.
    assert!(v["vetoes_fired"].is_array() && v["veto_rules"].as_array().unwrap().is_empty());
    assert!(v["veto_rules"].is_array());
}

#[test]
fn batch_jsonl_ledger_per_row() {
    let (_, out) = jixiao(&[
        "batch",
        "rules/shaanxi-2019.jx",
        "--facts",
        "rules/shaanxi-synthetic-units.csv",
        "--format",
        "jsonl",
        "--explain",
    ]);
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert!(first["explain"].is_array());
    let e = indicator(&first["ledger"], "预算完成率");
    let fired = e.iter().find(|x| x["fired"] == true).unwrap();
    assert_eq!(fired["line"], 43);
    let fact = e.iter().find(|x| x["kind"] == "fact").unwrap();
    assert_eq!((&fact["value"], &fact["unit"]), (&"78".into(), &"%".into()));
    assert!(first["veto_rules"].is_array());
}

#[test]
fn batch_json_array_has_the_ledger_too() {
    let (_, out) = jixiao(&[
        "batch",
        "tests/golden/html/small.jx",
        "--facts",
        "tests/golden/html/small.units.csv",
        "--format",
        "json",
        "--explain",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    // 乙局: the veto fired, and 预算执行's rounded score is in its ledger.
    let b = &rows[1];
    assert_eq!(b["veto_rules"][0]["index"], 0);
    assert_eq!(b["veto_rules"][0]["line"], 24);
    assert_eq!(
        b["veto_rules"][0]["text"],
        "一票否决 如果 重大事故 则 等级 不高于 良"
    );
    let e = indicator(&b["ledger"], "预算执行");
    assert_eq!(e.last().unwrap()["kind"], "rounded");
    assert_eq!(e.last().unwrap()["value"], "14.00");
    // A failed row has no ledger.
    assert!(rows[3].get("ledger").is_none() && rows[3]["error"]["code"] == "E304");
}
