//! Workbooks people hand in: the 自评表 of one unit laid out like the
//! official 部门整体支出绩效自评表, and a batch workbook (a row per unit, a
//! 汇总 sheet, an 错误 sheet). Written with rust_xlsxwriter into bytes; the
//! caller saves them. Scores are written as numbers with the rubric's
//! places and every sum as a formula over the cells it adds, with its value
//! cached, so a reader can check it and a reader without a calculation
//! engine still sees it.

pub mod batch;
mod scorecard;
mod template;

pub use batch::{batch_workbook, BatchBook, BatchRow};
pub use scorecard::scorecard_workbook;
pub use template::template_workbook;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// A font with Chinese glyphs that Excel, WPS and LibreOffice all have or map.
const FONT: &str = "宋体";
const TITLE_FONT: &str = "黑体";

pub(crate) fn fail(e: XlsxError) -> String {
    e.to_string()
}

pub(crate) struct Formats {
    pub title: Format,
    pub head: Format,
    pub text: Format,
    pub center: Format,
    pub score: Format,
    pub plain: Format,
}

impl Formats {
    pub fn new(places: u32) -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10.5);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let digits = if places == 0 {
            "0".to_string()
        } else {
            format!("0.{}", "0".repeat(places as usize))
        };
        Formats {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            head: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("#D9E1F2"),
            text: cell.clone(),
            center: cell.clone().set_align(FormatAlign::Center),
            score: cell.set_align(FormatAlign::Center).set_num_format(digits),
            plain: base,
        }
    }
}

/// A4 landscape, one page wide, `head` rows repeated on every page.
pub(crate) fn print_setup(ws: &mut Worksheet, head: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(head, head)?;
    Ok(())
}

/// A merged cell, or a plain one when the range is a single cell (Excel
/// refuses a one-cell merge).
pub(crate) fn merge(
    ws: &mut Worksheet,
    (r1, c1, r2, c2): (u32, u16, u32, u16),
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if r1 == r2 && c1 == c2 {
        ws.write_string_with_format(r1, c1, text, f)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, text, f)?;
    }
    Ok(())
}

/// A decimal as the f64 Excel stores (display only: the exact value is the
/// formula's cached text and the scorecard's own output).
pub(crate) fn num(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// One sheet of text cells (numbers written as numbers), the first row a
/// header: for tables that have no layout of their own, such as a diff.
pub fn table_workbook(sheet: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let f = Formats::new(2);
    // Rows go out in order: constant memory, whatever the diff's length.
    let ws = wb.add_worksheet_with_constant_memory().map_err(fail)?;
    ws.set_name(sheet).map_err(fail)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let number = cell.parse::<Decimal>().ok().filter(|_| r > 0);
            match number {
                Some(d) => ws.write_number_with_format(r, c, num(d), &f.score),
                None if r == 0 => ws.write_string_with_format(r, c, cell, &f.head),
                None => ws.write_string_with_format(r, c, cell, &f.text),
            }
            .map_err(fail)?;
        }
    }
    for c in 0..rows.first().map_or(0, Vec::len) {
        ws.set_column_width(c as u16, if c + 1 == rows[0].len() { 60.0 } else { 12.0 })
            .map_err(fail)?;
    }
    ws.set_freeze_panes(1, 1).map_err(fail)?;
    print_setup(ws, 0).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}
