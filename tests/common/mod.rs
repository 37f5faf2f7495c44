//! Helpers shared by integration tests: compile inline rule text, load
//! inline TOML facts, score; run the built binary in a scratch folder.

#![allow(dead_code)]

use jixiao::check::Checked;
use jixiao::diag::{render_text, Diagnostic, Lang, SourceMap};
use jixiao::eval::{FactSet, Scorecard};

pub fn compile(rules: &str) -> (Checked, SourceMap) {
    let mut map = SourceMap::new();
    let id = map.add("test.jx", rules.to_string());
    match jixiao::compile(&map, id) {
        Ok(out) => (out.checked, map),
        Err(d) => panic!(
            "rules do not compile:\n{}",
            render_text(&d.0, &map, Lang::Zh, false)
        ),
    }
}

/// The codes of every diagnostic (errors and warnings) for a rule text.
pub fn codes(rules: &str) -> Vec<String> {
    let mut map = SourceMap::new();
    let id = map.add("test.jx", rules.to_string());
    match jixiao::compile(&map, id) {
        Ok(out) => out
            .warnings
            .0
            .iter()
            .map(|d| d.code().to_string())
            .collect(),
        Err(d) => d.0.iter().map(|d| d.code().to_string()).collect(),
    }
}

pub fn facts(c: &Checked, map: &mut SourceMap, toml: &str) -> FactSet {
    let id = map.add("facts.toml", toml.to_string());
    match jixiao::facts::load(toml, id, jixiao::facts::Format::Toml, c) {
        Ok(f) => f,
        Err(d) => panic!(
            "facts do not load:\n{}",
            render_text(&d.0, map, Lang::Zh, false)
        ),
    }
}

pub fn score(rules: &str, toml: &str) -> (Checked, Scorecard) {
    let (c, mut map) = compile(rules);
    let f = facts(&c, &mut map, toml);
    match jixiao::eval::score(&c, &f) {
        Ok(card) => (c, card),
        Err(d) => panic!(
            "scoring failed:\n{}",
            render_text(&[*d], &map, Lang::Zh, false)
        ),
    }
}

pub fn score_err(rules: &str, toml: &str) -> Diagnostic {
    let (c, mut map) = compile(rules);
    let f = facts(&c, &mut map, toml);
    match jixiao::eval::score(&c, &f) {
        Ok(card) => panic!("expected an evaluation error, got total {}", card.total),
        Err(d) => *d,
    }
}

/// The rounded score of an indicator, as text with the rubric's places.
pub fn ind(c: &Checked, card: &Scorecard, name: &str) -> String {
    let id = c
        .indicator_named(name)
        .unwrap_or_else(|| panic!("no indicator {name}"));
    jixiao::check::show::score(card.indicators[id as usize].score, c.rounding.places)
}

pub fn total(c: &Checked, card: &Scorecard) -> String {
    jixiao::check::show::score(card.total, c.rounding.places)
}

pub fn grade<'a>(c: &'a Checked, card: &Scorecard) -> &'a str {
    &c.grades[card.grade].name
}

/// Run the built `jixiao` with `args` in `dir` (a scratch folder holding the
/// rule and data files the arguments name).
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// A command's stdout or stderr as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
