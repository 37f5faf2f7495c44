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
            "错误[E312]: 事实不满足评分表的约束：预算执行率 = 84.25%，支出绩效执行率 = 82.62%"
        ),
        "{out}"
    );
    assert!(
        out.contains("rules/dongxihu-2020.reported.toml:14"),
        "the quoted rate is located: {out}"
    );
    assert!(out.contains("2 处不一致"), "{out}");
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
        out.contains("error[E513]: 预算执行: reported 16.5, the rules give 16.85"),
        "{out}"
    );
    assert!(
        out.contains("按比例 预算执行率"),
        "the rule that computed it: {out}"
    );
    assert!(out.contains("1 discrepancy\n"), "{out}");
    std::fs::write(&rep, "预算执行 = 16.85\n总分 = 96.85\n等级 = \"优\"\n").unwrap();
    let (code, out) = audit_seed_001(rep.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
