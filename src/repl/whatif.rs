//! `:whatif` input and its row-by-row answer.
//!
//! The assignments are facts (`预算执行率 = 100%`), cells of target-table
//! rows (`绩效指标[3].实际完成值 = 5200 人次`) and whole rows
//! (`绩效指标[5] = 三级指标=开放天数; 实际完成值=310 天`), applied as `:set`
//! applies them but to a copy of the session's facts. The answer lists,
//! before → after, every changed indicator and under a table every changed
//! row, then the total and the grade.

use super::show::pad;
use crate::check::show::score;
use crate::check::Checked;
use crate::diag::{Lang, Word};
use crate::eval::targets::RowScore;
use crate::eval::Scorecard;
use unicode_width::UnicodeWidthStr;

/// `a = 1, b = 6,702 万元, 表[2] = 列=值; 列=值` → the assignments.
///
/// A piece without `=` belongs to the value before it (a thousands
/// separator). After a whole row (`whole_row(name)`), a piece after `;`
/// whose name is a table column (`column(name)`) is one more cell of it.
pub(super) fn assignments(
    s: &str,
    whole_row: impl Fn(&str) -> bool,
    column: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_row = false;
    let mut rest = s;
    let mut sep: Option<char> = None;
    loop {
        let (piece, next) = match rest.find([',', '，', ';', '；']) {
            Some(i) => {
                let c = rest[i..].chars().next().unwrap_or(',');
                (&rest[..i], Some((c, &rest[i + c.len_utf8()..])))
            }
            None => (rest, None),
        };
        let key = piece.split(['=', '＝']).next().unwrap_or("").trim();
        let has_eq = piece.contains(['=', '＝']);
        let semicolon = matches!(sep, Some(';' | '；'));
        match (out.last_mut(), sep) {
            (Some(last), Some(c)) if !has_eq || (in_row && semicolon && column(key)) => {
                last.push(if semicolon { ';' } else { c });
                last.push_str(piece);
            }
            _ => {
                in_row = has_eq && whole_row(key);
                out.push(piece.to_string());
            }
        }
        match next {
            Some((c, r)) => {
                sep = Some(c);
                rest = r;
            }
            None => break,
        }
    }
    out
}

/// The lines under table indicator `id`: each row whose score, rate or
/// cells changed, `表[N] 名称  前 → 后（实际完成值 甲 → 乙）`; a row only
/// before or only after shows `—` on the other side.
pub(super) fn row_lines(
    c: &Checked,
    id: u32,
    before: &Scorecard,
    after: &Scorecard,
    depth: usize,
    lang: Lang,
) -> Vec<(String, String)> {
    let Some(t) = c.ind(id).table else {
        return Vec::new();
    };
    let empty = Vec::new();
    let b = before.tables.get(t as usize).unwrap_or(&empty);
    let a = after.tables.get(t as usize).unwrap_or(&empty);
    let places = c.rounding.places;
    let shown = |r: Option<&RowScore>| match r {
        Some(r) => score(r.score.round_dp(places), places),
        None => "—".to_string(),
    };
    let name = &c.tables[t as usize].name;
    let mut out = Vec::new();
    for i in 0..b.len().max(a.len()) {
        let (x, y) = (b.get(i), a.get(i));
        if !changed(x, y) {
            continue;
        }
        let label = y.or(x).map_or(String::new(), |r| r.row.name.clone());
        let mut change = format!("{} → {}", shown(x), shown(y));
        if let (Some(x), Some(y)) = (x, y) {
            let (p, q) = (x.row.actual.text(), y.row.actual.text());
            if p != q {
                change.push_str(&format!(
                    "{}{} {p} → {q}{}",
                    Word::ParenOpen.text(lang),
                    Word::ActualValue.text(lang),
                    Word::ParenClose.text(lang)
                ));
            }
        }
        out.push((
            format!("{}{name}[{}] {label}", "  ".repeat(depth + 1), i + 1),
            change,
        ));
    }
    out
}

/// What a row shows: its cells, weight, rate and score (not where in
/// which file it was read, which a row re-read from the prompt loses).
fn changed(x: Option<&RowScore>, y: Option<&RowScore>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => {
            let cells = |r: &RowScore| {
                (
                    r.row.name.clone(),
                    r.row.kind,
                    r.row.target.clone(),
                    r.row.actual.clone(),
                    r.row.given,
                    r.row.reason.clone(),
                )
            };
            cells(x) != cells(y) || (x.weight, x.rate, x.score) != (y.weight, y.rate, y.score)
        }
        (None, None) => false,
        _ => true,
    }
}

/// Lines `名  值`, the values in one column.
pub(super) fn columns(lines: &[(String, String)]) -> String {
    let w = lines
        .iter()
        .map(|(n, _)| UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        + 2;
    lines
        .iter()
        .map(|(n, v)| format!("{}{v}\n", pad(n, w)).trim_end().to_string() + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::assignments;

    fn split(s: &str) -> Vec<String> {
        assignments(s, |n| n.ends_with(']'), crate::facts::is_row_column)
    }

    #[test]
    fn thousands_separators_stay_with_their_value() {
        assert_eq!(
            split("甲 = 6,702 万元, 乙 = 95%"),
            vec!["甲 = 6,702 万元".to_string(), " 乙 = 95%".to_string()]
        );
    }

    #[test]
    fn a_whole_row_keeps_its_cells_until_a_comma() {
        assert_eq!(
            split("表[2] = 三级指标=甲; 实际完成值=1,300 万元；分值=10, 乙 = 95%; 丙 = 1"),
            vec![
                "表[2] = 三级指标=甲; 实际完成值=1,300 万元;分值=10".to_string(),
                " 乙 = 95%".to_string(),
                " 丙 = 1".to_string(),
            ]
        );
    }
}
