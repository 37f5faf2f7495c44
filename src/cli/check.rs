//! `jixiao check RULES.jx [--facts FILE] [--format text|json] [--deny-warnings]`
//!
//! With `--facts`, the facts are read as `score` reads them (types, units,
//! constraints) without printing a scorecard; for a partial document each
//! unknown fact is listed with the indicators, total and grade it would
//! settle and their current ranges.

use super::common::load_rules;
use super::{emit, Exit, Format, Outcome};
use crate::diag::{Lang, SourceMap, Word};

pub struct Args<'a> {
    pub rules: &'a str,
    pub facts: Option<&'a str>,
    pub format: Format,
    pub deny_warnings: bool,
}

pub fn run(a: &Args, map: &mut SourceMap, lang: Lang) -> Outcome {
    let (path, format) = (a.rules, a.format);
    let out = load_rules(path, map)?;
    emit(&out.warnings.0, map, lang, format);
    if format == Format::Text {
        let n = out.warnings.0.len();
        let colon = Word::Colon.text(lang);
        if n == 0 {
            crate::sayln!("{}{colon}{path}", Word::Clean.text(lang));
        } else {
            crate::sayln!(
                "{}{colon}{path}{}{} {n}{}",
                Word::Clean.text(lang),
                Word::ParenOpen.text(lang),
                Word::Warnings.text(lang),
                Word::ParenClose.text(lang)
            );
        }
    }
    if let Some(facts) = a.facts {
        let c = &out.checked;
        let fs = super::score::read_facts(c, facts, None, &[], map, lang)?;
        let partial = if fs.unknown.is_empty() {
            None
        } else {
            Some(crate::facts::partial::score(c, &fs)?)
        };
        match (format, &partial) {
            (Format::Json, p) => {
                let v = serde_json::json!({
                    "facts": facts,
                    "agree": true,
                    "unknown": p.as_ref().map_or(
                        serde_json::Value::Array(Vec::new()),
                        |p| crate::report::partial::settle_value(c, p)
                    ),
                });
                crate::sayln!("{}", serde_json::to_string(&v).unwrap_or_default());
            }
            (Format::Text, None) => {
                let colon = Word::Colon.text(lang);
                crate::sayln!("{}{colon}{facts}", Word::FactsAgree.text(lang));
            }
            (Format::Text, Some(p)) => {
                for line in crate::report::partial::settle_lines(c, p, lang) {
                    crate::sayln!("{line}");
                }
            }
        }
    }
    Ok(Exit::found_if(a.deny_warnings && !out.warnings.is_empty()))
}
