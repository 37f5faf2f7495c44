//! A diff as text (for people), JSON (for programs) and CSV (for a
//! spreadsheet: one row per unit).

use super::edits::{Edit, EditKind};
use super::stream::Totals;
use super::{Diff, Outcome, Summary, UnitDiff};
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
        EditKind::Weight {
            old,
            new,
            old_percent,
            new_percent,
        } => {
            // Points, and the share of the parent they were written as.
            let shown = |d: Decimal, p: &Option<Decimal>| match p {
                Some(p) => format!("{}{l}{}%{r}", n(d), p.normalize()),
                None => n(d),
            };
            let (o, nw) = (shown(*old, old_percent), shown(*new, new_percent));
            format!("{} {o} → {nw}", w(Word::WeightChanged))
        }
        EditKind::Rules => w(Word::RulesChanged).to_string(),
        EditKind::Added => w(Word::IndicatorAdded).to_string(),
        EditKind::Removed => w(Word::IndicatorRemoved).to_string(),
        EditKind::Definition => w(Word::DefinitionChanged).to_string(),
        EditKind::Grades => return w(Word::GradesChanged).to_string(),
    };
    format!("{}{l}{what}{r}", e.name)
}

fn causes_text(edits: &[Edit], causes: &[usize], lang: Lang) -> String {
    if causes.is_empty() {
        return Word::Unexplained.text(lang).to_string();
    }
    causes
        .iter()
        .map(|&i| edit_text(&edits[i], lang))
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
    // A bad cell both rubrics read alike (same message, same place in the
    // data) is one error, not two: told once, with both declarations.
    if let (Outcome::Failed(a), Outcome::Failed(b)) = (&u.old, &u.new) {
        if a.msg == b.msg && a.span == b.span && a.span.is_some() {
            let mut d = (**a).clone();
            for l in &b.labels {
                if !d.labels.contains(l) {
                    d.labels.push(l.clone());
                }
            }
            let d = d
                .note(crate::diag::Note::BothRubrics)
                .note(crate::diag::Note::Value {
                    name: "单位".to_string(),
                    value: u.label.clone(),
                });
            return vec![d];
        }
    }
    [&u.old, &u.new]
        .into_iter()
        .filter_map(|o| match o {
            Outcome::Missing(names) => Some(Diagnostic::new(Msg::DiffMissingFacts {
                unit: u.label.clone(),
                names: names.join("、"),
            })),
            // An error may point into the rubric, not the data: say whose it
            // is, as the data's own key (`单位 = 某镇文化站`) in either language.
            Outcome::Failed(d) => Some((**d).clone().note(crate::diag::Note::Value {
                name: "单位".to_string(),
                value: u.label.clone(),
            })),
            Outcome::Scored { .. } => None,
        })
        .collect()
}

pub fn text(d: &Diff, old: &Checked, new: &Checked, lang: Lang) -> String {
    let mut s = text_head(&d.edits, lang);
    for u in &d.units {
        s += &text_unit(&d.edits, u, places(old, new), lang);
    }
    s + &text_tail(&totals(d, old, new), places(old, new), lang)
}

/// The places both rubrics' scores are shown with.
pub fn places(old: &Checked, new: &Checked) -> u32 {
    new.rounding.places.max(old.rounding.places)
}

/// The totals of a diff held whole (a streamed one adds them up as it goes).
pub fn totals(d: &Diff, old: &Checked, new: &Checked) -> Totals {
    let mut t = Totals::new(old, new);
    d.units.iter().for_each(|u| t.add(u));
    t
}

/// The text before the units: the edits, then the table's header.
pub fn text_head(edits: &[Edit], lang: Lang) -> String {
    let w = |x: Word| x.text(lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}{}",
        w(Word::Cause),
        if lang == Lang::Zh { "：" } else { ":" }
    );
    for e in edits {
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
    s
}

/// One unit's line, and a line per changed indicator score.
pub fn text_unit(edits: &[Edit], u: &UnitDiff, p: u32, lang: Lang) -> String {
    let w = |x: Word| x.text(lang);
    let mut s = String::new();
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
            causes_text(edits, &c.causes, lang)
        );
    }
    s
}

/// The text after the units: grade flips and both sides' summaries.
pub fn text_tail(t: &Totals, p: u32, lang: Lang) -> String {
    let w = |x: Word| x.text(lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{}{}{}",
        w(Word::GradeFlips),
        if lang == Lang::Zh { "：" } else { ": " },
        t.flips
    );
    let (a, b) = (t.old.summary(), t.new.summary());
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
    let p = places(old, new);
    let units: Vec<Value> = d
        .units
        .iter()
        .map(|u| json_unit(&d.edits, u, p, lang))
        .collect();
    let t = totals(d, old, new);
    json!({
        "edits": d.edits.iter().map(|e| edit_text(e, lang)).collect::<Vec<_>>(),
        "units": units,
        "grade_changes": t.flips,
        "summary": json_summary(&t, p),
    })
}

/// One unit as the JSON output's `units` lists it.
pub fn json_unit(edits: &[Edit], u: &UnitDiff, p: u32, lang: Lang) -> Value {
    let side = |o: &Outcome| match o {
        Outcome::Scored { total, grade } => {
            json!({ "total": show::score(*total, p), "grade": grade })
        }
        Outcome::Missing(names) => json!({ "missing_facts": names }),
        Outcome::Failed(e) => json!({ "error": e.code(), "message": e.msg.text(lang) }),
    };
    let changes: Vec<Value> = u
        .changes
        .iter()
        .map(|c| json!({ "indicator": c.indicator, "old": score_opt(c.old, p), "new": score_opt(c.new, p), "causes": c.causes.iter().map(|&i| edit_text(&edits[i], lang)).collect::<Vec<_>>() }))
        .collect();
    json!({ "unit": u.label, "old": side(&u.old), "new": side(&u.new), "grade_changed": u.flipped(), "changes": changes })
}

fn json_summary(t: &Totals, p: u32) -> Value {
    let sum = |s: Summary| {
        json!({ "count": s.count, "mean": score_opt(s.mean, p), "min": score_opt(s.min, p), "max": score_opt(s.max, p),
                "grades": s.grades.iter().map(|g| json!({ "grade": g.0, "count": g.1 })).collect::<Vec<_>>() })
    };
    json!({ "old": sum(t.old.summary()), "new": sum(t.new.summary()) })
}

/// `v` pretty-printed as it is inside an object or array `depth` levels
/// deep (every line after the first indented by two spaces a level), so
/// that the parts written one by one make the text `to_string_pretty`
/// gives the whole (its strings hold no raw line breaks).
pub(super) fn nested(v: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

/// The JSON output streamed: the text before the units.
pub fn json_head(edits: &[Edit], lang: Lang) -> String {
    let e: Value = edits
        .iter()
        .map(|e| Value::String(edit_text(e, lang)))
        .collect();
    format!("{{\n  \"edits\": {},\n  \"units\": [", nested(&e, 1))
}

/// One unit of the streamed JSON output; `first` for the first unit.
pub fn json_next(edits: &[Edit], u: &UnitDiff, p: u32, lang: Lang, first: bool) -> String {
    let lead = if first { "\n    " } else { ",\n    " };
    format!("{lead}{}", nested(&json_unit(edits, u, p, lang), 2))
}

/// The streamed JSON output after the units.
pub fn json_tail(t: &Totals, p: u32) -> String {
    let close = if t.units > 0 { "\n  ]" } else { "]" };
    format!(
        "{close},\n  \"grade_changes\": {},\n  \"summary\": {}\n}}\n",
        t.flips,
        nested(&json_summary(t, p), 1)
    )
}

fn csv_field(s: &str) -> String {
    // Quoting and formula defusing shared with batch output.
    crate::report::csv::cell(s).into_owned()
}

/// The CSV output's header row.
pub const CSV_HEAD: &str = "unit,old_total,old_grade,new_total,new_grade,grade_changed,changes\n";

pub fn csv(d: &Diff, old: &Checked, new: &Checked, lang: Lang) -> String {
    let p = places(old, new);
    let mut s = String::from(CSV_HEAD);
    for u in &d.units {
        s += &csv_row(&d.edits, u, p, lang);
    }
    s
}

/// One unit's CSV row.
pub fn csv_row(edits: &[Edit], u: &UnitDiff, p: u32, lang: Lang) -> String {
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
                causes_text(edits, &c.causes, lang)
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
    let mut s = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    s.push('\n');
    s
}
