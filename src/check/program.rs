//! The checked form of a rubric: names resolved to slots, units settled,
//! weights verified. Only a [`Checked`] rubric can be scored.

use super::units::Unit;
use crate::num::Value;
use crate::syntax::ast::{BinOp, CmpOp, Direction, Func, IndicatorKind, Rounding, StepMode};
use crate::syntax::Span;
use rust_decimal::Decimal;

pub type Slot = u32;
pub type IndId = u32;
pub type EnumId = u16;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Num(Unit),
    Bool,
    Enum(EnumId),
    Text,
    /// A sub-expression already reported as wrong; suppresses follow-on errors.
    Error,
}

#[derive(Clone, Debug)]
pub struct Checked {
    pub name: String,
    pub year: Option<u32>,
    pub full_marks: Decimal,
    pub rounding: Rounding,
    pub grades: Vec<Grade>,
    pub enums: Vec<EnumDecl>,
    /// Input facts occupy slots `0..facts.len()`.
    pub facts: Vec<FactDecl>,
    /// Derived values occupy the slots after the facts.
    pub derived: Vec<Derived>,
    /// All indicators; children follow their parents' ids.
    pub indicators: Vec<Ind>,
    /// Top-level indicators (normal, bonus and penalty), in source order.
    pub roots: Vec<IndId>,
    pub vetoes: Vec<CVeto>,
    /// `约束 …`: conditions every facts file must satisfy.
    pub constraints: Vec<CConstraint>,
    /// `指标表 …`: target tables, whose rows each fact set supplies.
    pub tables: Vec<super::CTable>,
    /// `单位 …`: units the rubric declares, for facts written in them.
    pub units: Vec<super::units::DeclaredUnit>,
    /// `评分档 …`: the declared band sets' names (editors complete them).
    pub band_sets: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct CConstraint {
    pub when: CExpr,
    pub span: Span,
    /// Not written by the author: a percentage input is at least 0 unless a
    /// constraint of its own says otherwise (the span is its declaration).
    pub implicit: bool,
}

impl Checked {
    pub fn slot_count(&self) -> usize {
        self.facts.len() + self.derived.len()
    }

    pub fn slot_name(&self, slot: Slot) -> &str {
        let s = slot as usize;
        if s < self.facts.len() {
            &self.facts[s].name
        } else {
            &self.derived[s - self.facts.len()].name
        }
    }

    pub fn slot_ty(&self, slot: Slot) -> &Ty {
        let s = slot as usize;
        if s < self.facts.len() {
            &self.facts[s].ty
        } else {
            &self.derived[s - self.facts.len()].ty
        }
    }

    pub fn fact_slot(&self, name: &str) -> Option<Slot> {
        self.facts
            .iter()
            .position(|f| f.name == name)
            .map(|i| i as Slot)
    }

    pub fn slot_named(&self, name: &str) -> Option<Slot> {
        (0..self.slot_count() as Slot).find(|s| self.slot_name(*s) == name)
    }

    pub fn indicator_named(&self, name: &str) -> Option<IndId> {
        self.indicators
            .iter()
            .position(|i| i.name == name)
            .map(|i| i as IndId)
    }

    /// Whether some row of indicator `id` is scored by the assessor.
    pub fn has_pick(&self, id: IndId) -> bool {
        self.ind(id).rows.iter().any(|r| r.pick.is_some())
    }

    /// Whether scoring needs more than the input slots (target-table rows or
    /// assessors' scores), which only the reference evaluator reads.
    pub fn needs_more_than_slots(&self) -> bool {
        !self.tables.is_empty() || (0..self.indicators.len() as IndId).any(|i| self.has_pick(i))
    }

    /// Whether indicator `id` lies under a 择一 alternative the facts did
    /// not choose (`value`: an input slot's value, given or default). Such
    /// an indicator is excluded, so a target table there needs no rows.
    pub fn not_chosen(&self, id: IndId, value: impl Fn(Slot) -> Option<Value>) -> bool {
        let mut child = id;
        while let Some(p) = self.ind(child).parent {
            if let Some(slot) = self.ind(p).choice {
                let chosen = match value(slot) {
                    Some(Value::Enum(i)) => match self.slot_ty(slot) {
                        Ty::Enum(e) => self.enums[*e as usize].variants.get(i as usize),
                        _ => None,
                    },
                    _ => None,
                };
                if chosen.is_some_and(|v| *v != self.ind(child).name) {
                    return true;
                }
            }
            child = p;
        }
        false
    }

    /// An input's value in a fact set, or its declared default.
    pub fn given_or_default(&self, values: &[Option<Value>], slot: Slot) -> Option<Value> {
        values
            .get(slot as usize)
            .copied()
            .flatten()
            .or_else(|| self.facts.get(slot as usize).and_then(|f| f.default))
    }

    pub fn table_named(&self, name: &str) -> Option<&super::CTable> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub fn ind(&self, id: IndId) -> &Ind {
        &self.indicators[id as usize]
    }

    /// The input slots an expression reads, through definitions, each once
    /// in order of first use: the facts behind a value, for messages.
    pub fn inputs_read(&self, e: &CExpr) -> Vec<Slot> {
        fn go(c: &Checked, e: &CExpr, out: &mut Vec<Slot>) {
            let mut read = Vec::new();
            e.slots(&mut read);
            for s in read {
                let i = s as usize;
                if i < c.facts.len() {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                } else if let Some(d) = c.derived.get(i - c.facts.len()) {
                    go(c, &d.expr, out);
                }
            }
        }
        let mut out = Vec::new();
        go(self, e, &mut out);
        out
    }
}

#[derive(Clone, Debug)]
pub struct Grade {
    pub name: String,
    /// `None` for the catch-all band.
    pub min: Option<(Decimal, bool)>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumDecl {
    pub variants: Vec<String>,
    /// `{高 > 中 > 低}`: ordered, best first.
    pub ordered: bool,
}

#[derive(Clone, Debug)]
pub struct FactDecl {
    pub name: String,
    pub ty: Ty,
    pub default: Option<Value>,
    pub positive: bool,
    pub nonzero: bool,
    pub direction: Option<Direction>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Derived {
    pub name: String,
    pub expr: CExpr,
    pub ty: Ty,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Ind {
    pub name: String,
    pub kind: IndicatorKind,
    /// Weight (分值); for bonus and penalty indicators, the cap.
    pub weight: Decimal,
    pub parent: Option<IndId>,
    pub children: Vec<IndId>,
    pub rows: Vec<CRow>,
    pub vetoes: Vec<CExpr>,
    pub na: Option<CNa>,
    pub span: Span,
    pub head_span: Span,
    pub depth: u32,
    /// A target table scores this leaf from the facts' rows (it has no rows).
    pub table: Option<super::TableId>,
    /// `说明 …`: the 文本 inputs shown beside this indicator.
    pub notes: Vec<Slot>,
    /// `指标 甲 75%`: the percentage of the parent's points as written;
    /// `weight` is then those points × 75%, exactly.
    pub percent: Option<Decimal>,
    /// `择一 … 按 适用项`: the children are alternatives and this enumeration
    /// input says which applies (the others are excluded, weight conserved).
    pub choice: Option<Slot>,
}

impl Ind {
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

#[derive(Clone, Debug)]
pub struct CNa {
    pub when: CExpr,
    pub policy: CNaPolicy,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum CNaPolicy {
    Full,
    Exclude,
    Transfer(Vec<IndId>),
}

#[derive(Clone, Debug)]
pub struct CRow {
    pub cond: Option<CExpr>,
    pub result: CScoring,
    pub span: Span,
    /// `则 9-8` / `评审打分`: the assessor picks the score within [lo, hi]
    /// (the facts' `[评审打分]`); `result` is then the constant `hi`, the
    /// most the row can give, for the lints.
    pub pick: Option<(Decimal, Decimal)>,
}

#[derive(Clone, Debug)]
pub enum CScoring {
    Expr(CExpr),
    Deduction(Box<CDeduction>),
    Ratio {
        direction: Direction,
        actual: CExpr,
        target: CExpr,
    },
    Proportional(CExpr),
    Checklist(Box<CChecklist>),
    Match {
        subject: CExpr,
        arms: Vec<(EnumId, CExpr)>,
    },
    Qualitative(Box<CQualitative>),
}

#[derive(Clone, Debug)]
pub struct CDeduction {
    pub base: CExpr,
    pub subject: CExpr,
    /// The subject's unit, so the ledger can print the excess as people read it.
    pub subject_unit: Option<Unit>,
    pub over: bool,
    pub baseline: CExpr,
    pub step: CExpr,
    pub per_step: CExpr,
    pub mode: StepMode,
    pub floor_zero: bool,
}

#[derive(Clone, Debug)]
pub struct CChecklist {
    pub gain: bool,
    pub points: CExpr,
    /// Each item: its slot and whether it is a count of incidents (else a yes/no).
    pub items: Vec<(Slot, bool, Span)>,
    pub floor_zero: bool,
}

#[derive(Clone, Debug)]
pub struct CQualitative {
    pub tier: Slot,
    pub rate: Slot,
    /// Per variant of the tier's enumeration: (lo, lo inclusive, hi, hi inclusive).
    pub bands: Vec<Option<(Decimal, bool, Decimal, bool)>>,
    /// The bands are a declared 评分档's (`按 三档`), linted once at its
    /// declaration rather than at each row that uses it.
    pub shared: bool,
}

#[derive(Clone, Debug)]
pub struct CVeto {
    pub when: CExpr,
    pub effect: CVetoEffect,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum CVetoEffect {
    /// Index into `grades`.
    GradeCap(usize),
    TotalTo(Decimal),
}

#[derive(Clone, Debug)]
pub struct CExpr {
    pub kind: CKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum CKind {
    Const(Value),
    Slot(Slot),
    Neg(Box<CExpr>),
    Bin(BinOp, Box<CExpr>, Box<CExpr>),
    Cmp(Box<CExpr>, Vec<(CmpOp, CExpr)>),
    Between {
        x: Box<CExpr>,
        lo: Box<CExpr>,
        lo_incl: bool,
        hi: Box<CExpr>,
        hi_incl: bool,
    },
    And(Box<CExpr>, Box<CExpr>),
    Or(Box<CExpr>, Box<CExpr>),
    Not(Box<CExpr>),
    Call(Func, Vec<CExpr>),
}

impl CExpr {
    /// Every slot this expression reads.
    pub fn slots(&self, out: &mut Vec<Slot>) {
        match &self.kind {
            CKind::Const(_) => {}
            CKind::Slot(s) => out.push(*s),
            CKind::Neg(e) | CKind::Not(e) => e.slots(out),
            CKind::Bin(_, a, b) | CKind::And(a, b) | CKind::Or(a, b) => {
                a.slots(out);
                b.slots(out);
            }
            CKind::Cmp(a, rest) => {
                a.slots(out);
                for (_, e) in rest {
                    e.slots(out);
                }
            }
            CKind::Between { x, lo, hi, .. } => {
                x.slots(out);
                lo.slots(out);
                hi.slots(out);
            }
            CKind::Call(_, args) => {
                for a in args {
                    a.slots(out);
                }
            }
        }
    }

    /// Whether this expression reads `slot` and no other slot. Without the
    /// allocation of `slots`: it is asked of every constraint for every
    /// input a lint looks at.
    pub fn reads_only(&self, slot: Slot) -> bool {
        fn walk(e: &CExpr, slot: Slot, seen: &mut bool) -> bool {
            match &e.kind {
                CKind::Const(_) => true,
                CKind::Slot(s) => {
                    *seen = true;
                    *s == slot
                }
                CKind::Neg(a) | CKind::Not(a) => walk(a, slot, seen),
                CKind::Bin(_, a, b) | CKind::And(a, b) | CKind::Or(a, b) => {
                    walk(a, slot, seen) && walk(b, slot, seen)
                }
                CKind::Cmp(a, rest) => {
                    walk(a, slot, seen) && rest.iter().all(|(_, e)| walk(e, slot, seen))
                }
                CKind::Between { x, lo, hi, .. } => {
                    walk(x, slot, seen) && walk(lo, slot, seen) && walk(hi, slot, seen)
                }
                CKind::Call(_, args) => args.iter().all(|a| walk(a, slot, seen)),
            }
        }
        let mut seen = false;
        walk(self, slot, &mut seen) && seen
    }

    pub fn as_const(&self) -> Option<Value> {
        match &self.kind {
            CKind::Const(v) => Some(*v),
            _ => None,
        }
    }
}
