//! Test cases kept beside a rule file (`shaanxi-2019.tests.toml`): facts —
//! a facts file, values written in the case, or both — and the expected
//! total, grade and indicator scores. This module reads cases and judges
//! scorecards; the files are read by `jixiao test`.
//!
//! ```toml
//! 规则 = "shaanxi-2019.jx"                 # optional: defaults to the same stem
//! [[用例]]
//! 名称 = "原表 91 分"
//! 事实文件 = "shaanxi-2019.facts.toml"     # optional base facts
//! 事实 = { 预算完成率 = "100%" }           # optional values, over the base
//! 期望 = { 总分 = 93, 等级 = "优", 预算完成率 = 10 }
//! ```

pub mod coverage;

use crate::check::{show, Checked};
use crate::diag::{Diagnostic, Msg};
use crate::eval::Scorecard;
use rust_decimal::Decimal;
use std::str::FromStr;
use toml::{Table, Value};

/// One test-case file.
#[derive(Clone, Debug)]
pub struct CaseFile {
    /// The rule file, relative to the case file, if named.
    pub rules: Option<String>,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub facts_file: Option<String>,
    pub facts: Table,
    /// (indicator name, or 总分/等级) → expected value as written.
    pub expect: Vec<(String, String)>,
}

fn get<'a>(t: &'a Table, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|k| t.get(*k))
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn bad(detail: String) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(Msg::CaseFileSyntax { detail }))
}

/// Read a test-case file (`file` locates syntax errors).
pub fn parse(text: &str, file: crate::syntax::FileId) -> Result<CaseFile, Box<Diagnostic>> {
    let table = crate::facts::toml_table(text).map_err(|(detail, at)| {
        // Keep the underline on the line where the error starts.
        let line_end = text[at.start.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| at.start + i);
        let span = crate::syntax::Span::new(
            file,
            at.start,
            at.end.clamp(at.start, line_end.max(at.start)),
        );
        Box::new(Diagnostic::new(Msg::CaseFileSyntax { detail }).at(span))
    })?;
    let rules = get(&table, &["规则", "rules"]).map(text_of);
    let list = get(&table, &["用例", "case"])
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut cases = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let Some(t) = item.as_table() else {
            return Err(bad(format!("用例/case #{} is not a table", i + 1)));
        };
        let name = get(t, &["名称", "name"])
            .map(text_of)
            .unwrap_or_else(|| format!("#{}", i + 1));
        let facts_file = get(t, &["事实文件", "facts_file"]).map(text_of);
        let facts = get(t, &["事实", "facts"])
            .and_then(Value::as_table)
            .cloned()
            .unwrap_or_default();
        let expect = get(t, &["期望", "expect"])
            .and_then(Value::as_table)
            .map(|e| e.iter().map(|(k, v)| (k.clone(), text_of(v))).collect())
            .unwrap_or_default();
        cases.push(Case {
            name,
            facts_file,
            facts,
            expect,
        });
    }
    Ok(CaseFile { rules, cases })
}

/// The facts of a case as one TOML text: the base file's keys, then the
/// case's own values over them.
pub fn compose(base: Option<&str>, case: &Case) -> Result<String, Box<Diagnostic>> {
    let mut t: Table = match base {
        Some(text) => toml_table(text.trim_start_matches('\u{feff}'))?,
        None => Table::new(),
    };
    for (k, v) in &case.facts {
        t.insert(k.clone(), v.clone());
    }
    toml::to_string(&t).map_err(|e| bad(e.to_string()))
}

/// A TOML table, accepting bare Chinese keys as facts files do.
pub fn toml_table(text: &str) -> Result<Table, Box<Diagnostic>> {
    crate::facts::toml_table(text).map_err(|(detail, _)| bad(detail))
}

const TOTAL: [&str; 2] = ["总分", "total"];
const GRADE: [&str; 2] = ["等级", "grade"];

/// Compare a scorecard with a case's expectations: one `CaseFailed` per
/// mismatch (empty when the case passes).
pub fn judge(c: &Checked, card: &Scorecard, case: &Case) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let places = c.rounding.places;
    let fail = |what: &str, expected: &str, got: String| {
        Diagnostic::new(Msg::CaseFailed {
            case: case.name.clone(),
            what: what.to_string(),
            expected: expected.to_string(),
            got,
        })
    };
    for (key, want) in &case.expect {
        if GRADE.contains(&key.as_str()) {
            let got = c
                .grades
                .get(card.grade)
                .map(|g| g.name.clone())
                .unwrap_or_default();
            if got != want.trim() {
                out.push(fail(key, want, got));
            }
            continue;
        }
        let got = if TOTAL.contains(&key.as_str()) {
            card.total
        } else {
            match c.indicator_named(key) {
                Some(id) => card.indicators[id as usize].score,
                None => {
                    out.push(Diagnostic::new(Msg::CaseUnknownIndicator {
                        name: key.clone(),
                    }));
                    continue;
                }
            }
        };
        match Decimal::from_str(want.trim()) {
            Ok(w) if w == got => {}
            _ => out.push(fail(key, want, show::score(got, places))),
        }
    }
    out
}
