//! An exact rational `n/d` over `i128` (d > 0). Not kept in lowest terms:
//! a decimal 0.95 is 95/100 as it comes, and a fraction is reduced only
//! when a product would not fit, so the common steps (a decimal plus a
//! decimal of the same scale, `a/b` against a constant) cost a multiply or
//! two. Comparisons never fail (products are compared in 256 bits);
//! arithmetic that cannot fit even reduced is [`ArithError::Overflow`].

use super::ArithError;
use crate::syntax::ast::RoundMode;
use rust_decimal::Decimal;
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug)]
pub struct Q {
    n: i128,
    d: i128,
}

const fn pow10() -> [i128; 39] {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
}
pub(crate) const POW10: [i128; 39] = pow10();

/// 10^0 … 10^19, for the batch's 64-bit digit loops.
pub(crate) const POW10_U64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Largest mantissa a `Decimal` holds.
const DEC_MAX: u128 = (1u128 << 96) - 1;

fn gcd(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// Whether `x` fits in 64 bits, so that a product of two such is a single
/// widening multiply that cannot overflow i128.
#[inline(always)]
fn small(x: i128) -> bool {
    x as i64 as i128 == x
}

/// a × b, exact when both are small, else checked.
#[inline(always)]
fn mul_i(a: i128, b: i128) -> Option<i128> {
    if small(a) && small(b) {
        Some((a as i64 as i128) * (b as i64 as i128))
    } else {
        a.checked_mul(b)
    }
}

/// Quotient (toward zero) and remainder, by 64-bit division when it fits.
#[inline(always)]
pub(crate) fn divrem(x: i128, d: i128) -> (i128, i128) {
    if small(x) && small(d) {
        let (x, d) = (x as i64, d as i64);
        ((x / d) as i128, (x % d) as i128)
    } else {
        let q = x / d;
        (q, x - q * d)
    }
}

/// |a| × |b| as a 256-bit (hi, lo) pair.
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    let (a1, a0) = (a >> 64, a & u64::MAX as u128);
    let (b1, b0) = (b >> 64, b & u64::MAX as u128);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & u64::MAX as u128) + (p10 & u64::MAX as u128);
    let lo = (p00 & u64::MAX as u128) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// Compare a·b with c·d exactly: inline when both products are of 64-bit
/// factors (the common case: decimals against a threshold), else in 256 bits.
#[inline(always)]
fn cmp_products(a: i128, b: i128, c: i128, d: i128) -> Ordering {
    if small(a) && small(b) && small(c) && small(d) {
        let x = (a as i64 as i128) * (b as i64 as i128);
        let y = (c as i64 as i128) * (d as i64 as i128);
        return x.cmp(&y);
    }
    cmp_products_wide(a, b, c, d)
}

#[cold]
#[inline(never)]
fn cmp_products_wide(a: i128, b: i128, c: i128, d: i128) -> Ordering {
    if let (Some(x), Some(y)) = (mul_i(a, b), mul_i(c, d)) {
        return x.cmp(&y);
    }
    let sign = |x: i128, y: i128| x.signum() * y.signum();
    let (s1, s2) = (sign(a, b), sign(c, d));
    if s1 != s2 {
        return s1.cmp(&s2);
    }
    let m1 = wide_mul(a.unsigned_abs(), b.unsigned_abs());
    let m2 = wide_mul(c.unsigned_abs(), d.unsigned_abs());
    if s1 >= 0 {
        m1.cmp(&m2)
    } else {
        m2.cmp(&m1)
    }
}

// `add`, `mul`… return a Result (overflow is an error, never a wrap), so
// they are not the std operator traits.
#[allow(clippy::should_implement_trait)]
impl Q {
    pub const ZERO: Q = Q { n: 0, d: 1 };
    pub const ONE: Q = Q { n: 1, d: 1 };

    #[inline]
    pub fn int(n: i128) -> Q {
        Q { n, d: 1 }
    }

    #[inline]
    pub fn from_dec(x: Decimal) -> Q {
        Q {
            n: x.mantissa(),
            d: POW10[x.scale() as usize],
        }
    }

    /// `m / 10^scale` (scale at most 38).
    #[inline]
    pub fn scaled(m: i128, scale: u32) -> Q {
        Q {
            n: m,
            d: POW10[scale as usize],
        }
    }

    /// `n / d`, when `d` is positive and `n` is not `i128::MIN` (which no
    /// value may hold, so that negation cannot wrap).
    #[inline]
    pub fn from_parts(n: i128, d: i128) -> Option<Q> {
        (d > 0 && n != i128::MIN).then_some(Q { n, d })
    }

    /// Numerator and (positive) denominator, not necessarily reduced.
    pub fn parts(self) -> (i128, i128) {
        (self.n, self.d)
    }

    #[inline]
    pub fn is_zero(self) -> bool {
        self.n == 0
    }

    #[inline]
    pub fn is_negative(self) -> bool {
        self.n < 0
    }

    #[inline]
    pub fn neg(self) -> Q {
        // No constructor produces i128::MIN (decimals have 96-bit mantissas
        // and sums and products refuse it), so this cannot wrap.
        Q {
            n: self.n.wrapping_neg(),
            d: self.d,
        }
    }

    #[inline]
    pub fn abs(self) -> Q {
        if self.n < 0 {
            self.neg()
        } else {
            self
        }
    }

    /// In lowest terms.
    pub fn reduced(self) -> Q {
        let g = gcd(self.n.unsigned_abs(), self.d as u128) as i128;
        if g <= 1 {
            return self;
        }
        Q {
            n: self.n / g,
            d: self.d / g,
        }
    }

    pub fn add(self, o: Q) -> Result<Q, ArithError> {
        if self.d == o.d {
            if let Some(n) = self.n.checked_add(o.n).filter(|&n| n != i128::MIN) {
                return Ok(Q { n, d: self.d });
            }
        } else if let (Some(a), Some(b), Some(d)) =
            (mul_i(self.n, o.d), mul_i(o.n, self.d), mul_i(self.d, o.d))
        {
            if let Some(n) = a.checked_add(b).filter(|&n| n != i128::MIN) {
                return Ok(Q { n, d });
            }
        }
        self.add_slow(o)
    }

    #[cold]
    fn add_slow(self, o: Q) -> Result<Q, ArithError> {
        let (a, b) = (self.reduced(), o.reduced());
        let g = gcd(a.d as u128, b.d as u128) as i128;
        let (ka, kb) = (b.d / g, a.d / g);
        let d = a.d.checked_mul(ka).ok_or(ArithError::Overflow)?;
        let n =
            a.n.checked_mul(ka)
                .zip(b.n.checked_mul(kb))
                .and_then(|(x, y)| x.checked_add(y))
                .filter(|&n| n != i128::MIN)
                .ok_or(ArithError::Overflow)?;
        Ok(Q { n, d }.reduced())
    }

    #[inline]
    pub fn sub(self, o: Q) -> Result<Q, ArithError> {
        self.add(o.neg())
    }

    pub fn mul(self, o: Q) -> Result<Q, ArithError> {
        if let (Some(n), Some(d)) = (mul_i(self.n, o.n), mul_i(self.d, o.d)) {
            if n != i128::MIN {
                return Ok(Q { n, d });
            }
        }
        self.mul_slow(o)
    }

    #[cold]
    fn mul_slow(self, o: Q) -> Result<Q, ArithError> {
        let (a, b) = (self.reduced(), o.reduced());
        let g1 = gcd(a.n.unsigned_abs(), b.d as u128) as i128;
        let g2 = gcd(b.n.unsigned_abs(), a.d as u128) as i128;
        let (g1, g2) = (g1.max(1), g2.max(1));
        let n = (a.n / g1).checked_mul(b.n / g2);
        let d = (a.d / g2).checked_mul(b.d / g1);
        match (n, d) {
            (Some(n), Some(d)) if n != i128::MIN => Ok(Q { n, d }),
            _ => Err(ArithError::Overflow),
        }
    }

    pub fn div(self, o: Q) -> Result<Q, ArithError> {
        if o.n == 0 {
            return Err(ArithError::DivisionByZero {
                left: self.to_decimal(),
                right: Decimal::ZERO,
            });
        }
        let inv = if o.n < 0 {
            Q {
                n: o.d.wrapping_neg(),
                d: o.n.wrapping_neg(),
            }
        } else {
            Q { n: o.d, d: o.n }
        };
        self.mul(inv)
    }

    #[inline]
    pub fn min(self, o: Q) -> Q {
        if o < self {
            o
        } else {
            self
        }
    }

    #[inline]
    pub fn max(self, o: Q) -> Q {
        if o > self {
            o
        } else {
            self
        }
    }

    /// Compare with a decimal without building a fraction for it.
    #[inline]
    pub fn cmp_dec(self, k: Decimal) -> Ordering {
        self.cmp(&Q::from_dec(k))
    }

    pub fn floor(self) -> Q {
        let (q, r) = divrem(self.n, self.d);
        Q::int(if r < 0 { q - 1 } else { q })
    }

    pub fn ceil(self) -> Q {
        let (q, r) = divrem(self.n, self.d);
        Q::int(if r > 0 { q + 1 } else { q })
    }

    /// Round to `places` decimals by integer division with remainder, the
    /// way the rubric declares. The result has exactly `places` decimals.
    pub fn round(self, places: u32, mode: RoundMode) -> Result<Decimal, ArithError> {
        let m = self.round_mantissa(places, mode)?;
        Ok(Decimal::from_i128_with_scale(m, places.min(28)))
    }

    /// [`Q::round`] as the mantissa at `places` (what the compiled evaluator
    /// sums): the rounded value times 10^places, within a decimal's 96 bits.
    #[inline]
    pub fn round_mantissa(self, places: u32, mode: RoundMode) -> Result<i128, ArithError> {
        let p = POW10[places.min(28) as usize];
        if self.d == p {
            // Already at the places (a constant-step deduction, a decimal
            // score): nothing to round.
            if self.n.unsigned_abs() > DEC_MAX {
                return Err(ArithError::Overflow);
            }
            return Ok(self.n);
        }
        let (m, r, d) = match mul_i(self.n, p) {
            Some(x) if self.d == 1 => (x, 0, 1),
            Some(x) => {
                let (q, r) = divrem(x, self.d);
                (q, r, self.d)
            }
            None => {
                // value × 10^places = q·10^places + (r·10^places)/d.
                let s = self.reduced();
                let (q0, r0) = (s.n / s.d, s.n % s.d);
                let hi = q0.checked_mul(p).ok_or(ArithError::Overflow)?;
                let rp = r0.checked_mul(p).ok_or(ArithError::Overflow)?;
                let m = hi.checked_add(rp / s.d).ok_or(ArithError::Overflow)?;
                (m, rp % s.d, s.d)
            }
        };
        let away = r != 0
            && match mode {
                RoundMode::Truncate => false,
                RoundMode::Up => true,
                RoundMode::HalfUp => r.unsigned_abs() * 2 >= d as u128,
                RoundMode::HalfEven => {
                    let twice = r.unsigned_abs() * 2;
                    twice > d as u128 || (twice == d as u128 && m % 2 != 0)
                }
            };
        // The remainder has the numerator's sign (division truncates).
        let m = if away { m + r.signum() } else { m };
        if m.unsigned_abs() > DEC_MAX {
            return Err(ArithError::Overflow);
        }
        Ok(m)
    }

    /// The value as a decimal when it is one exactly (a denominator of
    /// 2^a·5^b with at most 28 places, and a 96-bit mantissa).
    pub fn exact_decimal(self) -> Option<Decimal> {
        let s = self.reduced();
        let d = s.d as u128;
        let (twos, mut rest) = (d.trailing_zeros(), d >> d.trailing_zeros());
        let mut fives = 0;
        while rest % 5 == 0 {
            rest /= 5;
            fives += 1;
        }
        if rest != 1 || twos.max(fives) > 28 {
            return None;
        }
        let scale = twos.max(fives);
        let m = s.n.checked_mul(POW10[scale as usize] / s.d)?;
        if m.unsigned_abs() > DEC_MAX {
            return None;
        }
        Some(Decimal::from_i128_with_scale(m, scale).normalize())
    }

    /// For displays only (the ledger, a scorecard's `raw`): the value, exact
    /// when it is a decimal, otherwise rounded to 28 significant digits as
    /// rust_decimal divides. Normalised, so equal values display alike
    /// however they were reached.
    pub fn to_decimal(self) -> Decimal {
        if self.d == 1 {
            if self.n.unsigned_abs() <= DEC_MAX {
                return Decimal::from_i128_with_scale(self.n, 0);
            }
        } else if let Ok(i) = POW10[..29].binary_search(&self.d) {
            if self.n.unsigned_abs() <= DEC_MAX {
                return normal(self.n, i as u32);
            }
        }
        let s = if self.n.unsigned_abs() <= DEC_MAX && self.d as u128 <= DEC_MAX {
            self
        } else {
            self.reduced()
        };
        let (mut n, mut d) = (s.n, s.d);
        // Beyond 96 bits even reduced: drop low bits of both (display only).
        while n.unsigned_abs() > DEC_MAX || d as u128 > DEC_MAX {
            n /= 2;
            d = (d / 2).max(1);
        }
        let (n, d) = (
            Decimal::from_i128_with_scale(n, 0),
            Decimal::from_i128_with_scale(d, 0),
        );
        n.checked_div(d).unwrap_or(Decimal::MAX).normalize()
    }
}

/// `n / 10^scale` as a decimal without trailing zeros (what
/// `Decimal::normalize` gives), stripping them in 64 bits when it can.
#[inline]
pub fn normal(mut n: i128, mut scale: u32) -> Decimal {
    if n == 0 {
        return Decimal::ZERO;
    }
    if small(n) {
        let mut m = n as i64;
        while scale > 0 && m % 10 == 0 {
            m /= 10;
            scale -= 1;
        }
        n = m as i128;
    } else {
        while scale > 0 && n % 10 == 0 {
            n /= 10;
            scale -= 1;
        }
    }
    Decimal::from_i128_with_scale(n, scale)
}

// Inlined: a comparison on the hot path is two multiplications, cheaper
// than the call.
impl PartialEq for Q {
    #[inline]
    fn eq(&self, o: &Q) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}

impl Eq for Q {}

impl PartialOrd for Q {
    #[inline]
    fn partial_cmp(&self, o: &Q) -> Option<Ordering> {
        Some(self.cmp(o))
    }

    #[inline]
    fn lt(&self, o: &Q) -> bool {
        self.cmp(o) == Ordering::Less
    }

    #[inline]
    fn le(&self, o: &Q) -> bool {
        self.cmp(o) != Ordering::Greater
    }

    #[inline]
    fn gt(&self, o: &Q) -> bool {
        self.cmp(o) == Ordering::Greater
    }

    #[inline]
    fn ge(&self, o: &Q) -> bool {
        self.cmp(o) != Ordering::Less
    }
}

impl Ord for Q {
    #[inline]
    fn cmp(&self, o: &Q) -> Ordering {
        if self.d == o.d {
            return self.n.cmp(&o.n);
        }
        // Denominators are positive, so cross-multiplying keeps the order.
        cmp_products(self.n, o.d, o.n, self.d)
    }
}

impl From<Decimal> for Q {
    fn from(d: Decimal) -> Q {
        Q::from_dec(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn q(s: &str) -> Q {
        Q::from_dec(d(s))
    }

    #[test]
    fn three_times_one_over_120_rounds_to_three_hundredths() {
        let x = q("3").mul(q("1").div(q("120")).unwrap()).unwrap();
        assert_eq!(x.round(2, RoundMode::HalfUp).unwrap().to_string(), "0.03");
    }

    #[test]
    fn rounding_modes_at_exact_halves_and_thirds() {
        let third = q("1").div(q("3")).unwrap();
        let half = q("0.125");
        assert_eq!(third.round(2, RoundMode::Up).unwrap(), d("0.34"));
        assert_eq!(third.round(2, RoundMode::Truncate).unwrap(), d("0.33"));
        assert_eq!(half.round(2, RoundMode::HalfUp).unwrap(), d("0.13"));
        assert_eq!(half.round(2, RoundMode::HalfEven).unwrap(), d("0.12"));
        assert_eq!(half.neg().round(2, RoundMode::HalfUp).unwrap(), d("-0.13"));
        assert_eq!(third.neg().round(2, RoundMode::Up).unwrap(), d("-0.34"));
        assert_eq!(
            third.neg().round(2, RoundMode::Truncate).unwrap(),
            d("-0.33")
        );
        let ten = q("30").mul(q("100").div(q("300")).unwrap()).unwrap();
        assert_eq!(
            ten.round(2, RoundMode::Truncate).unwrap().to_string(),
            "10.00"
        );
    }

    #[test]
    fn comparisons_are_exact_even_beyond_i128() {
        let a = q("2").div(q("3")).unwrap();
        assert!(a > q("0.6666666666666666666666666666"));
        assert!(a < q("0.6666666666666666666666666667"));
        let big = Q {
            n: i128::MAX / 3,
            d: i128::MAX / 5,
        };
        let other = Q {
            n: i128::MAX / 5,
            d: i128::MAX / 3,
        };
        assert!(big > other);
        assert!(big.neg() < other.neg());
        assert_eq!(q("0.50"), q("0.5"));
    }

    #[test]
    fn floor_ceil_and_display() {
        let x = q("7").div(q("2")).unwrap();
        assert_eq!(x.floor(), q("3"));
        assert_eq!(x.ceil(), q("4"));
        assert_eq!(x.neg().floor(), q("-4"));
        assert_eq!(x.neg().ceil(), q("-3"));
        assert_eq!(x.to_decimal().to_string(), "3.5");
        let third = q("1").div(q("3")).unwrap();
        assert_eq!(third.to_decimal(), d("0.3333333333333333333333333333"));
        assert_eq!(third.exact_decimal(), None);
        assert_eq!(
            q("1").div(q("8")).unwrap().exact_decimal(),
            Some(d("0.125"))
        );
    }

    #[test]
    fn overflow_is_an_error_not_an_approximation() {
        let big = Q::int(i128::MAX / 2);
        assert_eq!(big.mul(big), Err(ArithError::Overflow));
        assert_eq!(
            Q::int(1i128 << 100).round(0, RoundMode::HalfUp),
            Err(ArithError::Overflow)
        );
        assert!(matches!(
            q("1").div(Q::ZERO),
            Err(ArithError::DivisionByZero { .. })
        ));
    }
}
