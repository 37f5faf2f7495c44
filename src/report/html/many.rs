//! Many units: the distribution of totals with the grade bands, grade
//! counts, mean points lost per indicator, a sortable and filterable table
//! of units each linked to its scorecard, and the rows that failed.
//!
//! The units arrive as `batch` JSON Lines records through [`Collector`], a
//! `Write` sink that keeps what the report needs and nothing else.

use super::page::{esc, page};
use super::words::{counts, large_note, H};
use super::{actuals, lost, pts, svg, UnitRecord};
use crate::check::Checked;
use crate::diag::{Lang, SourceMap, Word};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value as J;
use std::fmt::Write;

/// Above this many scored units the report lists only the top and bottom.
pub const LARGE: usize = 2000;
/// How many at each end a large report lists.
pub const SHOWN: usize = 50;

/// A row that did not score.
#[derive(Clone, Debug)]
pub struct Failed {
    pub row: Option<u64>,
    pub unit: Option<String>,
    pub code: String,
    pub column: Option<String>,
    pub message: String,
}

/// Reads `batch --format jsonl` output as it is written.
pub struct Collector<'c> {
    c: &'c Checked,
    pending: Vec<u8>,
    pub units: Vec<UnitRecord>,
    pub failed: Vec<Failed>,
}

impl<'c> Collector<'c> {
    pub fn new(c: &'c Checked) -> Collector<'c> {
        Collector {
            c,
            pending: Vec::new(),
            units: Vec::new(),
            failed: Vec::new(),
        }
    }

    fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let v: J = serde_json::from_slice(line).map_err(std::io::Error::other)?;
        if let Some(e) = v.get("error") {
            let s = |x: &J| x.as_str().map(str::to_string);
            self.failed.push(Failed {
                row: v.get("row").and_then(J::as_u64),
                unit: v.get("unit").and_then(s),
                code: e.get("code").and_then(s).unwrap_or_default(),
                column: e.get("column").and_then(s),
                message: e.get("message").and_then(s).unwrap_or_default(),
            });
            return Ok(());
        }
        // A unit with facts marked unknown has ranges, which the page has no
        // place for: listed with the failures (E413), not dropped.
        if v.get("total_min").is_some() {
            let s = |x: &J| x.as_str().map(str::to_string);
            let msg = crate::diag::Msg::PartialNoRanges {
                output: "HTML".into(),
            };
            self.failed.push(Failed {
                row: v.get("row").and_then(J::as_u64),
                unit: v.get("unit").and_then(s),
                code: msg.code().to_string(),
                column: None,
                message: msg.text(crate::diag::Lang::Zh),
            });
            return Ok(());
        }
        match UnitRecord::from_json(self.c, &v) {
            Some(r) => {
                self.units.push(r);
                Ok(())
            }
            // The batch writer and this reader disagree: an internal bug, not a lost row.
            None => Err(std::io::Error::other(format!(
                "internal error: batch record does not fit the rubric: {v}"
            ))),
        }
    }

    /// Take the ledgers of a second (explained) run, matched by row.
    pub fn attach_ledgers(&mut self, explained: Collector) {
        let mut by_row: std::collections::HashMap<u64, UnitRecord> = explained
            .units
            .into_iter()
            .filter_map(|u| Some((u.row?, u)))
            .collect();
        for u in &mut self.units {
            if let Some(e) = u.row.and_then(|r| by_row.remove(&r)) {
                u.ledger = e.ledger;
                u.vetoes = e.vetoes;
            }
        }
    }
}

impl std::io::Write for Collector<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut start = 0;
        while let Some(n) = self.pending[start..].iter().position(|&b| b == b'\n') {
            let line = self.pending[start..start + n].to_vec();
            self.line(&line)?;
            start += n + 1;
        }
        self.pending.drain(..start);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.line(&rest)
    }
}

pub struct ManyOptions<'a> {
    pub lang: Lang,
    /// The data file, named in the header.
    pub source: &'a str,
}

fn mean(sum: Decimal, n: usize) -> Decimal {
    if n == 0 {
        return Decimal::ZERO;
    }
    sum.checked_div(Decimal::from(n as u64))
        .unwrap_or(Decimal::ZERO)
}

fn shown2(d: Decimal) -> String {
    let r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let mut r = r;
    r.rescale(2);
    if r == d {
        r.to_string()
    } else {
        format!("≈{r}")
    }
}

pub fn many_page(
    c: &Checked,
    map: &SourceMap,
    units: &[UnitRecord],
    failed: &[Failed],
    o: &ManyOptions,
) -> String {
    let lang = o.lang;
    let title = format!("{} — {}", c.name, H::ManyReport.text(lang));
    let mut b = String::new();
    let _ = write!(b, "<header><h1>{}</h1><div class=\"meta\">", esc(&title));
    let item = |b: &mut String, k: &str, v: &str, id: &str| {
        let _ = write!(
            b,
            "<div><span>{}</span><b id=\"{id}\">{}</b></div>",
            esc(k),
            esc(v)
        );
    };
    item(&mut b, H::Rubric.text(lang), &c.name, "rubric");
    if let Some(y) = c.year {
        item(&mut b, Word::Year.text(lang), &y.to_string(), "year");
    }
    item(
        &mut b,
        Word::Units.text(lang),
        &units.len().to_string(),
        "count",
    );
    if !units.is_empty() {
        let sum: Decimal = units.iter().map(|u| u.total).sum();
        item(
            &mut b,
            Word::Mean.text(lang),
            &shown2(mean(sum, units.len())),
            "mean",
        );
        let min = units.iter().map(|u| u.total).min().unwrap_or_default();
        let max = units.iter().map(|u| u.total).max().unwrap_or_default();
        item(&mut b, Word::Min.text(lang), &pts(c, min), "min");
        item(&mut b, Word::Max.text(lang), &pts(c, max), "max");
    }
    b.push_str("</div>");
    let _ = write!(
        b,
        "<p class=\"note\"><span id=\"counts\">{}</span> · <code>{}</code></p>",
        esc(&counts(
            lang,
            units.len() + failed.len(),
            units.len(),
            failed.len()
        )),
        esc(o.source)
    );
    if !c.grades.is_empty() {
        let _ = write!(
            b,
            "<p class=\"note\" id=\"bands\">{}{}{}</p>",
            H::GradeBands.text(lang),
            Word::Colon.text(lang),
            esc(&super::bands(c, lang))
        );
    }
    b.push_str("</header>");
    let large = units.len() > LARGE;
    if large {
        let _ = write!(
            b,
            "<p class=\"warn\" id=\"large-note\">{}</p>",
            esc(&large_note(lang, LARGE, SHOWN, units.len()))
        );
    }
    if units.iter().any(|u| u.ledger.is_none()) {
        let _ = write!(b, "<p class=\"note\">{}</p>", H::LedgerOmitted.text(lang));
    }
    // With no unit scored there is nothing to aggregate (and "no points
    // lost" would be false): only the failed rows follow.
    if !units.is_empty() {
        let _ = write!(b, "<h2>{}</h2>", H::Distribution.text(lang));
        b.push_str(&distribution(c, units));
        let _ = write!(b, "<h2>{}</h2>", H::GradeCounts.text(lang));
        b.push_str(&grade_counts(c, units, lang));
        let _ = write!(b, "<h2>{}</h2>", H::MeanLost.text(lang));
        b.push_str(&mean_lost(c, units, lang));
    }
    let listed = listed(units, large);
    let _ = write!(
        b,
        "<h2 id=\"units\">{}</h2><p class=\"note noprint\">{}</p><input class=\"filter\" type=\"search\" data-table=\"unit-table\" placeholder=\"{}\">",
        H::UnitsTable.text(lang),
        H::SortHint.text(lang),
        H::Filter.text(lang)
    );
    b.push_str(&unit_table(c, &listed, lang));
    if !failed.is_empty() {
        let _ = write!(b, "<h2 id=\"failed\">{}</h2>", H::FailedRows.text(lang));
        b.push_str(&failed_table(failed, lang));
    }
    for u in &listed {
        b.push_str(&card(c, map, u, lang));
    }
    let _ = write!(
        b,
        "<footer><p class=\"note\">{}</p></footer>",
        H::Generated.text(lang)
    );
    page(lang, &title, &b)
}

/// Every unit, or the top and bottom [`SHOWN`] by total.
fn listed(units: &[UnitRecord], large: bool) -> Vec<&UnitRecord> {
    let mut all: Vec<&UnitRecord> = units.iter().collect();
    if !large {
        return all;
    }
    all.sort_by(|a, b| b.total.cmp(&a.total).then(a.row.cmp(&b.row)));
    let n = all.len();
    let mut out: Vec<&UnitRecord> = all[..SHOWN.min(n)].to_vec();
    out.extend_from_slice(&all[n.saturating_sub(SHOWN).max(SHOWN.min(n))..]);
    out
}

fn distribution(c: &Checked, units: &[UnitRecord]) -> String {
    let full = if c.full_marks > Decimal::ZERO {
        c.full_marks
    } else {
        Decimal::ONE_HUNDRED
    };
    let width = full / Decimal::from(20);
    let min = units.iter().map(|u| u.total).min().unwrap_or_default();
    let max = units.iter().map(|u| u.total).max().unwrap_or(full);
    let lo = (min.min(Decimal::ZERO) / width).floor() * width;
    let hi = max.max(full);
    let n = ((hi - lo) / width)
        .ceil()
        .to_string()
        .parse::<usize>()
        .unwrap_or(20)
        .clamp(1, 400);
    let mut counts = vec![0u64; n];
    for u in units {
        let i = ((u.total - lo) / width)
            .floor()
            .to_string()
            .parse::<usize>()
            .unwrap_or(0);
        counts[i.min(n - 1)] += 1;
    }
    let marks: Vec<(Decimal, String)> = c
        .grades
        .iter()
        .filter_map(|g| Some((g.min?.0, g.name.clone())))
        .collect();
    svg::histogram(&svg::Hist {
        id: "hist",
        lo,
        width,
        counts: &counts,
        marks: &marks,
    })
}

fn grade_counts(c: &Checked, units: &[UnitRecord], lang: Lang) -> String {
    let mut s = format!(
        "<table id=\"grades\" class=\"narrow\"><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        Word::Grade.text(lang),
        H::Count.text(lang),
        H::Share.text(lang)
    );
    for g in &c.grades {
        let n = units.iter().filter(|u| u.grade == g.name).count();
        let share = if units.is_empty() {
            String::new()
        } else {
            shown2(mean(Decimal::from(n as u64 * 100), units.len())) + "%"
        };
        let _ = write!(
            s,
            "<tr data-grade=\"{}\"><td>{}</td><td class=\"n\">{n}</td><td class=\"n\">{share}</td></tr>",
            esc(&g.name),
            esc(&g.name)
        );
    }
    s.push_str("</tbody></table>");
    s
}

fn mean_lost(c: &Checked, units: &[UnitRecord], lang: Lang) -> String {
    let mut items = Vec::new();
    for id in 0..c.indicators.len() as u32 {
        if !c.ind(id).is_leaf() {
            continue;
        }
        let known: Option<Vec<Decimal>> = units.iter().map(|u| lost(c, u, id)).collect();
        let Some(known) = known else { continue };
        let m = mean(known.iter().copied().sum(), known.len());
        if !m.is_zero() {
            items.push((c.ind(id).name.clone(), m, shown2(m)));
        }
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.1));
    if items.is_empty() {
        return format!(
            "<p id=\"mean-lost\" class=\"note\">{}</p>",
            H::NothingLost.text(lang)
        );
    }
    svg::bars("mean-lost", &items)
}

fn anchor(u: &UnitRecord, i: usize) -> String {
    format!("u-{}", u.row.unwrap_or(i as u64))
}

fn unit_table(c: &Checked, units: &[&UnitRecord], lang: Lang) -> String {
    let mut s = String::from(
        "<div style=\"overflow-x:auto\"><table id=\"unit-table\" class=\"sortable\"><thead><tr>",
    );
    let _ = write!(
        s,
        "<th>{}</th><th class=\"n\">{}</th><th>{}</th>",
        H::Unit.text(lang),
        Word::Total.text(lang),
        Word::Grade.text(lang)
    );
    let order = super::super::walk(c);
    for (id, _) in &order {
        let _ = write!(s, "<th class=\"n\">{}</th>", esc(&c.ind(*id).name));
    }
    s.push_str("</tr></thead><tbody>");
    for (i, u) in units.iter().enumerate() {
        let _ = write!(
            s,
            "<tr><td><a href=\"#{}\">{}</a></td><td class=\"n\" data-v=\"{}\">{}</td><td>{}</td>",
            anchor(u, i),
            esc(&u.name(lang)),
            u.total.normalize(),
            pts(c, u.total),
            esc(&u.grade)
        );
        for (id, _) in &order {
            let _ = write!(s, "<td class=\"n\">{}</td>", pts(c, u.scores[*id as usize]));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

fn failed_table(failed: &[Failed], lang: Lang) -> String {
    let mut s = format!(
        "<table id=\"failed-table\"><thead><tr><th class=\"n\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        H::Row.text(lang),
        H::Unit.text(lang),
        H::Column.text(lang),
        H::Error.text(lang)
    );
    for f in failed {
        let _ = write!(
            s,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td><code>{}</code> {}</td></tr>",
            f.row.map(|r| r.to_string()).unwrap_or_default(),
            esc(f.unit.as_deref().unwrap_or("")),
            esc(f.column.as_deref().unwrap_or("")),
            esc(&f.code),
            esc(&f.message)
        );
    }
    s.push_str("</tbody></table>");
    s
}

/// A unit's compact scorecard, reachable from the table.
fn card(c: &Checked, _map: &SourceMap, u: &UnitRecord, lang: Lang) -> String {
    let mut s = format!(
        "<section class=\"unit\" id=\"{}\"><h3>{}</h3><p><b>{} {}</b> · <b>{} {}</b> · <a class=\"noprint\" href=\"#units\">{}</a></p>",
        anchor(u, 0),
        esc(&u.name(lang)),
        Word::Total.text(lang),
        pts(c, u.total),
        Word::Grade.text(lang),
        esc(&u.grade),
        H::Back.text(lang)
    );
    s.push_str(&super::unit::vetoes(u, lang));
    let with_actual = u.ledger.is_some();
    let _ = write!(
        s,
        "<table class=\"card\"><thead><tr><th>{}</th><th class=\"n\">{}</th>{}<th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        Word::Indicator.text(lang),
        Word::Weight.text(lang),
        if with_actual { format!("<th>{}</th>", H::Actual.text(lang)) } else { String::new() },
        Word::Score.text(lang),
        H::Lost.text(lang)
    );
    for (id, depth) in super::super::walk(c) {
        let ind = c.ind(id);
        let l = lost(c, u, id).filter(|l| !l.is_zero());
        let _ = write!(
            s,
            "<tr{}><td>{}{}</td><td class=\"n\">{}</td>",
            if ind.is_leaf() {
                ""
            } else {
                " class=\"parent\""
            },
            "　".repeat(depth),
            esc(&ind.name),
            super::super::weight_shown(ind, lang)
        );
        if with_actual {
            let _ = write!(s, "<td>{}</td>", esc(&actuals(c, u, id).join("；")));
        }
        let _ = write!(
            s,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            pts(c, u.scores[id as usize]),
            l.map(|l| pts(c, l)).unwrap_or_default()
        );
    }
    s.push_str("</tbody></table></section>");
    s
}
