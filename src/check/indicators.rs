//! The indicator tree: scoring shapes, weights, not-applicable policies.

use super::units::Unit;
use super::{
    CChecklist, CDeduction, CExpr, CNa, CNaPolicy, CRow, CScoring, Checker, Ind, IndId, Ty,
};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note};
use crate::num::Value;
use crate::syntax::ast::{self, IndicatorKind, NaPolicy, Scoring};
use crate::syntax::{Span, Spanned};
use rust_decimal::Decimal;
use std::collections::HashMap;

impl Checker {
    pub fn indicator_tree(
        &mut self,
        roots: &[ast::Indicator],
        full_marks: Decimal,
    ) -> (Vec<Ind>, Vec<IndId>) {
        let mut out: Vec<Ind> = Vec::new();
        let mut seen: HashMap<String, Span> = HashMap::new();
        let mut transfers: Vec<(IndId, Vec<ast::Ident>)> = Vec::new();
        let mut root_ids = Vec::new();
        for r in roots {
            root_ids.push(self.indicator(r, None, 1, &mut out, &mut seen, &mut transfers));
        }
        self.sibling_weights(&out, &root_ids, full_marks, None);
        for (id, names) in transfers {
            let parent = out[id as usize].parent;
            let siblings: Vec<IndId> = match parent {
                Some(p) => out[p as usize].children.clone(),
                None => root_ids.clone(),
            };
            let mut targets = Vec::new();
            for n in names {
                match siblings
                    .iter()
                    .find(|&&s| out[s as usize].name == n.node && s != id)
                {
                    Some(&s) => targets.push(s),
                    None => {
                        let mut d = Diagnostic::new(Msg::TransferNotSibling {
                            name: n.node.clone(),
                        })
                        .at(n.span);
                        let names = siblings
                            .iter()
                            .filter(|&&s| s != id)
                            .map(|&s| out[s as usize].name.as_str());
                        if let Some(s) = did_you_mean(&n.node, names) {
                            d = d.note(Note::DidYouMean(s));
                        }
                        self.error(d);
                    }
                }
            }
            if let Some(na) = out[id as usize].na.as_mut() {
                na.policy = CNaPolicy::Transfer(targets);
            }
        }
        (out, root_ids)
    }

    /// Siblings weighted in points (`normal`: the 加分/减分 items left out,
    /// at least one) against their parent's points or 满分.
    pub(super) fn check_weight_sum(
        &mut self,
        normal: &[&Ind],
        declared: Decimal,
        parent: Option<&Ind>,
    ) {
        let sum: Decimal = normal.iter().map(|i| i.weight).sum();
        if sum != declared {
            let (name, span) = match parent {
                Some(p) => (p.name.clone(), p.head_span),
                None => ("满分".to_string(), normal[0].head_span),
            };
            let mut d = Diagnostic::new(Msg::WeightsDoNotAddUp {
                parent: name,
                declared: declared.normalize().to_string(),
                sum: sum.normalize().to_string(),
            })
            .at(span);
            if parent.is_some() {
                // Label each child's head line (not the blocks between them) so
                // the author sees every weight that went into the sum.
                for child in normal {
                    d = d.label(
                        child.head_span,
                        Note::Declared(child.weight.normalize().to_string()),
                    );
                }
                d = d.note(Note::ChildrenSumTo(sum.normalize().to_string()));
            }
            self.error(d);
        }
    }

    fn indicator(
        &mut self,
        a: &ast::Indicator,
        parent: Option<IndId>,
        depth: u32,
        out: &mut Vec<Ind>,
        seen: &mut HashMap<String, Span>,
        transfers: &mut Vec<(IndId, Vec<ast::Ident>)>,
    ) -> IndId {
        if let Some(prev) = seen.get(&a.name.node) {
            self.error(
                Diagnostic::new(Msg::DuplicateIndicator {
                    name: a.name.node.clone(),
                })
                .at(a.name.span)
                .label(*prev, Note::FirstDefinedHere),
            );
        } else {
            seen.insert(a.name.node.clone(), a.name.span);
        }
        let id = out.len() as IndId;
        let above = parent.map_or(self.root_weight, |p| out[p as usize].weight);
        // `指标 甲 75%`: from here on the weight is its points (exact).
        let (weight, percent) = self.effective_weight(a, above);
        out.push(Ind {
            name: a.name.node.clone(),
            kind: a.kind,
            weight,
            percent,
            choice: None,
            parent,
            children: Vec::new(),
            rows: Vec::new(),
            vetoes: Vec::new(),
            na: None,
            span: a.span,
            head_span: a.head_span,
            depth,
            table: None,
            notes: Vec::new(),
        });
        out[id as usize].notes = a.notes.iter().filter_map(|n| self.note(n)).collect();
        // An item without its own cap needs a group's: at top level (or under
        // an indicator of another kind, E135) nothing would limit it.
        if a.shared_cap && parent.is_none_or(|p| out[p as usize].kind != a.kind) {
            self.error(
                Diagnostic::new(Msg::CapMissing {
                    name: a.name.node.clone(),
                    bonus: a.kind == ast::IndicatorKind::Bonus,
                })
                .at(a.head_span),
            );
        }
        if !a.children.is_empty() {
            for v in &a.vetoes {
                self.error(
                    Diagnostic::new(Msg::VetoOnParent {
                        name: a.name.node.clone(),
                    })
                    .at(v.span),
                );
            }
        }
        if let Some(t) = &a.table {
            let tid = self.target_table(a, t, id);
            out[id as usize].table = Some(tid);
        }
        let mut children = Vec::new();
        for c in &a.children {
            if c.kind != a.kind {
                self.error(
                    Diagnostic::new(Msg::MixedKindChildren {
                        parent: a.name.node.clone(),
                        child: c.name.node.clone(),
                    })
                    .at(c.head_span),
                );
            }
            children.push(self.indicator(c, Some(id), depth + 1, out, seen, transfers));
        }
        if !a.children.is_empty() && !a.rows.is_empty() {
            self.error(
                Diagnostic::new(Msg::ChildrenAndRules {
                    name: a.name.node.clone(),
                })
                .at(a.rows[0].span),
            );
        }
        if a.children.is_empty() && a.rows.is_empty() && a.table.is_none() {
            self.error(
                Diagnostic::new(Msg::EmptyIndicator {
                    name: a.name.node.clone(),
                })
                .at(a.head_span),
            );
        }
        if a.choice.is_some() {
            out[id as usize].children = children.clone();
            self.choice_group(a, id, out);
        } else if !a.children.is_empty() {
            let all: &[Ind] = out;
            self.sibling_weights(all, &children, weight, Some(&all[id as usize]));
        }

        self.current_weight = Some(weight);
        let mut rows = Vec::new();
        let mut else_span: Option<Span> = None;
        for row in &a.rows {
            if let Some(es) = else_span {
                self.error(
                    Diagnostic::new(Msg::RowAfterElse)
                        .at(row.span)
                        .label(es, Note::ElseHere),
                );
            }
            let cond = row.cond.as_ref().map(|c| self.condition(c));
            if cond.is_none() {
                else_span = Some(row.span);
            }
            let (result, pick) = match &row.result {
                Scoring::Range(lo, hi) => (self.pick_row(hi, weight), Some((lo.node, hi.node))),
                Scoring::Assessor(span) => {
                    let top = Spanned::new(weight, *span);
                    (self.pick_row(&top, weight), Some((Decimal::ZERO, weight)))
                }
                other => (self.scoring(other, weight, a.kind), None),
            };
            rows.push(CRow {
                cond,
                result,
                span: row.span,
                pick,
            });
        }
        let vetoes = a.vetoes.iter().map(|v| self.condition(v)).collect();
        let na = a.not_applicable.as_ref().map(|na| {
            if !a.children.is_empty() {
                self.error(Diagnostic::new(Msg::NotApplicableOnParentOnly).at(na.span));
            }
            let when = self.condition(&na.when);
            let policy = match &na.policy {
                NaPolicy::Full => CNaPolicy::Full,
                NaPolicy::Exclude => CNaPolicy::Exclude,
                NaPolicy::Transfer(names) => {
                    transfers.push((id, names.clone()));
                    CNaPolicy::Transfer(Vec::new())
                }
            };
            CNa {
                when,
                policy,
                span: na.span,
            }
        });
        self.current_weight = None;
        let ind = &mut out[id as usize];
        ind.children = children;
        ind.rows = rows;
        ind.vetoes = vetoes;
        ind.na = na;
        id
    }

    /// The placeholder result of an assessor's row: its top, within the weight.
    fn pick_row(&mut self, hi: &Spanned<Decimal>, weight: Decimal) -> CScoring {
        if hi.node > weight {
            let msg = Msg::ConstantAboveWeight {
                value: hi.node.normalize().to_string(),
                weight: weight.normalize().to_string(),
            };
            self.error(Diagnostic::new(msg).at(hi.span));
        }
        CScoring::Expr(CExpr {
            kind: super::CKind::Const(Value::Num(hi.node)),
            span: hi.span,
        })
    }

    /// An expression that must yield points.
    fn points(&mut self, e: &ast::Expr, weight: Decimal, kind: IndicatorKind) -> CExpr {
        let (c, ty) = self.expr(e, None);
        match ty {
            // A percentage written as one (`则 30%`, `扣 2%`, a 百分比 input)
            // is a rate, not points: 30% would score 0.3. A ratio of like
            // units (人数 / 100 人) is dimensionless and may be points.
            Ty::Num(u) if u.show == super::units::Show::Percent && self.written_percent(&c) => {
                self.error(Diagnostic::new(Msg::PercentAsPoints).at(e.span));
            }
            Ty::Num(u) if u.is_points() => {}
            Ty::Error => {}
            other => {
                let found = self.ty_name(&other);
                self.error(Diagnostic::new(Msg::NotAScore { found }).at(e.span));
            }
        }
        if let Some(Value::Num(v)) = c.as_const() {
            if v > weight {
                let msg = Msg::ConstantAboveWeight {
                    value: v.normalize().to_string(),
                    weight: weight.normalize().to_string(),
                };
                self.error(Diagnostic::new(msg).at(e.span));
            } else if v < Decimal::ZERO && kind == IndicatorKind::Normal {
                self.error(
                    Diagnostic::new(Msg::ConstantBelowZero {
                        value: v.normalize().to_string(),
                    })
                    .at(e.span),
                );
            }
        }
        c
    }

    /// A constant or an input written in percent (not a computed ratio).
    fn written_percent(&self, e: &CExpr) -> bool {
        match &e.kind {
            super::CKind::Const(_) => true,
            super::CKind::Slot(s) => (*s as usize) < self.facts.len(),
            super::CKind::Neg(a) => self.written_percent(a),
            _ => false,
        }
    }

    fn same_unit(
        &mut self,
        a: (&CExpr, Option<Unit>),
        b: (&CExpr, Option<Unit>),
        op: &str,
        whole: Span,
    ) {
        if let (Some(x), Some(y)) = (a.1, b.1) {
            if !self.not_bare_percent((a.0, x), (b.0, y)) {
                return;
            }
            if x.unify(y).is_none() {
                let (l, r) = (x.to_string(), y.to_string());
                self.error(
                    Diagnostic::new(Msg::UnitMismatch {
                        op: op.into(),
                        left: l.clone(),
                        right: r.clone(),
                    })
                    .at(whole)
                    .label(a.0.span, Note::ThisHasUnit(l))
                    .label(b.0.span, Note::ThisHasUnit(r)),
                );
            }
        }
    }

    fn rate(&mut self, e: &ast::Expr) -> CExpr {
        let (c, u) = self.number(e);
        if let Some(u) = u {
            if !u.dim.is_none() {
                let found = u.to_string();
                self.error(
                    Diagnostic::new(Msg::UnitMismatch {
                        op: "×".into(),
                        left: "百分比".into(),
                        right: found.clone(),
                    })
                    .at(e.span)
                    .label(e.span, Note::ThisHasUnit(found)),
                );
            }
        }
        c
    }

    fn scoring(&mut self, s: &Scoring, weight: Decimal, kind: IndicatorKind) -> CScoring {
        match s {
            Scoring::Expr(e) => CScoring::Expr(self.points(e, weight, kind)),
            Scoring::Deduction(d) => {
                let base = self.points(&d.base, weight, kind);
                let (subject, us) = self.number(&d.subject);
                let (baseline, ub) = self.number(&d.baseline);
                let (step, ut) = self.number(&d.step);
                self.same_unit((&subject, us), (&baseline, ub), "超出", d.span);
                self.same_unit((&subject, us), (&step, ut), "每", d.span);
                let per_step = self.points(&d.per_step, weight, kind);
                CScoring::Deduction(Box::new(CDeduction {
                    base,
                    subject,
                    subject_unit: us,
                    over: d.over,
                    baseline,
                    step,
                    per_step,
                    mode: d
                        .mode
                        .as_ref()
                        .map(|m| m.node)
                        .unwrap_or(ast::StepMode::Floor),
                    floor_zero: d.floor_zero,
                }))
            }
            Scoring::Ratio {
                direction,
                actual,
                target,
                span,
            } => {
                let (a, ua) = self.number(actual);
                let (t, ut) = self.number(target);
                self.same_unit((&a, ua), (&t, ut), "/", *span);
                if let (Some(Value::Num(d)), Some(u)) = (t.as_const(), ut) {
                    if d <= Decimal::ZERO {
                        let target = super::interval::short(d, u);
                        self.error(
                            Diagnostic::new(Msg::RatioTargetNotPositive { target }).at(t.span),
                        );
                    }
                }
                CScoring::Ratio {
                    direction: *direction,
                    actual: a,
                    target: t,
                }
            }
            Scoring::Proportional(e) => CScoring::Proportional(self.rate(e)),
            Scoring::Checklist(c) => {
                let points = self.points(&c.points, weight, kind);
                let mut items = Vec::new();
                for it in &c.items {
                    let (ce, ty) = self.expr(
                        &ast::Expr {
                            kind: ast::ExprKind::Name(it.node.clone()),
                            span: it.span,
                        },
                        None,
                    );
                    let slot = match ce.kind {
                        super::CKind::Slot(s) => s,
                        _ => continue,
                    };
                    match ty {
                        Ty::Bool => items.push((slot, false, it.span)),
                        Ty::Num(u)
                            if !u.dim.is_money() && u.show != super::units::Show::Percent =>
                        {
                            items.push((slot, true, it.span))
                        }
                        Ty::Error => {}
                        other => {
                            let found = self.ty_name(&other);
                            self.error(Diagnostic::new(Msg::NotACondition { found }).at(it.span));
                        }
                    }
                }
                CScoring::Checklist(Box::new(CChecklist {
                    gain: c.gain,
                    points,
                    items,
                    floor_zero: c.floor_zero,
                }))
            }
            Scoring::Match(m) => {
                let (subject, ty) = self.expr(&m.subject, None);
                let mut arms = Vec::new();
                match ty {
                    Ty::Enum(e) => {
                        let variants = self.enums[e as usize].variants.clone();
                        let mut covered = vec![false; variants.len()];
                        for (name, value) in &m.arms {
                            let v = self.points(value, weight, kind);
                            match variants.iter().position(|x| *x == name.node) {
                                Some(i) => {
                                    covered[i] = true;
                                    arms.push((i as u16, v));
                                }
                                None => {
                                    let ty = self.ty_name(&Ty::Enum(e));
                                    let mut d = Diagnostic::new(Msg::UnknownVariant {
                                        name: name.node.clone(),
                                        ty,
                                    })
                                    .at(name.span);
                                    if let Some(s) = did_you_mean(
                                        &name.node,
                                        variants.iter().map(String::as_str),
                                    ) {
                                        d = d.note(Note::DidYouMean(s));
                                    }
                                    self.error(d);
                                }
                            }
                        }
                        let missing: Vec<String> = variants
                            .iter()
                            .zip(&covered)
                            .filter(|(_, c)| !**c)
                            .map(|(v, _)| v.clone())
                            .collect();
                        if !missing.is_empty() {
                            self.error(
                                Diagnostic::new(Msg::MatchNotExhaustive { missing }).at(m.span),
                            );
                        }
                    }
                    Ty::Error => {}
                    other => {
                        let found = self.ty_name(&other);
                        self.error(
                            Diagnostic::new(Msg::UnitMismatch {
                                op: "对照".into(),
                                left: "{…}".into(),
                                right: found,
                            })
                            .at(m.subject.span),
                        );
                    }
                }
                CScoring::Match { subject, arms }
            }
            Scoring::Qualitative(q) => self.qualitative(q),
            // Handled by the caller (`pick_row`).
            Scoring::Range(_, hi) => self.pick_row(hi, weight),
            Scoring::Assessor(span) => self.pick_row(&Spanned::new(weight, *span), weight),
        }
    }
}

impl Checker {
    /// `说明 X`: X must be a 文本 input; it is read (for the unused lint) by
    /// being shown.
    fn note(&mut self, n: &ast::Ident) -> Option<super::Slot> {
        let Some(&slot) = self.names.get(&n.node) else {
            let mut d = Diagnostic::new(Msg::UnknownName {
                name: n.node.clone(),
            })
            .at(n.span);
            let texts = self.facts.iter().filter(|f| f.ty == Ty::Text);
            if let Some(s) = did_you_mean(&n.node, texts.map(|f| f.name.as_str())) {
                d = d.note(Note::DidYouMean(s));
            }
            self.error(d);
            return None;
        };
        if self.slot_tys[slot as usize] != Ty::Text || slot as usize >= self.facts.len() {
            self.error(
                Diagnostic::new(Msg::NoteNotText {
                    name: n.node.clone(),
                })
                .at(n.span),
            );
            return None;
        }
        self.used[slot as usize] = true;
        Some(slot)
    }
}
