//! One department's report: header, the official scorecard table, the
//! chart of points lost, the ledger per indicator (collapsed) and the
//! vetoes that fired.

use super::page::{esc, page};
use super::words::{lost_points, H};
use super::{actuals, bands, criteria, deciding_rule, level_name, lost, pts, svg, UnitRecord};
use crate::check::Checked;
use crate::diag::{Lang, SourceMap, Word};
use std::fmt::Write;

/// The whole page for one unit.
pub fn unit_page(c: &Checked, map: &SourceMap, rec: &UnitRecord, lang: Lang) -> String {
    let mut b = String::new();
    let name = rec.name(lang);
    let _ = write!(
        b,
        "<header><h1>{}</h1>{}</header>",
        esc(&title(c, &name, lang)),
        header(c, rec, lang)
    );
    b.push_str(&vetoes(rec, lang));
    b.push_str(&notes(rec, lang));
    let _ = write!(b, "<h2>{}</h2>", H::Scorecard.text(lang));
    b.push_str(&official_table(c, map, rec, lang));
    let _ = write!(b, "<h2>{}</h2>", H::LostChart.text(lang));
    b.push_str(&lost_chart(c, rec, lang));
    let _ = write!(b, "<h2>{}</h2>", H::LedgerTitle.text(lang));
    b.push_str(&ledger(c, rec, lang));
    let _ = write!(
        b,
        "<footer><p class=\"note\">{}</p></footer>",
        H::Generated.text(lang)
    );
    page(lang, &title(c, &name, lang), &b)
}

fn title(c: &Checked, unit: &str, lang: Lang) -> String {
    let sep = " — ";
    if unit.is_empty() {
        format!("{}{sep}{}", c.name, H::ScoreReport.text(lang))
    } else {
        format!("{unit}{sep}{}", H::ScoreReport.text(lang))
    }
}

/// Rubric, unit, year, total, grade and the grade bands.
pub(super) fn header(c: &Checked, rec: &UnitRecord, lang: Lang) -> String {
    let mut s = String::from("<div class=\"meta\">");
    let item = |s: &mut String, k: &str, v: &str, id: &str, big: bool| {
        let _ = write!(
            s,
            "<div><span>{}</span><b id=\"{id}\"{}>{}</b></div>",
            esc(k),
            if big { " class=\"big\"" } else { "" },
            esc(v)
        );
    };
    item(&mut s, H::Rubric.text(lang), &c.name, "rubric", false);
    let name = rec.name(lang);
    if !name.is_empty() {
        item(&mut s, H::Unit.text(lang), &name, "unit", false);
    }
    if let Some(y) = c.year {
        item(&mut s, Word::Year.text(lang), &y.to_string(), "year", false);
    }
    item(
        &mut s,
        Word::FullMarks.text(lang),
        &c.full_marks.normalize().to_string(),
        "full",
        false,
    );
    item(
        &mut s,
        Word::Total.text(lang),
        &pts(c, rec.total),
        "total",
        true,
    );
    if !rec.grade.is_empty() {
        item(&mut s, Word::Grade.text(lang), &rec.grade, "grade", true);
    }
    s.push_str("</div>");
    if !c.grades.is_empty() {
        let _ = write!(
            s,
            "<p class=\"note\" id=\"bands\">{}{}{}</p>",
            H::GradeBands.text(lang),
            Word::Colon.text(lang),
            esc(&bands(c, lang))
        );
    }
    s
}

pub(super) fn vetoes(rec: &UnitRecord, lang: Lang) -> String {
    if rec.vetoes.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "<div class=\"veto\" id=\"vetoes\"><b>{}</b><ul>",
        H::VetoesFired.text(lang)
    );
    for v in &rec.vetoes {
        let _ = write!(
            s,
            "<li>{} <span class=\"loc\">{}:{}</span></li>",
            esc(v["text"].as_str().unwrap_or("")),
            esc(v["file"].as_str().unwrap_or("")),
            v["line"]
        );
    }
    s.push_str("</ul></div>");
    s
}

/// The text facts (偏差原因, 说明…), as the department wrote them.
fn notes(rec: &UnitRecord, lang: Lang) -> String {
    if rec.notes.is_empty() {
        return String::new();
    }
    let mut s = format!("<h2>{}</h2><dl id=\"notes\">", H::Notes.text(lang));
    for (name, text) in &rec.notes {
        let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", esc(name), esc(text));
    }
    s.push_str("</dl>");
    s
}

/// 一级/二级/三级指标, 分值, 评分标准, 实际完成值, 得分, 扣分原因.
fn official_table(c: &Checked, map: &SourceMap, rec: &UnitRecord, lang: Lang) -> String {
    let mut s = String::from("<table id=\"scorecard\" class=\"scorecard\"><thead><tr>");
    for h in [
        H::Level1.text(lang),
        H::Level2.text(lang),
        H::Level3.text(lang),
        Word::Weight.text(lang),
        H::Criteria.text(lang),
        H::Actual.text(lang),
        Word::Score.text(lang),
        H::DeductReason.text(lang),
    ] {
        let _ = write!(s, "<th>{h}</th>");
    }
    s.push_str("</tr></thead><tbody>");
    for (id, depth) in super::super::walk(c) {
        let ind = c.ind(id);
        let score = rec.scores[id as usize];
        let lost = lost(c, rec, id);
        let lost_any = lost.is_some_and(|l| !l.is_zero());
        let class = match (ind.is_leaf(), lost_any) {
            (false, _) => " class=\"parent\"",
            (true, true) => " class=\"lost\"",
            _ => "",
        };
        let _ = write!(s, "<tr{class} data-ind=\"{}\">", esc(&ind.name));
        let name = level_name(c, id, depth);
        for col in 0..3 {
            let here = depth.min(2) == col;
            let _ = write!(s, "<td>{}</td>", if here { esc(&name) } else { "".into() });
        }
        let _ = write!(
            s,
            "<td class=\"n\">{}</td><td class=\"rule\">{}</td><td>{}</td><td class=\"n s\">{}</td>",
            super::super::weight_shown(ind, lang),
            esc(&criteria(c, map, id)),
            esc(&actuals(c, rec, id).join("\n")).replace('\n', "<br>"),
            pts(c, score)
        );
        let reason = match (ind.is_leaf() && lost_any, lost) {
            (true, Some(l)) => {
                let rule = deciding_rule(rec, id).unwrap_or_default();
                format!("{}<br>{}", esc(&rule), esc(&lost_points(lang, &pts(c, l))))
            }
            _ => String::new(),
        };
        let _ = write!(s, "<td>{reason}</td></tr>");
        s.push_str(&target_rows(rec, id, depth, lang));
    }
    let _ = write!(
        s,
        "</tbody><tfoot><tr><td colspan=\"3\"><b>{}</b></td><td class=\"n\">{}</td><td></td><td></td><td class=\"n\"><b>{}</b></td><td>{}</td></tr></tfoot></table>",
        Word::Total.text(lang),
        c.full_marks.normalize(),
        pts(c, rec.total),
        esc(&rec.grade)
    );
    s
}

/// A target table's rows under its indicator, one level deeper: name and
/// 指标性质, points, 目标值 / 实际完成值 / 偏差原因, score.
fn target_rows(rec: &UnitRecord, id: u32, depth: usize, lang: Lang) -> String {
    let mut s = String::new();
    let rows = rec.rows.get(id as usize).map_or(&[][..], Vec::as_slice);
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(s, "<tr class=\"target-row\" data-row=\"{}\">", i + 1);
        let col = (depth + 1).min(2);
        let label = esc(&super::super::rows::label(r)).to_string();
        for c in 0..3 {
            let _ = write!(s, "<td>{}</td>", if c == col { &label[..] } else { "" });
        }
        let _ = write!(
            s,
            "<td class=\"n\">{}</td><td class=\"rule\"></td><td>{}</td><td class=\"n s\">{}</td><td></td></tr>",
            super::super::rows::weight(r),
            esc(&super::super::rows::detail(r, lang)),
            super::super::rows::score(r)
        );
    }
    s
}

/// The leaves that lost points, most first.
pub(super) fn lost_items(
    c: &Checked,
    rec: &UnitRecord,
) -> Vec<(String, rust_decimal::Decimal, String)> {
    let mut items: Vec<_> = (0..c.indicators.len() as u32)
        .filter(|&id| c.ind(id).is_leaf())
        .filter_map(|id| Some((id, lost(c, rec, id)?)))
        .filter(|(_, l)| !l.is_zero())
        .map(|(id, l)| (c.ind(id).name.clone(), l, pts(c, l)))
        .collect();
    items.sort_by_key(|i| std::cmp::Reverse(i.1));
    items
}

fn lost_chart(c: &Checked, rec: &UnitRecord, lang: Lang) -> String {
    let items = lost_items(c, rec);
    if items.is_empty() {
        return format!(
            "<p id=\"lost-chart\" class=\"note\">{}</p>",
            H::NothingLost.text(lang)
        );
    }
    svg::bars("lost-chart", &items)
}

/// One collapsed block per leaf: every ledger entry in order.
pub(super) fn ledger(c: &Checked, rec: &UnitRecord, lang: Lang) -> String {
    let mut s = String::from("<div id=\"ledger\">");
    for (id, _) in super::super::walk(c) {
        let ind = c.ind(id);
        let Some(entries) = rec.entries(id) else {
            continue;
        };
        if !ind.is_leaf() {
            continue;
        }
        let _ = write!(
            s,
            "<details data-ind=\"{}\"><summary>{} — {} {} / {} {}</summary><ul>",
            esc(&ind.name),
            esc(&ind.name),
            Word::Score.text(lang),
            pts(c, rec.scores[id as usize]),
            Word::Weight.text(lang),
            super::super::weight_shown(ind, lang)
        );
        for e in entries {
            s.push_str(&entry(e, lang));
        }
        s.push_str("</ul></details>");
    }
    s.push_str("</div>");
    s
}

fn entry(e: &serde_json::Value, lang: Lang) -> String {
    let t = |k: &str| esc(e[k].as_str().unwrap_or("")).into_owned();
    let loc = || format!("<span class=\"loc\">{}:{}</span>", t("file"), e["line"]);
    let step = |w: &str| match w {
        "base" => Word::Base,
        "excess" => Word::Excess,
        "steps" => Word::Steps,
        "deducted" => Word::Deducted,
        "rate" => Word::RateStep,
        "items" => Word::Items,
        _ => Word::FloorAtZero,
    };
    let (class, body) = match e["kind"].as_str().unwrap_or("") {
        "row" if e["fired"] == true => (
            "fire",
            format!("{} {} {}", Word::RowFired.text(lang), loc(), t("text")),
        ),
        "row" => (
            "skip",
            format!("{} {} {}", Word::RowSkipped.text(lang), loc(), t("text")),
        ),
        "fact" => (
            "",
            format!("{} {} = {}", Word::Fact.text(lang), t("name"), t("shown")),
        ),
        "derived" => (
            "",
            format!(
                "{} {} = {} = {}",
                Word::Derived.text(lang),
                t("name"),
                t("expr"),
                t("shown")
            ),
        ),
        "not_applicable" => (
            "fire",
            format!("{} {} {}", Word::NotApplicable.text(lang), loc(), t("text")),
        ),
        "vetoed" => (
            "fire",
            format!("{} {} {}", Word::Vetoed.text(lang), loc(), t("text")),
        ),
        "step" => (
            "",
            format!(
                "{} {}{}",
                step(e["what"].as_str().unwrap_or("")).text(lang),
                t("value"),
                match t("unit").as_str() {
                    "" => String::new(),
                    "%" => "%".to_string(),
                    u => format!(" {u}"),
                }
            ),
        ),
        "unrounded" => {
            let shown = match e["fraction"].as_str() {
                // The same words as the text ledger: ≈ four places, then n/d.
                Some(f) => {
                    let v = t("value").parse::<rust_decimal::Decimal>().ok();
                    let approx = v.map(|v| v.round_dp(4).normalize().to_string());
                    format!(
                        "≈{}{}= {}{}",
                        approx.unwrap_or_else(|| t("value")),
                        Word::ParenOpen.text(lang),
                        esc(f),
                        Word::ParenClose.text(lang)
                    )
                }
                None => t("value"),
            };
            ("", format!("{} {shown}", Word::Raw.text(lang)))
        }
        "rounded" => ("", format!("{} {}", Word::Rounded.text(lang), t("value"))),
        "transferred" => (
            "",
            format!(
                "{}（{} → {}）{} {}",
                Word::Transferred.text(lang),
                t("from"),
                t("weight"),
                Word::Score.text(lang),
                t("score")
            ),
        ),
        "capped" => ("", format!("{} {}", Word::Capped.text(lang), t("value"))),
        _ => ("", String::new()),
    };
    if class.is_empty() {
        format!("<li>{body}</li>")
    } else {
        format!("<li class=\"{class}\">{body}</li>")
    }
}
