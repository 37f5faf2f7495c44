//! Every workbook kind people hand in, read by the built binary: the
//! fixtures in tests/fixtures/sheets (made by its make.py: openpyxl's
//! .xlsx, saved again by LibreOffice as .xls, .ods and .xlsm) score exactly
//! as units.csv, the same data typed as CSV. (.xlsb is read by calamine
//! too, but no free tool here writes one: it is untested.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RULES: &str = include_str!("sheet_rules.jx");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sheets");

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-formats-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.jx"), RULES).unwrap();
    d
}

fn batch(d: &Path, file: &str, sheet: Option<&str>) -> Output {
    let facts = format!("{FIXTURES}/{file}");
    let mut args = vec!["batch", "t.jx", "--facts", &facts];
    if let Some(s) = sheet {
        args.extend(["--sheet", s]);
    }
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(d)
        .args(&args)
        .output()
        .unwrap()
}

/// The scores of each row (every column but the row number, which is the
/// sheet's row in a workbook and the line in a CSV).
fn scores(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split_once(',').map_or(l, |(_, rest)| rest).to_string())
        .collect()
}

#[test]
fn every_workbook_kind_scores_as_the_csv() {
    let d = dir();
    let csv = batch(&d, "units.csv", None);
    assert_eq!(csv.status.code(), Some(0));
    let want = scores(&csv);
    assert_eq!(want[1], "甲局,30.00,优,10.00,10.00,10.00,");
    assert_eq!(want.len(), 4);
    // Rates typed as text ("96.5%") read alike in every kind.
    for file in ["units.xlsx", "units.xlsm", "units.xls", "units.ods"] {
        let out = batch(&d, file, Some("文本"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{file}: {stderr}");
        assert_eq!(scores(&out), want, "{file}: {stderr}");
        assert!(stderr.contains("表头在第 3 行"), "{file}: {stderr}");
    }
    // %-formatted fractions (0.965 shown as 96.50%): .xlsx and .xlsm carry
    // the number format. openpyxl keeps the float noise (noted when read);
    // LibreOffice saves 15 digits, so its .xlsm holds a plain 7.
    for file in ["units.xlsx", "units.xlsm"] {
        let out = batch(&d, file, Some("明细"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(scores(&out), want, "{file}: {stderr}");
        assert_eq!(
            stderr.contains("明细!F5 存储的值是 7.000000000000001，显示为 7"),
            file == "units.xlsx",
            "{file}: {stderr}"
        );
    }
}

/// calamine gives no number formats for .xls and .ods: a %-formatted
/// fraction arrives as the bare fraction and is refused per row (never read
/// as 0.965%), with a note once that says why and what to do.
#[test]
fn percent_formats_in_xls_and_ods_are_refused_not_misread() {
    let d = dir();
    for file in ["units.xls", "units.ods"] {
        let out = batch(&d, file, Some("明细"));
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        assert!(
            stdout.contains("4,甲局,,,,,,\"E303 [明细!C4 执行率]"),
            "{file}: {stdout}"
        );
        assert_eq!(stdout.matches("E303").count(), 3, "{file}: {stdout}");
        assert!(
            stderr.contains("读不到单元格的数字格式"),
            "{file}: {stderr}"
        );
    }
}
