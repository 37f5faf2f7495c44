//! Generated fact sets for tests and benchmarks: deterministic, and rich in
//! values lying exactly on the rubric's own thresholds (`95%`, `100%`,
//! band edges), where an inexact engine goes wrong.

use crate::check::units::Show;
use crate::check::{CExpr, CKind, CScoring, Checked, Ty};
use crate::eval::value::Value;
use rust_decimal::Decimal;

/// A small deterministic generator (xorshift64*), so runs are repeatable
/// without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

fn consts(e: &CExpr, out: &mut Vec<Decimal>) {
    match &e.kind {
        CKind::Const(Value::Num(d)) => out.push(*d),
        CKind::Const(_) | CKind::Slot(_) => {}
        CKind::Neg(a) | CKind::Not(a) => consts(a, out),
        CKind::Bin(_, a, b) | CKind::And(a, b) | CKind::Or(a, b) => {
            consts(a, out);
            consts(b, out);
        }
        CKind::Cmp(a, rest) => {
            consts(a, out);
            rest.iter().for_each(|(_, e)| consts(e, out));
        }
        CKind::Between { x, lo, hi, .. } => {
            consts(x, out);
            consts(lo, out);
            consts(hi, out);
        }
        CKind::Call(_, args) => args.iter().for_each(|a| consts(a, out)),
    }
}

/// Every numeric constant of the rubric: the thresholds worth hitting.
pub fn thresholds(c: &Checked) -> Vec<Decimal> {
    let mut out = vec![Decimal::ZERO, Decimal::ONE];
    for d in &c.derived {
        consts(&d.expr, &mut out);
    }
    for ind in &c.indicators {
        for r in &ind.rows {
            if let Some(e) = &r.cond {
                consts(e, &mut out);
            }
            match &r.result {
                CScoring::Deduction(d) => {
                    for e in [&d.base, &d.subject, &d.baseline, &d.step] {
                        consts(e, &mut out);
                    }
                }
                CScoring::Qualitative(q) => {
                    for (lo, _, hi, _) in q.bands.iter().flatten() {
                        out.extend([*lo, *hi]);
                    }
                }
                _ => {}
            }
        }
    }
    for v in &c.vetoes {
        consts(&v.when, &mut out);
    }
    out.retain(|d| *d >= Decimal::ZERO);
    out.sort();
    out.dedup();
    out
}

/// Values for one numeric input: thresholds exactly, a hair either side,
/// thresholds scaled by money-like magnitudes (so ratios of two inputs land
/// on thresholds too), and plain values.
fn number(rng: &mut Rng, th: &[Decimal], positive: bool) -> Decimal {
    let hair = Decimal::new(1, 4);
    let scales = [
        Decimal::ONE,
        Decimal::ONE_HUNDRED,
        Decimal::new(781108, 2),
        Decimal::new(10_000, 0),
    ];
    let t = th[rng.below(th.len())];
    let d = match rng.below(7) {
        0 | 1 => t,
        2 => t + hair,
        3 => (t - hair).max(Decimal::ZERO),
        4 => t * scales[rng.below(scales.len())],
        // Now and then below zero: adjustments and changes can be negative.
        5 if rng.below(8) == 0 => -t,
        5 => t,
        _ => Decimal::new(rng.below(200_000) as i64, 4),
    };
    if positive && d <= Decimal::ZERO {
        Decimal::new(1 + rng.below(1_000_000) as i64, 2)
    } else {
        d
    }
}

/// One generated fact set, by input slot. A qualitative indicator's rate
/// mostly lies inside its tier's band (edges included), else the set fails.
pub fn fact_set(c: &Checked, th: &[Decimal], rng: &mut Rng) -> Vec<Value> {
    let mut row: Vec<Value> = c
        .facts
        .iter()
        .map(|f| match &f.ty {
            // Counts are whole and not negative, as the facts reader requires.
            Ty::Num(u) if u.is_count() => {
                let n = number(rng, th, f.positive || f.nonzero).abs().floor();
                let floor = Decimal::from(u8::from(f.positive || f.nonzero));
                Value::Num(n.max(floor))
            }
            Ty::Num(_) => Value::Num(number(rng, th, f.positive || f.nonzero)),
            Ty::Bool => Value::Bool(rng.below(4) != 0),
            Ty::Enum(e) => Value::Enum(rng.below(c.enums[*e as usize].variants.len()) as u16),
            _ => Value::Text,
        })
        .collect();
    for ind in &c.indicators {
        for r in &ind.rows {
            let CScoring::Qualitative(q) = &r.result else {
                continue;
            };
            let (Some(Value::Enum(t)), true) = (row.get(q.tier as usize), rng.below(20) != 0)
            else {
                continue;
            };
            let Some((lo, lo_in, hi, hi_in)) = q.bands.get(*t as usize).copied().flatten() else {
                continue;
            };
            let mid = (lo + hi) / Decimal::TWO;
            let rate = match rng.below(3) {
                0 if lo_in => lo,
                1 if hi_in => hi,
                _ => mid,
            };
            if let Some(v) = row.get_mut(q.rate as usize) {
                *v = Value::Num(rate);
            }
        }
    }
    row
}

/// A value as a person would write it in a CSV cell (`93.5%`, `6702 万元`,
/// `是`, a variant's name), read back exactly by the facts reader.
pub fn cell(c: &Checked, slot: usize, v: Value) -> String {
    match (&c.facts[slot].ty, v) {
        (Ty::Num(u), Value::Num(d)) => match u.show {
            Show::Percent => format!("{}%", (d * Decimal::ONE_HUNDRED).normalize()),
            // A bare number is in the declared unit (万元): exact division.
            Show::Money(scale) if u.dim.is_money() => (d / scale.factor()).normalize().to_string(),
            _ => d.normalize().to_string(),
        },
        (_, Value::Bool(b)) => if b { "是" } else { "否" }.to_string(),
        (Ty::Enum(e), Value::Enum(i)) => c.enums[*e as usize].variants[i as usize].clone(),
        _ => String::new(),
    }
}

/// A CSV of `rows` generated fact sets: a header of input names with a
/// `单位` column first, then one row per fact set.
pub fn csv(c: &Checked, rows: usize, seed: u64) -> String {
    let th = thresholds(c);
    let mut rng = Rng::new(seed);
    let quote = |s: String| {
        if s.contains([',', '"']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = String::from("单位");
    for f in &c.facts {
        out.push(',');
        out.push_str(&quote(f.name.clone()));
    }
    out.push('\n');
    for i in 0..rows {
        let row = fact_set(c, &th, &mut rng);
        out.push_str(&format!("单位{i}"));
        for (s, v) in row.iter().enumerate() {
            out.push(',');
            out.push_str(&quote(cell(c, s, *v)));
        }
        out.push('\n');
    }
    out
}
