//! Grade bands over [0, full marks]. Bands written as thresholds (`优 >=
//! 90`) meet by construction; bands written as ranges (`良 80（含）至 89（含）`,
//! as documents do) may leave totals without a grade — an error, since
//! every total must get one — or overlap, where the higher band is given.

use super::{Checked, Checker};
use crate::diag::{Diagnostic, Msg};
use crate::syntax::ast::{GradeBand, IndicatorKind};
use rust_decimal::Decimal;

fn show(d: Decimal) -> String {
    d.normalize().to_string()
}

pub(super) fn run(cx: &mut Checker, c: &Checked, bands: &[GradeBand]) {
    if let Some(last) = c.grades.last() {
        if let Some((m, incl)) = last.min {
            if m > Decimal::ZERO || (m.is_zero() && !incl) {
                cx.error(
                    Diagnostic::new(Msg::GradeGap {
                        from: "0".into(),
                        to: show(m),
                    })
                    .at(last.span),
                );
            }
        }
    }
    ranges(cx, c, bands);
    // A bonus can lift a total above the full marks.
    let bonus = c
        .roots
        .iter()
        .any(|&r| c.ind(r).kind == IndicatorKind::Bonus);
    if bonus {
        return;
    }
    for g in &c.grades {
        if let Some((m, incl)) = g.min {
            if m > c.full_marks || (m == c.full_marks && !incl) {
                let msg = Msg::GradeUnreachable {
                    grade: g.name.clone(),
                    min: show(m),
                    full: show(c.full_marks),
                };
                cx.error(Diagnostic::new(msg).at(g.span));
            }
        }
    }
}

/// Each range band's upper end against the band above it (bands run from
/// the top down), and the top band's against the full marks.
fn ranges(cx: &mut Checker, c: &Checked, bands: &[GradeBand]) {
    for (i, b) in bands.iter().enumerate() {
        let Some((hi, hi_incl)) = b.max.as_ref().map(|(d, incl)| (d.node, *incl)) else {
            continue;
        };
        let above = if i == 0 {
            Some((c.full_marks, true, None))
        } else {
            bands[i - 1]
                .min
                .as_ref()
                .map(|(d, incl)| (d.node, *incl, Some(&bands[i - 1])))
        };
        let Some((m, m_incl, higher)) = above else {
            continue;
        };
        let gap = hi < m || (hi == m && !hi_incl && !m_incl);
        if i == 0 {
            // Above the top band only totals beyond the full marks remain.
            if hi < m || (hi == m && !hi_incl) {
                cx.error(
                    Diagnostic::new(Msg::GradeRangeGap {
                        from: show(hi),
                        to: show(m),
                    })
                    .at(b.span),
                );
            }
        } else if gap {
            cx.error(
                Diagnostic::new(Msg::GradeRangeGap {
                    from: show(hi),
                    to: show(m),
                })
                .at(b.span),
            );
        } else if hi > m || (hi_incl && m_incl) {
            let higher = higher.map(|h| h.name.node.clone()).unwrap_or_default();
            let msg = Msg::GradeRangeOverlap {
                value: show(m),
                higher,
                lower: b.name.node.clone(),
            };
            cx.error(Diagnostic::new(msg).at(b.span));
        }
    }
}
