//! The rows of a target table (指标表) in a facts file: a TOML array of
//! tables or a JSON array of objects, one row per target, each cell read as
//! the form prints it ("4000 人", "≥95%", "定性"). Every problem is reported
//! with its row and column.

use super::value::{half_width, split_number};
use super::{Builder, Entry, Item, RawValue, RowEntry};
use crate::check::units::{lookup, DeclaredUnit};
use crate::check::CTable;
use crate::diag::{blank_row_name, did_you_mean, CellExpected, Diagnostic, Msg, Note};
use crate::eval::targets::{Cell, RowKind, TargetRow};
use crate::syntax::ast::TableShares;
use crate::syntax::Span;
use rust_decimal::Decimal;

/// Columns, by role, with their Chinese and English spellings.
const NAME: &[&str] = &["指标名称", "名称", "三级指标", "name"];
const GROUPS: &[&str] = &["一级指标", "二级指标", "level1", "level2"];
const KIND: &[&str] = &["指标性质", "性质", "kind"];
const TARGET: &[&str] = &["年度指标值", "指标值", "目标值", "target"];
const ACTUAL: &[&str] = &["实际完成值", "完成值", "实际值", "actual"];
const WEIGHT: &[&str] = &["分值", "weight"];
const SCORE: &[&str] = &["得分", "score"];
const REASON: &[&str] = &["偏差原因", "偏差原因分析及改进措施", "reason"];

const ROLES: [&[&str]; 8] = [NAME, GROUPS, KIND, TARGET, ACTUAL, WEIGHT, SCORE, REASON];
const GROUPS_ROLE: usize = 1;

/// Which column a key names (an index into [`ROLES`]).
pub(super) fn role(key: &str) -> Option<usize> {
    ROLES.iter().position(|r| r.contains(&key))
}

fn kind_of(text: &str) -> Option<RowKind> {
    Some(match half_width(text).trim() {
        "≥" | ">=" | "≧" | "不低于" => RowKind::AtLeast,
        "≤" | "<=" | "≦" | "不高于" => RowKind::AtMost,
        "=" | "==" | "等于" => RowKind::Equal,
        "定性" => RowKind::Qualitative,
        _ => return None,
    })
}

/// A leading comparison in a target cell (`≥95%`), as many forms write it.
fn leading_kind(text: &str) -> (Option<RowKind>, String) {
    let t = half_width(text);
    let t = t.trim();
    for (p, k) in [
        (">=", RowKind::AtLeast),
        ("≥", RowKind::AtLeast),
        ("<=", RowKind::AtMost),
        ("≤", RowKind::AtMost),
        ("=", RowKind::Equal),
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            return (Some(k), rest.trim().to_string());
        }
    }
    (None, t.to_string())
}

/// A number with the unit written after it, in base units when the unit is
/// one jixiao knows (万元 → 元, % → a fraction); the unit text as written.
fn quantity(raw: &RawValue) -> Option<(Decimal, String)> {
    match raw {
        RawValue::Number(d) => Some((*d, String::new())),
        RawValue::Bool(_) => None,
        RawValue::Text(s) => {
            let t = half_width(s);
            let (n, unit) = split_number(&t).ok()?;
            Some((n, unit.to_string()))
        }
    }
}

/// Put two quantities in one unit: equal unit texts, or known units of the
/// same dimension (万元 and 元). `None` when they do not agree.
fn common(
    t: (Decimal, &str),
    a: (Decimal, &str),
    declared: &[DeclaredUnit],
) -> Option<(Decimal, Decimal)> {
    let unit_named = |n: &str| lookup(declared, n);
    if t.1 == a.1 {
        let f = unit_named(t.1).map_or(Decimal::ONE, |(_, f)| f);
        return Some((t.0.checked_mul(f)?, a.0.checked_mul(f)?));
    }
    // A bare number beside a unit is in that unit.
    let (ut, ua) = match (t.1.is_empty(), a.1.is_empty()) {
        (true, false) => (a.1, a.1),
        (false, true) => (t.1, t.1),
        _ => (t.1, a.1),
    };
    let (u1, f1) = unit_named(ut)?;
    let (u2, f2) = unit_named(ua)?;
    if u1.dim != u2.dim {
        return None;
    }
    Some((t.0.checked_mul(f1)?, a.0.checked_mul(f2)?))
}

/// A 定性 row's actual written as a rate (`85%`) where the table has a
/// level the assessor picks within: `Some(Ok(rate))` when a level's range
/// (or fixed rate) holds it, `Some(Err)` when none does, `None` when the
/// cell is not a rate (a level's name) or the table has no ranges.
fn rate_in_levels(table: &CTable, raw: &RawValue) -> Option<Result<Decimal, ()>> {
    if table.level(raw.to_text().trim()).is_some() || table.levels.iter().all(|l| l.hi.is_none()) {
        return None;
    }
    let (n, unit) = quantity(raw)?;
    if unit != "%" {
        return None;
    }
    let r = n / Decimal::ONE_HUNDRED;
    Some(table.level_of_rate(r).map(|_| r).ok_or(()))
}

fn text_of(e: &Entry) -> Option<String> {
    match &e.item {
        Item::Value(v) => Some(v.to_text()),
        _ => None,
    }
}

impl Builder<'_> {
    /// `[[表名]]`: read every row of table `t`.
    pub(super) fn table_rows(&mut self, t: usize, e: &Entry) {
        let table = &self.checked.tables[t];
        let span = self.span(&e.span);
        let Item::Rows(rows) = &e.item else {
            let msg = Msg::TableNotRows {
                table: table.name.clone(),
            };
            self.diags.push(Diagnostic::new(msg).at(span));
            return;
        };
        if self.set.rows[t].is_some() {
            return self.duplicate(e);
        }
        let before = self.diags.0.len();
        let mut out = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            if let Some(row) = self.table_row(table, i + 1, r, rows.len()) {
                out.push(row);
            }
        }
        if self.diags.0.len() > before {
            return;
        }
        if table.shares == TableShares::Column && self.sum_rows {
            let sum: Decimal = out.iter().filter_map(|r| r.weight).sum();
            if sum != table.weight {
                let msg = Msg::TableWeights {
                    table: table.name.clone(),
                    declared: table.weight.normalize().to_string(),
                    sum: sum.normalize().to_string(),
                };
                let ind = self.checked.ind(table.ind);
                let d = Diagnostic::new(msg).at(self.span(&e.key_span)).label(
                    ind.head_span,
                    Note::Declared(table.weight.normalize().to_string()),
                );
                self.diags.push(d);
                return;
            }
        }
        self.set.rows[t] = Some(out);
    }

    /// Tables the facts do not give.
    pub(super) fn missing_tables(&mut self) {
        for (t, table) in self.checked.tables.iter().enumerate() {
            if self.set.rows[t].is_some() {
                continue;
            }
            // A table under a 择一 alternative not chosen is not scored.
            let values = &self.set.values;
            if self
                .checked
                .not_chosen(table.ind, |s| self.checked.given_or_default(values, s))
            {
                continue;
            }
            // A table given with errors has been reported already.
            if self.diags.0.iter().any(|d| match &d.msg {
                Msg::TableNotRows { table: x }
                | Msg::TableUnknownColumn { table: x, .. }
                | Msg::TableCell { table: x, .. }
                | Msg::TableRowUnits { table: x, .. }
                | Msg::TableWeights { table: x, .. }
                | Msg::TableNoRule { table: x, .. }
                | Msg::TableScoreOutsideRange { table: x, .. }
                | Msg::RowsNoHeader { table: x } => *x == table.name,
                // A rows file that is not CSV at all names no table.
                Msg::FactsSyntax { format, .. } => format == "CSV",
                _ => false,
            }) {
                continue;
            }
            let expected = format!("[[{}]]", table.name);
            let ind = self.checked.ind(table.ind);
            let msg = Msg::MissingFact {
                name: table.name.clone(),
                expected: expected.clone(),
            };
            self.diags.push(
                Diagnostic::new(msg)
                    .at(ind.head_span)
                    .note(Note::Declared(expected)),
            );
        }
    }

    fn table_row(
        &mut self,
        table: &CTable,
        row: usize,
        r: &RowEntry,
        count: usize,
    ) -> Option<TargetRow> {
        let n = Decimal::from(count);
        let row_span = self.span(&r.span);
        let mut cells: [Option<&Entry>; 8] = [None; 8];
        let mut groups = Vec::new();
        let mut ok = true;
        for c in &r.cells {
            match role(&c.key) {
                Some(GROUPS_ROLE) => groups.extend(text_of(c).filter(|g| !g.trim().is_empty())),
                Some(i) => cells[i] = Some(c),
                None => {
                    let all = ROLES.iter().flat_map(|r| r.iter().copied());
                    let mut d = Diagnostic::new(Msg::TableUnknownColumn {
                        table: table.name.clone(),
                        row,
                        column: c.key.clone(),
                    })
                    .at(self.span(&c.key_span));
                    if let Some(s) = did_you_mean(&c.key, all) {
                        d = d.note(Note::DidYouMean(s));
                    }
                    self.diags.push(d);
                    ok = false;
                }
            }
        }
        if !ok {
            // The cells it would have filled are unknown: say only that.
            return None;
        }
        let [name_c, _, kind_c, target_c, actual_c, weight_c, score_c, reason_c] = cells;
        let named = name_c.and_then(text_of).map(|s| s.trim().to_string());
        let (name, name_generated) = match named {
            Some(s) if !s.is_empty() => (s, false),
            _ => (blank_row_name(row), true),
        };
        let at = |b: &Self, c: Option<&Entry>| c.map_or(row_span, |c| b.span(&c.span));
        let cell_err = |b: &mut Self, c: Option<&Entry>, column: &str, expected: CellExpected| {
            let value = c.and_then(text_of).unwrap_or_default();
            let d = Diagnostic::new(Msg::TableCell {
                table: table.name.clone(),
                row,
                name: name.clone(),
                column: column.to_string(),
                value,
                expected,
            })
            .at(at(b, c));
            b.diags.push(d);
        };

        // 指标性质, or the comparison written before the target (`≥95%`).
        let target_text = target_c.and_then(text_of).unwrap_or_default();
        let (lead, target_rest) = leading_kind(&target_text);
        let kind_text = kind_c.and_then(text_of).unwrap_or_default();
        let kind = if kind_text.trim().is_empty() {
            lead
        } else {
            match kind_of(&kind_text) {
                Some(k) if lead.is_none() || lead == Some(k) => Some(k),
                _ => None,
            }
        };
        let Some(kind) = kind else {
            cell_err(self, kind_c, KIND[0], CellExpected::Kind);
            return None;
        };
        let actual_raw = match actual_c.map(|c| &c.item) {
            Some(Item::Value(v)) if !v.to_text().trim().is_empty() => Some(v.clone()),
            _ => None,
        };
        let Some(actual_raw) = actual_raw else {
            cell_err(self, actual_c, ACTUAL[0], CellExpected::Actual);
            return None;
        };
        let target_raw = match (&lead, target_c.map(|c| &c.item)) {
            (Some(_), _) => RawValue::Text(target_rest.clone()),
            (None, Some(Item::Value(v))) => v.clone(),
            _ => RawValue::Text(String::new()),
        };
        let shown = |raw: &RawValue| raw.to_text().trim().to_string();
        let (target, actual) = match kind {
            RowKind::AtLeast | RowKind::AtMost | RowKind::Equal => {
                let t = quantity(&target_raw);
                let a = quantity(&actual_raw);
                match (t, a) {
                    (Some(t), Some(a)) => {
                        match common((t.0, &t.1), (a.0, &a.1), &self.checked.units) {
                            Some((tv, av)) if tv >= Decimal::ZERO && av >= Decimal::ZERO => (
                                Cell::Qty {
                                    value: tv,
                                    text: shown(&target_raw),
                                },
                                Cell::Qty {
                                    value: av,
                                    text: shown(&actual_raw),
                                },
                            ),
                            Some((tv, _)) => {
                                let (c, col) = if tv < Decimal::ZERO {
                                    (target_c, TARGET[0])
                                } else {
                                    (actual_c, ACTUAL[0])
                                };
                                cell_err(self, c, col, CellExpected::NotNegative);
                                return None;
                            }
                            None => {
                                let d = Diagnostic::new(Msg::TableRowUnits {
                                    table: table.name.clone(),
                                    row,
                                    name: name.clone(),
                                    target: t.1,
                                    actual: a.1,
                                })
                                .at(at(self, actual_c))
                                .label(at(self, target_c), Note::ThisHasUnit(shown(&target_raw)));
                                self.diags.push(d);
                                return None;
                            }
                        }
                    }
                    (_, _) if kind == RowKind::Equal => (
                        Cell::Text(shown(&target_raw)),
                        Cell::Text(shown(&actual_raw)),
                    ),
                    (None, _) => {
                        cell_err(
                            self,
                            target_c,
                            TARGET[0],
                            CellExpected::Quantity {
                                example: "4000 人".into(),
                            },
                        );
                        return None;
                    }
                    (_, None) => {
                        cell_err(
                            self,
                            actual_c,
                            ACTUAL[0],
                            CellExpected::Quantity {
                                example: "4253 人".into(),
                            },
                        );
                        return None;
                    }
                }
            }
            RowKind::Qualitative => {
                let text = shown(&actual_raw);
                let actual = match rate_in_levels(table, &actual_raw) {
                    Some(Ok(value)) => Cell::Qty { value, text },
                    Some(Err(())) => {
                        let levels = table.level_names();
                        cell_err(
                            self,
                            actual_c,
                            ACTUAL[0],
                            CellExpected::Level { levels, rate: true },
                        );
                        return None;
                    }
                    None => Cell::Text(text),
                };
                (Cell::Text(shown(&target_raw)), actual)
            }
        };

        // 分值: from the column, or the equal share (a column that is given
        // anyway must agree with it).
        let weight = match weight_c.map(|c| &c.item) {
            Some(Item::Value(v)) => match quantity(v) {
                Some((w, u)) if w >= Decimal::ZERO && (u.is_empty() || u == "分") => Some(w),
                _ => {
                    cell_err(self, weight_c, WEIGHT[0], CellExpected::Points);
                    return None;
                }
            },
            _ => None,
        };
        let share_ok = |w: Decimal| w.checked_mul(n) == Some(table.weight);
        match (table.shares, weight) {
            (TableShares::Column, None) => {
                cell_err(self, weight_c, WEIGHT[0], CellExpected::Points);
                return None;
            }
            (TableShares::Equal, Some(w)) if !share_ok(w) => {
                let share = CellExpected::EqualShare {
                    weight: table.weight.normalize().to_string(),
                    rows: count,
                };
                cell_err(self, weight_c, WEIGHT[0], share);
                return None;
            }
            _ => {}
        }
        let given = match score_c.map(|c| &c.item) {
            Some(Item::Value(v)) if !v.to_text().trim().is_empty() => match quantity(v) {
                Some((s, u)) if u.is_empty() || u == "分" => Some(s),
                _ => {
                    cell_err(self, score_c, SCORE[0], CellExpected::Points);
                    return None;
                }
            },
            _ => None,
        };

        let row_weight_times_n = match table.shares {
            TableShares::Equal => table.weight,
            TableShares::Column => weight.unwrap_or_default().checked_mul(n)?,
        };
        match kind {
            RowKind::Equal if table.eq_miss.is_none() => {
                self.no_rule(table, row, &name, kind, at(self, kind_c));
                return None;
            }
            RowKind::Qualitative if table.levels.is_empty() => {
                self.no_rule(table, row, &name, kind, at(self, kind_c));
                return None;
            }
            // A rate written as the actual (`85%`): the assessor's rate,
            // which must lie in one of the levels; weight × rate, no pick.
            RowKind::Qualitative if matches!(actual, Cell::Qty { .. }) => {}
            RowKind::Qualitative => {
                let level = actual.text().trim();
                let Some(l) = table.level(level) else {
                    let levels = table.level_names();
                    let rate = table.levels.iter().any(|l| l.hi.is_some());
                    let expected = CellExpected::Level { levels, rate };
                    cell_err(self, actual_c, ACTUAL[0], expected);
                    let names = table.levels.iter().map(|l| l.name.as_str());
                    if let (Some(s), Some(d)) =
                        (did_you_mean(level, names), self.diags.0.last_mut())
                    {
                        d.notes.push(Note::DidYouMean(s));
                    }
                    return None;
                };
                if let Some(hi) = l.hi {
                    // Within [lo × w, hi × w], compared times n so that an
                    // equal share W ÷ n is never rounded.
                    let pts = |r: Decimal| r.checked_mul(row_weight_times_n);
                    let lo_p = pts(l.lo.0)?;
                    let hi_p = pts(hi.0)?;
                    let shown_pts = |p: Decimal, incl: bool| {
                        let v = p.checked_div(n).unwrap_or(p);
                        let v = crate::check::show::quantity(v, crate::check::units::Unit::PLAIN);
                        (v, incl)
                    };
                    let Some(s) = given else {
                        let expected = CellExpected::ScoreIn {
                            lo: shown_pts(lo_p, l.lo.1),
                            hi: shown_pts(hi_p, hi.1),
                        };
                        cell_err(self, score_c, SCORE[0], expected);
                        return None;
                    };
                    let sn = s.checked_mul(n)?;
                    let inside = (if l.lo.1 { sn >= lo_p } else { sn > lo_p })
                        && (if hi.1 { sn <= hi_p } else { sn < hi_p });
                    if !inside {
                        let d = Diagnostic::new(Msg::TableScoreOutsideRange {
                            table: table.name.clone(),
                            row,
                            name: name.clone(),
                            score: s.normalize().to_string(),
                            lo: shown_pts(lo_p, l.lo.1),
                            hi: shown_pts(hi_p, hi.1),
                        })
                        .at(at(self, score_c));
                        self.diags.push(d);
                        return None;
                    }
                }
            }
            _ => {}
        }
        let reason = reason_c.and_then(text_of).filter(|s| !s.trim().is_empty());
        let assessor = kind == RowKind::Qualitative
            && table
                .level(actual.text().trim())
                .is_some_and(|l| l.hi.is_some());
        Some(TargetRow {
            name,
            name_generated,
            groups,
            kind,
            target,
            actual,
            weight,
            given: given.filter(|_| assessor),
            reason,
            span: Some(row_span),
        })
    }

    fn no_rule(&mut self, table: &CTable, row: usize, name: &str, kind: RowKind, at: Span) {
        let d = Diagnostic::new(Msg::TableNoRule {
            table: table.name.clone(),
            row,
            name: name.to_string(),
            kind: kind.symbol().to_string(),
        })
        .at(at)
        .label(table.span, Note::Declared(table.name.clone()));
        self.diags.push(d);
    }
}
