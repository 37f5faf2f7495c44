//! A blank facts workbook: a 填报 sheet whose header row names the unit and
//! every input (each with a note saying its unit, allowed values and
//! constraints), drop-down lists for 是/否 and enumerations, %-formatted
//! percentage columns; and an 输入说明 sheet listing the same by input.
//! Filled in, `score` (one row) and `batch` (many rows) read it as it is.

use super::{fail, Formats};
use crate::check::units::Unit;
use crate::check::{Checked, Ty};
use crate::diag::{Lang, SourceMap, Word};
use crate::report::template::describe;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, Note, Workbook, XlsxError,
};

/// Rows prepared (validation and formats) below the header.
const ROWS: u32 = 500;

pub fn template_workbook(c: &Checked, map: &SourceMap, lang: Lang) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    write(&mut wb, c, map, lang).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}

fn write(wb: &mut Workbook, c: &Checked, map: &SourceMap, lang: Lang) -> Result<(), XlsxError> {
    let f = Formats::new(c.rounding.places);
    let ws = wb.add_worksheet();
    ws.set_name(Word::SheetFill.text(lang))?;
    ws.write_string_with_format(0, 0, Word::UnitName.text(lang), &f.head)?;
    ws.set_column_width(0, 24)?;
    let unit_hint = Note::new(Word::UnitNameHint.text(lang)).set_width(240);
    ws.insert_note(0, 0, &unit_hint)?;
    let pct = Format::new().set_num_format("0.00%");
    for (i, decl) in c.facts.iter().enumerate() {
        let col = i as u16 + 1;
        let hint = describe(c, map, decl, lang);
        ws.write_string_with_format(0, col, &decl.name, &f.head)?;
        ws.set_column_width(col, (decl.name.chars().count() as f64 * 2.2).max(12.0))?;
        ws.insert_note(0, col, &Note::new(&hint).set_width(240).set_height(120))?;
        let list: Option<Vec<String>> = match &decl.ty {
            Ty::Bool => Some(vec!["是".into(), "否".into()]),
            Ty::Enum(e) => c.enums.get(*e as usize).map(|d| d.variants.clone()),
            _ => None,
        };
        if let Some(list) = list {
            let dv = DataValidation::new()
                .allow_list_strings(&list)?
                .set_input_message(hint.chars().take(250).collect::<String>())?;
            ws.add_data_validation(1, col, ROWS, col, &dv)?;
        }
        if decl.ty == Ty::Num(Unit::PERCENT) {
            ws.set_column_format(col, &pct)?;
        }
    }
    // The assessor's scores (评审打分): a column per indicator, after the inputs.
    let pick_note = Word::PickHint.text(lang);
    for (k, name) in crate::report::template::picks(c).into_iter().enumerate() {
        let col = (c.facts.len() + 1 + k) as u16;
        ws.write_string_with_format(0, col, name, &f.head)?;
        ws.set_column_width(col, (name.chars().count() as f64 * 2.2).max(12.0))?;
        ws.insert_note(0, col, &Note::new(pick_note).set_width(240).set_height(80))?;
    }
    ws.set_freeze_panes(1, 1)?;
    // A sheet per target table, named after it: the rows `score` and `batch` read.
    for t in &c.tables {
        let ws = wb.add_worksheet();
        ws.set_name(&t.name)?;
        let mut cols = vec![(
            Word::UnitName.text(lang),
            Word::ColUnit.text(lang).to_string(),
        )];
        cols.extend(crate::report::template::table_columns(t, lang));
        for (i, (name, note)) in cols.iter().enumerate() {
            let col = i as u16;
            ws.write_string_with_format(0, col, *name, &f.head)?;
            ws.set_column_width(col, (name.chars().count() as f64 * 2.5).max(14.0))?;
            ws.insert_note(0, col, &Note::new(note).set_width(240).set_height(100))?;
            if *name == "指标性质" {
                let kinds: Vec<String> = ["≥", "≤", "=", "定性"].map(String::from).to_vec();
                let dv = DataValidation::new()
                    .allow_list_strings(&kinds)?
                    .set_input_message(note.chars().take(250).collect::<String>())?;
                ws.add_data_validation(1, col, ROWS, col, &dv)?;
            }
            // 定性 rows name a level (a 评分档's bands, or the table's own
            // levels); the same column holds ≥/≤ rows' quantities and rates,
            // so the list offers the levels without refusing other values.
            if *name == "实际完成值" && !t.levels.is_empty() {
                let dv = DataValidation::new()
                    .allow_list_strings(&t.level_names())?
                    .set_error_style(DataValidationErrorStyle::Information)
                    .set_input_message(note.chars().take(250).collect::<String>())?;
                ws.add_data_validation(1, col, ROWS, col, &dv)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(Word::SheetInputs.text(lang))?;
    ws.write_string_with_format(0, 0, Word::Input.text(lang), &f.head)?;
    ws.write_string_with_format(0, 1, Word::BatchExplain.text(lang), &f.head)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 80)?;
    for (i, decl) in c.facts.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, &decl.name, &f.text)?;
        ws.write_string_with_format(row, 1, describe(c, map, decl, lang), &f.text)?;
    }
    Ok(())
}
