//! `jixiao audit` on seed 001: the published grade 良 contradicts the
//! rubric's own bands, and the document quotes two execution rates.

use std::process::Command;

fn jixiao(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// `jixiao audit` of seed 001's rules and facts against a reported file.
fn audit_seed_001(reported: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "audit",
        "rules/dongxihu-2020.jx",
        "--facts",
        "rules/dongxihu-2020.facts.toml",
        "--reported",
        reported,
    ];
    args.extend_from_slice(extra);
    jixiao(&args)
}

#[test]
fn seed_001_grade_and_execution_rates_are_reported() {
    let (code, out) = audit_seed_001("rules/dongxihu-2020.reported.toml", &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误[E513]: 等级：报告为 良，按规则计算为 优"),
        "{out}"
    );
    assert!(
        out.contains("总分 = 96.85"),
        "the grade band is shown with the total: {out}"
    );
    assert!(
        out.contains(
            // The facts file gives the rate (a default now takes part in
            // constraints), so the quoted 82.62% is compared with it directly.
            "错误[E513]: 支出绩效执行率：报告为 82.62%，按规则计算为 84.25%"
        ),
        "{out}"
    );
    assert!(
        out.contains("rules/dongxihu-2020.reported.toml:14"),
        "the quoted rate is located: {out}"
    );
    // 16.85, 40, 40, 96.85, 良 and one quoted rate.
    assert!(out.contains("核对了 6 个数字，发现 2 个问题\n"), "{out}");
    // 16.85, 40, 40 and 96.85 agree with the rules.
    assert!(!out.contains("预算执行：报告为"), "{out}");
}

#[test]
fn a_wrong_indicator_score_is_explained_by_its_ledger() {
    let dir = std::env::temp_dir().join(format!("jixiao-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rep = dir.join("r.toml");
    std::fs::write(&rep, "预算执行 = 16.5\n总分 = 96.85\n等级 = \"优\"\n").unwrap();
    let (code, out) = audit_seed_001(rep.to_str().unwrap(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[E513]: `预算执行`: reported `16.5`, the rules give `16.85`"),
        "{out}"
    );
    assert!(
        out.contains("按比例 预算执行率"),
        "the rule that computed it: {out}"
    );
    assert!(
        out.contains("3 figures compared, 1 problem found\n"),
        "{out}"
    );
    std::fs::write(&rep, "预算执行 = 16.85\n总分 = 96.85\n等级 = \"优\"\n").unwrap();
    let (code, out) = audit_seed_001(rep.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A scratch reported file with `text`, audited against seed 001.
fn audit_text(tag: &str, text: &str, extra: &[&str]) -> (i32, String) {
    let dir = std::env::temp_dir().join(format!("jixiao-audit-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ext = if text.trim_start().starts_with('{') {
        "json"
    } else {
        "toml"
    };
    let rep = dir.join(format!("r.{ext}"));
    std::fs::write(&rep, text).unwrap();
    let out = audit_seed_001(rep.to_str().unwrap(), extra);
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn a_reported_file_that_compares_nothing_fails() {
    for (tag, text) in [
        ("empty", ""),
        ("label", "单位 = \"某局\"\n"),
        ("json", "{\"scores\": {\"总分\": 96.85}}"),
        ("table", "[得分]\n预算执行 = 1\n总分 = 6\n等级 = \"差\"\n"),
        ("array", "总分 = [96.85]\n"),
        ("facts", "事实 = 5\n"),
    ] {
        let (code, out) = audit_text(tag, text, &[]);
        assert_eq!(code, 1, "{tag}: {out}");
        assert!(out.contains("错误[E522]"), "{tag}: {out}");
        assert!(out.contains("核对了 0 个数字"), "{tag}: {out}");
        assert!(!out.contains("一致："), "{tag}: {out}");
    }
}

#[test]
fn unknown_keys_and_sections_are_errors_with_a_suggestion() {
    let (code, out) = audit_text("unknown", "预算执形 = 16.85\n[得分]\n总分 = 96.85\n", &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误[E511]: 报告文件中的“预算执形”不是评分表的指标、总分、等级或 [事实] 表"),
        "{out}"
    );
    assert!(out.contains("= 是否应为“预算执行”？"), "{out}");
    assert!(out.contains("报告文件中的“得分”"), "{out}");
    assert!(
        !out.contains("测试用例"),
        "audit speaks of the reported file: {out}"
    );
    let (_, out) = audit_text("shape", "总分 = [96.85]\n", &["--lang", "en"]);
    assert!(
        out.contains("error[E519]: `总分` should be a number, e.g. 96.85"),
        "{out}"
    );
}

#[test]
fn equal_values_are_equal_whatever_their_scale_or_unit() {
    let (code, out) = audit_text(
        "equal",
        "预算执行 = \"16.85分\"\n产出指标 = \"40 分\"\n效益指标 = 40.000\n总分 = 96.850\n等级 = \"优\"\n",
        &[],
    );
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("E513"), "{out}");
    assert!(out.contains("核对了 5 个数字，发现 0 个问题"), "{out}");
}

#[test]
fn a_grade_that_is_no_band_is_flagged_as_such() {
    let (code, out) = audit_text("grade", "总分 = 96.85\n等级 = \"优秀\"\n", &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误[E523]: 报告的等级“优秀”不是评分表的等级（优、良、中、差）"),
        "{out}"
    );
    assert!(out.contains("= 是否应为“优”？"), "{out}");
}

#[test]
fn a_tolerance_accepts_rounding_differences_and_says_so() {
    let text = "预算执行 = 16.8\n总分 = 96.9\n等级 = \"优\"\n";
    let (code, out) = audit_text("strict", text, &[]);
    assert_eq!(code, 1, "without a tolerance they differ: {out}");
    assert_eq!(out.matches("错误[E513]").count(), 2, "{out}");
    let (code, out) = audit_text("tol", text, &["--tolerance", "0.1"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("预算执行：报告为 16.8，按规则计算为 16.85，差额在容差 0.1 以内"),
        "{out}"
    );
    assert!(
        out.contains("核对了 3 个数字，发现 0 个问题，2 个差额在容差以内"),
        "{out}"
    );
    let (code, out) = audit_text("tight", text, &["--tolerance", "0.01", "--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[E513]: `预算执行`: reported `16.8`, the rules give `16.85`"),
        "{out}"
    );
}
