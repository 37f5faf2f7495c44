//! Helpers shared by the HTML report tests: run jixiao into a page, find
//! text between markers.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

pub const SMALL: &str = "tests/golden/html/small.jx";
pub const SMALL_FACTS: &str = "tests/golden/html/small.facts.toml";
pub const SMALL_UNITS: &str = "tests/golden/html/small.units.csv";

pub fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-html-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// Run jixiao with `-o FILE` appended; (exit code, the page, stderr).
pub fn page(args: &[&str], out: &str) -> (i32, String, String) {
    let path = tmp(out);
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .arg("-o")
        .arg(&path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jixiao");
    let html = std::fs::read_to_string(&path).unwrap_or_default();
    (
        o.status.code().unwrap_or(-1),
        html,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

pub fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The text between `start` and the next `end` after it.
pub fn between<'a>(hay: &'a str, start: &str, end: &str) -> &'a str {
    let i = hay.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let j = hay[i..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &hay[i..i + j]
}

pub fn single() -> String {
    let (code, html, err) = page(&["report", SMALL, "--facts", SMALL_FACTS], "single.html");
    assert_eq!(code, 0, "{err}");
    html
}
