//! docs/guide.md shows real output: every ```console block starts with a
//! `$ jixiao …` line, is run from a scratch copy of the repository's example
//! folders, and what follows must equal what the command prints (stdout,
//! then stderr, then `（退出码 N）` when N ≠ 0). A command that writes a file
//! with `-o PATH` is followed by `（已写入 PATH：…）`, a stable summary of
//! what is in it (a workbook's sheets with their rows and headers, a page's
//! title, a text file's lines and byte-order mark), not its bytes.
//! `JIXIAO_BLESS=1` rewrites the blocks in place; read the diff before
//! committing it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FENCE: &str = "```console\n";

fn scratch() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("jixiao-guide-{}", std::process::id()));
    for sub in ["rules", "docs/guide"] {
        let to = dir.join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    dir
}

/// Runs `jixiao ARGS [< FILE]` in `dir` the way a user's shell would.
fn run(dir: &Path, line: &str) -> String {
    let (args, input) = match line.split_once(" < ") {
        Some((a, f)) => (a, Some(f.trim())),
        None => (line, None),
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    cmd.args(args.split_whitespace())
        .current_dir(dir)
        .env_remove("JIXIAO_LANG")
        .env("NO_COLOR", "1");
    match input {
        Some(f) => cmd.stdin(std::fs::File::open(dir.join(f)).expect("input file")),
        None => cmd.stdin(Stdio::null()),
    };
    let out = cmd.output().expect("run jixiao");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    let mut text: String = text
        .lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect();
    let words: Vec<&str> = args.split_whitespace().collect();
    if let Some(i) = words.iter().position(|w| *w == "-o") {
        if let Some(path) = words.get(i + 1) {
            text.push_str(&format!(
                "（已写入 {path}：{}）\n",
                summary(&dir.join(path))
            ));
        }
    }
    match out.status.code() {
        Some(0) => {}
        Some(n) => text.push_str(&format!("（退出码 {n}）\n")),
        None => text.push_str("（被信号终止）\n"),
    }
    text
}

/// What a written file holds, in words that do not change from run to run.
fn summary(path: &Path) -> String {
    use calamine::{Reader, Xlsx};
    let Ok(bytes) = std::fs::read(path) else {
        return "文件不存在".into();
    };
    let name = path.to_string_lossy();
    if name.ends_with(".xlsx") {
        let mut book: Xlsx<_> = match Xlsx::new(std::io::Cursor::new(bytes)) {
            Ok(b) => b,
            Err(e) => return format!("不是可读的工作簿（{e}）"),
        };
        let sheets: Vec<String> = book
            .sheet_names()
            .into_iter()
            .map(|sheet| match book.worksheet_range(&sheet) {
                Ok(r) => {
                    // The header: the first row of two cells or more (a
                    // merged title above it is one cell).
                    let rows: Vec<Vec<String>> = r
                        .rows()
                        .map(|row| {
                            row.iter()
                                .map(|c| c.to_string())
                                .filter(|c| !c.trim().is_empty())
                                .collect()
                        })
                        .filter(|cells: &Vec<String>| !cells.is_empty())
                        .collect();
                    let head = rows
                        .iter()
                        .find(|cells| cells.len() >= 2)
                        .or(rows.first())
                        .map(|cells| cells.join(" | "))
                        .unwrap_or_default();
                    format!("“{sheet}”{} 行，表头 {head}", r.height())
                }
                Err(e) => format!("“{sheet}”不可读（{e}）"),
            })
            .collect();
        return format!("工作簿，{} 个工作表：{}", sheets.len(), sheets.join("；"));
    }
    let text = String::from_utf8_lossy(&bytes);
    if name.ends_with(".html") {
        let title = text
            .split_once("<title>")
            .and_then(|(_, t)| t.split_once("</title>"))
            .map_or("", |(t, _)| t);
        return format!("HTML 页面，标题“{title}”");
    }
    let bom = if text.starts_with('\u{feff}') {
        "带"
    } else {
        "不带"
    };
    format!("{} 行，{bom} BOM", text.lines().count())
}

#[test]
fn every_command_in_the_guide_prints_what_the_guide_shows() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let dir = scratch();
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    let mut out = String::new();
    let mut rest = doc.as_str();
    let mut failures = Vec::new();
    let mut ran = 0;
    while let Some(start) = rest.find(FENCE) {
        let body_start = start + FENCE.len();
        let end = body_start + rest[body_start..].find("```").expect("closed block");
        let body = &rest[body_start..end];
        let (first, shown) = body.split_once('\n').unwrap_or((body, ""));
        let line = first
            .strip_prefix("$ jixiao ")
            .expect("a console block starts with `$ jixiao `");
        let got = run(&dir, line);
        ran += 1;
        if got != shown {
            failures.push(format!(
                "`jixiao {line}`\n--- guide ---\n{shown}--- printed ---\n{got}"
            ));
        }
        out.push_str(&rest[..body_start]);
        out.push_str(first);
        out.push('\n');
        out.push_str(&got);
        rest = &rest[end..];
    }
    out.push_str(rest);
    let _ = std::fs::remove_dir_all(&dir);
    if bless {
        std::fs::write(&path, out).unwrap();
    } else {
        assert!(
            failures.is_empty(),
            "docs/guide.md is out of date (JIXIAO_BLESS=1 rewrites it):\n{}",
            failures.join("\n")
        );
    }
    assert!(ran >= 10, "only {ran} commands in the guide");
}

/// Writes `docs/guide/各单位.xlsx`, the workbook the guide reads, laid out
/// as finance offices make them: a 说明 sheet first, then per year a merged
/// title, a blank row, the header on row 3 with 序号 and 备注 columns, and
/// rates stored as fractions shown as `0.0%`; and one unit's sheet as two
/// columns of names and values. Run by hand when the example changes:
/// `cargo test --test guide_doc -- --ignored`.
#[test]
#[ignore]
fn make_the_guide_workbook() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0.0%");
    let bold = Format::new().set_bold();
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap();
    notes
        .write_string(
            0,
            0,
            "各单位 2024、2023 年度部门整体支出绩效自评数据（指南示例）",
        )
        .unwrap();
    let head = [
        "序号",
        "单位",
        "预算数",
        "执行数",
        "三公经费控制率",
        "资产登记及时",
        "资产账实相符",
        "满意度",
        "备注",
    ];
    type Row<'a> = (&'a str, f64, f64, f64, &'a str, &'a str, f64, &'a str);
    let years: [(&str, &[Row]); 2] = [
        (
            "2024年",
            &[
                ("某市林业局", 1250.0, 1131.25, 1.025, "是", "否", 0.936, ""),
                ("某市水利局", 2400.0, 2380.0, 0.98, "是", "是", 0.96, ""),
                (
                    "某市教育局",
                    8600.0,
                    7310.0,
                    1.0,
                    "是",
                    "是",
                    0.885,
                    "含追加预算",
                ),
            ],
        ),
        (
            "2023年",
            &[
                ("某市林业局", 1180.0, 1121.0, 0.99, "是", "是", 0.91, ""),
                ("某市水利局", 2250.0, 1980.0, 1.04, "否", "是", 0.93, ""),
            ],
        ),
    ];
    for (name, rows) in years {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        let title = format!("{name}度部门整体支出绩效自评汇总");
        ws.merge_range(0, 0, 0, 8, &title, &bold).unwrap();
        for (c, h) in head.iter().enumerate() {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        for (i, (unit, budget, spent, sangong, dj, xf, my, note)) in rows.iter().enumerate() {
            let r = 3 + i as u32;
            ws.write_number(r, 0, (i + 1) as f64).unwrap();
            ws.write_string(r, 1, *unit).unwrap();
            ws.write_number(r, 2, *budget).unwrap();
            ws.write_number(r, 3, *spent).unwrap();
            ws.write_number_with_format(r, 4, *sangong, &pct).unwrap();
            ws.write_string(r, 5, *dj).unwrap();
            ws.write_string(r, 6, *xf).unwrap();
            ws.write_number_with_format(r, 7, *my, &pct).unwrap();
            ws.write_string(r, 8, *note).unwrap();
        }
    }
    let one = wb.add_worksheet();
    one.set_name("林业局").unwrap();
    let pairs: [(&str, Option<f64>, &str); 8] = [
        ("项目", None, "值"),
        ("单位", None, "某市林业局"),
        ("预算数", Some(1250.0), ""),
        ("执行数", Some(1131.25), ""),
        ("三公经费控制率", Some(1.025), ""),
        ("资产登记及时", None, "是"),
        ("资产账实相符", None, "否"),
        ("满意度", Some(0.936), ""),
    ];
    for (r, (k, n, v)) in pairs.iter().enumerate() {
        let r = r as u32;
        one.write_string(r, 0, *k).unwrap();
        match n {
            Some(x) if k.ends_with('率') || *k == "满意度" => {
                one.write_number_with_format(r, 1, *x, &pct).unwrap()
            }
            Some(x) => one.write_number(r, 1, *x).unwrap(),
            None => one.write_string(r, 1, *v).unwrap(),
        };
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide/各单位.xlsx");
    wb.save(path).unwrap();
}
