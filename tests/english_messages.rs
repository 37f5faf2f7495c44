//! English output speaks English: every diagnostic headline, note and help
//! in the English goldens of tests/ui (which `cargo test --test ui` keeps
//! equal to what users see, one or more cases per code) is free of Chinese
//! and of full-width punctuation, except inside `backticks` or "quotes",
//! where user names, values and rule-language examples belong.

use std::path::Path;

/// CJK ideographs, CJK punctuation (。、「」…) and full-width forms (，：（）).
fn foreign(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”')
}

/// The line without its `quoted` and "quoted" parts.
fn unquoted(line: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '`' || c == '"' => quote = Some(c),
            None => out.push(c),
        }
    }
    out
}

#[test]
fn english_diagnostics_have_no_chinese_outside_quotes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut bad = Vec::new();
    let mut lines = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".en.stderr"))
        .collect();
    files.sort();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for line in text.lines() {
            let t = line.trim_start();
            if !(t.starts_with("error[") || t.starts_with("warning[") || t.starts_with("= ")) {
                continue;
            }
            lines += 1;
            if unquoted(t).chars().any(foreign) {
                let name = f.file_name().unwrap().to_string_lossy();
                bad.push(format!("{name}: {t}"));
            }
        }
    }
    assert!(
        files.len() > 100 && lines > 200,
        "{} files, {lines} lines",
        files.len()
    );
    assert!(
        bad.is_empty(),
        "{} English lines with Chinese or full-width punctuation outside quotes:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
