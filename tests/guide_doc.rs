//! docs/guide.md shows real output: every ```console block starts with a
//! `$ jixiao …` line, is run from a scratch copy of the repository's example
//! folders, and what follows must equal what the command prints (stdout,
//! then stderr, then `（退出码 N）` when N ≠ 0). `JIXIAO_BLESS=1` rewrites
//! the blocks in place; read the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FENCE: &str = "```console\n";

fn scratch() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("jixiao-guide-{}", std::process::id()));
    for sub in ["rules", "docs/guide"] {
        let to = dir.join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    dir
}

/// Runs `jixiao ARGS [< FILE]` in `dir` the way a user's shell would.
fn run(dir: &Path, line: &str) -> String {
    let (args, input) = match line.split_once(" < ") {
        Some((a, f)) => (a, Some(f.trim())),
        None => (line, None),
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args.split_whitespace())
        .current_dir(dir)
        .env_remove("JIXIAO_LANG")
        .env("NO_COLOR", "1");
    match input {
        Some(f) => cmd.stdin(std::fs::File::open(dir.join(f)).expect("input file")),
        None => cmd.stdin(Stdio::null()),
    };
    let out = cmd.output().expect("run jixiao");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    let mut text: String = text
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect();
    match out.status.code() {
        Some(0) => {}
        Some(n) => text.push_str(&format!("（退出码 {n}）\n")),
        None => text.push_str("（被信号终止）\n"),
    }
    text
}

#[test]
fn every_command_in_the_guide_prints_what_the_guide_shows() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let dir = scratch();
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    let mut out = String::new();
    let mut rest = doc.as_str();
    let mut failures = Vec::new();
    let mut ran = 0;
    while let Some(start) = rest.find(FENCE) {
        let body_start = start + FENCE.len();
        let end = body_start + rest[body_start..].find("```").expect("closed block");
        let body = &rest[body_start..end];
        let (first, shown) = body.split_once('\n').unwrap_or((body, ""));
        let line = first
            .strip_prefix("$ jixiao ")
            .expect("a console block starts with `$ jixiao `");
        let got = run(&dir, line);
        ran += 1;
        if got != shown {
            failures.push(format!(
                "`jixiao {line}`\n--- guide ---\n{shown}--- printed ---\n{got}"
            ));
        }
        out.push_str(&rest[..body_start]);
        out.push_str(first);
        out.push('\n');
        out.push_str(&got);
        rest = &rest[end..];
    }
    out.push_str(rest);
    let _ = std::fs::remove_dir_all(&dir);
    if bless {
        std::fs::write(&path, out).unwrap();
    } else {
        assert!(
            failures.is_empty(),
            "docs/guide.md is out of date (JIXIAO_BLESS=1 rewrites it):\n{}",
            failures.join("\n")
        );
    }
    assert!(ran >= 10, "only {ran} commands in the guide");
}
