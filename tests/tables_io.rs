//! Target-table rows (指标表) and assessors' scores (评审打分) wherever facts
//! are read: a CSV rows file for `score --rows`, a workbook sheet named
//! after the table, batch rows joined by unit, JSON Lines with inline rows,
//! assessor scores as columns, and templates filled in and fed back.
//! Everything runs the built binary.

use rust_xlsxwriter::Workbook;
mod common;
use common::{run_in as run, text};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A small rubric with an assessor-scored indicator and a target table
/// whose 定性 level is a range the assessor scores within.
const RULES: &str = "评分表 \"小表\" 满分 100
保留 2 位小数（四舍五入）
等级 优 90（含）至 100（含），差 0（含）至 90
输入 预算: 万元 正数
输入 执行: 万元
定义 执行率 = 执行 / 预算
指标 预算执行 10 { 按比例 执行率 }
指标 档案资料 10 { 评审打分 }
指标表 产出 80 {
  分值 按列
  等于 未达到 得 0%
  定性 达成 80%（含） 至 100%（含），未达成 0%（含） 至 60%
}
";

/// The same unit as TOML facts: 9 + 8 + 40 + 35 = 92.
const FACTS: &str = "单位 = \"甲\"
预算 = \"100 万元\"
执行 = \"90 万元\"
[评审打分]
档案资料 = 8
[[产出]]
三级指标 = \"培训\"
年度指标值 = \"≥4000 人\"
实际完成值 = \"4253 人\"
分值 = 40
[[产出]]
三级指标 = \"机制\"
指标性质 = \"定性\"
实际完成值 = \"达成\"
分值 = 40
得分 = 35
";

/// The rows of FACTS as a clerk fills them: a title row, 序号 and 备注.
const ROWS_CSV: &str = "产出指标完成情况表,,,,,,,
序号,三级指标,指标性质,年度指标值,实际完成值,分值,得分,备注
1,培训,,≥4000 人,4253 人,40,,
2,机制,定性,,达成,40,35,评审打分
";

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-tables-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("t.jx"), RULES).unwrap();
    d
}

/// `score --format json`'s total, and each table row's score.
fn scored(out: &Output) -> (String, Vec<String>) {
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let table = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["rows"].is_array());
    let rows = table
        .and_then(|t| t["rows"].as_array())
        .map(|r| {
            r.iter()
                .map(|r| r["score_shown"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    (v["total"].as_str().unwrap().to_string(), rows)
}

fn inputs_only() -> String {
    FACTS.split("[评审打分]").next().unwrap().to_string() + "[评审打分]\n档案资料 = 8\n"
}

#[test]
fn score_reads_a_rows_csv_as_the_facts_file_rows() {
    let d = dir("csv");
    std::fs::write(d.join("f.toml"), FACTS).unwrap();
    std::fs::write(d.join("only.toml"), inputs_only()).unwrap();
    std::fs::write(d.join("rows.csv"), ROWS_CSV).unwrap();
    let want = scored(&run(
        &d,
        &["score", "t.jx", "--facts", "f.toml", "--format", "json"],
    ));
    assert_eq!(want.0, "92.00");
    let args = ["score", "t.jx", "--facts", "only.toml", "--format", "json"];
    let got = run(&d, &[&args[..], &["--rows", "产出=rows.csv"]].concat());
    assert_eq!(scored(&got), want);
    assert!(
        text(&got.stderr).contains("“序号”、“备注”"),
        "{}",
        text(&got.stderr)
    );
    // The table's name may be left out when the rubric has one table.
    let got = run(&d, &[&args[..], &["--rows", "rows.csv"]].concat());
    assert_eq!(scored(&got), want);
    // GBK, as Excel saves CSV on Chinese Windows, with a byte-order-mark-free header.
    let (gbk, _, _) = encoding_rs::GBK.encode(ROWS_CSV);
    std::fs::write(d.join("gbk.csv"), &gbk).unwrap();
    let got = run(&d, &[&args[..], &["--rows", "产出=gbk.csv"]].concat());
    assert_eq!(scored(&got), want);
    assert!(text(&got.stderr).contains("GBK"));
    // A table given twice (in the facts and a rows file) is an error.
    let out = run(
        &d,
        &["score", "t.jx", "--facts", "f.toml", "--rows", "rows.csv"],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_bad_cell_of_a_rows_csv_is_named_by_file_row_and_column() {
    let d = dir("csv-bad");
    std::fs::write(d.join("only.toml"), inputs_only()).unwrap();
    std::fs::write(d.join("units.csv"), ROWS_CSV.replace("4253 人", "4253 斤")).unwrap();
    std::fs::write(d.join("range.csv"), ROWS_CSV.replace(",40,35,", ",40,41,")).unwrap();
    std::fs::write(d.join("none.csv"), "甲,乙\n1,2\n").unwrap();
    let err = |f: &str| {
        let out = run(&d, &["score", "t.jx", "--facts", "only.toml", "--rows", f]);
        assert_eq!(out.status.code(), Some(1));
        text(&out.stderr)
    };
    let e = err("units.csv");
    assert!(e.contains("E343") && e.contains("units.csv:3:15"), "{e}");
    let e = err("range.csv");
    assert!(
        e.contains("E346") && e.contains("range.csv:4:") && e.contains("第 2 行"),
        "{e}"
    );
    assert!(err("none.csv").contains("E350"));
    let out = run(
        &d,
        &[
            "score",
            "t.jx",
            "--facts",
            "only.toml",
            "--rows",
            "其他=x.csv",
        ],
    );
    assert!(text(&out.stderr).contains("E351"), "{}", text(&out.stderr));
}

/// A one-unit workbook: 名称/值 sheet (with 档案资料, the assessor's score)
/// and the table on a sheet named 产出, its header below a title row.
fn unit_xlsx(path: &Path, actual: &str) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("自评").unwrap();
    for (r, (k, v)) in [
        ("名称", "值"),
        ("单位", "甲"),
        ("预算", "100 万元"),
        ("执行", "90 万元"),
        ("档案资料", "8"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32, 0, *k).unwrap();
        ws.write_string(r as u32, 1, *v).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("产出").unwrap();
    ws.write_string(0, 0, "产出指标完成情况").unwrap();
    for (c, h) in [
        "序号",
        "三级指标",
        "指标性质",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let rows = [
        ["1", "培训", "≥", "4000 人", actual, "40", ""],
        ["2", "机制", "定性", "", "达成", "40", "35"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if c == 0 || c == 5 || (c == 6 && !v.is_empty()) {
                ws.write_number(2 + r as u32, c as u16, v.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                ws.write_string(2 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_workbook_carries_the_table_on_its_own_sheet() {
    let d = dir("xlsx");
    std::fs::write(d.join("f.toml"), FACTS).unwrap();
    unit_xlsx(&d.join("u.xlsx"), "4253 人");
    let want = scored(&run(
        &d,
        &["score", "t.jx", "--facts", "f.toml", "--format", "json"],
    ));
    let got = run(
        &d,
        &["score", "t.jx", "--facts", "u.xlsx", "--format", "json"],
    );
    assert_eq!(scored(&got), want);
    // The same sheet as --rows for TOML facts.
    std::fs::write(d.join("only.toml"), inputs_only()).unwrap();
    let got = run(
        &d,
        &[
            "score",
            "t.jx",
            "--facts",
            "only.toml",
            "--rows",
            "u.xlsx",
            "--format",
            "json",
        ],
    );
    assert_eq!(scored(&got), want);
    // A bad cell names its sheet and cell.
    unit_xlsx(&d.join("bad.xlsx"), "很多");
    let out = run(&d, &["score", "t.jx", "--facts", "bad.xlsx"]);
    let e = text(&out.stderr);
    assert!(e.contains("E342") && e.contains("产出!E3"), "{e}");
}

/// Batch facts with a 单位名称 column, and a rows file keyed by 单位.
const UNITS: &str = "序号,单位名称,预算,执行,档案资料
1,甲,100 万元,90 万元,8
2,乙,100 万元,100 万元,10
3,丙,100 万元,50 万元,5
4,乙,100 万元,100 万元,10
";
const UNIT_ROWS: &str = "单位,三级指标,指标性质,年度指标值,实际完成值,分值,得分
甲,培训,≥,4000 人,4253 人,40,
甲,机制,定性,,达成,40,35
乙,开放天数,≥,300 天,310 天,80,
丁,开放天数,≥,300 天,310 天,80,
";

fn records(out: &Output) -> Vec<serde_json::Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_joins_rows_by_unit_and_every_row_is_a_record() {
    let d = dir("batch");
    std::fs::write(d.join("units.csv"), UNITS.replace("4,乙", "4,戊")).unwrap();
    std::fs::write(d.join("rows.csv"), UNIT_ROWS).unwrap();
    let out = run(
        &d,
        &[
            "batch",
            "t.jx",
            "--facts",
            "units.csv",
            "--rows",
            "产出=rows.csv",
            "--format",
            "jsonl",
        ],
    );
    let r = records(&out);
    assert_eq!(r.len(), 5, "{}", text(&out.stdout));
    assert_eq!(r[0]["total"], "92.00");
    assert_eq!(r[1]["total"], "100.00");
    // 丙 has no rows; 戊 neither; 丁's rows name no facts row.
    assert_eq!(r[2]["error"]["code"], "E301");
    assert_eq!(r[3]["error"]["code"], "E301");
    assert_eq!(r[4]["error"]["code"], "E352");
    assert_eq!(r[4]["unit"], "丁");
    assert!(r[4]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("rows.csv:5"));
    assert!(
        text(&out.stderr).contains("共读取 5 行"),
        "{}",
        text(&out.stderr)
    );
    // A unit named twice cannot be joined: both its rows fail.
    std::fs::write(d.join("units.csv"), UNITS).unwrap();
    let out = run(
        &d,
        &[
            "batch",
            "t.jx",
            "--facts",
            "units.csv",
            "--rows",
            "rows.csv",
            "--format",
            "jsonl",
        ],
    );
    let r = records(&out);
    assert_eq!(r[1]["error"]["code"], "E354");
    assert_eq!(r[3]["error"]["code"], "E354");
    assert_eq!(r[0]["total"], "92.00");
    // A bad assessor's score cell is the row's error, named by its column.
    std::fs::write(d.join("units.csv"), UNITS.replace(",8\n", ",八分\n")).unwrap();
    let out = run(
        &d,
        &[
            "batch",
            "t.jx",
            "--facts",
            "units.csv",
            "--rows",
            "rows.csv",
            "--format",
            "jsonl",
        ],
    );
    let r = records(&out);
    assert_eq!(r[0]["error"]["code"], "E304");
    assert_eq!(r[0]["error"]["column"], "档案资料");
}

#[test]
fn json_lines_keep_their_rows_and_assessor_scores() {
    let d = dir("jsonl");
    let line = r#"{"单位":"甲","预算":"100 万元","执行":"90 万元","评审打分":{"档案资料":8},"产出":[{"三级指标":"培训","年度指标值":"≥4000 人","实际完成值":"4253 人","分值":40},{"三级指标":"机制","指标性质":"定性","实际完成值":"达成","分值":40,"得分":35}]}"#;
    std::fs::write(d.join("u.jsonl"), format!("{line}\n")).unwrap();
    let out = run(
        &d,
        &["batch", "t.jx", "--facts", "u.jsonl", "--format", "jsonl"],
    );
    let r = records(&out);
    assert_eq!(r[0]["total"], "92.00", "{}", text(&out.stderr));
}

#[test]
fn templates_filled_in_score_unchanged() {
    let d = dir("template");
    // TOML: every input, [评审打分], one [[产出]] row with each column.
    let out = run(&d, &["template", "t.jx"]);
    let t = text(&out.stdout);
    for k in [
        "\"预算\" = \"\"",
        "[评审打分]",
        "[[\"产出\"]]",
        "\"指标性质\" = \"\"",
        "\"得分\" = \"\"",
    ] {
        assert!(t.contains(k), "{k}: {t}");
    }
    let filled = t
        .replace("\"单位\" = \"\"", "\"单位\" = \"甲\"")
        .replace("\"预算\" = \"\"", "\"预算\" = \"100 万元\"")
        .replace("\"执行\" = \"\"", "\"执行\" = \"90 万元\"")
        .replace("\"档案资料\" = \"\"", "\"档案资料\" = \"8\"")
        .replace("\"三级指标\" = \"\"", "\"三级指标\" = \"培训\"")
        .replace("\"年度指标值\" = \"\"", "\"年度指标值\" = \"≥4000 人\"")
        .replace("\"实际完成值\" = \"\"", "\"实际完成值\" = \"4253 人\"")
        .replace("\"分值\" = \"\"", "\"分值\" = \"80\"");
    std::fs::write(d.join("filled.toml"), filled).unwrap();
    let (total, rows) = scored(&run(
        &d,
        &[
            "score",
            "t.jx",
            "--facts",
            "filled.toml",
            "--format",
            "json",
        ],
    ));
    assert_eq!((total.as_str(), rows), ("97.00", vec!["80.00".to_string()]));

    // CSV: the facts header (with 档案资料) and 产出's rows file beside it.
    assert!(
        run(&d, &["template", "t.jx", "--format", "csv", "-o", "u.csv"])
            .status
            .success()
    );
    let head = std::fs::read_to_string(d.join("u.csv")).unwrap();
    let rows_head = std::fs::read_to_string(d.join("u.产出.csv")).unwrap();
    assert_eq!(
        head.trim_start_matches('\u{feff}'),
        "单位,预算,执行,档案资料\n"
    );
    std::fs::write(d.join("u.csv"), format!("{head}甲,100 万元,90 万元,8\n")).unwrap();
    std::fs::write(
        d.join("u.产出.csv"),
        format!("{rows_head}甲,,,培训,≥,4000 人,4253 人,40,,\n甲,,,机制,定性,,达成,40,35,\n"),
    )
    .unwrap();
    let out = run(
        &d,
        &[
            "batch",
            "t.jx",
            "--facts",
            "u.csv",
            "--rows",
            "u.产出.csv",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(records(&out)[0]["total"], "92.00", "{}", text(&out.stdout));

    // Workbook: a 产出 sheet with its header, read back and filled.
    assert!(run(
        &d,
        &["template", "t.jx", "--format", "xlsx", "-o", "u.xlsx"]
    )
    .status
    .success());
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(d.join("u.xlsx")).unwrap();
    assert!(book.sheet_names().contains(&"产出".to_string()));
    let header = |book: &mut calamine::Xlsx<_>, s: &str| -> Vec<String> {
        let r = book.worksheet_range(s).unwrap();
        r.rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    let fill_head = header(&mut book, "填报");
    let rows_head = header(&mut book, "产出");
    assert_eq!(fill_head, ["单位", "预算", "执行", "档案资料"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("填报").unwrap();
    for (row, cells) in [
        fill_head,
        vec!["甲".into(), "100 万元".into(), "90 万元".into(), "8".into()],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(row as u32, c as u16, v).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("产出").unwrap();
    let data = [
        rows_head.clone(),
        [
            "甲", "", "", "培训", "≥", "4000 人", "4253 人", "40", "", "",
        ]
        .map(String::from)
        .to_vec(),
        ["甲", "", "", "机制", "定性", "", "达成", "40", "35", ""]
            .map(String::from)
            .to_vec(),
    ];
    for (row, cells) in data.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(row as u32, c as u16, v).unwrap();
        }
    }
    wb.save(d.join("filled.xlsx")).unwrap();
    let got = run(
        &d,
        &[
            "score",
            "t.jx",
            "--facts",
            "filled.xlsx",
            "--format",
            "json",
        ],
    );
    assert_eq!(scored(&got).0, "92.00");
    let out = run(
        &d,
        &[
            "batch",
            "t.jx",
            "--facts",
            "filled.xlsx",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(records(&out)[0]["total"], "92.00", "{}", text(&out.stderr));
}

#[test]
fn project_2020_template_round_trips() {
    // The real case: the rubric's own facts, as a rows CSV from its template header.
    let d = dir("project");
    let rules = include_str!("../rules/project-2020.jx");
    std::fs::write(d.join("p.jx"), rules).unwrap();
    assert!(
        run(&d, &["template", "p.jx", "--format", "csv", "-o", "p.csv"])
            .status
            .success()
    );
    let head = std::fs::read_to_string(d.join("p.绩效指标.csv")).unwrap();
    let rows = "某县,产出指标,数量指标,新建集中供水工程,≥,12 处,12 处,10,,\n\
                某县,产出指标,数量指标,改造供水管网,,≥85 公里,80 公里,80,,\n";
    std::fs::write(d.join("p.绩效指标.csv"), format!("{head}{rows}")).unwrap();
    let facts = std::fs::read_to_string(d.join("p.csv")).unwrap();
    std::fs::write(
        d.join("p.csv"),
        format!("{facts}某县,\"1,200 万元\",\"1,140 万元\"\n"),
    )
    .unwrap();
    let out = run(
        &d,
        &[
            "batch",
            "p.jx",
            "--facts",
            "p.csv",
            "--rows",
            "p.绩效指标.csv",
            "--format",
            "jsonl",
        ],
    );
    let r = records(&out);
    // 9.5 + 10 + 80 × 80/85 = 94.79 (rounded at the leaf, 75.29 for the table).
    assert_eq!(r[0]["scores"]["绩效指标"], "85.29", "{}", text(&out.stdout));
}

#[test]
fn repl_sets_and_unsets_rows_and_assessor_scores() {
    use jixiao::diag::Lang;
    use jixiao::repl::Session;
    let d = dir("repl");
    std::fs::write(d.join("f.toml"), FACTS).unwrap();
    let mut s = Session::new(Lang::Zh);
    let mut say = |line: &str| {
        let r = s.handle(line);
        (r.failed, r.text)
    };
    assert!(!say(&format!(":load {}", d.join("t.jx").display())).0);
    assert!(!say(&format!(":facts {}", d.join("f.toml").display())).0);
    assert!(say(":score").1.contains("92.00"));
    // One cell; a value outside the level's range is refused (E346), the session unchanged.
    assert!(!say(":set 产出[2].得分 = 40").0);
    let (failed, text) = say(":set 产出[2].得分 = 41");
    assert!(failed && text.contains("E346"), "{text}");
    assert!(say(":score").1.contains("97.00"));
    // A new row: the 分值 column adds up only after the first row changes.
    let row = ":set 产出[3] = 三级指标=开放; 年度指标值=≥300 天; 实际完成值=150 天; 分值=20";
    assert!(!say(row).0);
    let (failed, text) = say(":score");
    assert!(failed && text.contains("E344"), "{text}");
    assert!(!say(":set 产出[1].分值 = 20").0);
    // 9 + 8 + 20 + 40 + 10 = 87.
    assert!(say(":score").1.contains("87.00"));
    assert!(say(":facts").1.contains("产出[3] = 三级指标=开放"));
    let (failed, text) = say(":unset 产出[4]");
    assert!(failed && text.contains("E355"), "{text}");
    // The assessor's score, checked against [0, 10] at once.
    let (failed, text) = say(":set 评审打分.档案资料 = 11");
    assert!(failed && text.contains("E410"), "{text}");
    assert!(!say(":set 档案资料 = 10").0);
    assert!(say(":score").1.contains("89.00"));
    assert!(!say(":unset 产出").0);
    assert!(say(":score").1.contains("E301"));
}
