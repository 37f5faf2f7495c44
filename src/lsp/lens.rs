//! The score lens: a rule file `X.jx` with a facts file `X.facts.toml` (or
//! `.json`) beside it shows the total and grade those facts give, computed
//! by the same loader and evaluator as `jixiao score`.

use std::path::{Path, PathBuf};

use crate::check::Checked;
use crate::diag::editor_text::{score_lens, score_lens_failed};
use crate::diag::{Lang, SourceMap};
use crate::facts;

pub struct LensResult {
    pub facts: PathBuf,
    pub title: String,
    pub total: Option<String>,
    pub grade: Option<String>,
}

pub fn facts_beside(rules: &Path) -> Option<PathBuf> {
    let stem = rules.file_stem()?.to_str()?;
    ["toml", "json"]
        .iter()
        .map(|ext| rules.with_file_name(format!("{stem}.facts.{ext}")))
        .find(|p| p.is_file())
}

pub fn score_with(c: &Checked, facts_path: &Path, lang: Lang) -> LensResult {
    let shown = facts_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fail = |code: &str, message: String| LensResult {
        facts: facts_path.to_path_buf(),
        title: score_lens_failed(lang, &shown, code, &message),
        total: None,
        grade: None,
    };
    let fmt =
        facts::Format::from_path(&facts_path.to_string_lossy()).unwrap_or(facts::Format::Toml);
    let text = match std::fs::read_to_string(facts_path) {
        Ok(t) => t,
        Err(e) => return fail("E501", e.to_string()),
    };
    let mut map = SourceMap::new();
    let fid = map.add(shown.clone(), text);
    let fs = match facts::load(map.text(fid), fid, fmt, c) {
        Ok(f) => f,
        Err(d) => {
            return match d.0.first() {
                Some(first) => fail(first.code(), first.msg.text(lang)),
                None => fail("E307", String::new()),
            }
        }
    };
    match crate::eval::score(c, &fs) {
        Ok(card) => {
            let total = crate::check::show::score(card.total, c.rounding.places);
            let grade = c
                .grades
                .get(card.grade)
                .map(|g| g.name.clone())
                .unwrap_or_default();
            LensResult {
                facts: facts_path.to_path_buf(),
                title: score_lens(lang, &shown, &total, &grade),
                total: Some(total),
                grade: Some(grade),
            }
        }
        Err(d) => fail(d.code(), d.msg.text(lang)),
    }
}
