//! Top-level statements other than indicators: inputs, definitions,
//! constraints, units, vetoes, and the `允许`/`不适用` clauses.

use super::super::ast::*;
use super::super::parser::Rule;
use super::super::span::{Span, Spanned};
use super::cx::kids;
use super::{Cx, R};
use pest::iterators::Pair;
use rust_decimal::Decimal;

impl Cx<'_> {
    pub(super) fn item(&self, p: Pair<Rule>, rubric: &mut Rubric) -> R<()> {
        match p.as_rule() {
            Rule::input => rubric.inputs.push(self.input(p)?),
            Rule::define => rubric.defines.push(self.define(p)?),
            Rule::indicator => rubric.indicators.push(self.indicator(p)?),
            Rule::target_table => rubric.indicators.push(self.target_table(p)?),
            Rule::veto => rubric.vetoes.push(self.veto(p)?),
            Rule::constraint => {
                let span = self.span(&p);
                let written = p.as_str().trim_end().len() as u32;
                let expr = self.expr(
                    kids(p)
                        .find(|c| c.as_rule() == Rule::expr)
                        .expect("constraint expr"),
                )?;
                // The pair runs on over trailing blanks; end where the condition does.
                let span = Span {
                    end: span.start + written,
                    ..span
                };
                rubric.constraints.push(Constraint { expr, span });
            }
            Rule::allow => rubric.allows.push(self.allow(p)),
            Rule::band_set => {
                let span = self.span(&p);
                let mut it = kids(p).filter(|c| c.as_rule() != Rule::kw_band_set);
                let name = self.ident(it.next().expect("band set name"));
                let bands = it.map(|b| self.qual_band(b)).collect::<R<Vec<_>>>()?;
                rubric.band_sets.push(BandSet { name, bands, span });
            }
            Rule::unit_decl => {
                for u in kids(p).filter(|x| x.as_rule() == Rule::unit_item) {
                    let span = self.span(&u);
                    let mut w = kids(u);
                    let name = self.ident(w.next().expect("unit"));
                    let same_as = w.next().map(|x| self.ident(x));
                    rubric.units.push(UnitDecl {
                        name,
                        same_as,
                        span,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn input(&self, p: Pair<Rule>) -> R<Input> {
        let span = self.span(&p);
        let mut it = kids(p);
        let name = self.ident(it.next().expect("input name"));
        let ty = self.type_expr(it.next().expect("input type"));
        let mut input = Input {
            name,
            ty,
            direction: None,
            positive: false,
            nonzero: false,
            default: None,
            span,
        };
        for c in it {
            match c.as_rule() {
                Rule::direction => {
                    input.direction = Some(Spanned::new(direction(c.as_str()), self.span(&c)))
                }
                Rule::positive => input.positive = true,
                Rule::nonzero => input.nonzero = true,
                Rule::default_value => {
                    let lit = kids(c).next().expect("default literal");
                    input.default = Some(self.literal(lit)?);
                }
                _ => {}
            }
        }
        Ok(input)
    }

    pub(super) fn type_expr(&self, p: Pair<Rule>) -> Spanned<TypeExpr> {
        let span = self.span(&p);
        let inner = kids(p).next().expect("type");
        let ty = match inner.as_rule() {
            Rule::enum_type => TypeExpr::Enum(kids(inner).map(|v| self.ident(v)).collect()),
            Rule::ordered_enum => TypeExpr::Ordered(
                kids(inner)
                    .filter(|v| v.as_rule() == Rule::ident)
                    .map(|v| self.ident(v))
                    .collect(),
            ),
            _ => match inner.as_str() {
                "是否" | "布尔" | "bool" => TypeExpr::Bool,
                "文本" | "text" => TypeExpr::Text,
                other => TypeExpr::Unit(other.to_string()),
            },
        };
        Spanned::new(ty, span)
    }

    pub(super) fn literal(&self, p: Pair<Rule>) -> R<Spanned<Literal>> {
        let span = self.span(&p);
        let inner = kids(p).next().expect("literal");
        let lit = match inner.as_rule() {
            Rule::number_lit => {
                let (n, u) = self.number_lit(inner)?;
                Literal::Number(n, u)
            }
            Rule::bool_lit => Literal::Bool(matches!(inner.as_str(), "是" | "true")),
            Rule::string => Literal::Text(self.string(inner).node),
            _ => Literal::Name(inner.as_str().to_string()),
        };
        Ok(Spanned::new(lit, span))
    }

    pub(super) fn number_lit(&self, p: Pair<Rule>) -> R<(Decimal, Option<String>)> {
        let mut it = kids(p);
        let n = it.next().expect("number");
        let value = self.decimal(&n)?;
        Ok((value, it.next().map(|u| u.as_str().to_string())))
    }

    pub(super) fn define(&self, p: Pair<Rule>) -> R<Define> {
        let span = self.span(&p);
        let mut it = kids(p);
        let name = self.ident(it.next().expect("define name"));
        let expr = self.expr(it.next().expect("define expr"))?;
        Ok(Define { name, expr, span })
    }

    pub(super) fn veto(&self, p: Pair<Rule>) -> R<Veto> {
        let span = self.span(&p);
        let mut it = kids(p);
        let when = self.expr(it.next().expect("veto cond"))?;
        let effect = it
            .next()
            .expect("veto effect")
            .into_inner()
            .next()
            .expect("effect");
        let effect = match effect.as_rule() {
            Rule::veto_grade_cap => {
                VetoEffect::GradeCap(self.ident(kids(effect).next().expect("grade")))
            }
            _ => {
                let n = kids(effect).next().expect("number");
                VetoEffect::TotalTo(Spanned::new(self.decimal(&n)?, self.span(&n)))
            }
        };
        Ok(Veto { when, effect, span })
    }

    pub(super) fn allow(&self, p: Pair<Rule>) -> Allow {
        let span = self.span(&p);
        let mut it = kids(p).filter(|c| c.as_rule() != Rule::kw_allow);
        let code = it.next().expect("lint code");
        let reason = self.string(it.next().expect("reason"));
        Allow {
            code: Spanned::new(code.as_str().to_ascii_uppercase(), self.span(&code)),
            reason,
            span,
        }
    }

    pub(super) fn na_decl(&self, p: Pair<Rule>) -> R<NotApplicable> {
        let span = self.span(&p);
        let mut it = kids(p);
        let when = self.expr(it.next().expect("na cond"))?;
        let pol = it
            .next()
            .expect("na policy")
            .into_inner()
            .next()
            .expect("policy");
        let policy = match pol.as_rule() {
            Rule::na_full => NaPolicy::Full,
            Rule::na_exclude => NaPolicy::Exclude,
            _ => NaPolicy::Transfer(kids(pol).map(|i| self.ident(i)).collect()),
        };
        Ok(NotApplicable { when, policy, span })
    }
}

pub(super) fn direction(s: &str) -> Direction {
    if s == "反向" || s == "lower_better" {
        Direction::Lower
    } else {
        Direction::Higher
    }
}
