//! `jixiao score RULES.jx --facts FACTS [--sheet NAME] [--explain]
//! [--format text|json|xlsx] [-o FILE]`
//!
//! FACTS is TOML, JSON, or a workbook sheet (one row of a table, or two
//! columns of names and values; a target table's rows on the sheet named
//! after the table). `--rows [表名=]FILE` (repeatable) reads a table's rows
//! from a CSV or workbook of their own. `--format xlsx` writes the 自评表 workbook.

use super::common::{load_rules, read};
use super::{Exit, Format, Outcome};
use crate::check::Checked;
use crate::diag::{Diagnostic, Lang, Msg, SourceMap};
use crate::facts;

#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
    /// 自评表 workbook (needs -o).
    Xlsx,
}

pub struct Args<'a> {
    pub rules: &'a str,
    pub facts: &'a str,
    pub sheet: Option<&'a str>,
    /// `--rows [表名=]FILE`: target-table rows from files of their own.
    pub rows: &'a [String],
    pub explain: bool,
    pub format: ScoreFormat,
    pub out: Option<&'a str>,
    pub lang: Lang,
}

/// How diagnostics are printed: JSON lines beside JSON output.
pub fn diag_format(format: ScoreFormat) -> Format {
    match format {
        ScoreFormat::Json => Format::Json,
        _ => Format::Text,
    }
}

pub fn run(a: &Args, map: &mut SourceMap) -> Outcome {
    let lang = a.lang;
    let checked = load_rules(a.rules, map)?.checked;
    let fs = read_facts(&checked, a.facts, a.sheet, a.rows, map, lang)?;
    if !fs.unknown.is_empty() {
        return partial(a, &checked, &fs, map);
    }
    // The workbook's 扣分原因 come from the ledger.
    let (card, ledger) = if a.explain || a.format == ScoreFormat::Xlsx {
        crate::eval::score_explained(&checked, &fs).map(|(c, l)| (c, Some(l)))
    } else {
        crate::eval::score(&checked, &fs).map(|c| (c, None))
    }?;
    let bytes = match a.format {
        ScoreFormat::Xlsx => {
            let ledger = ledger.unwrap_or_default();
            let label = fs.label.as_deref();
            crate::report::xlsx::scorecard_workbook(&checked, &card, &ledger, map, lang, label)
                .map_err(|e| super::output::cannot_write(a.out, &std::io::Error::other(e)))?
        }
        ScoreFormat::Json => json(&checked, &card, ledger.as_ref(), &fs, map, lang).into_bytes(),
        ScoreFormat::Text => text(&checked, &card, ledger.as_ref(), &fs, map, lang).into_bytes(),
    };
    // Through the safe output: -o never names an input and is replaced only
    // when complete; standard output errors (a closed pipe, a full disk) are E503.
    super::output::write(a.out, &bytes)?;
    Ok(Exit::OK)
}

/// Read a facts file (TOML, JSON or a workbook sheet, with `--rows` files)
/// against the rubric: types, units, constraints, unknowns. `check --facts`
/// reads through this too, so both commands accept the same documents.
pub(super) fn read_facts(
    checked: &Checked,
    facts_path: &str,
    sheet: Option<&str>,
    rows: &[String],
    map: &mut SourceMap,
    lang: Lang,
) -> Result<crate::eval::FactSet, super::Failure> {
    let (fid, fmt) = if let Some(kind) = crate::sheet::Kind::from_path(facts_path) {
        let (text, notes) = super::data::sheet_toml(facts_path, kind, sheet, checked)?;
        super::data::print_notes(&notes, lang);
        (map.add(facts_path, text), facts::Format::Toml)
    } else {
        let fmt = facts::Format::from_path(facts_path).ok_or_else(|| {
            Diagnostic::new(Msg::FactsFormat {
                path: facts_path.into(),
            })
        })?;
        (read(facts_path, map)?, fmt)
    };
    Ok(super::data::load_with_rows(
        fid, fmt, checked, rows, map, lang,
    )?)
}

fn json(
    c: &Checked,
    card: &crate::eval::Scorecard,
    ledger: Option<&crate::eval::trace::Ledger>,
    fs: &crate::eval::FactSet,
    map: &SourceMap,
    lang: Lang,
) -> String {
    let notes = crate::report::notes(c, card, fs, map);
    let mut v = crate::report::scorecard_value_with(c, card, Some(&notes));
    if let (Some(label), Some(obj)) = (&fs.label, v.as_object_mut()) {
        obj.insert("unit".into(), label.clone().into());
    }
    if let (Some(l), Some(obj)) = (ledger, v.as_object_mut()) {
        let text = crate::report::explain(c, card, l, map, lang, None);
        obj.insert(
            "explain".into(),
            text.lines()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into(),
        );
        obj.insert(
            "ledger".into(),
            crate::report::ledger_value(c, card, l, map),
        );
        obj.insert(
            "veto_rules".into(),
            crate::report::vetoes_value(c, card, map),
        );
    }
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

fn text(
    c: &Checked,
    card: &crate::eval::Scorecard,
    ledger: Option<&crate::eval::trace::Ledger>,
    fs: &crate::eval::FactSet,
    map: &SourceMap,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if let Some(label) = &fs.label {
        out.push_str(&crate::diag::visible_line(label));
        out.push('\n');
    }
    let notes = crate::report::notes(c, card, fs, map);
    out.push_str(&crate::report::scorecard_text_with(
        c,
        card,
        Some(&notes),
        lang,
    ));
    if let Some(l) = ledger {
        out.push('\n');
        out.push_str(&crate::report::explain(c, card, l, map, lang, None));
    }
    out
}

/// A partial document: the scores as exact ranges over the facts marked
/// unknown; `--explain` gives the ledgers at the lowest and highest total.
fn partial(a: &Args, c: &Checked, fs: &crate::eval::FactSet, map: &SourceMap) -> Outcome {
    let lang = a.lang;
    if a.format == ScoreFormat::Xlsx {
        return Err(Diagnostic::new(Msg::PartialNoRanges {
            output: "xlsx".into(),
        })
        .into());
    }
    let p = facts::partial::score(c, fs)?;
    let card = p.card();
    let ledgers = if a.explain {
        let low = crate::eval::score_explained(c, &p.low.0)?;
        let high = crate::eval::score_explained(c, &p.high.0)?;
        Some((low, high))
    } else {
        None
    };
    let mut notes = crate::report::notes(c, &card, fs, map);
    notes.partial = Some(p.clone());
    let ends = |set: &crate::eval::FactSet| -> String {
        p.unknown
            .iter()
            .map(|u| {
                let v = set.values[u.slot as usize].unwrap_or(crate::eval::value::Value::Text);
                let shown = crate::check::show::value(c, c.slot_ty(u.slot), v);
                format!(
                    "{} = {shown}",
                    crate::diag::visible_line(c.slot_name(u.slot))
                )
            })
            .collect::<Vec<_>>()
            .join(crate::diag::Word::Comma.text(lang))
    };
    let head = |w: crate::diag::Word, set: &crate::eval::FactSet| {
        format!(
            "{}{}{}{}",
            w.text(lang),
            crate::diag::Word::ParenOpen.text(lang),
            ends(set),
            crate::diag::Word::ParenClose.text(lang)
        )
    };
    let bytes = match a.format {
        ScoreFormat::Json => {
            let mut v = crate::report::scorecard_value_with(c, &card, Some(&notes));
            if let (Some(label), Some(obj)) = (&fs.label, v.as_object_mut()) {
                obj.insert("unit".into(), label.clone().into());
            }
            if let (Some(((lc, ll), (hc, hl))), Some(obj)) = (&ledgers, v.as_object_mut()) {
                obj.insert(
                    "ledger_at_min".into(),
                    crate::report::ledger_value(c, lc, ll, map),
                );
                obj.insert(
                    "ledger_at_max".into(),
                    crate::report::ledger_value(c, hc, hl, map),
                );
            }
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        _ => {
            let mut out = String::new();
            if let Some(label) = &fs.label {
                out.push_str(&crate::diag::visible_line(label));
                out.push('\n');
            }
            out.push_str(&crate::report::scorecard_text_with(
                c,
                &card,
                Some(&notes),
                lang,
            ));
            if let Some(((lc, ll), (hc, hl))) = &ledgers {
                for (w, set, card, l) in [
                    (crate::diag::Word::AtLowest, &p.low.0, lc, ll),
                    (crate::diag::Word::AtHighest, &p.high.0, hc, hl),
                ] {
                    out.push('\n');
                    out.push_str(&head(w, set));
                    out.push('\n');
                    out.push_str(&crate::report::explain(c, card, l, map, lang, None));
                }
            }
            out
        }
    };
    super::output::write(a.out, bytes.as_bytes())?;
    Ok(Exit::OK)
}
