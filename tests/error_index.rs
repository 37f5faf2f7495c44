//! The error index (docs/errors.md) and the list of diagnostic codes must
//! agree: every code has a section with a Chinese and an English part, and
//! the index documents no code that does not exist.

use jixiao::diag::{explain_code, Lang, ALL_CODES};
use std::collections::BTreeSet;

const INDEX: &str = include_str!("../docs/errors.md");

/// The code of every `## CODE title` heading, in file order.
fn headings() -> Vec<&'static str> {
    INDEX
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|rest| rest.split_whitespace().next().unwrap_or(""))
        .collect()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[test]
fn every_code_has_a_section() {
    let heads: BTreeSet<&str> = headings().into_iter().collect();
    let missing: Vec<&str> = ALL_CODES
        .iter()
        .copied()
        .filter(|c| !heads.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a `## CODE` section in docs/errors.md: {missing:?}"
    );
}

#[test]
fn no_section_for_an_unknown_code() {
    let codes: BTreeSet<&str> = ALL_CODES.iter().copied().collect();
    let extra: Vec<&str> = headings()
        .into_iter()
        .filter(|h| !codes.contains(h))
        .collect();
    assert!(
        extra.is_empty(),
        "docs/errors.md has sections for codes not in ALL_CODES: {extra:?}"
    );
}

#[test]
fn sections_are_unique_and_in_code_order() {
    let heads = headings();
    let unique: BTreeSet<&str> = heads.iter().copied().collect();
    assert_eq!(
        unique.len(),
        heads.len(),
        "a code has more than one section: {heads:?}"
    );
    assert_eq!(
        heads,
        ALL_CODES.to_vec(),
        "sections must follow the order of ALL_CODES"
    );
}

#[test]
fn explain_gives_chinese_and_english_for_every_code() {
    for code in ALL_CODES {
        let zh = explain_code(code, Lang::Zh)
            .unwrap_or_else(|| panic!("no Chinese explanation for {code}"));
        let en = explain_code(code, Lang::En)
            .unwrap_or_else(|| panic!("no English explanation for {code}"));
        assert!(
            zh.contains(code),
            "Chinese explanation of {code} does not name the code:\n{zh}"
        );
        assert!(
            has_cjk(&zh),
            "Chinese explanation of {code} has no Chinese text:\n{zh}"
        );
        assert!(
            zh.contains("含义") && zh.contains("修改方法"),
            "Chinese explanation of {code} lacks 含义/修改方法:\n{zh}"
        );
        assert!(
            !zh.contains("\n---\n"),
            "Chinese explanation of {code} runs into the English part"
        );
        assert!(
            en.contains(code),
            "English explanation of {code} does not name the code:\n{en}"
        );
        assert_ne!(zh, en, "{code} has no English part (no `---` line?)");
        assert!(
            en.contains("Meaning") && en.contains("Fix"),
            "English explanation of {code} lacks Meaning/Fix:\n{en}"
        );
        assert!(
            !en.contains("含义："),
            "English explanation of {code} contains the Chinese part:\n{en}"
        );
    }
}

#[test]
fn explain_is_case_insensitive_and_rejects_unknown_codes() {
    assert_eq!(
        explain_code("e101", Lang::Zh),
        explain_code("E101", Lang::Zh)
    );
    assert_eq!(explain_code("X999", Lang::Zh), None);
    assert_eq!(explain_code("E999", Lang::En), None);
}

#[test]
fn each_section_stops_at_the_next_heading() {
    // A section must not swallow its neighbour: the explanation of one code
    // names no other code in a heading.
    for code in ALL_CODES {
        for lang in [Lang::Zh, Lang::En] {
            let text = explain_code(code, lang).unwrap();
            let heads: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
            assert_eq!(
                heads.len(),
                1,
                "{code} ({lang:?}) spans several sections: {heads:?}"
            );
            assert!(heads[0].starts_with(&format!("## {code}")));
        }
    }
}
