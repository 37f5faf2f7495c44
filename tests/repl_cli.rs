//! `jixiao repl` as a program: piped stdin (scripts), and a pseudo-terminal
//! (rustyline completing a Chinese name).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

/// Run `jixiao repl ARGS` with `input` on stdin; (stdout, exit code).
fn piped(args: &[&str], input: &str) -> (String, i32) {
    let mut child = Command::new(BIN)
        .arg("repl")
        .args(args)
        .env_remove("JIXIAO_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jixiao");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_script_on_stdin_scores_without_prompts() {
    let (out, code) = piped(
        &[],
        ":load rules/shaanxi-2019.jx\n:facts rules/shaanxi-2019.facts.toml\n:score\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("已载入 rules/shaanxi-2019.jx\n已载入 rules/shaanxi-2019.facts.toml\n"),
        "{out}"
    );
    assert!(
        out.contains("总分                     100     91.00    91.00%\n等级：优\n"),
        "{out}"
    );
    assert!(
        !out.contains("jx>") && !out.contains('\u{1b}'),
        "no prompt, no colour:\n{out}"
    );
}

#[test]
fn files_on_the_command_line_blocks_over_several_lines_and_errors() {
    let input = "预算完成率\n:nonsense\n指标 预算完成率 10 {\n  如果 预算完成率 ≥ 90% 则 10\n  否则 0\n}\n:score 预算完成率\n";
    let (out, code) = piped(
        &[
            "rules/shaanxi-2019.jx",
            "--facts",
            "rules/shaanxi-2019.facts.toml",
        ],
        input,
    );
    assert_eq!(code, 1, "a failed input makes the exit code 1:\n{out}");
    assert!(out.contains("93.00%\n"), "{out}");
    assert!(out.contains("错误[E601]"), "{out}");
    assert!(
        out.contains("已加入会话\n"),
        "the block was read as one input:\n{out}"
    );
    assert!(
        out.contains("预算完成率        10     10.00"),
        "the session went on after the error:\n{out}"
    );
}

#[test]
fn an_unclosed_block_does_not_swallow_the_commands_after_it() {
    let (out, code) = piped(
        &["rules/shaanxi-2019.jx"],
        "指标 新 1 {\n  如果 是 则 1\n:tree\n",
    );
    assert_eq!(code, 1);
    assert!(out.contains("错误[E0"), "the block is reported:\n{out}");
    assert!(
        out.contains("    预算完成率 10  ← 预算完成率\n"),
        ":tree still ran:\n{out}"
    );
}

#[test]
fn english_messages() {
    let (out, _) = piped(&["--lang", "en"], ":load rules/none.jx\n1 + 1\n");
    assert!(
        out.contains("error[E501]: cannot read `rules/none.jx`"),
        "{out}"
    );
    assert!(out.ends_with("2\n"), "{out}");
}

/// Tab completion of a Chinese name under a pseudo-terminal made by
/// util-linux `script`. Typing `预算完` then Tab must evaluate 预算完成率.
#[test]
fn tab_completes_a_chinese_name_in_a_terminal() {
    let Ok(probe) = Command::new("script").arg("--version").output() else {
        eprintln!(
            "skipped: `script` (util-linux) is not installed, so no pseudo-terminal can be opened"
        );
        return;
    };
    if !probe.status.success() {
        eprintln!("skipped: `script --version` failed, so no pseudo-terminal can be opened");
        return;
    }
    let dir = std::env::temp_dir().join(format!("jixiao-repl-pty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let history = dir.join("history");
    let cmd = format!("{BIN} repl rules/shaanxi-2019.jx --facts rules/shaanxi-2019.facts.toml");
    let mut child = Command::new("script")
        .args(["-qfec", &cmd, "/dev/null"])
        .env("TERM", "xterm")
        .env("JIXIAO_HISTORY", &history)
        .env_remove("JIXIAO_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run script");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all("预算完\t\n".as_bytes()).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    stdin.write_all(b":quit\n").unwrap();
    drop(stdin);
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the REPL under a pseudo-terminal did not quit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("cannot open") || text.trim().is_empty() {
        eprintln!("skipped: no pseudo-terminal could be opened: {text}");
        return;
    }
    assert!(
        text.contains("93.00%"),
        "Tab should complete 预算完 to 预算完成率:\n{text}"
    );
    assert!(!text.contains("E101"), "{text}");
    let saved = std::fs::read_to_string(&history).unwrap_or_default();
    assert!(
        saved.lines().any(|l| l == "预算完成率"),
        "history keeps the completed line:\n{saved}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
