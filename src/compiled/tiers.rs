//! Tier tables, compiled knowing that earlier rows failed. Rows are tried
//! in order, so when `率 ≥ 95%` did not hold, the next row
//! `率 在 90%（含）和 95% 之间` only needs `率 ≥ 90%`, and a last row
//! `率 ＜ 70%` needs no comparison at all. This is exact: a bound is only
//! dropped when the failed rows before it prove it, and the slot was already
//! read by those rows (so a derived value is computed, and cannot fail, the
//! same way). `tests/compiled.rs` checks the result against the reference.

use super::expr::{slot, BoolFn, Compiler, Cx, R};
use super::shape::konst;
use crate::check::{CExpr, CKind, CRow};
use crate::num::{Exact, Value, POW10, Q};
use crate::syntax::ast::CmpOp;
use rust_decimal::Decimal;

/// What the failed rows so far prove about one slot: `x > lo` or `x ≥ lo`,
/// `x < hi` or `x ≤ hi` (the bool says strict).
#[derive(Default)]
struct Known {
    slot: Option<u32>,
    lo: Option<(Decimal, bool)>,
    hi: Option<(Decimal, bool)>,
}

impl Known {
    fn about(&mut self, s: u32) {
        if self.slot != Some(s) {
            *self = Known {
                slot: Some(s),
                lo: None,
                hi: None,
            };
        }
    }

    /// Is `x < h` (strict) or `x ≤ h` proved?
    fn below(&self, s: u32, h: Decimal, strict: bool) -> bool {
        self.slot == Some(s)
            && self
                .hi
                .is_some_and(|(u, us)| u < h || (u == h && (us || !strict)))
    }

    /// Is `x > l` (strict) or `x ≥ l` proved?
    fn above(&self, s: u32, l: Decimal, strict: bool) -> bool {
        self.slot == Some(s)
            && self
                .lo
                .is_some_and(|(u, us)| u > l || (u == l && (us || !strict)))
    }

    fn learn_hi(&mut self, s: u32, h: Decimal, strict: bool) {
        self.about(s);
        if !self.below(s, h, strict) {
            self.hi = Some((h, strict));
        }
    }

    fn learn_lo(&mut self, s: u32, l: Decimal, strict: bool) {
        self.about(s);
        if !self.above(s, l, strict) {
            self.lo = Some((l, strict));
        }
    }
}

fn slot_of(e: &CExpr) -> Option<u32> {
    match e.kind {
        CKind::Slot(s) => Some(s),
        _ => None,
    }
}

/// One row's condition as data: a test of the table's subject slot.
#[derive(Clone, Copy, Debug)]
pub enum Test {
    /// Proved by the failed rows before it, or 否则.
    Always,
    /// `x op k`, numbers.
    Cmp(CmpOp, Q),
    /// `x 在 lo 和 hi 之间`, the bools saying inclusive.
    Between(Q, bool, Q, bool),
    /// A yes/no slot is yes (`如果 工作规划合理 则 3`), or is not.
    Yes(bool),
}

impl Test {
    #[inline(always)]
    fn holds(self, x: Exact) -> bool {
        match self {
            Test::Always => true,
            Test::Cmp(op, k) => {
                let x = x.num();
                match op {
                    CmpOp::Eq => x == k,
                    CmpOp::Ne => x != k,
                    CmpOp::Lt => x < k,
                    CmpOp::Le => x <= k,
                    CmpOp::Gt => x > k,
                    CmpOp::Ge => x >= k,
                }
            }
            Test::Between(l, li, h, hi) => {
                let x = x.num();
                (if li { x >= l } else { x > l }) && (if hi { x <= h } else { x < h })
            }
            Test::Yes(yes) => x.truth() == yes,
        }
    }
}

/// A numeric table's tests on integer keys: a value `x` is keyed at `scale`
/// decimals as `2·floor(x·10^scale) + [x·10^scale is not whole]`, and a
/// threshold `k` (with at most `scale` decimals) as `2·k·10^scale`. Then
/// `x ≥ k` ⇔ `key ≥ kk`, `x > k` ⇔ `key > kk`, `x = k` ⇔ `key = kk`, and so
/// on: exact, one integer comparison per row, no cross-multiplication.
pub struct Keyed {
    scale: u32,
    /// Ascending cut points on the key line. Each test's truth changes only
    /// at its `kk` or `kk + 1` (keys are integers), so the first row that
    /// holds is the same for every key between two cuts: picking a row is
    /// counting the cuts at or below the key, with no test per row.
    cuts: Vec<i128>,
    /// The row picked below the first cut, then from each cut on.
    rows: Vec<Option<usize>>,
    /// `2·10^(scale − s)`, indexed by a decimal's places s ≤ scale.
    mult: Vec<i128>,
}

fn holds_key(op: CmpOp, key: i128, k: i128) -> bool {
    match op {
        CmpOp::Eq => key == k,
        CmpOp::Ne => key != k,
        CmpOp::Lt => key < k,
        CmpOp::Le => key <= k,
        CmpOp::Gt => key > k,
        CmpOp::Ge => key >= k,
    }
}

impl Keyed {
    fn new(tests: &[Test]) -> Option<Keyed> {
        let mut bounds = Vec::new();
        for t in tests {
            match *t {
                Test::Cmp(_, k) => bounds.push(k),
                Test::Between(l, _, h, _) => bounds.extend([l, h]),
                Test::Always => {}
                Test::Yes(_) => return None,
            }
        }
        // Thresholds are decimals (a power-of-ten denominator). Keys at 8
        // decimals or more: typical inputs then key by one multiplication.
        let mut scale = 8;
        for k in &bounds {
            scale = scale.max(pow10_of(k.parts().1)?);
        }
        if scale > 28 {
            return None;
        }
        let kk = |k: Q| key(k, scale).filter(|x| x % 2 == 0);
        let mut out = Vec::new();
        for t in tests {
            match *t {
                Test::Always => out.push(None),
                Test::Cmp(op, k) => out.push(Some((op, kk(k)?))),
                // `between` becomes two tests only where one is proved;
                // a full one keeps the fraction path.
                _ => return None,
            }
        }
        let first = |key: i128| {
            out.iter()
                .position(|t| t.is_none_or(|(op, k)| holds_key(op, key, k)))
        };
        let mut cuts = Vec::new();
        for &(_, k) in out.iter().flatten() {
            cuts.extend([k, k.checked_add(1)?]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        let below = match cuts.first() {
            Some(&c) => first(c.checked_sub(1)?),
            None => first(0),
        };
        let (mut kept, mut rows) = (Vec::new(), vec![below]);
        for &c in &cuts {
            let r = first(c);
            if Some(&r) != rows.last() {
                kept.push(c);
                rows.push(r);
            }
        }
        let mult = (0..=scale)
            .map(|s| POW10[(scale - s) as usize] * 2)
            .collect();
        Some(Keyed {
            scale,
            cuts: kept,
            rows,
            mult,
        })
    }

    #[inline(always)]
    fn row_at(&self, key: i128) -> Option<usize> {
        let above: usize = self.cuts.iter().map(|&c| usize::from(c <= key)).sum();
        self.rows[above]
    }

    #[inline(always)]
    fn pick(&self, x: Q) -> Option<Option<usize>> {
        Some(self.row_at(key(x, self.scale)?))
    }

    /// An input's decimal keyed straight from its mantissa and places.
    #[inline(always)]
    fn pick_dec(&self, d: Decimal) -> Option<Option<usize>> {
        let (m, f) = (d.mantissa(), *self.mult.get(d.scale() as usize)?);
        let key = if m as i64 as i128 == m && f as i64 as i128 == f {
            (m as i64 as i128) * (f as i64 as i128)
        } else {
            m.checked_mul(f)?
        };
        Some(self.row_at(key))
    }
}

/// `s` when `d` is 10^s.
#[inline(always)]
fn pow10_of(d: i128) -> Option<u32> {
    let s = d.trailing_zeros();
    (s < 39 && POW10[s as usize] == d).then_some(s)
}

/// `x` keyed at `scale` decimals (see [`Keyed`]); `None` if it does not
/// fit, or is not a decimal of at most `scale` places: a quotient such as
/// `实际 / 预算` would need a 128-bit division to key, where comparing it
/// with each threshold is a cross-multiplication of 64-bit factors (the
/// caller then takes the fraction tests).
#[inline(always)]
fn key(x: Q, scale: u32) -> Option<i128> {
    let (n, d) = x.parts();
    let s = pow10_of(d).filter(|&s| s <= scale)?;
    n.checked_mul(POW10[(scale - s) as usize])?.checked_mul(2)
}

/// How a leaf picks its row.
pub enum Rows {
    /// Every row tests one slot against constants (or is 否则): the slot is
    /// read once and the rows are a loop over plain comparisons, no call per
    /// row. The first row reads the slot, as the reference's first row does,
    /// so a derived value is computed (and may fail) exactly when it would.
    Table {
        slot: usize,
        /// An input slot, read as its decimal.
        fact: bool,
        tests: Vec<Test>,
        /// The same tests on integer keys, when the table is numeric.
        keyed: Option<Keyed>,
    },
    /// Every row tests one yes/no slot (`如果 工作规划合理 则 3 否则 0`): the
    /// row each answer picks is worked out at compile time.
    YesNo {
        slot: usize,
        /// Input slots are read as they are; a derived one is computed.
        fact: bool,
        /// The row picked by no (index 0) and by yes (index 1).
        rows: [Option<usize>; 2],
    },
    /// One closure per row (`None`: 否则).
    Fns(Vec<Option<BoolFn>>),
}

impl Rows {
    /// The first row whose condition holds.
    #[inline]
    pub fn pick(&self, cx: &mut Cx) -> R<Option<usize>> {
        match self {
            Rows::Table {
                slot: s,
                fact,
                tests,
                keyed,
            } => {
                if let (true, Some(kd)) = (*fact, keyed) {
                    if let Value::Num(d) = cx.vals[*s] {
                        if let Some(r) = kd.pick_dec(d) {
                            return Ok(r);
                        }
                    }
                }
                let x = slot(cx, *s)?;
                if let (Some(kd), Exact::Num(q)) = (keyed, x) {
                    if let Some(r) = kd.pick(q) {
                        return Ok(r);
                    }
                }
                Ok(tests.iter().position(|t| t.holds(x)))
            }
            Rows::YesNo {
                slot: s,
                fact,
                rows,
            } => {
                let yes = if *fact {
                    cx.vals[*s].truth()
                } else {
                    slot(cx, *s)?.truth()
                };
                Ok(rows[usize::from(yes)])
            }
            Rows::Fns(conds) => {
                for (r, c) in conds.iter().enumerate() {
                    let holds = match c {
                        Some(cond) => cond(cx)?,
                        None => true,
                    };
                    if holds {
                        return Ok(Some(r));
                    }
                }
                Ok(None)
            }
        }
    }
}

/// A row's condition while compiling: a test of one slot, or any expression.
enum Cond<'e> {
    Test(u32, Test),
    Expr(&'e CExpr),
}

/// The rows' conditions, each compiled with what the rows before it prove.
pub fn conditions(k: &Compiler, rows: &[CRow]) -> Rows {
    let mut known = Known::default();
    let conds: Vec<Option<Cond>> = rows
        .iter()
        .map(|r| r.cond.as_ref().map(|c| condition(k, c, &mut known)))
        .collect();
    let subject = match conds.first() {
        Some(Some(Cond::Test(s, t))) if !matches!(t, Test::Always) => Some(*s),
        _ => None,
    };
    let one_subject = conds.iter().all(|c| match c {
        None => true,
        Some(Cond::Test(s, _)) => Some(*s) == subject,
        Some(Cond::Expr(_)) => false,
    });
    if let (Some(s), true) = (subject, one_subject) {
        let tests = conds
            .iter()
            .map(|c| match c {
                Some(Cond::Test(_, t)) => *t,
                _ => Test::Always,
            })
            .collect::<Vec<_>>();
        if tests
            .iter()
            .all(|t| matches!(t, Test::Yes(_) | Test::Always))
        {
            let pick = |yes| tests.iter().position(|t| t.holds(Exact::Bool(yes)));
            return Rows::YesNo {
                slot: s as usize,
                fact: (s as usize) < k.c.facts.len(),
                rows: [pick(false), pick(true)],
            };
        }
        return Rows::Table {
            slot: s as usize,
            fact: (s as usize) < k.c.facts.len(),
            keyed: Keyed::new(&tests),
            tests,
        };
    }
    Rows::Fns(
        conds
            .into_iter()
            .map(|c| {
                c.map(|c| -> BoolFn {
                    match c {
                        Cond::Test(_, Test::Always) => Box::new(|_| Ok(true)),
                        Cond::Test(s, t) => {
                            let s = s as usize;
                            Box::new(move |cx: &mut Cx| Ok(t.holds(slot(cx, s)?)))
                        }
                        Cond::Expr(e) => k.truth(e),
                    }
                })
            })
            .collect(),
    )
}

fn condition<'e>(k: &Compiler, e: &'e CExpr, known: &mut Known) -> Cond<'e> {
    let q = Q::from_dec;
    match &e.kind {
        CKind::Slot(s) if k.is_bool(e) => Cond::Test(*s, Test::Yes(true)),
        CKind::Not(x) if k.is_bool(x) && slot_of(x).is_some() => {
            Cond::Test(slot_of(x).unwrap(), Test::Yes(false))
        }
        CKind::Cmp(x, rest) if rest.len() == 1 => {
            let (op, rhs) = (rest[0].0, &rest[0].1);
            let (Some(s), Some(c)) = (slot_of(x), konst(rhs)) else {
                return Cond::Expr(e);
            };
            if !k.is_num(x) {
                return Cond::Expr(e);
            }
            // Proved already: the row holds without looking.
            let proved = match op {
                CmpOp::Lt => known.below(s, c, true),
                CmpOp::Le => known.below(s, c, false),
                CmpOp::Gt => known.above(s, c, true),
                CmpOp::Ge => known.above(s, c, false),
                _ => false,
            };
            // If this row fails, the next ones know the opposite.
            match op {
                CmpOp::Ge => known.learn_hi(s, c, true),
                CmpOp::Gt => known.learn_hi(s, c, false),
                CmpOp::Le => known.learn_lo(s, c, true),
                CmpOp::Lt => known.learn_lo(s, c, false),
                _ => {}
            }
            if proved {
                Cond::Test(s, Test::Always)
            } else {
                Cond::Test(s, Test::Cmp(op, q(c)))
            }
        }
        CKind::Between {
            x,
            lo,
            lo_incl,
            hi,
            hi_incl,
        } => {
            let (Some(s), Some(l), Some(h)) = (slot_of(x), konst(lo), konst(hi)) else {
                return Cond::Expr(e);
            };
            if !k.is_num(x) {
                return Cond::Expr(e);
            }
            let (lo_incl, hi_incl) = (*lo_incl, *hi_incl);
            let hi_proved = known.below(s, h, !hi_incl);
            let lo_proved = known.above(s, l, !lo_incl);
            let ge = if lo_incl { CmpOp::Ge } else { CmpOp::Gt };
            let le = if hi_incl { CmpOp::Le } else { CmpOp::Lt };
            let t = match (lo_proved, hi_proved) {
                (true, true) => Test::Always,
                (false, true) => {
                    // Failing now means below the lower bound.
                    known.learn_hi(s, l, lo_incl);
                    Test::Cmp(ge, q(l))
                }
                (true, false) => {
                    known.learn_lo(s, h, hi_incl);
                    Test::Cmp(le, q(h))
                }
                (false, false) => Test::Between(q(l), lo_incl, q(h), hi_incl),
            };
            Cond::Test(s, t)
        }
        _ => Cond::Expr(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Q {
        Q::from_dec(s.parse().unwrap())
    }

    /// Keyed tests decide every row as the fractions do: on the threshold,
    /// a hair either side (more decimals than the key), negative values,
    /// and quotients that are not decimals.
    #[test]
    fn keyed_tests_equal_fraction_tests() {
        let ops = [
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Gt,
            CmpOp::Ge,
        ];
        let ks = ["0.95", "-0.05", "1", "0", "0.123456789", "-3.5"];
        let decimals = [
            "0.95",
            "0.9499999999999",
            "0.95000000001",
            "-0.05",
            "-0.0500000000001",
            "-0.04999999999",
            "1",
            "0",
            "0.123456789",
            "0.1234567891",
            "-3.5",
            "-3.50000000000000001",
            // Hairs within the key's 8 places (these key).
            "0.94999999",
            "0.95000001",
            "-0.05000001",
            "-0.04999999",
            "0.12345678",
            "0.1234568",
            "-3.50000001",
            "-3.49999999",
            // At and beside the several-row tables' thresholds.
            "0.99999999",
            "1.00000001",
            "0.9",
            "0.89999999",
            "0.85",
            "0.8",
            "0.79999999",
            "0.7",
            "0.69999999",
            "0.2",
            "0.20000001",
            "0.4",
            "0.40000001",
        ];
        let mut xs: Vec<Q> = decimals.iter().map(|s| q(s)).collect();
        xs.push(q("19").div(q("20")).unwrap()); // 0.95 as a quotient
        xs.push(q("2").div(q("3")).unwrap());
        xs.push(q("-7").div(q("2")).unwrap()); // -3.5
        xs.push(q("-10").div(q("3")).unwrap());
        let mut tables: Vec<Vec<Test>> = Vec::new();
        for &op in &ops {
            for k in ks {
                tables.push(vec![Test::Cmp(op, q(k)), Test::Always]);
            }
        }
        // Tables of several rows, as rubrics write them (some end in 否则,
        // one may match no row).
        let ge = |k: &str| Test::Cmp(CmpOp::Ge, q(k));
        tables.push(vec![
            Test::Cmp(CmpOp::Eq, q("1")),
            ge("0.95"),
            ge("0.9"),
            ge("0.85"),
            ge("0.8"),
            ge("0.7"),
            Test::Always,
        ]);
        tables.push(vec![
            Test::Cmp(CmpOp::Le, q("0.2")),
            Test::Cmp(CmpOp::Le, q("0.4")),
            Test::Always,
        ]);
        tables.push(vec![
            Test::Cmp(CmpOp::Gt, q("-0.05")),
            Test::Cmp(CmpOp::Lt, q("-3.5")),
            Test::Cmp(CmpOp::Ne, q("-3.5")),
        ]);
        tables.push(vec![
            Test::Cmp(CmpOp::Eq, q("0")),
            Test::Cmp(CmpOp::Eq, q("1")),
        ]);
        for tests in &tables {
            let keyed = Keyed::new(tests).expect("decimal thresholds key");
            for d in decimals {
                let d: Decimal = d.parse().unwrap();
                let want = tests
                    .iter()
                    .position(|t| t.holds(Exact::Num(Q::from_dec(d))));
                let got = keyed.pick_dec(d);
                assert_eq!(got.is_some(), d.scale() <= keyed.scale, "{d} keys");
                assert_eq!(got.unwrap_or(want), want, "{d} {tests:?}");
            }
            for &x in &xs {
                let want = tests.iter().position(|t| t.holds(Exact::Num(x)));
                // Decimals of up to the key's places key; anything else
                // is left to the fraction tests (`want`).
                let decimal = pow10_of(x.parts().1).is_some_and(|s| s <= keyed.scale);
                let got = keyed.pick(x);
                assert_eq!(got.is_some(), decimal, "{x:?} keys");
                assert_eq!(got.unwrap_or(want), want, "{x:?} {tests:?}");
            }
        }
    }
}
