//! `-o` never destroys an input, is written all or nothing, and write errors
//! say "cannot write" (issue 9 item 1; findings F1, F13, F20). These run
//! the built binary on scratch files.

#![cfg(unix)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_jixiao");

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("jixiao-out-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let root = env!("CARGO_MANIFEST_DIR");
        std::fs::copy(format!("{root}/rules/shaanxi-2019.jx"), d.join("r.jx")).unwrap();
        std::fs::copy(
            format!("{root}/rules/shaanxi-synthetic-units.csv"),
            d.join("units.csv"),
        )
        .unwrap();
        std::fs::copy(
            format!("{root}/rules/shaanxi-2019.facts.toml"),
            d.join("f.toml"),
        )
        .unwrap();
        Scratch(d)
    }
    fn p(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.0.join(name)).unwrap()
    }
    /// Names left in the folder that look like our temporary files.
    fn temps(&self) -> Vec<String> {
        std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `batch r.jx --facts units.csv -o OUT` must refuse with E504 and leave
/// every file as it was.
fn refused(s: &Scratch, out: &str) {
    let before_units = s.read("units.csv");
    let before_rules = s.read("r.jx");
    let o = run(&[
        "batch",
        &s.p("r.jx"),
        "--facts",
        &s.p("units.csv"),
        "-o",
        out,
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[E504]"), "{}", stderr(&o));
    assert_eq!(s.read("units.csv"), before_units, "input changed");
    assert_eq!(s.read("r.jx"), before_rules, "rules changed");
    assert!(s.temps().is_empty(), "{:?}", s.temps());
}

#[test]
fn output_naming_the_data_file_is_refused() {
    let s = Scratch::new("same");
    refused(&s, &s.p("units.csv"));
    // Another spelling of the same path.
    refused(&s, &format!("{}/./units.csv", s.0.display()));
}

#[test]
fn output_naming_the_rule_file_is_refused() {
    let s = Scratch::new("rules");
    refused(&s, &s.p("r.jx"));
}

#[test]
fn output_through_a_symlink_to_an_input_is_refused() {
    let s = Scratch::new("symlink");
    std::os::unix::fs::symlink(s.0.join("units.csv"), s.0.join("link.csv")).unwrap();
    refused(&s, &s.p("link.csv"));
    std::os::unix::fs::symlink(s.0.join("r.jx"), s.0.join("rules-link")).unwrap();
    refused(&s, &s.p("rules-link"));
}

#[test]
fn output_that_is_a_hard_link_to_an_input_is_refused() {
    let s = Scratch::new("hardlink");
    std::fs::hard_link(s.0.join("units.csv"), s.0.join("hard.csv")).unwrap();
    refused(&s, &s.p("hard.csv"));
}

#[test]
fn a_facts_file_read_by_a_command_is_protected_too() {
    // JSON Lines input, and the check is by the file, not by the command.
    let s = Scratch::new("facts");
    std::fs::write(s.0.join("rows.jsonl"), "{\"单位\":\"A\"}\n").unwrap();
    let before = s.read("rows.jsonl");
    let o = run(&[
        "batch",
        &s.p("r.jx"),
        "--facts",
        &s.p("rows.jsonl"),
        "-o",
        &s.p("rows.jsonl"),
    ]);
    assert!(stderr(&o).contains("错误[E504]"), "{}", stderr(&o));
    assert_eq!(s.read("rows.jsonl"), before);
}

#[test]
fn a_good_run_replaces_the_old_output_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("replace");
    std::fs::write(s.0.join("out.csv"), "old\n").unwrap();
    std::fs::set_permissions(s.0.join("out.csv"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = run(&[
        "batch",
        &s.p("r.jx"),
        "--facts",
        &s.p("units.csv"),
        "-o",
        &s.p("out.csv"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(s.read("out.csv")).unwrap();
    assert_eq!(out.lines().count(), 241);
    let mode = std::fs::metadata(s.0.join("out.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(s.temps().is_empty());
}

#[test]
fn a_symlinked_output_writes_the_link_target() {
    let s = Scratch::new("outlink");
    std::fs::create_dir(s.0.join("sub")).unwrap();
    std::fs::write(s.0.join("sub/real.csv"), "old\n").unwrap();
    std::os::unix::fs::symlink(s.0.join("sub/real.csv"), s.0.join("out.csv")).unwrap();
    let o = run(&[
        "batch",
        &s.p("r.jx"),
        "--facts",
        &s.p("units.csv"),
        "-o",
        &s.p("out.csv"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(s.0.join("out.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        s.read("sub/real.csv")
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
        241
    );
}

#[test]
fn a_full_disk_is_a_write_error_naming_the_output() {
    let s = Scratch::new("full");
    for (lang, want) in [
        ("zh", "错误[E503]: 无法写入“/dev/full”：磁盘空间已满"),
        (
            "en",
            "error[E503]: cannot write `/dev/full`: no space left on the disk",
        ),
    ] {
        let o = run(&[
            "batch",
            &s.p("r.jx"),
            "--facts",
            &s.p("units.csv"),
            "-o",
            "/dev/full",
            "--lang",
            lang,
        ]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(err.contains(want), "{err}");
        assert!(!err.contains("units.csv"), "names the input: {err}");
        assert!(!err.contains("路径") && !err.contains("path"), "{err}");
    }
}

#[test]
fn stdout_to_a_full_disk_is_a_write_error_not_a_panic() {
    let s = Scratch::new("stdout");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let cmds: [&[&str]; 4] = [
        &["batch", &s.p("r.jx"), "--facts", &s.p("units.csv")],
        &["score", &s.p("r.jx"), "--facts", &s.p("f.toml")],
        &["check", &s.p("r.jx")],
        &["explain", "E101"],
    ];
    for args in cmds {
        let o = Command::new(BIN)
            .args(args)
            .stdout(full())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("错误[E503]: 无法写入标准输出：磁盘空间已满"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_missing_folder_or_a_folder_as_output_says_so() {
    let s = Scratch::new("dirs");
    let out = |o: &str| {
        stderr(&run(&[
            "batch",
            &s.p("r.jx"),
            "--facts",
            &s.p("units.csv"),
            "-o",
            o,
        ]))
    };
    let e = out(&s.p("no/such/out.csv"));
    assert!(e.contains("[E503]") && e.contains("所在目录不存在"), "{e}");
    let e = out(&s.0.display().to_string());
    assert!(e.contains("[E503]") && e.contains("这是一个目录"), "{e}");
}

/// SIGTERM in the middle of a run: the old output stays as it was, no
/// temporary file is left, stderr says how far it got, the exit is not 0.
/// The input is a FIFO, so "in the middle" is certain, not a race.
#[test]
fn a_signal_mid_run_leaves_the_old_output_and_no_temporary_file() {
    use std::io::Write;
    let s = Scratch::new("signal");
    let fifo = s.0.join("feed.csv");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::fs::write(s.0.join("out.csv"), "old results\n").unwrap();
    let units = String::from_utf8(s.read("units.csv")).unwrap();
    let (head, rows) = units.split_once('\n').unwrap();
    let child = Command::new(BIN)
        .args([
            "batch",
            &s.p("r.jx"),
            "--facts",
            &fifo.display().to_string(),
        ])
        .args(["-o", &s.p("out.csv")])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writeln!(w, "{head}").unwrap();
    // 20 × 240 rows: a few chunks get written to the temporary file.
    for _ in 0..20 {
        w.write_all(rows.as_bytes()).unwrap();
    }
    w.flush().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while s.temps().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(s.temps().len(), 1, "the run writes a temporary file");
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    // The run notices at its next write; let it have more rows, then EOF.
    let _ = w.write_all(rows.as_bytes());
    drop(w);
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("运行被中断：已完成"), "{err}");
    assert!(err.contains("原文件保持不变"), "{err}");
    assert_eq!(s.read("out.csv"), b"old results\n");
    assert!(s.temps().is_empty(), "{:?}", s.temps());
}

/// Re-check 2026-12: SIGTERM with much input still to come. The writer
/// stopped, the workers stopped, and the reader blocked for ever handing
/// chunks to a queue nobody read (a hang, not an exit). Any failed write
/// mid-run (a full disk) took the same path.
#[test]
fn a_signal_with_input_still_coming_ends_the_run_instead_of_hanging() {
    use std::io::Write;
    let s = Scratch::new("signal-more");
    let fifo = s.0.join("feed.csv");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let units = String::from_utf8(s.read("units.csv")).unwrap();
    let (head, rows) = units.split_once('\n').unwrap();
    let (head, rows) = (head.to_string(), rows.to_string());
    let mut child = Command::new(BIN)
        .args(["batch", &s.p("r.jx"), "--facts"])
        .arg(&fifo)
        .args(["-o", &s.p("out.csv"), "--jobs", "2"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let signalled = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = signalled.clone();
    let feeder = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            let _ = writeln!(w, "{head}");
            for _ in 0..20 {
                let _ = w.write_all(rows.as_bytes());
            }
            let _ = w.flush();
            while !seen.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            // Far more than the queues hold: ~24 chunks of 2,048 rows.
            for _ in 0..200 {
                if w.write_all(rows.as_bytes()).is_err() {
                    return;
                }
            }
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while s.temps().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    signalled.store(true, std::sync::atomic::Ordering::SeqCst);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break Some(st);
        }
        if std::time::Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
        let _ = feeder.join();
        panic!("batch hung after SIGTERM");
    }
    let _ = feeder.join();
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("运行被中断：已完成"), "{err}");
    assert!(!s.0.join("out.csv").exists());
    assert!(s.temps().is_empty(), "{:?}", s.temps());
}

/// Two runs on one -o: the file ends up as one run's complete output.
#[test]
fn two_runs_on_one_output_never_interleave() {
    let s = Scratch::new("two");
    let units = String::from_utf8(s.read("units.csv")).unwrap();
    let small: String = units.lines().take(6).map(|l| format!("{l}\n")).collect();
    std::fs::write(s.0.join("small.csv"), &small).unwrap();
    let big: String = units
        .lines()
        .chain(std::iter::repeat_n(units.lines().skip(1), 9).flatten())
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(s.0.join("big.csv"), &big).unwrap();
    let spawn = |data: &str| {
        Command::new(BIN)
            .args(["batch", &s.p("r.jx"), "--facts", &s.p(data)])
            .args(["-o", &s.p("out.csv")])
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("big.csv"), spawn("small.csv"));
    for mut c in [a, b] {
        assert!(c.wait().unwrap().success());
    }
    let out = String::from_utf8(s.read("out.csv")).unwrap();
    let n = out.lines().count();
    assert!(n == 6 || n == 2401, "{n} lines");
    assert!(!out.contains('\0'));
    assert!(s.temps().is_empty());
}

#[test]
fn endless_or_huge_inputs_are_e505_not_an_abort() {
    let s = Scratch::new("big");
    std::os::unix::fs::symlink("/dev/zero", s.0.join("zero.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", s.0.join("zero.jx")).unwrap();
    let o = run(&["score", &s.p("r.jx"), "--facts", &s.p("zero.toml")]);
    assert!(stderr(&o).contains("错误[E505]"), "{}", stderr(&o));
    assert!(stderr(&o).contains("64 MiB"), "{}", stderr(&o));
    let o = run(&["check", &s.p("zero.jx")]);
    assert!(stderr(&o).contains("错误[E505]"), "{}", stderr(&o));
    // A sparse 2 GiB file: refused from its size, without reading it.
    let f = std::fs::File::create(s.0.join("huge.toml")).unwrap();
    f.set_len(2 << 30).unwrap();
    let t = std::time::Instant::now();
    let o = run(&["score", &s.p("r.jx"), "--facts", &s.p("huge.toml")]);
    assert!(stderr(&o).contains("错误[E505]"), "{}", stderr(&o));
    assert!(t.elapsed().as_secs() < 5);
    let o = run(&[
        "audit",
        &s.p("r.jx"),
        "--facts",
        &s.p("f.toml"),
        "--reported",
    ])
    .status
    .code();
    assert_eq!(o, Some(2), "usage error without --reported value");
    let o = run(&[
        "audit",
        &s.p("r.jx"),
        "--facts",
        &s.p("f.toml"),
        "--reported",
        &s.p("zero.toml"),
    ]);
    assert!(stderr(&o).contains("错误[E505]"), "{}", stderr(&o));
}

/// The interactive REPL (run under `script` for a terminal) neither reads
/// nor rewrites a history file that is a symlink (F20).
#[test]
fn the_repl_history_is_not_followed_through_a_symlink() {
    use std::io::Write;
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to give the REPL a terminal");
        return;
    }
    let s = Scratch::new("history");
    let target = s.0.join("precious.txt");
    let lines: String = (0..500).map(|i| format!("{i}\n")).collect();
    std::fs::write(&target, &lines).unwrap();
    std::os::unix::fs::symlink(&target, s.0.join("hist")).unwrap();
    let mut child = Command::new("script")
        .args(["-qc", &format!("{BIN} repl"), "/dev/null"])
        .env("JIXIAO_HISTORY", s.0.join("hist"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"1 + 1\n:quit\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("历史文件是符号链接"), "{out}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), lines);
}

/// REPL `:load` and `:facts` read with the same limits (F17).
#[test]
fn repl_load_of_an_endless_file_is_e505() {
    let mut s = jixiao::repl::Session::new(jixiao::diag::Lang::En);
    let r = s.handle(":load /dev/zero");
    assert!(r.failed && r.text.contains("error[E505]"), "{}", r.text);
    let dir = Scratch::new("repl-zero");
    std::os::unix::fs::symlink("/dev/zero", dir.0.join("z.toml")).unwrap();
    assert!(!s.handle(&format!(":load {}", dir.p("r.jx"))).failed);
    let r = s.handle(&format!(":facts {}", dir.p("z.toml")));
    assert!(r.failed && r.text.contains("error[E505]"), "{}", r.text);
}
