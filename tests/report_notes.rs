//! A scorecard says what its numbers do not: which veto fired, on what
//! condition and which facts (veto-explain.jx), the unit's 文本 inputs
//! (text-input.jx), beside their indicator with `说明` (text-beside.jx); and scores without a `保留` line are kept to 2 places,
//! half away from zero (no-rounding-line.jx), as docs/language.md says.

mod common;

use std::process::Command;

fn score(stem: &str, extra: &[&str]) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/report_notes");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "score",
            &format!("{stem}.jx"),
            "--facts",
            &format!("{stem}.facts.toml"),
        ])
        .args(extra)
        .current_dir(dir)
        .env_remove("JIXIAO_LANG")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_fired_veto_is_named_with_its_condition_and_facts() {
    let out = score("veto-explain", &[]);
    assert!(
        out.contains("一票否决：如果 存在严重问题 则 等级 不高于 良（因为 存在严重问题 = 是）\n"),
        "{out}"
    );
    let out = score("veto-explain", &["--lang", "en"]);
    assert!(
        out.contains("veto: 如果 存在严重问题 则 等级 不高于 良 (because 存在严重问题 = 是)\n"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&score("veto-explain", &["--format", "json"])).unwrap();
    assert_eq!(
        json["vetoes_fired"],
        serde_json::json!([{
            "index": 0,
            "condition": "如果 存在严重问题 则 等级 不高于 良",
            "facts": { "存在严重问题": "是" }
        }])
    );
    assert_eq!(json["grade"], "良");
}

#[test]
fn a_text_input_is_shown_in_text_and_json() {
    let out = score("text-input", &[]);
    assert!(out.contains("\n偏差原因：问卷样本偏少\n"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&score("text-input", &["--format", "json"])).unwrap();
    assert_eq!(
        json["texts"],
        serde_json::json!({ "偏差原因": "问卷样本偏少" })
    );
}

/// `说明 偏差原因` puts the text under its indicator; a text no indicator
/// names stays after the grade, and JSON has both the indicator's `notes`
/// and the full `texts`.
#[test]
fn a_noted_text_is_shown_beside_its_indicator() {
    let out = score("text-beside", &[]);
    assert!(
        out.contains(
            "服务对象满意度        10      9.44    94.40%\n  偏差原因：问卷样本偏少\n总分"
        ),
        "{out}"
    );
    assert!(out.ends_with("等级：优\n备注：无\n"), "{out}");
    assert_eq!(out.matches("问卷样本偏少").count(), 1, "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&score("text-beside", &["--format", "json"])).unwrap();
    assert_eq!(
        json["indicators"][0]["notes"],
        serde_json::json!({ "偏差原因": "问卷样本偏少" })
    );
    assert_eq!(
        json["texts"],
        serde_json::json!({ "偏差原因": "问卷样本偏少", "备注": "无" })
    );
}

/// `说明` names a text input, or it is an error that says so.
#[test]
fn a_note_must_name_a_text_input() {
    let dir = std::env::temp_dir().join(format!("jixiao-note-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (row, code, says) in [
        ("说明 满意度", "E156", "不是文本输入"),
        ("说明 偏差原困", "E101", "偏差原因"),
    ] {
        let path = dir.join("n.jx");
        let text = format!(
            "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n输入 满意度: 百分比\n输入 偏差原因: 文本\n指标 甲 10 {{\n  按比例 满意度\n  {row}\n}}\n"
        );
        std::fs::write(&path, text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["check", path.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("[{code}]")) && err.contains(says),
            "{row}: {err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_rounding_line_scores_keep_two_places_half_up() {
    let out = score("no-rounding-line", &[]);
    assert!(out.contains("总分"), "{out}");
    assert!(out.contains("0.67"), "{out}");
    let rules =
        "评分表 \"r\" 满分 1\n等级 优 >= 0.9，差\n输入 d: 天\n指标 甲 1 { 得分 = d / 30 天 }\n";
    // 0.75 / 30 = 0.025 exactly: half away from zero gives 0.03 (half-even would give 0.02).
    let (c, card) = common::score(rules, "d = 0.75\n");
    assert_eq!(common::total(&c, &card), "0.03");
    assert_eq!(c.rounding.places, 2);
}

/// An unrounded score that is a quotient without a finite decimal is shown
/// as what it is — ≈ four places and the exact fraction — not as 28 digits
/// that look exact; JSON keeps `value` and adds `exact` and `fraction`.
#[test]
fn an_unrounded_quotient_is_marked_approximate_with_its_fraction() {
    let out = score("text-beside", &["--explain"]);
    assert!(out.contains("未舍入得分 ≈9.4444（= 85/9）\n"), "{out}");
    let out = score("text-beside", &["--explain", "--lang", "en"]);
    assert!(out.contains("unrounded ≈9.4444 (= 85/9)\n"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&score("text-beside", &["--format", "json", "--explain"])).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"fraction\":\"85/9\""), "{text}");
    assert!(text.contains("\"exact\":false"), "{text}");
    // A finite decimal stays as it is, without the marks.
    let out = score("veto-explain", &["--explain"]);
    assert!(
        out.contains("未舍入得分 ") && !out.contains("未舍入得分 ≈"),
        "{out}"
    );
}
