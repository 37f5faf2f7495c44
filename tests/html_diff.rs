//! `jixiao diff --format html`: transition matrix, change histogram,
//! attribution, units that changed grade; and the many-unit and diff pages
//! in English.

mod html_support;

use html_support::*;

#[test]
fn diff_html_matrix_histogram_attribution_and_flips() {
    let (code, h, err) = page(
        &[
            "diff",
            "rules/shaanxi-2019.jx",
            "rules/shaanxi-2020-draft.jx",
            "--facts",
            "rules/shaanxi-synthetic-units.csv",
            "--format",
            "html",
        ],
        "diff.html",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(between(&h, "id=\"count\">", "<"), "240");
    assert_eq!(between(&h, "id=\"flips\" class=\"big\">", "<"), "16");
    let m = between(&h, "<table id=\"transition\"", "</table>");
    let cells: Vec<u64> = m
        .match_indices("data-new=\"")
        .map(|(i, _)| between(&m[i..], "\">", "<").parse().unwrap())
        .collect();
    assert_eq!(cells.len(), 16);
    assert_eq!(cells.iter().sum::<u64>(), 240);
    assert!(m.contains("data-old=\"优\" data-new=\"良\">5<"), "{m}");
    let hist = between(&h, "<svg id=\"change-hist\"", "</svg>");
    assert!(hist.contains("class=\"band\""));
    let a = between(&h, "<table id=\"attribution\"", "</table>");
    assert!(
        a.contains("<td>项目产出（分值改变 40 → 35）</td><td class=\"n\">240</td>"),
        "{a}"
    );
    // Points are counted on leaves only (a parent's change cites the same
    // edits): 41 units × −1 for 半年进度, and the edits add up to the change
    // of all totals, Σ(new − old) = −21.45.
    assert!(a.contains("<td>半年进度（评分规则改变）</td><td class=\"n\">41</td><td class=\"n\" data-v=\"-41\">-41.00</td>"), "{a}");
    let points: rust_decimal::Decimal = a
        .match_indices("data-v=\"")
        .map(|(i, _)| {
            between(&a[i..], "data-v=\"", "\"")
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(points.to_string(), "-21.45");
    let flips = between(&h, "<table id=\"flip-table\"", "</table>");
    assert_eq!(count(flips, "<tr><td>"), 16);
    assert!(flips.contains("<tr><td>单位011</td><td class=\"n\">90.50</td><td>优</td><td class=\"n\">89.85</td><td>良</td>"), "{flips}");
}

#[test]
fn many_and_diff_in_english() {
    let (_, many, _) = page(
        &["--lang", "en", "report", SMALL, "--facts", SMALL_UNITS],
        "many-en.html",
    );
    for w in [
        "distribution of totals",
        "grade counts",
        "mean points lost per indicator",
        "rows that could not be scored",
        "filter by name",
    ] {
        assert!(many.contains(w), "{w}");
    }
    let (_, diff, _) = page(
        &[
            "--lang",
            "en",
            "diff",
            "rules/shaanxi-2019.jx",
            "rules/shaanxi-2020-draft.jx",
            "--facts",
            "rules/shaanxi-synthetic-units.csv",
            "--format",
            "html",
        ],
        "diff-en.html",
    );
    for w in [
        "grade transitions",
        "distribution of total changes",
        "attribution",
        "units whose grade changed",
        "weight changed 40 → 35",
    ] {
        assert!(diff.contains(w), "{w}");
    }
    for zh in ["总分分布", "变化归因", "等级改变的单位"] {
        assert!(!many.contains(zh) && !diff.contains(zh), "{zh}");
    }
}
