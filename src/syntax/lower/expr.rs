//! Expressions: `或`/`且`/`非`, comparisons and ranges, and arithmetic
//! through pest's Pratt parser; with the size limits that keep every later
//! pass's recursion shallow.

use super::super::ast::*;
use super::super::parser::{Rule, MAX_EXPR_TOKENS, MAX_PREFIX};
use super::cx::{kids, unquote};
use super::{Cx, R};
use crate::diag::{Diagnostic, Msg};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::OnceLock;

fn pratt() -> &'static PrattParser<Rule> {
    static P: OnceLock<PrattParser<Rule>> = OnceLock::new();
    P.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
            .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
            .op(Op::prefix(Rule::neg))
    })
}

impl Cx<'_> {
    pub(super) fn bound(&self, p: Pair<Rule>) -> R<Bound> {
        let mut it = kids(p);
        let expr = self.arith(it.next().expect("bound expr"))?;
        Ok(Bound {
            expr,
            inclusive: it.next().is_some(),
        })
    }

    pub(super) fn expr(&self, p: Pair<Rule>) -> R<Expr> {
        match p.as_rule() {
            Rule::expr => {
                self.small_enough(&p)?;
                self.fold(p, Rule::or_op, ExprKind::Or)
            }
            Rule::and_expr => self.fold(p, Rule::and_op, ExprKind::And),
            Rule::not_expr => {
                let span = self.span(&p);
                let mut nots = 0;
                let mut inner = None;
                for c in kids(p) {
                    if c.as_rule() == Rule::not_op {
                        nots += 1;
                    } else {
                        inner = Some(c);
                    }
                }
                if nots > MAX_PREFIX {
                    return Err(Diagnostic::new(Msg::ExprTooLong {
                        limit: MAX_EXPR_TOKENS,
                    })
                    .at(span));
                }
                let mut e = self.expr(inner.expect("not_expr operand"))?;
                for _ in 0..nots {
                    e = Expr {
                        kind: ExprKind::Not(Box::new(e)),
                        span,
                    };
                }
                Ok(e)
            }
            Rule::cmp_expr => self.cmp_expr(p),
            Rule::arith => self.arith(p),
            Rule::scoring => self.expr(kids(p).next().expect("expr")),
            _ => self.primary(p),
        }
    }

    pub(super) fn fold(
        &self,
        p: Pair<Rule>,
        op: Rule,
        make: fn(Box<Expr>, Box<Expr>) -> ExprKind,
    ) -> R<Expr> {
        let mut it = kids(p).filter(|c| c.as_rule() != op);
        let mut acc = self.expr(it.next().expect("operand"))?;
        for c in it {
            let rhs = self.expr(c)?;
            let span = acc.span.to(rhs.span);
            acc = Expr {
                kind: make(Box::new(acc), Box::new(rhs)),
                span,
            };
        }
        Ok(acc)
    }

    pub(super) fn cmp_expr(&self, p: Pair<Rule>) -> R<Expr> {
        let span = self.span(&p);
        let mut it = kids(p).peekable();
        let first = self.arith(it.next().expect("lhs"))?;
        let Some(next) = it.peek() else {
            return Ok(first);
        };
        match next.as_rule() {
            Rule::between => {
                let b = it.next().expect("between");
                let mut bi = kids(b);
                let lo = self.bound(bi.next().expect("lo"))?;
                let hi = self.bound(bi.next().expect("hi"))?;
                Ok(Expr {
                    kind: ExprKind::Between {
                        subject: Box::new(first),
                        lo: Box::new(lo),
                        hi: Box::new(hi),
                    },
                    span,
                })
            }
            Rule::beyond => {
                let b = it.next().expect("beyond");
                let mut bi = kids(b);
                let bound = self.bound(bi.next().expect("bound"))?;
                let above = bi
                    .next()
                    .map(|d| d.as_rule() == Rule::above)
                    .unwrap_or(true);
                Ok(Expr {
                    kind: ExprKind::Beyond {
                        subject: Box::new(first),
                        bound: Box::new(bound),
                        above,
                    },
                    span,
                })
            }
            _ => {
                let mut chain = Vec::new();
                while let Some(op) = it.next() {
                    let rhs = self.arith(it.next().expect("rhs"))?;
                    chain.push((cmp_op(op.as_rule()), rhs));
                }
                Ok(Expr {
                    kind: ExprKind::Compare(Box::new(first), chain),
                    span,
                })
            }
        }
    }

    /// Every pass over an expression (lowering, checking, evaluating, even
    /// dropping it) recurses on its depth, which a long chain such as
    /// `a+a+…` or `非 非 … x` makes as large as the chain: refuse it here.
    pub(super) fn small_enough(&self, p: &Pair<Rule>) -> R<()> {
        if p.clone()
            .into_inner()
            .flatten()
            .nth(MAX_EXPR_TOKENS)
            .is_some()
        {
            return Err(Diagnostic::new(Msg::ExprTooLong {
                limit: MAX_EXPR_TOKENS,
            })
            .at(self.trim_trivia(self.span(p))));
        }
        Ok(())
    }

    pub(super) fn arith(&self, p: Pair<Rule>) -> R<Expr> {
        self.small_enough(&p)?;
        if p.clone()
            .into_inner()
            .filter(|c| c.as_rule() == Rule::neg)
            .nth(MAX_PREFIX)
            .is_some()
        {
            return Err(Diagnostic::new(Msg::ExprTooLong {
                limit: MAX_EXPR_TOKENS,
            })
            .at(self.span(&p)));
        }
        let pairs = kids(p);
        pratt()
            .map_primary(|prim| self.primary(prim))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let span = self.span(&op).to(rhs.span);
                Ok(Expr {
                    kind: ExprKind::Neg(Box::new(rhs)),
                    span,
                })
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let op = match op.as_rule() {
                    Rule::add => BinOp::Add,
                    Rule::sub => BinOp::Sub,
                    Rule::mul => BinOp::Mul,
                    _ => BinOp::Div,
                };
                Ok(Expr {
                    kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                    span,
                })
            })
            .parse(pairs)
    }

    pub(super) fn primary(&self, p: Pair<Rule>) -> R<Expr> {
        let span = self.span(&p);
        let kind = match p.as_rule() {
            Rule::number_lit => {
                let (n, u) = self.number_lit(p)?;
                ExprKind::Number(n, u)
            }
            Rule::bool_lit => ExprKind::Bool(matches!(p.as_str(), "是" | "true")),
            Rule::string => ExprKind::Text(self.string(p).node),
            Rule::ident => ExprKind::Name(unquote(p.as_str()).to_string()),
            Rule::weight_ref => ExprKind::Weight,
            Rule::paren => {
                let inner = self.expr(kids(p).next().expect("paren expr"))?;
                // `>= （含）`: the inclusive mark parses as a bracketed name 含.
                if matches!(&inner.kind, ExprKind::Name(n) if n == "含" || n == "incl") {
                    return Err(Diagnostic::new(Msg::InclNotAfterNumber)
                        .at(span)
                        .note(crate::diag::Note::InclHint));
                }
                return Ok(Expr { span, ..inner });
            }
            Rule::abs_bars => {
                let inner = self.arith(kids(p).next().expect("abs expr"))?;
                ExprKind::Call(Func::Abs, vec![inner])
            }
            Rule::call => {
                let mut it = kids(p);
                let f = match it.next().expect("func").as_str() {
                    "abs" | "绝对值" => Func::Abs,
                    "min" | "最小值" => Func::Min,
                    "max" | "最大值" => Func::Max,
                    "floor" | "向下取整" => Func::Floor,
                    "ceil" | "向上取整" => Func::Ceil,
                    "round" | "取整" => Func::Round,
                    _ => Func::Clamp,
                };
                let args = it.map(|a| self.expr(a)).collect::<R<Vec<_>>>()?;
                ExprKind::Call(f, args)
            }
            _ => return self.expr(p),
        };
        Ok(Expr { kind, span })
    }
}

fn cmp_op(r: Rule) -> CmpOp {
    match r {
        Rule::ge_op => CmpOp::Ge,
        Rule::le_op => CmpOp::Le,
        Rule::gt_op => CmpOp::Gt,
        Rule::lt_op => CmpOp::Lt,
        Rule::ne_op => CmpOp::Ne,
        _ => CmpOp::Eq,
    }
}
