//! The tier lints are proofs, so they must agree with the evaluator on
//! every value: a table reported gap-free never fails to match a row, and a
//! reported gap's witness really matches none.

use jixiao::diag::{Lang, SourceMap};
use proptest::prelude::*;

fn compile(rules: &str) -> (jixiao::check::Checked, Vec<jixiao::diag::Diagnostic>) {
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    let out = jixiao::compile(&map, id).unwrap_or_else(|d| panic!("{rules}\n{:?}", d.0));
    (out.checked, out.warnings.0)
}

/// Whether scoring at `pct` percent finds no row (E402).
fn unmatched(c: &jixiao::check::Checked, pct: &str) -> bool {
    let text = format!("率 = \"{pct}%\"\n");
    let set = jixiao::facts::load(&text, 1, jixiao::facts::Format::Toml, c).unwrap();
    match jixiao::eval::score(c, &set) {
        Ok(_) => false,
        Err(d) => {
            assert_eq!(d.code(), "E402");
            true
        }
    }
}

fn row(op: u8, a: u8, b: u8) -> String {
    let (lo, hi) = (a.min(b), a.max(b));
    match op {
        0 => format!("率 ≥ {a}%"),
        1 => format!("率 ＞ {a}%"),
        2 => format!("率 ≤ {a}%"),
        3 => format!("率 ＜ {a}%"),
        4 => format!("率 = {a}%"),
        5 => format!("率 在 {lo}%（含）和 {hi}% 之间"),
        6 => format!("率 在 {lo}% 和 {hi}%（含）之间"),
        _ => format!("率 在 {lo}% 和 {hi}% 之间"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn gap_lints_agree_with_the_evaluator(rows in proptest::collection::vec((0u8..8, 0u8..6, 0u8..6), 1..5)) {
        let body: String = rows.iter().map(|(op, a, b)| format!("  如果 {} 则 1\n", row(*op, *a * 2, *b * 2))).collect();
        let rules = format!("评分表 \"t\" 年度 2020 满分 1\n等级 优 >= 1，差\n输入 率: 百分比\n指标 甲 1 {{\n{body}}}\n");
        let (c, warnings) = compile(&rules);
        let gaps: Vec<String> = warnings.iter().filter(|d| matches!(d.code(), "W203" | "W210")).map(|d| d.msg.text(Lang::En)).collect();
        // Every value from 0% to 12% in steps of 0.5%, thresholds included.
        let any_unmatched = (0..=24).any(|k: u32| unmatched(&c, &format!("{}.{}", k / 2, if k % 2 == 1 { 5 } else { 0 })));
        prop_assert_eq!(!gaps.is_empty(), any_unmatched || unmatched(&c, "1000"), "{}\n{:?}", rules, gaps);
    }
}
