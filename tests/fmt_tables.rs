//! `jixiao fmt` on target tables (指标表): the table is printed whole, line
//! by line, and a comment written inside it stays where it was (it used to
//! move out of the table).

use jixiao::syntax::{comments, format, format_verified, parse, print::print};

const TABLE: &str = "评分表 \"小表\" 满分 100
等级 优 90（含）至 100（含），差 0（含）至 90
指标 资金 20 { 得分 = 20 }
# 表前的说明
指标表 产出 80 {   # 表头后的注释
  # 分值的来历
    分值 按列  # 各行分值之和 80
  等于 未达到 得 0%
  // 定性的原文
  定性 达成 80%（含） 至 100%（含），
    未达成 0%（含） 至 60%
  # 结束前
}  # 表后
";

#[test]
fn a_comment_inside_a_table_stays_in_the_table() {
    let ast = parse(TABLE, 0).unwrap();
    let out = format(&ast, TABLE);
    assert_eq!(
        out,
        "评分表 \"小表\" 满分 100
等级 优 90（含）至 100（含），差 0（含）至 90
指标 资金 20 { 得分 = 20 }
# 表前的说明
指标表 产出 80 {  # 表头后的注释
  # 分值的来历
  分值 按列  # 各行分值之和 80
  等于 未达到 得 0%
  // 定性的原文
  定性 达成 80%（含） 至 100%（含），未达成 0%（含） 至 60%
  # 结束前
}  # 表后
"
    );
    // The laws: same tree, same comments in order, a fixed point.
    assert_eq!(format_verified(&ast, TABLE).as_deref(), Some(out.as_str()));
    let again = parse(&out, 0).unwrap();
    assert_eq!(print(&again), print(&ast));
    assert_eq!(format(&again, &out), out);
    let texts = |t: &str| -> Vec<String> {
        comments(t)
            .iter()
            .map(|c| t[c.start..c.end].to_string())
            .collect()
    };
    assert_eq!(texts(&out), texts(TABLE));
}

#[test]
fn a_table_with_an_allowance_and_equal_shares_keeps_source_order() {
    let text = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n指标表 产出 10 {\n  分值 均分\n  # 允许的理由\n  允许 W201 \"原表如此\"\n}\n";
    let ast = parse(text, 0).unwrap();
    let out = format(&ast, text);
    assert!(
        out.contains("  分值 均分\n  # 允许的理由\n  允许 W201"),
        "{out}"
    );
    assert_eq!(format_verified(&ast, text).as_deref(), Some(out.as_str()));
}
