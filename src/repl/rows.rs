//! `:set`/`:unset` for target-table rows and assessors' scores:
//!
//! - `:set 表[N] = 列=值; 列=值 …` replaces row N (N one past the last adds a row);
//! - `:set 表[N].列 = 值` changes one cell of row N;
//! - `:unset 表[N]` removes row N, `:unset 表` every row;
//! - `:set 评审打分.指标 = 8` (or `:set 指标 = 8`) and `:unset 评审打分.指标`.
//!
//! Each row is re-read by the facts row reader, so what is typed is checked
//! as a facts file is; a 分值 column that does not add up yet is reported
//! when scoring (E344).

use crate::check::Checked;
use crate::diag::Msg;
use crate::eval::FactSet;
use crate::facts::{row_cells, rows_from_cells};
use crate::syntax::ast::TableShares;

/// `表[N]` / `表[N].列` / `表`: the table, the 1-based row and the column.
pub(super) fn target<'a>(
    c: &Checked,
    name: &'a str,
) -> Option<(usize, Option<usize>, Option<&'a str>)> {
    let name = name.trim();
    if let Some(t) = c.tables.iter().position(|t| t.name == name) {
        return Some((t, None, None));
    }
    let open = name.find(['[', '［'])?;
    let t = c
        .tables
        .iter()
        .position(|t| t.name == name[..open].trim())?;
    let rest = &name[open + name[open..].chars().next()?.len_utf8()..];
    let close = rest.find([']', '］'])?;
    let n: usize = rest[..close].trim().parse().ok()?;
    let after = rest[close + rest[close..].chars().next()?.len_utf8()..].trim();
    let col = match after.strip_prefix(['.', '。']) {
        Some(c) => Some(c.trim()),
        None if after.is_empty() => None,
        None => return None,
    };
    Some((t, Some(n), col))
}

/// Whether `name` is a whole row, `表[N]` (its value is `列=值; 列=值`).
pub(super) fn is_whole_row(c: &Checked, name: &str) -> bool {
    c.fact_slot(name.trim()).is_none() && matches!(target(c, name), Some((_, Some(_), None)))
}

/// `评审打分.指标`, or an indicator the assessor scores named alone.
fn pick(c: &Checked, name: &str) -> Option<u32> {
    let name = name.trim();
    let ind = ["评审打分.", "评审打分。", "assessor."]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name);
    c.indicator_named(ind.trim()).filter(|&i| c.has_pick(i))
}

/// Apply a table or assessor assignment; `None` when `name` is neither.
pub(super) fn apply(
    c: &Checked,
    set: &mut FactSet,
    name: &str,
    value: Option<&str>,
) -> Option<Result<(), Msg>> {
    if c.fact_slot(name.trim()).is_some() {
        return None;
    }
    if let Some(id) = pick(c, name) {
        return Some(set_pick(c, set, id, value));
    }
    let (t, row, col) = target(c, name)?;
    Some(set_row(c, set, t, row, col, value))
}

#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
fn set_pick(c: &Checked, set: &mut FactSet, id: u32, value: Option<&str>) -> Result<(), Msg> {
    let ind = c.ind(id);
    let Some(v) = value else {
        set.picks[id as usize] = None;
        return Ok(());
    };
    let half = crate::facts::half_width(v);
    let d = crate::facts::split_number(&half)
        .ok()
        .filter(|(_, u)| u.is_empty() || *u == "分")
        .map(|(d, _)| d)
        .ok_or_else(|| Msg::FactNotNumber {
            name: format!("评审打分.{}", ind.name),
            value: v.to_string(),
            expected: "分".to_string(),
        })?;
    // The indicator's only row is the assessor's: its range is known now.
    if let [r] = ind.rows.as_slice() {
        if let (None, Some(range)) = (&r.cond, r.pick) {
            crate::eval::targets::check_pick(&ind.name, range, Some((d, None)), r.span)
                .map_err(|e| e.msg)?;
        }
    }
    set.picks[id as usize] = Some((d, None));
    Ok(())
}

/// `列=值; 列=值`: the cells of a whole row.
fn cells(value: &str) -> Vec<(String, String)> {
    value
        .split([';', '；'])
        .filter(|p| !p.trim().is_empty())
        .map(|p| match p.split_once(['=', '＝']) {
            Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
            None => (p.trim().to_string(), String::new()),
        })
        .collect()
}

#[allow(clippy::result_large_err)] // Msg is the crate's one message type.
fn set_row(
    c: &Checked,
    set: &mut FactSet,
    t: usize,
    row: Option<usize>,
    col: Option<&str>,
    value: Option<&str>,
) -> Result<(), Msg> {
    let table = &c.tables[t];
    let mut rows: Vec<Vec<(String, String)>> = set.rows[t]
        .iter()
        .flatten()
        .map(|r| {
            let mut cells = row_cells(r);
            // Equal shares follow the row count: a 分值 read for n rows
            // would be wrong for n ± 1.
            if table.shares == TableShares::Equal {
                cells.retain(|(k, _)| k != "分值");
            }
            cells
        })
        .collect();
    let count = rows.len();
    let no_row = |n: usize| Msg::TableNoSuchRow {
        table: table.name.clone(),
        row: n,
        rows: count,
    };
    match (row, col, value) {
        (None, None, None) => {
            set.rows[t] = None;
            return Ok(());
        }
        (Some(n), None, None) => {
            if n == 0 || n > count {
                return Err(no_row(n));
            }
            rows.remove(n - 1);
        }
        (Some(n), None, Some(v)) => {
            if n == 0 || n > count + 1 {
                return Err(no_row(n));
            }
            let new = cells(v);
            if n == count + 1 {
                rows.push(new);
            } else {
                rows[n - 1] = new;
            }
        }
        (Some(n), Some(k), v) => {
            if n == 0 || n > count {
                return Err(no_row(n));
            }
            let r = &mut rows[n - 1];
            r.retain(|(x, _)| x != k);
            if let Some(v) = v {
                r.push((k.to_string(), v.to_string()));
            }
        }
        // `:set 表 = …` names no row.
        (None, _, _) => return Err(no_row(0)),
    }
    if rows.is_empty() {
        set.rows[t] = None;
        return Ok(());
    }
    set.rows[t] = Some(rows_from_cells(c, t, &rows, false)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_cells_split_on_semicolons_only() {
        let c = cells("三级指标=培训; 年度指标值=1,200 万元；实际完成值 = 1,300 万元");
        assert_eq!(c[1], ("年度指标值".into(), "1,200 万元".into()));
        assert_eq!(c[2], ("实际完成值".into(), "1,300 万元".into()));
    }
}
