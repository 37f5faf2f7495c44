//! What a scorecard's numbers do not say by themselves: which 一票否决 fired,
//! with its condition as written and the facts that made it true, and the
//! 文本 inputs (reasons, remarks) of the unit, which no rule reads but a
//! reader of the scorecard must see.

use crate::check::{show, Checked, Ty};
use crate::diag::SourceMap;
use crate::eval::{FactSet, Scorecard};

/// The notes of one scored fact set.
#[derive(Clone, Debug, Default)]
pub struct Notes {
    pub vetoes: Vec<FiredVeto>,
    /// 文本 inputs given, in declaration order: (name, text).
    pub texts: Vec<(String, String)>,
    /// A partial document's ranges (facts marked unknown), set by the
    /// caller that scored them.
    pub partial: Option<crate::facts::partial::Partial>,
}

#[derive(Clone, Debug)]
pub struct FiredVeto {
    /// Index into `checked.vetoes`.
    pub index: usize,
    /// The statement as written in the rule file.
    pub condition: String,
    /// The input facts its condition reads (through definitions too), with
    /// their values: (name, value).
    pub facts: Vec<(String, String)>,
}

pub fn notes(c: &Checked, card: &Scorecard, set: &FactSet, map: &SourceMap) -> Notes {
    let vetoes = card
        .vetoes
        .iter()
        .filter_map(|&i| {
            let v = c.vetoes.get(i)?;
            let written = map.snippet(v.span).lines().next().unwrap_or("");
            let statement = written.split('#').next().unwrap_or("").trim();
            // The line starts with the keyword the display already says.
            let condition = ["一票否决", "veto"]
                .iter()
                .find_map(|k| statement.strip_prefix(k))
                .unwrap_or(statement)
                .trim()
                .to_string();
            let facts = c
                .inputs_read(&v.when)
                .into_iter()
                .map(|s| (c.facts[s as usize].name.clone(), fact_value(c, set, s)))
                .collect();
            Some(FiredVeto {
                index: i,
                condition,
                facts,
            })
        })
        .collect();
    let texts = c
        .facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.ty == Ty::Text)
        .filter_map(|(i, f)| {
            let t = set.texts.get(i)?.as_ref()?;
            Some((f.name.clone(), t.clone()))
        })
        .collect();
    Notes {
        vetoes,
        texts,
        partial: None,
    }
}

/// The 文本 inputs given for indicator `id`'s `说明` rows: (name, text).
pub fn beside<'n>(c: &Checked, id: u32, notes: &'n Notes) -> Vec<&'n (String, String)> {
    let named = |k: &str| {
        c.ind(id)
            .notes
            .iter()
            .any(|&s| c.facts[s as usize].name == k)
    };
    notes.texts.iter().filter(|(k, _)| named(k)).collect()
}

/// Whether the 文本 input `name` is shown beside an indicator (`说明`),
/// rather than after the total.
pub fn is_beside(c: &Checked, name: &str) -> bool {
    c.indicators
        .iter()
        .any(|i| i.notes.iter().any(|&s| c.facts[s as usize].name == name))
}

fn fact_value(c: &Checked, set: &FactSet, slot: u32) -> String {
    let i = slot as usize;
    let decl = &c.facts[i];
    if let Some(Some(t)) = set.texts.get(i) {
        return t.clone();
    }
    match set.values.get(i).copied().flatten().or(decl.default) {
        Some(v) => show::value(c, &decl.ty, v),
        None => String::new(),
    }
}
