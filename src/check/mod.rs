//! Name resolution, units and weights: AST → [`Checked`]. Every problem of a
//! file is collected and reported in one run; warnings travel with the
//! checked rubric.

pub mod affine;
mod bands;
mod calls;
mod cases;
mod expr;
mod extend;
mod floors;
mod grades;
mod indicators;
pub mod interval;
mod levels;
mod lints;
mod pairs;
pub mod program;
mod qualitative;
mod safety;
mod shares;
pub mod show;
pub mod targets;
mod tiers;
pub mod units;

pub use extend::Extender;
pub use program::*;
pub use targets::{CLevel, CTable, TableId};

use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Msg, Note};
use crate::num::Value;
use crate::syntax::ast::{self, Literal, RoundMode, Rounding, TypeExpr};
use crate::syntax::Span;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A checked rubric with the warnings found on the way.
pub struct CheckOutput {
    pub checked: Checked,
    pub warnings: Diagnostics,
}

/// Check a parsed rubric. `Err` holds every error (and warning) found.
pub fn check(rubric: &ast::Rubric) -> Result<CheckOutput, Diagnostics> {
    let mut cx = Checker::new();
    let checked = cx.run(rubric);
    cx.diags.sort();
    if cx.diags.has_errors() {
        Err(cx.diags)
    } else {
        Ok(CheckOutput {
            checked,
            warnings: cx.diags,
        })
    }
}

pub(crate) struct Checker {
    pub diags: Diagnostics,
    pub names: HashMap<String, Slot>,
    pub slot_tys: Vec<Ty>,
    pub slot_spans: Vec<Span>,
    pub enums: Vec<ast_enum::EnumInfo>,
    pub facts: Vec<FactDecl>,
    /// Slots read anywhere, for the unused-input lint.
    pub used: Vec<bool>,
    /// The weight `分值` refers to while checking an indicator's rules.
    pub current_weight: Option<Decimal>,
    /// Target tables declared so far.
    pub tables: Vec<CTable>,
    /// `单位 …`: the rubric's own units.
    pub units: Vec<units::DeclaredUnit>,
    /// `评分档 …`: declared band sets, and whether a row used each.
    pub band_sets: Vec<(ast::BandSet, bool)>,
    /// The points a top-level `指标 甲 75%` is a share of (满分).
    pub root_weight: Decimal,
}

pub(crate) mod ast_enum {
    #[derive(Clone, Debug)]
    pub struct EnumInfo {
        pub variants: Vec<String>,
        /// `{高 > 中 > 低}`: the variants are in order, best first.
        pub ordered: bool,
    }
}

impl Checker {
    fn new() -> Self {
        Checker {
            diags: Diagnostics::default(),
            names: HashMap::new(),
            slot_tys: Vec::new(),
            slot_spans: Vec::new(),
            enums: Vec::new(),
            facts: Vec::new(),
            used: Vec::new(),
            current_weight: None,
            tables: Vec::new(),
            units: Vec::new(),
            band_sets: Vec::new(),
            root_weight: Decimal::ONE_HUNDRED,
        }
    }

    pub fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn run(&mut self, r: &ast::Rubric) -> Checked {
        let h = &r.header;
        let full_marks = h
            .full_marks
            .as_ref()
            .map(|f| f.node)
            .unwrap_or(Decimal::ONE_HUNDRED);
        let rounding = h.rounding.as_ref().map(|r| r.node).unwrap_or(Rounding {
            places: 2,
            mode: RoundMode::HalfUp,
        });
        let mut grades = self.grades(&h.grades);
        if grades.is_empty() {
            self.error(Diagnostic::new(Msg::MissingGrades).at(h.span));
            // A nameless catch-all band: every total gets "no grade".
            grades.push(Grade {
                name: String::new(),
                min: None,
                span: h.span,
            });
        }

        self.declare_units(&r.units);
        // Inputs first: they get slots 0..n.
        for input in &r.inputs {
            self.input(input);
        }
        let derived = self.derived(&r.defines);
        self.declare_band_sets(&r.band_sets);
        self.root_weight = full_marks;
        let (indicators, roots) = self.indicator_tree(&r.indicators, full_marks);
        self.unused_band_sets();
        let vetoes = self.top_vetoes(&r.vetoes, &grades);
        self.current_weight = None;
        let constraints: Vec<CConstraint> = r
            .constraints
            .iter()
            .map(|k| CConstraint {
                when: self.condition(&k.expr),
                span: k.span,
                implicit: false,
            })
            .collect();

        let mut checked = Checked {
            name: h.name.node.clone(),
            year: h.year.as_ref().map(|y| y.node),
            full_marks,
            rounding,
            grades,
            enums: self
                .enums
                .iter()
                .map(|e| EnumDecl {
                    variants: e.variants.clone(),
                    ordered: e.ordered,
                })
                .collect(),
            facts: std::mem::take(&mut self.facts),
            derived,
            indicators,
            roots,
            vetoes,
            constraints,
            tables: std::mem::take(&mut self.tables),
            units: self.units.clone(),
            band_sets: self
                .band_sets
                .iter()
                .map(|(s, _)| s.name.node.clone())
                .collect(),
        };
        floors::add(&mut checked);
        lints::run(self, &checked);
        safety::run(self, &checked, r);
        checked
    }

    /// `单位 期，个月 = 月`: each a new dimension, or equal to a known unit.
    fn declare_units(&mut self, decls: &[ast::UnitDecl]) {
        for d in decls {
            let name = &d.name.node;
            if units::unit_named(name).is_some() || self.units.iter().any(|u| u.name == *name) {
                self.error(
                    Diagnostic::new(Msg::DuplicateName { name: name.clone() }).at(d.name.span),
                );
                continue;
            }
            let unit = match &d.same_as {
                Some(other) => match units::lookup(&self.units, &other.node) {
                    Some(u) => u,
                    None => {
                        let msg = Msg::UnknownUnit {
                            unit: other.node.clone(),
                        };
                        self.error(Diagnostic::new(msg).at(other.span));
                        continue;
                    }
                },
                None => match units::declare(name) {
                    Some(u) => (u, Decimal::ONE),
                    None => {
                        self.error(
                            Diagnostic::new(Msg::TooManyUnits { name: name.clone() })
                                .at(d.name.span),
                        );
                        continue;
                    }
                },
            };
            self.units.push(units::DeclaredUnit {
                name: name.clone(),
                unit: unit.0,
                factor: unit.1,
            });
        }
    }

    fn grades(&mut self, bands: &[ast::GradeBand]) -> Vec<Grade> {
        let mut out: Vec<Grade> = Vec::new();
        let mut last: Option<Decimal> = None;
        for (i, b) in bands.iter().enumerate() {
            if out.iter().any(|g| g.name == b.name.node) {
                self.error(
                    Diagnostic::new(Msg::DuplicateName {
                        name: b.name.node.clone(),
                    })
                    .at(b.name.span),
                );
            }
            let min = b.min.as_ref().map(|(d, incl)| (d.node, *incl));
            match min {
                Some((m, _)) => {
                    if last.is_some_and(|l| m >= l) {
                        self.error(Diagnostic::new(Msg::GradeBandsOrder).at(b.span));
                    }
                    last = Some(m);
                }
                None if i + 1 != bands.len() => {
                    self.error(Diagnostic::new(Msg::GradeBandsOrder).at(b.span))
                }
                None => {}
            }
            out.push(Grade {
                name: b.name.node.clone(),
                min,
                span: b.span,
            });
        }
        out
    }

    fn declare(&mut self, name: &ast::Ident, ty: Ty) -> Option<Slot> {
        if let Some(prev) = self.names.get(&name.node) {
            let prev_span = self.slot_spans[*prev as usize];
            self.error(
                Diagnostic::new(Msg::DuplicateName {
                    name: name.node.clone(),
                })
                .at(name.span)
                .label(prev_span, Note::FirstDefinedHere),
            );
            return None;
        }
        let slot = self.slot_tys.len() as Slot;
        self.names.insert(name.node.clone(), slot);
        self.slot_tys.push(ty);
        self.slot_spans.push(name.span);
        self.used.push(false);
        Some(slot)
    }

    fn input(&mut self, input: &ast::Input) {
        let ty = match &input.ty.node {
            TypeExpr::Bool => Ty::Bool,
            TypeExpr::Text => Ty::Text,
            TypeExpr::Enum(vs) | TypeExpr::Ordered(vs) => {
                let mut variants: Vec<String> = Vec::new();
                for v in vs {
                    if variants.contains(&v.node) {
                        self.error(
                            Diagnostic::new(Msg::DuplicateName {
                                name: v.node.clone(),
                            })
                            .at(v.span),
                        );
                    } else {
                        variants.push(v.node.clone());
                    }
                }
                let ordered = matches!(input.ty.node, TypeExpr::Ordered(_));
                self.enums.push(ast_enum::EnumInfo { variants, ordered });
                Ty::Enum((self.enums.len() - 1) as EnumId)
            }
            TypeExpr::Unit(u) => match units::lookup(&self.units, u) {
                Some((unit, _)) => Ty::Num(unit),
                None => {
                    self.error(
                        Diagnostic::new(Msg::UnknownUnit { unit: u.clone() }).at(input.ty.span),
                    );
                    Ty::Error
                }
            },
        };
        let default = input.default.as_ref().and_then(|d| {
            let v = literal_value(&d.node, &ty, &self.enums, &self.units);
            if v.is_none() {
                self.error(
                    Diagnostic::new(Msg::BadDefault {
                        name: input.name.node.clone(),
                        expected: self.ty_name(&ty),
                    })
                    .at(d.span),
                );
            }
            v
        });
        if self.declare(&input.name, ty.clone()).is_some() {
            self.facts.push(FactDecl {
                name: input.name.node.clone(),
                ty,
                default,
                positive: input.positive,
                nonzero: input.nonzero,
                direction: input.direction.as_ref().map(|d| d.node),
                span: input.name.span,
            });
        }
    }

    /// Derived values are ordered so that each comes after what it reads;
    /// a cycle is an error naming its members.
    fn derived(&mut self, defines: &[ast::Define]) -> Vec<Derived> {
        let n_facts = self.facts.len();
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for (i, d) in defines.iter().enumerate() {
            if self.names.contains_key(&d.name.node) || by_name.contains_key(d.name.node.as_str()) {
                let prev = self
                    .names
                    .get(&d.name.node)
                    .map(|s| self.slot_spans[*s as usize])
                    .or_else(|| {
                        by_name
                            .get(d.name.node.as_str())
                            .map(|j| defines[*j].name.span)
                    });
                let mut diag = Diagnostic::new(Msg::DuplicateName {
                    name: d.name.node.clone(),
                })
                .at(d.name.span);
                if let Some(p) = prev {
                    diag = diag.label(p, Note::FirstDefinedHere);
                }
                self.error(diag);
                continue;
            }
            by_name.insert(&d.name.node, i);
        }
        // Topological order by depth-first search.
        let mut order: Vec<usize> = Vec::new();
        let mut state = vec![0u8; defines.len()]; // 0 new, 1 visiting, 2 done
        let mut stack: Vec<usize> = Vec::new();
        let mut reported_cycle = false;
        for start in 0..defines.len() {
            if by_name.get(defines[start].name.node.as_str()) != Some(&start) {
                continue;
            }
            self.visit(
                start,
                defines,
                &by_name,
                &mut state,
                &mut stack,
                &mut order,
                &mut reported_cycle,
            );
        }
        // Reserve slots in that order, then check bodies in that order.
        let first = self.slot_tys.len();
        debug_assert_eq!(first, n_facts);
        for &i in &order {
            self.declare(&defines[i].name, Ty::Error);
        }
        let mut out = Vec::new();
        for (k, &i) in order.iter().enumerate() {
            let d = &defines[i];
            let (expr, ty) = self.define_body(d);
            self.slot_tys[first + k] = ty.clone();
            out.push(Derived {
                name: d.name.node.clone(),
                expr,
                ty,
                span: d.name.span,
            });
        }
        out
    }

    /// A definition's expression and type; text is shown, never computed.
    /// Also used for a definition added alone (`extend`).
    fn define_body(&mut self, d: &ast::Define) -> (CExpr, Ty) {
        self.current_weight = None;
        let (expr, ty) = self.expr(&d.expr, None);
        if matches!(ty, Ty::Text) {
            self.error(
                Diagnostic::new(Msg::TextNotAllowed {
                    name: d.name.node.clone(),
                })
                .at(d.expr.span),
            );
        }
        (expr, ty)
    }

    #[allow(clippy::too_many_arguments)]
    fn visit(
        &mut self,
        i: usize,
        defs: &[ast::Define],
        by_name: &HashMap<&str, usize>,
        state: &mut [u8],
        stack: &mut Vec<usize>,
        order: &mut Vec<usize>,
        reported: &mut bool,
    ) {
        match state[i] {
            2 => return,
            1 => {
                if !*reported {
                    *reported = true;
                    let pos = stack.iter().position(|&j| j == i).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[pos..]
                        .iter()
                        .map(|&j| defs[j].name.node.clone())
                        .collect();
                    cycle.push(defs[i].name.node.clone());
                    self.error(
                        Diagnostic::new(Msg::DefinitionCycle { cycle }).at(defs[i].name.span),
                    );
                }
                return;
            }
            _ => {}
        }
        state[i] = 1;
        stack.push(i);
        let mut names = Vec::new();
        expr::names_in(&defs[i].expr, &mut names);
        for n in names {
            if let Some(&j) = by_name.get(n.as_str()) {
                self.visit(j, defs, by_name, state, stack, order, reported);
            }
        }
        stack.pop();
        state[i] = 2;
        order.push(i);
    }

    fn top_vetoes(&mut self, vetoes: &[ast::Veto], grades: &[Grade]) -> Vec<CVeto> {
        let mut out = Vec::new();
        for v in vetoes {
            self.current_weight = None;
            let when = self.condition(&v.when);
            let effect = match &v.effect {
                ast::VetoEffect::GradeCap(g) => {
                    match grades.iter().position(|x| x.name == g.node) {
                        Some(i) => CVetoEffect::GradeCap(i),
                        None => {
                            let mut d = Diagnostic::new(Msg::UnknownGrade {
                                name: g.node.clone(),
                            })
                            .at(g.span);
                            if let Some(s) =
                                did_you_mean(&g.node, grades.iter().map(|g| g.name.as_str()))
                            {
                                d = d.note(Note::DidYouMean(s));
                            }
                            self.error(d);
                            continue;
                        }
                    }
                }
                ast::VetoEffect::TotalTo(d) => CVetoEffect::TotalTo(d.node),
            };
            out.push(CVeto {
                when,
                effect,
                span: v.span,
            });
        }
        out
    }

    pub fn ty_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Num(u) => u.to_string(),
            Ty::Bool => "是否".into(),
            Ty::Text => "文本".into(),
            Ty::Enum(e) => {
                let e = &self.enums[*e as usize];
                let sep = if e.ordered { " > " } else { ", " };
                format!("{{{}}}", e.variants.join(sep))
            }
            Ty::Error => "?".into(),
        }
    }
}

/// The value of a literal of a declared type (defaults in the rubric).
fn literal_value(
    lit: &Literal,
    ty: &Ty,
    enums: &[ast_enum::EnumInfo],
    declared: &[units::DeclaredUnit],
) -> Option<Value> {
    match (lit, ty) {
        (Literal::Number(n, unit), Ty::Num(u)) => {
            let factor = match unit {
                Some(name) => {
                    let (lu, f) = units::lookup(declared, name)?;
                    lu.unify(*u)?;
                    f
                }
                None => units::lookup(declared, &u.to_string())
                    .map(|(_, f)| f)
                    .unwrap_or(Decimal::ONE),
            };
            n.checked_mul(factor).map(Value::Num)
        }
        (Literal::Bool(b), Ty::Bool) => Some(Value::Bool(*b)),
        (Literal::Name(n), Ty::Enum(e)) => enums[*e as usize]
            .variants
            .iter()
            .position(|v| v == n)
            .map(|i| Value::Enum(i as u16)),
        (Literal::Text(_), Ty::Text) => Some(Value::Text),
        _ => None,
    }
}
