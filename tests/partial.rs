//! Partial documents (issue 11.6): facts marked `未取得`/`未填` give exact
//! score ranges, the set of reachable grades and the facts each range
//! depends on, in the library, `score` (text, JSON, ledger) and `batch`.

mod common;

use common::compile;
use jixiao::check::show::score;
use jixiao::check::Checked;
use jixiao::diag::{render_text, Lang, SourceMap};
use jixiao::eval::FactSet;
use jixiao::facts::partial::{self, Partial};
use proptest::prelude::*;

const RULES: &str = r#"评分表 "部分" 满分 30
等级 优 >= 27，良 >= 18，中 >= 12，差
输入 执行率: 百分比
输入 有制度: 是否 默认 是
输入 地区: {东部, 中部, 西部}
输入 事故次数: 次
约束 0% ≤ 执行率 ≤ 100%
指标 预算执行 10 {
  如果 执行率 ≥ 95% 则 10
  如果 执行率 ≥ 80% 则 6
  否则 0
}
指标 制度 10 {
  如果 有制度 则 10
  否则 4
}
指标 安全 10 {
  如果 事故次数 = 0 则 10
  如果 事故次数 ≤ 2 且 地区 = 西部 则 7
  如果 事故次数 ≤ 2 则 5
  否则 0
}
"#;

fn load(c: &Checked, map: &mut SourceMap, toml: &str) -> Result<FactSet, Vec<String>> {
    let id = map.add("facts.toml", toml.to_string());
    jixiao::facts::load(toml, id, jixiao::facts::Format::Toml, c)
        .map_err(|d| d.0.iter().map(|d| d.code().to_string()).collect())
}

fn ranges(rules: &str, toml: &str) -> (Checked, Partial) {
    let (c, mut map) = compile(rules);
    let fs = load(&c, &mut map, toml).unwrap_or_else(|e| panic!("facts do not load: {e:?}"));
    assert!(!fs.unknown.is_empty(), "no fact was read as unknown");
    match partial::score(&c, &fs) {
        Ok(p) => (c, p),
        Err(d) => panic!("{}", render_text(&[*d], &map, Lang::Zh, false)),
    }
}

fn range_of(c: &Checked, p: &Partial, name: &str) -> (String, String) {
    let id = c.indicator_named(name).unwrap() as usize;
    let places = c.rounding.places;
    (score(p.lo[id], places), score(p.hi[id], places))
}

fn s(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

fn grades(c: &Checked, p: &Partial) -> Vec<String> {
    p.grades.iter().map(|&g| c.grades[g].name.clone()).collect()
}

#[test]
fn one_unknown_rate_gives_the_tiers_range_and_grades() {
    let (c, p) = ranges(
        RULES,
        "执行率 = \"未取得\"\n有制度 = \"是\"\n地区 = \"东部\"\n事故次数 = 1\n",
    );
    // 预算执行 ∈ {0, 6, 10}; 制度 10; 安全 5: total 15, 21 or 25.
    assert_eq!(range_of(&c, &p, "预算执行"), s("0.00", "10.00"));
    assert_eq!(range_of(&c, &p, "制度"), s("10.00", "10.00"));
    assert_eq!(range_of(&c, &p, "安全"), s("5.00", "5.00"));
    assert_eq!(score(p.total.0, 2), "15.00");
    assert_eq!(score(p.total.1, 2), "25.00");
    assert_eq!(grades(&c, &p), ["良", "中"]);
    let id = c.indicator_named("预算执行").unwrap() as usize;
    assert_eq!(p.depends[id], [c.fact_slot("执行率").unwrap()]);
    assert!(p.depends[c.indicator_named("安全").unwrap() as usize].is_empty());
    // The two ends are real fact sets that score to them.
    let low = jixiao::eval::score(&c, &p.low.0).unwrap();
    let high = jixiao::eval::score(&c, &p.high.0).unwrap();
    assert_eq!((low.total, high.total), p.total);
}

#[test]
fn yes_no_enumeration_and_count_unknowns_take_every_admissible_value() {
    let (c, p) = ranges(
        RULES,
        "执行率 = \"96%\"\n有制度 = \"未填\"\n地区 = \"未取得\"\n事故次数 = \"未取得\"\n",
    );
    // The default 是 is not used for a fact marked unknown: 制度 ∈ {4, 10}.
    assert_eq!(range_of(&c, &p, "制度"), s("4.00", "10.00"));
    // 安全: 0 accidents 10, 1–2 in 西部 7, elsewhere 5, more 0.
    assert_eq!(range_of(&c, &p, "安全"), s("0.00", "10.00"));
    assert_eq!(score(p.total.0, 2), "14.00");
    assert_eq!(score(p.total.1, 2), "30.00");
    assert_eq!(grades(&c, &p), ["优", "良", "中"]);
    let safety = &p.depends[c.indicator_named("安全").unwrap() as usize];
    let want = [
        c.fact_slot("地区").unwrap(),
        c.fact_slot("事故次数").unwrap(),
    ];
    assert_eq!(safety.len(), 2);
    assert!(want.iter().all(|s| safety.contains(s)));
}

#[test]
fn constraints_narrow_the_range() {
    // A constraint on the fact alone, and one among facts with the others known.
    let rules = RULES.replace(
        "约束 0% ≤ 执行率 ≤ 100%",
        "约束 0% ≤ 执行率 ≤ 100%\n输入 下限: 百分比\n约束 执行率 ≥ 下限",
    );
    let (c, p) = ranges(
        &rules,
        "执行率 = \"未取得\"\n下限 = \"80%\"\n有制度 = \"是\"\n地区 = \"东部\"\n事故次数 = 0\n",
    );
    assert_eq!(range_of(&c, &p, "预算执行"), s("6.00", "10.00"));
    let (c, p) = ranges(
        &rules,
        "执行率 = \"未取得\"\n下限 = \"95%\"\n有制度 = \"是\"\n地区 = \"东部\"\n事故次数 = 0\n",
    );
    // Only [95%, 100%] is admissible: the score is settled though a fact is unknown.
    assert_eq!(range_of(&c, &p, "预算执行"), s("10.00", "10.00"));
    assert_eq!(p.total, (p.total.1, p.total.1));
    assert_eq!(grades(&c, &p), ["优"]);
}

#[test]
fn a_rule_that_computes_with_an_unknown_gets_its_range_by_breakpoints() {
    // Once E348; now exact (tests/partial_arith.rs has the hand-computed cases).
    let rules = "评分表 \"算\" 满分 10\n等级 优 >= 9，差\n输入 执行率: 百分比\n指标 预算执行 10 { 按比例 执行率 }\n";
    let (c, p) = ranges(rules, "执行率 = \"未取得\"\n");
    assert_eq!(range_of(&c, &p, "预算执行"), s("0.00", "10.00"));
    let derived = "评分表 \"算\" 满分 10\n等级 优 >= 9，差\n输入 实际: 万元\n输入 预算: 万元 正数\n定义 率 = 实际 / 预算\n指标 执行 10 {\n  如果 率 ≥ 90% 则 10\n  否则 0\n}\n";
    let (c, p) = ranges(derived, "实际 = \"未取得\"\n预算 = \"100 万元\"\n");
    assert_eq!(range_of(&c, &p, "执行"), s("0.00", "10.00"));
    assert_eq!(grades(&c, &p), ["优", "差"]);
}

#[test]
fn a_bound_beside_an_unknown_is_ranged_too() {
    let (c, p) = ranges(
        RULES,
        "执行率 = \"≥90%\"\n有制度 = \"未取得\"\n地区 = \"东部\"\n事故次数 = 0\n",
    );
    // ≥90% (and ≤ 100%): 6 below 95%, 10 from it.
    assert_eq!(range_of(&c, &p, "预算执行"), s("6.00", "10.00"));
    assert_eq!(score(p.total.0, 2), "20.00");
    assert_eq!(score(p.total.1, 2), "30.00");
}

fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

fn files(tag: &str, facts: &str) -> (std::path::PathBuf, String, String) {
    let dir = std::env::temp_dir().join(format!("jixiao-partial-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let r = dir.join("r.jx");
    std::fs::write(&r, RULES).unwrap();
    let f = dir.join(if facts.contains(',') {
        "f.csv"
    } else {
        "f.toml"
    });
    std::fs::write(&f, facts).unwrap();
    let (r, f) = (r.display().to_string(), f.display().to_string());
    (dir, r, f)
}

#[test]
fn score_prints_ranges_unknowns_and_both_ledgers() {
    let (dir, r, f) = files(
        "text",
        "执行率 = \"未取得\"\n有制度 = \"是\"\n地区 = \"东部\"\n事故次数 = 1\n",
    );
    let out = bin()
        .args(["score", &r, "--facts", &f, "--explain"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("[0.00, 10.00]"), "{text}");
    assert!(text.contains("[15.00, 25.00]"), "{text}");
    assert!(text.contains("等级：良或中"), "{text}");
    assert!(
        text.contains("未取得的事实：执行率（未取得）；填写后即可确定得分"),
        "{text}"
    );
    assert!(text.contains("预算执行 取决于 执行率"), "{text}");
    assert!(text.contains("得分最低时（执行率 = 0.00%）"), "{text}");
    assert!(text.contains("得分最高时（执行率 = 95.00%）"), "{text}");
    let out = bin()
        .args(["score", &r, "--facts", &f, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], serde_json::Value::Null);
    assert_eq!(v["total_min"], "15.00");
    assert_eq!(v["total_max"], "25.00");
    assert_eq!(v["grades"], serde_json::json!(["良", "中"]));
    assert_eq!(v["unknown"][0]["name"], "执行率");
    let first = &v["indicators"][0];
    assert_eq!(
        (first["score"].clone(), first["score_min"].clone()),
        (serde_json::Value::Null, "0.00".into())
    );
    assert_eq!(first["score_max"], "10.00");
    assert_eq!(first["depends_on"], serde_json::json!(["执行率"]));
    // A settled indicator keeps its plain score.
    assert_eq!(v["indicators"][1]["score"], "10.00");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn batch_rows_with_unknowns_carry_their_ranges() {
    let csv = "单位,执行率,有制度,地区,事故次数\n甲,96%,是,东部,0\n乙,未取得,是,东部,1\n";
    let (dir, r, f) = files("batch", csv);
    let out = bin().args(["batch", &r, "--facts", &f]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows[1], "2,甲,30.00,优,10.00,10.00,10.00,");
    assert_eq!(
        rows[2],
        "3,乙,\"[15.00, 25.00]\",良 / 中,\"[0.00, 10.00]\",10.00,5.00,"
    );
    let out = bin()
        .args(["batch", &r, "--facts", &f, "--format", "jsonl"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(v["total"], serde_json::Value::Null);
    assert_eq!(
        (v["total_min"].clone(), v["total_max"].clone()),
        ("15.00".into(), "25.00".into())
    );
    assert_eq!(v["scores"]["预算执行"], serde_json::Value::Null);
    assert_eq!(v["scores_max"]["预算执行"], "10.00");
    assert_eq!(v["scores"]["安全"], "5.00");
    let _ = std::fs::remove_dir_all(dir);
}

/// A generated rubric: one tier table per input over thresholds and scores
/// drawn at random, two inputs, one of them (or both) unknown.
fn rubric(t: &[(u32, u32)], u: &[(u32, u32)]) -> String {
    let mut r = String::from(
        "评分表 \"性质\" 满分 20\n等级 优 >= 15，中 >= 8，差\n输入 甲: 百分比\n输入 乙: 次\n",
    );
    let tiers = |name: &str, rows: &[(u32, u32)], pct: bool| {
        let mut s = format!("指标 {name}项 10 {{\n");
        for (th, sc) in rows {
            let th = if pct {
                format!("{th}%")
            } else {
                th.to_string()
            };
            s.push_str(&format!("  如果 {name} ≥ {th} 则 {}\n", sc % 11));
        }
        s.push_str("  否则 0\n}\n");
        s
    };
    r.push_str(&tiers("甲", t, true));
    r.push_str(&tiers("乙", u, false));
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// The range's ends are the scores at the extreme admissible facts: each
    /// end is reached by a fact set, and every concrete value scores inside.
    #[test]
    fn ranges_are_the_extremes_over_admissible_facts(
        t in prop::collection::vec((0u32..150, 0u32..11), 1..4),
        u in prop::collection::vec((0u32..6, 0u32..11), 1..4),
        xs in prop::collection::vec((0u32..200, 0u32..8), 8),
        both in any::<bool>(),
    ) {
        let rules = rubric(&t, &u);
        let (c, mut map) = compile(&rules);
        let facts = if both { "甲 = \"未取得\"\n乙 = \"未填\"\n".to_string() } else { "甲 = \"未取得\"\n乙 = 3\n".to_string() };
        let fs = load(&c, &mut map, &facts).unwrap();
        let p = partial::score(&c, &fs).unwrap();
        let low = jixiao::eval::score(&c, &p.low.0).unwrap();
        let high = jixiao::eval::score(&c, &p.high.0).unwrap();
        prop_assert_eq!((low.total, high.total), p.total);
        for (x, y) in xs {
            let y = if both { y } else { 3 };
            let concrete = format!("甲 = \"{x}%\"\n乙 = {y}\n");
            let f = load(&c, &mut map, &concrete).unwrap();
            let card = jixiao::eval::score(&c, &f).unwrap();
            prop_assert!(p.total.0 <= card.total && card.total <= p.total.1);
            prop_assert!(p.grades.contains(&card.grade));
            for (i, s) in card.indicators.iter().enumerate() {
                prop_assert!(p.lo[i] <= s.score && s.score <= p.hi[i]);
            }
        }
        // Each indicator's ends are reached too: by a threshold or just below.
        for i in 0..c.indicators.len() {
            let reach = |want| {
                let mut cands: Vec<String> = vec!["甲 = \"0%\"".into()];
                for (th, _) in &t {
                    cands.push(format!("甲 = \"{th}%\""));
                    if *th > 0 {
                        cands.push(format!("甲 = \"{}.5%\"", th - 1));
                    }
                }
                let ys: Vec<u32> = if both { (0..7).collect() } else { vec![3] };
                cands.iter().any(|a| ys.iter().any(|y| {
                    let f = load(&c, &mut map.clone(), &format!("{a}\n乙 = {y}\n"));
                    f.ok().and_then(|f| jixiao::eval::score(&c, &f).ok())
                        .is_some_and(|card| card.indicators[i].score == want)
                }))
            };
            prop_assert!(reach(p.lo[i]) && reach(p.hi[i]));
        }
    }
}

#[test]
fn exact_only_paths_refuse_an_unknown_rather_than_take_the_default() {
    // 有制度 has 默认 是: neither evaluator may read it for a fact marked unknown.
    let (c, mut map) = compile(RULES);
    let fs = load(
        &c,
        &mut map,
        "执行率 = \"96%\"\n有制度 = \"未填\"\n地区 = \"东部\"\n事故次数 = 0\n",
    )
    .unwrap();
    let e = jixiao::eval::score(&c, &fs).unwrap_err();
    assert_eq!(e.code(), "E414");
    let k = jixiao::compiled::Compiled::new(&c);
    let e = k.score(&fs, &mut k.scratch()).unwrap_err();
    assert_eq!(e.code(), "E414");
}

#[test]
fn spreadsheet_cells_mark_unknowns_as_csv_and_toml_do() {
    use rust_xlsxwriter::Workbook;
    let (dir, r, _) = files("sheet", "执行率 = 1\n");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (i, (k, v)) in [
        ("执行率", "未取得"),
        ("有制度", "是"),
        ("地区", "东部"),
        ("事故次数", "1"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(i as u32, 0, *k).unwrap();
        ws.write_string(i as u32, 1, *v).unwrap();
    }
    let book = dir.join("dept.xlsx");
    wb.save(&book).unwrap();
    let book = book.display().to_string();
    let out = bin()
        .args(["score", &r, "--facts", &book, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(
        (v["total_min"].clone(), v["total_max"].clone()),
        ("15.00".into(), "25.00".into())
    );
    // A batch sheet: the row with 未填 gets its range.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        ["单位", "执行率", "有制度", "地区", "事故次数"],
        ["乙", "未填", "是", "东部", "1"],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            ws.write_string(i as u32, j as u16, *cell).unwrap();
        }
    }
    let units = dir.join("units.xlsx");
    wb.save(&units).unwrap();
    let units = units.display().to_string();
    let out = bin()
        .args(["batch", &r, "--facts", &units])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("乙,\"[15.00, 25.00]\""), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unknown_that_decides_an_exclusion_ranges_the_renormalised_total() {
    let rules = "评分表 \"剔除\" 满分 10\n等级 优 >= 9，良 >= 6，差\n输入 无采购: 是否\n指标 预算 6 { 得分 = 3 }\n指标 采购 4 {\n  不适用 如果 无采购 则 剔除\n  得分 = 4\n}\n";
    let (c, p) = ranges(rules, "无采购 = \"未取得\"\n");
    // Excluded: 3 × 10 ÷ 6 = 5; applicable: 3 + 4 = 7.
    assert_eq!(
        (score(p.total.0, 2), score(p.total.1, 2)),
        s("5.00", "7.00")
    );
    assert_eq!(range_of(&c, &p, "采购"), s("0.00", "4.00"));
    assert_eq!(p.effective_full, None);
    assert_eq!(grades(&c, &p), ["良", "差"]);
    // The table claims neither the exclusion nor its renormalisation.
    let mut notes = jixiao::report::Notes::default();
    notes.partial = Some(p.clone());
    let text = jixiao::report::scorecard_text_with(&c, &p.card(), Some(&notes), Lang::Zh);
    assert!(!text.contains("不适用") && !text.contains("折算"), "{text}");
    assert!(text.contains("[0.00, 4.00] [0.00%, 100.00%]"), "{text}");
}
