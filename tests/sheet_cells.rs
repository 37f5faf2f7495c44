//! Cells read as Excel displays them, and headers as finance offices draw
//! them (issue 12, item 1): fixed decimals (`0.00`, `#,##0`) read as
//! shown and noted, float noise read as Excel's 15 digits, a header whose
//! group titles sit in a merged row above the input names.

use rust_xlsxwriter::{Format, Workbook};
use std::path::PathBuf;
use std::process::{Command, Output};

const RULES: &str = include_str!("sheet_rules.jx");

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-cells-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.jx"), RULES).unwrap();
    d
}

fn run(d: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(d)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn fixed_decimals_and_float_noise_read_as_displayed() {
    let d = dir("shown");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["单位", "执行率", "合规", "档次", "金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let pct1 = Format::new().set_num_format("0.0%");
    let two = Format::new().set_num_format("0.00");
    let thousands = Format::new().set_num_format("#,##0");
    // 0.9496 shown as 95.0% (a rate of 95% scores 10); 99.996 shown as
    // 100.00 (≥ 100 万元); 7.0000000000000009 is the f64 7.000000000000001,
    // shown by Excel as 7.
    let rows: [(&str, f64, &Format, f64, &Format); 3] = [
        ("甲局", 0.9496, &pct1, 99.996, &two),
        ("乙局", 0.95, &pct1, 99.5, &thousands),
        ("丙局", 0.95, &pct1, 7.0000000000000009, &Format::new()),
    ];
    for (i, (u, rate, rf, amount, af)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *u).unwrap();
        ws.write_number_with_format(r, 1, *rate, rf).unwrap();
        ws.write_string(r, 2, "是").unwrap();
        ws.write_string(r, 3, "好").unwrap();
        ws.write_number_with_format(r, 4, *amount, af).unwrap();
    }
    wb.save(d.join("s.xlsx")).unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "s.xlsx"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // 甲局: 95.0% and 100.00 as shown: full marks. 乙局: 99.5 shown as
    // 100 (#,##0). 丙局: 7 万元, under 100: 产出 0.
    assert!(
        stdout.contains("2,甲局,30.00,优,10.00,10.00,10.00,"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3,乙局,30.00,优,10.00,10.00,10.00,"),
        "{stdout}"
    );
    assert!(
        stdout.contains("4,丙局,20.00,中,10.00,10.00,0.00,"),
        "{stdout}"
    );
    for note in [
        "Sheet1!B2 存储的值是 94.96%，显示为 95%",
        "Sheet1!E2 存储的值是 99.996，显示为 100",
        "Sheet1!E3 存储的值是 99.5，显示为 100",
        "Sheet1!E4 存储的值是 7.000000000000001，显示为 7",
    ] {
        assert!(stderr.contains(note), "{note}: {stderr}");
    }
}

/// 单位名称 merged down two rows, group titles (基本情况, 评价指标) merged
/// across the first header row, the input names in the second.
#[test]
fn a_header_below_merged_group_titles() {
    let d = dir("groups");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("汇总").unwrap();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 4, "2020 年度绩效自评汇总表", &f)
        .unwrap();
    ws.merge_range(1, 0, 2, 0, "单位名称", &f).unwrap();
    ws.merge_range(1, 1, 1, 2, "基本情况", &f).unwrap();
    ws.merge_range(1, 3, 1, 4, "产出", &f).unwrap();
    for (c, h) in ["执行率", "合规", "档次", "金额"].iter().enumerate() {
        ws.write_string(2, c as u16 + 1, *h).unwrap();
    }
    for (r, (u, rate, ok, tier, amount)) in [
        ("甲局", "96.5%", "是", "好", 120.0),
        ("乙局", "70%", "否", "中", 7.0),
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 3;
        ws.write_string(r, 0, *u).unwrap();
        ws.write_string(r, 1, *rate).unwrap();
        ws.write_string(r, 2, *ok).unwrap();
        ws.write_string(r, 3, *tier).unwrap();
        ws.write_number(r, 4, *amount).unwrap();
    }
    wb.save(d.join("g.xlsx")).unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "g.xlsx"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stderr.contains("表头在第 3 行"), "{stderr}");
    assert!(stdout.contains("4,甲局,30.00,优,"), "{stdout}");
    assert!(stdout.contains("5,乙局,17.00,差,"), "{stdout}");
}
