//! `jixiao template`: the blank file, filled in, is read by score and batch
//! as it is, and scores as the same facts written by hand.

use calamine::{open_workbook, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-tpl-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.jx"), include_str!("sheet_rules.jx")).unwrap();
    d
}

fn run(d: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(d)
        .args(args)
        .output()
        .unwrap()
}

fn total(out: &Output) -> String {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    v["total"].as_str().unwrap().to_string()
}

const VALUES: [(&str, &str); 5] = [
    ("单位", "甲局"),
    ("执行率", "96.5%"),
    ("合规", "否"),
    ("档次", "好"),
    ("金额", "120"),
];

#[test]
fn toml_template_filled_in_scores() {
    let d = dir("toml");
    let out = run(&d, &["template", "t.jx"]);
    assert_eq!(out.status.code(), Some(0));
    let mut text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("# 百分比；填百分数，如 95%；不小于 0%\n\"执行率\" = \"\""),
        "{text}"
    );
    assert!(text.contains("# {好, 中, 差}；填其中之一"), "{text}");
    for (k, v) in VALUES {
        text = text.replace(&format!("\"{k}\" = \"\""), &format!("\"{k}\" = \"{v}\""));
    }
    std::fs::write(d.join("f.toml"), text).unwrap();
    let out = run(
        &d,
        &["score", "t.jx", "--facts", "f.toml", "--format", "json"],
    );
    assert_eq!(total(&out), "25.00");
}

#[test]
fn csv_template_filled_in_runs_in_batch() {
    let d = dir("csv");
    let out = run(&d, &["template", "t.jx", "--format", "csv", "-o", "b.csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut bytes = std::fs::read(d.join("b.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}单位,执行率,合规,档次,金额\n".as_bytes()));
    let row: Vec<&str> = VALUES.iter().map(|(_, v)| *v).collect();
    bytes.extend_from_slice(format!("{}\n", row.join(",")).as_bytes());
    std::fs::write(d.join("b.csv"), bytes).unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "b.csv"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2,甲局,25.00,良,"));
}

#[test]
fn xlsx_template_has_the_inputs_and_filled_in_scores_alike() {
    let d = dir("xlsx");
    let out = run(
        &d,
        &["template", "t.jx", "--format", "xlsx", "-o", "t.xlsx"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut wb: Xlsx<_> = open_workbook(d.join("t.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["填报", "输入说明"]);
    let r = wb.worksheet_range("填报").unwrap();
    let head: Vec<String> = (0..5)
        .map(|c| r.get_value((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(head, ["单位", "执行率", "合规", "档次", "金额"]);
    let help = wb.worksheet_range("输入说明").unwrap();
    assert_eq!(
        help.get_value((3, 1)).unwrap().to_string(),
        "{好, 中, 差}；填其中之一"
    );
    // What a person filling it in leaves: the same header, a rate typed
    // into the %-formatted column (stored as 0.965), the rest as text.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("填报").unwrap();
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    ws.write_string(1, 0, "甲局").unwrap();
    ws.write_number_with_format(1, 1, 0.965, &Format::new().set_num_format("0.00%"))
        .unwrap();
    ws.write_string(1, 2, "否").unwrap();
    ws.write_string(1, 3, "好").unwrap();
    ws.write_number(1, 4, 120.0).unwrap();
    wb.save(d.join("filled.xlsx")).unwrap();
    let out = run(
        &d,
        &[
            "score",
            "t.jx",
            "--facts",
            "filled.xlsx",
            "--format",
            "json",
        ],
    );
    assert_eq!(total(&out), "25.00");
    let out = run(&d, &["batch", "t.jx", "--facts", "filled.xlsx"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("2,甲局,25.00,良,"));
}

/// One part of a workbook (a zip of XML) as text.
fn part(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// What the xlsx template promises, read from the XML Excel and WPS read:
/// drop-down lists for 是/否 and the enumeration (and none elsewhere), a
/// note on every header cell, the percentage column formatted `0.00%`.
#[test]
fn xlsx_template_has_drop_downs_notes_and_percent_columns() {
    let d = dir("xlsx-xml");
    let out = run(
        &d,
        &["template", "t.jx", "--format", "xlsx", "-o", "t.xlsx"],
    );
    assert_eq!(out.status.code(), Some(0));
    let book = d.join("t.xlsx");
    let sheet = part(&book, "xl/worksheets/sheet1.xml");
    let lists: Vec<(&str, &str)> = sheet
        .split("<dataValidation ")
        .skip(1)
        .map(|v| {
            let sqref = v
                .split("sqref=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let list = v
                .split("<formula1>")
                .nth(1)
                .unwrap()
                .split("</formula1>")
                .next()
                .unwrap();
            assert!(v.contains("type=\"list\""), "{v}");
            (sqref, list)
        })
        .collect();
    // 合规 (是否) is column C, 档次 {好, 中, 差} column D.
    assert_eq!(
        lists,
        [("C2:C501", "\"是,否\""), ("D2:D501", "\"好,中,差\"")]
    );
    let notes = part(&book, "xl/comments1.xml");
    let refs: Vec<&str> = notes
        .split("<comment ref=\"")
        .skip(1)
        .map(|c| c.split('"').next().unwrap())
        .collect();
    assert_eq!(refs, ["A1", "B1", "C1", "D1", "E1"]);
    assert!(notes.contains("百分比"), "{notes}");
    // 执行率 (column B): the column's style is an xf whose number format is 0.00%.
    let col = sheet
        .split("<col ")
        .find(|c| c.starts_with("min=\"2\" max=\"2\""))
        .unwrap_or_else(|| panic!("no column B: {sheet}"));
    let style: usize = col
        .split("style=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let styles = part(&book, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id = xf
        .split("numFmtId=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        styles.contains(&format!("<numFmt numFmtId=\"{id}\" formatCode=\"0.00%\"/>")) || id == "10",
        "column B style {style} has number format {id}: {styles}"
    );
    // No other column is %-formatted.
    assert_eq!(sheet.matches("style=").count(), 1, "{sheet}");
}
