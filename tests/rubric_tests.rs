//! `jixiao test`: the bundled rubrics' cases pass, coverage is counted, and
//! a wrong expectation fails with exit code 1.

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

#[test]
fn every_bundled_rubric_has_cases_and_they_pass() {
    let (code, out) = jixiao(&["test", "rules/", "--coverage"]);
    assert_eq!(code, 0, "{out}");
    for stem in [
        "dongxihu-2020",
        "jinzhong-2020",
        "project-2020",
        "shaanxi-2019",
    ] {
        assert!(
            out.contains(&format!("（rules/{stem}.tests.toml）")),
            "{stem}: {out}"
        );
    }
    assert!(out.contains("测试结果：通过\n"), "{out}");
    let last = out.lines().last().unwrap_or("");
    assert!(
        last.ends_with(" 通过，0 失败"),
        "the counts close the output: {out}"
    );
    // The shaanxi cases reach every branch, including 100% → 10.
    assert!(
        out.contains(
            "     1 命中  rules/shaanxi-2019.jx:38  预算完成率：如果 预算完成率 = 100% 则 10"
        ),
        "{out}"
    );
}

#[test]
fn a_failing_case_is_reported_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("jixiao-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/");
    for f in ["shaanxi-2019.jx", "shaanxi-2019.facts.toml"] {
        std::fs::copy(format!("{rules}{f}"), dir.join(f)).unwrap();
    }
    std::fs::write(
        dir.join("shaanxi-2019.tests.toml"),
        "[[用例]]\n名称 = \"错的期望\"\n事实文件 = \"shaanxi-2019.facts.toml\"\n[用例.事实]\n预算完成率 = \"75%\"\n[用例.期望]\n总分 = 90\n预算完成率 = 4\n",
    )
    .unwrap();
    let (code, out) = jixiao(&["test", dir.to_str().unwrap(), "--coverage", "--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("test shaanxi-2019::错的期望 ... FAILED"),
        "{out}"
    );
    assert!(
        out.contains("error[E512]: case `错的期望`: `总分` should be `90`, got 87.00"),
        "{out}"
    );
    assert!(
        out.contains("test result: FAILED\n0 passed, 1 failed\n"),
        "{out}"
    );
    assert!(out.contains("branches no case hit ("), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_directory_without_cases_is_an_error() {
    let dir = std::env::temp_dir().join(format!("jixiao-nocases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, out) = jixiao(&["test", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[E514]"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
