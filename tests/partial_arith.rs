//! Partial documents whose unknown fact rules compute with (issue 11.6):
//! `执行率 = 执行数 / 预算数` with 执行数 = "未取得" gives exact ranges by
//! the breakpoint method (facts::breaks), and a use that is not affine in
//! the unknown stays E348 with the reason.

mod common;

use common::compile;
use jixiao::check::show::score;
use jixiao::check::Checked;
use jixiao::diag::{render_text, Lang, SourceMap};
use jixiao::eval::FactSet;
use jixiao::facts::partial::{self, Partial};
use proptest::prelude::*;

fn load(c: &Checked, map: &mut SourceMap, toml: &str) -> Result<FactSet, Vec<String>> {
    let id = map.add("facts.toml", toml.to_string());
    jixiao::facts::load(toml, id, jixiao::facts::Format::Toml, c)
        .map_err(|d| d.0.iter().map(|d| d.code().to_string()).collect())
}

fn ranges(rules: &str, toml: &str) -> (Checked, Partial) {
    let (c, mut map) = compile(rules);
    let id = map.add("facts.toml", toml.to_string());
    let fs = jixiao::facts::load(toml, id, jixiao::facts::Format::Toml, &c)
        .unwrap_or_else(|d| panic!("{}", render_text(&d.0, &map, Lang::En, false)));
    assert!(!fs.unknown.is_empty(), "no fact was read as unknown");
    match partial::score(&c, &fs) {
        Ok(p) => (c, p),
        Err(d) => panic!("{}", render_text(&[*d], &map, Lang::En, false)),
    }
}

fn range_of(c: &Checked, p: &Partial, name: &str) -> (String, String) {
    let id = c.indicator_named(name).unwrap() as usize;
    let places = c.rounding.places;
    (score(p.lo[id], places), score(p.hi[id], places))
}

fn total(c: &Checked, p: &Partial) -> (String, String) {
    let places = c.rounding.places;
    (score(p.total.0, places), score(p.total.1, places))
}

fn s(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

fn grades(c: &Checked, p: &Partial) -> Vec<String> {
    p.grades.iter().map(|&g| c.grades[g].name.clone()).collect()
}

/// 执行率 = 执行数 / 预算数 under tiers and 按比例; 执行数 lies in
/// [100 万元, 预算数] by the rubric's constraints.
const RATE: &str = r#"评分表 "执行" 满分 20
等级 优 >= 18，良 >= 12，差
输入 执行数: 万元 正数
输入 预算数: 万元 正数
约束 执行数 ≥ 100 万元
约束 执行数 ≤ 预算数
定义 执行率 = 执行数 / 预算数
指标 预算执行 10 {
  如果 执行率 ≥ 95% 则 10
  如果 执行率 ≥ 80% 则 6
  否则 0
}
指标 比例 10 {
  按比例 执行率
}
"#;

#[test]
fn a_rate_of_an_unknown_amount_under_tiers_and_proportion() {
    let (c, p) = ranges(RATE, "执行数 = \"未取得\"\n预算数 = \"300 万元\"\n");
    // Tiers: 0 below 240, 6 from 240, 10 from 285 万元.
    assert_eq!(range_of(&c, &p, "预算执行"), s("0.00", "10.00"));
    // 按比例: 10 × 100/300 = 3.333… → 3.33 at the least, 10 at 300.
    assert_eq!(range_of(&c, &p, "比例"), s("3.33", "10.00"));
    assert_eq!(total(&c, &p), s("3.33", "20.00"));
    // 240: 6 + 8 = 14 (良); 300: 20 (优); 100: 3.33 (差).
    assert_eq!(grades(&c, &p), ["优", "良", "差"]);
    let low = jixiao::eval::score(&c, &p.low.0).unwrap();
    let high = jixiao::eval::score(&c, &p.high.0).unwrap();
    assert_eq!((low.total, high.total), p.total);
    let x = c.fact_slot("执行数").unwrap() as usize;
    // In base units: 100 万元 is 1 000 000 元.
    assert_eq!(p.low.0.values[x].unwrap().num().to_string(), "1000000");
    let id = c.indicator_named("比例").unwrap() as usize;
    assert_eq!(p.depends[id], [x as u32]);
}

#[test]
fn a_repeating_quotient_reaches_every_rounding_step() {
    // 预算数 = 7: 10 × x / 7 passes 2.5 at x = 1.75 (a decimal) and every
    // hundredth of a point in between; the ends are the constraint's.
    let rules = RATE.replace("约束 执行数 ≥ 100 万元", "约束 执行数 ≥ 1 万元");
    let (c, p) = ranges(&rules, "执行数 = \"未取得\"\n预算数 = \"7 万元\"\n");
    // 10/7 = 1.428571… → 1.43.
    assert_eq!(range_of(&c, &p, "比例"), s("1.43", "10.00"));
    assert!(
        p.unknown[0].samples.len() > 800,
        "{}",
        p.unknown[0].samples.len()
    );
}

#[test]
fn a_domain_end_on_a_rounding_half_is_decided_exactly() {
    // 10 × 125 / 400 = 3.125 exactly, half way between 3.12 and 3.13.
    let even = RATE
        .replace("约束 执行数 ≥ 100 万元", "约束 执行数 ≥ 125 万元")
        .replace("等级 优", "保留 2 位小数（四舍六入）\n等级 优");
    let facts = "执行数 = \"未取得\"\n预算数 = \"400 万元\"\n";
    let (c, p) = ranges(&even, facts);
    // At 125 itself: half to even, 3.12.
    assert_eq!(range_of(&c, &p, "比例"), s("3.12", "10.00"));
    // Above 125 only: the scores just above 3.125 round to 3.13, and none
    // is lower — the one-sided limit, exactly.
    let open = even.replace("执行数 ≥ 125 万元", "执行数 > 125 万元");
    let (c, p) = ranges(&open, facts);
    assert_eq!(range_of(&c, &p, "比例"), s("3.13", "10.00"));
    // Half away from zero rounds the half itself up: 3.13 either way.
    let up = RATE.replace("约束 执行数 ≥ 100 万元", "约束 执行数 ≥ 125 万元");
    let (c, p) = ranges(&up, facts);
    assert_eq!(range_of(&c, &p, "比例"), s("3.13", "10.00"));
}

/// 结余率 falls as 执行数 rises; 节约 scores it, 比例 scores the rate.
const BOTH: &str = r#"评分表 "结余" 满分 20
等级 优 >= 18，良 >= 12，差
输入 执行数: 万元 正数
输入 预算数: 万元 正数
约束 执行数 ≥ 100 万元
约束 执行数 ≤ 预算数
定义 结余率 = (预算数 - 执行数) / 预算数
指标 结余 10 {
  如果 结余率 ≤ 5% 则 10
  如果 结余率 ≤ 20% 则 5
  否则 0
}
指标 节约 10 {
  按比例 结余率 / 50%
}
指标 比例 10 {
  按比例 执行数 / 预算数
}
"#;

#[test]
fn a_balance_rate_moves_the_other_way() {
    let rules = BOTH.replace("满分 20", "满分 30");
    let (c, p) = ranges(&rules, "执行数 = \"未取得\"\n预算数 = \"300 万元\"\n");
    // 结余率 ≤ 5% from 285, ≤ 20% from 240 万元.
    assert_eq!(range_of(&c, &p, "结余"), s("0.00", "10.00"));
    // 节约: 10 × min((300 − x)/150, 1): 10 up to 150, 0 at 300.
    assert_eq!(range_of(&c, &p, "节约"), s("0.00", "10.00"));
    let x = c.fact_slot("执行数").unwrap() as usize;
    let at_low = jixiao::eval::score(&c, &p.low.0).unwrap();
    assert_eq!(at_low.total, p.total.0);
    assert!(p.low.0.values[x].is_some());
}

#[test]
fn two_indicators_in_opposite_directions_range_the_total_together() {
    let rules = BOTH.replace(
        "指标 结余 10 {\n  如果 结余率 ≤ 5% 则 10\n  如果 结余率 ≤ 20% 则 5\n  否则 0\n}\n",
        "",
    );
    let (c, p) = ranges(&rules, "执行数 = \"未取得\"\n预算数 = \"300 万元\"\n");
    assert_eq!(range_of(&c, &p, "节约"), s("0.00", "10.00"));
    assert_eq!(range_of(&c, &p, "比例"), s("3.33", "10.00"));
    // Total = 10 × min((300 − x)/150, 1) + 10x/300: 13.33 at 100, 15 at
    // 150, 10 at 300 — not [3.33, 20], the sum of the two ranges.
    assert_eq!(total(&c, &p), s("10.00", "15.00"));
    assert_eq!(grades(&c, &p), ["良", "差"]);
}

#[test]
fn a_reverse_ratio_and_a_deduction_over_an_unknown() {
    let rules = r#"评分表 "成本" 满分 20
等级 优 >= 18，差
输入 成本: 万元 正数
约束 成本 ≤ 80 万元
指标 控制 10 { 反向 实际 成本 目标 30 万元 }
指标 超支 10 {
  从 10 分扣：成本 超出 50 万元 的部分 每 5 万元 扣 2 分（按整步），扣完为止
}
"#;
    let (c, p) = ranges(rules, "成本 = \"未取得\"\n");
    // 10 × 30/80 = 3.75 at the most expensive; full marks up to 30.
    assert_eq!(range_of(&c, &p, "控制"), s("3.75", "10.00"));
    // 30 万元 over → 6 whole steps → 12 points, floored at 0.
    assert_eq!(range_of(&c, &p, "超支"), s("0.00", "10.00"));
    assert_eq!(total(&c, &p), s("3.75", "20.00"));
}

/// Every indicator's and the total's least and greatest score over
/// x = k × step (k = 1..=n, in the fact's written unit), the other facts as
/// in `fs`: the reference the breakpoint method must equal.
fn sweep(
    c: &Checked,
    fs: &FactSet,
    name: &str,
    unit: &str,
    step: &str,
    n: u32,
) -> (Vec<(String, String)>, (String, String)) {
    use rust_decimal::Decimal;
    let x = c.fact_slot(name).unwrap() as usize;
    let places = c.rounding.places;
    let mut base = fs.clone();
    base.unknown.clear();
    let mut map = SourceMap::new();
    let one = load(c, &mut map, &format!("{name} = \"1 {unit}\"\n")).unwrap();
    let scale = one.values[x].unwrap().num();
    let step: Decimal = step.parse().unwrap();
    let k = jixiao::compiled::Compiled::new(c);
    let mut scratch = k.scratch();
    let (mut lo, mut hi) = (
        vec![Decimal::MAX; c.indicators.len()],
        vec![Decimal::MIN; c.indicators.len()],
    );
    let mut tot = (Decimal::MAX, Decimal::MIN);
    for i in 1..=n {
        let mut f = base.clone();
        f.values[x] = Some(jixiao::eval::value::Value::Num(
            scale * step * Decimal::from(i),
        ));
        let card = jixiao::eval::score(c, &f).unwrap();
        assert_eq!(k.score(&f, &mut scratch).unwrap().total, card.total);
        for (j, s) in card.indicators.iter().enumerate() {
            lo[j] = lo[j].min(s.score);
            hi[j] = hi[j].max(s.score);
        }
        tot = (tot.0.min(card.total), tot.1.max(card.total));
    }
    let each = lo
        .iter()
        .zip(&hi)
        .map(|(a, b)| (score(*a, places), score(*b, places)))
        .collect();
    (each, (score(tot.0, places), score(tot.1, places)))
}

#[test]
fn a_proportional_deduction_is_continuous_and_rounds_exactly() {
    // 10 − (x − 50)/3 past 50 万元: 6.666… → 6.67 at 60 万元.
    let rules = r#"评分表 "按比例扣" 满分 10
等级 优 >= 9，差
输入 成本: 万元 正数
约束 成本 ≤ 60 万元
指标 超支 10 {
  从 10 分扣：成本 超出 50 万元 的部分 每 3 万元 扣 1 分（按比例），扣完为止
}
"#;
    let facts = "成本 = \"未取得\"\n";
    let (c, p) = ranges(rules, facts);
    assert_eq!(range_of(&c, &p, "超支"), s("6.67", "10.00"));
    let (c, mut map) = compile(rules);
    let fs = load(&c, &mut map, facts).unwrap();
    let (each, tot) = sweep(&c, &fs, "成本", "万元", "0.01", 6000);
    assert_eq!(each[0], range_of(&c, &p, "超支"));
    assert_eq!(tot, total(&c, &p));
    // Every distinct score the sweep meets is reached by some breakpoint sample.
    assert!(p.unknown[0].samples.len() > 600);
}

#[test]
fn constraints_that_compute_with_the_unknown_cut_at_their_pivots() {
    // 执行数 ≤ 预算数 × 90% (another fact) and 执行数 × 2 ≥ 200 万元 (alone):
    // 执行数 ∈ [100, 270] 万元.
    let rules = RATE
        .replace("约束 执行数 ≤ 预算数\n", "约束 执行数 ≤ 预算数 × 90%\n")
        .replace("约束 执行数 ≥ 100 万元", "约束 执行数 × 2 ≥ 200 万元");
    let (c, p) = ranges(&rules, "执行数 = \"未取得\"\n预算数 = \"300 万元\"\n");
    // 270/300 = 90%: below 95%, so 6 at the most; 比例 9.00 at 270.
    assert_eq!(range_of(&c, &p, "预算执行"), s("0.00", "6.00"));
    assert_eq!(range_of(&c, &p, "比例"), s("3.33", "9.00"));
    assert_eq!(total(&c, &p), s("3.33", "15.00"));
    assert_eq!(grades(&c, &p), ["良", "差"]);
}

#[test]
fn uses_that_are_not_affine_stay_e348_with_the_reason() {
    let square = "评分表 \"平方\" 满分 10\n等级 优 >= 9，差\n输入 执行率: 百分比\n约束 0% ≤ 执行率 ≤ 100%\n指标 预算执行 10 { 得分 = 10 * 执行率 * 执行率 }\n";
    let (c, mut map) = compile(square);
    let id = map.add("f.toml", "执行率 = \"未取得\"\n".to_string());
    let d = jixiao::facts::load("执行率 = \"未取得\"\n", id, jixiao::facts::Format::Toml, &c)
        .unwrap_err();
    assert_eq!(d.0[0].code(), "E348");
    let text = render_text(&d.0, &map, Lang::En, false);
    assert!(
        text.contains("multiplies it by an expression of itself"),
        "{text}"
    );
    let zh = render_text(&d.0, &map, Lang::Zh, false);
    assert!(zh.contains("用它乘以含它的式子"), "{zh}");
    // Two unknowns in one quotient: the breakpoints of one move with the other.
    let (c, mut map) = compile(&RATE.replace("约束 执行数 ≤ 预算数\n", ""));
    let id = map.add("f.toml", String::new());
    let both = "执行数 = \"未取得\"\n预算数 = \"未取得\"\n";
    let d = jixiao::facts::load(both, id, jixiao::facts::Format::Toml, &c).unwrap_err();
    assert_eq!(d.0[0].code(), "E348");
    assert!(render_text(&d.0, &map, Lang::En, false).contains("unknown too"));
    // A rounding function of the unknown.
    let floor = square.replace("10 * 执行率 * 执行率", "取整(10 * 执行率)");
    let (c, mut map) = compile(&floor);
    assert_eq!(
        load(&c, &mut map, "执行率 = \"未取得\"\n").unwrap_err(),
        ["E348"]
    );
}

/// A generated rubric: 执行率 = 执行数 / 预算数 under random tiers and a
/// 按比例 row, with random rounding.
fn rubric(
    t: &[(u32, u32)],
    places: u32,
    mode: &str,
    w: u32,
    reverse: bool,
    deduct: Option<(u32, bool)>,
) -> String {
    let mut r = format!(
        "评分表 \"性质\" 满分 {}\n保留 {places} 位小数（{mode}）\n等级 优 >= 15，中 >= 8，差\n输入 执行数: 万元 正数\n输入 预算数: 万元 正数\n约束 执行数 ≤ 预算数\n定义 执行率 = 执行数 / 预算数\n",
        10 + w + if deduct.is_some() { 5 } else { 0 }
    );
    // A deduction past a third of the budget, by whole steps or 按比例.
    if let Some((step, prop)) = deduct {
        let how = if prop { "按比例" } else { "按整步" };
        r.push_str(&format!(
            "指标 超出 5 {{\n  从 5 分扣：执行数 超出 预算数 / 3 的部分 每 {step} 万元 扣 1 分（{how}），扣完为止\n}}\n"
        ));
    }
    r.push_str("指标 分档 10 {\n");
    for (th, sc) in t {
        r.push_str(&format!("  如果 执行率 ≥ {th}% 则 {}\n", sc % 11));
    }
    r.push_str("  否则 0\n}\n");
    if reverse {
        r.push_str(&format!(
            "指标 比例 {w} {{ 按比例 (预算数 - 执行数) / 预算数 }}\n"
        ));
    } else {
        r.push_str(&format!("指标 比例 {w} {{ 按比例 执行率 }}\n"));
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// The range equals the min/max over a dense exact sweep of admissible
    /// values (every hundredth of a 万元, finer than any step here), each
    /// scored by the reference evaluator, and the compiled one agrees.
    #[test]
    fn ranges_equal_a_dense_sweep(
        t in prop::collection::vec((1u32..100, 0u32..11), 1..4),
        budget in 10u32..30,
        places in 0u32..2,
        mode in 0usize..4,
        w in prop::sample::select(vec![5u32, 10]),
        reverse in any::<bool>(),
        deduct in prop::option::of((1u32..4, any::<bool>())),
    ) {
        let mode = ["四舍五入", "四舍六入", "截断", "进一"][mode];
        let rules = rubric(&t, places, mode, w, reverse, deduct);
        let (c, mut map) = compile(&rules);
        let fs = load(&c, &mut map, &format!("执行数 = \"未取得\"\n预算数 = {budget}\n")).unwrap();
        let p = partial::score(&c, &fs).unwrap();
        let k = jixiao::compiled::Compiled::new(&c);
        let mut scratch = k.scratch();
        let n = c.indicators.len();
        let (mut lo, mut hi) = (vec![None; n], vec![None; n]);
        let mut tot: Option<(rust_decimal::Decimal, rust_decimal::Decimal)> = None;
        let mut base = fs.clone();
        base.unknown.clear();
        let x = c.fact_slot("执行数").unwrap() as usize;
        // 万元 in base units (元).
        let b = c.fact_slot("预算数").unwrap() as usize;
        let unit = base.values[b].unwrap().num() / rust_decimal::Decimal::from(budget);
        for i in 1..=budget * 100 {
            let mut f = base.clone();
            let v = unit * rust_decimal::Decimal::new(i64::from(i), 2);
            f.values[x] = Some(jixiao::eval::value::Value::Num(v));
            let card = jixiao::eval::score(&c, &f).unwrap();
            let fast = k.score(&f, &mut scratch).unwrap();
            prop_assert_eq!(fast.total, card.total);
            for (j, s) in card.indicators.iter().enumerate() {
                lo[j] = Some(lo[j].map_or(s.score, |a: rust_decimal::Decimal| a.min(s.score)));
                hi[j] = Some(hi[j].map_or(s.score, |a: rust_decimal::Decimal| a.max(s.score)));
            }
            tot = Some(tot.map_or((card.total, card.total), |(a, b)| (a.min(card.total), b.max(card.total))));
        }
        prop_assert_eq!(Some(p.total), tot);
        for j in 0..n {
            prop_assert_eq!(Some(p.lo[j]), lo[j]);
            prop_assert_eq!(Some(p.hi[j]), hi[j]);
        }
        for (set, want) in [(&p.low.0, p.total.0), (&p.high.0, p.total.1)] {
            prop_assert_eq!(k.score(set, &mut scratch).unwrap().total, want);
        }
    }
}

fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

#[test]
fn check_with_facts_says_what_each_unknown_would_settle() {
    let dir = std::env::temp_dir().join(format!("jixiao-check-facts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let r = dir.join("r.jx");
    std::fs::write(&r, RATE).unwrap();
    let f = dir.join("f.toml");
    std::fs::write(&f, "执行数 = \"未取得\"\n预算数 = \"300 万元\"\n").unwrap();
    let (r, f) = (r.display().to_string(), f.display().to_string());
    let out = bin().args(["check", &r, "--facts", &f]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    // score's words: the unknown facts line, then what each one settles.
    assert!(
        text.contains("未取得的事实：执行数（未取得）；填写后即可确定得分"),
        "{text}"
    );
    assert!(
        text.contains("  执行数 填写后可确定：预算执行 [0.00, 10.00]，比例 [3.33, 10.00]，总分 [3.33, 20.00]，等级 优，良或差"),
        "{text}"
    );
    // No scorecard is printed.
    assert!(!text.contains("得分率"), "{text}");
    let out = bin()
        .args([
            "--lang", "en", "check", &r, "--facts", &f, "--format", "json",
        ])
        .output()
        .unwrap();
    // Diagnostics come first as JSON lines; the facts' summary is the last.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let u = &v["unknown"][0];
    assert_eq!(u["name"], "执行数");
    assert_eq!(u["indicators"][1]["name"], "比例");
    assert_eq!(u["indicators"][1]["score_min"], "3.33");
    assert_eq!(u["total"]["min"], "3.33");
    assert_eq!(u["grades"], serde_json::json!(["优", "良", "差"]));
    // A complete document agrees; a wrong value is the same error as in `score`.
    let g = dir.join("g.toml");
    std::fs::write(&g, "执行数 = \"200 万元\"\n预算数 = \"300 万元\"\n").unwrap();
    let g = g.display().to_string();
    let out = bin().args(["check", &r, "--facts", &g]).output().unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("事实与评分表相符"));
    std::fs::write(&g, "执行数 = \"400 万元\"\n预算数 = \"300 万元\"\n").unwrap();
    let out = bin().args(["check", &r, "--facts", &g]).output().unwrap();
    let score = bin().args(["score", &r, "--facts", &g]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    // check prints the rubric's warnings first, then the same error as score.
    assert!(
        err.ends_with(&String::from_utf8(score.stderr).unwrap()),
        "{err}"
    );
    assert!(err.contains("E312"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}
