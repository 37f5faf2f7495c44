//! Percentage weights (`指标 甲 75%`, issue 11 item 7) in every output that
//! shows an indicator's points: the HTML reports (one department, many
//! units), the 自评表 workbook and the batch workbook read back with
//! calamine. The text table and JSON are held by tests/levels.rs.

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// 组 = 40 × 75% = 30 points, 甲 = 30 × 60% = 18, 乙 = 12, 丙 = 10.
const RULES: &str = "评分表 \"比例\" 满分 100
保留 2 位小数（四舍五入）
等级 优 >= 90，良 >= 80，差
输入 率甲: 百分比
输入 率乙: 百分比
指标 管理 40 {
  指标 组 75% {
    指标 甲 60% { 按比例 率甲 }
    指标 乙 40% { 按比例 率乙 }
  }
  指标 丙 25% { 得分 = 分值 }
}
指标 其他 60 { 得分 = 60 }
";

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-pct-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.jx"), RULES).unwrap();
    // 甲 9 of 18, 乙 12, 丙 10, 其他 60: 91.
    std::fs::write(
        d.join("f.toml"),
        "单位 = \"甲局\"\n率甲 = \"50%\"\n率乙 = \"100%\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("u.csv"),
        "单位,率甲,率乙\n甲局,50%,100%\n乙局,100%,100%\n",
    )
    .unwrap();
    d
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn cell(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    r.get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The text between `from` and the next `to` after it.
fn between<'a>(h: &'a str, from: &str, to: &str) -> &'a str {
    let start = h.find(from).unwrap_or_else(|| panic!("no {from}")) + from.len();
    &h[start..start + h[start..].find(to).unwrap()]
}

#[test]
fn the_html_reports_show_the_percentage_beside_the_points() {
    let d = dir("html");
    let h = String::from_utf8(run(&d, &["report", "t.jx", "--facts", "f.toml"]).stdout).unwrap();
    let row = between(&h, "data-ind=\"甲\">", "</tr>");
    assert!(row.contains("<td class=\"n\">18（60%）</td>"), "{row}");
    let row = between(&h, "data-ind=\"组\">", "</tr>");
    assert!(row.contains("<td class=\"n\">30（75%）</td>"), "{row}");
    // A weight in points stays as it was.
    let row = between(&h, "data-ind=\"管理\">", "</tr>");
    assert!(row.contains("<td class=\"n\">40</td>"), "{row}");
    // The ledger's summary line of the leaf.
    let summary = between(&h, "<details data-ind=\"甲\"><summary>", "</summary>");
    assert!(summary.ends_with("18（60%）"), "{summary}");
    let en = run(&d, &["report", "t.jx", "--facts", "f.toml", "--lang", "en"]).stdout;
    let en = String::from_utf8(en).unwrap();
    assert!(between(&en, "data-ind=\"甲\">", "</tr>").contains(">18 (60%)<"));
    // Many units: each unit's scorecard.
    let h = String::from_utf8(run(&d, &["report", "t.jx", "--facts", "u.csv"]).stdout).unwrap();
    assert!(
        h.contains("乙</td><td class=\"n\">12（40%）</td>"),
        "many-unit card"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_workbooks_name_the_percentage_and_keep_the_points_as_numbers() {
    let d = dir("xlsx");
    run(
        &d,
        &[
            "score",
            "t.jx",
            "--facts",
            "f.toml",
            "--format",
            "xlsx",
            "-o",
            "自评表.xlsx",
        ],
    );
    let mut wb: Xlsx<_> = open_workbook(d.join("自评表.xlsx")).unwrap();
    let r = wb.worksheet_range("绩效自评表").unwrap();
    let head: Vec<String> = (0..r.width() as u32).map(|c| cell(&r, 2, c)).collect();
    let weight = head.iter().position(|h| h == "分值").unwrap() as u32;
    let names: Vec<(String, String, String, Option<Data>)> = (3..r.height() as u32)
        .map(|row| {
            let at = |c| cell(&r, row, c);
            (at(0), at(1), at(2), r.get_value((row, weight)).cloned())
        })
        .collect();
    // 管理（40分） / 组（75%，30分） / 甲（60%）, the 分值 column 18 as a number.
    assert_eq!(names[0].0, "管理（40分）", "{names:?}");
    assert_eq!(names[0].1, "组（75%，30分）", "{names:?}");
    assert_eq!(names[0].2, "甲（60%）", "{names:?}");
    assert_eq!(names[0].3, Some(Data::Float(18.0)));
    assert_eq!(names[1].2, "乙（40%）", "{names:?}");
    let bing = names.iter().find(|n| n.1.starts_with("丙")).unwrap();
    assert_eq!(
        (bing.1.as_str(), &bing.3),
        ("丙（25%）", &Some(Data::Float(10.0)))
    );
    // The batch workbook's 汇总: the mean lost from the points, with their share.
    run(
        &d,
        &[
            "batch",
            "t.jx",
            "--facts",
            "u.csv",
            "--format",
            "xlsx",
            "-o",
            "结果.xlsx",
        ],
    );
    let mut wb: Xlsx<_> = open_workbook(d.join("结果.xlsx")).unwrap();
    let s = wb.worksheet_range("汇总").unwrap();
    let labels: Vec<String> = (0..s.height() as u32).map(|row| cell(&s, row, 0)).collect();
    assert!(
        labels.contains(&"平均失分：甲（60%，18分）".to_string()),
        "{labels:?}"
    );
    assert!(labels.contains(&"平均失分：管理".to_string()), "{labels:?}");
    // The results keep the indicator names as headers (programs key on them).
    let r = wb.worksheet_range("结果").unwrap();
    let head: Vec<String> = (0..r.width() as u32).map(|c| cell(&r, 0, c)).collect();
    assert!(head.contains(&"甲".to_string()), "{head:?}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_diff_shows_the_share_beside_points_that_changed() {
    let d = dir("diff");
    // 管理 40 → 50: every share stays, every point count under it moves.
    let new = RULES
        .replace("指标 管理 40", "指标 管理 50")
        .replace("指标 其他 60 { 得分 = 60 }", "指标 其他 50 { 得分 = 50 }");
    std::fs::write(d.join("new.jx"), new).unwrap();
    let out = run(
        &d,
        &[
            "diff", "t.jx", "new.jx", "--facts", "u.csv", "--format", "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let edits: Vec<&str> = v["edits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e.as_str())
        .collect();
    assert!(edits.contains(&"管理（分值改变 40 → 50）"), "{edits:?}");
    assert!(
        edits.contains(&"组（分值改变 30（75%） → 37.5（75%））"),
        "{edits:?}"
    );
    assert!(
        edits.contains(&"甲（分值改变 18（60%） → 22.5（60%））"),
        "{edits:?}"
    );
    let _ = std::fs::remove_dir_all(&d);
}
