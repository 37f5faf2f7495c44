//! `jixiao check RULES.jx [--format text|json] [--deny-warnings]`

use super::common::load_rules;
use super::{emit, Exit, Format, Outcome};
use crate::diag::{Lang, SourceMap, Word};

pub fn run(
    path: &str,
    format: Format,
    deny_warnings: bool,
    map: &mut SourceMap,
    lang: Lang,
) -> Outcome {
    let out = load_rules(path, map)?;
    emit(&out.warnings.0, map, lang, format);
    if format == Format::Text {
        let n = out.warnings.0.len();
        let colon = Word::Colon.text(lang);
        if n == 0 {
            crate::sayln!("{}{colon}{path}", Word::Clean.text(lang));
        } else {
            crate::sayln!(
                "{}{colon}{path}{}{} {n}{}",
                Word::Clean.text(lang),
                Word::ParenOpen.text(lang),
                Word::Warnings.text(lang),
                Word::ParenClose.text(lang)
            );
        }
    }
    Ok(Exit::found_if(deny_warnings && !out.warnings.is_empty()))
}
