//! `jixiao score RULES.jx --facts FACTS [--sheet NAME] [--explain]
//! [--format text|json|xlsx] [-o FILE]`
//!
//! FACTS is TOML, JSON, or a workbook sheet (one row of a table, or two
//! columns of names and values). `--format xlsx` writes the 自评表 workbook.

use super::common::{emit, load_rules, read};
use super::Format;
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
    pub explain: bool,
    pub format: ScoreFormat,
    pub out: Option<&'a str>,
    pub lang: Lang,
}

impl Args<'_> {
    /// How diagnostics are printed.
    fn diag_format(&self) -> Format {
        match self.format {
            ScoreFormat::Json => Format::Json,
            _ => Format::Text,
        }
    }
}

pub fn run(a: &Args) -> i32 {
    let (lang, format) = (a.lang, a.diag_format());
    let mut map = SourceMap::new();
    let fail = |d: &[Diagnostic], map: &SourceMap| {
        emit(d, map, lang, format);
        1
    };
    let checked = match load_rules(a.rules, &mut map) {
        Ok(o) => o.checked,
        Err(d) => return fail(&d.0, &map),
    };
    let (fid, fmt) = if let Some(kind) = crate::sheet::Kind::from_path(a.facts) {
        let (text, notes) = match super::data::sheet_toml(a.facts, kind, a.sheet, &checked) {
            Ok(t) => t,
            Err(d) => return fail(&[d], &map),
        };
        super::data::print_notes(&notes, lang);
        (map.add(a.facts, text), facts::Format::Toml)
    } else {
        let Some(fmt) = facts::Format::from_path(a.facts) else {
            let d = Diagnostic::new(Msg::FactsFormat {
                path: a.facts.into(),
            });
            return fail(&[d], &map);
        };
        match read(a.facts, &mut map) {
            Ok(f) => (f, fmt),
            Err(d) => return fail(&d.0, &map),
        }
    };
    let fs = match facts::load(map.text(fid), fid, fmt, &checked) {
        Ok(f) => f,
        Err(d) => return fail(&d.0, &map),
    };
    // The workbook's 扣分原因 come from the ledger.
    let result = if a.explain || a.format == ScoreFormat::Xlsx {
        crate::eval::score_explained(&checked, &fs).map(|(c, l)| (c, Some(l)))
    } else {
        crate::eval::score(&checked, &fs).map(|c| (c, None))
    };
    let (card, ledger) = match result {
        Ok(r) => r,
        Err(d) => return fail(&[*d], &map),
    };
    let bytes = match a.format {
        ScoreFormat::Xlsx => {
            let ledger = ledger.unwrap_or_default();
            let label = fs.label.as_deref();
            match crate::report::xlsx::scorecard_workbook(
                &checked, &card, &ledger, &map, lang, label,
            ) {
                Ok(b) => b,
                Err(e) => {
                    let e = std::io::Error::other(e);
                    return fail(&[super::output::cannot_write(a.out, &e)], &map);
                }
            }
        }
        ScoreFormat::Json => json(&checked, &card, ledger.as_ref(), &fs, &map, lang).into_bytes(),
        ScoreFormat::Text => text(&checked, &card, ledger.as_ref(), &fs, &map, lang).into_bytes(),
    };
    // Through the safe output: -o never names an input and is replaced only
    // when complete; standard output errors (a closed pipe, a full disk) are E503.
    match super::output::write(a.out, &bytes) {
        Ok(()) => 0,
        Err(d) => fail(&[d], &map),
    }
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
