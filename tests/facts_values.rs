//! Values read exactly or refused with a reason, the same in facts files,
//! CSV cells and the REPL: no silent rounding (F10), thousands separators
//! in groups of three (F11), counts whole and not negative, exponents and
//! missing % named (percent-fact-bare.jx).

use jixiao::diag::Lang;
use jixiao::repl::Session;
use std::process::Command;

const RULES: &str = "评分表 \"r\" 满分 10
等级 优 >= 9，差
输入 率: 百分比
输入 金额: 万元
输入 人数: 人
输入 额: 万元 正数
指标 甲 5 { 如果 率 >= 95% 则 5 否则 0 }
指标 乙 5 { 如果 金额 >= 10 万元 则 5 否则 0 }
";

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-values-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The error code of each CSV row's record, or its total.
fn batch_rows(name: &str, rows: &[&str]) -> Vec<String> {
    let d = scratch(name);
    let rules = d.join("r.jx");
    std::fs::write(&rules, RULES).unwrap();
    let csv = d.join("r.csv");
    let mut text = String::from("单位,率,金额,人数,额\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(&csv, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "batch",
            rules.to_str().unwrap(),
            "--facts",
            csv.to_str().unwrap(),
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&d);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            match v["error"]["code"].as_str() {
                Some(c) => c.to_string(),
                None => v["total"].as_str().unwrap_or("?").to_string(),
            }
        })
        .collect()
}

#[test]
fn csv_cells_are_exact_or_refused_with_their_reason() {
    let got = batch_rows(
        "csv",
        &[
            "A,94.99999999999999999999999999999%,10,1,1",
            "B,95%,\"1,5\",1,1",
            "C,95%,\"12,34,5\",1,1",
            "D,95%,\"1,500\",1,1",
            "E,95%,10,2.5,1",
            "F,95%,10,-1,1",
            "G,95%,1E3万元,1,1",
            "H,95%,1e400,1,1",
            "I,95,10,1,1",
            "J,95%,10,1,0.0000000000000000000000000000001",
            "K,95%,10,3,1",
        ],
    );
    assert_eq!(
        got,
        [
            "E318", "E319", "E319", "10.00", "E325", "E325", "E318", "E318", "E303", "E318",
            "10.00"
        ]
    );
}

#[test]
fn facts_files_agree_with_csv_cells() {
    let d = scratch("toml");
    let rules = d.join("r.jx");
    std::fs::write(&rules, RULES).unwrap();
    let cases = [
        ("率 = \"94.99999999999999999999999999999%\"", "E318"),
        ("率 = 100", "E303"),
        ("人数 = 1.5", "E325"),
        ("金额 = \"1,5 万元\"", "E319"),
        // Quoted, a 50-digit number is too long, not "not a number".
        (
            "金额 = \"12345678901234567890123456789012345678901234567890\"",
            "E318",
        ),
    ];
    for (line, code) in cases {
        let base = ["率 = \"95%\"", "金额 = 10", "人数 = 1", "额 = 1"];
        let key = line.split(' ').next().unwrap();
        let mut text: Vec<&str> = base
            .iter()
            .copied()
            .filter(|l| !l.starts_with(key))
            .collect();
        text.push(line);
        let facts = d.join("f.toml");
        std::fs::write(&facts, text.join("\n") + "\n").unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args([
                "score",
                rules.to_str().unwrap(),
                "--facts",
                facts.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("[{code}]")), "{line}: {err}");
        if code == "E303" {
            assert!(err.contains("缺少 %：写成 \"100%\""), "{err}");
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_repl_reads_values_the_same_way() {
    let d = scratch("repl");
    let rules = d.join("r.jx");
    std::fs::write(&rules, RULES).unwrap();
    let mut s = Session::new(Lang::Zh);
    assert!(!s.handle(&format!(":load {}", rules.display())).failed);
    for (set, code) in [
        (":set 金额 = 1,5 万元", "E319"),
        (":set 金额 = 12,34,5 万元", "E319"),
        (":set 率 = 94.99999999999999999999999999999%", "E318"),
        (":set 人数 = 2.5 人", "E325"),
        (":set 额 = 0.0000000000000000000000000000001 万元", "E318"),
    ] {
        let r = s.handle(set);
        assert!(
            r.failed && r.text.contains(&format!("[{code}]")),
            "{set}: {}",
            r.text
        );
    }
    assert!(!s.handle(":set 金额 = 1,500 万元").failed);
    assert_eq!(s.handle("金额").text, "1500 万元\n");
    let _ = std::fs::remove_dir_all(&d);
}

/// stderr of `jixiao score` on the RULES with a facts file of these bytes.
fn score_err(name: &str, file: &str, bytes: &[u8]) -> String {
    let d = scratch(name);
    let rules = d.join("r.jx");
    std::fs::write(&rules, RULES).unwrap();
    let facts = d.join(file);
    std::fs::write(&facts, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "score",
            rules.to_str().unwrap(),
            "--facts",
            facts.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&d);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn reader_details_are_in_chinese() {
    for (text, zh) in [
        ("系数 ＝ 5\n", "名称写法不对"),
        ("预算.数 = 1\n", "名称中不能有“.”"),
        ("金额 = 1e400\n", "数字写法不对或超出范围"),
    ] {
        let err = score_err("e307", "f.toml", text.as_bytes());
        assert!(err.contains("[E307]") && err.contains(zh), "{text}: {err}");
        assert!(!err.contains("invalid"), "{text}: {err}");
    }
    // A JSON number beyond f64 is valid JSON: the reader says why it cannot be used.
    let err = score_err("e318", "f.json", "{\"金额\": 1e400}".as_bytes());
    assert!(err.contains("[E318]"), "{err}");
    let big = "{\"金额\": 12345678901234567890123456789012345678901234567890}";
    let err = score_err("e318b", "f.json", big.as_bytes());
    assert!(err.contains("[E318]") && !err.contains("不是数字"), "{err}");
}

/// Broken files of every kind a clerk produces: the message line of E307
/// never carries the reader's English (F: "TOML reader errors in Chinese").
#[test]
fn every_reader_message_is_chinese() {
    let toml = [
        "a：1\n",
        "[[x]\n",
        "[x\n",
        "a = [1,\n",
        "a = {b = 1\n",
        "a = \"\\u12\"\n",
        "a = \"\\uD800\"\n",
        "a = 1\na = 2\n",
        "a = 01\n",
        "a = 1.\n",
        "a = 1979-05-27T\n",
        "a = 0x\n",
        "a = '''x\n",
        "a = \"\"\"x\n",
        "a.b = 1\na.b.c = 2\n",
        "a = 1 2\n",
        "= 1\n",
        "a = tru\n",
        "[a]\n[a]\n",
        "a = {b = 1,}\n",
        "a = [1 2]\n",
    ];
    let json = [
        "{\"a\": 1,}",
        "{\"a\" 1}",
        "{a: 1}",
        "[1]",
        "{\"a\": [1, 2}",
        "{\"a\": \"\\ud800\"}",
        "{\"a\": tru}",
        "{\"a\": 1",
        "{\"a\": \"x}",
        "{\"a\": 1} x",
        "{\"a\": 01}",
    ];
    let cases = toml
        .iter()
        .map(|t| ("f.toml", *t))
        .chain(json.iter().map(|t| ("f.json", *t)));
    for (i, (file, text)) in cases.enumerate() {
        let err = score_err(&format!("zh{i}"), file, text.as_bytes());
        let first = err.lines().next().unwrap_or("");
        let english = first
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3 && !["TOML", "JSON"].contains(&w));
        assert!(first.contains("[E3"), "{text:?}: {err}");
        assert!(!english, "{text:?}: {first}");
    }
}

/// The line to fix, not only the line where the reader gave up: an
/// unclosed array is labelled where it opened, and a value with a unit
/// written without quotes is shown with them.
#[test]
fn reader_errors_point_at_the_fix() {
    let err = score_err(
        "open",
        "f.toml",
        "率 = \"96%\"\n金额 = [1,\n人数 = 3\n".as_bytes(),
    );
    assert!(
        err.contains("[E307]") && err.contains("数组缺少右方括号"),
        "{err}"
    );
    assert!(
        err.contains("2 │ 金额 = [1,") && err.contains("从这里开始，没有闭合"),
        "{err}"
    );
    let err = score_err("quote", "f.toml", "率 = 96.5%\n".as_bytes());
    assert!(
        err.contains("带单位或百分号的值要加引号：率 = \"96.5%\""),
        "{err}"
    );
    let err = score_err("quotej", "f.json", "{\"金额\": 12 万元}".as_bytes());
    assert!(err.contains("要加引号：{\"金额\": \"12 万元\"}"), "{err}");
}

#[test]
fn invisible_characters_in_keys_are_shown() {
    let err = score_err("bom", "f.toml", "金额\u{feff} = 1\n".as_bytes());
    assert!(err.contains("“金额<U+FEFF>”"), "{err}");
}

#[test]
fn the_encoding_hint_fits_the_file() {
    let err = score_err("gbk", "f.toml", b"\xc2\xca = 1\n");
    assert!(err.contains("[E502]") && !err.contains("CSV"), "{err}");
}
