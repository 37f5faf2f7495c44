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
use crate::diag::{Diagnostic, Diagnostics, Lang, Msg, Note, Word};
use crate::eval::value::Value;
use crate::eval::{FactSet, Scorecard};
use crate::facts::{self, Entry, Format, Item, RawValue};
use crate::syntax::{FileId, Span};
use rust_decimal::Decimal;
use std::str::FromStr;

/// One discrepancy: the diagnostic, and the indicator whose ledger explains
/// the computed figure (`None` for the grade and for facts).
pub struct Finding {
    pub diag: Diagnostic,
    pub indicator: Option<u32>,
}

const LABEL: [&str; 4] = ["单位", "unit", "名称", "name"];
const TOTAL: [&str; 2] = ["总分", "total"];
const GRADE: [&str; 2] = ["等级", "grade"];
const FACTS: [&str; 2] = ["事实", "facts"];

/// Compare the published figures in `text` (file `file`) with the scorecard
/// of `set`, and check the rubric's constraints over the facts the document
/// quotes together with `set`.
pub fn audit(
    c: &Checked,
    set: &FactSet,
    card: &Scorecard,
    text: &str,
    file: FileId,
    format: Format,
    lang: Lang,
) -> Result<Vec<Finding>, Diagnostics> {
    let entries = facts::entries(text, format).map_err(|e| {
        let msg = Msg::FactsSyntax {
            format: format.name().to_string(),
            detail: e.detail,
        };
        Diagnostics::from(Diagnostic::new(msg).at(Span::new(file, e.span.start, e.span.end)))
    })?;
    let span = |e: &Entry, r: &std::ops::Range<usize>| {
        let _ = e;
        Span::new(file, r.start, r.end)
    };
    let mut out = Vec::new();
    let mut quoted = set.clone();
    let places = c.rounding.places;
    for e in &entries {
        let at = span(e, &e.span);
        let key = e.key.as_str();
        if LABEL.contains(&key) {
            continue;
        }
        if FACTS.contains(&key) {
            if let Item::Table(inner) = &e.item {
                for q in inner {
                    out.extend(quote(c, set, &mut quoted, q, span(q, &q.span)));
                }
            }
            continue;
        }
        let Item::Value(raw) = &e.item else { continue };
        let written = raw.to_text();
        if GRADE.contains(&key) {
            let got = c
                .grades
                .get(card.grade)
                .map(|g| g.name.clone())
                .unwrap_or_default();
            if got != written.trim() {
                let mut d = Diagnostic::new(Msg::AuditMismatch {
                    what: Word::Grade.text(lang).into(),
                    reported: written.clone(),
                    computed: got,
                });
                d = d.at(at);
                if let Some(g) = c.grades.get(card.grade) {
                    d = d.label(
                        g.span,
                        Note::Value {
                            name: Word::Total.text(lang).into(),
                            value: show::score(card.total, places),
                        },
                    );
                }
                out.push(Finding {
                    diag: d,
                    indicator: None,
                });
            }
            continue;
        }
        let (what, got, id, rule) = if TOTAL.contains(&key) {
            (Word::Total.text(lang).to_string(), card.total, None, None)
        } else {
            match c.indicator_named(key) {
                Some(id) => (
                    key.to_string(),
                    card.indicators[id as usize].score,
                    Some(id),
                    Some(c.ind(id).head_span),
                ),
                None => {
                    let d = Diagnostic::new(Msg::CaseUnknownIndicator {
                        name: key.to_string(),
                    })
                    .at(span(e, &e.key_span));
                    out.push(Finding {
                        diag: d,
                        indicator: None,
                    });
                    continue;
                }
            }
        };
        let reported = match raw {
            RawValue::Number(d) => Some(*d),
            RawValue::Text(s) => Decimal::from_str(s.trim()).ok(),
            RawValue::Bool(_) => None,
        };
        if reported != Some(got) {
            let mut d = Diagnostic::new(Msg::AuditMismatch {
                what,
                reported: written,
                computed: show::score(got, places),
            })
            .at(at);
            if let Some(r) = rule {
                d = d.label(r, Note::ThisRow);
            }
            out.push(Finding {
                diag: d,
                indicator: id,
            });
        }
    }
    for d in facts::check_constraints(c, &quoted).0 {
        out.push(Finding {
            diag: d,
            indicator: None,
        });
    }
    Ok(out)
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
