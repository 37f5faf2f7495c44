//! The command line speaks the chosen language: every subcommand and argument
//! is described in Chinese and English, every example in the help runs on the
//! bundled rubrics, and usage errors are worded in the chosen language with
//! exit code 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::CommandFactory;
use jixiao::diag::help_text;

fn jixiao_in(dir: &Path, args: &[&str], env_lang: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    match env_lang {
        Some(l) => cmd.env("JIXIAO_LANG", l),
        None => cmd.env_remove("JIXIAO_LANG"),
    };
    let out = cmd.output().expect("run jixiao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn jixiao(args: &[&str]) -> (i32, String, String) {
    jixiao_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

#[test]
fn every_subcommand_and_argument_is_described_in_both_languages() {
    let root = jixiao::cli::Cli::command();
    let mut missing = Vec::new();
    let mut check = |cmd: &clap::Command, name: &str| {
        if help_text::about(name).is_none() {
            missing.push(format!("about of `{name}`"));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            match help_text::arg(name, id) {
                Some(s)
                    if !s.zh.is_empty()
                        && !s.en.is_empty()
                        && has_cjk(s.zh)
                        && !has_cjk_outside_quotes(s.en) => {}
                _ => missing.push(format!("`{name} {id}`")),
            }
        }
        if help_text::examples(name).next().is_none() && !name.is_empty() {
            missing.push(format!("an example for `{name}`"));
        }
    };
    check(&root, "");
    for sub in root.get_subcommands() {
        check(sub, sub.get_name());
    }
    assert!(missing.is_empty(), "not described: {missing:?}");
}

/// English text may show Chinese only as code in backticks (`单位`,
/// `预算数 = "7,811.08 万元"`): its own words are English.
fn has_cjk_outside_quotes(s: &str) -> bool {
    s.split('`').step_by(2).any(has_cjk)
}

#[test]
fn help_has_no_empty_description_in_either_language() {
    let root = jixiao::cli::Cli::command();
    for sub in root.get_subcommands().map(|s| s.get_name().to_string()) {
        for lang in ["zh", "en"] {
            let (code, out, err) = jixiao(&["--lang", lang, &sub, "--help"]);
            assert_eq!(code, 0, "{sub} --help: {err}");
            for line in out.lines() {
                let t = line.trim_end();
                // an argument line is `  <NAME>  text` or `  --flag <V>  text`
                let is_arg = t.trim_start().starts_with('<') || t.trim_start().starts_with('-');
                assert!(
                    !is_arg || t.trim_start().contains("  "),
                    "`{sub} --help` ({lang}) has an undescribed argument: {t:?}"
                );
            }
            if lang == "en" {
                for line in out
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("jixiao "))
                {
                    assert!(
                        !has_cjk_outside_quotes(line),
                        "Chinese in English help of {sub}: {line}"
                    );
                }
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn every_example_in_the_help_runs_on_the_bundled_rubrics() {
    // A scratch copy of rules/, so examples that write files (-o) leave the
    // repository untouched.
    let dir: PathBuf =
        std::env::temp_dir().join(format!("jixiao-help-examples-{}", std::process::id()));
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        &dir.join("rules"),
    );
    // The `--rows` examples read the guide's rows files.
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide"),
        &dir.join("docs/guide"),
    );
    let root = jixiao::cli::Cli::command();
    let names: Vec<String> = std::iter::once(String::new())
        .chain(root.get_subcommands().map(|s| s.get_name().to_string()))
        .collect();
    let mut ran = 0;
    for name in &names {
        let mut args = vec!["--help"];
        if !name.is_empty() {
            args.insert(0, name);
        }
        let (_, help, _) = jixiao(&args);
        let shown: Vec<&str> = help
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("jixiao "))
            .filter(|_| true)
            .collect();
        let listed: Vec<&help_text::Example> = help_text::examples(name).collect();
        assert_eq!(
            shown.len(),
            listed.len(),
            "examples shown by `{name} --help`"
        );
        for (line, ex) in shown.iter().zip(&listed) {
            assert_eq!(format!("jixiao {line}"), ex.command);
            let argv: Vec<&str> = line.split_whitespace().collect();
            let (code, _, err) = jixiao_in(&dir, &argv, None);
            assert_eq!(code, ex.exit, "`jixiao {line}` exits {code}: {err}");
            assert!(!err.contains("panicked"), "{err}");
            ran += 1;
        }
    }
    assert!(
        dir.join("rules/../结果.jsonl").exists(),
        "the -o example wrote nothing"
    );
    assert!(ran >= 12, "only {ran} examples ran");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_are_worded_in_the_chosen_language_with_exit_2() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["score", "rules/shaanxi-2019.jx"],
            "缺少必需的参数：--facts",
            "missing required argument: --facts",
        ),
        (
            &["check", "--bogus", "x.jx"],
            "未知的选项",
            "unknown option",
        ),
        (
            &["check", "x.jx", "--format", "xml"],
            "的值“xml”无效，可选：text、json",
            "invalid value `xml` for `--format",
        ),
        (
            &["scor"],
            "未知的子命令“scor”，是否应为“score”？",
            "unknown subcommand `scor`; did you mean `score`?",
        ),
    ];
    for (args, zh, en) in cases {
        let (code, out, err) = jixiao(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains(zh), "{args:?} zh: {err}");
        assert!(err.contains("用法："), "{err}");
        let mut en_args = vec!["--lang", "en"];
        en_args.extend_from_slice(args);
        let (code, _, err) = jixiao(&en_args);
        assert_eq!(code, 2);
        assert!(err.contains(en), "{args:?} en: {err}");
        assert!(err.contains("Usage: "), "{err}");
        assert!(
            !has_cjk(&err.replace("单位", "")),
            "Chinese in an English usage error: {err}"
        );
        // The environment variable chooses too.
        let (_, _, err) = jixiao_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, Some("en"));
        assert!(err.contains(en), "JIXIAO_LANG=en {args:?}: {err}");
    }
}

#[test]
fn only_zh_and_en_are_languages() {
    for args in [
        &["--lang", "fr", "check", "rules/shaanxi-2019.jx"][..],
        &["check", "rules/shaanxi-2019.jx", "--lang=english"],
    ] {
        let (code, out, err) = jixiao(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(
            err.contains("只接受 zh 或 en") && err.contains("accept zh or en only"),
            "{err}"
        );
    }
    let (code, _, err) = jixiao_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "rules/shaanxi-2019.jx"],
        Some("xx"),
    );
    assert_eq!(code, 2, "JIXIAO_LANG=xx: {err}");
    let (code, _, _) = jixiao(&["--lang", "en", "check", "rules/shaanxi-2019.jx"]);
    assert_eq!(code, 0);
}

#[test]
fn help_subcommand_is_the_same_as_the_help_flag() {
    let (c1, a, _) = jixiao(&["help", "diff"]);
    let (c2, b, _) = jixiao(&["diff", "--help"]);
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(a, b);
    assert!(a.contains("新旧评分表对比"));
}
