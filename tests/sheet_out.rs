//! jixiao's own workbooks read back with calamine: the 自评表 (merged level
//! cells, the rule text, the facts, formulas over the leaf scores) and the
//! batch workbook (结果, 汇总, 错误).

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use std::path::PathBuf;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-out-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn jixiao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .unwrap()
}

fn cell(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    r.get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn score_writes_the_self_assessment_form() {
    let d = tmp("score");
    let out = d.join("自评表.xlsx");
    let run = jixiao(&[
        "score",
        &format!("{ROOT}/rules/shaanxi-2019.jx"),
        "--facts",
        &format!("{ROOT}/rules/shaanxi-2019.facts.toml"),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["绩效自评表"]);
    let r = wb.worksheet_range("绩效自评表").unwrap();
    assert!(cell(&r, 0, 0).contains("绩效自评表"), "{}", cell(&r, 0, 0));
    assert_eq!(cell(&r, 1, 0), "单位：陕西省应急管理厅");
    // One column per indicator level (this rubric has four), then the rest.
    let head: Vec<String> = (0..r.width() as u32).map(|c| cell(&r, 2, c)).collect();
    let lv = head.iter().position(|h| h == "分值").unwrap();
    assert_eq!(head[..3], ["一级指标", "二级指标", "三级指标"]);
    assert_eq!(
        head[lv..],
        ["分值", "评分标准", "实际完成值", "得分", "扣分原因"]
    );
    let lv = lv as u32;
    // Find the rows: leaves, then 总分 and 评价等级.
    let total_row = (3..r.height() as u32)
        .find(|&row| cell(&r, row, 0) == "总分")
        .expect("a 总分 row");
    assert_eq!(cell(&r, total_row + 1, 0), "评价等级");
    assert_eq!(cell(&r, total_row + 1, lv), "优");
    // The text scorecard says 总分 and the cached value agrees.
    let text = String::from_utf8_lossy(
        &jixiao(&[
            "score",
            &format!("{ROOT}/rules/shaanxi-2019.jx"),
            "--facts",
            &format!("{ROOT}/rules/shaanxi-2019.facts.toml"),
            "--format",
            "json",
        ])
        .stdout,
    )
    .to_string();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let total: f64 = json["total"].as_str().unwrap().parse().unwrap();
    assert_eq!(r.get_value((total_row, lv + 3)), Some(&Data::Float(total)));
    let formulas = wb.worksheet_formula("绩效自评表").unwrap();
    let f = formulas
        .get_value((total_row, lv + 3))
        .cloned()
        .unwrap_or_default();
    let col = char::from(b'A' + lv as u8 + 3);
    assert_eq!(f, format!("SUM({col}4:{col}{total_row})"), "{f}");
    // Leaf rows: the rule as written, the facts with units, a score.
    let leaf = (3..total_row)
        .find(|&row| cell(&r, row, lv + 2).contains("预算完成率 = 93.00%"))
        .expect("a leaf reading 预算完成率");
    assert!(
        cell(&r, leaf, lv + 1).contains("如果"),
        "{}",
        cell(&r, leaf, lv + 1)
    );
    let lost = (3..total_row)
        .find(|&row| !cell(&r, row, lv + 4).is_empty())
        .expect("a leaf that lost points");
    assert!(
        r.get_value((lost, lv + 3)).and_then(|v| v.as_f64())
            < r.get_value((lost, lv)).and_then(|v| v.as_f64())
    );
    // 一级指标 cells are merged down over their leaves.
    let merges = wb.merge_cells_by_sheet_name("绩效自评表").unwrap();
    let tall = merges
        .iter()
        .filter(|m| m.start.1 == 0 && m.end.0 > m.start.0)
        .count();
    assert!(tall >= 2, "{merges:?}");
    assert!(
        merges
            .iter()
            .any(|m| m.start == (0, 0) && m.end == (0, lv + 4)),
        "title merged"
    );
}

#[test]
fn batch_writes_results_summary_and_errors() {
    let d = tmp("batch");
    let rules = d.join("t.jx");
    std::fs::write(&rules, include_str!("sheet_rules.jx")).unwrap();
    let csv = d.join("u.csv");
    std::fs::write(
        &csv,
        "单位,执行率,合规,档次,金额\n甲局,96.5%,是,好,120\n乙局,70%,否,中,7\n丙局,50%,是,差,30\n丁局,坏,是,好,1\n",
    )
    .unwrap();
    let out = d.join("结果.xlsx");
    let run = jixiao(&[
        "batch",
        rules.to_str().unwrap(),
        "--facts",
        csv.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1), "one row fails");
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["结果", "汇总", "错误"]);
    let r = wb.worksheet_range("结果").unwrap();
    assert_eq!(cell(&r, 0, 0), "行");
    assert_eq!(r.height(), 4, "header and three scored units");
    assert_eq!(cell(&r, 1, 1), "甲局");
    assert_eq!(r.get_value((1, 2)), Some(&Data::Float(30.0)));
    assert_eq!(cell(&r, 2, 3), "差");
    let s = wb.worksheet_range("汇总").unwrap();
    let f = wb.worksheet_formula("汇总").unwrap();
    let find = |label: &str| {
        (0..s.height() as u32)
            .find(|&row| cell(&s, row, 0) == label)
            .unwrap()
    };
    let units = find("单位数");
    assert_eq!(s.get_value((units, 1)), Some(&Data::Float(3.0)));
    assert_eq!(f.get_value((units, 1)).unwrap(), "COUNT('结果'!C2:C4)");
    let mean = find("总分：平均");
    assert_eq!(f.get_value((mean, 1)).unwrap(), "AVERAGE('结果'!C2:C4)");
    assert_eq!(s.get_value((mean, 1)), Some(&Data::Float(19.0)));
    let poor = find("等级：差");
    assert_eq!(s.get_value((poor, 1)), Some(&Data::Float(2.0)));
    assert_eq!(
        f.get_value((poor, 1)).unwrap(),
        "COUNTIF('结果'!D2:D4,\"差\")"
    );
    let lost = find("平均失分：合规性");
    assert_eq!(s.get_value((lost, 1)), Some(&Data::Float(1.6667)));
    let e = wb.worksheet_range("错误").unwrap();
    assert_eq!(cell(&e, 1, 1), "丁局");
    assert_eq!(cell(&e, 1, 2), "E304");
    assert_eq!(cell(&e, 1, 3), "执行率");
}

#[test]
fn diff_writes_a_workbook() {
    let d = tmp("diff");
    let rules = d.join("t.jx");
    std::fs::write(&rules, include_str!("sheet_rules.jx")).unwrap();
    let csv = d.join("u.csv");
    std::fs::write(&csv, "单位,执行率,合规,档次,金额\n甲局,96.5%,是,好,120\n").unwrap();
    let out = d.join("对比.xlsx");
    let r = rules.to_str().unwrap();
    let run = jixiao(&[
        "diff",
        r,
        r,
        "--facts",
        csv.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("等级变化").unwrap();
    assert_eq!(cell(&r, 0, 1), "旧总分");
    assert_eq!(cell(&r, 1, 0), "甲局");
    assert_eq!(r.get_value((1, 1)), Some(&Data::Float(30.0)));
    assert_eq!(cell(&r, 1, 5), "否");
}
