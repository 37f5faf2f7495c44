//! Ordered levels and reusable bands (issue 11 item 5).
//!
//! `{高 > 中 > 低}` declares an enumeration whose levels are ordered, best
//! first. A comparison such as `等级 ≥ 中` is rewritten here, at check time,
//! into the equalities it means (`等级 = 高 或 等级 = 中`), so both evaluators
//! and every case-analysis lint (W203's gaps, W204's dead rows) see only the
//! core semantics they already know.
//!
//! `评分档 三档：…` declares a set of qualitative bands once; a 定性 row that
//! says `按 三档` is checked with those bands as if it had written them.

use super::{CExpr, CKind, Checker, EnumId};
use crate::diag::{did_you_mean, Diagnostic, Msg, Note};
use crate::num::Value;
use crate::syntax::ast::{self, CmpOp};
use crate::syntax::Span;

/// Whether `op` asks for an order (not only equality).
pub(super) fn is_ordering(op: CmpOp) -> bool {
    matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge)
}

/// Whether level `i` stands in relation `op` to level `j`, where a smaller
/// index is a better level (`高 > 中` because 高 is listed first).
fn holds(op: CmpOp, i: usize, j: usize) -> bool {
    match op {
        CmpOp::Gt => i < j,
        CmpOp::Ge => i <= j,
        CmpOp::Lt => i > j,
        CmpOp::Le => i >= j,
        CmpOp::Eq => i == j,
        CmpOp::Ne => i != j,
    }
}

impl Checker {
    /// Two enumerations whose values compare: the same declaration, or two
    /// ordered ones with the same levels in the same order (`今年`, `去年`
    /// each declared `{优 > 良 > 差}`), whose indices then mean the same.
    pub(super) fn same_levels(&self, x: EnumId, y: EnumId) -> bool {
        let (a, b) = (&self.enums[x as usize], &self.enums[y as usize]);
        x == y || (a.ordered && b.ordered && a.variants == b.variants)
    }

    /// `a op b` between two values of enumeration `e`. For an ordered
    /// enumeration: the equivalent disjunction of equalities. For an
    /// unordered one: E137 with the fix, and `None`.
    pub(super) fn ordered_compare(
        &mut self,
        a: &CExpr,
        op: CmpOp,
        b: &CExpr,
        e: EnumId,
        span: Span,
    ) -> Option<CExpr> {
        let info = &self.enums[e as usize];
        if !info.ordered {
            let ty = self.ty_name(&super::Ty::Enum(e));
            self.error(
                Diagnostic::new(Msg::UnorderedComparison {
                    op: op.symbol().into(),
                    ty,
                })
                .at(span),
            );
            return None;
        }
        let n = info.variants.len();
        let level = |x: &CExpr| match x.as_const() {
            Some(Value::Enum(i)) => Some(i as usize),
            _ => None,
        };
        Some(match (level(a), level(b)) {
            (_, Some(j)) => one_of(a, (0..n).filter(|&i| holds(op, i, j)), span),
            (Some(i), None) => one_of(b, (0..n).filter(|&j| holds(op, i, j)), span),
            // Two variables: for each level of `a`, the levels `b` may have.
            (None, None) => {
                let mut out: Option<CExpr> = None;
                for i in 0..n {
                    let bs: Vec<usize> = (0..n).filter(|&j| holds(op, i, j)).collect();
                    if bs.is_empty() {
                        continue;
                    }
                    let both = CExpr {
                        kind: CKind::And(
                            Box::new(equals(a, i, span)),
                            Box::new(one_of(b, bs.into_iter(), span)),
                        ),
                        span,
                    };
                    out = Some(or(out, both, span));
                }
                out.unwrap_or_else(|| constant(false, span))
            }
        })
    }

    /// `评分档 …`: each name once; the bands are checked where they are used.
    pub(super) fn declare_band_sets(&mut self, sets: &[ast::BandSet]) {
        for s in sets {
            if let Some((prev, _)) = self
                .band_sets
                .iter()
                .find(|(p, _)| p.name.node == s.name.node)
            {
                let first = prev.name.span;
                self.error(
                    Diagnostic::new(Msg::DuplicateName {
                        name: s.name.node.clone(),
                    })
                    .at(s.name.span)
                    .label(first, Note::FirstDefinedHere),
                );
                continue;
            }
            self.band_sets.push((s.clone(), false));
        }
    }

    /// The bands of a 定性 row: its own, or those of the 评分档 it names
    /// (`None` after reporting an unknown name, E136).
    pub(super) fn row_bands(&mut self, q: &ast::Qualitative) -> Option<Vec<ast::QualBand>> {
        match &q.uses {
            None => Some(q.bands.clone()),
            Some(name) => self.band_set(name),
        }
    }

    /// The bands of the 评分档 `name`, marking it used (W216 then stays
    /// quiet; a set used only by target tables counts as used). An unknown
    /// name is E136 with "did you mean", and `None`.
    pub(super) fn band_set(&mut self, name: &ast::Ident) -> Option<Vec<ast::QualBand>> {
        match self
            .band_sets
            .iter_mut()
            .find(|(s, _)| s.name.node == name.node)
        {
            Some((set, used)) => {
                *used = true;
                Some(set.bands.clone())
            }
            None => {
                let mut d = Diagnostic::new(Msg::UnknownBandSet {
                    name: name.node.clone(),
                })
                .at(name.span);
                let names = self.band_sets.iter().map(|(s, _)| s.name.node.as_str());
                if let Some(s) = did_you_mean(&name.node, names) {
                    // The set meant is not also reported as unused (W216).
                    if let Some((_, used)) =
                        self.band_sets.iter_mut().find(|(b, _)| b.name.node == s)
                    {
                        *used = true;
                    }
                    d = d.note(Note::DidYouMean(s));
                }
                self.error(d);
                None
            }
        }
    }

    /// W216: a declared band set no row uses.
    pub(super) fn unused_band_sets(&mut self) {
        let unused: Vec<(String, Span)> = self
            .band_sets
            .iter()
            .filter(|(_, used)| !used)
            .map(|(s, _)| (s.name.node.clone(), s.name.span))
            .collect();
        for (name, span) in unused {
            self.error(Diagnostic::new(Msg::BandSetUnused { name }).at(span));
        }
    }
}

fn constant(b: bool, span: Span) -> CExpr {
    CExpr {
        kind: CKind::Const(Value::Bool(b)),
        span,
    }
}

fn equals(x: &CExpr, level: usize, span: Span) -> CExpr {
    let v = CExpr {
        kind: CKind::Const(Value::Enum(level as u16)),
        span,
    };
    CExpr {
        kind: CKind::Cmp(Box::new(x.clone()), vec![(CmpOp::Eq, v)]),
        span,
    }
}

fn or(acc: Option<CExpr>, next: CExpr, span: Span) -> CExpr {
    match acc {
        None => next,
        Some(a) => CExpr {
            kind: CKind::Or(Box::new(a), Box::new(next)),
            span,
        },
    }
}

/// `x = l₁ 或 x = l₂ …`; false when no level qualifies (`等级 > 高`).
fn one_of(x: &CExpr, levels: impl Iterator<Item = usize>, span: Span) -> CExpr {
    let mut out = None;
    for l in levels {
        out = Some(or(out, equals(x, l, span), span));
    }
    out.unwrap_or_else(|| constant(false, span))
}
