//! Auditing a filled scorecard: the figures a document publishes (indicator
//! scores, total, grade, and facts it quotes) against what its own rubric
//! gives. A reported file is a facts-like TOML/JSON file:
//!
//! ```toml
//! 单位 = "武汉市东西湖区应急管理局"
//! 预算执行 = 16.85        # indicator scores by name
//! 总分 = 96.85
//! 等级 = "良"
//! [事实]                  # facts the document quotes elsewhere
//! 支出绩效执行率 = "82.62%"
//! ```

use crate::check::{show, Checked};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Lang, Msg, Note, Shape, Word};
use crate::eval::value::Value;
use crate::eval::{FactSet, Scorecard};
use crate::facts::{self, Entry, Format, Item, RawValue};
use crate::syntax::{FileId, Span};
use rust_decimal::Decimal;

/// One discrepancy: the diagnostic, and the indicator whose ledger explains
/// the computed figure (`None` for the grade and for facts).
pub struct Finding {
    pub diag: Diagnostic,
    pub indicator: Option<u32>,
}

/// A figure that differs from the rules' by no more than the tolerance.
pub struct Tolerated {
    pub what: String,
    pub reported: String,
    pub computed: String,
}

/// What an audit found, and how much it compared: a file that compares
/// nothing is an error, never "all figures match".
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub tolerated: Vec<Tolerated>,
    /// Scores, grade and quoted facts compared.
    pub compared: usize,
}

const LABEL: [&str; 4] = ["单位", "unit", "名称", "name"];
const TOTAL: [&str; 2] = ["总分", "total"];
const GRADE: [&str; 2] = ["等级", "grade"];
const FACTS: [&str; 2] = ["事实", "facts"];

/// Compare the published figures in `text` (file `file`) with the scorecard
/// of `set`, and check the rubric's constraints over the facts the document
/// quotes together with `set`. A score within `tolerance` of the rules' is
/// listed as tolerated rather than as a discrepancy.
#[allow(clippy::too_many_arguments)]
pub fn audit(
    c: &Checked,
    set: &FactSet,
    card: &Scorecard,
    text: &str,
    file: FileId,
    format: Format,
    tolerance: Option<Decimal>,
    lang: Lang,
) -> Result<Outcome, Diagnostics> {
    // Notepad's byte-order mark, as for facts files.
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let entries = facts::entries(&text[bom..], format)
        .map_err(|e| Diagnostics::from(e.diagnostic(&text[bom..], bom, file, format)))?;
    let span = |r: &std::ops::Range<usize>| Span::new(file, bom + r.start, bom + r.end);
    let mut out = Outcome {
        findings: Vec::new(),
        tolerated: Vec::new(),
        compared: 0,
    };
    let push = |out: &mut Outcome, diag: Diagnostic, indicator: Option<u32>| {
        out.findings.push(Finding { diag, indicator })
    };
    let mut quoted = set.clone();
    let places = c.rounding.places;
    for e in &entries {
        let at = span(&e.span);
        let key = e.key.as_str();
        if LABEL.contains(&key) {
            continue;
        }
        if FACTS.contains(&key) {
            match &e.item {
                Item::Table(inner) => {
                    for q in inner {
                        out.compared += 1;
                        if let Some(f) = quote(c, set, &mut quoted, q, span(&q.span)) {
                            out.findings.push(f);
                        }
                    }
                }
                _ => push(&mut out, shape(key, Shape::FactsTable, at), None),
            }
            continue;
        }
        let indicator = c.indicator_named(key);
        let known = indicator.is_some() || TOTAL.contains(&key) || GRADE.contains(&key);
        if !known {
            push(&mut out, unknown(c, e, span(&e.key_span)), None);
            continue;
        }
        let Item::Value(raw) = &e.item else {
            push(&mut out, shape(key, Shape::Number, at), None);
            continue;
        };
        out.compared += 1;
        let written = raw.to_text();
        if GRADE.contains(&key) {
            if let Some(d) = grade(c, card, written.trim(), at, lang) {
                push(&mut out, d, None);
            }
            continue;
        }
        let (what, got, rule) = match indicator {
            Some(id) => (
                key.to_string(),
                card.indicators[id as usize].score,
                Some(c.ind(id).head_span),
            ),
            None => (Word::Total.text(lang).to_string(), card.total, None),
        };
        let reported = match raw {
            RawValue::Number(d) => Some(*d),
            RawValue::Text(s) => crate::testing::score_text(s),
            RawValue::Bool(_) => None,
        };
        let computed = show::score(got, places);
        match (reported, tolerance) {
            (Some(r), _) if r == got => {}
            (Some(r), Some(t)) if (r - got).abs() <= t => out.tolerated.push(Tolerated {
                what,
                reported: written,
                computed,
            }),
            _ => {
                let mut d = Diagnostic::new(Msg::AuditMismatch {
                    what,
                    reported: written,
                    computed,
                })
                .at(at);
                if let Some(r) = rule {
                    d = d.label(r, Note::ThisRow);
                }
                push(&mut out, d, indicator);
            }
        }
    }
    for d in facts::check_constraints(c, &quoted).0 {
        push(&mut out, d, None);
    }
    Ok(out)
}

/// The reported grade against the computed one; a name that is no band of
/// the rubric is said to be one.
fn grade(c: &Checked, card: &Scorecard, written: &str, at: Span, lang: Lang) -> Option<Diagnostic> {
    let got = c
        .grades
        .get(card.grade)
        .map(|g| g.name.clone())
        .unwrap_or_default();
    if got == written {
        return None;
    }
    let names: Vec<String> = c.grades.iter().map(|g| g.name.clone()).collect();
    let mut d = if names.iter().any(|n| n == written) {
        Diagnostic::new(Msg::AuditMismatch {
            what: Word::Grade.text(lang).into(),
            reported: written.to_string(),
            computed: got,
        })
    } else {
        let mut d = Diagnostic::new(Msg::ReportedNotAGrade {
            name: written.to_string(),
            grades: names.clone(),
        });
        if let Some(s) = did_you_mean(written, names.iter().map(String::as_str)) {
            d = d.note(Note::DidYouMean(s));
        }
        d
    }
    .at(at);
    if let Some(g) = c.grades.get(card.grade) {
        d = d.label(
            g.span,
            Note::Value {
                name: Word::Total.text(lang).into(),
                value: show::score(card.total, c.rounding.places),
            },
        );
    }
    Some(d)
}

fn shape(key: &str, expected: Shape, at: Span) -> Diagnostic {
    Diagnostic::new(Msg::KeyWrongShape {
        key: key.to_string(),
        expected,
    })
    .at(at)
}

/// A key that is no indicator, total, grade, label or facts table.
fn unknown(c: &Checked, e: &Entry, at: Span) -> Diagnostic {
    let names = c
        .indicators
        .iter()
        .map(|i| i.name.as_str())
        .chain(TOTAL)
        .chain(GRADE)
        .chain(FACTS)
        .chain(LABEL);
    let mut d = Diagnostic::new(Msg::ReportedUnknown {
        name: e.key.clone(),
    })
    .at(at);
    if let Some(s) = did_you_mean(&e.key, names) {
        d = d.note(Note::DidYouMean(s));
    }
    d
}

/// A fact the document quotes: it joins the fact set for the constraint
/// check, and a value different from the facts file's is itself reported.
fn quote(c: &Checked, set: &FactSet, quoted: &mut FactSet, q: &Entry, at: Span) -> Option<Finding> {
    let Some(slot) = c.fact_slot(&q.key) else {
        return Some(Finding {
            diag: Diagnostic::new(Msg::UnknownFact {
                name: q.key.clone(),
            })
            .at(at),
            indicator: None,
        });
    };
    let decl = &c.facts[slot as usize];
    let Item::Value(raw) = &q.item else {
        return None;
    };
    let v = match facts::parse_value(raw, decl, c) {
        Ok(v) => v,
        Err(msg) => {
            return Some(Finding {
                diag: Diagnostic::new(msg).at(at),
                indicator: None,
            })
        }
    };
    let shown = |v: Value| show::value(c, &decl.ty, v);
    if let (Some(old), Some(_)) = (set.values[slot as usize], set.spans[slot as usize]) {
        if old != v {
            let msg = Msg::AuditMismatch {
                what: decl.name.clone(),
                reported: shown(v),
                computed: shown(old),
            };
            return Some(Finding {
                diag: Diagnostic::new(msg).at(at),
                indicator: None,
            });
        }
    }
    quoted.set(slot, v, Some(at));
    None
}
