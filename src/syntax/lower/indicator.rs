//! Indicators (`指标`, `加分`, `减分`, `择一`) and their rows: the scoring forms.

use super::super::ast::*;
use super::super::errors::misspelt_row_keyword;
use super::super::parser::Rule;
use super::super::span::Spanned;
use super::cx::kids;
use super::items::direction;
use super::{Cx, R};
use crate::diag::{Diagnostic, Msg};
use pest::iterators::Pair;

impl Cx<'_> {
    pub(super) fn indicator(&self, p: Pair<Rule>) -> R<Indicator> {
        let span = self.span(&p);
        let mut it = kids(p);
        let head = it.next().expect("indicator head");
        let head_span = self.trim_trivia(self.span(&head));
        let kind = match head.as_rule() {
            Rule::bonus_head => IndicatorKind::Bonus,
            Rule::penalty_head => IndicatorKind::Penalty,
            _ => IndicatorKind::Normal,
        };
        let choice_group = head.as_rule() == Rule::choice_head;
        let mut h = kids(head).filter(|c| !matches!(c.as_rule(), Rule::kw_choice | Rule::kw_by));
        let name = self.ident(h.next().expect("indicator name"));
        // A 加分/减分 item may leave its cap to its group's (filled in below).
        let (weight, shared_cap) = match h.next() {
            Some(wp) => (Spanned::new(self.decimal(&wp)?, self.span(&wp)), false),
            None => (Spanned::new(rust_decimal::Decimal::ZERO, head_span), true),
        };
        // `75%` after the weight; `按 适用项` after a 择一 group's.
        let rest: Vec<_> = h.collect();
        let percent = rest.iter().any(|r| r.as_rule() == Rule::weight_pct);
        let choice = rest
            .into_iter()
            .find(|r| choice_group && r.as_rule() == Rule::ident)
            .map(|r| self.ident(r));
        let mut ind = Indicator {
            kind,
            name,
            weight,
            percent,
            choice,
            children: Vec::new(),
            rows: Vec::new(),
            vetoes: Vec::new(),
            not_applicable: None,
            span,
            head_span,
            allows: Vec::new(),
            table: None,
            notes: Vec::new(),
            shared_cap,
        };
        for c in it {
            match c.as_rule() {
                Rule::indicator => ind.children.push(self.indicator(c)?),
                Rule::target_table => ind.children.push(self.target_table(c)?),
                Rule::allow => ind.allows.push(self.allow(c)),
                Rule::note_row => ind
                    .notes
                    .push(self.ident(kids(c).last().expect("note name"))),
                Rule::na_decl => ind.not_applicable = Some(self.na_decl(c)?),
                Rule::row_veto => ind
                    .vetoes
                    .push(self.expr(kids(c).next().expect("veto cond"))?),
                // A row's span ends with its result: pest skips trivia before the
                // optional `row_end`, which would otherwise pull a following
                // comment into the row's text.
                Rule::rule_row => {
                    let start = self.span(&c);
                    let mut r = kids(c);
                    let cond = self.expr(r.next().expect("cond"))?;
                    let sp = r.next().expect("scoring");
                    let span = start.with_end(self.span(&sp).end);
                    let span = self.trim_trivia(span);
                    let result = self.scoring(sp)?;
                    ind.rows.push(Row {
                        cond: Some(cond),
                        result,
                        span,
                    });
                }
                Rule::else_row | Rule::bare_row => {
                    let start = self.span(&c);
                    let sp = kids(c)
                        .find(|x| x.as_rule() == Rule::scoring)
                        .expect("scoring");
                    let span = self.trim_trivia(start.with_end(self.span(&sp).end));
                    let result = self.scoring(sp)?;
                    if let Some(d) = misspelt_row_keyword(&result) {
                        return Err(d);
                    }
                    ind.rows.push(Row {
                        cond: None,
                        result,
                        span,
                    });
                }
                _ => {}
            }
        }
        share_cap(&mut ind);
        Ok(ind)
    }

    pub(super) fn scoring(&self, p: Pair<Rule>) -> R<Scoring> {
        let inner = kids(p).next().expect("scoring alternative");
        let span = self.span(&inner);
        Ok(match inner.as_rule() {
            Rule::assessor_score => Scoring::Assessor(span),
            Rule::score_range => {
                let mut it = kids(inner);
                let a = it.next().expect("range end");
                let b = it.next().expect("range end");
                let (x, y) = (self.decimal(&a)?, self.decimal(&b)?);
                let (a, b) = (
                    Spanned::new(x, self.span(&a)),
                    Spanned::new(y, self.span(&b)),
                );
                // Forms write the higher end first (“9-8”).
                if x <= y {
                    Scoring::Range(a, b)
                } else {
                    Scoring::Range(b, a)
                }
            }
            Rule::deduction => Scoring::Deduction(Box::new(self.deduction(inner)?)),
            Rule::ratio => {
                let mut it = kids(inner);
                let direction = direction(it.next().expect("direction").as_str());
                let actual = self.expr(it.next().expect("actual"))?;
                let target = self.expr(it.next().expect("target"))?;
                Scoring::Ratio {
                    direction,
                    actual,
                    target,
                    span,
                }
            }
            Rule::proportional => {
                Scoring::Proportional(self.expr(kids(inner).next().expect("rate"))?)
            }
            Rule::checklist => Scoring::Checklist(Box::new(self.checklist(inner)?)),
            Rule::match_table => {
                let mut it = kids(inner);
                let subject = self.expr(it.next().expect("subject"))?;
                let mut arms = Vec::new();
                for arm in it {
                    let mut a = kids(arm).filter(|x| x.as_rule() != Rule::kw_gain);
                    let name = self.ident(a.next().expect("arm name"));
                    let value = self.expr(a.next().expect("arm value"))?;
                    arms.push((name, value));
                }
                Scoring::Match(Box::new(MatchTable {
                    subject,
                    arms,
                    span,
                }))
            }
            Rule::qualitative => {
                let mut it = kids(inner);
                let tier = self.ident(it.next().expect("tier"));
                let rate = self.ident(it.next().expect("rate"));
                let mut bands = Vec::new();
                let mut uses = None;
                for b in it {
                    if b.as_rule() == Rule::band_ref {
                        let n = kids(b)
                            .find(|x| x.as_rule() == Rule::ident)
                            .expect("band set");
                        uses = Some(self.ident(n));
                    } else {
                        bands.push(self.qual_band(b)?);
                    }
                }
                Scoring::Qualitative(Box::new(Qualitative {
                    tier,
                    rate,
                    bands,
                    uses,
                    span,
                }))
            }
            _ => Scoring::Expr(self.expr(inner)?),
        })
    }

    /// `好 80%（含）至 100%（含）`: one band of a 定性 row or a 评分档.
    pub(super) fn qual_band(&self, b: Pair<Rule>) -> R<QualBand> {
        let span = self.span(&b);
        let mut bi = kids(b);
        let tier = self.ident(bi.next().expect("band tier"));
        let lo = self.bound(bi.next().expect("lo"))?;
        let hi = self.bound(bi.next().expect("hi"))?;
        Ok(QualBand { tier, lo, hi, span })
    }

    pub(super) fn deduction(&self, p: Pair<Rule>) -> R<Deduction> {
        let span = self.span(&p);
        let mut exprs = Vec::new();
        let mut over = true;
        let mut mode = None;
        let mut floor_zero = false;
        for c in kids(p) {
            match c.as_rule() {
                Rule::expr => exprs.push(self.expr(c)?),
                Rule::excess_dir => {
                    over = kids(c)
                        .next()
                        .map(|d| d.as_rule() == Rule::over)
                        .unwrap_or(true)
                }
                Rule::step_mode => {
                    let s = self.span(&c);
                    let m = match kids(c).next().map(|x| x.as_rule()) {
                        Some(Rule::step_prop) => StepMode::Proportional,
                        Some(Rule::step_ceil) => StepMode::Ceil,
                        _ => StepMode::Floor,
                    };
                    mode = Some(Spanned::new(m, s));
                }
                Rule::floor_zero => floor_zero = true,
                _ => {}
            }
        }
        let mut e = exprs.into_iter();
        let mut next = || e.next().expect("deduction has five expressions");
        let (base, subject, baseline, step, per_step) = (next(), next(), next(), next(), next());
        if mode.is_none() {
            return Err(Diagnostic::new(Msg::MissingStepMode).at(per_step.span));
        }
        Ok(Deduction {
            base,
            subject,
            over,
            baseline,
            step,
            per_step,
            mode,
            floor_zero,
            span,
        })
    }

    pub(super) fn checklist(&self, p: Pair<Rule>) -> R<Checklist> {
        let span = self.span(&p);
        let mut gain = true;
        let mut points = None;
        let mut items = Vec::new();
        let mut floor_zero = false;
        for c in kids(p) {
            match c.as_rule() {
                Rule::kw_gain => gain = true,
                Rule::kw_deduct => gain = false,
                Rule::expr => points = Some(self.expr(c)?),
                Rule::ident => items.push(self.ident(c)),
                Rule::floor_zero => floor_zero = true,
                _ => {}
            }
        }
        Ok(Checklist {
            gain,
            points: points.expect("checklist points"),
            items,
            floor_zero,
            span,
        })
    }
}

/// Items written without a cap take their group's (top-down, so a group
/// that shares its parent's cap passes it on); a top-level one keeps 0 and
/// the checker says it needs a cap (E146).
fn share_cap(ind: &mut Indicator) {
    for ch in &mut ind.children {
        if ch.shared_cap && ch.kind == ind.kind {
            ch.weight.node = ind.weight.node;
        }
        share_cap(ch);
    }
}
