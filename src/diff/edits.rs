//! What changed between two rubrics, indicator by indicator (matched by
//! name): weight, rule text (rows, not-applicable policy, vetoes), added or
//! removed; and definitions and grade bands. Rule text is compared as
//! written, ignoring blanks.

use crate::check::{Checked, IndId};
use crate::diag::SourceMap;
use rust_decimal::Decimal;

#[derive(Clone, Debug, PartialEq)]
pub enum EditKind {
    Weight {
        old: Decimal,
        new: Decimal,
        /// `指标 甲 75%`: the share each rubric wrote the points as, so that
        /// a change that came from the parent's points reads as one.
        old_percent: Option<Decimal>,
        new_percent: Option<Decimal>,
    },
    Rules,
    Added,
    Removed,
    /// A 定义 whose formula changed.
    Definition,
    Grades,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// The indicator or definition name (empty for the grade bands).
    pub name: String,
    pub kind: EditKind,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn rules_text(c: &Checked, id: IndId, map: &SourceMap) -> String {
    let ind = c.ind(id);
    let mut parts: Vec<String> = ind
        .rows
        .iter()
        .map(|r| squeeze(map.snippet(r.span)))
        .collect();
    parts.extend(ind.na.iter().map(|n| squeeze(map.snippet(n.span))));
    parts.extend(ind.vetoes.iter().map(|v| squeeze(map.snippet(v.span))));
    parts.join("\n")
}

pub fn edits(old: &Checked, new: &Checked, map: &SourceMap) -> Vec<Edit> {
    let mut out = Vec::new();
    for (i, n) in new.indicators.iter().enumerate() {
        match old.indicator_named(&n.name) {
            None => out.push(Edit {
                name: n.name.clone(),
                kind: EditKind::Added,
            }),
            Some(o) => {
                let w = old.ind(o).weight;
                if w != n.weight {
                    out.push(Edit {
                        name: n.name.clone(),
                        kind: EditKind::Weight {
                            old: w,
                            new: n.weight,
                            old_percent: old.ind(o).percent,
                            new_percent: n.percent,
                        },
                    });
                }
                if rules_text(old, o, map) != rules_text(new, i as IndId, map) {
                    out.push(Edit {
                        name: n.name.clone(),
                        kind: EditKind::Rules,
                    });
                }
            }
        }
    }
    for o in &old.indicators {
        if new.indicator_named(&o.name).is_none() {
            out.push(Edit {
                name: o.name.clone(),
                kind: EditKind::Removed,
            });
        }
    }
    for d in &new.derived {
        let before = old.derived.iter().find(|x| x.name == d.name);
        if before
            .is_none_or(|b| squeeze(map.snippet(b.expr.span)) != squeeze(map.snippet(d.expr.span)))
        {
            out.push(Edit {
                name: d.name.clone(),
                kind: EditKind::Definition,
            });
        }
    }
    let bands = |c: &Checked| {
        c.grades
            .iter()
            .map(|g| (g.name.clone(), g.min))
            .collect::<Vec<_>>()
    };
    if bands(old) != bands(new) {
        out.push(Edit {
            name: String::new(),
            kind: EditKind::Grades,
        });
    }
    out
}

/// The edits that explain a change in the score of indicator `name`: its
/// own edits, those of its descendants, and edits of the definitions its
/// rows read.
pub fn causes(name: &str, old: &Checked, new: &Checked, all: &[Edit]) -> Vec<usize> {
    let mut names: Vec<String> = vec![name.to_string()];
    for c in [old, new] {
        if let Some(id) = c.indicator_named(name) {
            descendants(c, id, &mut names);
            let mut slots = Vec::new();
            let mut stack = vec![id];
            while let Some(i) = stack.pop() {
                let ind = c.ind(i);
                stack.extend(&ind.children);
                for r in &ind.rows {
                    r.cond.iter().for_each(|k| k.slots(&mut slots));
                    if let crate::check::CScoring::Expr(e)
                    | crate::check::CScoring::Proportional(e) = &r.result
                    {
                        e.slots(&mut slots);
                    }
                }
            }
            names.extend(slots.iter().map(|s| c.slot_name(*s).to_string()));
        }
    }
    all.iter()
        .enumerate()
        .filter(|(_, e)| e.kind != EditKind::Grades && names.contains(&e.name))
        .map(|(i, _)| i)
        .collect()
}

fn descendants(c: &Checked, id: IndId, out: &mut Vec<String>) {
    for &ch in &c.ind(id).children {
        out.push(c.ind(ch).name.clone());
        descendants(c, ch, out);
    }
}
