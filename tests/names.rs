//! Official names (issue 11, item 3): names in ASCII double quotes keep the
//! form's punctuation, are referenced the same way, and an unquoted one is
//! E021 naming the character.

mod common;
use common::{codes, score, total};
use jixiao::diag::{Lang, SourceMap};

const HEAD: &str = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n";

#[test]
fn quoted_names_declare_and_reference_inputs_indicators_and_tables() {
    let rules = format!(
        "{HEAD}输入 \"“三公”经费控制率\": 百分比\n定义 \"控制率（调整后）\" = \"“三公”经费控制率\"\n\
         指标 \"培训（期）\" 5 {{ 如果 \"控制率（调整后）\" ≤ 100% 则 5 否则 0 }}\n\
         指标表 \"产出指标（22 个）\" 5 {{ 分值 均分 }}\n"
    );
    let facts = "\"“三公”经费控制率\" = \"92%\"\n[[\"产出指标（22 个）\"]]\n指标名称 = \"甲\"\n年度指标值 = \"≥2 个\"\n实际完成值 = \"1 个\"\n";
    let (c, card) = score(&rules, facts);
    assert!(c.indicator_named("培训（期）").is_some());
    assert!(c.fact_slot("“三公”经费控制率").is_some());
    assert_eq!(total(&c, &card), "7.50");
}

fn first_message(rules: &str) -> String {
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    let d = jixiao::compile(&map, id).err().expect("an error");
    d.0[0].msg.text(Lang::Zh)
}

#[test]
fn an_unquoted_official_name_says_which_character() {
    for (name, ch) in [
        ("发放（缴纳）覆盖率", "“（”"),
        ("“三公”经费控制率", "““”"),
        ("公用经费、三公经费", "“、”"),
        ("完成率%", "“%”"),
        ("培训 企业", "空格"),
    ] {
        let rules = format!("{HEAD}输入 {name}: 百分比\n指标 甲 10 {{ 得分 = 10 }}\n");
        assert_eq!(codes(&rules), ["E021"], "{name}");
        let msg = first_message(&rules);
        assert!(msg.contains(ch) && msg.contains(name), "{msg}");
    }
    let rules = format!("{HEAD}指标 培训（期） 10 {{ 得分 = 10 }}\n");
    assert_eq!(codes(&rules), ["E021"]);
    let rules = format!("{HEAD}定义 率（调整） = 1\n指标 甲 10 {{ 得分 = 10 }}\n");
    assert_eq!(codes(&rules), ["E021"]);
}

#[test]
fn a_quoted_name_used_bare_is_e020_but_not_in_a_comment() {
    let rules = format!(
        "{HEAD}输入 \"发放（缴纳）覆盖率\": 百分比\n指标 覆盖 10 {{\n  # 原表：发放（缴纳）覆盖率\n  按比例 发放（缴纳）覆盖率\n}}\n"
    );
    assert_eq!(codes(&rules), ["E021"]);
    let ok = format!(
        "{HEAD}输入 \"发放（缴纳）覆盖率\": 百分比\n指标 覆盖 10 {{\n  # 原表：发放（缴纳）覆盖率\n  按比例 \"发放（缴纳）覆盖率\"\n}}\n"
    );
    assert!(codes(&ok).is_empty(), "{:?}", codes(&ok));
}

#[test]
fn quoted_names_print_back_quoted() {
    let rules = format!(
        "{HEAD}输入 \"发放（缴纳）覆盖率\": 百分比\n指标 \"覆盖（率）\" 10 {{ 按比例 \"发放（缴纳）覆盖率\" }}\n"
    );
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules);
    let ast = jixiao::syntax::parse(map.text(id), id).unwrap();
    let printed = jixiao::syntax::print::print(&ast);
    assert!(
        printed.contains("输入 \"发放（缴纳）覆盖率\": 百分比"),
        "{printed}"
    );
    assert!(printed.contains("指标 \"覆盖（率）\" 10 {"), "{printed}");
    assert!(
        printed.contains("按比例 \"发放（缴纳）覆盖率\""),
        "{printed}"
    );
    let again = jixiao::syntax::parse(&printed, id).unwrap();
    assert_eq!(jixiao::syntax::print::print(&again), printed);
}
