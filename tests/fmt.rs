//! `jixiao fmt`: the formatter is a fixed point, keeps the tree, and keeps
//! every comment in order — on the bundled rule files and on generated
//! rubrics with comments inserted at line ends and between statements/rows.

use jixiao::syntax::{comments, format, format_verified, parse, print::print};
use proptest::prelude::*;
use std::process::Command;

#[path = "gen/rubric.rs"]
mod rubric_gen;
use rubric_gen::{arith, cond};

fn fmt(text: &str) -> String {
    match parse(text, 0) {
        Ok(ast) => format(&ast, text),
        Err(d) => panic!(
            "does not parse: {:?}\n{text}",
            d.0.iter().map(|x| x.code()).collect::<Vec<_>>()
        ),
    }
}

/// The tree without spans: the plain printer writes every node and no span.
fn tree(text: &str) -> String {
    print(&parse(text, 0).unwrap())
}

fn comment_texts(text: &str) -> Vec<String> {
    comments(text)
        .iter()
        .map(|c| text[c.start..c.end].to_string())
        .collect()
}

/// The three laws, with a readable failure.
fn laws(text: &str) -> Result<(), TestCaseError> {
    let once = fmt(text);
    // The guard the CLI and the LSP use agrees that nothing was lost.
    let verified = format_verified(&parse(text, 0).unwrap(), text);
    prop_assert_eq!(verified.as_deref(), Some(once.as_str()));
    let twice = fmt(&once);
    prop_assert_eq!(&twice, &once, "not idempotent; input:\n{}", text);
    prop_assert_eq!(
        tree(&once),
        tree(text),
        "tree changed; formatted:\n{}",
        once
    );
    prop_assert_eq!(
        comment_texts(&once),
        comment_texts(text),
        "comments lost or reordered; formatted:\n{}",
        once
    );
    Ok(())
}

fn bundled() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    for dir in ["rules", "docs/guide"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "jx"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            out.push((f.display().to_string(), text));
        }
    }
    assert!(out.len() >= 6, "bundled rule files not found");
    out
}

#[test]
fn bundled_rule_files_obey_the_laws_with_and_without_extra_comments() {
    for (path, text) in bundled() {
        laws(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        // A trailing comment on every line, an own-line one after every third.
        let mut noisy = String::new();
        for (i, line) in text.lines().enumerate() {
            noisy.push_str(line);
            if !line.trim().is_empty() && !line.contains('#') && !line.contains("//") {
                noisy.push_str(&format!("  # 行尾{i}"));
            }
            noisy.push('\n');
            if i % 3 == 0 {
                noisy.push_str(&format!("// 单独一行 {i}\n"));
            }
        }
        laws(&noisy).unwrap_or_else(|e| panic!("{path} with comments: {e}"));
    }
}

#[test]
fn bundled_rule_files_are_formatted() {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["fmt", "--check", "rules", "docs/guide"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "run `jixiao fmt rules docs/guide`:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn trailing_and_own_line_comments_stay_beside_their_code() {
    let text = "# 文件说明\n评分表 \"t#1\" 满分 10 # 表头\n输入 x: 百分比   // 输入\n\n# 指标说明\n指标 甲 10 {  # 块\n  # 第一行\n  如果 x 在 90%（含）和 100% 之间 则 10 # 满分\n  否则 0\n  # 块尾\n} // 结束\n# 文末\n";
    let once = fmt(text);
    assert_eq!(
        once,
        "# 文件说明\n评分表 \"t#1\" 满分 10  # 表头\n输入 x: 百分比  // 输入\n\n# 指标说明\n指标 甲 10 {  # 块\n  # 第一行\n  如果 x 在 90%（含）和 100% 之间 则 10  # 满分\n  否则 0\n  # 块尾\n}  // 结束\n# 文末\n"
    );
}

#[test]
fn statements_keep_source_order() {
    let text = "评分表 \"t\" 满分 10\n输入 a: 数\n定义 b = a + 1 # 先定义\n输入 c: 数\n指标 甲 10 { 得分 = min(b, 10) }\n";
    let once = fmt(text);
    let lines: Vec<&str> = once.lines().collect();
    assert_eq!(
        lines,
        [
            "评分表 \"t\" 满分 10",
            "输入 a: 数",
            "定义 b = a + 1  # 先定义",
            "输入 c: 数",
            "指标 甲 10 { 得分 = min(b, 10) }"
        ]
    );
}

/// A generated rubric as lines of code; comments are woven in separately.
fn rubric_lines() -> impl Strategy<Value = Vec<String>> {
    let row = (cond(), arith()).prop_map(|(c, e)| format!("如果 {c} 则 {e}"));
    let indicator = (proptest::collection::vec(row, 1..4), any::<bool>());
    proptest::collection::vec(indicator, 1..4).prop_map(|inds| {
        let mut lines = vec![
            "评分表 \"生成\" 满分 100".to_string(),
            "保留 2 位小数（四舍五入）".to_string(),
            "等级 优 >= 90，良 80（含）至 90，差".to_string(),
            "输入 预算完成率: 百分比".to_string(),
            "输入 a: 数".to_string(),
            "定义 结转结余率 = a / 2".to_string(),
            "定义 x2 = a".to_string(),
        ];
        for (k, (rows, compact)) in inds.into_iter().enumerate() {
            if compact {
                lines.push(format!("指标 甲{k} 1 {{ {} 否则 0 }}", rows[0]));
            } else {
                lines.push(format!("指标 甲{k} 1 {{"));
                lines.extend(rows.into_iter().map(|r| format!("  {r}")));
                lines.push("  否则 0".into());
                lines.push("}".into());
            }
        }
        lines
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn generated_rubrics_with_comments_obey_the_laws(
        lines in rubric_lines(),
        marks in proptest::collection::vec(0u8..4, 64),
    ) {
        let mut text = String::new();
        for (i, line) in lines.iter().enumerate() {
            let m = marks[i % marks.len()];
            if m & 1 == 1 {
                text.push_str(&format!("# 前{i}\n"));
            }
            text.push_str(line);
            if m & 2 == 2 {
                text.push_str(&format!(" // 尾{i}"));
            }
            text.push('\n');
        }
        // Expressions past the parser's size limit (E013) are refused by design.
        if let Err(d) = parse(&text, 0) {
            prop_assert!(d.0.iter().all(|x| x.code() == "E013"));
            return Ok(());
        }
        laws(&text)?;
    }
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_lists_files_and_changes_nothing_then_fmt_rewrites() {
    let dir = std::env::temp_dir().join(format!("jixiao-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let messy = "评分表 \"t\" 满分 10\n指标 甲 10 {如果 1>0 则 10 # 注\n否则 0}\n";
    let file = dir.join("甲.jx");
    std::fs::write(&file, messy).unwrap();
    let path = file.to_str().unwrap();

    let (code, out, _) = run(&["fmt", "--check", path]);
    assert_eq!(code, Some(1));
    assert!(out.contains(path), "{out}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), messy);

    let (code, _, _) = run(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        formatted,
        "评分表 \"t\" 满分 10\n指标 甲 10 {\n  如果 1 > 0 则 10  # 注\n  否则 0\n}\n"
    );
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let (code, out, _) = run(&["fmt", "--check", path]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_that_does_not_parse_is_left_untouched_with_its_diagnostics() {
    let dir = std::env::temp_dir().join(format!("jixiao-fmt-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = "评分表 \"t\" 满分 10\n指标 甲 10 { 如果 则 }\n";
    let file = dir.join("坏.jx");
    std::fs::write(&file, bad).unwrap();
    let (code, _, err) = run(&["fmt", file.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(err.contains("坏.jx:2:"), "{err}");
    assert!(err.contains("[E001]"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), bad);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fmt_without_files_is_a_usage_error() {
    let (code, _, _) = run(&["fmt"]);
    assert_eq!(code, Some(2));
}

/// The text of each line up to its weight, for checking that weights share a column.
fn weight_column(line: &str, weight: &str) -> usize {
    let head = &line[..line.find(" {").unwrap()];
    unicode_width::UnicodeWidthStr::width(&head[..head.rfind(weight).unwrap()])
}

#[test]
fn sibling_weights_line_up_in_display_columns() {
    let text = "评分表 \"t\" 满分 30\n指标 甲 10 { 得分 = 10 }\n# 注释不打断对齐\n指标 乙乙乙 5 { 得分 = 5 }\n加分 创新 最高 2.5 { 得分 = 1 }\n";
    let once = fmt(text);
    assert_eq!(
        once,
        "评分表 \"t\" 满分 30\n指标 甲        10 { 得分 = 10 }\n# 注释不打断对齐\n指标 乙乙乙     5 { 得分 = 5 }\n加分 创新 最高  2.5 { 得分 = 1 }\n"
    );
    // A CJK character is two columns: the integer parts end in one column.
    let lines: Vec<&str> = once.lines().collect();
    let cols = [
        weight_column(lines[1], "10") + 2,
        weight_column(lines[3], "5") + 1,
        weight_column(lines[4], "2.5") + 1,
    ];
    assert_eq!(cols, [17, 17, 17]);
    laws(text).unwrap();
    laws(&once).unwrap();
}

#[test]
fn nested_blocks_align_their_own_siblings_only() {
    let text = "评分表 \"t\" 满分 10\n指标 投入 10 {\n  指标 预算完成率 6 {\n    如果 是 则 6\n    否则 0\n  }\n  指标 调整率 4 {\n    如果 是 则 4\n    否则 0\n  }\n}\n";
    let once = fmt(text);
    let heads: Vec<&str> = once.lines().filter(|l| l.contains("指标")).collect();
    assert_eq!(
        heads,
        [
            "指标 投入 10 {",
            "  指标 预算完成率 6 {",
            "  指标 调整率     4 {",
        ]
    );
    laws(text).unwrap();
}

#[test]
fn a_blank_line_a_statement_or_a_far_longer_name_ends_a_weight_column() {
    let text = "评分表 \"t\" 满分 40\n指标 甲 10 { 得分 = 10 }\n指标 乙乙乙 5 { 得分 = 5 }\n\n指标 丙 5 { 得分 = 5 }\n输入 x: 数\n指标 丁丁丁 5 { 得分 = 5 }\n约束 x > 0\n指标 戊 5 { 得分 = 5 }\n指标 一个名字长得远远超过其他兄弟指标的指标 5 { 得分 = 5 }\n";
    let once = fmt(text);
    let lines: Vec<&str> = once.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "指标 甲     10 { 得分 = 10 }",
            "指标 乙乙乙  5 { 得分 = 5 }",
            "",
            "指标 丙 5 { 得分 = 5 }",
            "输入 x: 数",
            "指标 丁丁丁 5 { 得分 = 5 }",
            "约束 x > 0",
            "指标 戊 5 { 得分 = 5 }",
            "指标 一个名字长得远远超过其他兄弟指标的指标 5 { 得分 = 5 }",
        ]
    );
    laws(text).unwrap();
}

/// Ordered levels, band sets, percentage weights and 择一 groups (issue 11
/// items 5, 7, 9) print back as written, with comments kept, and the
/// reprinted rubric scores the same.
#[test]
fn levels_shares_and_choices_obey_the_laws() {
    let text = "评分表 \"层级\" 满分 100\n等级 优 >= 90，差\n\
        评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%，差 0%（含）至 60%  # 共用\n\
        输入 水平: {高 > 较高 > 一般}\n输入 档次: {好, 中, 差}\n输入 率: 百分比\n输入 适用项: {甲, 乙}\n\
        指标 管理 40 {\n  指标 水平分 75% {  # 百分比\n    如果 水平 ≥ 较高 则 30\n    否则 0\n  }\n\
        \x20 指标 定性分 25% { 定性 档次 得分率 率：按 三档 }\n}\n\
        择一 质量 60 按 适用项 {  # 二者择其一\n  指标 甲 60 { 按比例 率 }\n  指标 乙 100% { 得分 = 60 }\n}\n";
    laws(text).unwrap();
    let once = fmt(text);
    for shown in [
        "评分档 三档：好 80%（含）至 100%（含）",
        "输入 水平: {高 > 较高 > 一般}",
        "指标 水平分 75% {",
        "定性 档次 得分率 率：按 三档",
        "择一 质量 60 按 适用项 {",
        "指标 乙 100% {",
    ] {
        assert!(once.contains(shown), "{shown} not in:\n{once}");
    }
    let score = |t: &str| {
        let mut map = jixiao::diag::SourceMap::new();
        let id = map.add("t.jx", t.to_string());
        let c = jixiao::compile(&map, id).map_err(|d| d.0).unwrap().checked;
        let facts = "水平 = \"较高\"\n档次 = \"中\"\n率 = \"70%\"\n适用项 = \"甲\"\n";
        let fs = jixiao::facts::load(facts, 1, jixiao::facts::Format::Toml, &c)
            .map_err(|d| d.0)
            .unwrap();
        jixiao::eval::score(&c, &fs).unwrap().total
    };
    // 30 + 10 × 70% + 60 × 70% = 79
    assert_eq!(score(text).to_string(), "79.00");
    assert_eq!(score(&once), score(text));
}
