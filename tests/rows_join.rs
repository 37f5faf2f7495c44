//! `--rows [表名=]FILE` on every command that scores many units or prints
//! a scorecard: JSON Lines batch (issue 11 leftovers, item 3), `report`
//! and `diff` (item 2), all through the one joining path, with the same
//! codes as CSV batch: E352 rows of a unit no facts name, E354 a unit
//! named twice. Runs the built binary.

mod common;
use common::{run_in as run, text};
use std::path::PathBuf;
use std::process::Output;

/// An assessor-scored indicator and a target table (as tests/tables_io.rs).
const RULES: &str = "评分表 \"小表\" 满分 100
保留 2 位小数（四舍五入）
等级 优 90（含）至 100（含），差 0（含）至 90
输入 预算: 万元 正数
输入 执行: 万元
定义 执行率 = 执行 / 预算
指标 预算执行 10 { 按比例 执行率 }
指标 档案资料 10 { 评审打分 }
指标表 产出 80 {
  分值 按列
  等于 未达到 得 0%
  定性 达成 80%（含） 至 100%（含），未达成 0%（含） 至 60%
}
";

/// 甲 scores 9 + 8 + 40 + 35 = 92, 乙 100; 丙 has no rows; 丁's rows name
/// a unit no facts row names.
const ROWS: &str = "单位,三级指标,指标性质,年度指标值,实际完成值,分值,得分
甲,培训,≥,4000 人,4253 人,40,
甲,机制,定性,,达成,40,35
乙,开放天数,≥,300 天,310 天,80,
丁,开放天数,≥,300 天,310 天,80,
";

const UNITS_JSONL: &str = r#"{"单位":"甲","预算":"100 万元","执行":"90 万元","评审打分":{"档案资料":8}}
{"单位":"乙","预算":"100 万元","执行":"100 万元","评审打分":{"档案资料":10}}
{"单位":"丙","预算":"100 万元","执行":"50 万元","评审打分":{"档案资料":5}}
"#;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-join-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.jx"), RULES).unwrap();
    std::fs::write(d.join("rows.csv"), ROWS).unwrap();
    d
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn json_lines_batch_joins_rows_by_unit_as_csv_does() {
    let d = dir("jsonl");
    std::fs::write(d.join("units.jsonl"), UNITS_JSONL).unwrap();
    let args = [
        "batch",
        "t.jx",
        "--facts",
        "units.jsonl",
        "--rows",
        "产出=rows.csv",
        "--format",
        "jsonl",
    ];
    let out = run(&d, &args);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let r = records(&out);
    assert_eq!(r.len(), 4, "{}", text(&out.stdout));
    assert_eq!(
        (r[0]["unit"].as_str(), r[0]["total"].as_str()),
        (Some("甲"), Some("92.00"))
    );
    assert_eq!(r[0]["scores"]["产出"], "75.00");
    assert_eq!(r[1]["total"], "100.00");
    // 丙 has no rows: the table is missing, as for a CSV row.
    assert_eq!(r[2]["error"]["code"], "E301");
    // 丁's rows name no line of the facts: a record of its own, never dropped.
    assert_eq!(r[3]["error"]["code"], "E352");
    assert_eq!(r[3]["unit"], "丁");
    assert!(r[3]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("rows.csv:5"));
    // A unit named on two lines cannot be joined: both fail with E354.
    let twice = format!("{UNITS_JSONL}{}\n", UNITS_JSONL.lines().next().unwrap());
    std::fs::write(d.join("units.jsonl"), twice).unwrap();
    let r = records(&run(&d, &args));
    assert_eq!(r[0]["error"]["code"], "E354");
    assert_eq!(r[3]["error"]["code"], "E354");
    assert_eq!(r[1]["total"], "100.00");
    let _ = std::fs::remove_dir_all(&d);
}

/// The same units as a CSV, the assessor's score in a column of its own.
const UNITS_CSV: &str = "单位,预算,执行,档案资料
甲,100 万元,90 万元,8
乙,100 万元,100 万元,10
丙,100 万元,50 万元,5
";

#[test]
fn report_joins_rows_for_one_department_and_for_many() {
    let d = dir("report");
    // One department: a rows file without a 单位 column, as for `score --rows`.
    let one = "单位 = \"甲\"\n预算 = \"100 万元\"\n执行 = \"90 万元\"\n[评审打分]\n档案资料 = 8\n";
    std::fs::write(d.join("one.toml"), one).unwrap();
    let rows = "三级指标,指标性质,年度指标值,实际完成值,分值,得分\n培训,≥,4000 人,4253 人,40,\n机制,定性,,达成,40,35\n";
    std::fs::write(d.join("one-rows.csv"), rows).unwrap();
    let out = run(
        &d,
        &[
            "report",
            "t.jx",
            "--facts",
            "one.toml",
            "--rows",
            "产出=one-rows.csv",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.contains("92.00"), "the total 9 + 8 + 75");
    // Without the rows the table is missing, not scored as empty.
    let out = run(&d, &["report", "t.jx", "--facts", "one.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("E301"), "{}", text(&out.stderr));
    // Many units: joined by unit; 丙 (no rows) and 丁 (no facts) are listed failures.
    std::fs::write(d.join("units.csv"), UNITS_CSV).unwrap();
    let out = run(
        &d,
        &[
            "report",
            "t.jx",
            "--facts",
            "units.csv",
            "--rows",
            "rows.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("共读取 4 行：评分 2 行，出错 2 行"),
        "{}",
        text(&out.stderr)
    );
    let page = text(&out.stdout);
    assert!(
        page.contains("E352") && page.contains("E301"),
        "failures listed"
    );
    // JSON Lines through the same path.
    std::fs::write(d.join("units.jsonl"), UNITS_JSONL).unwrap();
    let out = run(
        &d,
        &[
            "report",
            "t.jx",
            "--facts",
            "units.jsonl",
            "--rows",
            "rows.csv",
        ],
    );
    assert!(
        text(&out.stderr).contains("评分 2 行，出错 2 行"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn diff_joins_rows_for_each_rubric_that_has_the_table() {
    let d = dir("diff");
    // The new rubric moves 优 up to 95: 甲 (92) flips; the rows count in both.
    let new = RULES.replace(
        "优 90（含）至 100（含），差 0（含）至 90",
        "优 95（含）至 100（含），差 0（含）至 95",
    );
    std::fs::write(d.join("new.jx"), new).unwrap();
    std::fs::write(d.join("units.csv"), UNITS_CSV).unwrap();
    let out = run(
        &d,
        &[
            "diff",
            "t.jx",
            "new.jx",
            "--facts",
            "units.csv",
            "--rows",
            "产出=rows.csv",
            "--format",
            "json",
        ],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let units = v["units"].as_array().unwrap();
    let jia = units.iter().find(|u| u["unit"] == "甲").unwrap();
    assert_eq!(
        (
            jia["old"]["total"].as_str(),
            jia["old"]["grade"].as_str(),
            jia["new"]["grade"].as_str()
        ),
        (Some("92.00"), Some("优"), Some("差")),
        "{jia}"
    );
    // 丙 has no rows under either rubric; 丁's rows name no unit of the data,
    // said once though both rubrics read the file.
    assert!(err.contains("E301"), "{err}");
    assert_eq!(err.matches("E352").count(), 1, "{err}");
    assert!(err.contains("rows.csv:5"), "{err}");
    // A unit named twice cannot be joined (E354); a table neither rubric has is E351.
    std::fs::write(
        d.join("units.csv"),
        format!("{UNITS_CSV}甲,100 万元,90 万元,8\n"),
    )
    .unwrap();
    let out = run(
        &d,
        &[
            "diff",
            "t.jx",
            "new.jx",
            "--facts",
            "units.csv",
            "--rows",
            "rows.csv",
        ],
    );
    assert!(text(&out.stderr).contains("E354"), "{}", text(&out.stderr));
    let out = run(
        &d,
        &[
            "diff",
            "t.jx",
            "new.jx",
            "--facts",
            "units.csv",
            "--rows",
            "产物=rows.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(e.contains("E351") && e.contains("产出"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_csv_row_with_a_bounded_fact_takes_its_rows_before_the_bound_is_resolved() {
    // `≥95%` is a bound, not a value: resolving it scores the rubric, which
    // needs the unit's rows (before the fix: E301, the table "missing").
    let d = dir("bounded");
    let rules = "评分表 \"界\" 满分 100
保留 2 位小数（四舍五入）
等级 优 90（含）至 100（含），差 0（含）至 90
输入 率: 百分比
指标 达标 20 {
  如果 率 ≥ 90% 则 20
  否则 0
}
指标表 产出 80 {
  分值 按列
  等于 未达到 得 0%
  定性 达成 80%（含） 至 100%（含），未达成 0%（含） 至 60%
}
";
    std::fs::write(d.join("b.jx"), rules).unwrap();
    std::fs::write(d.join("b.csv"), "单位,率\n甲,≥95%\n乙,96%\n").unwrap();
    let args = [
        "batch", "b.jx", "--facts", "b.csv", "--rows", "rows.csv", "--format", "jsonl",
    ];
    let r = records(&run(&d, &args));
    assert_eq!(
        (r[0]["unit"].as_str(), r[0]["total"].as_str()),
        (Some("甲"), Some("95.00")),
        "{r:?}"
    );
    assert_eq!(r[0]["scores"]["产出"], "75.00");
    assert_eq!(r[1]["total"], "100.00");
    assert_eq!(r[2]["error"]["code"], "E352");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn diff_of_a_folder_of_facts_files_reads_their_rows_and_assessor_scores() {
    // `[[产出]]` and `[评审打分]` in a unit's own TOML file were dropped by
    // diff's reader (E301 "missing", E322 "not an input").
    let d = dir("folder");
    let new = RULES.replace(
        "优 90（含）至 100（含），差 0（含）至 90",
        "优 95（含）至 100（含），差 0（含）至 95",
    );
    std::fs::write(d.join("new.jx"), new).unwrap();
    std::fs::create_dir_all(d.join("units")).unwrap();
    let jia = "单位 = \"甲\"\n预算 = \"100 万元\"\n执行 = \"90 万元\"\n[评审打分]\n档案资料 = 8\n\
        [[产出]]\n三级指标 = \"培训\"\n年度指标值 = \"≥4000 人\"\n实际完成值 = \"4253 人\"\n分值 = 40\n\
        [[产出]]\n三级指标 = \"机制\"\n指标性质 = \"定性\"\n实际完成值 = \"达成\"\n分值 = 40\n得分 = 35\n";
    std::fs::write(d.join("units/甲.toml"), jia).unwrap();
    let out = run(
        &d,
        &[
            "diff", "t.jx", "new.jx", "--facts", "units", "--format", "json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let u = &v["units"][0];
    assert_eq!(
        (u["old"]["total"].as_str(), u["new"]["grade"].as_str()),
        (Some("92.00"), Some("差")),
        "{u}"
    );
    // A bad cell in those rows is an error pointing into the file.
    std::fs::write(
        d.join("units/甲.toml"),
        jia.replace("\"4253 人\"", "\"很多\""),
    )
    .unwrap();
    let out = run(&d, &["diff", "t.jx", "new.jx", "--facts", "units"]);
    let e = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{e}");
    assert!(e.contains("E342") && e.contains("甲.toml:9"), "{e}");
    // Rows in the file and in a rows file too: neither is taken silently.
    std::fs::write(d.join("units/甲.toml"), jia).unwrap();
    let out = run(
        &d,
        &[
            "diff", "t.jx", "new.jx", "--facts", "units", "--rows", "rows.csv",
        ],
    );
    let e = text(&out.stderr);
    assert!(e.contains("E359") && e.contains("rows.csv:2"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}
