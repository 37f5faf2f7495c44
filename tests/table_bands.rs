//! A 评分档 used by a target table's 定性 rows (`定性 按 三档`): the levels
//! are the set's bands, a band being the assessor's range (the row's 得分,
//! checked on load) or a rate written as the actual; both evaluators, the
//! ledger naming the band, JSON row fields, CSV rows, the printer, W216 and
//! E136 with its suggestion.

mod common;
use common::{codes, compile, ind, score};
use jixiao::compiled::Compiled;
use jixiao::diag::Lang;
use std::process::Command;

const RULES: &str = "评分表 \"t\" 满分 20
保留 2 位小数（四舍五入）
等级 优 >= 18，差
评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%，差 0%（含）至 0%（含）
指标表 产出 20 {
  分值 均分
  定性 按 三档
}
";

fn row(name: &str, actual: &str, extra: &str) -> String {
    format!(
        "[[产出]]\n指标名称 = \"{name}\"\n指标性质 = \"定性\"\n实际完成值 = \"{actual}\"\n{extra}"
    )
}

/// Four rows of 5 points: 好 picked 4.5, 差 (one rate, 0), 70% (in 中), ≥ 3/4.
fn facts() -> String {
    row("验收", "好", "得分 = 4.5\n")
        + &row("满意", "差", "")
        + &row("质量", "70%", "")
        + "[[产出]]\n指标名称 = \"培训\"\n指标性质 = \"≥\"\n年度指标值 = \"4000 人\"\n实际完成值 = \"3000 人\"\n"
}

fn load_codes(rules: &str, toml: &str) -> Vec<String> {
    let (c, mut map) = compile(rules);
    let id = map.add("f.toml", toml.to_string());
    match jixiao::facts::load(toml, id, jixiao::facts::Format::Toml, &c) {
        Ok(_) => Vec::new(),
        Err(d) => d.0.iter().map(|d| d.code().to_string()).collect(),
    }
}

#[test]
fn rows_score_by_the_sets_bands_in_both_evaluators() {
    let (c, card) = score(RULES, &facts());
    // 4.5 + 0 + 5 × 70% + 5 × 3/4 = 11.75
    assert_eq!(ind(&c, &card, "产出"), "11.75");
    let rows = &card.tables[0];
    assert!(rows[0].assessor && !rows[2].assessor);
    assert_eq!(rows[2].score.to_string(), "3.5");
    assert_eq!(c.tables[0].band_set.as_deref(), Some("三档"));
    // The compiled evaluator scores a fact set with rows as the reference does.
    let (c2, mut map) = compile(RULES);
    let fs = common::facts(&c2, &mut map, &facts());
    let k = Compiled::new(&c2);
    let mut s = k.scratch();
    let fast = k.score(&fs, &mut s).unwrap();
    assert_eq!(fast.total, card.total);
    assert_eq!(fast.tables, card.tables);
}

#[test]
fn a_missing_or_outside_pick_a_rate_in_no_band_and_an_unknown_level_are_errors() {
    let base = row("满意", "差", "");
    // 好 on a 10-point row (two rows): [8, 10].
    assert_eq!(
        load_codes(RULES, &(base.clone() + &row("验收", "好", "得分 = 7.9\n"))),
        ["E346"]
    );
    assert_eq!(
        load_codes(RULES, &(base.clone() + &row("验收", "好", ""))),
        ["E342"]
    );
    assert!(load_codes(RULES, &(base.clone() + &row("验收", "好", "得分 = 8\n"))).is_empty());
    // 50% lies between 差 (0%) and 中 (from 60%).
    assert_eq!(
        load_codes(RULES, &(base.clone() + &row("质量", "50%", ""))),
        ["E342"]
    );
    let (c, mut map) = compile(RULES);
    let text = base + &row("验收", "好的", "");
    let id = map.add("f.toml", text.clone());
    let d = jixiao::facts::load(&text, id, jixiao::facts::Format::Toml, &c).unwrap_err();
    assert_eq!(d.0[0].code(), "E342");
    let msg = d.0[0].msg.text(Lang::Zh);
    assert!(
        msg.contains("第 2 行（验收）") && msg.contains("好、中、差"),
        "{msg}"
    );
    let notes: Vec<String> = d.0[0].notes.iter().map(|n| n.text(Lang::Zh)).collect();
    assert!(notes.iter().any(|n| n.contains("好")), "{notes:?}");
}

#[test]
fn the_checker_names_an_unknown_set_and_counts_a_table_as_a_use() {
    // Used only by a table: no W216. The rates between 差 (0%) and 中 (60%)
    // fit no band (50% is E342 on load): W214 at the set, the one warning.
    assert_eq!(codes(RULES), ["W214"]);
    let typo = RULES.replace("定性 按 三档", "定性 按 三挡");
    let (d, _) = {
        let mut map = jixiao::diag::SourceMap::new();
        let id = map.add("t.jx", typo.clone());
        (jixiao::compile(&map, id).map(|_| ()).unwrap_err(), ())
    };
    // The set's gap is linted at its declaration whether or not a row uses it.
    let found: Vec<&str> = d.0.iter().map(|d| d.code()).collect();
    assert_eq!(found, ["W214", "E136"], "{:?}", d.0);
    let notes: Vec<String> = d.0[1].notes.iter().map(|n| n.text(Lang::Zh)).collect();
    assert!(notes.iter().any(|n| n.contains("三档")), "{notes:?}");
    // A set nobody uses is still W216.
    let unused = RULES.replace("  定性 按 三档\n", "");
    assert_eq!(codes(&unused), ["W214", "W216"]);
}

#[test]
fn the_ledger_names_the_band_and_json_rows_carry_it() {
    let (c, mut map) = compile(RULES);
    let fs = common::facts(&c, &mut map, &facts());
    let (card, ledger) = jixiao::eval::score_explained(&c, &fs).unwrap();
    let l = jixiao::report::explain(&c, &card, &ledger, &map, Lang::Zh, None);
    assert!(
        l.contains("实际完成值 好（评分档 三档：80%（含）至 100%（含）），评审打分"),
        "{l}"
    );
    assert!(
        l.contains("实际完成值 70%（评分档 三档 中：60%（含）至 80%）"),
        "{l}"
    );
    let en = jixiao::report::explain(&c, &card, &ledger, &map, Lang::En, None);
    assert!(
        en.contains("(band set 三档：80% (incl.) to 100% (incl.))"),
        "{en}"
    );
    let j = jixiao::report::scorecard_value(&c, &card);
    let rows = &j["indicators"][0]["rows"];
    assert_eq!(rows[0]["band_set"], "三档");
    assert_eq!(rows[0]["band"]["level"], "好");
    assert_eq!(rows[0]["band"]["lo"], "0.8");
    assert_eq!(rows[0]["band"]["range"], true);
    assert_eq!(rows[1]["band"]["range"], false);
    assert_eq!(rows[2]["band"]["level"], "中");
    assert_eq!(rows[2]["band"]["hi_inclusive"], false);
    assert!(rows[3]["band"].is_null() && rows[3]["band_set"].is_null());
}

#[test]
fn the_table_prints_back_and_rows_come_from_a_csv_too() {
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add("t.jx", RULES.to_string());
    let ast = jixiao::syntax::parse(map.text(id), id).unwrap();
    let printed = jixiao::syntax::print::print(&ast);
    assert!(printed.contains("  定性 按 三档\n"), "{printed}");
    assert_eq!(jixiao::syntax::format(&ast, RULES), RULES);
    // `score --rows` with a CSV: the same reader, the same score.
    let dir = std::env::temp_dir().join(format!("jixiao-table-bands-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.jx"), RULES).unwrap();
    std::fs::write(dir.join("f.toml"), "").unwrap();
    std::fs::write(
        dir.join("rows.csv"),
        "指标名称,指标性质,年度指标值,实际完成值,得分\n验收,定性,,好,4.5\n满意,定性,,差,\n质量,定性,,70%,\n培训,≥,4000 人,3000 人,\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(&dir)
        .args([
            "score",
            "t.jx",
            "--facts",
            "f.toml",
            "--rows",
            "产出=rows.csv",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["total"], "11.75");
    assert_eq!(v["indicators"][0]["rows"][2]["band"]["level"], "中");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `jixiao template --format xlsx`: the table's sheet offers the set's
/// levels as a drop-down in 实际完成值, without refusing other values (the
/// column also holds ≥/≤ rows' quantities).
#[test]
fn the_workbook_template_offers_the_levels_in_the_actual_column() {
    let dir = std::env::temp_dir().join(format!("jixiao-table-bands-tpl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.jx"), RULES).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(&dir)
        .args(["template", "t.jx", "--format", "xlsx", "-o", "t.xlsx"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut z = zip::ZipArchive::new(std::fs::File::open(dir.join("t.xlsx")).unwrap()).unwrap();
    // Sheet 2 is the table's (sheet 1 the inputs).
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut z.by_name("xl/worksheets/sheet2.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    let v = sheet
        .split("<dataValidation ")
        .find(|v| v.contains("\"好,中,差\""))
        .unwrap_or_else(|| panic!("no level list in {sheet}"));
    assert!(v.contains("errorStyle=\"information\""), "{v}");
    // 单位名称, 一级, 二级, 三级, 指标性质, 年度指标值, 实际完成值: column G.
    assert!(v.contains("sqref=\"G2:G501\""), "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}
