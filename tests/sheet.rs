//! Spreadsheets and Excel-made CSV as facts: workbooks written here with
//! rust_xlsxwriter the way finance offices lay them out (title rows, merged
//! cells, %-formatted rates, float noise, 序号/备注 columns), and GBK CSV,
//! read by the built binary.

use rust_xlsxwriter::{Format, Workbook};
mod common;
use common::{run_in as run, text};
use std::path::{Path, PathBuf};

const RULES: &str = include_str!("sheet_rules.jx");

pub fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-sheet-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.jx"), RULES).unwrap();
    d
}

/// 明细: a merged title, a blank row, the header on row 3 (序号, 单位名称,
/// …, 备注), rates stored as fractions with `0.00%`, one float-noise cell.
fn units_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("明细").unwrap();
    let title = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.00%");
    ws.merge_range(0, 0, 0, 6, "2020 年度部门整体支出绩效自评汇总", &title)
        .unwrap();
    for (c, h) in ["序号", "单位名称", "执行率", "合规", "档次", "金额", "备注"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [(&str, f64, &str, &str, f64); 3] = [
        ("甲局", 0.965, "是", "好", 120.0),
        ("乙局", 0.7, "否", "中", 7.000_000_000_000_001),
        ("丙局", 0.5, "是", "差", 30.0),
    ];
    for (i, (u, rate, ok, tier, amount)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, *u).unwrap();
        ws.write_number_with_format(r, 2, *rate, &pct).unwrap();
        ws.write_string(r, 3, *ok).unwrap();
        ws.write_string(r, 4, *tier).unwrap();
        ws.write_number(r, 5, *amount).unwrap();
    }
    ws.write_string(4, 6, "补报").unwrap();
    wb.save(path).unwrap();
}

const UNITS_CSV: &str =
    "单位,执行率,合规,档次,金额\n甲局,96.5%,是,好,120\n乙局,70%,否,中,7\n丙局,50%,是,差,30\n";

#[test]
fn batch_reads_a_sheet_below_its_title_with_percent_formats() {
    let d = dir("batch");
    units_xlsx(&d.join("units.xlsx"));
    let out = run(&d, &["batch", "t.jx", "--facts", "units.xlsx"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("注：读取工作表“明细”，表头在第 3 行"),
        "{stderr}"
    );
    assert!(
        stderr.contains("注：“序号”、“备注”列不是评分表的输入，已跳过"),
        "{stderr}"
    );
    assert!(
        stderr.contains("注：明细!F5 存储的值是 7.000000000000001，显示为 7，按显示的值读取"),
        "{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "行,单位,总分,等级,预算执行,合规性,产出,错误");
    // Rows keep the sheet's row numbers; 0.965 in a 0.00% cell is 96.5%.
    assert_eq!(lines[1], "4,甲局,30.00,优,10.00,10.00,10.00,");
    assert_eq!(lines[2], "5,乙局,17.00,差,6.00,5.00,6.00,");
    assert_eq!(lines[3], "6,丙局,10.00,差,0.00,10.00,0.00,");
    // The same data as CSV scores the same.
    std::fs::write(d.join("units.csv"), UNITS_CSV).unwrap();
    let csv = text(&run(&d, &["batch", "t.jx", "--facts", "units.csv"]).stdout);
    let strip = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| l.split_once(',').map_or(l, |x| x.1).to_string())
            .collect()
    };
    assert_eq!(strip(&csv), strip(&stdout));
}

#[test]
fn a_row_error_names_sheet_cell_and_input() {
    let d = dir("cellerr");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("明细").unwrap();
    for (c, h) in ["单位", "执行率", "合规", "档次", "金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["甲局", "96%", "是", "优", "120"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(d.join("bad.xlsx")).unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "bad.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let last = stdout.lines().nth(1).unwrap();
    assert!(last.starts_with("2,甲局,"), "{stdout}");
    assert!(last.contains("[明细!D2 档次]"), "{stdout}");
    let json = text(
        &run(
            &d,
            &["batch", "t.jx", "--facts", "bad.xlsx", "--format", "jsonl"],
        )
        .stdout,
    );
    assert!(json.contains("\"cell\":\"明细!D2\""), "{json}");
}

#[test]
fn sheet_selection_and_missing_sheet() {
    let d = dir("sheets");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "填表说明")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("数据").unwrap();
    for (c, h) in ["单位", "执行率", "合规", "档次", "金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
        ws.write_string(1, c as u16, ["甲局", "96%", "是", "好", "120"][c])
            .unwrap();
    }
    wb.save(d.join("two.xlsx")).unwrap();
    // The first sheet with a header of inputs is the one read.
    let out = run(&d, &["batch", "t.jx", "--facts", "two.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2,甲局,30.00,优"));
    let out = run(
        &d,
        &["batch", "t.jx", "--facts", "two.xlsx", "--sheet", "汇总"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("E327") && err.contains("有：说明、数据"),
        "{err}"
    );
    std::fs::write(d.join("junk.xlsx"), "not a workbook").unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "junk.xlsx"]);
    assert!(text(&out.stderr).contains("E328"), "{}", text(&out.stderr));
}

#[test]
fn score_reads_a_two_column_sheet_and_a_one_row_table() {
    let d = dir("score");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("自评").unwrap();
    let pct = Format::new().set_num_format("0.0%");
    ws.merge_range(0, 0, 0, 1, "某局 2020 年度自评", &Format::new())
        .unwrap();
    ws.write_string(1, 0, "单位名称").unwrap();
    ws.write_string(1, 1, "甲局").unwrap();
    ws.write_string(2, 0, "名称").unwrap();
    ws.write_string(2, 1, "值").unwrap();
    ws.write_string(3, 0, "执行率").unwrap();
    ws.write_number_with_format(3, 1, 0.965, &pct).unwrap();
    ws.write_string(4, 0, "合规").unwrap();
    ws.write_boolean(4, 1, true).unwrap();
    ws.write_string(5, 0, "档次").unwrap();
    ws.write_string(5, 1, "好").unwrap();
    ws.write_string(6, 0, "金额").unwrap();
    ws.write_number(6, 1, 120.0).unwrap();
    wb.save(d.join("dept.xlsx")).unwrap();
    let out = run(
        &d,
        &["score", "t.jx", "--facts", "dept.xlsx", "--format", "json"],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("\"unit\": \"甲局\""), "{stdout}");
    assert!(stdout.contains("\"total\": \"30.00\""), "{stdout}");

    // One row of a table; a misspelt value names its cell.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["单位", "执行率", "合规", "档次", "金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
        ws.write_string(1, c as u16, ["乙局", "70%", "否", "良", "7"][c])
            .unwrap();
    }
    ws.write_string(2, 0, "丙局").unwrap();
    wb.save(d.join("row.xlsx")).unwrap();
    let out = run(&d, &["score", "t.jx", "--facts", "row.xlsx"]);
    let err = text(&out.stderr);
    assert!(err.contains("E329") && err.contains("2 行数据"), "{err}");
}

#[test]
fn score_error_points_at_the_cell() {
    let d = dir("scoreerr");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表").unwrap();
    for (c, h) in ["单位", "执行率", "合规", "档次", "金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
        ws.write_string(1, c as u16, ["乙局", "70%", "否", "良", "7"][c])
            .unwrap();
    }
    wb.save(d.join("one.xlsx")).unwrap();
    let out = run(&d, &["score", "t.jx", "--facts", "one.xlsx"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("E30") && err.contains("# 表!D2"), "{err}");
}

#[test]
fn gbk_csv_from_excel_is_decoded_with_a_note() {
    let d = dir("gbk");
    let crlf = UNITS_CSV.replace('\n', "\r\n");
    let (gbk, _, bad) = encoding_rs::GBK.encode(&crlf);
    assert!(!bad);
    std::fs::write(d.join("gbk.csv"), &gbk).unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "gbk.csv"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("注：“gbk.csv”不是 UTF-8 编码，已按 GBK（GB18030）读取"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains(",甲局,30.00,优,"));
    // Excel's "CSV UTF-8": a byte-order mark and CRLF.
    std::fs::write(d.join("bom.csv"), format!("\u{feff}{crlf}")).unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "bom.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // diff reads GBK too.
    let out = run(
        &d,
        &[
            "diff", "t.jx", "t.jx", "--facts", "gbk.csv", "--format", "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("GBK"));
}

#[test]
fn csv_written_to_a_file_starts_with_a_bom_unless_asked_not_to() {
    let d = dir("bom");
    std::fs::write(d.join("u.csv"), UNITS_CSV).unwrap();
    run(&d, &["batch", "t.jx", "--facts", "u.csv", "-o", "out.csv"]);
    let bytes = std::fs::read(d.join("out.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}行,".as_bytes()));
    run(
        &d,
        &[
            "batch",
            "t.jx",
            "--facts",
            "u.csv",
            "-o",
            "plain.csv",
            "--no-bom",
        ],
    );
    assert!(std::fs::read(d.join("plain.csv"))
        .unwrap()
        .starts_with("行,".as_bytes()));
    let out = run(&d, &["batch", "t.jx", "--facts", "u.csv"]);
    assert!(out.stdout.starts_with("行,".as_bytes()));
}

#[test]
fn header_columns_people_keep_and_misspellings() {
    let d = dir("header");
    std::fs::write(
        d.join("a.csv"),
        "序号,部门名称,执行率,合规,档次,金额,备注\n1,甲局,96%,是,好,120,\n",
    )
    .unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "a.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2,甲局,30.00"));
    // A misspelt input: a warning with did-you-mean, and one error for the
    // missing input, not one per row.
    std::fs::write(
        d.join("m.csv"),
        "单位,执行率,合规,档次,金颔\n甲,96%,是,好,1\n乙,96%,是,好,1\n",
    )
    .unwrap();
    let out = run(&d, &["batch", "t.jx", "--facts", "m.csv"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(err.matches("W326").count(), 1, "{err}");
    assert!(err.contains("是否应为“金额”"), "{err}");
    assert_eq!(err.matches("E330").count(), 1, "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn diff_reads_a_sheet() {
    let d = dir("diff");
    units_xlsx(&d.join("units.xlsx"));
    let out = run(
        &d,
        &[
            "diff",
            "t.jx",
            "t.jx",
            "--facts",
            "units.xlsx",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    assert!(csv.contains("甲局,30.00,优,30.00,优"), "{csv}");
    assert!(csv.contains("乙局,17.00,差,17.00,差"), "{csv}");
}

/// The many-unit HTML report reads a workbook as batch does: the sheet's
/// 0.965 in a `0.00%` cell is 96.5%, so the totals equal batch's.
#[test]
fn report_reads_a_sheet_as_batch_does() {
    let d = dir("report");
    units_xlsx(&d.join("units.xlsx"));
    let out = run(
        &d,
        &["report", "t.jx", "--facts", "units.xlsx", "-o", "报告.html"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(d.join("报告.html")).unwrap();
    for unit in ["甲局", "乙局", "丙局"] {
        assert!(page.contains(unit), "{unit} missing from the report");
    }
    // 甲局 30.00, 乙局 17.00, 丙局 10.00 as in batch: the mean is 19.00.
    assert!(page.contains("30.00") && page.contains("17.00"), "totals");
    assert!(page.contains("19.00"), "mean of the three totals");
}
