//! `jixiao test [PATH…] [--coverage]`: run the cases in `*.tests.toml`
//! files (a directory means every such file in it), in the manner of
//! `cargo test`. Exit 0 when every case passes, 1 otherwise.

use super::common::{emit, load_rules, read};
use super::Format;
use crate::diag::{Diagnostic, Lang, Msg, SourceMap, Word};
use crate::testing::{self, coverage::Coverage};
use std::path::{Path, PathBuf};

pub fn run(paths: &[String], coverage: bool, lang: Lang) -> i32 {
    let paths = if paths.is_empty() {
        vec!["rules".to_string()]
    } else {
        paths.to_vec()
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for p in &paths {
        let path = Path::new(p);
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|d| {
                    d.filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|f| is_case_file(f))
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.to_path_buf());
        }
    }
    let mut map = SourceMap::new();
    if files.is_empty() {
        emit(
            &[Diagnostic::new(Msg::NoCases {
                path: paths.join(" "),
            })],
            &map,
            lang,
            Format::Text,
        );
        return 1;
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut failures: Vec<Diagnostic> = Vec::new();
    for file in &files {
        let (p, f) = run_file(file, coverage, &mut map, &mut failures, lang);
        passed += p;
        failed += f;
    }
    if !failures.is_empty() {
        println!("\nfailures:\n");
        print!("{}", crate::diag::render_text(&failures, &map, lang, false));
    }
    let verdict = if failed == 0 {
        Word::TestOk
    } else {
        Word::TestFailed
    };
    println!(
        "\n{}: {}. {passed} {}; {failed} {}",
        Word::TestResult.text(lang),
        verdict.text(lang),
        Word::Passed.text(lang),
        Word::FailedCount.text(lang)
    );
    i32::from(failed > 0)
}

fn is_case_file(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".tests.toml"))
}

/// Run one case file; returns (passed, failed). A file that cannot be read
/// or checked counts as one failure.
fn run_file(
    file: &Path,
    cov: bool,
    map: &mut SourceMap,
    failures: &mut Vec<Diagnostic>,
    lang: Lang,
) -> (usize, usize) {
    let shown = file.display().to_string();
    let dir = file.parent().unwrap_or(Path::new("."));
    let (text, fid) = match read(&shown, map) {
        Ok(id) => (map.text(id).to_string(), id),
        Err(d) => {
            failures.extend(d.0);
            return (0, 1);
        }
    };
    let cases = match testing::parse(&text, fid) {
        Ok(c) => c,
        Err(d) => {
            failures.push(*d);
            return (0, 1);
        }
    };
    let stem = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .trim_end_matches(".tests.toml")
        .to_string();
    let rules = dir.join(cases.rules.clone().unwrap_or_else(|| format!("{stem}.jx")));
    let checked = match load_rules(&rules.display().to_string(), map) {
        Ok(o) => o.checked,
        Err(d) => {
            failures.extend(d.0.into_iter().filter(Diagnostic::is_error));
            return (0, 1);
        }
    };
    println!("\nrunning {} tests ({shown})", cases.cases.len());
    let mut coverage = Coverage::new(&checked);
    let (mut passed, mut failed) = (0, 0);
    for case in &cases.cases {
        let outcome = run_case(&checked, case, dir, &shown, map, &mut coverage);
        let ok = outcome.is_empty();
        let word = if ok { Word::TestOk } else { Word::TestFailed };
        println!("test {stem}::{} ... {}", case.name, word.text(lang));
        if ok {
            passed += 1;
        } else {
            failed += 1;
            let at = case_span(&text, &case.name, fid);
            failures.extend(outcome.into_iter().map(|d| match at {
                Some(span) if d.span.is_none() => d.at(span),
                _ => d,
            }));
        }
    }
    if cov {
        print_coverage(&checked, &coverage, map, lang);
    }
    (passed, failed)
}

/// Where a case is named in its file, so that a failure points there.
fn case_span(text: &str, name: &str, file: crate::syntax::FileId) -> Option<crate::syntax::Span> {
    let quoted = format!("\"{name}\"");
    let start = text.find(&quoted)?;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    Some(crate::syntax::Span::new(
        file,
        line_start,
        start + quoted.len(),
    ))
}

fn run_case(
    c: &crate::check::Checked,
    case: &testing::Case,
    dir: &Path,
    shown: &str,
    map: &mut SourceMap,
    cov: &mut Coverage,
) -> Vec<Diagnostic> {
    let base = match &case.facts_file {
        Some(f) => match read(&dir.join(f).display().to_string(), map) {
            Ok(id) => Some(map.text(id).to_string()),
            Err(d) => return d.0,
        },
        None => None,
    };
    let facts = match testing::compose(base.as_deref(), case) {
        Ok(t) => t,
        Err(d) => return vec![*d],
    };
    let fid = map.add(format!("{shown}#{}", case.name), facts);
    let set = match crate::facts::load(map.text(fid), fid, crate::facts::Format::Toml, c) {
        Ok(s) => s,
        Err(d) => return d.0,
    };
    match crate::eval::score_explained(c, &set) {
        Ok((card, ledger)) => {
            cov.record(&card, &ledger);
            testing::judge(c, &card, case)
        }
        Err(d) => vec![*d],
    }
}

fn print_coverage(c: &crate::check::Checked, cov: &Coverage, map: &SourceMap, lang: Lang) {
    use crate::testing::coverage::Branch;
    let label = |b: &Branch, span: crate::syntax::Span| {
        let line = map
            .snippet(span)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let owner = match b {
            Branch::Row(id, _) | Branch::NotApplicable(id) | Branch::Veto(id, _) => {
                c.ind(*id).name.clone()
            }
            Branch::Arm(id, _, slot, v) => {
                let value = crate::check::show::value(
                    c,
                    c.slot_ty(*slot),
                    crate::eval::value::Value::Enum(*v),
                );
                return format!(
                    "{}  {}: {} = {value}",
                    map.location(span),
                    c.ind(*id).name,
                    c.slot_name(*slot)
                );
            }
            Branch::Grade(_) => Word::Grade.text(lang).to_string(),
        };
        format!("{}  {owner}: {line}", map.location(span))
    };
    println!("{}:", Word::Coverage.text(lang));
    for ((b, span), hits) in cov.branches.iter().zip(&cov.hits) {
        println!("  {hits:>4} {}  {}", Word::Hits.text(lang), label(b, *span));
    }
    let missed: Vec<String> = cov.missed().map(|(b, s)| label(b, *s)).collect();
    let total = cov.branches.len();
    println!("{} ({}/{total}):", Word::NotHit.text(lang), missed.len());
    for m in missed {
        println!("  {m}");
    }
}
