//! Golden diagnostics. Each case in tests/ui/ is a rule file `NAME.jx` whose
//! first line says which codes it must produce (`# 期望: E014 W201`), with
//! optional facts `NAME.facts.toml` / `NAME.facts.json`, and the exact text a
//! user sees in `NAME.zh.stderr` and `NAME.en.stderr`. A case with a
//! `NAME.cli` file (one line of arguments, paths relative to the crate) runs
//! the built binary instead and records its stdout and stderr; its standard
//! input is `NAME.stdin` when there is one (REPL sessions), else empty.
//!
//! A line `# pad-to-bytes: N` pads the rule text with blank lines to N bytes
//! (for the file-size limit). `JIXIAO_BLESS=1 cargo test --test ui`
//! rewrites the expected files.

use jixiao::diag::{render_text, Diagnostic, Lang, SourceMap, ALL_CODES};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ui");

struct Case {
    name: String,
    rules: String,
    facts: Option<(String, jixiao::facts::Format, String)>,
    cli: Option<String>,
    stdin: Option<String>,
}

fn cases() -> Vec<Case> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("jx"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let mut rules = std::fs::read_to_string(&p).unwrap();
            // A case about size limits asks for padding instead of storing megabytes.
            let pad = rules
                .lines()
                .find_map(|l| l.strip_prefix("# pad-to-bytes: "))
                .and_then(|n| n.trim().parse::<usize>().ok());
            if let Some(n) = pad {
                let fill = n.saturating_sub(rules.len());
                rules.push_str(&"\n".repeat(fill));
            }
            let facts = [
                ("toml", jixiao::facts::Format::Toml),
                ("json", jixiao::facts::Format::Json),
            ]
            .into_iter()
            .find_map(|(ext, fmt)| {
                let f = format!("{name}.facts.{ext}");
                std::fs::read_to_string(Path::new(DIR).join(&f))
                    .ok()
                    .map(|t| (format!("tests/ui/{f}"), fmt, t))
            });
            let cli = std::fs::read_to_string(Path::new(DIR).join(format!("{name}.cli"))).ok();
            let stdin = std::fs::read_to_string(Path::new(DIR).join(format!("{name}.stdin"))).ok();
            Case {
                name,
                rules,
                facts,
                cli,
                stdin,
            }
        })
        .collect()
}

/// The codes a case promises on its first line.
fn promised(rules: &str) -> BTreeSet<String> {
    let first = rules.lines().next().unwrap_or("");
    let list = first
        .split_once(':')
        .or_else(|| first.split_once('：'))
        .map(|(_, l)| l)
        .unwrap_or("");
    list.split_whitespace().map(str::to_string).collect()
}

/// What `jixiao score`/`check` would print, through the library.
fn run_library(c: &Case, lang: Lang) -> (String, Vec<&'static str>) {
    let mut map = SourceMap::new();
    let id = map.add(format!("tests/ui/{}.jx", c.name), c.rules.clone());
    let mut shown: Vec<Diagnostic> = Vec::new();
    let out = jixiao::compile(&map, id);
    if let Ok(out) = &out {
        shown.extend(out.warnings.0.iter().cloned());
    }
    match (out, &c.facts) {
        (Err(d), _) => shown.extend(d.0),
        (Ok(_), None) => {}
        (Ok(out), Some((name, fmt, text))) => {
            let fid = map.add(name.clone(), text.clone());
            match jixiao::facts::load(text, fid, *fmt, &out.checked) {
                Err(d) => shown.extend(d.0),
                Ok(fs) => {
                    if let Err(d) = jixiao::eval::score(&out.checked, &fs) {
                        shown.push(*d);
                    }
                }
            }
        }
    }
    let codes = shown.iter().map(|d| d.code()).collect();
    (render_text(&shown, &map, lang, false), codes)
}

fn run_cli(c: &Case, args: &str, lang: Lang) -> (String, Vec<&'static str>) {
    let lang_flag = if lang == Lang::En { "en" } else { "zh" };
    use std::io::Write;
    use std::process::Stdio;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args.split_whitespace())
        .args(["--lang", lang_flag])
        .env("NO_COLOR", "1")
        .env_remove("JIXIAO_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Dropping the pipe after writing is the end of input a REPL waits for.
    let mut pipe = child.stdin.take().unwrap();
    // A program that exits without reading its input closes the pipe early;
    // what it printed is still the result.
    let _ = pipe.write_all(c.stdin.as_deref().unwrap_or("").as_bytes());
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let text = format!(
        "exit: {}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        out.status.code().unwrap_or(-1)
    );
    let codes = ALL_CODES
        .iter()
        .copied()
        .filter(|code| text.contains(&format!("{code}]")) || text.contains(&format!("\"{code}\"")))
        .collect();
    (text, codes)
}

#[test]
fn golden_diagnostics() {
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    let mut failures = Vec::new();
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    let all = cases();
    for c in &all {
        let want = promised(&c.rules);
        if want.is_empty() {
            failures.push(format!(
                "{}: first line must list the expected codes, e.g. `# 期望: E014`",
                c.name
            ));
        }
        for (lang, ext) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
            let (text, codes) = match &c.cli {
                Some(args) => run_cli(c, args, lang),
                None => run_library(c, lang),
            };
            let got: BTreeSet<String> = codes.iter().map(|s| s.to_string()).collect();
            if got != want {
                failures.push(format!(
                    "{} ({ext}): promised {want:?}, produced {got:?}\n{text}",
                    c.name
                ));
            }
            seen.extend(codes);
            let path = Path::new(DIR).join(format!("{}.{ext}.stderr", c.name));
            if bless {
                std::fs::write(&path, &text).unwrap();
            } else {
                match std::fs::read_to_string(&path) {
                    Ok(expected) if expected == text => {}
                    Ok(expected) => failures.push(format!(
                        "{} ({ext}) differs from {}; rerun with JIXIAO_BLESS=1 if the change is intended\n--- expected\n{expected}--- got\n{text}",
                        c.name,
                        path.display()
                    )),
                    Err(_) => failures.push(format!("{}: missing {}; run with JIXIAO_BLESS=1", c.name, path.display())),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(all.len() >= 40, "only {} golden cases", all.len());
    let missing: Vec<&str> = ALL_CODES
        .iter()
        .copied()
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a golden case in tests/ui: {missing:?}"
    );
}
