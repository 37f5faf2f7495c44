//! `jixiao audit RULES.jx --facts FACTS --reported REPORTED`: recompute a
//! published scorecard and list every figure that disagrees with the rules,
//! each with both values, the rule and its ledger. Exit 1 if any disagree.

use super::common::{emit, load_rules, read};
use super::Format;
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
    lang: Lang,
) -> i32 {
    let mut map = SourceMap::new();
    let fail = |d: Vec<Diagnostic>, map: &SourceMap| {
        emit(&d, map, lang, Format::Text);
        1
    };
    let checked = match load_rules(rules, &mut map) {
        Ok(o) => o.checked,
        Err(d) => return fail(d.0, &map),
    };
    let load = |path: &str, map: &mut SourceMap| -> Result<(u32, facts::Format), Vec<Diagnostic>> {
        let fmt = facts::Format::from_path(path)
            .ok_or_else(|| vec![Diagnostic::new(Msg::FactsFormat { path: path.into() })])?;
        let id = read(path, map).map_err(|d| d.0)?;
        Ok((id, fmt))
    };
    let (fid, ffmt) = match load(facts_path, &mut map) {
        Ok(x) => x,
        Err(d) => return fail(d, &map),
    };
    let set = match facts::load(map.text(fid), fid, ffmt, &checked) {
        Ok(s) => s,
        Err(d) => return fail(d.0, &map),
    };
    let (card, ledger) = match crate::eval::score_explained(&checked, &set) {
        Ok(x) => x,
        Err(d) => return fail(vec![*d], &map),
    };
    let (rid, rfmt) = match load(reported, &mut map) {
        Ok(x) => x,
        Err(d) => return fail(d, &map),
    };
    let text = map.text(rid).to_string();
    let outcome =
        match crate::audit::audit(&checked, &set, &card, &text, rid, rfmt, tolerance, lang) {
            Ok(f) => f,
            Err(d) => return fail(d.0, &map),
        };
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
            render_text(std::slice::from_ref(&f.diag), &map, lang, false)
        );
        if let Some(id) = f.indicator {
            crate::sayln!("  {}:", Word::HowComputed.text(lang));
            for line in
                crate::report::explain(&checked, &card, &ledger, &map, lang, Some(id)).lines()
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
    i32::from(!findings.is_empty())
}
