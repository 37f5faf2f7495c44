//! The streaming read (two passes, only the top rows held) against the
//! whole-sheet read it replaces for batch, diff and report: the same
//! header, columns, notes and CSV text, on sheets built to hit the corners
//! (title rows, merges spilling past the used cells or the last row, spacing
//! columns, a column with data but no name, no known header at all).

use super::header::{Plan, Role};
use super::{read, Kind};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

const KNOWN: [&str; 5] = ["单位名称", "执行率", "合规", "档次", "金额"];

fn known(s: &str) -> bool {
    KNOWN.contains(&s)
}

fn plan(header: &[String]) -> Plan {
    let roles = header
        .iter()
        .map(|h| match h.as_str() {
            "单位名称" => Role::Label,
            "备注" | "序号" => Role::Ignored,
            "执行率" => Role::Input(0),
            _ => Role::Unknown,
        })
        .collect();
    Plan {
        roles,
        missing: Vec::new(),
    }
}

fn book(fill: impl Fn(&mut Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    fill(wb.add_worksheet());
    wb.save_to_buffer().unwrap()
}

fn same(bytes: Vec<u8>) -> String {
    let mut whole = read("t.xlsx", bytes.clone(), Kind::Xlsx).unwrap();
    let name = whole.sheet_names()[0].clone();
    let table = whole.grid(&name).unwrap().table(&known);
    let want = table.to_csv(&plan(&table.header));
    let mut book = read("t.xlsx", bytes, Kind::Xlsx).unwrap();
    assert_eq!(book.find_sheet(None, &known).unwrap(), name);
    let layout = book.layout(&name, &known).unwrap();
    let t = &layout.table;
    assert_eq!(
        (&t.header, t.header_line, &t.columns, &t.notes),
        (
            &table.header,
            table.header_line,
            &table.columns,
            &table.notes
        )
    );
    let mut got = String::new();
    book.write_csv(&layout, &plan(&t.header), &mut |c| {
        got.push_str(&c);
        true
    })
    .unwrap();
    assert_eq!(got, want);
    got
}

#[test]
fn a_form_with_title_rows_spacing_and_a_nameless_column() {
    let pct = Format::new().set_num_format("0.00%");
    let csv = same(book(|ws| {
        ws.merge_range(0, 0, 0, 9, "标题", &Format::new()).unwrap();
        for (c, h) in ["序号", "单位名称", "", "执行率", "", "金额", "备注"]
            .iter()
            .enumerate()
        {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        for r in 3..80u32 {
            ws.write_number(r, 0, r as f64).unwrap();
            ws.write_string(r, 1, format!("单位{r}")).unwrap();
            ws.write_number_with_format(r, 3, 0.9 + r as f64 / 1000.0, &pct)
                .unwrap();
            ws.write_number(r, 5, 7.000_000_000_000_001).unwrap();
            if r % 7 == 0 {
                ws.write_string(r, 4, "x").unwrap();
            }
        }
        // A merge in the data rows within the top rows, one below them.
        ws.merge_range(10, 6, 12, 6, "补报", &Format::new())
            .unwrap();
        ws.merge_range(60, 6, 62, 6, "补报", &Format::new())
            .unwrap();
    }));
    // 序号 and 备注 ignored, the empty column C spacing, E (data, no name) kept.
    assert!(
        csv.contains("\n\n单位,执行率,,金额\n单位3,90.3%,,7\n"),
        "{csv}"
    );
}

#[test]
fn merges_past_the_used_cells_and_the_last_row() {
    same(book(|ws| {
        ws.merge_range(1, 0, 2, 0, "单位名称", &Format::new())
            .unwrap();
        ws.merge_range(1, 1, 1, 5, "基本情况", &Format::new())
            .unwrap();
        ws.write_string(2, 1, "执行率").unwrap();
        ws.write_string(2, 2, "金额").unwrap();
        ws.write_string(3, 0, "甲局").unwrap();
        ws.write_string(3, 1, "96%").unwrap();
        // Rows 5 and 6 have no cells of their own.
        ws.merge_range(3, 2, 5, 2, "120", &Format::new()).unwrap();
    }));
}

#[test]
fn no_known_header_and_no_cells() {
    same(book(|ws| {
        ws.write_string(0, 1, " ").unwrap();
        ws.write_string(1, 1, "甲").unwrap();
        ws.write_string(2, 2, "乙").unwrap();
    }));
    same(book(|_| {}));
}
