//! Charts drawn by jixiao as inline SVG. Values stay exact decimals; only
//! pixel positions are computed in floating point, and every number shown
//! on a chart is printed from the exact value.

use super::page::esc;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

fn px(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Horizontal bars, one per (label, value, value as printed), longest first
/// as given. Empty input gives no chart.
pub fn bars(id: &str, items: &[(String, Decimal, String)]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let (label_w, bar_w, row_h) = (220.0, 440.0, 22.0);
    let max = items
        .iter()
        .map(|i| i.1)
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::new(1, 2));
    let h = row_h * items.len() as f64 + 10.0;
    let w = label_w + bar_w + 70.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg id="{id}" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img">"#
    );
    for (i, (label, v, shown)) in items.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let len = (px(*v) / px(max) * bar_w).max(1.0);
        let _ = write!(
            s,
            r#"<text x="{lx}" y="{ty}" text-anchor="end">{l}</text><rect class="bar" x="{label_w}" y="{by}" width="{len:.1}" height="{bh}"><title>{l} {sh}</title></rect><text x="{vx:.1}" y="{ty}">{sh}</text>"#,
            lx = label_w - 6.0,
            ty = y + 15.0,
            l = esc(label),
            by = y + 3.0,
            bh = row_h - 6.0,
            vx = label_w + len + 4.0,
            sh = esc(shown),
        );
    }
    s.push_str("</svg>");
    s
}

/// A histogram: bins of (lower edge, count) of equal `width`, with vertical
/// marks at `marks` (value, label), e.g. the grade bands.
pub struct Hist<'a> {
    pub id: &'a str,
    pub lo: Decimal,
    pub width: Decimal,
    pub counts: &'a [u64],
    pub marks: &'a [(Decimal, String)],
}

pub fn histogram(h: &Hist) -> String {
    let (left, plot_w, plot_h, top) = (40.0, 640.0, 200.0, 24.0);
    let n = h.counts.len().max(1);
    let max = h.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let hi = h.lo + h.width * Decimal::from(n as u64);
    let span = px(hi - h.lo).max(1e-9);
    let x_of = |d: Decimal| left + (px(d - h.lo) / span) * plot_w;
    let bw = plot_w / n as f64;
    let (w, total_h) = (left + plot_w + 20.0, top + plot_h + 40.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg id="{}" class="chart" viewBox="0 0 {w} {total_h}" width="{w}" height="{total_h}" role="img">"#,
        h.id
    );
    let base = top + plot_h;
    let _ = write!(
        s,
        r#"<line class="axis" x1="{left}" y1="{base}" x2="{}" y2="{base}"/><line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{base}"/>"#,
        left + plot_w
    );
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
        left - 4.0,
        top + 4.0,
        max as u64
    );
    for (i, &c) in h.counts.iter().enumerate() {
        let lo = h.lo + h.width * Decimal::from(i as u64);
        let bh = c as f64 / max * plot_h;
        let x = left + bw * i as f64;
        if c > 0 {
            let _ = write!(
                s,
                r#"<rect class="hist" x="{:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}" data-count="{c}"><title>[{}, {}{} {c}</title></rect>"#,
                x + 1.0,
                base - bh,
                (bw - 2.0).max(1.0),
                lo.normalize(),
                (lo + h.width).normalize(),
                // The last bin also holds its upper edge (a total of full marks).
                if i + 1 == n { "]" } else { ")" }
            );
        }
    }
    // Edge labels every few bins so they do not collide.
    let every = n.div_ceil(10).max(1);
    for i in (0..=n).step_by(every) {
        let v = h.lo + h.width * Decimal::from(i as u64);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            left + bw * i as f64,
            base + 16.0,
            v.normalize()
        );
    }
    for (v, label) in h.marks {
        if *v < h.lo || *v > hi {
            continue;
        }
        let x = x_of(*v);
        let _ = write!(
            s,
            r#"<line class="band" x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{base}"/><text class="bandlabel" x="{:.1}" y="{}">{}</text>"#,
            top - 10.0,
            x + 3.0,
            top - 12.0 + 10.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}
