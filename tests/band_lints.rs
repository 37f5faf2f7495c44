//! W213/W214 over 评分档 band sets: each declared set is linted once, at its
//! declaration, whoever uses it (定性 rows, target tables, nobody); bands
//! written in a 定性 row are still linted at that row. A gap wider than one
//! rate names a witness rate.

mod common;
use common::{codes, compile};
use jixiao::diag::{Diagnostic, Lang, SourceMap};

const HEAD: &str = "评分表 \"t\" 年度 2020 满分 30\n等级 优 >= 27，差\n";
/// 80% is in 好 and in 中; [40%, 50%] is in no band.
const BAD_SET: &str =
    "评分档 三档：好 80%（含）至 100%（含），中 50% 至 80%（含），差 10%（含）至 40%\n";

fn diags(rules: &str) -> Vec<Diagnostic> {
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    match jixiao::compile(&map, id) {
        Ok(o) => o.warnings.0,
        Err(d) => d.0,
    }
}

/// (code, zh text, byte offset) of each W213/W214.
fn band_lints(rules: &str) -> Vec<(String, String, u32)> {
    diags(rules)
        .iter()
        .filter(|d| matches!(d.code(), "W213" | "W214"))
        .map(|d| {
            (
                d.code().to_string(),
                d.msg.text(Lang::Zh),
                d.span.expect("a band lint has a place").start,
            )
        })
        .collect()
}

fn qualitative_rows(n: usize, body: &str) -> String {
    let mut s = String::from("输入 率: 百分比\n");
    for i in 0..n {
        s += &format!(
            "输入 档{i}: {{好, 中, 差}}\n指标 甲{i} 10 {{\n  定性 档{i} 得分率 率：{body}\n}}\n"
        );
    }
    s
}

#[test]
fn a_set_used_by_three_rows_warns_once_at_its_declaration() {
    let rules = format!("{HEAD}{BAD_SET}{}", qualitative_rows(3, "按 三档"));
    let at = rules.find("评分档").unwrap() as u32;
    assert_eq!(
        band_lints(&rules),
        vec![
            (
                "W213".to_string(),
                "“三档”的“好”档与“中”档的得分率范围重叠：80% 两档都可以".to_string(),
                at
            ),
            (
                "W214".to_string(),
                "“三档”的得分率范围有缺口：[40%, 50%] 内的得分率（例如 41%）不属于任何一档"
                    .to_string(),
                at
            ),
        ]
    );
    let en: Vec<String> = diags(&rules)
        .iter()
        .filter(|d| d.code() == "W214")
        .map(|d| d.msg.text(Lang::En))
        .collect();
    assert_eq!(
        en,
        ["the rate bands of `三档` leave a gap: rates in [40%, 50%] (e.g. 41%) fit no tier"]
    );
}

#[test]
fn a_set_used_only_by_a_table_is_linted_and_the_ledger_takes_the_first_band() {
    // Only 80% is in two bands (好 and 中); no gap.
    let rules = format!(
        "{HEAD}评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%（含），差 0%（含）至 60%\n指标表 产出 30 {{\n  分值 均分\n  定性 按 三档\n}}\n"
    );
    let at = rules.find("评分档").unwrap() as u32;
    assert_eq!(
        band_lints(&rules),
        vec![(
            "W213".to_string(),
            "“三档”的“好”档与“中”档的得分率范围重叠：80% 两档都可以".to_string(),
            at
        )]
    );
    assert_eq!(codes(&rules), ["W213"]);
    // A rate of 80% written as the actual scores in the first band, 好.
    let facts = "[[产出]]\n指标名称 = \"验收\"\n指标性质 = \"定性\"\n实际完成值 = \"80%\"\n";
    let (c, card) = common::score(&rules, facts);
    let j = jixiao::report::scorecard_value(&c, &card);
    let row = &j["indicators"][0]["rows"][0];
    assert_eq!(row["band"]["level"], "好", "{row}");
    assert_eq!(card.tables[0][0].score.to_string(), "24");
}

#[test]
fn an_unused_set_is_linted_too_and_a_top_level_allow_silences_it() {
    let rules = format!("{HEAD}{BAD_SET}输入 率: 百分比\n指标 甲 30 {{ 按比例 率 }}\n");
    assert_eq!(codes(&rules), ["W213", "W214", "W216"]);
    let allowed = format!("{rules}允许 W213 \"原文如此\"\n允许 W214 \"原文如此\"\n");
    assert_eq!(codes(&allowed), ["W216"]);
}

#[test]
fn bands_written_in_a_row_stay_at_the_row_and_a_clean_set_is_quiet() {
    // Inline bands: the row is the place, as before; the gap (50%, 80%) is
    // wider than a point, so it names a witness.
    let inline = qualitative_rows(
        1,
        "好 80%（含）至 100%（含），中 40%（含）至 50%（含），差 0%（含）至 40%",
    );
    let rules = format!("{HEAD}{inline}");
    let at = rules.find("定性").unwrap() as u32;
    assert_eq!(
        band_lints(&rules),
        vec![(
            "W214".to_string(),
            "“甲0”的得分率范围有缺口：(50%, 80%) 内的得分率（例如 51%）不属于任何一档".to_string(),
            at
        )]
    );
    // The bundled rubric's kind of set is clean for every row using it.
    let clean = format!(
        "{HEAD}评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%，差 0%（含）至 60%\n{}",
        qualitative_rows(3, "按 三档")
    );
    assert!(codes(&clean).is_empty(), "{:?}", codes(&clean));
    let (c, _) = compile(&clean);
    assert_eq!(c.band_sets, ["三档"]);
}

#[test]
fn levels_a_table_writes_itself_are_checked_for_overlap_not_gaps() {
    let table =
        |levels: &str| format!("{HEAD}指标表 产出 30 {{\n  分值 均分\n  定性 {levels}\n}}\n");
    // 100% is the fixed rate of 达成 and inside 部分达成's range: a row whose
    // actual is "100%" scores in 达成, the first.
    let rules = table("达成 100%，部分达成 60%（含）至 100%（含），未达成 0%");
    let at = rules.find("达成").unwrap() as u32;
    assert_eq!(
        band_lints(&rules),
        vec![(
            "W213".to_string(),
            "“产出”的“达成”档与“部分达成”档的得分率范围重叠：100% 两档都可以".to_string(),
            at
        )]
    );
    let facts = "[[产出]]\n指标名称 = \"验收\"\n指标性质 = \"定性\"\n实际完成值 = \"100%\"\n";
    let (c, card) = common::score(&rules, facts);
    let j = jixiao::report::scorecard_value(&c, &card);
    assert_eq!(j["indicators"][0]["rows"][0]["band"]["level"], "达成");
    // The forms' usual levels: fixed rates with a range between, no warning
    // for the rates between 0% and 60% that no level holds.
    assert!(codes(&table(
        "达成 100%，部分达成 60%（含）至 80%（含），未达成 0%"
    ))
    .is_empty());
    assert!(codes(&table("达成 100%，未达成 0%")).is_empty());
}
