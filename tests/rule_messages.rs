//! Messages for rule files and the command line that point at the real
//! cause: reserved words, units that are not units, spacing, minus signs,
//! the rounding limit and the message language.

mod common;

use std::process::Command;

fn jixiao(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("JIXIAO_LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// The rendered diagnostics of a rule file that fails to compile.
fn errors(rules: &str, lang: jixiao::diag::Lang) -> String {
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    match jixiao::compile(&map, id) {
        Ok(_) => panic!("compiled: {rules}"),
        Err(d) => jixiao::diag::render_text(&d.0, &map, lang, false),
    }
}

const HEAD: &str = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n";

#[test]
fn a_reserved_word_as_a_name_is_called_one_and_named() {
    let out = errors(
        &format!("{HEAD}输入 na: 是否\n指标 甲 10 {{ 如果 na 则 10 否则 0 }}\n"),
        jixiao::diag::Lang::Zh,
    );
    assert_eq!(
        out.matches("错误[E020]: “na”是保留字（即“不适用”），不能用作名称")
            .count(),
        2,
        "{out}"
    );
    assert!(!out.contains("需要空格"), "{out}");
}

#[test]
fn a_word_after_a_number_that_is_no_unit_is_named_as_a_unit() {
    let out = errors(
        &format!("{HEAD}输入 d: 天\n指标 甲 10 {{\n  如果 d ≤ 25 个工作日 则 10\n  否则 0\n}}\n"),
        jixiao::diag::Lang::Zh,
    );
    assert!(
        out.contains("错误[E110]: 未知的单位或类型“个工作日”"),
        "{out}"
    );
    assert!(!out.contains("E002"), "{out}");
    let out = errors(
        &format!("{HEAD}输入 a: 万元\n指标 甲 10 {{ 如果 a >= 10万 则 10 否则 0 }}\n"),
        jixiao::diag::Lang::Zh,
    );
    assert!(out.contains("错误[E110]: 未知的单位或类型“万”"), "{out}");
    assert!(out.contains("= 是否应为“10 万元”？"), "{out}");
}

#[test]
fn the_spacing_hint_appears_only_when_spacing_is_the_cause() {
    let glued = errors(
        &format!("{HEAD}输入 x: 百分比\n指标 甲 10 {{ 如果x >= 90% 则 10 否则 0 }}\n"),
        jixiao::diag::Lang::Zh,
    );
    assert!(glued.contains("错误[E001]"), "{glued}");
    assert!(glued.contains("提示：“如果”与名称之间需要空格"), "{glued}");
    let reserved = errors(
        &format!("{HEAD}输入 na: 是否\n指标 甲 10 {{ 得分 = 1 }}\n"),
        jixiao::diag::Lang::Zh,
    );
    assert!(!reserved.contains("空格"), "{reserved}");
}

#[test]
fn u2212_and_full_width_minus_are_minus_signs_in_rules() {
    let rules = |minus: &str| {
        format!(
            "{HEAD}输入 变动率: 百分比\n指标 变动 10 {{\n  如果 变动率 ≤ {minus}30% 则 10\n  否则 0\n}}\n定义 差 = 5 {minus} 3\n"
        )
    };
    for minus in ["−", "－"] {
        // The facts reader takes the same three signs.
        for (fact, want) in [
            ("\"-40%\"", "10.00"),
            ("\"−40%\"", "10.00"),
            ("\"－40%\"", "10.00"),
            ("\"-20%\"", "0.00"),
        ] {
            let (c, card) = common::score(&rules(minus), &format!("变动率 = {fact}\n"));
            assert_eq!(common::total(&c, &card), want, "{minus} {fact}");
        }
    }
}

#[test]
fn too_many_decimal_places_state_the_real_limit() {
    let out = errors(
        "评分表 \"t\" 满分 10\n保留 11 位小数\n等级 优 >= 9，差\n输入 x: 分\n指标 甲 10 { 得分 = x }\n",
        jixiao::diag::Lang::Zh,
    );
    assert!(
        out.contains("错误[E010]: “保留 11 位小数”超出上限：最多保留 10 位小数"),
        "{out}"
    );
    assert!(!out.contains("28"), "{out}");
}

#[test]
fn an_unknown_message_language_is_a_usage_error() {
    let (code, out) = jixiao(&["--lang", "fr", "check", "rules/shaanxi-2019.jx"], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("“fr”"), "{out}");
    let (code, out) = jixiao(
        &["check", "rules/shaanxi-2019.jx"],
        &[("JIXIAO_LANG", "xx")],
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("“xx”"), "{out}");
    for ok in ["en", "zh"] {
        let (code, out) = jixiao(&["check", "rules/shaanxi-2019.jx"], &[("JIXIAO_LANG", ok)]);
        assert_eq!(code, 0, "{ok}: {out}");
    }
}

#[test]
fn an_out_of_range_score_blames_the_data_when_it_is_the_data() {
    use jixiao::diag::{Lang, Msg};
    let rules = format!("{HEAD}输入 评价人得分: 分\n指标 甲 10 {{ 得分 = 评价人得分 }}\n");
    let d = common::score_err(&rules, "评价人得分 = 12\n");
    assert!(
        matches!(&d.msg, Msg::ScoreAboveWeight { direct: true, facts, .. } if facts == &["评价人得分 = 12"]),
        "{:?}",
        d.msg
    );
    assert_eq!(
        d.msg.help(Lang::Zh).unwrap(),
        "得分直接取自事实 评价人得分 = 12：核对事实文件中的这个值，它应在 0 到 10 之间"
    );
    let d = common::score_err(&rules, "评价人得分 = -1\n");
    assert_eq!(d.code(), "E406");
    assert!(d.msg.help(Lang::Zh).unwrap().contains("它应不小于 0"));
    // Computed from facts: both the data and the rule's fix are named.
    let rules = format!("{HEAD}输入 扣分: 分\n指标 甲 10 {{ 得分 = 分值 - 扣分 }}\n");
    let d = common::score_err(&rules, "扣分 = 12\n");
    assert_eq!(
        d.msg.help(Lang::Zh).unwrap(),
        "得分由事实 扣分 = 12 算出：先核对这些事实；若事实无误，加上“扣完为止”或用 max(…, 0)"
    );
}
