//! `jixiao test` never passes without testing (F9), reads numbers exactly
//! (F8), stays inside the case file's folder (F20), places a broken facts
//! file's error in that file (F19), and speaks one language.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder holding `f.jx` (10 points when x ≥ 0.95) and the files given.
fn folder(tag: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-cases-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let rules = "评分表 \"f\" 满分 10\n等级 优 >= 9，差\n输入 x: 数\n指标 甲 10 { 如果 x >= 0.95 则 10 否则 0 }\n";
    std::fs::write(dir.join("f.jx"), rules).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// Run `jixiao test` on `case` in `dir`: (exit code, stdout, stderr).
fn test(dir: &Path, case: &str, lang: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["test", case, "--lang", lang])
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn numbers_in_facts_files_and_cases_stay_exact() {
    let dir = folder(
        "exact",
        &[
            ("f.facts.toml", "x = 0.94999999999999999\n"),
            (
                "f.tests.toml",
                "[[用例]]\n名称 = \"事实文件\"\n事实文件 = \"f.facts.toml\"\n期望 = { 总分 = 0 }\n\
                 [[用例]]\n名称 = \"用例中的事实\"\n事实 = { x = 0.94999999999999999 }\n期望 = { 总分 = 0 }\n\
                 [[用例]]\n名称 = \"覆盖事实文件\"\n事实文件 = \"f.facts.toml\"\n事实 = { x = 0.950000000000000001 }\n期望 = { 总分 = 10.00 }\n",
            ),
        ],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "zh");
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("\n3 通过，0 失败\n"), "{out}");
}

#[test]
fn a_single_table_instead_of_an_array_is_an_error() {
    let dir = folder(
        "single",
        &[(
            "f.tests.toml",
            "[用例]\n名称 = \"a\"\n事实 = { x = 0.1 }\n期望 = { 总分 = 99 }\n",
        )],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "zh");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误[E519]: “[用例]”应写成[[用例]]（用例的数组）"),
        "{out}"
    );
    assert!(out.ends_with("\n0 通过，1 失败\n"), "{out}");
}

#[test]
fn an_unknown_key_is_an_error_with_a_suggestion() {
    let dir = folder(
        "unknown",
        &[(
            "f.tests.toml",
            "[[用例]]\n名称 = \"a\"\n事实 = { x = 0.1 }\n期待 = { 总分 = 99 }\n[[cases]]\nname = \"b\"\nexpect = { total = 0 }\n",
        )],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "zh");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误[E518]: 用例文件中有未知的项“期待”"),
        "{out}"
    );
    assert!(out.contains("= 是否应为“期望”？"), "{out}");
    assert!(
        out.contains("f.tests.toml:4:1"),
        "the key is located: {out}"
    );
    assert!(out.contains("未知的项“cases”"), "{out}");
    assert!(out.contains("= 是否应为“case”？"), "{out}");
    // A case whose only expectation was misspelt checks nothing.
    assert!(out.contains("错误[E520]: 用例“a”没有写任何期望"), "{out}");
}

#[test]
fn a_case_without_expectations_is_an_error() {
    for (tag, case) in [
        ("none", "[[用例]]\n名称 = \"a\"\n事实 = { x = 1 }\n"),
        (
            "empty",
            "[[用例]]\n名称 = \"a\"\n事实 = { x = 1 }\n期望 = {}\n",
        ),
    ] {
        let dir = folder(tag, &[("f.tests.toml", case)]);
        let (code, out, _) = test(&dir, "f.tests.toml", "en");
        assert_eq!(code, 1, "{tag}: {out}");
        assert!(
            out.contains("error[E520]: case `a` has no expectation, so it checks nothing"),
            "{tag}: {out}"
        );
    }
    let dir = folder(
        "number",
        &[("f.tests.toml", "[[用例]]\n名称 = \"a\"\n期望 = 99\n")],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "zh");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("错误[E519]: “期望”应写成一张表，例如 { 总分 = 90 }"),
        "{out}"
    );
}

#[test]
fn english_and_chinese_case_tables_in_one_file_all_run() {
    let dir = folder(
        "both",
        &[(
            "f.tests.toml",
            "[[case]]\nname = \"en\"\nfacts = { x = 1 }\nexpect = { total = 10 }\n\
             [[用例]]\n名称 = \"zh\"\n事实 = { x = 0 }\n期望 = { 总分 = 0, 等级 = \"差\" }\n",
        )],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "en");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("test f::en ... ok"), "{out}");
    assert!(out.contains("test f::zh ... ok"), "{out}");
    assert!(
        out.ends_with("test result: ok\n2 passed, 0 failed\n"),
        "{out}"
    );
}

#[test]
fn a_file_without_cases_fails() {
    for (tag, text) in [("empty-file", ""), ("rules-only", "规则 = \"f.jx\"\n")] {
        let dir = folder(tag, &[("f.tests.toml", text)]);
        let (code, out, _) = test(&dir, "f.tests.toml", "zh");
        assert_eq!(code, 1, "{tag}: {out}");
        assert!(
            out.contains("错误[E514]: 没有找到测试用例：f.tests.toml"),
            "{tag}: {out}"
        );
        assert!(out.ends_with("\n0 通过，1 失败\n"), "{tag}: {out}");
    }
}

#[test]
fn chinese_output_has_no_english_words_or_ascii_punctuation() {
    let dir = folder(
        "zh",
        &[(
            "f.tests.toml",
            "[[用例]]\n名称 = \"a\"\n事实 = { x = 1 }\n期望 = { 总分 = 10 }\n",
        )],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "zh");
    assert_eq!(code, 0, "{out}");
    for bad in ["running", "test ", "ok", ":", ";", ". "] {
        assert!(!out.contains(bad), "`{bad}` in Chinese output: {out}");
    }
    assert!(out.contains("用例“a”…… 通过\n"), "{out}");
    assert!(out.ends_with("测试结果：通过\n1 通过，0 失败\n"), "{out}");
}

#[test]
fn a_case_file_names_only_files_in_its_own_folder() {
    let dir = folder(
        "paths",
        &[
            (
                "up.tests.toml",
                "规则 = \"../secret.jx\"\n[[用例]]\n名称 = \"a\"\n期望 = { 总分 = 0 }\n",
            ),
            (
                "abs.tests.toml",
                "[[用例]]\n名称 = \"a\"\n事实文件 = \"/etc/passwd\"\n期望 = { 总分 = 0 }\n",
            ),
        ],
    );
    let secret = dir.parent().unwrap().join("secret.jx");
    std::fs::write(&secret, "机密内容 第一行\n").unwrap();
    for (case, path) in [
        ("up.tests.toml", "../secret.jx"),
        ("abs.tests.toml", "/etc/passwd"),
    ] {
        let (code, out, _) = test(&dir, case, "zh");
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!(
                "错误[E521]: 用例文件只能引用它所在文件夹中的文件，不能引用“{path}”"
            )),
            "{out}"
        );
        assert!(!out.contains("机密内容"), "content echoed: {out}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, dir.join("link.jx")).unwrap();
        std::fs::write(
            dir.join("link.tests.toml"),
            "规则 = \"link.jx\"\n[[用例]]\n名称 = \"a\"\n期望 = { 总分 = 0 }\n",
        )
        .unwrap();
        let (code, out, _) = test(&dir, "link.tests.toml", "en");
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("error[E521]"), "{out}");
        assert!(!out.contains("机密内容"), "content echoed: {out}");
    }
    let _ = std::fs::remove_file(secret);
}

#[test]
fn a_broken_facts_file_is_reported_at_its_own_line() {
    let dir = folder(
        "broken",
        &[
            ("broken.facts.toml", "x = 1\n\ny = [1,\n"),
            (
                "f.tests.toml",
                "[[用例]]\n名称 = \"文件\"\n事实文件 = \"broken.facts.toml\"\n期望 = { 总分 = 0 }\n\
                 [[用例]]\n名称 = \"文件加事实\"\n事实文件 = \"broken.facts.toml\"\n事实 = { x = 2 }\n期望 = { 总分 = 0 }\n",
            ),
        ],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "zh");
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("错误[E307]").count(), 2, "{out}");
    assert_eq!(out.matches("┌─ broken.facts.toml:").count(), 2, "{out}");
    assert!(!out.contains("E510"), "{out}");
}

#[test]
fn an_expected_indicator_that_does_not_exist_is_located_and_suggested() {
    let dir = folder(
        "typo",
        &[(
            "f.tests.toml",
            "[[用例]]\n名称 = \"a\"\n事实 = { x = 1 }\n期望 = { 乙 = 10, 总份 = 10 }\n",
        )],
    );
    let (code, out, _) = test(&dir, "f.tests.toml", "zh");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("错误[E511]"), "{out}");
    assert!(out.contains("= 是否应为“总分”？"), "{out}");
    assert!(out.contains("f.tests.toml:4:"), "{out}");
}

#[test]
fn a_coverage_label_leaves_out_a_trailing_comment() {
    let repro = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/case_files");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["test", "coverage-comment.tests.toml", "--coverage"])
        .current_dir(repro)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.contains("coverage-comment.jx:2  等级：差 0（含）至 9\n"),
        "{out}"
    );
    assert!(!out.contains("这是注释"), "{out}");
}

#[test]
fn a_mangled_case_file_is_an_error_never_a_panic() {
    let good = "规则 = \"f.jx\"\n[[用例]]\n名称 = \"甲\"\n事实文件 = \"f.facts.toml\"\n事实 = { x = 0.95, 标签 = \"是\" }\n[用例.期望]\n总分 = 10\n等级 = \"优\"\n[[case]]\nname = \"b\"\nexpect = { total = 1e3 }\n";
    let chars: Vec<char> = good.chars().collect();
    let mut map = jixiao::diag::SourceMap::new();
    let mut tried = 0;
    // Every single-character deletion, and a few insertions at every place.
    for i in 0..chars.len() {
        let mut variants = Vec::new();
        let mut cut = chars.clone();
        cut.remove(i);
        variants.push(cut.iter().collect::<String>());
        for ins in ['[', '"', '\n', '中'] {
            let mut v = chars.clone();
            v.insert(i, ins);
            variants.push(v.iter().collect());
        }
        for text in variants {
            let id = map.add("m.tests.toml", text.clone());
            let _ = jixiao::testing::parse(&text, id);
            tried += 1;
        }
    }
    assert!(tried > 500, "{tried}");
}
