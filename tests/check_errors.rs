//! The checker reports each kind of mistake with its code, and all of a
//! file's mistakes in one run.

mod common;
use common::codes;

const HEAD: &str = "评分表 \"测试\" 年度 2020 满分 10\n等级 优 >= 9，良 >= 8，中 >= 6，差\n";

fn with(body: &str) -> Vec<String> {
    codes(&format!("{HEAD}{body}"))
}

#[test]
fn each_checker_error_has_its_code() {
    let cases: &[(&str, &str)] = &[
        ("E101", "输入 率: 百分比\n指标 甲 10 { 如果 率子 > 1% 则 10 否则 0 }"),
        ("E102", "输入 率: 百分比\n输入 率: 百分比\n指标 甲 10 { 如果 率 > 1% 则 10 否则 0 }"),
        ("E103", "输入 钱: 万元\n输入 人数: 人\n指标 甲 10 { 如果 钱 + 人数 > 1 万元 则 10 否则 0 }"),
        ("E103", "输入 率: 百分比\n输入 钱: 万元\n指标 甲 10 { 如果 率 > 钱 则 10 否则 0 }"),
        ("E104", "输入 钱: 万元\n指标 甲 10 { 得分 = 钱 }"),
        ("E105", "输入 x: 数\n定义 a = b + x\n定义 b = a + x\n指标 甲 10 { 得分 = a }"),
        ("E106", "指标 甲 10 { 指标 乙 4 { 得分 = 4 } 指标 丙 5 { 得分 = 5 } }"),
        ("E107", "输入 x: 是否\n指标 甲 10 { 如果 x 则 12 否则 0 }"),
        ("E108", "输入 x: 是否\n指标 甲 10 { 如果 x 则 -1 否则 0 }"),
        ("E109", "输入 x: 数\n指标 甲 10 { 如果 x 则 10 否则 0 }"),
        ("E110", "输入 x: 公斤\n指标 甲 10 { 得分 = 10 }"),
        ("E111", "输入 档: {好, 差}\n指标 甲 10 { 如果 档 = 中 则 10 否则 0 }"),
        ("E112", "输入 x: 是否\n指标 甲 10 { 得分 = 10 }\n一票否决 如果 x 则 等级 不高于 甲等"),
        ("E113", "指标 甲 5 { 得分 = 5 }\n指标 甲 5 { 得分 = 5 }"),
        ("E114", "指标 甲 10 { }"),
        ("E115", "指标 甲 10 { 指标 乙 10 { 得分 = 10 } 得分 = 10 }"),
        ("E116", "输入 x: 是否\n指标 甲 5 { 不适用 如果 x 则 转给 丁\n 得分 = 5 }\n指标 乙 5 { 得分 = 5 }"),
        ("E117", "输入 档: {好, 中, 差}\n指标 甲 10 { 对照 档：好 得 10，中 得 5 }"),
        ("E118", "输入 x: 是否\n指标 甲 10 { 否则 0\n 如果 x 则 10 }"),
        ("E119", "输入 x: 是否 默认 3\n指标 甲 10 { 如果 x 则 10 否则 0 }"),
        ("E120", "输入 x: 数\n指标 甲 10 { 得分 = min(x) }"),
        ("E122", "输入 说明: 文本\n指标 甲 10 { 如果 说明 = \"好\" 则 10 否则 0 }"),
        ("E123", "输入 档: 数\n输入 率: 百分比\n指标 甲 10 { 定性 档 得分率 率：好 80% 至 100% }"),
        ("W201", "输入 a: 数\n输入 b: 数\n指标 甲 10 { 得分 = a / b }"),
        ("W202", "输入 a: 数\n输入 没用: 数\n指标 甲 10 { 如果 a > 1 则 10 否则 0 }"),
    ];
    for (code, body) in cases {
        let got = with(body);
        assert!(
            got.iter().any(|c| c == code),
            "expected {code} for:\n{body}\ngot {got:?}"
        );
    }
}

#[test]
fn grade_bands_must_descend() {
    let got = codes("评分表 \"测试\" 满分 10\n等级 良 >= 8，优 >= 9，差\n指标 甲 10 { 得分 = 10 }");
    assert!(got.contains(&"E121".to_string()), "{got:?}");
}

#[test]
fn a_guarded_division_does_not_warn() {
    let got = with("输入 a: 数\n输入 b: 数\n指标 甲 10 { 如果 b = 0 则 0\n 否则 a / b × 10 }");
    assert!(!got.contains(&"W201".to_string()), "{got:?}");
    let got = with("输入 a: 数\n输入 b: 数 正数\n指标 甲 10 { 得分 = a / b }");
    assert!(!got.contains(&"W201".to_string()), "{got:?}");
}

#[test]
fn ten_planted_mistakes_are_all_reported_in_one_run() {
    let text = "评分表 \"十个错误\" 年度 2020 满分 100
等级 优 >= 90，良 >= 80，中 >= 60，差
输入 预算数: 万元
输入 完成数: 万元
输入 人数: 人
输入 预算数: 万元
输入 档次: {好, 中, 差}
输入 重量: 公斤
定义 完成率 = 完成数 / 预算数
定义 甲率 = 乙率 + 1%
定义 乙率 = 甲率 + 1%
指标 投入 60 {
  指标 预算完成率 30 {
    如果 完成律 ≥ 95% 则 30
    否则 0
  }
  指标 人员 20 {
    如果 人数 + 预算数 > 3 则 20
    否则 0
  }
  指标 档次分 5 {
    对照 档次：好 得 5，中 得 3
  }
}
指标 产出 30 {
  如果 完成率 > 50% 则 35
  否则 0
}
指标 效果 10 {
  得分 = 完成数
}
";
    let got = codes(text);
    let expected = [
        "E102", "E110", "E105", "E106", "E101", "E103", "E117", "E107", "E104", "W201",
    ];
    for code in expected {
        assert!(got.iter().any(|c| c == code), "missing {code}; got {got:?}");
    }
    let distinct: std::collections::BTreeSet<_> = got.iter().collect();
    assert!(distinct.len() >= 10, "{got:?}");
}

/// W201 looks into every expression position, including a 从…扣 rule's
/// subject and step, 对照 arms, 不适用 and veto conditions.
#[test]
fn a_division_by_a_maybe_zero_fact_is_found_in_every_position() {
    let w201 = |body: &str| with(body).iter().filter(|c| *c == "W201").count();
    let deduct = "输入 决算数: 万元\n输入 预算数: 万元\n指标 甲 10 { 从 10 分扣：|决算数 - 预算数| / 预算数 超出 5% 的部分 每 1个百分点 扣 1 分（按整步），扣完为止 }";
    assert_eq!(w201(deduct), 1);
    let step = "输入 天数: 天\n输入 步: 天\n指标 甲 10 { 从 10 分扣：天数 超出 1 天 的部分 每 步 扣 1 分（按整步），扣完为止 }";
    assert_eq!(w201(step), 1);
    let arms = "输入 档: {好, 差}\n输入 a: 数\n输入 b: 数\n指标 甲 10 { 对照 档：好 得 min(a / b, 10)，差 得 0 }";
    assert_eq!(w201(arms), 1);
    let na = "输入 a: 数\n输入 b: 数\n指标 甲 10 { 不适用 如果 a / b > 1 则 剔除\n 得分 = 10 }";
    assert_eq!(w201(na), 1);
    let veto = "输入 a: 数\n输入 b: 数\n指标 甲 10 { 一票否决 如果 a / b > 1\n 得分 = 10 }";
    assert_eq!(w201(veto), 1);
    let top =
        "输入 a: 数\n输入 b: 数\n指标 甲 10 { 得分 = 10 }\n一票否决 如果 a / b > 1 则 总分 为 0";
    assert_eq!(w201(top), 1);
}

/// An earlier `= 0` row, a 不适用 condition, or a 约束 that excludes 0
/// silences W201.
#[test]
fn a_division_guarded_by_a_row_or_a_constraint_does_not_warn() {
    let w201 = |body: &str| with(body).iter().filter(|c| *c == "W201").count();
    let row = "输入 决算数: 万元\n输入 预算数: 万元\n指标 甲 10 { 如果 预算数 = 0 则 0\n 否则 从 10 分扣：|决算数 - 预算数| / 预算数 超出 5% 的部分 每 1个百分点 扣 1 分（按整步），扣完为止 }";
    assert_eq!(w201(row), 0);
    let na =
        "输入 a: 数\n输入 b: 数\n指标 甲 10 { 不适用 如果 b = 0 则 剔除\n 得分 = min(a / b, 10) }";
    assert_eq!(w201(na), 0);
    for k in [
        "约束 预算数 > 0",
        "约束 预算数 ≥ 1 万元",
        "约束 预算数 ≠ 0",
        "约束 0 < 预算数 ≤ 100 万元",
    ] {
        let body = format!(
            "输入 决算数: 万元\n输入 预算数: 万元\n{k}\n指标 甲 10 {{ 按比例 决算数 / 预算数 }}"
        );
        assert_eq!(w201(&body), 0, "{k}");
    }
    // A constraint that still admits 0 does not.
    let body = "输入 决算数: 万元\n输入 预算数: 万元\n约束 预算数 ≥ 0\n指标 甲 10 { 按比例 决算数 / 预算数 }";
    assert_eq!(w201(body), 1);
    // On a derived value too.
    let body =
        "输入 a: 万元\n输入 b: 万元\n定义 和 = a + b\n约束 和 > 0\n指标 甲 10 { 按比例 a / 和 }";
    assert_eq!(w201(body), 0);
}
