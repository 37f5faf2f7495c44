//! The header statement: `评分表 "名" 年度 … 满分 … 保留 … 等级 …`.

use super::super::ast::*;
use super::super::parser::{Rule, MAX_PLACES};
use super::super::span::Spanned;
use super::cx::kids;
use super::{Cx, R};
use crate::diag::{Diagnostic, Msg};
use pest::iterators::Pair;

impl Cx<'_> {
    pub(super) fn header(&self, p: Pair<Rule>) -> R<Header> {
        let span = self.span(&p);
        let mut name = None;
        let mut year = None;
        let mut full = None;
        let mut rounding = None;
        let mut grades = Vec::new();
        for c in kids(p) {
            match c.as_rule() {
                Rule::string => name = Some(self.string(c)),
                Rule::integer => {
                    let y: u32 = c.as_str().parse().map_err(|_| {
                        Diagnostic::new(Msg::NumberTooLarge {
                            text: c.as_str().into(),
                        })
                        .at(self.span(&c))
                    })?;
                    year = Some(Spanned::new(y, self.span(&c)));
                }
                Rule::number => full = Some(Spanned::new(self.decimal(&c)?, self.span(&c))),
                Rule::rounding => rounding = Some(self.rounding(c)?),
                Rule::grades => {
                    for g in kids(c) {
                        grades.push(self.grade_band(g)?);
                    }
                }
                _ => {}
            }
        }
        Ok(Header {
            name: name.expect("grammar requires a name"),
            year,
            full_marks: full,
            rounding,
            grades,
            span,
        })
    }

    pub(super) fn rounding(&self, p: Pair<Rule>) -> R<Spanned<Rounding>> {
        let span = self.span(&p);
        let mut places = 2;
        let mut mode = RoundMode::HalfUp;
        for c in kids(p) {
            match c.as_rule() {
                Rule::integer => {
                    places = c
                        .as_str()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n <= MAX_PLACES)
                        .ok_or_else(|| {
                            Diagnostic::new(Msg::TooManyPlaces {
                                text: c.as_str().into(),
                                limit: MAX_PLACES,
                            })
                            .at(self.span(&c))
                        })?
                }
                Rule::round_mode => {
                    mode = match c.as_str() {
                        "四舍五入" | "half_up" => RoundMode::HalfUp,
                        "四舍六入" | "银行家舍入" | "half_even" => RoundMode::HalfEven,
                        "截断" | "舍去" | "truncate" => RoundMode::Truncate,
                        _ => RoundMode::Up,
                    }
                }
                _ => {}
            }
        }
        Ok(Spanned::new(Rounding { places, mode }, span))
    }

    pub(super) fn grade_band(&self, p: Pair<Rule>) -> R<GradeBand> {
        let span = self.span(&p);
        let mut it = kids(p);
        let name = self.ident(it.next().expect("band name"));
        let (min, max) = match (it.next(), it.next()) {
            (Some(r), _) if r.as_rule() == Rule::grade_range => {
                // number, incl?, number, incl?: an end is inclusive when （含） follows it.
                let parts: Vec<Pair<Rule>> = r.into_inner().collect();
                let mut ends = Vec::new();
                for (i, x) in parts.iter().enumerate() {
                    if x.as_rule() == Rule::number {
                        let incl = parts.get(i + 1).is_some_and(|n| n.as_rule() == Rule::incl);
                        ends.push((Spanned::new(self.decimal(x)?, self.span(x)), incl));
                    }
                }
                let mut ends = ends.into_iter();
                (ends.next(), ends.next())
            }
            (Some(op), Some(n)) => (
                Some((
                    Spanned::new(self.decimal(&n)?, self.span(&n)),
                    op.as_rule() == Rule::ge_op,
                )),
                None,
            ),
            _ => (None, None),
        };
        Ok(GradeBand {
            name,
            min,
            max,
            span,
        })
    }
}
