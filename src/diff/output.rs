//! A diff as text (for people), JSON (for programs) and CSV (for a
//! spreadsheet: one row per unit).

use super::edits::{Edit, EditKind};
use super::{summary, Diff, Outcome, Summary, UnitDiff};
use crate::check::{show, Checked};
use crate::diag::{Diagnostic, Lang, Msg, Word};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::fmt::Write;

pub fn edit_text(e: &Edit, lang: Lang) -> String {
    let w = |x: Word| x.text(lang);
    let n = |d: Decimal| d.normalize().to_string();
    let (l, r) = if lang == Lang::Zh {
        ("（", "）")
    } else {
        (" (", ")")
    };
    let what = match &e.kind {
        EditKind::Weight { old, new } => {
            format!("{} {} → {}", w(Word::WeightChanged), n(*old), n(*new))
        }
        EditKind::Rules => w(Word::RulesChanged).to_string(),
        EditKind::Added => w(Word::IndicatorAdded).to_string(),
        EditKind::Removed => w(Word::IndicatorRemoved).to_string(),
        EditKind::Definition => w(Word::DefinitionChanged).to_string(),
        EditKind::Grades => return w(Word::GradesChanged).to_string(),
    };
    format!("{}{l}{what}{r}", e.name)
}

fn causes_text(d: &Diff, causes: &[usize], lang: Lang) -> String {
    if causes.is_empty() {
        return Word::Unexplained.text(lang).to_string();
    }
    causes
        .iter()
        .map(|&i| edit_text(&d.edits[i], lang))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "；" } else { "; " })
}

fn outcome(o: &Outcome, places: u32) -> (String, String) {
    match o {
        Outcome::Scored { total, grade } => (show::score(*total, places), grade.clone()),
        _ => ("-".into(), "-".into()),
    }
}

fn score_opt(d: Option<Decimal>, places: u32) -> String {
    d.map(|x| show::score(x, places))
        .unwrap_or_else(|| "-".into())
}

/// Problems scoring a unit (missing facts, errors), as diagnostics.
pub fn problems(u: &UnitDiff) -> Vec<Diagnostic> {
    [&u.old, &u.new]
        .into_iter()
        .filter_map(|o| match o {
            Outcome::Missing(names) => Some(Diagnostic::new(Msg::DiffMissingFacts {
                unit: u.label.clone(),
                names: names.join("、"),
            })),
            Outcome::Failed(d) => Some((**d).clone()),
            Outcome::Scored { .. } => None,
        })
        .collect()
}

pub fn text(d: &Diff, old: &Checked, new: &Checked, lang: Lang) -> String {
    let p = new.rounding.places.max(old.rounding.places);
    let w = |x: Word| x.text(lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}{}",
        w(Word::Cause),
        if lang == Lang::Zh { "：" } else { ":" }
    );
    for e in &d.edits {
        let _ = writeln!(s, "  {}", edit_text(e, lang));
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{}\t{}{sp}{}\t{}{sp}{}\t{}{sp}{}\t{}{sp}{}",
        w(Word::UnitName),
        w(Word::Old),
        w(Word::Total),
        w(Word::Old),
        w(Word::Grade),
        w(Word::New),
        w(Word::Total),
        w(Word::New),
        w(Word::Grade),
        sp = if lang == Lang::Zh { "" } else { " " }
    );
    for u in &d.units {
        let (ot, og) = outcome(&u.old, p);
        let (nt, ng) = outcome(&u.new, p);
        let flip = if u.flipped() { "  ←" } else { "" };
        let label = crate::diag::visible_line(&u.label);
        let _ = writeln!(s, "{label}\t{ot}\t{og}\t{nt}\t{ng}{flip}");
        for c in &u.changes {
            let _ = writeln!(
                s,
                "    {} {} → {}  {}：{}",
                c.indicator,
                score_opt(c.old, p),
                score_opt(c.new, p),
                w(Word::Cause),
                causes_text(d, &c.causes, lang)
            );
        }
    }
    let flips = d.units.iter().filter(|u| u.flipped()).count();
    let _ = writeln!(
        s,
        "\n{}{}{flips}",
        w(Word::GradeFlips),
        if lang == Lang::Zh { "：" } else { ": " }
    );
    let (a, b) = (summary(old, &d.units, false), summary(new, &d.units, true));
    let _ = writeln!(s, "\t{}\t{}", w(Word::Old), w(Word::New));
    let row =
        |label: &str, f: &dyn Fn(&Summary) -> String| format!("{label}\t{}\t{}\n", f(&a), f(&b));
    s += &row(w(Word::Units), &|x| x.count.to_string());
    s += &row(w(Word::Mean), &|x| score_opt(x.mean, p));
    s += &row(w(Word::Min), &|x| score_opt(x.min, p));
    s += &row(w(Word::Max), &|x| score_opt(x.max, p));
    let mut names: Vec<String> = a.grades.iter().map(|g| g.0.clone()).collect();
    names.extend(
        b.grades
            .iter()
            .map(|g| g.0.clone())
            .filter(|n| !a.grades.iter().any(|g| &g.0 == n)),
    );
    for g in names {
        let count = |x: &Summary| {
            x.grades
                .iter()
                .find(|y| y.0 == g)
                .map(|y| y.1.to_string())
                .unwrap_or_else(|| "-".into())
        };
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        s += &row(&format!("{}{colon}{g}", w(Word::Grade)), &count);
    }
    s
}

pub fn json(d: &Diff, old: &Checked, new: &Checked, lang: Lang) -> Value {
    let p = new.rounding.places.max(old.rounding.places);
    let side = |o: &Outcome| match o {
        Outcome::Scored { total, grade } => {
            json!({ "total": show::score(*total, p), "grade": grade })
        }
        Outcome::Missing(names) => json!({ "missing_facts": names }),
        Outcome::Failed(e) => json!({ "error": e.code(), "message": e.msg.text(lang) }),
    };
    let units: Vec<Value> = d
        .units
        .iter()
        .map(|u| {
            let changes: Vec<Value> = u
                .changes
                .iter()
                .map(|c| json!({ "indicator": c.indicator, "old": score_opt(c.old, p), "new": score_opt(c.new, p), "causes": c.causes.iter().map(|&i| edit_text(&d.edits[i], lang)).collect::<Vec<_>>() }))
                .collect();
            json!({ "unit": u.label, "old": side(&u.old), "new": side(&u.new), "grade_changed": u.flipped(), "changes": changes })
        })
        .collect();
    let sum = |s: Summary| {
        json!({ "count": s.count, "mean": score_opt(s.mean, p), "min": score_opt(s.min, p), "max": score_opt(s.max, p),
                "grades": s.grades.iter().map(|g| json!({ "grade": g.0, "count": g.1 })).collect::<Vec<_>>() })
    };
    json!({
        "edits": d.edits.iter().map(|e| edit_text(e, lang)).collect::<Vec<_>>(),
        "units": units,
        "grade_changes": d.units.iter().filter(|u| u.flipped()).count(),
        "summary": { "old": sum(summary(old, &d.units, false)), "new": sum(summary(new, &d.units, true)) },
    })
}

fn csv_field(s: &str) -> String {
    // Quoting and formula defusing shared with batch output.
    crate::report::csv::cell(s).into_owned()
}

pub fn csv(d: &Diff, old: &Checked, new: &Checked, lang: Lang) -> String {
    let p = new.rounding.places.max(old.rounding.places);
    let mut s =
        String::from("unit,old_total,old_grade,new_total,new_grade,grade_changed,changes\n");
    for u in &d.units {
        let (ot, og) = outcome(&u.old, p);
        let (nt, ng) = outcome(&u.new, p);
        let changes = u
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{} {}→{} ({})",
                    c.indicator,
                    score_opt(c.old, p),
                    score_opt(c.new, p),
                    causes_text(d, &c.causes, lang)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let fields = [
            u.label.clone(),
            ot,
            og,
            nt,
            ng,
            u.flipped().to_string(),
            changes,
        ];
        s += &fields
            .iter()
            .map(|f| csv_field(f))
            .collect::<Vec<_>>()
            .join(",");
        s.push('\n');
    }
    s
}
