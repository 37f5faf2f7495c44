//! Blank facts files for a rubric: every input with its unit, allowed
//! values and declared constraints, as TOML (a comment above each key),
//! CSV (the header a batch file needs) or a workbook (see
//! [`super::xlsx::template_workbook`]). Filled in, each is read by `score`
//! or `batch` as it is.

use crate::check::units::Unit;
use crate::check::{CTable, Checked, FactDecl, Ty};
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

/// The columns a person fills for target table `t`, each with its note:
/// 分值 only when the rows carry their weights, 得分 only when a 定性 level
/// is a range the assessor scores within.
pub fn table_columns(t: &CTable, lang: Lang) -> Vec<(&'static str, String)> {
    let w = |w: Word| w.text(lang).to_string();
    let mut cols = vec![
        ("一级指标", w(Word::ColGroups)),
        ("二级指标", w(Word::ColGroups)),
        ("三级指标", w(Word::ColName)),
        ("指标性质", w(Word::ColKind)),
        ("年度指标值", w(Word::ColTarget)),
    ];
    let mut actual = w(Word::ColActual);
    if !t.levels.is_empty() {
        actual.push_str(if lang == Lang::Zh { "（" } else { " (" });
        actual.push_str(
            &t.level_names()
                .join(if lang == Lang::Zh { "、" } else { ", " }),
        );
        actual.push_str(if lang == Lang::Zh { "）" } else { ")" });
    }
    cols.push(("实际完成值", actual));
    if t.shares == crate::syntax::ast::TableShares::Column {
        cols.push(("分值", w(Word::ColWeight)));
    }
    if t.levels.iter().any(|l| l.hi.is_some()) {
        cols.push(("得分", w(Word::ColScore)));
    }
    cols.push(("偏差原因", w(Word::ColReason)));
    cols
}

/// Indicators whose score the assessor gives (评审打分), by name.
pub fn picks(c: &Checked) -> Vec<&str> {
    (0..c.indicators.len() as u32)
        .filter(|&i| c.has_pick(i))
        .map(|i| c.ind(i).name.as_str())
        .collect()
}

/// A TOML facts file with an empty value for every input, a `[评审打分]`
/// table when the assessor scores some indicator, and one example row of
/// every target table with each column and its note.
pub fn toml(c: &Checked, map: &SourceMap, lang: Lang) -> String {
    let mut out = toml_inputs(c, map, lang);
    let key = |s: &str| ::toml::Value::String(s.to_string()).to_string();
    let picks = picks(c);
    if !picks.is_empty() {
        out.push_str(&format!("\n# {}\n[评审打分]\n", Word::PickHint.text(lang)));
        for p in picks {
            out.push_str(&format!("{} = \"\"\n", key(p)));
        }
    }
    for t in &c.tables {
        out.push_str(&format!(
            "\n# {}（{}）：{}\n[[{}]]\n",
            t.name,
            t.weight.normalize(),
            Word::TableRowsHint.text(lang),
            key(&t.name)
        ));
        for (col, note) in table_columns(t, lang) {
            out.push_str(&format!("# {note}\n{} = \"\"\n", key(col)));
        }
    }
    out
}

fn toml_inputs(c: &Checked, map: &SourceMap, lang: Lang) -> String {
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

/// The header of the rows file of target table `t` (`--rows 表名=FILE`):
/// the unit, then the table's columns.
pub fn rows_csv(t: &CTable, lang: Lang) -> String {
    let mut cells = vec![Word::UnitName.text(lang).to_string()];
    cells.extend(
        table_columns(t, lang)
            .into_iter()
            .map(|(c, _)| c.to_string()),
    );
    csv_line(&cells)
}

/// A CSV with the header a batch file needs (inputs, then the assessor's scores).
pub fn csv(c: &Checked, lang: Lang) -> String {
    let mut cells = vec![Word::UnitName.text(lang).to_string()];
    cells.extend(c.facts.iter().map(|f| f.name.clone()));
    cells.extend(picks(c).into_iter().map(str::to_string));
    csv_line(&cells)
}

fn csv_line(cells: &[String]) -> String {
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
