//! What jixiao prints cannot drive a terminal or a spreadsheet (issue 9
//! item 9, F20), diagnostics show a window of a long line (F15), and text
//! scorecard columns stay apart (F18). These run the built binary.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

const RULES: &str =
    "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n输入 x: 数\n指标 甲 10 { 得分 = min(x, 10) }\n";

struct Dir(std::path::PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("jixiao-esc-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("x.jx"), RULES).unwrap();
        Dir(d)
    }
    fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.0.join(name), text).unwrap();
        self.p(name)
    }
    fn p(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn no_raw_controls(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n' && *c != '\t') || ('\u{202a}'..='\u{202e}').contains(c)
        })
        .collect();
    assert!(bad.is_empty(), "raw control characters {bad:?} in:\n{text}");
}

#[test]
fn a_label_with_terminal_escapes_is_shown_escaped() {
    let d = Dir::new("label");
    let facts = d.write(
        "f.toml",
        "单位 = \"\\u001b[31m红\\u001b]0;title\\u0007\\u202e局\"\nx = 1\n",
    );
    let o = run(&["score", &d.p("x.jx"), "--facts", &facts]);
    assert_eq!(o.status.code(), Some(0));
    no_raw_controls(&o.stdout);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("\\u{1b}[31m红\\u{1b}]0;title\\u{7}\\u{202e}局\n"),
        "{out}"
    );
}

#[test]
fn control_characters_in_diagnostics_are_escaped() {
    let d = Dir::new("diag");
    // A unit text and an unknown key, each with ESC and BEL.
    let facts = d.write("f.toml", "x = \"1\\u001b[2J\"\n\"未知\\u0007\" = 1\n");
    let o = run(&["score", &d.p("x.jx"), "--facts", &facts]);
    assert_eq!(o.status.code(), Some(1));
    no_raw_controls(&o.stderr);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("\\u{1b}[2J"), "{err}");
    // And an ESC in the rule file's own text, shown in the snippet.
    let rules = d.write(
        "bad.jx",
        "评分表 \"x\u{1b}[2J\" 满分 10\n等级 优 >= 9，差\n指标 甲 10 { 得分 = y }\n",
    );
    let o = run(&["check", &rules]);
    assert_eq!(o.status.code(), Some(1));
    no_raw_controls(&o.stderr);
}

#[test]
fn batch_csv_text_cells_cannot_be_formulas_and_numbers_stay_numbers() {
    let d = Dir::new("csv");
    let data = d.write(
        "u.csv",
        "单位,x\n=1+2,5\n@SUM(A1),-3\n+cmd,1\n-x,2\n正常,10\n",
    );
    let o = run(&["batch", &d.p("x.jx"), "--facts", &data]);
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("2,'=1+2,5.00,"), "{out}");
    // min(-3, 10) is a negative score, or an error record: either way the
    // label is defused and a number stays a number.
    assert!(lines[2].starts_with("3,'@SUM(A1),"), "{out}");
    assert!(!out.contains("'-3"), "{out}");
    assert!(lines[3].starts_with("4,'+cmd,1.00,"), "{out}");
    assert!(lines[4].starts_with("5,'-x,2.00,"), "{out}");
    assert!(lines[5].starts_with("6,正常,10.00,优,10.00,"), "{out}");
}

#[test]
fn diff_csv_defuses_labels() {
    let d = Dir::new("diff");
    let data = d.write("u.csv", "单位,x\n=HYPERLINK(\"http://x\"),5\n甲,-1\n");
    let o = run(&[
        "diff",
        &d.p("x.jx"),
        &d.p("x.jx"),
        "--facts",
        &data,
        "--format",
        "csv",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("\n\"'=HYPERLINK(\"\"http://x\"\")\",5.00,"),
        "{out}"
    );
}

/// F15: 3,000 unknown keys on one JSON line printed 215 MB in 7 s.
#[test]
fn many_errors_on_one_long_line_print_a_window_each() {
    let d = Dir::new("wide");
    let mut json = String::from("{\"x\": \"1\"");
    for i in 0..3000 {
        json.push_str(&format!(", \"未知{i}\": 1"));
    }
    json.push('}');
    let facts = d.write("wide.json", &json);
    let t = Instant::now();
    let o = run(&["score", &d.p("x.jx"), "--facts", &facts]);
    assert_eq!(o.status.code(), Some(1));
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    assert!(o.stderr.len() < 3_000_000, "{} bytes", o.stderr.len());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("[E302]").count(), 3000);
    // The 2,000th shows itself, cut on both sides, at its real column.
    let at = json.find("\"未知2000\"").unwrap();
    let col = json[..at].chars().count() + 1;
    let block = err
        .split("\n\n")
        .find(|b| b.contains("“未知2000”"))
        .unwrap();
    assert!(block.contains(&format!("wide.json:1:{col}")), "{block}");
    assert!(
        block.contains("…") && block.contains("\"未知2000\": 1"),
        "{block}"
    );
    for line in block.lines() {
        assert!(line.chars().count() < 260, "{line}");
    }
}

/// One unknown key on a 5 MB line: a window, not the line.
#[test]
fn one_error_on_a_huge_line_prints_a_window() {
    let d = Dir::new("huge");
    let pad = "甲".repeat(2_000_000);
    let facts = d.write(
        "h.json",
        &format!("{{\"x\": \"1\", \"备注\": \"{pad}\", \"未知\": 1}}"),
    );
    let o = run(&["score", &d.p("x.jx"), "--facts", &facts]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stderr.len() < 4000, "{} bytes", o.stderr.len());
}

/// F18: at 7 places the weight and the score ran together (`10099.5000000`).
#[test]
fn scorecard_columns_stay_apart_with_many_places() {
    let d = Dir::new("places");
    let rules = d.write(
        "p.jx",
        "评分表 \"七位\" 满分 100\n保留 7 位小数\n等级 优 >= 90，差\n输入 x: 数\n指标 甲 100 { 得分 = x }\n",
    );
    let facts = d.write("p.toml", "x = 99.5\n");
    let o = run(&["score", &rules, "--facts", &facts]);
    let out = String::from_utf8_lossy(&o.stdout);
    let row = out.lines().find(|l| l.starts_with('甲')).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells, ["甲", "100", "99.5000000", "99.50%"], "{out}");
    let total = out.lines().find(|l| l.starts_with("总分")).unwrap();
    assert_eq!(
        total.split_whitespace().collect::<Vec<_>>(),
        ["总分", "100", "99.5000000", "99.50%"]
    );
}
