//! `jixiao audit RULES.jx --facts FACTS --reported REPORTED`: recompute a
//! published scorecard and list every figure that disagrees with the rules,
//! each with both values, the rule and its ledger. Exit 1 if any disagree.

use super::common::{load_rules, read};
use super::{Exit, Failure, Outcome};
use crate::audit::Finding;
use crate::diag::{
    audit_summary, audit_within_tolerance, render_text, Diagnostic, Lang, Msg, SourceMap, Word,
};
use crate::facts;
use rust_decimal::Decimal;

pub fn run(
    rules: &str,
    facts_path: &str,
    reported: &str,
    tolerance: Option<Decimal>,
    map: &mut SourceMap,
    lang: Lang,
) -> Outcome {
    let checked = load_rules(rules, map)?.checked;
    let load = |path: &str, map: &mut SourceMap| -> Result<(u32, facts::Format), Failure> {
        let fmt = facts::Format::from_path(path)
            .ok_or_else(|| Diagnostic::new(Msg::FactsFormat { path: path.into() }))?;
        Ok((read(path, map)?, fmt))
    };
    let (fid, ffmt) = load(facts_path, map)?;
    let set = facts::load(map.text(fid), fid, ffmt, &checked)?;
    let (card, ledger) = crate::eval::score_explained(&checked, &set)?;
    let (rid, rfmt) = load(reported, map)?;
    let text = map.text(rid).to_string();
    let outcome = crate::audit::audit(&checked, &set, &card, &text, rid, rfmt, tolerance, lang)?;
    let mut findings = outcome.findings;
    if outcome.compared == 0 {
        findings.push(Finding {
            diag: Diagnostic::new(Msg::AuditNothingCompared {
                path: reported.to_string(),
            }),
            indicator: None,
        });
    }
    for f in &findings {
        crate::say!(
            "{}",
            render_text(std::slice::from_ref(&f.diag), map, lang, false)
        );
        if let Some(id) = f.indicator {
            crate::sayln!("  {}:", Word::HowComputed.text(lang));
            for line in
                crate::report::explain(&checked, &card, &ledger, map, lang, Some(id)).lines()
            {
                crate::sayln!("    {line}");
            }
            crate::sayln!();
        }
    }
    for t in &outcome.tolerated {
        let tol = tolerance
            .map(|t| t.normalize().to_string())
            .unwrap_or_default();
        crate::sayln!(
            "{}",
            audit_within_tolerance(lang, &t.what, &t.reported, &t.computed, &tol)
        );
    }
    let summary = audit_summary(
        lang,
        outcome.compared,
        outcome.tolerated.len(),
        findings.len(),
    );
    if findings.is_empty() {
        crate::sayln!(
            "{}{}{reported}",
            Word::NoDiscrepancies.text(lang),
            Word::Colon.text(lang)
        );
    }
    crate::sayln!("{summary}");
    Ok(Exit::found_if(!findings.is_empty()))
}
