//! Target tables (`指标表`): indicators whose rows come from the facts.

use super::super::ast::*;
use super::super::parser::Rule;
use super::super::span::{Span, Spanned};
use super::cx::kids;
use super::{Cx, R};
use pest::iterators::Pair;

impl Cx<'_> {
    /// `指标表 名 分值 { … }`: an indicator whose rows the facts supply.
    pub(super) fn target_table(&self, p: Pair<Rule>) -> R<Indicator> {
        let span = self.span(&p);
        let mut it = kids(p).filter(|c| c.as_rule() != Rule::kw_table);
        let name = self.ident(it.next().expect("table name"));
        let wp = it.next().expect("weight");
        let weight = Spanned::new(self.decimal(&wp)?, self.span(&wp));
        let head_span = self.trim_trivia(name.span.with_end(weight.span.end));
        let head_span = Span {
            start: span.start,
            ..head_span
        };
        let mut table = TargetTable {
            shares: None,
            eq_miss: None,
            levels: Vec::new(),
            uses: None,
            span,
        };
        let mut allows = Vec::new();
        for c in it {
            match c.as_rule() {
                Rule::allow => allows.push(self.allow(c)),
                Rule::table_shares => {
                    let sp = self.span(&c);
                    let kind = kids(c).find(|x| x.as_rule() != Rule::kw_shares);
                    let shares = match kind.map(|k| k.as_rule()) {
                        Some(Rule::share_column) => TableShares::Column,
                        _ => TableShares::Equal,
                    };
                    table.shares = Some(Spanned::new(shares, sp));
                }
                Rule::table_eq => {
                    let e = kids(c).find(|x| x.as_rule() == Rule::expr).expect("rate");
                    table.eq_miss = Some(self.expr(e)?);
                }
                Rule::table_qual => {
                    if let Some(b) = kids(c.clone()).find(|x| x.as_rule() == Rule::band_ref) {
                        let n = kids(b)
                            .find(|x| x.as_rule() == Rule::ident)
                            .expect("band set");
                        table.uses = Some(self.ident(n));
                        continue;
                    }
                    for l in kids(c).filter(|x| x.as_rule() == Rule::table_level) {
                        let lspan = self.span(&l);
                        let mut li = kids(l);
                        let name = self.ident(li.next().expect("level"));
                        let lo = self.bound(li.next().expect("rate"))?;
                        let hi = li.next().map(|b| self.bound(b)).transpose()?;
                        table.levels.push(TableLevel {
                            name,
                            lo,
                            hi,
                            span: lspan,
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(Indicator {
            kind: IndicatorKind::Normal,
            name,
            weight,
            percent: false,
            choice: None,
            children: Vec::new(),
            rows: Vec::new(),
            vetoes: Vec::new(),
            not_applicable: None,
            span,
            head_span,
            allows,
            table: Some(Box::new(table)),
            notes: Vec::new(),
            shared_cap: false,
        })
    }
}
