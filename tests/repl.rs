//! The REPL backend: every command, expressions and definitions, and errors
//! that leave the session usable.

use jixiao::diag::Lang;
use jixiao::repl::Session;

fn session(stem: &str) -> Session {
    let mut s = Session::new(Lang::Zh);
    let r = s.handle(&format!(":load rules/{stem}.jx"));
    assert!(!r.failed, "{}", r.text);
    let r = s.handle(&format!(":facts rules/{stem}.facts.toml"));
    assert!(!r.failed, "{}", r.text);
    s
}

/// The reply text, asserting success.
fn ok(s: &mut Session, input: &str) -> String {
    let r = s.handle(input);
    assert!(!r.failed && r.go_on, "{input}:\n{}", r.text);
    r.text
}

/// The reply text, asserting failure with the diagnostic `code`.
fn fails(s: &mut Session, input: &str, code: &str) -> String {
    let r = s.handle(input);
    assert!(r.failed && r.go_on, "{input} should fail:\n{}", r.text);
    assert!(
        r.text.contains(&format!("[{code}]")),
        "{input} should report {code}:\n{}",
        r.text
    );
    r.text
}

#[test]
fn expressions_print_with_their_units() {
    let mut s = session("shaanxi-2019");
    assert_eq!(ok(&mut s, "预算完成率"), "93.00%\n");
    assert_eq!(ok(&mut s, "100% - 预算完成率"), "7.00%\n");
    assert_eq!(ok(&mut s, "预算完成率 ≥ 95%"), "否\n");
    assert_eq!(ok(&mut s, "项目产出档次"), "好\n");
    assert!(
        ok(&mut s, "预算执行").contains("预算执行                25     16.00"),
        "an indicator's name shows its score"
    );
    let mut j = session("jinzhong-2020");
    assert_eq!(ok(&mut j, "预算数"), "7811.08 万元\n");
    assert_eq!(ok(&mut j, "预算执行金额 - 6000 万元"), "702 万元\n");
    let t = fails(&mut j, "预算执行金额 + 5%", "E103");
    assert!(
        t.contains("<输入>:1:1"),
        "the error points at what was typed:\n{t}"
    );
}

#[test]
fn expressions_without_a_rubric_and_errors_that_do_not_end_the_session() {
    let mut s = Session::new(Lang::Zh);
    assert_eq!(ok(&mut s, "1 + 2 * 3"), "7\n");
    assert_eq!(ok(&mut s, "50% + 1%"), "51.00%\n");
    fails(&mut s, "不存在 + 1", "E101");
    let r = s.handle("1 +");
    assert!(
        r.failed && r.text.contains("[E0"),
        "a syntax error (E0xx):\n{}",
        r.text
    );
    fails(&mut s, ":score", "E603");
    assert_eq!(ok(&mut s, "2 * 3"), "6\n");
}

#[test]
fn type_of_an_expression() {
    let mut s = session("jinzhong-2020");
    assert_eq!(ok(&mut s, ":type 预算执行金额 / 预算数"), "百分比\n");
    assert_eq!(ok(&mut s, ":类型 预算数"), "万元\n");
    assert_eq!(ok(&mut s, ":type 预算完成率 >= 95%"), "是否\n");
    fails(&mut s, ":type", "E602");
}

#[test]
fn definitions_are_added_and_replaced_and_rolled_back() {
    let mut s = session("jinzhong-2020");
    assert_eq!(ok(&mut s, "定义 两倍预算 = 预算数 * 2"), "已加入会话\n");
    assert_eq!(ok(&mut s, "两倍预算"), "15622.16 万元\n");
    // A new tier table for an existing indicator replaces it in place.
    ok(
        &mut s,
        "指标 预算完成率 3 {\n  如果 预算完成率 ≥ 85% 则 3\n  否则 0\n}",
    );
    assert!(ok(&mut s, ":score 预算完成率").contains("3.00"));
    // Weights that no longer add up: rejected, the session keeps the old table.
    fails(
        &mut s,
        "指标 预算完成率 4 { 如果 预算完成率 ≥ 85% 则 4 否则 0 }",
        "E106",
    );
    fails(&mut s, "定义 坏 = 不存在 + 1", "E101");
    fails(&mut s, "两倍预算 + 1%", "E103");
    assert!(ok(&mut s, ":score").contains("93.60"));
}

#[test]
fn load_reload_and_facts() {
    let mut s = Session::new(Lang::Zh);
    assert_eq!(
        ok(&mut s, ":载入 rules/shaanxi-2019.jx"),
        "已载入 rules/shaanxi-2019.jx\n"
    );
    fails(&mut s, ":score", "E301");
    fails(&mut s, ":facts rules/none.toml", "E501");
    fails(&mut s, ":facts rules/shaanxi-2019.jx", "E310");
    ok(&mut s, ":facts rules/shaanxi-2019.facts.toml");
    assert!(ok(&mut s, ":facts").contains("预算完成率 = 93.00%\n"));
    ok(&mut s, ":set 预算完成率 = 100%");
    assert!(ok(&mut s, ":reload").starts_with("已载入"));
    assert_eq!(
        ok(&mut s, "预算完成率"),
        "100.00%\n",
        ":reload keeps the facts and the values set by hand"
    );
    fails(&mut s, ":load rules/none.jx", "E501");
    assert_eq!(
        ok(&mut s, "预算完成率"),
        "100.00%\n",
        "a failed :load changes nothing"
    );
}

#[test]
fn set_and_unset() {
    let mut s = session("shaanxi-2019");
    assert_eq!(ok(&mut s, ":set 预算完成率 = 96%"), "已设定 预算完成率\n");
    assert_eq!(ok(&mut s, "预算完成率"), "96.00%\n");
    let t = fails(&mut s, ":set 预算完成率 = 0.96", "E303");
    assert!(t.contains("缺少 %"), "{t}");
    let t = fails(&mut s, ":set 预算完成 = 96%", "E302");
    assert!(t.contains("是否应为“预算完成率”"), "did you mean: {t}");
    fails(&mut s, ":set 预算完成率", "E602");
    ok(&mut s, ":unset 预算完成率");
    fails(&mut s, "预算完成率", "E301");
    fails(&mut s, ":score", "E301");
    let mut j = session("jinzhong-2020");
    fails(&mut j, ":set 预算完成率 = 96%", "E606");
    ok(&mut j, ":设 预算执行金额 = 7,500 万元");
    assert_eq!(ok(&mut j, "预算执行金额"), "7500 万元\n");
}

#[test]
fn score_explain_and_tree() {
    let mut s = session("shaanxi-2019");
    let card = ok(&mut s, ":score");
    assert!(
        card.contains("总分") && card.contains("91.00") && card.contains("等级：优"),
        "{card}"
    );
    let sub = ok(&mut s, ":得分 预算执行");
    assert!(
        sub.lines().nth(1).unwrap().starts_with("预算执行")
            && sub.contains("16.00")
            && !sub.contains("过程"),
        "{sub}"
    );
    let ex = ok(&mut s, ":explain 预算完成率");
    assert!(
        ex.contains("事实 预算完成率 = 93.00%") && ex.contains("shaanxi-2019.jx:40"),
        "{ex}"
    );
    let t = fails(&mut s, ":explain 预算完成", "E604");
    assert!(t.contains("预算完成率"), "did you mean: {t}");
    let tree = ok(&mut s, ":tree");
    assert!(tree.contains("    预算完成率 10  ← 预算完成率\n"), "{tree}");
}

#[test]
fn what_if_leaves_the_session_unchanged() {
    let mut s = session("shaanxi-2019");
    let w = ok(&mut s, ":whatif 预算完成率 = 100%, 半年支出进度 = 45%");
    assert!(w.contains("预算完成率  8.00 → 10.00"), "{w}");
    assert!(w.contains("半年进度") && w.contains("0.00 → 2.00"), "{w}");
    assert!(w.contains("91.00 → 95.00") && w.contains("优 → 优"), "{w}");
    assert_eq!(ok(&mut s, "预算完成率"), "93.00%\n");
    let same = ok(&mut s, ":假如 预算完成率 = 93%");
    assert!(same.starts_with("没有指标得分变化"), "{same}");
    let mut j = session("jinzhong-2020");
    let w = ok(&mut j, ":whatif 预算执行金额 = 7,500 万元");
    assert!(w.contains("预算完成率") && w.contains("0.30 → 3.00"), "{w}");
    fails(&mut s, ":whatif 预算完成率", "E602");
}

#[test]
fn goal_errors() {
    let mut s = session("shaanxi-2019");
    fails(&mut s, ":goal 总分 很高 by 预算完成率", "E605");
    fails(&mut s, ":goal 总分 >= 90", "E605");
    fails(&mut s, ":goal 等级 = 特优 by 预算完成率", "E112");
    fails(&mut s, ":goal 预算完成 >= 9 by 预算完成率", "E604");
    fails(&mut s, ":goal 总分 >= 90 by 不存在", "E302");
    let t = ok(&mut s, ":goal 总分 >= 90 by 项目产出档次");
    assert!(t.contains("达到目标的取值：好"), "{t}");
    ok(&mut s, ":unset 半年支出进度");
    fails(&mut s, ":goal 总分 >= 90 by 预算完成率", "E301");
}

#[test]
fn commands_help_quit_and_unknown() {
    let mut s = Session::new(Lang::En);
    let t = fails(&mut s, ":scote", "E601");
    assert!(t.contains(":score"), "did you mean: {t}");
    assert!(ok(&mut s, ":help").contains(":goal"));
    assert!(ok(&mut s, ":帮助").contains(":whatif"));
    assert_eq!(ok(&mut s, ""), "");
    let r = s.handle(":quit");
    assert!(!r.go_on && !r.failed);
    assert!(!s.handle(":退出").go_on);
}

#[test]
fn odd_inputs_fail_with_a_code_and_never_end_the_session() {
    let mut s = session("shaanxi-2019");
    for (input, code) in [
        ("((((", "E003"),
        ("}", "E016"),
        (":set = ", "E602"),
        (":whatif ,,,", "E602"),
        (":goal 总分 >= 1e999 by 预算完成率", "E605"),
        (":goal 总分 >= 90 by 预算完成率 精度 0%", "E605"),
        (":goal 总分 >= 90 by 预算完成率 精度 abc", "E304"),
        ("定义", "E012"),
        ("定义 预算完成率 = 1", "E102"),
        ("1/0", "E401"),
    ] {
        fails(&mut s, input, code);
    }
    ok(&mut s, ":set 预算调整率 = 9999999999999999999999999999%");
    // Exact arithmetic holds this deduction (it floors at zero), so the
    // search runs; a product beyond 128-bit fractions is still E404.
    let r = s.handle(":goal 总分 >= 90 by 预算完成率");
    assert!(r.go_on && r.text.contains("无法达到"), "{}", r.text);
    fails(&mut s, "预算调整率 * 预算调整率 * 预算调整率", "E404");
    ok(&mut s, ":set 预算调整率 = 5%");
    assert_eq!(ok(&mut s, "预算完成率"), "93.00%\n");
}
