//! Scores equal exact rational arithmetic on the input decimals: the
//! reproductions of issue 10 and finding F6 (reliability-2026-12), each
//! scored by both evaluators.

mod common;

use jixiao::compiled::Compiled;

/// The total as text, from the reference and from the compiled evaluator
/// (which must agree).
fn total(rules: &str, toml: &str) -> String {
    let (c, mut map) = common::compile(rules);
    let f = common::facts(&c, &mut map, toml);
    let want = jixiao::eval::score(&c, &f).expect("scores");
    let k = Compiled::new(&c);
    let got = k.score(&f, &mut k.scratch()).expect("scores compiled");
    assert_eq!(format!("{got:?}"), format!("{want:?}"));
    common::total(&c, &want)
}

fn repro(stem: &str) -> String {
    let dir = format!("{}/tests/exact", env!("CARGO_MANIFEST_DIR"));
    let read = |ext: &str| std::fs::read_to_string(format!("{dir}/{stem}.{ext}")).unwrap();
    total(&read("jx"), &read("facts.toml"))
}

#[test]
fn three_times_one_over_120_is_0_025_and_rounds_up() {
    // 3 × 1/120 = 0.025 exactly; a quotient cut to 28 digits gave 0.02.
    assert_eq!(repro("exact-ratio"), "0.03");
}

#[test]
fn truncating_thirty_times_a_third_gives_ten() {
    // 30 × 100/300 = 10 exactly; 截断 of 9.999…9 gave 9.99.
    assert_eq!(repro("truncate-quotient"), "10.00");
}

fn shaped(mode: &str, shape: &str, done: &str, plan: &str) -> String {
    let rules = format!(
        "评分表 \"F6\" 满分 30\n保留 2 位小数（{mode}）\n等级 优 >= 27，差\n\
         输入 完成数: 万元\n输入 预算数: 万元 正数\n定义 完成率 = 完成数 / 预算数\n\
         指标 预算执行 30 {{ {shape} }}\n"
    );
    total(
        &rules,
        &format!("完成数 = \"{done} 万元\"\n预算数 = \"{plan} 万元\"\n"),
    )
}

/// F6: the six quotients that 截断 and 进一 got 0.01 wrong, in both shapes.
#[test]
fn f6_truncate_and_round_up_of_thirds_and_sixths() {
    let cases = [
        ("截断", "1", "3", "10.00"),
        ("截断", "100", "300", "10.00"),
        ("截断", "5", "6", "25.00"),
        ("进一", "2", "3", "20.00"),
        ("进一", "200", "300", "20.00"),
        ("进一", "1", "6", "5.00"),
    ];
    for (mode, done, plan, want) in cases {
        for shape in ["按比例 完成率", "正向 实际 完成数 目标 预算数"] {
            assert_eq!(
                shaped(mode, shape, done, plan),
                want,
                "{mode} {shape}: {done}/{plan}"
            );
        }
    }
}

#[test]
fn a_ratio_exactly_on_a_threshold_takes_the_row() {
    // 2/3 ≥ 2/3 (a constant that is not a decimal): the row holds.
    let rules = "评分表 \"阈值\" 满分 10\n保留 2 位小数（四舍五入）\n等级 优 >= 9，差\n\
                 输入 甲: 万元\n输入 乙: 万元 正数\n定义 率 = 甲 / 乙\n\
                 指标 达标 10 {\n  如果 率 >= 200% / 3 则 10\n  否则 0\n}\n";
    assert_eq!(total(rules, "甲 = \"2 万元\"\n乙 = \"3 万元\"\n"), "10.00");
    assert_eq!(
        total(rules, "甲 = \"1.9999 万元\"\n乙 = \"3 万元\"\n"),
        "0.00"
    );
}

#[test]
fn half_even_at_an_exact_half_of_a_quotient() {
    // 30 × 1/240 = 0.125: 四舍六入 keeps 0.12, 四舍五入 gives 0.13.
    let rules = |mode: &str| {
        format!(
            "评分表 \"半\" 满分 30\n保留 2 位小数（{mode}）\n等级 优 >= 27，差\n\
             输入 完成数: 万元\n输入 预算数: 万元 正数\n\
             指标 完成 30 {{ 正向 实际 完成数 目标 预算数 }}\n"
        )
    };
    let facts = "完成数 = \"1 万元\"\n预算数 = \"240 万元\"\n";
    assert_eq!(total(&rules("四舍六入"), facts), "0.12");
    assert_eq!(total(&rules("四舍五入"), facts), "0.13");
}
