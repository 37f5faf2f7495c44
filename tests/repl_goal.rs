//! `:goal` answers checked against brute force: every grid point of the
//! searched range scored exactly, on the seed rubrics.

use jixiao::check::Checked;
use jixiao::diag::{Lang, SourceMap};
use jixiao::eval::value::Value;
use jixiao::eval::FactSet;
use jixiao::repl::{goal, solve, Session};
use rust_decimal::Decimal;

fn load(stem: &str) -> (Checked, FactSet) {
    let mut map = SourceMap::new();
    let rules = std::fs::read_to_string(format!("rules/{stem}.jx")).unwrap();
    let id = map.add(stem, rules);
    let c = jixiao::compile(&map, id)
        .unwrap_or_else(|_| panic!("{stem} compiles"))
        .checked;
    let facts = std::fs::read_to_string(format!("rules/{stem}.facts.toml")).unwrap();
    let fid = map.add("facts", facts.clone());
    let f = jixiao::facts::load(&facts, fid, jixiao::facts::Format::Toml, &c)
        .unwrap_or_else(|_| panic!("{stem} facts load"));
    (c, f)
}

/// The grid intervals where the target holds, by scoring every point.
fn brute(
    c: &Checked,
    f: &FactSet,
    g: &goal::Goal,
    lo: Decimal,
    hi: Decimal,
    h: Decimal,
) -> Vec<(Decimal, Decimal)> {
    let mut runs: Vec<(Decimal, Decimal)> = Vec::new();
    let mut set = f.clone();
    // Only the values the constraints on this input allow are answers.
    let domain = jixiao::facts::constraints_on(c, g.slot);
    let mut env = jixiao::eval::Env::new(c.slot_count());
    let mut open = false;
    let mut x = lo;
    while x <= hi {
        set.values[g.slot as usize] = Some(Value::Num(x));
        let allowed = jixiao::facts::check_constraints(&domain, &set).is_empty();
        let met = allowed
            && jixiao::eval::score_in(c, &set, &mut env)
                .map(|card| g.target.met(&card))
                .unwrap_or(false);
        match (met, open) {
            (true, true) => runs.last_mut().unwrap().1 = x,
            (true, false) => runs.push((x, x)),
            _ => {}
        }
        open = met;
        x += h;
    }
    runs
}

fn check(stem: &str, goal_text: &str) -> goal::GoalAnswer {
    let (c, f) = load(stem);
    let g =
        goal::parse(&c, goal_text).unwrap_or_else(|m| panic!("{goal_text}: {}", m.text(Lang::En)));
    let ans = solve(&c, &f, &g).unwrap_or_else(|d| panic!("{goal_text}: {}", d.msg.text(Lang::En)));
    let points = ((ans.hi - ans.lo) / ans.step).to_string();
    let expected = brute(&c, &f, &g, ans.lo, ans.hi, ans.step);
    assert_eq!(
        ans.runs, expected,
        "{stem}: {goal_text} (grid of {points} steps)"
    );
    eprintln!(
        "{stem}: {goal_text}: {} evaluations instead of {points}",
        ans.evaluations
    );
    ans
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn an_exact_equality_row_is_found() {
    // Only 预算完成率 = 100% gives 10 points, so 93 points need exactly 100%.
    let a = check("shaanxi-2019", "总分 >= 93 by 预算完成率");
    assert_eq!(a.runs, vec![(d("1.0000"), d("1.0000"))]);
    assert!(!a.now_met);
}

#[test]
fn an_indicator_target_on_a_tier_table() {
    let a = check("shaanxi-2019", "预算完成率 >= 9 by 预算完成率 精度 0.1%");
    assert_eq!(a.runs.len(), 1);
    assert_eq!(a.runs[0].0, d("0.95"));
}

#[test]
fn a_grade_through_a_whole_step_deduction() {
    let a = check("shaanxi-2019", "等级 = 优 by 预算调整率");
    assert!(a.now_met);
    // 91 points now: one point (10 steps of 0.1pp past 5%) may go; 6.1% is the 11th step.
    assert_eq!(a.runs, vec![(d("0"), d("0.0609"))]);
    check("shaanxi-2019", "总分 >= 88 by 三公经费控制率 精度 0.1%");
}

#[test]
fn money_through_a_derived_rate() {
    let a = check("jinzhong-2020", "总分 >= 92 by 预算执行金额 精度 2 万元");
    assert_eq!(a.runs.first().map(|r| r.0), Some(d("69520000")));
    check(
        "jinzhong-2020",
        "预算调整率 >= 2.4 by 调整后预算数 精度 5 万元",
    );
}

#[test]
fn an_input_in_a_denominator() {
    check("jinzhong-2020", "总分 >= 93 by 年初预算金额 精度 10 万元");
}

#[test]
fn proportional_and_ratio_scores_with_rounding() {
    let a = check("dongxihu-2020", "总分 >= 98 by 预算执行率 精度 0.05%");
    assert_eq!(a.runs.first().map(|r| r.0), Some(d("0.9")));
    check("dongxihu-2020", "总分 >= 96 by 预算执行率 精度 0.01%");
}

#[test]
fn unreachable_and_unaffected_targets() {
    let a = check("shaanxi-2019", "总分 >= 95 by 预算完成率 精度 0.1%");
    assert!(a.runs.is_empty());
    assert_eq!(a.best.map(|b| b.1), Some(d("93")));
    let a = check("jinzhong-2020", "总分 >= 99 by 在职人数");
    assert!(a.runs.is_empty() && a.affected);
    let (c, f) = load("dongxihu-2020");
    // 产出指标 is a target table: its rows are facts, not the input searched.
    let g = goal::parse(&c, "产出指标 >= 40 by 设备运行正常").unwrap();
    assert!(!solve(&c, &f, &g).unwrap().affected);
}

#[test]
fn choices_are_enumerated() {
    let (c, f) = load("jinzhong-2020");
    let g = goal::parse(&c, "社会公众或服务对象满意度 >= 5 by 满意度").unwrap();
    let a = solve(&c, &f, &g).unwrap();
    let met: Vec<bool> = a.values.iter().map(|v| v.1).collect();
    assert_eq!(met, vec![true, true, false]);
}

#[test]
fn goal_text_in_the_session() {
    let mut s = Session::new(Lang::Zh);
    assert!(!s.handle(":load rules/shaanxi-2019.jx").failed);
    assert!(!s.handle(":facts rules/shaanxi-2019.facts.toml").failed);
    let r = s.handle(":goal 总分 >= 92 by 预算完成率");
    assert_eq!(r.text, "当前 预算完成率 = 93.00%\n最小值 预算完成率 = 95.00%\n（精度 0.01%，搜索范围 0.00% ~ 200.00%）\n");
    let r = s.handle(":goal 总分 >= 95 by 预算完成率");
    assert!(
        r.text.contains("无法达到") && r.text.contains("93.00（预算完成率 = 100.00%）"),
        "{}",
        r.text
    );
}

#[test]
fn a_grade_that_no_value_reaches_is_not_called_unaffected() {
    // The total moves with 年初预算金额 but stays at or above 90 throughout.
    let a = check("jinzhong-2020", "等级 = 良 by 年初预算金额 精度 10 万元");
    assert!(a.runs.is_empty() && a.affected, "{a:?}");
    let a = check("jinzhong-2020", "总分 >= 90 by 年初预算金额 精度 10 万元");
    assert_eq!(a.runs, vec![(a.lo, a.hi)]);
}

mod random_targets {
    use super::*;
    use proptest::prelude::*;

    const FACTS: [&str; 6] = [
        "预算完成率",
        "预算调整率",
        "半年支出进度",
        "前三季度支出进度",
        "预算编制准确率",
        "三公经费控制率",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20, ..ProptestConfig::default() })]
        /// Any total target, any rate input of the Shaanxi rubric: the solver's
        /// intervals are exactly those found by scoring every grid point.
        #[test]
        fn solver_agrees_with_brute_force(fact in 0usize..6, total in 80u32..98, op in 0usize..3) {
            let op = [">=", ">", "<"][op];
            let text = format!("总分 {op} {total} by {} 精度 0.5%", FACTS[fact]);
            static RUBRIC: std::sync::OnceLock<(Checked, FactSet)> = std::sync::OnceLock::new();
            let (c, f) = RUBRIC.get_or_init(|| load("shaanxi-2019"));
            let g = goal::parse(c, &text).unwrap();
            let ans = solve(c, f, &g).unwrap();
            prop_assert_eq!(ans.runs.clone(), brute(c, f, &g, ans.lo, ans.hi, ans.step), "{}", text);
        }
    }
}

/// A session on an inline rubric, written to a scratch file.
fn inline_session(name: &str, rules: &str) -> Session {
    let dir = std::env::temp_dir().join(format!("jixiao-goal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.jx"));
    std::fs::write(&path, rules).unwrap();
    let mut s = Session::new(Lang::Zh);
    let r = s.handle(&format!(":load {}", path.display()));
    assert!(!r.failed, "{}", r.text);
    s
}

#[test]
fn thresholds_of_any_magnitude_are_found_or_said_to_be_beyond() {
    // F7: 20000 万元 from nothing set, from 0 and from 1 万元.
    let rules = "评分表 \"规模\" 满分 10\n等级 优 >= 9，差\n输入 支出: 万元\n指标 规模 10 { 如果 支出 >= 20000 万元 则 10 否则 5 }\n";
    let mut s = inline_session("far", rules);
    for set in [None, Some("0 万元"), Some("1 万元")] {
        if let Some(v) = set {
            assert!(!s.handle(&format!(":set 支出 = {v}")).failed);
        }
        let r = s.handle(":goal 总分 >= 10 by 支出");
        assert!(
            r.text.contains("最小值 支出 = 20000 万元"),
            "{set:?}: {}",
            r.text
        );
    }
    // Farther than the grid can count: said so, not "does not affect".
    let rules = rules.replace("20000 万元", "20000000000000 万元");
    let mut s = inline_session("beyond", &rules);
    let r = s.handle(":goal 总分 >= 10 by 支出");
    assert!(r.text.contains("搜索范围之外"), "{}", r.text);
    assert!(!r.text.contains("不影响"), "{}", r.text);
}

#[test]
fn the_search_keeps_to_what_declarations_and_constraints_allow() {
    let count = "评分表 \"c\" 满分 10\n等级 优 >= 9，差\n输入 人数: 人\n指标 甲 10 { 如果 人数 + 10 人 <= 5 人 则 10 否则 5 }\n";
    let mut s = inline_session("count", count);
    assert!(!s.handle(":set 人数 = 8 人").failed);
    let r = s.handle(":goal 总分 >= 10 by 人数");
    // Only −5 人 would do, and a count is never negative.
    assert!(r.text.contains("无法达到"), "{}", r.text);
    assert!(
        r.text.contains("搜索范围 0 人 ~"),
        "counts are never negative: {}",
        r.text
    );
    let positive = "评分表 \"p\" 满分 10\n等级 优 >= 9，差\n输入 额: 万元 正数\n指标 甲 10 { 如果 额 <= 5 万元 则 10 否则 5 }\n";
    let mut s = inline_session("positive", positive);
    assert!(!s.handle(":set 额 = 8 万元").failed);
    let r = s.handle(":goal 总分 >= 10 by 额");
    assert!(
        r.text.contains("搜索范围 0.01 万元 ~"),
        "正数 is > 0: {}",
        r.text
    );
    // 约束 率 ≤ 100% forbids the 120% the rule asks for.
    let capped = "评分表 \"k\" 满分 10\n等级 优 >= 9，差\n输入 率: 百分比\n约束 率 ≤ 100%\n指标 甲 10 { 如果 率 >= 120% 则 10 否则 5 }\n";
    let mut s = inline_session("capped", capped);
    assert!(!s.handle(":set 率 = 90%").failed);
    let r = s.handle(":goal 总分 >= 10 by 率");
    assert!(
        r.text.starts_with("当前 率 = 90.00%\n无法达到"),
        "{}",
        r.text
    );
    assert!(!r.text.contains("最小值"), "{}", r.text);
    let r = s.handle(":goal 总分 >= 5 by 率");
    assert!(r.text.contains("~ 100.00%"), "{}", r.text);
}

/// A rubric and its facts from text, for the exactness tests below.
fn inline(rules: &str, facts: &str) -> (Checked, FactSet) {
    let mut map = SourceMap::new();
    let id = map.add("inline.jx", rules.to_string());
    let c = jixiao::compile(&map, id)
        .unwrap_or_else(|d| panic!("compiles: {:?}", d.0))
        .checked;
    let fid = map.add("facts", facts.to_string());
    let f = jixiao::facts::load(facts, fid, jixiao::facts::Format::Toml, &c)
        .unwrap_or_else(|d| panic!("facts load: {:?}", d.0));
    (c, f)
}

#[test]
fn a_threshold_that_is_a_repeating_fraction_is_found_exactly() {
    // 支出 must lie within [预算 / 3, 预算 / 3 + 0.0067 元]: for 预算 = 100 元
    // only the grid point 33.34 元 does (100/3 = 33.333…). The offset K keeps
    // the pivots' values at 28 digits and more: a breakpoint computed on
    // decimals rounds 门槛 to a whole number of 元 there and searched around
    // 33 元, missing the run; computed exactly it is 100/3, next to 33.34.
    let rules =
        "评分表 \"三分之一\" 满分 10\n等级 优 >= 9，差\n输入 支出: 元\n输入 预算: 元 正数\n\
        定义 K = 100000000000000 元 * 10000000000000\n\
        定义 门槛 = 预算 / 3 + K\n\
        定义 上限 = 门槛 + 0.0067 元\n\
        指标 甲 10 { 如果 支出 + K 在 门槛（含）和 上限（含）之间 则 10 否则 5 }\n";
    let (c, f) = inline(rules, "支出 = \"10 元\"\n预算 = \"100 元\"\n");
    let g =
        goal::parse(&c, "总分 >= 10 by 支出").unwrap_or_else(|m| panic!("{}", m.text(Lang::En)));
    let ans = solve(&c, &f, &g).unwrap_or_else(|d| panic!("{}", d.msg.text(Lang::En)));
    assert_eq!(ans.runs, vec![(d("33.34"), d("33.34"))], "{ans:?}");
    // And a third of a money input as a plain threshold, against brute force.
    let rules =
        "评分表 \"三分之一\" 满分 10\n等级 优 >= 9，差\n输入 支出: 元\n输入 预算: 元 正数\n\
        指标 甲 10 { 如果 支出 ≥ 预算 / 3 则 10 否则 5 }\n";
    let (c, f) = inline(rules, "支出 = \"10 元\"\n预算 = \"100 元\"\n");
    for (target, first) in [
        ("总分 >= 10 by 支出", "33.34"),
        ("总分 >= 10 by 预算", "0.01"),
    ] {
        let g = goal::parse(&c, target).unwrap();
        let ans = solve(&c, &f, &g).unwrap();
        let expected = brute(&c, &f, &g, ans.lo, ans.hi, ans.step);
        assert_eq!(ans.runs, expected, "{target}");
        assert_eq!(ans.runs[0].0, d(first), "{target}: {ans:?}");
    }
}
