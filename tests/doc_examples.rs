//! The rule files shown in the documentation are real: every ```jx block
//! must check, and a ```toml block right after it must score to the total
//! its `# 期望 总分 = …` comment states.

use jixiao::diag::{render_text, Lang, SourceMap};

struct Example {
    rules: String,
    facts: Option<String>,
    line: usize,
}

fn examples(doc: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut lines = doc.lines().enumerate().peekable();
    let mut last_was_jx = false;
    while let Some((i, line)) = lines.next() {
        let fence = line.trim();
        if fence == "```jx" || fence == "```toml" {
            let mut body = String::new();
            for (_, l) in lines.by_ref() {
                if l.trim() == "```" {
                    break;
                }
                body.push_str(l);
                body.push('\n');
            }
            if fence == "```jx" {
                out.push(Example {
                    rules: body,
                    facts: None,
                    line: i + 1,
                });
                last_was_jx = true;
            } else if last_was_jx {
                if let Some(e) = out.last_mut() {
                    e.facts = Some(body);
                }
                last_was_jx = false;
            }
        } else if !line.trim().is_empty() {
            last_was_jx = false;
        }
    }
    out
}

fn run(doc_name: &str, doc: &str) -> usize {
    let mut count = 0;
    for ex in examples(doc) {
        let mut map = SourceMap::new();
        let id = map.add(format!("{doc_name}:{}", ex.line), ex.rules.clone());
        let checked = match jixiao::compile(&map, id) {
            Ok(o) => o.checked,
            Err(d) => panic!(
                "{doc_name} line {}:\n{}",
                ex.line,
                render_text(&d.0, &map, Lang::Zh, false)
            ),
        };
        count += 1;
        let Some(facts) = ex.facts else { continue };
        let fid = map.add("facts.toml", facts.clone());
        let fs = jixiao::facts::load(&facts, fid, jixiao::facts::Format::Toml, &checked)
            .unwrap_or_else(|d| {
                panic!(
                    "{doc_name} line {}:\n{}",
                    ex.line,
                    render_text(&d.0, &map, Lang::Zh, false)
                )
            });
        // A partial document (facts marked 未取得) states its total as a range.
        if !fs.unknown.is_empty() {
            let p = jixiao::facts::partial::score(&checked, &fs).unwrap_or_else(|d| {
                panic!(
                    "{doc_name} line {}:\n{}",
                    ex.line,
                    render_text(&[*d], &map, Lang::Zh, false)
                )
            });
            let show = |d| jixiao::check::show::score(d, checked.rounding.places);
            let got = format!("[{}, {}]", show(p.total.0), show(p.total.1));
            let expected = facts
                .lines()
                .find_map(|l| l.trim().strip_prefix("# 期望 总分 = ").map(str::trim));
            assert_eq!(
                Some(got.as_str()),
                expected,
                "{doc_name} example at line {}",
                ex.line
            );
            continue;
        }
        let card = jixiao::eval::score(&checked, &fs).unwrap_or_else(|d| {
            panic!(
                "{doc_name} line {}:\n{}",
                ex.line,
                render_text(&[*d], &map, Lang::Zh, false)
            )
        });
        let expected = facts
            .lines()
            .find_map(|l| l.trim().strip_prefix("# 期望 总分 = ").map(str::trim))
            .unwrap_or_else(|| {
                panic!(
                    "{doc_name} line {}: facts block without `# 期望 总分 = …`",
                    ex.line
                )
            });
        let got = jixiao::check::show::score(card.total, checked.rounding.places);
        assert_eq!(got, expected, "{doc_name} example at line {}", ex.line);
    }
    count
}

#[test]
fn language_reference_examples_check_and_score() {
    let n = run("docs/language.md", include_str!("../docs/language.md"));
    assert!(n >= 12, "only {n} examples found");
}

#[test]
fn readme_example_checks() {
    assert_eq!(run("README.md", include_str!("../README.md")), 1);
}
