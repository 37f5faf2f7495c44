//! One meaning for facts everywhere: CSV and JSON Lines batch rows, `diff`
//! units (CSV and facts directories) and the REPL's `:set`/`:whatif` read
//! values and check constraints, defaults and bounds as `score` does.
//! CLI tests run the built binary; REPL tests drive a `Session`.

use jixiao::diag::Lang;
use jixiao::repl::Session;
use std::path::PathBuf;
use std::process::Command;

/// A scratch folder for one test, removed when the test ends.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("jixiao-facts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Exit code, stdout, stderr.
fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The F2 rubric: a sum constraint and a positive input.
const SUM: &str = "评分表 \"约束\" 满分 10
等级 优 >= 9，差
输入 上年结转: 万元
输入 年初预算: 万元
输入 预算数: 万元 正数
约束 预算数 = 上年结转 + 年初预算
指标 甲 10 { 得分 = 10 }
";

/// A fact known as a bound scores when every value of the bound agrees.
const BOUND: &str = "评分表 \"范围\" 满分 10
等级 优 >= 9，差
输入 率: 百分比
指标 甲 10 { 如果 率 < 60% 则 10 否则 0 }
";

fn batch(rules: &str, data: &str) -> (i32, String, String) {
    jixiao(&["batch", rules, "--facts", data])
}

#[test]
fn csv_rows_are_checked_against_constraints() {
    let d = Dir::new("csv-constraint");
    let rules = d.file("c.jx", SUM);
    let data = d.file(
        "c.csv",
        "单位,上年结转,年初预算,预算数\nA,1,1,500\nB,1,1,2\n",
    );
    let (code, out, err) = batch(&rules, &data);
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].starts_with("2,A,,,") && lines[1].contains("E312"),
        "{out}"
    );
    assert!(lines[2].starts_with("3,B,10.00,优"), "{out}");
}

#[test]
fn json_lines_and_csv_agree_on_constraints() {
    let d = Dir::new("jsonl-constraint");
    let rules = d.file("c.jx", SUM);
    let data = d.file(
        "c.jsonl",
        "{\"单位\":\"A\",\"上年结转\":1,\"年初预算\":1,\"预算数\":500}\n",
    );
    let (code, out, _) = batch(&rules, &data);
    assert_eq!(code, 1);
    assert!(out.lines().nth(1).unwrap().contains("E312"), "{out}");
}

#[test]
fn a_default_takes_part_in_constraints() {
    // /work/shared/repros/default-skips-constraint.jx: 0 ≠ 89.974 + 默认 0.
    let rules_text = "评分表 \"默认值使整条约束不核对\" 满分 10
等级 优 >= 9，差
输入 全年预算数: 万元
输入 本年财政拨款: 万元
输入 上年结转: 万元 默认 0
约束 全年预算数 = 本年财政拨款 + 上年结转
指标 甲 10 { 得分 = 10 }
";
    let d = Dir::new("default-constraint");
    let rules = d.file("d.jx", rules_text);
    let facts = d.file(
        "d.toml",
        "全年预算数 = \"0 万元\"\n本年财政拨款 = \"89.974 万元\"\n",
    );
    let (code, _, err) = jixiao(&["score", &rules, "--facts", &facts]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("[E312]"), "{err}");
    // The same in a CSV row whose default column is empty or absent.
    let data = d.file(
        "d.csv",
        "单位,全年预算数,本年财政拨款,上年结转\nA,0,89.974,\nB,89.974,89.974,\n",
    );
    let (code, out, _) = batch(&rules, &data);
    assert_eq!(code, 1);
    assert!(out.lines().nth(1).unwrap().contains("E312"), "{out}");
    assert!(
        out.lines().nth(2).unwrap().starts_with("3,B,10.00"),
        "{out}"
    );
}

#[test]
fn csv_cells_may_be_bounds() {
    let d = Dir::new("csv-bound");
    let rules = d.file("b.jx", BOUND);
    let data = d.file("b.csv", "单位,率\nA,＜40%\nB,≤70%\nC,50%\n");
    let (code, out, _) = batch(&rules, &data);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("2,A,10.00,优"), "{out}");
    assert!(
        lines[2].contains("E313"),
        "≤70% does not fix the score: {out}"
    );
    assert!(lines[3].starts_with("4,C,10.00"), "{out}");
}

fn diff(rules: &str, data: &str) -> (i32, String, String) {
    jixiao(&["diff", rules, rules, "--facts", data, "--format", "csv"])
}

#[test]
fn diff_checks_constraints_and_reads_bounds() {
    let d = Dir::new("diff-constraint");
    let rules = d.file("c.jx", SUM);
    let data = d.file("c.csv", "单位,上年结转,年初预算,预算数\nA,1,1,500\n");
    let (code, _, err) = diff(&rules, &data);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("[E312]"), "{err}");
    let rules = d.file("b.jx", BOUND);
    let data = d.file("b.csv", "单位,率\nA,＜40%\n");
    let (code, out, err) = diff(&rules, &data);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("A,10.00,优,10.00,优"), "{out}");
    // A facts directory reads bounds the same way.
    d.file("dir/a.toml", "率 = \"＜40%\"\n");
    let (code, out, err) = diff(&rules, &d.path("dir"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("a,10.00,优,10.00,优"), "{out}");
}

fn repl(rules: &str, facts: Option<&str>) -> Session {
    let mut s = Session::new(Lang::Zh);
    let r = s.handle(&format!(":load {rules}"));
    assert!(!r.failed, "{}", r.text);
    if let Some(f) = facts {
        let r = s.handle(&format!(":facts {f}"));
        assert!(!r.failed, "{}", r.text);
    }
    s
}

#[test]
fn repl_set_and_whatif_check_constraints_and_leave_the_session_unchanged() {
    let d = Dir::new("repl-constraint");
    let rules = d.file("c.jx", SUM);
    let facts = d.file("c.toml", "上年结转 = 1\n年初预算 = 1\n预算数 = 2\n");
    let mut s = repl(&rules, Some(&facts));
    let r = s.handle(":set 预算数 = 500");
    assert!(r.failed && r.text.contains("[E312]"), "{}", r.text);
    assert_eq!(s.handle("预算数").text.trim(), "2 万元");
    let r = s.handle(":whatif 预算数 = 500");
    assert!(r.failed && r.text.contains("[E312]"), "{}", r.text);
    // Changing two facts together keeps the identity.
    let r = s.handle(":whatif 预算数 = 3, 年初预算 = 2");
    assert!(!r.failed, "{}", r.text);
    // A partial session: constraints wait until their facts are known.
    let mut s = repl(&rules, None);
    assert!(!s.handle(":set 预算数 = 500").failed);
    assert!(!s.handle(":set 上年结转 = 1").failed);
    let r = s.handle(":set 年初预算 = 1");
    assert!(r.failed && r.text.contains("[E312]"), "{}", r.text);
}

#[test]
fn repl_set_reads_bounds() {
    let d = Dir::new("repl-bound");
    let rules = d.file("b.jx", BOUND);
    let mut s = repl(&rules, None);
    let r = s.handle(":set 率 = ＜40%");
    assert!(!r.failed, "{}", r.text);
    assert!(s.handle(":score").text.contains("10.00"));
    let r = s.handle(":set 率 = ≤70%");
    assert!(r.failed && r.text.contains("[E313]"), "{}", r.text);
}

/// The F5 pair: a checklist with a defaulted count.
const OLD: &str = "评分表 \"d\" 满分 10
等级 优 >= 9，差
输入 违规次数: 次 默认 0
输入 x: 数
指标 合规 5 { 清单 每项 扣 1 分：违规次数，扣完为止 }
指标 乙 5 { 得分 = min(x, 5) }
";

#[test]
fn diff_refuses_unknown_and_repeated_columns() {
    let d = Dir::new("diff-columns");
    let old = d.file("old.jx", OLD);
    let new = d.file("new.jx", OLD.replace("扣 1 分", "扣 2 分"));
    let run = |data: &str| jixiao(&["diff", &old, &new, "--facts", data, "--format", "csv"]);
    let (code, out, err) = run(&d.file("typo.csv", "单位,违规数,x\nA,3,5\n"));
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("[E322]") && err.contains("违规次数"), "{err}");
    assert!(!out.contains("A,"), "nothing is scored: {out}");
    let (code, _, err) = run(&d.file("twice.csv", "单位,违规次数,x,违规次数\nA,3,5,0\n"));
    assert_eq!(code, 1);
    assert!(err.contains("[E323]"), "{err}");
    // A key of a facts directory's file is checked the same way.
    d.file("dir/a.toml", "违规数 = 3\nx = 5\n");
    let (code, _, err) = run(&d.path("dir"));
    assert_eq!(code, 1);
    assert!(err.contains("[E322]") && err.contains("违规次数"), "{err}");
}

#[test]
fn diff_refuses_a_duplicate_json_key() {
    let d = Dir::new("diff-dup-key");
    let old = d.file("old.jx", OLD);
    d.file("dir/a.json", "{\"违规次数\": 3, \"x\": 5, \"违规次数\": 0}");
    let (code, out, err) = jixiao(&["diff", &old, &old, "--facts", &d.path("dir")]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("[E307]"), "{err}");
    let (code, _, err) = jixiao(&["score", &old, "--facts", &d.path("dir/a.json")]);
    assert_eq!(code, 1);
    assert!(err.contains("[E307]"), "score agrees: {err}");
}

#[test]
fn diff_reads_cr_and_crlf_files_and_numbers_rows_by_line() {
    let d = Dir::new("diff-cr");
    let old = d.file("old.jx", OLD);
    for (name, text) in [
        ("cr.csv", "单位,违规次数,x\rA,3,5\rB,0,5\r"),
        ("crlf.csv", "单位,违规次数,x\r\nA,3,5\r\nB,0,5\r\n"),
    ] {
        let (code, out, err) = jixiao(&[
            "diff",
            &old,
            &old,
            "--facts",
            &d.file(name, text),
            "--format",
            "csv",
        ]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(
            out.contains("A,7.00,差,7.00,差") && out.contains("B,10.00,优"),
            "{name}: {out}"
        );
    }
    // A short row after blank lines: its own line number, as batch says.
    let text = "单位,违规次数,x\r\n\r\n\r\nA,3\r\n";
    let (code, _, err) = jixiao(&["diff", &old, &old, "--facts", &d.file("short.csv", text)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("第 4 行") && err.contains("short.csv:4:"),
        "{err}"
    );
}
