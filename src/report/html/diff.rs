//! Old vs new rubric over many units: the grade transition matrix, the
//! distribution of total changes, the attribution of indicator changes to
//! each rule edit, and the units whose grade changed.

use super::page::{esc, page};
use super::svg;
use super::words::H;
use crate::check::{show, Checked};
use crate::diag::{Lang, Word};
use crate::diff::{output::edit_text, Diff, Outcome, UnitDiff};
use rust_decimal::Decimal;
use std::fmt::Write;

fn scored(o: &Outcome) -> Option<(Decimal, &str)> {
    match o {
        Outcome::Scored { total, grade } => Some((*total, grade.as_str())),
        _ => None,
    }
}

pub fn diff_page(d: &Diff, old: &Checked, new: &Checked, lang: Lang) -> String {
    let p = old.rounding.places.max(new.rounding.places);
    let title = format!("{} → {} — {}", old.name, new.name, H::DiffReport.text(lang));
    let mut b = String::new();
    let both: Vec<(&UnitDiff, Decimal, &str, Decimal, &str)> = d
        .units
        .iter()
        .filter_map(|u| {
            let (ot, og) = scored(&u.old)?;
            let (nt, ng) = scored(&u.new)?;
            Some((u, ot, og, nt, ng))
        })
        .collect();
    let flipped: Vec<_> = both.iter().filter(|x| x.2 != x.4).collect();
    let _ = write!(
        b,
        "<header><h1>{}</h1><div class=\"meta\"><div><span>{}</span><b id=\"old-rubric\">{}</b></div><div><span>{}</span><b id=\"new-rubric\">{}</b></div><div><span>{}</span><b id=\"count\">{}</b></div><div><span>{}</span><b id=\"flips\" class=\"big\">{}</b></div></div></header>",
        esc(&title),
        H::OldRubric.text(lang),
        esc(&old.name),
        H::NewRubric.text(lang),
        esc(&new.name),
        Word::Units.text(lang),
        d.units.len(),
        Word::GradeFlips.text(lang),
        flipped.len()
    );
    let _ = write!(b, "<h2>{}</h2>", H::Transition.text(lang));
    b.push_str(&matrix(old, new, &both));
    let _ = write!(b, "<h2>{}</h2>", H::ChangeHist.text(lang));
    let deltas: Vec<Decimal> = both.iter().map(|x| x.3 - x.1).collect();
    b.push_str(&change_hist(&deltas));
    let _ = write!(b, "<h2>{}</h2>", H::Attribution.text(lang));
    b.push_str(&attribution(d, old, new, p, lang));
    let _ = write!(b, "<h2 id=\"flipped\">{}</h2>", H::GradeChanged.text(lang));
    if flipped.is_empty() {
        let _ = write!(b, "<p class=\"note\">{}</p>", H::NoGradeChanged.text(lang));
    } else {
        let _ = write!(
            b,
            "<table id=\"flip-table\" class=\"sortable\"><thead><tr><th>{}</th><th class=\"n\">{} {}</th><th>{} {}</th><th class=\"n\">{} {}</th><th>{} {}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
            Word::UnitName.text(lang),
            Word::Old.text(lang), Word::Total.text(lang),
            Word::Old.text(lang), Word::Grade.text(lang),
            Word::New.text(lang), Word::Total.text(lang),
            Word::New.text(lang), Word::Grade.text(lang),
            H::Change.text(lang),
            Word::Cause.text(lang),
        );
        for (u, ot, og, nt, ng) in flipped {
            let causes: Vec<String> = u
                .changes
                .iter()
                .flat_map(|c| c.causes.iter())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .map(|&i| edit_text(&d.edits[i], lang))
                .collect();
            let _ = write!(
                b,
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\" data-v=\"{}\">{}</td><td>{}</td></tr>",
                esc(&u.label),
                show::score(*ot, p),
                esc(og),
                show::score(*nt, p),
                esc(ng),
                (*nt - *ot).normalize(),
                signed(*nt - *ot, p),
                esc(&causes.join(if lang == Lang::Zh { "；" } else { "; " }))
            );
        }
        b.push_str("</tbody></table>");
    }
    let problems: Vec<&UnitDiff> = d
        .units
        .iter()
        .filter(|u| scored(&u.old).is_none() || scored(&u.new).is_none())
        .collect();
    if !problems.is_empty() {
        let _ = write!(
            b,
            "<h2 id=\"failed\">{}</h2><ul id=\"failed-list\">",
            H::FailedRows.text(lang)
        );
        for u in problems {
            for diag in crate::diff::output::problems(u) {
                let _ = write!(
                    b,
                    "<li>{} <code>{}</code> {}</li>",
                    esc(&u.label),
                    diag.code(),
                    esc(&diag.msg.text(lang))
                );
            }
        }
        b.push_str("</ul>");
    }
    let _ = write!(
        b,
        "<footer><p class=\"note\">{}</p></footer>",
        H::Generated.text(lang)
    );
    page(lang, &title, &b)
}

fn signed(d: Decimal, p: u32) -> String {
    if d > Decimal::ZERO {
        format!("+{}", show::score(d, p))
    } else {
        show::score(d, p)
    }
}

fn matrix(
    old: &Checked,
    new: &Checked,
    both: &[(&UnitDiff, Decimal, &str, Decimal, &str)],
) -> String {
    let mut s = String::from("<table id=\"transition\" class=\"matrix\"><thead><tr><th></th>");
    for g in &new.grades {
        let _ = write!(s, "<th class=\"n\">{}</th>", esc(&g.name));
    }
    s.push_str("</tr></thead><tbody>");
    for og in &old.grades {
        let _ = write!(s, "<tr><th>{}</th>", esc(&og.name));
        for ng in &new.grades {
            let n = both
                .iter()
                .filter(|x| x.2 == og.name && x.4 == ng.name)
                .count();
            let class = if n > 0 && og.name != ng.name {
                " hit"
            } else {
                ""
            };
            let _ = write!(
                s,
                "<td class=\"n{class}\" data-old=\"{}\" data-new=\"{}\">{n}</td>",
                esc(&og.name),
                esc(&ng.name)
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// Equal bins of a round width (0.1, 0.2, 0.5, 1, 2, 5 … points), at most
/// about 20, with zero marked.
fn change_hist(deltas: &[Decimal]) -> String {
    let min = deltas
        .iter()
        .copied()
        .min()
        .unwrap_or_default()
        .min(Decimal::ZERO);
    let max = deltas
        .iter()
        .copied()
        .max()
        .unwrap_or_default()
        .max(Decimal::ZERO);
    let range = max - min;
    let mut width = Decimal::new(1, 1);
    let steps = [Decimal::new(2, 0), Decimal::new(25, 1), Decimal::new(2, 0)];
    let mut k = 0;
    while range / width > Decimal::from(20) {
        width *= steps[k % 3];
        k += 1;
    }
    let lo = (min / width).floor() * width;
    let n = (((max - lo) / width).floor() + Decimal::ONE)
        .to_string()
        .parse::<usize>()
        .unwrap_or(1)
        .clamp(1, 400);
    let mut counts = vec![0u64; n];
    for d in deltas {
        let i = ((*d - lo) / width)
            .floor()
            .to_string()
            .parse::<usize>()
            .unwrap_or(0);
        counts[i.min(n - 1)] += 1;
    }
    svg::histogram(&svg::Hist {
        id: "change-hist",
        lo,
        width,
        counts: &counts,
        marks: &[(Decimal::ZERO, "0".into())],
    })
}

fn attribution(d: &Diff, old: &Checked, new: &Checked, p: u32, lang: Lang) -> String {
    let mut s = format!(
        "<table id=\"attribution\" class=\"sortable\"><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        H::EditedIndicator.text(lang),
        H::UnitsMoved.text(lang),
        H::PointsMoved.text(lang)
    );
    let row = |s: &mut String, what: &str, units: usize, points: Decimal| {
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"n\">{units}</td><td class=\"n\" data-v=\"{}\">{}</td></tr>",
            esc(what),
            points.normalize(),
            signed(points, p)
        );
    };
    let delta = |c: &crate::diff::Change| c.new.unwrap_or_default() - c.old.unwrap_or_default();
    // Only leaves count: a parent's change is the sum of its children's and
    // cites the same edits, so counting it too would count points twice.
    let leaf = |name: &str| {
        [new, old]
            .iter()
            .find_map(|c| c.indicator_named(name).map(|id| c.ind(id).is_leaf()))
            .unwrap_or(false)
    };
    fn leaves<'u>(u: &'u UnitDiff, leaf: &dyn Fn(&str) -> bool) -> Vec<&'u crate::diff::Change> {
        u.changes.iter().filter(|c| leaf(&c.indicator)).collect()
    }
    for (i, e) in d.edits.iter().enumerate() {
        let mut units = 0;
        let mut points = Decimal::ZERO;
        for u in &d.units {
            let hit: Vec<_> = leaves(u, &leaf)
                .into_iter()
                .filter(|c| c.causes.contains(&i))
                .collect();
            if !hit.is_empty() {
                units += 1;
            }
            points += hit.iter().map(|c| delta(c)).sum::<Decimal>();
        }
        row(&mut s, &edit_text(e, lang), units, points);
    }
    let (mut units, mut points) = (0, Decimal::ZERO);
    for u in &d.units {
        let hit: Vec<_> = leaves(u, &leaf)
            .into_iter()
            .filter(|c| c.causes.is_empty())
            .collect();
        units += usize::from(!hit.is_empty());
        points += hit.iter().map(|c| delta(c)).sum::<Decimal>();
    }
    if units > 0 {
        row(&mut s, Word::Unexplained.text(lang), units, points);
    }
    s.push_str("</tbody></table>");
    s
}
