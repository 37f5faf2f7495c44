//! Blank facts files for a rubric: every input with its unit, allowed
//! values and declared constraints, as TOML (a comment above each key),
//! CSV (the header a batch file needs) or a workbook (see
//! [`super::xlsx::template_workbook`]). Filled in, each is read by `score`
//! or `batch` as it is.

use crate::check::units::Unit;
use crate::check::{Checked, FactDecl, Ty};
use crate::diag::{Lang, SourceMap, Word};
use crate::facts::type_name;
use crate::syntax::ast::Direction;

/// What a person filling in an input needs to know, one line.
pub fn describe(c: &Checked, map: &SourceMap, decl: &FactDecl, lang: Lang) -> String {
    let mut parts = vec![type_name(&decl.ty, c)];
    match &decl.ty {
        Ty::Num(u) if *u == Unit::PERCENT => parts.push(Word::HintPercent.text(lang).into()),
        Ty::Bool => parts.push(Word::HintBool.text(lang).into()),
        Ty::Enum(_) => parts.push(Word::HintEnum.text(lang).into()),
        _ => {}
    }
    match decl.direction {
        Some(Direction::Higher) => parts.push(Word::Higher.text(lang).into()),
        Some(Direction::Lower) => parts.push(Word::Lower.text(lang).into()),
        None => {}
    }
    if decl.positive {
        parts.push(Word::Positive.text(lang).into());
    }
    if decl.nonzero {
        parts.push(Word::NonZero.text(lang).into());
    }
    if let Some(v) = decl.default {
        parts.push(format!(
            "{} {}",
            Word::Default.text(lang),
            crate::check::show::value(c, &decl.ty, v)
        ));
    }
    let slot = c.fact_slot(&decl.name);
    for k in &c.constraints {
        let mut slots = Vec::new();
        k.when.slots(&mut slots);
        if slot.is_none_or(|s| !slots.contains(&s)) {
            continue;
        }
        if k.implicit {
            // The floor every percentage input has unless the rubric lifts it.
            parts.push(Word::NotNegative.text(lang).into());
            continue;
        }
        // The constraint itself, without a comment after it.
        let text = map.snippet(k.span).split('#').next().unwrap_or("");
        parts.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

/// A TOML facts file with an empty value for every input.
pub fn toml(c: &Checked, map: &SourceMap, lang: Lang) -> String {
    let key = |s: &str| ::toml::Value::String(s.to_string()).to_string();
    let mut out = format!("# {}\n", c.name);
    out.push_str(&format!("# {}\n\n", Word::TemplateHint.text(lang)));
    out.push_str(&format!("{} = \"\"\n\n", key(Word::UnitName.text(lang))));
    for decl in &c.facts {
        out.push_str(&format!("# {}\n", describe(c, map, decl, lang)));
        // An input with a default starts out holding it.
        let value = decl
            .default
            .map(|v| crate::check::show::value(c, &decl.ty, v))
            .unwrap_or_default();
        out.push_str(&format!("{} = {}\n", key(&decl.name), key(&value)));
    }
    out
}

/// A CSV with the header a batch file needs.
pub fn csv(c: &Checked, lang: Lang) -> String {
    let mut cells = vec![Word::UnitName.text(lang).to_string()];
    cells.extend(c.facts.iter().map(|f| f.name.clone()));
    let quoted: Vec<String> = cells
        .iter()
        .map(|s| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.clone()
            }
        })
        .collect();
    format!("{}\n", quoted.join(","))
}
