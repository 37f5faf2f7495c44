//! `jixiao test [PATH…] [--coverage]`: run the cases in `*.tests.toml`
//! files (a directory means every such file in it), in the manner of
//! `cargo test`. Exit 0 when every case passes, 1 otherwise.

use super::common::{load_rules, read};
use super::{Exit, Outcome};
use crate::diag::{
    test_case_line, test_file_header, test_summary, Diagnostic, Lang, Msg, SourceMap, Word,
};
use crate::facts;
use crate::testing::{self, coverage::Coverage};
use std::path::{Path, PathBuf};

pub fn run(paths: &[String], coverage: bool, map: &mut SourceMap, lang: Lang) -> Outcome {
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
    if files.is_empty() {
        return Err(Diagnostic::new(Msg::NoCases {
            path: paths.join(" "),
        })
        .into());
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut failures: Vec<Diagnostic> = Vec::new();
    for file in &files {
        let (p, f) = run_file(file, coverage, map, &mut failures, lang);
        passed += p;
        failed += f;
    }
    if !failures.is_empty() {
        crate::sayln!("\n{}\n", Word::Failures.text(lang));
        crate::say!("{}", crate::diag::render_text(&failures, map, lang, false));
    }
    crate::sayln!("\n{}", test_summary(lang, passed, failed));
    Ok(Exit::found_if(failed > 0))
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
            failures.extend(d.0);
            return (0, 1);
        }
    };
    if cases.cases.is_empty() {
        failures.push(Diagnostic::new(Msg::NoCases { path: shown }));
        return (0, 1);
    }
    let stem = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .trim_end_matches(".tests.toml")
        .to_string();
    let rules = match &cases.rules {
        Some(named) => match inside(dir, named) {
            Ok(p) => p,
            Err(d) => {
                failures.push(d);
                return (0, 1);
            }
        },
        None => dir.join(format!("{stem}.jx")),
    };
    let checked = match load_rules(&rules.display().to_string(), map) {
        Ok(o) => o.checked,
        Err(d) => {
            failures.extend(d.0.into_iter().filter(Diagnostic::is_error));
            return (0, 1);
        }
    };
    crate::sayln!("\n{}", test_file_header(lang, cases.cases.len(), &shown));
    let mut coverage = Coverage::new(&checked);
    let (mut passed, mut failed) = (0, 0);
    for case in &cases.cases {
        let outcome = run_case(&checked, case, dir, &shown, map, &mut coverage);
        let ok = outcome.is_empty();
        crate::sayln!("{}", test_case_line(lang, &stem, &case.name, ok));
        if ok {
            passed += 1;
        } else {
            failed += 1;
            failures.extend(outcome.into_iter().map(|d| d.at(case.span)));
        }
    }
    if cov {
        print_coverage(&checked, &coverage, map, lang);
    }
    (passed, failed)
}

/// A file a case file names, refused unless it lies inside the case file's
/// folder (also through symlinks): a case file from elsewhere must not make
/// `jixiao test` read, and echo, any file on the machine.
fn inside(dir: &Path, named: &testing::Named) -> Result<PathBuf, Diagnostic> {
    let path = dir.join(&named.path);
    let outside = || {
        Diagnostic::new(Msg::CasePathOutside {
            path: named.path.clone(),
        })
        .at(named.span)
    };
    let base = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    match (path.canonicalize(), base.canonicalize()) {
        (Ok(real), Ok(root)) if !real.starts_with(&root) => Err(outside()),
        _ => Ok(path),
    }
}

fn run_case(
    c: &crate::check::Checked,
    case: &testing::Case,
    dir: &Path,
    shown: &str,
    map: &mut SourceMap,
    cov: &mut Coverage,
) -> Vec<Diagnostic> {
    let set = match case_facts(c, case, dir, shown, map) {
        Ok(s) => s,
        Err(d) => return d,
    };
    match crate::eval::score_explained(c, &set) {
        Ok((card, ledger)) => {
            cov.record(&card, &ledger);
            testing::judge(c, &card, case)
        }
        Err(d) => vec![*d],
    }
}

/// The fact set of a case. A facts file on its own is read as `score`
/// reads it, so its problems point at its own lines; values written in the
/// case are laid over its entries, exact as written.
fn case_facts(
    c: &crate::check::Checked,
    case: &testing::Case,
    dir: &Path,
    shown: &str,
    map: &mut SourceMap,
) -> Result<crate::eval::FactSet, Vec<Diagnostic>> {
    let mut base = Vec::new();
    if let Some(named) = &case.facts_file {
        let path = inside(dir, named).map_err(|d| vec![d])?;
        let path = path.display().to_string();
        let format = facts::Format::from_path(&path)
            .ok_or_else(|| vec![Diagnostic::new(Msg::FactsFormat { path: path.clone() })])?;
        let id = read(&path, map).map_err(|d| d.0)?;
        if case.facts.is_empty() {
            return facts::load(map.text(id), id, format, c).map_err(|d| d.0);
        }
        let text = map.text(id);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        base = facts::entries(&text[bom..], format)
            .map_err(|e| vec![e.diagnostic(&text[bom..], bom, id, format)])?;
    }
    let composed = testing::compose(&base, case);
    let fid = map.add(format!("{shown}#{}", case.name), composed);
    facts::load(map.text(fid), fid, facts::Format::Toml, c).map_err(|d| d.0)
}

fn print_coverage(c: &crate::check::Checked, cov: &Coverage, map: &SourceMap, lang: Lang) {
    use crate::testing::coverage::Branch;
    let label = |b: &Branch, span: crate::syntax::Span| {
        let line = without_comment(map.snippet(span).lines().next().unwrap_or(""))
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
                    "{}  {}{}{} = {value}",
                    map.location(span),
                    c.ind(*id).name,
                    Word::Colon.text(lang),
                    c.slot_name(*slot)
                );
            }
            Branch::Grade(_) => Word::Grade.text(lang).to_string(),
        };
        format!(
            "{}  {owner}{}{line}",
            map.location(span),
            Word::Colon.text(lang)
        )
    };
    crate::sayln!("{}{}", Word::Coverage.text(lang), Word::Colon.text(lang));
    for ((b, span), hits) in cov.branches.iter().zip(&cov.hits) {
        crate::sayln!("  {hits:>4} {}  {}", Word::Hits.text(lang), label(b, *span));
    }
    let missed: Vec<String> = cov.missed().map(|(b, s)| label(b, *s)).collect();
    let total = cov.branches.len();
    crate::sayln!(
        "{}{}{}/{total}{}{}",
        Word::NotHit.text(lang),
        Word::ParenOpen.text(lang),
        missed.len(),
        Word::ParenClose.text(lang),
        Word::Colon.text(lang)
    );
    for m in missed {
        crate::sayln!("  {m}");
    }
}

/// A source line without its trailing `# comment` (a `#` inside quotes is
/// text): a span that runs to the end of its line may take the comment in.
fn without_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, ch) in line.char_indices() {
        match ch {
            '"' | '“' | '”' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::without_comment;

    #[test]
    fn a_trailing_comment_is_not_part_of_a_label() {
        assert_eq!(
            without_comment("差 0（含）至 9   # 这是注释").trim(),
            "差 0（含）至 9"
        );
        assert_eq!(
            without_comment("评分表 \"a#b\" 满分 10"),
            "评分表 \"a#b\" 满分 10"
        );
    }
}
