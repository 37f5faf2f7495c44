//! Declared units (issue 11, item 4): `单位 期，场次` makes each its own
//! dimension unless declared equal; rules and facts are written as forms
//! write them (`3.5个月`, `25 个工作日`); an unknown unit is named.

mod common;
use common::{codes, compile, score, total};
use jixiao::diag::{Lang, SourceMap};

const HEAD: &str = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n";

#[test]
fn the_workday_repro_names_the_unknown_unit() {
    // shared/repros/workday.jx
    let rules = format!(
        "{HEAD}输入 下达工作日数: 天\n指标 下达 10 {{\n  如果 下达工作日数 ≤ 25 个工作日 则 10\n  否则 0\n}}\n"
    );
    assert_eq!(codes(&rules), ["E110"]);
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules);
    let d = jixiao::compile(&map, id).err().unwrap();
    assert!(d.0[0].msg.text(Lang::Zh).contains("个工作日"));
    let help = d.0[0].msg.help(Lang::Zh).unwrap_or_default();
    assert!(help.contains("单位 期"), "{help}");
}

#[test]
fn declared_units_are_their_own_dimensions() {
    let rules = format!(
        "{HEAD}单位 期，篇\n输入 a: 期\n输入 b: 篇\n指标 甲 10 {{ 如果 a + b > 3 则 10 否则 0 }}\n"
    );
    assert_eq!(codes(&rules), ["E103"]);
    // ... and against a built-in unit too.
    let rules = format!(
        "{HEAD}单位 工作日\n输入 a: 天\n指标 甲 10 {{ 如果 a ≤ 25 工作日 则 10 否则 0 }}\n"
    );
    assert_eq!(codes(&rules), ["E103"]);
}

#[test]
fn declared_equal_units_mix_and_the_measure_word_is_dropped() {
    let rules = format!(
        "{HEAD}单位 场次，场 = 场次，工作日\n输入 a: 场次\n输入 b: 工作日\n输入 c: 月\n\
         指标 甲 4 {{ 如果 a ≥ 4 场 则 4 否则 0 }}\n\
         指标 乙 3 {{ 如果 b ≤ 25 个工作日 则 3 否则 0 }}\n\
         指标 丙 3 {{ 如果 c ≤ 3.5个月 则 3 否则 0 }}\n"
    );
    let (c, card) = score(
        &rules,
        "a = \"5 场\"\nb = \"25个工作日\"\nc = \"3.5 个月\"\n",
    );
    assert_eq!(total(&c, &card), "10.00");
    let (c, card) = score(&rules, "a = \"3场次\"\nb = 26\nc = \"4月\"\n");
    assert_eq!(total(&c, &card), "0.00");
}

#[test]
fn facts_in_another_unit_and_bad_declarations_are_errors() {
    let rules = format!("{HEAD}单位 期，篇\n输入 a: 期\n指标 甲 10 {{ 正向 实际 a 目标 10期 }}\n");
    let (c, mut map) = compile(&rules);
    let id = map.add("f.toml", "a = \"3 篇\"\n".to_string());
    let err =
        jixiao::facts::load("a = \"3 篇\"\n", id, jixiao::facts::Format::Toml, &c).unwrap_err();
    assert_eq!(err.0[0].code(), "E303");
    assert_eq!(
        codes(&format!("{HEAD}单位 人\n指标 甲 10 {{ 得分 = 10 }}\n")),
        ["E102"]
    );
    assert_eq!(
        codes(&format!("{HEAD}单位 期，期\n指标 甲 10 {{ 得分 = 10 }}\n")),
        ["E102"]
    );
    assert_eq!(
        codes(&format!(
            "{HEAD}单位 场 = 场次\n指标 甲 10 {{ 得分 = 10 }}\n"
        )),
        ["E110"]
    );
}

#[test]
fn target_table_rows_use_declared_units() {
    let rules = format!("{HEAD}单位 期，个月 = 月\n指标表 产出 10 {{ 分值 均分 }}\n");
    let facts = "[[产出]]\n指标名称 = \"培训\"\n年度指标值 = \"≥10期\"\n实际完成值 = \"5期\"\n\
                 [[产出]]\n指标名称 = \"周期\"\n年度指标值 = \"≤6 个月\"\n实际完成值 = \"6月\"\n";
    let (c, card) = score(&rules, facts);
    assert_eq!(total(&c, &card), "7.50");
}

#[test]
fn unit_declarations_print_back() {
    let rules = format!(
        "{HEAD}单位 期，场 = 场次，场次\n输入 a: 期\n指标 甲 10 {{ 如果 a ≥ 3期 则 10 否则 0 }}\n"
    );
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules);
    let ast = jixiao::syntax::parse(map.text(id), id).unwrap();
    let printed = jixiao::syntax::print::print(&ast);
    assert!(printed.contains("单位 期，场 = 场次，场次"), "{printed}");
    assert!(printed.contains("a ≥ 3期"), "{printed}");
    let again = jixiao::syntax::parse(&printed, id).unwrap();
    assert_eq!(jixiao::syntax::print::print(&again), printed);
}
