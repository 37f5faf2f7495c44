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
//!
//! A check that checks nothing must not pass, so every key is known (or an
//! error with a suggestion), every case expects something, and numbers keep
//! their source text (never f64) from the case file to the facts reader.

pub mod coverage;
mod tree;

use crate::check::{show, Checked};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Msg, Note, Shape};
use crate::eval::Scorecard;
use crate::facts::{Entry, Item, RawValue};
use crate::syntax::{FileId, Span};
use rust_decimal::Decimal;
use std::path::{Component, Path};
use std::str::FromStr;
use tree::{Kind, Node};

/// One test-case file.
#[derive(Clone, Debug)]
pub struct CaseFile {
    /// The rule file, relative to the case file, if named.
    pub rules: Option<Named>,
    pub cases: Vec<Case>,
}

/// A file a case file names, with where it names it.
#[derive(Clone, Debug)]
pub struct Named {
    pub path: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    /// Where the case is named (or begins), for failures of the whole case.
    pub span: Span,
    pub facts_file: Option<Named>,
    /// Values over the base facts, exact as written.
    pub facts: Vec<(String, RawValue)>,
    pub expect: Vec<Expect>,
}

/// One expectation: an indicator name (or 总分/等级) and the value as written.
#[derive(Clone, Debug)]
pub struct Expect {
    pub key: String,
    pub want: String,
    pub span: Span,
}

const TOP_KEYS: [&str; 4] = ["规则", "用例", "rules", "case"];
const CASE_KEYS: [&str; 8] = [
    "名称",
    "事实文件",
    "事实",
    "期望",
    "name",
    "facts_file",
    "facts",
    "expect",
];

/// Read a test-case file; every problem is reported (`file` locates them).
pub fn parse(text: &str, file: FileId) -> Result<CaseFile, Diagnostics> {
    let root = tree::parse(text).map_err(|e| {
        // Keep the underline on the line where the error starts.
        let start = e.span.start.min(text.len());
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let span = Span::new(file, start, e.span.end.clamp(start, line_end));
        Diagnostics::from(Diagnostic::new(Msg::CaseFileSyntax { detail: e.detail }).at(span))
    })?;
    let mut r = Reader {
        text,
        file,
        diags: Diagnostics::default(),
    };
    let mut out = CaseFile {
        rules: None,
        cases: Vec::new(),
    };
    for (key, node) in table(&root) {
        match key.as_str() {
            "规则" | "rules" => out.rules = r.path(key, node),
            "用例" | "case" => match &node.kind {
                Kind::Array(items) => {
                    for item in items {
                        if let Some(c) = r.case(item, out.cases.len()) {
                            out.cases.push(c);
                        }
                    }
                }
                _ => r.shape(&format!("[{key}]"), node, Shape::CaseList(key.clone())),
            },
            _ => r.unknown(key, node, &TOP_KEYS),
        }
    }
    if r.diags.has_errors() {
        return Err(r.diags);
    }
    Ok(out)
}

fn table(n: &Node) -> &[(String, Node)] {
    match &n.kind {
        Kind::Table(t) => t,
        _ => &[],
    }
}

struct Reader<'a> {
    text: &'a str,
    file: FileId,
    diags: Diagnostics,
}

impl Reader<'_> {
    fn span(&self, n: &Node) -> Span {
        Span::new(self.file, n.span.start, n.span.end)
    }

    /// The key itself: on the line where its value (or its `[table]`
    /// header) begins, else the value.
    fn key_span(&self, key: &str, n: &Node) -> Span {
        let start = n.span.start.min(self.text.len());
        let line = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let found = self.text[line..start]
            .rfind(key)
            .map(|i| line + i)
            .or_else(|| self.text[start..end].find(key).map(|i| start + i));
        match found {
            Some(at) => Span::new(self.file, at, at + key.len()),
            None => self.span(n),
        }
    }

    fn unknown(&mut self, key: &str, n: &Node, allowed: &[&str]) {
        let mut d = Diagnostic::new(Msg::CaseUnknownKey {
            key: key.to_string(),
            allowed: allowed.iter().map(|s| s.to_string()).collect(),
        })
        .at(self.key_span(key, n));
        if let Some(s) = did_you_mean(key, allowed.iter().copied()) {
            d = d.note(Note::DidYouMean(s));
        }
        self.diags.push(d);
    }

    fn shape(&mut self, key: &str, n: &Node, expected: Shape) {
        let d = Diagnostic::new(Msg::KeyWrongShape {
            key: key.to_string(),
            expected,
        })
        .at(self.key_span(key.trim_matches(['[', ']']), n));
        self.diags.push(d);
    }

    /// A file named by the case file: a relative path inside its folder.
    fn path(&mut self, key: &str, n: &Node) -> Option<Named> {
        let Kind::Str(path) = &n.kind else {
            self.shape(key, n, Shape::Quoted);
            return None;
        };
        let inside = !path.is_empty()
            && Path::new(path)
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !inside {
            let d = Diagnostic::new(Msg::CasePathOutside { path: path.clone() }).at(self.span(n));
            self.diags.push(d);
            return None;
        }
        Some(Named {
            path: path.clone(),
            span: self.span(n),
        })
    }

    /// A scalar as text: strings as written inside the quotes, numbers as
    /// their exact source text.
    fn scalar(&self, n: &Node) -> Option<String> {
        match &n.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Number => Some(self.text[n.span.clone()].to_string()),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn case(&mut self, item: &Node, index: usize) -> Option<Case> {
        let Kind::Table(keys) = &item.kind else {
            self.shape("用例", item, Shape::CaseList("用例".into()));
            return None;
        };
        let mut case = Case {
            name: format!("#{}", index + 1),
            span: self.span(item),
            facts_file: None,
            facts: Vec::new(),
            expect: Vec::new(),
        };
        let mut expect_bad = false;
        for (key, n) in keys {
            match key.as_str() {
                "名称" | "name" => match self.scalar(n) {
                    Some(name) => {
                        case.name = name;
                        let line = self.text[..n.span.start].rfind('\n').map_or(0, |i| i + 1);
                        case.span = Span::new(self.file, line, n.span.end);
                    }
                    None => self.shape(key, n, Shape::Quoted),
                },
                "事实文件" | "facts_file" => case.facts_file = self.path(key, n),
                "事实" | "facts" => match &n.kind {
                    Kind::Table(facts) => {
                        for (k, v) in facts {
                            match self.fact(v) {
                                Some(raw) => case.facts.push((k.clone(), raw)),
                                None => self.shape(k, v, Shape::OneValue),
                            }
                        }
                    }
                    _ => self.shape(key, n, Shape::FactsTable),
                },
                "期望" | "expect" => match &n.kind {
                    Kind::Table(wants) => {
                        for (k, v) in wants {
                            match self.scalar(v) {
                                Some(want) => case.expect.push(Expect {
                                    key: k.clone(),
                                    want,
                                    span: self.span(v),
                                }),
                                None => self.shape(k, v, Shape::ScoreOrGrade),
                            }
                        }
                    }
                    _ => {
                        expect_bad = true;
                        self.shape(key, n, Shape::ExpectTable);
                    }
                },
                _ => self.unknown(key, n, &CASE_KEYS),
            }
        }
        if case.expect.is_empty() && !expect_bad {
            self.diags.push(
                Diagnostic::new(Msg::CaseNoExpectation {
                    case: case.name.clone(),
                })
                .at(case.span),
            );
        }
        Some(case)
    }

    fn fact(&self, n: &Node) -> Option<RawValue> {
        match &n.kind {
            Kind::Str(s) => Some(RawValue::Text(s.clone())),
            Kind::Bool(b) => Some(RawValue::Bool(*b)),
            Kind::Number => match crate::facts::number_item(&self.text[n.span.clone()]) {
                Item::Value(raw) => Some(raw),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Keys that hold the facts one level down, and the department's name.
const NEST_KEYS: [&str; 2] = ["事实", "facts"];

/// The facts of a case as one TOML text: the base file's entries (exact
/// values, never via f64), then the case's own values over them.
pub(crate) fn compose(base: &[Entry], case: &Case) -> String {
    let mut out = String::new();
    let overridden = |k: &str| case.facts.iter().any(|(c, _)| c == k);
    let mut flat: Vec<&Entry> = Vec::new();
    for e in base {
        match &e.item {
            Item::Table(inner) if NEST_KEYS.contains(&e.key.as_str()) => flat.extend(inner),
            _ => flat.push(e),
        }
    }
    for e in flat {
        if overridden(&e.key) {
            continue;
        }
        let value = match &e.item {
            Item::Value(raw) => render(raw),
            Item::Null => continue,
            // Never a valid fact: an empty array lets the reader say so.
            Item::Table(_) | Item::Other => "[]".to_string(),
            // Target-table rows: an array of inline tables.
            Item::Rows(rows) => rows_toml(rows),
        };
        out += &format!("{} = {value}\n", quote(&e.key));
    }
    for (k, raw) in &case.facts {
        out += &format!("{} = {}\n", quote(k), render(raw));
    }
    out
}

/// Rows of a target table as an array of inline TOML tables.
fn rows_toml(rows: &[crate::facts::RowEntry]) -> String {
    let rows: Vec<String> = rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r
                .cells
                .iter()
                .filter_map(|c| match &c.item {
                    Item::Value(raw) => Some(format!("{} = {}", quote(&c.key), render(raw))),
                    _ => None,
                })
                .collect();
            format!("{{ {} }}", cells.join(", "))
        })
        .collect();
    format!("[{}]", rows.join(", "))
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A value as TOML that the facts reader reads back to the same value.
fn render(raw: &RawValue) -> String {
    match raw {
        RawValue::Text(s) => quote(s),
        RawValue::Bool(b) => b.to_string(),
        // A TOML integer must fit in i64; a float's text is re-read exactly.
        RawValue::Number(d) if d.scale() == 0 && i64::try_from(*d).is_err() => format!("{d}.0"),
        RawValue::Number(d) => d.to_string(),
    }
}

/// A score as a case or a published document writes it: `16.85`,
/// `"16.85分"`, `"16.85 分"`; compared numerically, so 16.850 = 16.85.
pub fn score_text(s: &str) -> Option<Decimal> {
    let t = s.trim();
    let t = t.strip_suffix('分').unwrap_or(t).trim();
    Decimal::from_str(&t.replace('_', "")).ok()
}

const TOTAL: [&str; 2] = ["总分", "total"];
const GRADE: [&str; 2] = ["等级", "grade"];

/// Compare a scorecard with a case's expectations: one `CaseFailed` per
/// mismatch (empty when the case passes).
pub fn judge(c: &Checked, card: &Scorecard, case: &Case) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let places = c.rounding.places;
    let fail = |e: &Expect, got: String| {
        Diagnostic::new(Msg::CaseFailed {
            case: case.name.clone(),
            what: e.key.clone(),
            expected: e.want.clone(),
            got,
        })
        .at(e.span)
    };
    for e in &case.expect {
        if GRADE.contains(&e.key.as_str()) {
            let got = c
                .grades
                .get(card.grade)
                .map(|g| g.name.clone())
                .unwrap_or_default();
            if got != e.want.trim() {
                out.push(fail(e, got));
            }
            continue;
        }
        let got = if TOTAL.contains(&e.key.as_str()) {
            card.total
        } else {
            match c.indicator_named(&e.key) {
                Some(id) => card.indicators[id as usize].score,
                // A target-table row, by its name, rounded as a leaf would be.
                None if row_score(card, &e.key).is_some() => {
                    let raw = row_score(card, &e.key).unwrap_or_default();
                    // Shown rows are exact unless a quotient runs past 28
                    // digits, far beyond any rubric's places.
                    crate::eval::arith::round_dec(raw, places, c.rounding.mode).unwrap_or(raw)
                }
                None => {
                    let mut d = Diagnostic::new(Msg::CaseUnknownIndicator {
                        name: e.key.clone(),
                    })
                    .at(e.span);
                    let names = c.indicators.iter().map(|i| i.name.as_str());
                    if let Some(s) = did_you_mean(&e.key, names.chain(TOTAL).chain(GRADE)) {
                        d = d.note(Note::DidYouMean(s));
                    }
                    out.push(d);
                    continue;
                }
            }
        };
        match score_text(&e.want) {
            Some(w) if w == got => {}
            _ => out.push(fail(e, show::score(got, places))),
        }
    }
    out
}

/// The points of the target-table row named `name`, if there is one.
fn row_score(card: &Scorecard, name: &str) -> Option<Decimal> {
    card.tables
        .iter()
        .flatten()
        .find(|r| r.row.name == name)
        .map(|r| r.score)
}
