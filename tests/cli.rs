//! The `jixiao` binary: exit codes, output formats, languages.

use std::process::Command;

fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("JIXIAO_LANG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run jixiao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn check_exit_codes_clean_errors_usage() {
    let (code, out, _) = jixiao(&["check", "rules/shaanxi-2019.jx"]);
    assert_eq!(code, 0, "{out}");
    let bad = temp_file(
        "bad.jx",
        "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n指标 甲 10 { 如果 未知 > 1 则 10 否则 0 }\n",
    );
    let (code, _, err) = jixiao(&["check", &bad]);
    assert_eq!(code, 1);
    assert!(
        err.contains("E101") && err.contains("未定义的名称"),
        "{err}"
    );
    let (code, _, _) = jixiao(&["check"]);
    assert_eq!(code, 2, "missing argument is a usage error");
    let (code, _, _) = jixiao(&["check", "rules/shaanxi-2019.jx", "--format", "xml"]);
    assert_eq!(code, 2);
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let warn = temp_file("warn.jx", "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n输入 a: 数\n输入 b: 数\n指标 甲 10 { 得分 = a / b }\n");
    assert_eq!(jixiao(&["check", &warn]).0, 0);
    let (code, _, err) = jixiao(&["check", &warn, "--deny-warnings"]);
    assert_eq!(code, 1);
    assert!(err.contains("W201"), "{err}");
}

#[test]
fn check_json_lines_have_positions_in_characters() {
    let bad = temp_file("pos.jx", "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n指标 甲 10 { 如果 预算完成律 > 1% 则 10 否则 0 }\n");
    let (code, out, _) = jixiao(&["check", &bad, "--format", "json"]);
    assert_eq!(code, 1);
    let line = out.lines().next().expect("one JSON line");
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["code"], "E101");
    assert_eq!(v["severity"], "error");
    assert_eq!(v["line"], 3);
    // `指标 甲 10 { 如果 ` is 13 characters: the name starts at column 14.
    assert_eq!(v["column"], 14);
    assert_eq!(v["end_column"], 19);
}

#[test]
fn score_json_has_the_documented_fields() {
    let (code, out, err) = jixiao(&[
        "score",
        "rules/jinzhong-2020.jx",
        "--facts",
        "rules/jinzhong-2020.facts.toml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rubric"], "晋中市部门整体支出绩效自评表");
    assert_eq!(v["total"], "90.90");
    assert_eq!(v["grade"], "优");
    let process = &v["indicators"][1];
    assert_eq!(process["name"], "过程");
    assert_eq!(process["weight"], "42");
    assert_eq!(process["score"], "32.90");
    assert_eq!(process["children"][0]["children"][0]["name"], "预算完成率");
    assert_eq!(process["children"][0]["children"][0]["score"], "0.30");
}

#[test]
fn english_on_request() {
    let bad = temp_file(
        "en.jx",
        "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n指标 甲 10 { 如果 未知 > 1 则 10 否则 0 }\n",
    );
    let (_, _, err) = jixiao(&["check", &bad, "--lang", "en"]);
    assert!(err.contains("unknown name `未知`"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", &bad])
        .env("JIXIAO_LANG", "en")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown name"));
}

#[test]
fn missing_facts_file_is_a_coded_error() {
    let (code, _, err) = jixiao(&[
        "score",
        "rules/shaanxi-2019.jx",
        "--facts",
        "no-such-file.toml",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("E501"), "{err}");
}

#[test]
fn explain_prints_the_error_index_entry() {
    let (code, out, _) = jixiao(&["explain", "E101"]);
    assert_eq!(code, 0);
    assert!(out.contains("E101"), "{out}");
    let (code, _, _) = jixiao(&["explain", "E999"]);
    assert_eq!(code, 2);
}

#[test]
fn score_names_the_department_from_the_facts_file() {
    let (code, out, _) = jixiao(&[
        "score",
        "rules/shaanxi-2019.jx",
        "--facts",
        "rules/shaanxi-2019.facts.toml",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("陕西省应急管理厅\n"), "{out}");
    let (_, out, _) = jixiao(&[
        "score",
        "rules/shaanxi-2019.jx",
        "--facts",
        "rules/shaanxi-2019.facts.toml",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unit"], "陕西省应急管理厅");
    assert_eq!(v["total"], "91.00");
}
