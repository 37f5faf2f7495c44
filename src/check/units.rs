//! Units and their algebra. A quantity's dimension is a vector of exponents
//! over base units; money is stored in 元 so that 元/万元/亿元 convert exactly.
//! A [`Show`] remembers how a value should be printed (万元, %, 人…).

use rust_decimal::Decimal;
use std::fmt;

/// Base dimensions. Counts of different things do not mix (人 + 家 is an error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum Base {
    Money,
    Person,
    Org,
    Times,
    Piece,
    Item,
    Case,
    PersonTime,
    Day,
    Month,
    Year,
    Score,
}

/// Built-in base dimensions, then a pool for units rubrics declare
/// (`单位 期，场次`).
const BUILTIN: usize = 12;
const POOL: usize = 16;
const N: usize = BUILTIN + POOL;
const BASE_NAMES: [&str; BUILTIN] = [
    "元", "人", "家", "次", "个", "项", "件", "人次", "天", "月", "年", "分",
];

/// Names of declared units, by pool index. Interned process-wide so that a
/// [`Unit`] stays `Copy` and can print itself; a name always gets the same
/// index, so two rubrics declaring 期 agree. Only the checker interns, and
/// only names a rubric declares: it refuses a 17th distinct name (E128). The pool is small because a `Unit` is copied through every frame of the checker's recursion (tests/robustness.rs runs it on a 2 MiB stack).
static DECLARED: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());

fn intern(name: &str) -> Option<usize> {
    let mut names = DECLARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = names.iter().position(|n| *n == name) {
        return Some(BUILTIN + i);
    }
    if names.len() >= POOL {
        return None;
    }
    names.push(Box::leak(name.to_string().into_boxed_str()));
    Some(BUILTIN + names.len() - 1)
}

fn base_name(i: usize) -> String {
    if i < BUILTIN {
        return BASE_NAMES[i].to_string();
    }
    let names = DECLARED.lock().unwrap_or_else(|e| e.into_inner());
    names.get(i - BUILTIN).map_or("?", |n| n).to_string()
}

/// A unit the rubric declares (`单位 期`, `个月 = 月`): its unit and the
/// factor from the written number to the stored value.
#[derive(Clone, Debug, PartialEq)]
pub struct DeclaredUnit {
    pub name: String,
    pub unit: Unit,
    pub factor: Decimal,
}

/// A new dimension for a declared unit, or `None` when the pool is full.
pub fn declare(name: &str) -> Option<Unit> {
    let i = intern(name)?;
    let mut d = [0; N];
    d[i] = 1;
    Some(Unit {
        dim: Dim(d),
        show: Show::Plain,
        flex: false,
        lit: false,
    })
}

/// A unit as written, built-in or declared. A leading measure word 个 may be
/// dropped (`3.5个月` is 3.5 月, `25 个工作日` is 25 工作日).
pub fn lookup(declared: &[DeclaredUnit], name: &str) -> Option<(Unit, Decimal)> {
    let find = |n: &str| {
        unit_named(n).or_else(|| {
            declared
                .iter()
                .find(|d| d.name == n)
                .map(|d| (d.unit, d.factor))
        })
    };
    find(name).or_else(|| {
        name.strip_prefix('个')
            .filter(|r| !r.is_empty())
            .and_then(find)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dim([i8; N]);

impl Default for Dim {
    fn default() -> Dim {
        Dim::NONE
    }
}

impl Dim {
    pub const NONE: Dim = Dim([0; N]);

    const fn of_base(i: usize) -> Dim {
        let mut d = [0; N];
        d[i] = 1;
        Dim(d)
    }

    pub fn base(b: Base) -> Dim {
        let mut d = [0; N];
        d[b as usize] = 1;
        Dim(d)
    }

    pub fn product(self, o: Dim) -> Dim {
        let mut d = self.0;
        for (x, y) in d.iter_mut().zip(o.0) {
            *x = x.saturating_add(y);
        }
        Dim(d)
    }

    pub fn quotient(self, o: Dim) -> Dim {
        let mut d = self.0;
        for (x, y) in d.iter_mut().zip(o.0) {
            *x = x.saturating_sub(y);
        }
        Dim(d)
    }

    pub fn is_none(self) -> bool {
        self == Dim::NONE
    }

    pub fn is_money(self) -> bool {
        self == Dim::base(Base::Money)
    }

    pub fn is_score(self) -> bool {
        self == Dim::base(Base::Score)
    }

    /// A single base dimension with exponent 1, if it is one.
    fn single(self) -> Option<usize> {
        let mut found = None;
        for (i, e) in self.0.iter().enumerate() {
            match (*e, found) {
                (0, _) => {}
                (1, None) => found = Some(i),
                _ => return None,
            }
        }
        found
    }
}

/// Money display scales.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyScale {
    Yuan,
    Wan,
    Yi,
}

impl MoneyScale {
    pub fn factor(self) -> Decimal {
        match self {
            MoneyScale::Yuan => Decimal::ONE,
            MoneyScale::Wan => Decimal::from(10_000),
            MoneyScale::Yi => Decimal::from(100_000_000),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            MoneyScale::Yuan => "元",
            MoneyScale::Wan => "万元",
            MoneyScale::Yi => "亿元",
        }
    }
}

/// How a quantity is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    Plain,
    Percent,
    Money(MoneyScale),
}

/// A numeric type: dimension plus display. `flex` marks a bare literal such
/// as `3`, which takes the unit of what it is compared with or added to
/// (except money, where the scale would be a guess).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    pub dim: Dim,
    pub show: Show,
    pub flex: bool,
    /// A bare number other than 0 (or arithmetic on such numbers only): a
    /// percentage refuses to be compared with it, since `≥ 95` against a
    /// rate means 9500%, not 95%. Zero means the same in every unit.
    pub lit: bool,
}

impl Unit {
    /// Whether this unit counts things (人, 家, 次, 个, 项, 件, 人次): such
    /// values are whole and never negative.
    pub fn is_count(self) -> bool {
        self.show == Show::Plain
            && [
                Base::Person,
                Base::Org,
                Base::Times,
                Base::Piece,
                Base::Item,
                Base::Case,
                Base::PersonTime,
            ]
            .iter()
            .any(|b| self.dim == Dim::base(*b))
    }

    pub const PLAIN: Unit = Unit {
        dim: Dim::NONE,
        show: Show::Plain,
        flex: false,
        lit: false,
    };
    pub const PERCENT: Unit = Unit {
        dim: Dim::NONE,
        show: Show::Percent,
        flex: false,
        lit: false,
    };
    pub const FLEX: Unit = Unit {
        dim: Dim::NONE,
        show: Show::Plain,
        flex: true,
        lit: false,
    };
    pub const SCORE: Unit = Unit {
        dim: Dim::of_base(Base::Score as usize),
        show: Show::Plain,
        flex: false,
        lit: false,
    };

    pub fn money(scale: MoneyScale) -> Unit {
        Unit {
            dim: Dim::base(Base::Money),
            show: Show::Money(scale),
            flex: false,
            lit: false,
        }
    }

    pub fn of(b: Base) -> Unit {
        Unit {
            dim: Dim::base(b),
            show: Show::Plain,
            flex: false,
            lit: false,
        }
    }

    /// A bare number literal: `0` is [`Unit::FLEX`], any other value is
    /// marked so that comparing it with a percentage is refused.
    pub fn bare(zero: bool) -> Unit {
        Unit {
            lit: !zero,
            ..Unit::FLEX
        }
    }

    /// Whether this can be the result of a scoring rule.
    pub fn is_points(self) -> bool {
        self.dim.is_none() || self.dim.is_score()
    }

    /// A bare nonzero number set against a percentage (`率 ≥ 95`,
    /// `目标 100`): the number is almost surely meant as 95%.
    pub fn bare_against_percent(self, o: Unit) -> bool {
        let pct = |u: Unit| u.show == Show::Percent && !u.flex && u.dim.is_none();
        (self.lit && pct(o)) || (o.lit && pct(self))
    }

    /// Like [`Unit::unify`], for the two sides of a comparison or a target:
    /// a bare nonzero number does not take a percentage's unit.
    pub fn compare(self, o: Unit) -> Option<Unit> {
        if self.bare_against_percent(o) {
            return None;
        }
        self.unify(o)
    }

    fn lit_of(self, o: Unit, flex: bool) -> bool {
        flex && (self.lit || o.lit)
    }

    /// The two units agree for `+ - < =`; returns the unit of the result.
    pub fn unify(self, o: Unit) -> Option<Unit> {
        if self.dim == o.dim {
            let show = if self.show == Show::Plain {
                o.show
            } else {
                self.show
            };
            let flex = self.flex && o.flex;
            return Some(Unit {
                dim: self.dim,
                show,
                flex,
                lit: self.lit_of(o, flex),
            });
        }
        // A bare 0 is 0 in every unit, money included (`预算数 = 0`).
        if self.flex && (!o.dim.is_money() || !self.lit) {
            return Some(o);
        }
        if o.flex && (!self.dim.is_money() || !o.lit) {
            return Some(self);
        }
        None
    }

    pub fn times(self, o: Unit) -> Unit {
        let dim = self.dim.product(o.dim);
        let show = match (self.show, o.show) {
            (Show::Money(s), _) | (_, Show::Money(s)) if dim.is_money() => Show::Money(s),
            (Show::Percent, Show::Percent) if dim.is_none() => Show::Percent,
            // A rate times a number is a number (80% × 10 = 8), so that
            // `10 × 率` can be points while `率` alone cannot.
            (Show::Percent, Show::Plain) | (Show::Plain, Show::Percent) if dim.is_none() => {
                Show::Plain
            }
            (a, Show::Plain) if dim == self.dim => a,
            (Show::Plain, b) if dim == o.dim => b,
            _ => Show::Plain,
        };
        let flex = self.flex && o.flex;
        Unit {
            dim,
            show,
            flex,
            lit: self.lit_of(o, flex),
        }
    }

    pub fn over(self, o: Unit) -> Unit {
        let dim = self.dim.quotient(o.dim);
        let show = if dim.is_none() && !self.dim.is_none() {
            // 万元 ÷ 万元, 人 ÷ 人: a rate.
            Show::Percent
        } else if dim == self.dim {
            self.show
        } else {
            Show::Plain
        };
        let flex = self.flex && o.flex;
        Unit {
            dim,
            show,
            flex,
            lit: self.lit_of(o, flex),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Show::Money(s) = self.show {
            if self.dim.is_money() {
                return f.write_str(s.name());
            }
        }
        if self.dim.is_none() {
            return f.write_str(if self.show == Show::Percent {
                "百分比"
            } else {
                "数"
            });
        }
        if let Some(i) = self.dim.single() {
            return f.write_str(&base_name(i));
        }
        let mut first = true;
        for (i, e) in self.dim.0.iter().enumerate() {
            if *e == 0 {
                continue;
            }
            if !first {
                f.write_str("·")?;
            }
            first = false;
            write!(f, "{}", base_name(i))?;
            if *e != 1 {
                write!(f, "^{e}")?;
            }
        }
        Ok(())
    }
}

/// A unit written in a type position or after a number. The factor converts
/// the written number to the stored base value (万元 → ×10000, % → ÷100).
pub fn unit_named(name: &str) -> Option<(Unit, Decimal)> {
    let hundredth = Decimal::new(1, 2);
    Some(match name {
        "元" | "yuan" => (Unit::money(MoneyScale::Yuan), Decimal::ONE),
        "万元" | "wan" => (Unit::money(MoneyScale::Wan), MoneyScale::Wan.factor()),
        "亿元" => (Unit::money(MoneyScale::Yi), MoneyScale::Yi.factor()),
        "%" | "％" | "百分比" | "percent" => (Unit::PERCENT, hundredth),
        // A 百分点 is a difference of percentages: 0.1个百分点 = 0.001.
        "百分点" | "个百分点" | "pp" => (Unit::PERCENT, hundredth),
        "人" => (Unit::of(Base::Person), Decimal::ONE),
        "家" => (Unit::of(Base::Org), Decimal::ONE),
        "次" => (Unit::of(Base::Times), Decimal::ONE),
        "个" => (Unit::of(Base::Piece), Decimal::ONE),
        "项" => (Unit::of(Base::Item), Decimal::ONE),
        "件" => (Unit::of(Base::Case), Decimal::ONE),
        "人次" => (Unit::of(Base::PersonTime), Decimal::ONE),
        "天" | "日" => (Unit::of(Base::Day), Decimal::ONE),
        "月" => (Unit::of(Base::Month), Decimal::ONE),
        "年" => (Unit::of(Base::Year), Decimal::ONE),
        "分" => (Unit::SCORE, Decimal::ONE),
        "数" | "number" => (Unit::PLAIN, Decimal::ONE),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_over_money_is_a_percent() {
        let wan = Unit::money(MoneyScale::Wan);
        let r = wan.over(wan);
        assert!(r.dim.is_none());
        assert_eq!(r.show, Show::Percent);
    }

    #[test]
    fn money_plus_people_does_not_unify() {
        assert_eq!(
            Unit::money(MoneyScale::Wan).unify(Unit::of(Base::Person)),
            None
        );
    }

    #[test]
    fn bare_literal_takes_count_unit_but_not_money() {
        assert_eq!(
            Unit::FLEX.unify(Unit::of(Base::Times)),
            Some(Unit::of(Base::Times))
        );
        assert_eq!(Unit::bare(false).unify(Unit::money(MoneyScale::Yuan)), None);
        // Zero is the same amount in 元 and 万元.
        assert!(Unit::bare(true)
            .unify(Unit::money(MoneyScale::Wan))
            .is_some());
    }

    #[test]
    fn yuan_and_wan_are_the_same_dimension() {
        assert!(Unit::money(MoneyScale::Yuan)
            .unify(Unit::money(MoneyScale::Wan))
            .is_some());
    }

    #[test]
    fn percent_points_are_hundredths() {
        let (_, f) = unit_named("个百分点").unwrap();
        assert_eq!(Decimal::new(1, 1) * f, Decimal::new(1, 3));
    }

    #[test]
    fn score_times_rate_is_score() {
        let r = Unit::SCORE.times(Unit::PERCENT);
        assert!(r.dim.is_score());
    }
}
