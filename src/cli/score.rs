//! `jixiao score RULES.jx --facts FACTS [--explain] [--format text|json]`

use super::common::{emit, load_rules, read};
use super::Format;
use crate::diag::{Diagnostic, Lang, Msg, SourceMap};
use crate::facts;

pub fn run(rules: &str, facts_path: &str, explain: bool, format: Format, lang: Lang) -> i32 {
    let mut map = SourceMap::new();
    let out = match load_rules(rules, &mut map) {
        Ok(o) => o,
        Err(d) => {
            emit(&d.0, &map, lang, format);
            return 1;
        }
    };
    let checked = out.checked;
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
    let fs = match facts::load(map.text(fid), fid, fmt, &checked) {
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
                        obj.insert(
                            "ledger".into(),
                            crate::report::ledger_value(&checked, &card, l, &map),
                        );
                        obj.insert(
                            "veto_rules".into(),
                            crate::report::vetoes_value(&checked, &card, &map),
                        );
                    }
                    crate::sayln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                Format::Text => {
                    if let Some(label) = &fs.label {
                        crate::sayln!("{}", crate::diag::visible_line(label));
                    }
                    crate::say!(
                        "{}",
                        crate::report::scorecard_text_with(&checked, &card, Some(&notes), lang)
                    );
                    if let Some(l) = &ledger {
                        crate::sayln!();
                        crate::say!(
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
