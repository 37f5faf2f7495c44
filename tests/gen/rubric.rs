//! Generators of rule-file text shared by the round-trip and formatter
//! property tests (`#[path]`-included: not a test target of its own).

#![allow(dead_code)]

use proptest::prelude::*;

const NAMES: &[&str] = &["预算完成率", "a", "结转结余率", "x2"];

pub fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..100000, 0u32..4).prop_map(|(n, scale)| {
            let d = rust_decimal::Decimal::new(n as i64, scale);
            d.to_string()
        }),
        (0u32..1000).prop_map(|n| format!("{n}%")),
        (0u32..100).prop_map(|n| format!("{n}个百分点")),
        proptest::sample::select(NAMES).prop_map(|s| s.to_string()),
    ]
}

pub fn arith() -> impl Strategy<Value = String> {
    leaf().prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            (
                inner.clone(),
                proptest::sample::select(&["+", "-", "×", "/", "*", "÷"][..]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            inner.clone().prop_map(|a| format!("|{a}|")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("max({a}, {b})")),
        ]
    })
}

pub fn cond() -> impl Strategy<Value = String> {
    let cmp = (
        arith(),
        proptest::sample::select(&["=", "≥", "<=", "＜", ">", "≠"][..]),
        arith(),
    )
        .prop_map(|(a, op, b)| format!("{a} {op} {b}"));
    let chain = (arith(), arith(), arith()).prop_map(|(a, b, c)| format!("{a} <= {b} < {c}"));
    let between = (arith(), arith(), any::<bool>(), arith(), any::<bool>()).prop_map(
        |(x, lo, li, hi, hi_)| {
            format!(
                "{x} 在 {lo}{} 和 {hi}{} 之间",
                if li { "（含）" } else { "" },
                if hi_ { "（含）" } else { "" }
            )
        },
    );
    prop_oneof![cmp, chain, between].prop_recursive(2, 6, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} 且 {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
            inner.clone().prop_map(|a| format!("非 ({a})")),
        ]
    })
}
