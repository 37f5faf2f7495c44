//! The many-unit report (`jixiao report` with a CSV or JSON Lines file):
//! distribution, grade counts, mean points lost, the linked table, failed
//! rows, the large-input cut-off, not-applicable indicators.

mod html_support;

use html_support::*;

#[test]
fn many_units_distribution_grades_table_cards_and_failed_rows() {
    let (code, h, err) = page(&["report", SMALL, "--facts", SMALL_UNITS], "many.html");
    // A row failed: the report is written, lists it, and the exit says so.
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("共读取 4 行：评分 3 行，出错 1 行"), "{err}");
    assert_eq!(between(&h, "id=\"count\">", "<"), "3");
    assert_eq!(
        between(&h, "id=\"counts\">", "<"),
        "共 4 个单位：评分 3 个，出错 1 个"
    );
    assert_eq!(between(&h, "id=\"mean\">", "<"), "81.00");
    assert_eq!(between(&h, "id=\"min\">", "<"), "71.00");
    assert_eq!(between(&h, "id=\"max\">", "<"), "95.00");
    // Histogram: 3 totals in 5-point bins, grade bands marked.
    let hist = between(&h, "<svg id=\"hist\"", "</svg>");
    let counts: Vec<u64> = hist
        .match_indices("data-count=\"")
        .map(|(i, _)| between(&hist[i..], "data-count=\"", "\"").parse().unwrap())
        .collect();
    assert_eq!(counts, vec![1, 1, 1]);
    assert!(
        hist.contains("<title>[70, 75) 1</title>") && hist.contains("<title>[95, 100] 1</title>")
    );
    assert_eq!(count(hist, "class=\"bandlabel\""), 3);
    for g in ["优", "良", "中"] {
        assert!(hist.contains(&format!(">{g}</text>")), "{g}");
    }
    let grades = between(&h, "<table id=\"grades\"", "</table>");
    assert!(
        grades.contains("<td>优</td><td class=\"n\">1</td><td class=\"n\">≈33.33%</td>"),
        "{grades}"
    );
    assert!(
        grades.contains("<td>中</td><td class=\"n\">2</td>"),
        "{grades}"
    );
    // Mean points lost: 预算执行 (0 + 6 + 20) / 3.
    let mean = between(&h, "<svg id=\"mean-lost\"", "</svg>");
    assert!(mean.contains("<title>预算执行 ≈8.67</title>"), "{mean}");
    // The table: sortable, filterable, each unit linked to its scorecard.
    let table = between(
        &h,
        "<table id=\"unit-table\" class=\"sortable\">",
        "</table>",
    );
    assert_eq!(count(table, "<tr><td><a href=\"#u-"), 3);
    assert!(h.contains("<input class=\"filter\" type=\"search\" data-table=\"unit-table\""));
    for (row, name) in [(2, "甲局"), (3, "乙局"), (4, "丙局")] {
        assert!(table.contains(&format!("<a href=\"#u-{row}\">{name}</a>")));
        let card = between(
            &h,
            &format!("<section class=\"unit\" id=\"u-{row}\">"),
            "</section>",
        );
        assert!(card.contains(&format!("<h3>{name}</h3>")));
    }
    let card = between(&h, "<section class=\"unit\" id=\"u-3\">", "</section>");
    assert!(
        card.contains(
            "<td>预算执行率 91.50%</td><td class=\"n\">14.00</td><td class=\"n\">6.00</td>"
        ),
        "{card}"
    );
    assert!(card.contains("一票否决 如果 重大事故"));
    let failed = between(&h, "<table id=\"failed-table\">", "</table>");
    assert!(
        failed.contains(
            "<td class=\"n\">5</td><td>丁局</td><td>预算执行率</td><td><code>E304</code>"
        ),
        "{failed}"
    );
}

#[test]
fn large_input_lists_top_and_bottom_only_with_a_note() {
    let csv = tmp("large.csv");
    let mut text = String::from("单位,预算执行率,结余金额,重大事故,无政府采购,偏差原因\n");
    for i in 0..2001 {
        text.push_str(&format!("单位{i:04},{}%,80,否,否,无\n", 80 + i % 20));
    }
    std::fs::write(&csv, text).unwrap();
    let (code, h, err) = page(
        &["report", SMALL, "--facts", csv.to_str().unwrap()],
        "large.html",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(between(&h, "id=\"count\">", "<"), "2001");
    assert!(between(&h, "id=\"large-note\">", "<").contains("共 2001 个单位，超过 2000 个"));
    let table = between(
        &h,
        "<table id=\"unit-table\" class=\"sortable\">",
        "</table>",
    );
    assert_eq!(count(table, "<tr><td><a href=\"#u-"), 100);
    assert_eq!(count(&h, "<section class=\"unit\""), 100);
    // The aggregates still cover every unit.
    let hist = between(&h, "<svg id=\"hist\"", "</svg>");
    let total: u64 = hist
        .match_indices("data-count=\"")
        .map(|(i, _)| {
            between(&hist[i..], "data-count=\"", "\"")
                .parse::<u64>()
                .unwrap()
        })
        .sum();
    assert_eq!(total, 2001);
}

#[test]
fn excluded_indicator_loses_nothing() {
    let dir = tmp("na");
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("na.jx");
    std::fs::write(
        &rules,
        "评分表 \"不适用\" 满分 10\n等级 优 >= 9，差\n输入 无政府采购: 是否\n指标 预算执行 5 { 得分 = 4 }\n指标 资产管理 3 { 得分 = 3 }\n指标 政府采购 2 {\n  不适用 如果 无政府采购 则 剔除\n  得分 = 1\n}\n",
    )
    .unwrap();
    let csv = dir.join("na.csv");
    std::fs::write(&csv, "单位,无政府采购\n甲,是\n乙,否\n").unwrap();
    let (code, h, err) = page(
        &[
            "report",
            rules.to_str().unwrap(),
            "--facts",
            csv.to_str().unwrap(),
        ],
        "na.html",
    );
    assert_eq!(code, 0, "{err}");
    // 甲 lost nothing on 政府采购 (excluded), 乙 lost 1: the mean is 0.5, not 1.5.
    let mean = between(&h, "<svg id=\"mean-lost\"", "</svg>");
    assert!(mean.contains("<title>政府采购 0.50</title>"), "{mean}");
    let card = between(&h, "<section class=\"unit\" id=\"u-2\">", "</section>");
    assert!(card.contains("<tr><td>政府采购</td><td class=\"n\">2</td><td>无政府采购 是</td><td class=\"n\">0.00</td><td class=\"n\"></td></tr>"), "{card}");
}

#[test]
fn many_units_from_json_lines() {
    let path = tmp("units.jsonl");
    std::fs::write(
        &path,
        "{\"单位\": \"甲局\", \"预算执行率\": \"99%\", \"结余金额\": \"80 万元\", \"重大事故\": \"否\", \"无政府采购\": \"是\", \"偏差原因\": \"无\"}\n\
         {\"单位\": \"乙局\", \"预算执行率\": \"91.5%\", \"结余金额\": \"150 万元\", \"重大事故\": \"是\", \"无政府采购\": \"否\", \"偏差原因\": \"无\"}\n",
    )
    .unwrap();
    let (code, h, err) = page(
        &["report", SMALL, "--facts", path.to_str().unwrap()],
        "jsonl.html",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(between(&h, "id=\"count\">", "<"), "2");
    assert_eq!(between(&h, "id=\"mean\">", "<"), "86.00");
    assert!(
        h.contains("<a href=\"#u-1\">甲局</a>")
            && h.contains("<section class=\"unit\" id=\"u-2\">")
    );
}

#[test]
fn no_unit_scored_shows_only_the_failures() {
    let csv = tmp("allbad.csv");
    std::fs::write(
        &csv,
        "单位,预算执行率,结余金额,重大事故,无政府采购,偏差原因\n甲,abc,1,否,否,无\n",
    )
    .unwrap();
    let (code, h, _) = page(
        &["report", SMALL, "--facts", csv.to_str().unwrap()],
        "allbad.html",
    );
    assert_eq!(code, 1);
    assert!(!h.contains("id=\"hist\"") && !h.contains("各指标均得满分"));
    assert!(h.contains("<code>E304</code>"));
}
