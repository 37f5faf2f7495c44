//! What a checked rubric fixes before any fact is read: parents' weights
//! and statuses where no 不适用 policy can change them, the effective full
//! marks, and an exact integer sum that matches rust_decimal's `+=` chain.

use crate::check::Checked;
use crate::eval::Status;
use crate::syntax::ast::IndicatorKind;
use rust_decimal::Decimal;

/// Per indicator, its weight and status when nothing below it can be not
/// applicable. Children follow their parents' ids, so one backward sweep
/// sees every child before its parent.
pub fn fixed_all(c: &Checked) -> Vec<Option<(Decimal, Status)>> {
    let n = c.indicators.len();
    let mut na_below = vec![false; n];
    let mut out = vec![None; n];
    for id in (0..n).rev() {
        let ind = &c.indicators[id];
        na_below[id] = ind.na.is_some() || ind.children.iter().any(|&ch| na_below[ch as usize]);
        if ind.is_leaf() || na_below[id] {
            continue;
        }
        let (mut w, mut any) = (Decimal::ZERO, false);
        for &ch in &ind.children {
            let child = c.ind(ch);
            if child.kind == IndicatorKind::Normal {
                let f: Option<(Decimal, Status)> = out[ch as usize];
                w += f.map_or(child.weight, |(w, _)| w);
                any |= f.is_none_or(|(_, st)| st != Status::NaExcluded);
            }
        }
        out[id] = Some((
            w,
            if any {
                Status::Scored(None)
            } else {
                Status::NaExcluded
            },
        ));
    }
    out
}

pub fn fixed_eff(c: &Checked, fixed: &[Option<(Decimal, Status)>]) -> Option<Decimal> {
    if c.indicators.iter().any(|i| i.na.is_some()) {
        return None;
    }
    let mut eff = Decimal::ZERO;
    for &r in &c.roots {
        let ind = c.ind(r);
        if ind.kind != IndicatorKind::Normal {
            return None;
        }
        eff += fixed[r as usize].map_or(ind.weight, |(w, _)| w);
    }
    Some(eff)
}

const fn pow10() -> [i128; 29] {
    let mut t = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
}
const POW10: [i128; 29] = pow10();

/// The sum of decimals starting from zero, as repeated `+=` gives it, added
/// as integers. rust_decimal's `0 + b` is `b` and `a + 0` is `a`, scale
/// included; otherwise the sum takes the larger scale. So for addends that
/// are not negative the result's scale is the largest among the non-zero
/// ones (all zero: the last addend). Negative addends (a partial sum could pass through zero) and sums
/// beyond 96 bits take the plain `+=` path. Proved equal by
/// tests/compiled.rs, which compares scales too.
pub fn sum_exact<I: Iterator<Item = Decimal> + Clone>(ds: I) -> Decimal {
    let slow = |ds: I| ds.fold(Decimal::ZERO, |a, b| a + b);
    // One pass: the sum so far as a mantissa at the largest scale seen
    // among the non-zero addends.
    let (mut acc, mut scale, mut last) = (0i128, 0u32, Decimal::ZERO);
    for d in ds.clone() {
        last = d;
        if d.is_zero() {
            continue;
        }
        if d.is_sign_negative() {
            return slow(ds);
        }
        let (m, s) = (d.mantissa(), d.scale());
        let step = if s == scale {
            Some(m)
        } else if s > scale {
            acc = match acc.checked_mul(POW10[(s - scale) as usize]) {
                Some(a) => a,
                None => return slow(ds),
            };
            scale = s;
            Some(m)
        } else {
            m.checked_mul(POW10[(scale - s) as usize])
        };
        match step.and_then(|x| acc.checked_add(x)) {
            Some(a) => acc = a,
            None => return slow(ds),
        }
    }
    if acc == 0 {
        // All zero: `0 + b` is `b`, so the last addend, scale and all.
        return last;
    }
    if acc >= 1i128 << 96 {
        return slow(ds);
    }
    Decimal::from_i128_with_scale(acc, scale)
}
