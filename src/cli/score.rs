//! `jixiao score RULES.jx --facts FACTS [--sheet NAME] [--explain] [--format text|json]`
//!
//! FACTS is TOML, JSON, or a workbook sheet (one row of a table, or two
//! columns of names and values).

use super::common::{emit, load_rules, read};
use super::Format;
use crate::diag::{Diagnostic, Lang, Msg, SourceMap};
use crate::facts;

pub struct Args<'a> {
    pub rules: &'a str,
    pub facts: &'a str,
    pub sheet: Option<&'a str>,
    pub explain: bool,
    pub format: Format,
    pub lang: Lang,
}

pub fn run(a: &Args) -> i32 {
    let (rules, facts_path, explain, format, lang) =
        (a.rules, a.facts, a.explain, a.format, a.lang);
    let mut map = SourceMap::new();
    let out = match load_rules(rules, &mut map) {
        Ok(o) => o,
        Err(d) => {
            emit(&d.0, &map, lang, format);
            return 1;
        }
    };
    let checked = out.checked;
    if let Some(kind) = crate::sheet::Kind::from_path(facts_path) {
        let (text, notes) = match super::data::sheet_toml(facts_path, kind, a.sheet, &checked) {
            Ok(t) => t,
            Err(d) => {
                emit(&[d], &map, lang, format);
                return 1;
            }
        };
        super::data::print_notes(&notes, lang);
        let fid = map.add(facts_path, text);
        return scored(
            &checked,
            &map,
            fid,
            facts::Format::Toml,
            explain,
            format,
            lang,
        );
    }
    let Some(fmt) = facts::Format::from_path(facts_path) else {
        emit(
            &[Diagnostic::new(Msg::FactsFormat {
                path: facts_path.into(),
            })],
            &map,
            lang,
            format,
        );
        return 1;
    };
    let fid = match read(facts_path, &mut map) {
        Ok(f) => f,
        Err(d) => {
            emit(&d.0, &map, lang, format);
            return 1;
        }
    };
    scored(&checked, &map, fid, fmt, explain, format, lang)
}

fn scored(
    checked: &crate::check::Checked,
    map: &SourceMap,
    fid: crate::syntax::FileId,
    fmt: facts::Format,
    explain: bool,
    format: Format,
    lang: Lang,
) -> i32 {
    let fs = match facts::load(map.text(fid), fid, fmt, checked) {
        Ok(f) => f,
        Err(d) => {
            emit(&d.0, &map, lang, format);
            return 1;
        }
    };
    let result = if explain {
        crate::eval::score_explained(&checked, &fs).map(|(c, l)| (c, Some(l)))
    } else {
        crate::eval::score(&checked, &fs).map(|c| (c, None))
    };
    match result {
        Ok((card, ledger)) => {
            let notes = crate::report::notes(&checked, &card, &fs, &map);
            match format {
                Format::Json => {
                    let mut v = crate::report::scorecard_value_with(&checked, &card, Some(&notes));
                    if let (Some(label), Some(obj)) = (&fs.label, v.as_object_mut()) {
                        obj.insert("unit".into(), label.clone().into());
                    }
                    if let (Some(l), Some(obj)) = (&ledger, v.as_object_mut()) {
                        let text = crate::report::explain(&checked, &card, l, &map, lang, None);
                        obj.insert(
                            "explain".into(),
                            text.lines()
                                .map(|s| s.to_string())
                                .collect::<Vec<_>>()
                                .into(),
                        );
                    }
                    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                Format::Text => {
                    if let Some(label) = &fs.label {
                        println!("{label}");
                    }
                    print!(
                        "{}",
                        crate::report::scorecard_text_with(&checked, &card, Some(&notes), lang)
                    );
                    if let Some(l) = &ledger {
                        println!();
                        print!(
                            "{}",
                            crate::report::explain(&checked, &card, l, &map, lang, None)
                        );
                    }
                }
            }
            0
        }
        Err(d) => {
            emit(&[*d], &map, lang, format);
            1
        }
    }
}
