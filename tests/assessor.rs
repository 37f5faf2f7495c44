//! Scores the assessor gives (issue 11, item 2): `评审打分` within
//! [0, 分值] checked on load, and range rows `则 9-8` picked within [8, 9],
//! a missing or out-of-range pick an error naming the row.

mod common;
use common::{compile, ind, score, total};

const RANGE: &str = include_str!("ui/facts-assessor-pick-missing.jx");
const HEAD: &str = "评分表 \"t\" 满分 20\n等级 优 >= 18，差\n";

fn load_codes(rules: &str, toml: &str) -> Vec<String> {
    let (c, mut map) = compile(rules);
    let id = map.add("f.toml", toml.to_string());
    match jixiao::facts::load(toml, id, jixiao::facts::Format::Toml, &c) {
        Ok(fs) => match jixiao::eval::score(&c, &fs) {
            Ok(_) => Vec::new(),
            Err(d) => vec![d.code().to_string()],
        },
        Err(d) => d.0.iter().map(|d| d.code().to_string()).collect(),
    }
}

#[test]
fn a_range_row_is_the_assessors_pick_not_a_subtraction() {
    // shared/repros/range-score.jx scored 9 − 8 = 1 before.
    let (c, card) = score(RANGE, "月数 = \"1.5 月\"\n[评审打分]\n时效 = 8.5\n");
    assert_eq!(ind(&c, &card, "时效"), "8.50");
    let (c, card) = score(RANGE, "月数 = \"1.5 月\"\n[评审打分]\n时效 = 8\n");
    assert_eq!(total(&c, &card), "8.00");
    // Another row applies: the pick is not needed.
    let (c, card) = score(RANGE, "月数 = \"0.5 月\"\n");
    assert_eq!(total(&c, &card), "10.00");
}

#[test]
fn a_missing_or_out_of_range_pick_names_the_row() {
    assert_eq!(load_codes(RANGE, "月数 = \"1.5 月\"\n"), ["E409"]);
    assert_eq!(
        load_codes(RANGE, "月数 = \"1.5 月\"\n[评审打分]\n时效 = 9.5\n"),
        ["E410"]
    );
    assert_eq!(
        load_codes(RANGE, "月数 = \"1.5 月\"\n[评审打分]\n时效 = 7.99\n"),
        ["E410"]
    );
    assert_eq!(
        load_codes(RANGE, "月数 = \"1.5 月\"\n[评审打分]\n时限 = 8\n"),
        ["E347"]
    );
    let (c, mut map) = compile(RANGE);
    let fs = common::facts(&c, &mut map, "月数 = \"1.5 月\"\n");
    let d = jixiao::eval::score(&c, &fs).unwrap_err();
    let line = map.location(d.span.unwrap());
    assert!(line.ends_with(":7"), "{line}");
}

#[test]
fn an_assessor_scored_indicator_is_checked_on_load() {
    let rules = format!("{HEAD}指标 资料 10 {{ 评审打分 }}\n指标 其他 10 {{ 得分 = 10 }}\n");
    let (c, card) = score(&rules, "[评审打分]\n资料 = \"7.5 分\"\n");
    assert_eq!(total(&c, &card), "17.50");
    assert_eq!(load_codes(&rules, ""), ["E409"]);
    assert_eq!(load_codes(&rules, "[评审打分]\n资料 = 10.5\n"), ["E410"]);
    assert_eq!(
        load_codes(&rules, "[评审打分]\n资料 = \"很好\"\n"),
        ["E304"]
    );
    // A range above the weight is refused by the checker.
    let bad = format!("{HEAD}输入 x: 数\n指标 资料 20 {{ 如果 x > 1 则 25-22 否则 0 }}\n");
    assert!(common::codes(&bad).contains(&"E107".to_string()));
}

#[test]
fn the_ledger_json_and_table_mark_the_assessors_score() {
    let (c, mut map) = compile(RANGE);
    let fs = common::facts(&c, &mut map, "月数 = \"1.5 月\"\n[评审打分]\n时效 = 8.5\n");
    let (card, ledger) = jixiao::eval::score_explained(&c, &fs).unwrap();
    let l = jixiao::report::explain(&c, &card, &ledger, &map, jixiao::diag::Lang::Zh, None);
    assert!(l.contains("评审打分 8.5（8 – 9）"), "{l}");
    let t = jixiao::report::scorecard_text(&c, &card, jixiao::diag::Lang::Zh);
    assert!(t.contains("时效 [评审打分]"), "{t}");
    let j = jixiao::report::scorecard_value(&c, &card);
    assert_eq!(j["indicators"][0]["assessor"], true);
}

#[test]
fn the_compiled_evaluator_hands_picks_to_the_reference() {
    let (c, mut map) = compile(RANGE);
    let fs = common::facts(&c, &mut map, "月数 = \"1.5 月\"\n[评审打分]\n时效 = 8.5\n");
    let k = jixiao::compiled::Compiled::new(&c);
    let mut s = k.scratch();
    let got = k.score(&fs, &mut s).unwrap();
    assert_eq!(got, jixiao::eval::score(&c, &fs).unwrap());
    // The slots-only path cannot see picks: it refuses, and the full path
    // names the missing pick.
    s.facts_mut()
        .copy_from_slice(&[jixiao::eval::value::Value::Num("1.5".parse().unwrap())]);
    assert!(k.run_fast(&mut s).is_err());
    assert_eq!(k.run(&mut s).unwrap_err().code(), "E409");
}
