//! `jixiao completions` and `jixiao man`: generated from the parser's own
//! definitions, so every subcommand and flag must appear in them.

use std::process::Command;

fn jixiao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env_remove("JIXIAO_LANG")
        .output()
        .expect("run jixiao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SUBCOMMANDS: &[&str] = &[
    "check", "score", "batch", "audit", "diff", "test", "repl", "explain",
];

#[test]
fn every_shell_gets_a_script_naming_every_subcommand() {
    let marks = [
        ("bash", "complete -F _jixiao"),
        ("zsh", "#compdef jixiao"),
        ("fish", "complete -c jixiao"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, mark) in marks {
        let (code, out, err) = jixiao(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(mark), "{shell} script lacks `{mark}`");
        for sub in SUBCOMMANDS {
            assert!(
                out.contains(sub),
                "{shell} script does not complete `{sub}`"
            );
        }
        let facts_flag = if shell == "fish" {
            "-l facts"
        } else {
            "--facts"
        };
        assert!(
            out.contains(facts_flag),
            "{shell} script does not complete --facts"
        );
    }
}

#[test]
fn the_bash_script_is_valid_bash() {
    let (_, script, _) = jixiao(&["completions", "bash"]);
    let path = std::env::temp_dir().join(format!("jixiao-completion-{}.bash", std::process::id()));
    std::fs::write(&path, &script).unwrap();
    let status = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash");
    assert!(status.success(), "bash -n rejects the completion script");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let (code, out, _) = jixiao(&["completions", "cmd.exe"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
}

#[test]
fn the_man_page_lists_every_subcommand_and_each_has_its_own_page() {
    let (code, page, _) = jixiao(&["man"]);
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie") || page.contains(".TH jixiao 1"),
        "not a roff page"
    );
    assert!(page.contains(".TH jixiao 1"));
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!("jixiao\\-{sub}(1)")),
            "main page lacks {sub}"
        );
        let (code, sub_page, err) = jixiao(&["man", sub]);
        assert_eq!(code, 0, "{sub}: {err}");
        assert!(
            sub_page.contains(&format!(".TH jixiao-{sub} 1")),
            "{sub} page title"
        );
    }
    let (_, score, _) = jixiao(&["man", "score"]);
    assert!(score.contains("\\-\\-facts"), "score page lacks --facts");
    assert!(
        score.contains("jixiao score"),
        "score page synopsis names the binary"
    );
}

#[test]
fn the_man_page_renders_with_groff_when_it_is_installed() {
    if Command::new("groff").arg("--version").output().is_err() {
        eprintln!("groff not installed: rendering not checked");
        return;
    }
    let (_, page, _) = jixiao(&["man"]);
    let mut child = Command::new("groff")
        .args(["-K", "utf8", "-man", "-Tutf8", "-ww"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    // grotty marks bold as `X\x08X`; keep the printed character only.
    let raw = String::from_utf8_lossy(&out.stdout);
    let mut text = String::new();
    for c in raw.chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    let warnings = String::from_utf8_lossy(&out.stderr);
    // Line-breaking warnings for long CJK lines are groff's limit, not ours;
    // an encoding warning would mean the page is not UTF-8 groff can read.
    assert!(
        !warnings.contains("invalid input character"),
        "groff warns: {warnings}"
    );
    assert!(text.contains("命令"), "{text}");
    assert!(
        text.contains("绩效评分表"),
        "Chinese text lost in rendering: {text}"
    );
}

#[test]
fn the_man_page_is_in_the_chosen_language() {
    let (_, zh, _) = jixiao(&["man", "score"]);
    assert!(zh.contains("按事实文件计算一个单位的得分"), "{zh}");
    let (_, en, _) = jixiao(&["--lang", "en", "man", "score"]);
    assert!(en.contains("score one unit"), "{en}");
    assert!(!en.contains("按事实文件"));
}

#[test]
fn man_of_an_unknown_subcommand_is_a_usage_error_in_chinese() {
    let (code, _, err) = jixiao(&["man", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有名为“nope”的子命令"), "{err}");
}
