//! Target-table rows edited one at a time (the REPL's `:set 表[N] = …`):
//! a row turned back into the cells a form prints, and cells read into
//! rows by the same row reader as a facts file, so a row typed at the
//! prompt is checked exactly as one written in a file.

use super::{Builder, Entry, Format, Item, RawValue, RowEntry};
use crate::check::Checked;
use crate::diag::Msg;
use crate::eval::targets::{Cell, TargetRow};

/// The cells of a row as the form prints them, column by column.
pub fn row_cells(row: &TargetRow) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (g, col) in row.groups.iter().zip(["一级指标", "二级指标"]) {
        out.push((col.to_string(), g.clone()));
    }
    if !row.name_generated {
        out.push(("三级指标".into(), row.name.clone()));
    }
    out.push(("指标性质".into(), row.kind.symbol().into()));
    let text = |c: &Cell| c.text().to_string();
    if !text(&row.target).is_empty() {
        out.push(("年度指标值".into(), text(&row.target)));
    }
    out.push(("实际完成值".into(), text(&row.actual)));
    if let Some(w) = row.weight {
        out.push(("分值".into(), w.normalize().to_string()));
    }
    if let Some(s) = row.given {
        out.push(("得分".into(), s.normalize().to_string()));
    }
    if let Some(r) = &row.reason {
        out.push(("偏差原因".into(), r.clone()));
    }
    out
}

/// Read the rows of table `t` from their cells. With `sum` false the
/// rows' 分值 need not add up to the table's yet (the REPL sets rows one
/// at a time; scoring checks the sum).
#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
pub fn rows_from_cells(
    c: &Checked,
    t: usize,
    rows: &[Vec<(String, String)>],
    sum: bool,
) -> Result<Vec<TargetRow>, Msg> {
    let entry = |(k, v): &(String, String)| Entry {
        key: k.clone(),
        key_span: 0..0,
        item: Item::Value(RawValue::Text(v.clone())),
        span: 0..0,
    };
    let rows: Vec<RowEntry> = rows
        .iter()
        .map(|r| RowEntry {
            cells: r.iter().map(entry).collect(),
            span: 0..0,
        })
        .collect();
    let mut b = Builder::new(c, 0, 0, Format::Toml);
    b.sum_rows = sum;
    let e = Entry {
        key: c.tables[t].name.clone(),
        key_span: 0..0,
        item: Item::Rows(rows),
        span: 0..0,
    };
    b.table_rows(t, &e);
    if let Some(d) = b.diags.0.into_iter().find(|d| d.is_error()) {
        return Err(d.msg);
    }
    Ok(b.set.rows[t].take().unwrap_or_default())
}
