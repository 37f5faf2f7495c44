//! `jixiao check RULES.jx [--format text|json] [--deny-warnings]`

use super::common::{emit, load_rules};
use super::Format;
use crate::diag::{Lang, SourceMap, Word};

pub fn run(path: &str, format: Format, deny_warnings: bool, lang: Lang) -> i32 {
    let mut map = SourceMap::new();
    match load_rules(path, &mut map) {
        Ok(out) => {
            emit(&out.warnings.0, &map, lang, format);
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
            i32::from(deny_warnings && !out.warnings.is_empty())
        }
        Err(diags) => {
            emit(&diags.0, &map, lang, format);
            1
        }
    }
}
