//! One input row straight into slots. The CSV header is mapped to slots
//! once; each cell then goes through an exact fast path for plain numbers,
//! 是/否 and enumeration variants, and through [`crate::facts::read_value`]
//! for everything else (units, thousands separators, full-width digits,
//! bounds such as `＜40%`) and for every error, so messages are the facts
//! reader's own. A row whose rubric has constraints, or which holds a
//! bound, is then checked by [`crate::facts::settle`] like a facts file.

use crate::check::{Checked, Ty};
use crate::diag::{did_you_mean, Msg};
use crate::eval::value::Value;
use crate::eval::FactSet;
use crate::facts::{parse_value, read_value, settle, type_name, Bound, RawValue, Read};
use rust_decimal::Decimal;

/// Column names that name the department rather than a fact.
use crate::sheet::header::LABELS as LABEL_KEYS;

/// A row that does not score: where and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// The column (fact) at fault, when one is.
    pub column: Option<String>,
    pub msg: Msg,
}

impl RowError {
    pub fn new(column: Option<&str>, msg: Msg) -> RowError {
        RowError {
            column: column.map(str::to_string),
            msg,
        }
    }
}

/// How one input is read, decided once per rubric.
struct Cell {
    /// A bare number times this is the value (1, or 10000 for 万元); `None`
    /// when a bare number is not accepted (rates need `%`).
    bare: Option<Factor>,
    /// `n%` is n times this (0.01), when `%` fits the declared unit.
    percent: Option<Factor>,
    /// A count (人, 家 …): whole and not negative, or the slow path words the error.
    count: bool,
    /// Declared 正数 / 非零: a value breaking it goes the slow way.
    positive: bool,
    nonzero: bool,
}

/// A cell's factor, with what multiplying by it needs taken apart once.
#[derive(Clone, Copy)]
struct Factor {
    d: Decimal,
    /// Exactly 1 (scale 0): the cell's own decimal is the value.
    one: bool,
    /// The mantissa, when it fits 64 bits.
    m: Option<i64>,
}

impl Factor {
    fn new(d: Decimal) -> Factor {
        Factor {
            d,
            one: d == Decimal::ONE && d.scale() == 0,
            m: i64::try_from(d.mantissa()).ok(),
        }
    }

    /// `m`·10^-`scale` times the factor, the same mantissa and scale as
    /// `checked_mul`: rust_decimal multiplies mantissas and adds scales when
    /// the product fits, and gives plain 0 for zero. A 64-bit product is
    /// built here directly, without building the cell's decimal first;
    /// anything larger goes the general way.
    #[inline]
    fn apply(&self, m: i64, scale: u32) -> Option<Decimal> {
        if m == 0 || self.m == Some(0) {
            return Some(Decimal::ZERO);
        }
        if self.one {
            return Some(Decimal::new(m, scale));
        }
        let scale_f = self.d.scale();
        if let Some(p) = self.m.and_then(|f| m.checked_mul(f)) {
            if scale + scale_f <= 28 {
                return Some(Decimal::new(p, scale + scale_f));
            }
        }
        Decimal::new(m, scale).checked_mul(self.d)
    }
}

pub struct Columns<'c> {
    c: &'c Checked,
    cells: Vec<Cell>,
    /// Per CSV column: the input slot it fills, if any.
    slot_of: Vec<Option<usize>>,
    /// Per input slot: its CSV column, if the header has one.
    column_of: Vec<Option<usize>>,
    label: Option<usize>,
    /// Columns holding the assessor's score (评审打分) of an indicator.
    picks: Vec<(usize, u32)>,
    /// The rubric's constraints when each is a bound on one input, checked
    /// per row without the evaluator; `None` sends every row to `settle`.
    one_input: Option<Vec<super::bounds::Bound>>,
}

fn factor(c: &Checked, slot: usize, text: &str) -> Option<Factor> {
    match parse_value(&RawValue::Text(text.to_string()), &c.facts[slot], c) {
        Ok(Value::Num(d)) => Some(Factor::new(d)),
        _ => None,
    }
}

impl<'c> Columns<'c> {
    /// Map a header. Unknown and repeated column names are errors of the
    /// whole file: every row would be read wrongly.
    pub fn new(c: &'c Checked, header: &[&str]) -> Result<Columns<'c>, Msg> {
        Columns::skipping(c, header, &[])
    }

    /// As [`Columns::new`], reading past the columns `skip` marks (序号,
    /// 备注, misspelt names the caller has warned about).
    pub fn skipping(c: &'c Checked, header: &[&str], skip: &[bool]) -> Result<Columns<'c>, Msg> {
        let cells = (0..c.facts.len())
            .map(|s| match c.facts[s].ty {
                Ty::Num(u) => Cell {
                    bare: factor(c, s, "1"),
                    percent: factor(c, s, "1%"),
                    count: u.is_count(),
                    positive: c.facts[s].positive,
                    nonzero: c.facts[s].nonzero,
                },
                _ => Cell {
                    bare: None,
                    percent: None,
                    count: false,
                    positive: false,
                    nonzero: false,
                },
            })
            .collect();
        let mut cols = Columns {
            c,
            cells,
            slot_of: Vec::new(),
            column_of: vec![None; c.facts.len()],
            label: None,
            picks: Vec::new(),
            one_input: super::bounds::single_input(c),
        };
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            if skip.get(i) == Some(&true) {
                cols.slot_of.push(None);
                continue;
            }
            match c.fact_slot(name) {
                Some(s) if cols.column_of[s as usize].is_some() => {
                    return Err(Msg::BatchDuplicateColumn { name: name.into() })
                }
                Some(s) => {
                    cols.column_of[s as usize] = Some(i);
                    cols.slot_of.push(Some(s as usize));
                }
                None if LABEL_KEYS.contains(&name) && cols.label.is_none() => {
                    cols.label = Some(i);
                    cols.slot_of.push(None);
                }
                None if LABEL_KEYS.contains(&name) => {
                    return Err(Msg::BatchDuplicateColumn { name: name.into() })
                }
                None if c.indicator_named(name).is_some_and(|i| c.has_pick(i)) => {
                    let id = c.indicator_named(name).unwrap_or_default();
                    if cols.picks.iter().any(|&(_, x)| x == id) {
                        return Err(Msg::BatchDuplicateColumn { name: name.into() });
                    }
                    cols.picks.push((i, id));
                    cols.slot_of.push(None);
                }
                None => {
                    let suggestion = did_you_mean(name, c.facts.iter().map(|f| f.name.as_str()));
                    return Err(Msg::BatchUnknownColumn {
                        name: crate::facts::visible(name),
                        suggestion: suggestion.unwrap_or_default(),
                    });
                }
            }
        }
        Ok(cols)
    }

    pub fn width(&self) -> usize {
        self.slot_of.len()
    }

    pub fn label<'r>(&self, cells: &[&'r str]) -> Option<&'r str> {
        self.label
            .and_then(|i| cells.get(i))
            .map(|s| trim(s))
            .filter(|s| !s.is_empty())
    }

    /// Fill every input slot from a row's cells. An empty cell or a column
    /// the header lacks takes the input's default, else the row fails. A row
    /// with facts marked unknown fails too (E413): see [`Columns::fill_or_partial`].
    pub fn fill(&self, cells: &[&str], vals: &mut [Value]) -> Result<(), RowError> {
        match self.fill_or_partial(cells, vals)? {
            None => Ok(()),
            Some(_) => Err(RowError::new(
                None,
                Msg::PartialNoRanges {
                    output: "batch".into(),
                },
            )),
        }
    }

    /// As [`Columns::fill`], but a row with facts marked unknown (`未取得`)
    /// comes back as its fact set, ready for `facts::partial::score`.
    pub fn fill_or_partial(
        &self,
        cells: &[&str],
        vals: &mut [Value],
    ) -> Result<Option<FactSet>, RowError> {
        self.fill_or_partial_with(cells, vals, &|_| Ok(()))
    }

    /// As [`Columns::fill_or_partial`]; `more` completes a fact set that is
    /// settled here (target-table rows, assessors' scores) before its bounds
    /// are resolved, since resolving a bound scores the rubric.
    pub fn fill_or_partial_with(
        &self,
        cells: &[&str],
        vals: &mut [Value],
        more: &dyn Fn(&mut FactSet) -> Result<(), RowError>,
    ) -> Result<Option<FactSet>, RowError> {
        if cells.len() != self.width() {
            let msg = Msg::BatchRowWidth {
                found: cells.len(),
                expected: self.width(),
            };
            let column = self
                .slot_of
                .get(cells.len())
                .copied()
                .flatten()
                .map(|s| self.c.facts[s].name.as_str());
            return Err(RowError::new(column, msg));
        }
        let mut bounds: Vec<Bound> = Vec::new();
        let mut unknown: Vec<crate::eval::Unknown> = Vec::new();
        for (slot, decl) in self.c.facts.iter().enumerate() {
            let text = self.column_of[slot].map(|i| trim(cells[i])).unwrap_or("");
            vals[slot] = if text.is_empty() {
                match decl.default {
                    Some(v) => v,
                    None => {
                        let msg = Msg::MissingFact {
                            name: decl.name.clone(),
                            expected: type_name(&decl.ty, self.c),
                        };
                        return Err(RowError::new(Some(&decl.name), msg));
                    }
                }
            } else {
                match self.fast(slot, text) {
                    Some(v) => v,
                    None => {
                        let raw = RawValue::Text(text.to_string());
                        match read_value(&raw, slot as u32, self.c, None)
                            .map_err(|msg| RowError::new(Some(&decl.name), msg))?
                        {
                            Read::Exact(v) => v,
                            Read::Bound(b) => {
                                let v = Value::Num(b.value);
                                bounds.push(b);
                                v
                            }
                            Read::Unknown => {
                                unknown.push(crate::eval::Unknown {
                                    slot: slot as u32,
                                    text: text.to_string(),
                                    samples: Vec::new(),
                                });
                                decl.default.unwrap_or(Value::Text)
                            }
                        }
                    }
                }
            };
        }
        let kept = |b: &[super::bounds::Bound]| super::bounds::all_hold(b, vals);
        if bounds.is_empty() && unknown.is_empty() && self.one_input.as_deref().is_some_and(kept) {
            return Ok(None);
        }
        self.settle(vals, &bounds, unknown, more)
    }

    /// The row as a fact set through the facts reader's own checks.
    fn settle(
        &self,
        vals: &mut [Value],
        bounds: &[Bound],
        unknown: Vec<crate::eval::Unknown>,
        more: &dyn Fn(&mut FactSet) -> Result<(), RowError>,
    ) -> Result<Option<FactSet>, RowError> {
        let mut set = FactSet::empty(self.c);
        for (i, v) in vals.iter().enumerate() {
            set.values[i] = Some(*v);
        }
        for u in &unknown {
            set.values[u.slot as usize] = None;
        }
        set.unknown = unknown;
        more(&mut set)?;
        if let Err(d) = settle(self.c, &mut set, bounds) {
            let first = d.0.into_iter().find(|d| d.is_error());
            let msg = first.map(|d| d.msg).unwrap_or(Msg::BatchBadRecord {
                detail: String::new(),
            });
            let column = fact_named(&msg).map(str::to_string);
            return Err(RowError { column, msg });
        }
        if !set.unknown.is_empty() {
            return Ok(Some(set));
        }
        for (v, s) in vals.iter_mut().zip(&set.values) {
            if let Some(x) = s {
                *v = *x;
            }
        }
        Ok(None)
    }

    /// The assessor's scores (评审打分) a row gives, by indicator; a blank
    /// cell gives none (the evaluator then names the missing score).
    pub fn picks(&self, cells: &[&str]) -> Result<Vec<(u32, Decimal)>, RowError> {
        let mut out = Vec::with_capacity(self.picks.len());
        for &(col, id) in &self.picks {
            let text = cells.get(col).map_or("", |s| s.trim());
            if text.is_empty() {
                continue;
            }
            let half = crate::facts::half_width(text);
            let v = crate::facts::split_number(&half)
                .ok()
                .filter(|(_, u)| u.is_empty() || *u == "分")
                .map(|(d, _)| d);
            let name = &self.c.ind(id).name;
            let Some(v) = v else {
                let msg = Msg::FactNotNumber {
                    name: format!("评审打分.{name}"),
                    value: text.to_string(),
                    expected: "分".to_string(),
                };
                return Err(RowError::new(Some(name), msg));
            };
            out.push((id, v));
        }
        Ok(out)
    }

    /// Whether `vals` keep every constraint of the rubric without
    /// [`crate::facts::settle`]: each is a bound on one input, and holds.
    /// `false` means `settle` must decide (and word any error).
    pub fn keeps_constraints(&self, vals: &[Value]) -> bool {
        self.one_input
            .as_deref()
            .is_some_and(|b| super::bounds::all_hold(b, vals))
    }

    /// The value of a plainly written cell, exactly as `parse_value` would
    /// give it; `None` sends the cell the slow way.
    #[inline]
    pub fn fast(&self, slot: usize, text: &str) -> Option<Value> {
        let decl = &self.c.facts[slot];
        match &decl.ty {
            Ty::Num(_) => {
                let cell = &self.cells[slot];
                let (digits, factor) = match text.strip_suffix('%') {
                    Some(d) => (d, cell.percent.as_ref()?),
                    None => (text, cell.bare.as_ref()?),
                };
                let (m, scale) = plain_parts(digits)?;
                let d = factor.apply(m, scale)?;
                // A broken constraint goes the slow way, which words the error.
                // (`d ≤ 0` is its sign and zero: no decimal comparison.)
                if (cell.positive && (d.is_zero() || d.is_sign_negative()))
                    || (cell.nonzero && d.is_zero())
                    || (cell.count
                        && (d.is_sign_negative() || (d.scale() > 0 && !d.fract().is_zero())))
                {
                    return None;
                }
                Some(Value::Num(d))
            }
            // 是, 有 / 否, 无 by their UTF-8 bytes: no string comparison calls.
            Ty::Bool => match text.as_bytes() {
                [0xE6, 0x98, 0xAF] | [0xE6, 0x9C, 0x89] => Some(Value::Bool(true)),
                [0xE5, 0x90, 0xA6] | [0xE6, 0x97, 0xA0] => Some(Value::Bool(false)),
                _ => None,
            },
            Ty::Enum(e) => {
                let variants = &self.c.enums.get(*e as usize)?.variants;
                variants
                    .iter()
                    .position(|v| v == text)
                    .map(|i| Value::Enum(i as u16))
            }
            Ty::Text => Some(Value::Text),
            Ty::Error => None,
        }
    }
}

/// The fact a facts-reader message is about, for the error record's column.
pub(super) fn fact_named(m: &Msg) -> Option<&str> {
    match m {
        Msg::MissingFact { name, .. }
        | Msg::UnknownFact { name }
        | Msg::FactWrongUnit { name, .. }
        | Msg::FactNotNumber { name, .. }
        | Msg::FactMissingPercent { name, .. }
        | Msg::FactNumberRange { name, .. }
        | Msg::FactExponent { name, .. }
        | Msg::FactSeparator { name, .. }
        | Msg::FactNotCount { name, .. }
        | Msg::FactNotBool { name, .. }
        | Msg::FactNotVariant { name, .. }
        | Msg::FactNotPositive { name, .. }
        | Msg::FactZero { name }
        | Msg::FactWrongType { name, .. } => Some(name),
        Msg::BoundNotNumeric { fact }
        | Msg::BoundEmpty { fact, .. }
        | Msg::BoundNotExact { fact, .. }
        | Msg::BoundSplits { fact, .. }
        | Msg::UnknownInexact { fact, .. } => Some(fact),
        _ => None,
    }
}

/// `s.trim()`, without scanning for Unicode blanks in a cell whose first
/// and last characters after its ASCII blanks are not blanks (nearly every
/// cell, `是` and `满意` included): `trim_ascii` removed only blanks, so
/// what is left is then trimmed already. A blank past ASCII (U+0085,
/// U+00A0, U+1680, U+2000–U+205F, U+3000) begins with byte C2, E1, E2 or
/// E3, so a character led by any other byte is not one.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    if ends_not_blank(s.as_bytes()) {
        return s;
    }
    let t = s.trim_ascii();
    if t.is_empty() || ends_not_blank(t.as_bytes()) {
        t
    } else {
        t.trim()
    }
}

/// Whether `b` (UTF-8) begins and ends with a character that is not blank.
#[inline]
fn ends_not_blank(b: &[u8]) -> bool {
    let no_blank = |lead: u8| {
        lead.is_ascii_graphic() || (lead >= 0xC0 && !matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3))
    };
    let (Some(&first), Some(&end)) = (b.first(), b.last()) else {
        return false;
    };
    if !no_blank(first) {
        return false;
    }
    if end.is_ascii_graphic() {
        return true;
    }
    // The last character's lead byte: the last byte that does not continue one.
    let lead = b[b.len().saturating_sub(4)..]
        .iter()
        .rev()
        .find(|&&x| x & 0xC0 != 0x80);
    lead.is_some_and(|&l| no_blank(l))
}

/// `-123.45` with at most 18 digits, as `Decimal::from_str` reads it (same
/// mantissa and scale). Anything else (signs `+`, separators, exponents,
/// `-0`) is left to the full parser.
pub fn plain_decimal(s: &str) -> Option<Decimal> {
    plain_parts(s).map(|(m, scale)| Decimal::new(m, scale))
}

/// [`plain_decimal`] as its mantissa and scale.
#[inline]
fn plain_parts(s: &str) -> Option<(i64, u32)> {
    let b = s.as_bytes();
    let neg = b.first() == Some(&b'-');
    let b = &b[usize::from(neg)..];
    // At most 18 digits and one point (a 19th digit could overflow i64:
    // the full parser takes it), so the loop need not count.
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let (mut m, mut point) = (0i64, None);
    for (i, &c) in b.iter().enumerate() {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            m = m * 10 + i64::from(d);
        } else if c == b'.' && point.is_none() {
            point = Some(i);
        } else {
            return None;
        }
    }
    let scale = match point {
        // A point needs a digit before and after it.
        Some(i) if i == 0 || i + 1 == b.len() => return None,
        Some(i) => (b.len() - i - 1) as u32,
        None if b.len() > 18 => return None,
        None => 0,
    };
    if neg && m == 0 {
        return None;
    }
    Some((if neg { -m } else { m }, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_factor_applies_as_decimal_multiplication_scale_and_all() {
        let ds = [
            "0",
            "0.00",
            "1",
            "-1",
            "7.50",
            "-3.5",
            "123456789012345678",
            "0.000001",
            "99999.9999",
        ];
        let fs = [
            "1",
            "1.0",
            "0.01",
            "10000",
            "0",
            "-2",
            "0.00000000000000000001",
            "100000000000",
        ];
        for d in ds {
            for f in fs {
                let (d, f): (Decimal, Decimal) = (d.parse().unwrap(), f.parse().unwrap());
                let m = i64::try_from(d.mantissa()).unwrap();
                let (a, b) = (Factor::new(f).apply(m, d.scale()), d.checked_mul(f));
                assert_eq!(a, b, "{d} × {f}");
                assert_eq!(a.map(|x| x.scale()), b.map(|x| x.scale()), "{d} × {f}");
                assert_eq!(
                    a.map(|x| x.is_sign_negative()),
                    b.map(|x| x.is_sign_negative()),
                    "{d} × {f}"
                );
            }
        }
    }

    /// The reader before its loop stopped counting digits: the same
    /// strings accepted, the same mantissa and scale.
    fn plain_before(s: &str) -> Option<Decimal> {
        let b = s.as_bytes();
        let neg = b.first() == Some(&b'-');
        let b = &b[usize::from(neg)..];
        let (mut m, mut scale, mut digits, mut point) = (0i64, 0u32, 0u32, false);
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'0'..=b'9' if digits < 18 => {
                    m = m * 10 + i64::from(c - b'0');
                    digits += 1;
                    scale += u32::from(point);
                }
                b'.' if !point && i > 0 && i + 1 < b.len() => point = true,
                _ => return None,
            }
        }
        if digits == 0 || (neg && m == 0) {
            return None;
        }
        Some(Decimal::new(if neg { -m } else { m }, scale))
    }

    #[test]
    fn plain_decimal_reads_what_it_read_before_and_as_from_str_does() {
        let mut cases: Vec<String> = [
            "",
            "-",
            ".",
            "-.",
            "0",
            "-0",
            "-0.0",
            "0.00",
            "00",
            "007.50",
            "1.",
            ".5",
            "-.5",
            "1..2",
            "1.2.3",
            "+1",
            "1e3",
            "1,0",
            " 1",
            "1 ",
            "１",
            "-12.345",
            "99999.9999",
            "123456789012345678",
            "1234567890123456789",
            "12345678901234567.8",
            "1234567890123456789.0",
            "0.000000000000000001",
            "-999999999999999999",
            "1/2",
            "%",
            "9:",
            "/",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every string of up to four characters from digits, point and sign.
        let alphabet = ['0', '1', '9', '.', '-'];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            frontier = frontier
                .iter()
                .flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}")))
                .collect();
            cases.extend(frontier.iter().cloned());
        }
        for s in &cases {
            let (new, old) = (plain_decimal(s), plain_before(s));
            assert_eq!(new, old, "{s:?}");
            assert_eq!(new.map(|d| d.scale()), old.map(|d| d.scale()), "{s:?}");
            if let Some(d) = new {
                let want: Decimal = s.parse().unwrap();
                assert_eq!((d, d.scale()), (want, want.scale()), "{s:?}");
            }
        }
    }

    #[test]
    fn yes_and_no_are_read_by_their_bytes() {
        assert_eq!("是".as_bytes(), [0xE6, 0x98, 0xAF]);
        assert_eq!("有".as_bytes(), [0xE6, 0x9C, 0x89]);
        assert_eq!("否".as_bytes(), [0xE5, 0x90, 0xA6]);
        assert_eq!("无".as_bytes(), [0xE6, 0x97, 0xA0]);
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            " 95% ",
            "\t1\r",
            "\u{3000}95\u{3000}",
            "\u{b}1",
            "是 ",
            " a\u{a0}",
            "\u{85}x",
            "是",
            " 是\t",
            "是\u{3000}",
            "\u{3000}是",
            "满意\u{a0}",
            "\u{2028}否",
            "否\u{202f}",
            "x\u{b}",
            "\u{b}",
            "©",
            " ©\u{2028}",
            "\u{1680}a",
            "a\u{205f}",
            "\u{3000}",
            "满",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
        // Every character up to U+3100 and a few beyond, alone and at either end.
        let chars = (0..0x3100u32).chain([0xFEFF, 0xFF10, 0x1F600]);
        for c in chars.filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}a"),
                format!(" {c} "),
            ] {
                assert_eq!(trim(&s), s.trim(), "{s:?}");
            }
        }
    }
}
