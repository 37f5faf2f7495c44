//! Rows that cannot be read are error records and the run goes on (F3,
//! F14); endless input is an error, not an abort (F17); rows are numbered
//! by file line for LF, CRLF and CR-only files (F12).

use std::io::Write;
use std::process::{Command, Stdio};

const X: &str =
    "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n输入 x: 数\n指标 甲 10 { 得分 = min(x, 10) }\n";

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-rows-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Exit code, stdout, stderr of `jixiao batch x.jx --facts FILE` on these bytes.
fn batch(name: &str, file: &str, data: &[u8], format: &str) -> (i32, String, String) {
    let d = scratch(name);
    let rules = d.join("x.jx");
    std::fs::write(&rules, X).unwrap();
    let facts = d.join(file);
    std::fs::write(&facts, data).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "batch",
            rules.to_str().unwrap(),
            "--facts",
            facts.to_str().unwrap(),
        ])
        .args(["--format", format])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&d);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_bad_json_line_is_one_error_record() {
    let mut data = Vec::new();
    for i in 0..5000 {
        data.extend_from_slice(format!("{{\"单位\":\"U{i}\",\"x\":\"1\"}}\n").as_bytes());
    }
    data.extend_from_slice(b"{\"\xb5\xa5\xce\xbb\":\"\xbb\xb5\"}\n"); // GBK
    data.extend_from_slice(b"{\"x\":\"");
    data.extend(std::iter::repeat_n(b'1', 1 << 20));
    data.extend_from_slice(b"\"}\n");
    for i in 5001..10001 {
        data.extend_from_slice(format!("{{\"单位\":\"U{i}\",\"x\":\"1\"}}\n").as_bytes());
    }
    let (code, out, err) = batch("jsonl", "rows.jsonl", &data, "jsonl");
    assert_eq!(code, 1, "{err}");
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 10002, "{err}");
    assert_eq!(recs[5000]["row"], 5001);
    assert_eq!(recs[5000]["error"]["code"], "E321");
    assert_eq!(recs[5001]["row"], 5002);
    assert_eq!(recs[5001]["error"]["code"], "E321");
    assert!(recs[5001]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("1 MiB"));
    assert_eq!(recs[10001]["unit"], "U10000");
    assert!(err.contains("10002"), "{err}");
}

#[test]
fn an_over_long_csv_record_is_one_error_record() {
    let mut data = b"\xe5\x8d\x95\xe4\xbd\x8d,x\nA,1\nB,".to_vec();
    // Past the limit even with the reader's 8 KiB read-ahead.
    data.extend(std::iter::repeat_n(b'9', (1 << 20) + (64 << 10)));
    data.extend_from_slice(b"\nC,3\n");
    let (code, out, _) = batch("csv-long", "w.csv", &data, "csv");
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("2,A,1.00"), "{out}");
    assert!(
        lines[2].starts_with("3,") && lines[2].contains("E321"),
        "{out}"
    );
    assert!(lines[3].starts_with("4,C,3.00"), "{out}");
}

#[test]
fn rows_are_numbered_by_file_line() {
    for (name, text) in [
        ("lf", "单位,x\nA,1\nB,坏\nC,3\n"),
        ("crlf", "单位,x\r\nA,1\r\nB,坏\r\nC,3\r\n"),
        ("cr", "单位,x\rA,1\rB,坏\rC,3\r"),
    ] {
        let (_, out, _) = batch(name, "r.csv", text.as_bytes(), "csv");
        let rows: Vec<&str> = out
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect();
        assert_eq!(rows, ["2", "3", "4"], "{name}: {out}");
    }
    let (_, out, _) = batch(
        "blank",
        "b.csv",
        "单位,x\r\n\r\nA,\"1\r\n\"\r\nB,坏\r\n".as_bytes(),
        "csv",
    );
    let rows: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(rows, ["3", "5"], "{out}");
}

#[cfg(unix)]
#[test]
fn endless_input_is_an_error_not_an_abort() {
    let d = scratch("zero");
    let rules = d.join("x.jx");
    std::fs::write(&rules, X).unwrap();
    for name in ["z.csv", "z.jsonl"] {
        let link = d.join(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args([
                "batch",
                rules.to_str().unwrap(),
                "--facts",
                link.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains("[E501]"), "{name}: {err}");
        // The reason in the reader's language, not the reader's English.
        assert!(err.contains("连续 64 MiB 没有换行"), "{name}: {err}");
        assert!(!err.contains("no line break"), "{name}: {err}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_piped_repl_reports_a_non_utf8_line_and_goes_on() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("repl")
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b":load rules/shaanxi-2019.jx\n:facts rules/shaanxi-2019.facts.toml\n\xff\n:score\n",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[E321]"), "{text}");
    assert!(
        text.contains("总分") && text.contains("91.00"),
        ":score still runs: {text}"
    );
    assert_eq!(out.status.code(), Some(1));
}
