//! `:goal … by 表[N].实际完成值`: the least (≥ rows) or greatest (≤ rows)
//! actual reaching a target, checked against scoring on both sides of the
//! answer; = / 定性 rows and other columns are refused (E607).

use jixiao::diag::Lang;
use jixiao::repl::Session;

fn session(facts: &str) -> Session {
    let mut s = Session::new(Lang::Zh);
    assert!(!s.handle(":load rules/project-2020.jx").failed);
    let r = s.handle(&format!(":facts rules/project-2020.{facts}.facts.toml"));
    assert!(!r.failed, "{}", r.text);
    s
}

fn ok(s: &mut Session, input: &str) -> String {
    let r = s.handle(input);
    assert!(!r.failed, "{input}:\n{}", r.text);
    r.text
}

/// The total after `:whatif ASSIGNMENT` (the `总分  前 → 后` line's after).
fn total_if(s: &mut Session, assignment: &str) -> String {
    let w = ok(s, &format!(":whatif {assignment}"));
    let line = w
        .lines()
        .find(|l| l.starts_with("总分"))
        .unwrap()
        .to_string();
    line.rsplit(' ').next().unwrap().to_string()
}

#[test]
fn the_least_actual_of_an_at_least_row() {
    let mut s = session("tushu");
    let a = ok(&mut s, ":goal 总分 >= 95 by 绩效指标[3].实际完成值");
    assert!(a.contains("当前 绩效指标[3].实际完成值 = 4000 人次"), "{a}");
    assert!(
        a.contains("最小值 绩效指标[3].实际完成值 = 4342 人次"),
        "{a}"
    );
    // 68.95 + 30 × x ÷ 5000: 4341 gives 94.99, 4342 gives 95.00.
    assert_eq!(
        total_if(&mut s, "绩效指标[3].实际完成值 = 4341 人次"),
        "94.99"
    );
    assert_eq!(
        total_if(&mut s, "绩效指标[3].实际完成值 = 4342 人次"),
        "95.00"
    );
    let a = ok(&mut s, ":goal 总分 >= 99 by 绩效指标[3].实际完成值");
    assert!(a.contains("无法达到") && a.contains("98.95"), "{a}");
    // A rate row, on a 0.01% grid; the session is unchanged.
    let a = ok(&mut s, ":goal 绩效指标 >= 80 by 绩效指标[2].实际完成值");
    assert!(a.contains("当前已达到目标") && a.contains("75.98%"), "{a}");
    assert_eq!(total_if(&mut s, "绩效指标[2].实际完成值 = 75.97%"), "89.99");
    assert_eq!(total_if(&mut s, "绩效指标[2].实际完成值 = 75.98%"), "90.00");
}

#[test]
fn the_greatest_actual_of_an_at_most_row() {
    let mut s = session("yinshui");
    let a = ok(&mut s, ":goal 总分 >= 93.5 by 绩效指标[4].实际完成值");
    assert!(a.contains("最大值 绩效指标[4].实际完成值 = 10 个月"), "{a}");
    let a = ok(&mut s, ":goal 总分 >= 90 by 绩效指标[5].实际完成值");
    assert!(a.contains("保持达标的取值范围 0 万元 ~ 64.35 万元"), "{a}");
    assert_eq!(
        total_if(&mut s, "绩效指标[5].实际完成值 = 64.35 万元"),
        "90.00"
    );
    assert_eq!(
        total_if(&mut s, "绩效指标[5].实际完成值 = 64.36 万元"),
        "89.99"
    );
}

#[test]
fn other_rows_and_columns_are_refused() {
    let mut s = session("tushu");
    let r = s.handle(":goal 总分 >= 95 by 绩效指标[3].分值");
    assert!(r.failed && r.text.contains("[E607]"), "{}", r.text);
    let r = s.handle(":goal 总分 >= 95 by 绩效指标[9].实际完成值");
    assert!(r.failed && r.text.contains("[E355]"), "{}", r.text);
}
