//! Structure of the HTML reports (`jixiao report`, `diff --format html`):
//! the elements and numbers each kind must show, one file with nothing
//! fetched from outside, escaping, print CSS and the golden page of a
//! small rubric (`JIXIAO_BLESS=1 cargo test --test html` rewrites it).

use std::path::{Path, PathBuf};
use std::process::Command;

const SMALL: &str = "tests/golden/html/small.jx";
const SMALL_FACTS: &str = "tests/golden/html/small.facts.toml";
const SMALL_UNITS: &str = "tests/golden/html/small.units.csv";

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-html-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// Run jixiao with `-o FILE` appended; (exit code, the page, stderr).
fn page(args: &[&str], out: &str) -> (i32, String, String) {
    let path = tmp(out);
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .arg("-o")
        .arg(&path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jixiao");
    let html = std::fs::read_to_string(&path).unwrap_or_default();
    (
        o.status.code().unwrap_or(-1),
        html,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The text between `start` and the next `end` after it.
fn between<'a>(hay: &'a str, start: &str, end: &str) -> &'a str {
    let i = hay.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let j = hay[i..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &hay[i..i + j]
}

fn single() -> String {
    let (code, html, err) = page(&["report", SMALL, "--facts", SMALL_FACTS], "single.html");
    assert_eq!(code, 0, "{err}");
    html
}

#[test]
fn single_report_header_table_chart_ledger_and_veto() {
    let h = single();
    assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert_eq!(between(&h, "id=\"rubric\">", "<"), "小型评分表");
    assert_eq!(between(&h, "id=\"unit\">", "<"), "示例局");
    assert_eq!(between(&h, "id=\"year\">", "<"), "2024");
    assert_eq!(between(&h, "id=\"total\" class=\"big\">", "<"), "77.00");
    assert_eq!(between(&h, "id=\"grade\" class=\"big\">", "<"), "中");
    assert_eq!(
        between(&h, "id=\"bands\">", "<"),
        "等级划分：优 ≥ 90；良 ≥ 80；中 ≥ 60；差 其余"
    );
    let head = between(
        &h,
        "<table id=\"scorecard\" class=\"scorecard\"><thead><tr>",
        "</tr>",
    );
    assert_eq!(
        head,
        "<th>一级指标</th><th>二级指标</th><th>三级指标</th><th>分值</th><th>评分标准</th><th>实际完成值</th><th>得分</th><th>扣分原因</th>"
    );
    let row = between(&h, "<tr class=\"lost\" data-ind=\"预算执行\">", "</tr>");
    assert!(row.contains("<td class=\"n\">20</td>"), "{row}");
    assert!(
        row.contains(
            "否则 从 20 分扣：预算执行率 低于 95% 的部分 每 1个百分点 扣 2 分（按整步），扣完为止"
        ),
        "{row}"
    );
    assert!(row.contains("<td>预算执行率 91.50%</td>"), "{row}");
    assert!(row.contains("<td class=\"n s\">14.00</td>"), "{row}");
    assert!(row.contains("扣 6.00 分"), "{row}");
    let parent = between(&h, "<tr class=\"parent\" data-ind=\"投入\">", "</tr>");
    assert!(
        parent.starts_with("<td>投入</td><td></td><td></td><td class=\"n\">40</td>"),
        "{parent}"
    );
    // 结余控制 is a 二级 indicator: its name sits in the second column.
    let row = between(&h, "data-ind=\"结余控制\">", "</tr>");
    assert!(
        row.starts_with("<td></td><td>结余控制</td><td></td>"),
        "{row}"
    );
    assert!(row.contains("结余金额 150 万元"), "{row}");
    // The chart: one bar per indicator that lost points, each labelled exactly.
    let chart = between(&h, "<svg id=\"lost-chart\"", "</svg>");
    assert_eq!(count(chart, "<rect class=\"bar\""), 4);
    for (name, lost) in [
        ("结余控制", "8.00"),
        ("预算执行", "6.00"),
        ("完成情况", "5.00"),
        ("政府采购", "4.00"),
    ] {
        assert!(
            chart.contains(&format!("<title>{name} {lost}</title>")),
            "{name}"
        );
    }
    // The ledger: one collapsed block per leaf.
    let ledger = between(&h, "<div id=\"ledger\">", "</div>");
    assert_eq!(count(ledger, "<details "), 4);
    assert_eq!(count(ledger, " open"), 0);
    assert!(ledger.contains("<li class=\"skip\">条件未满足 <span class=\"loc\">tests/golden/html/small.jx:12</span> 如果 预算执行率 &gt;= 95% 则 20</li>"), "{ledger}");
    assert!(ledger.contains("<li>扣分步数 3</li>"));
    assert!(ledger.contains("<li>超出部分 3.5%</li>"), "{ledger}");
    assert!(ledger.contains("<li>舍入后得分 14.00</li>"));
    // Text facts are shown as written (and escaped).
    assert_eq!(
        between(&h, "<dl id=\"notes\">", "</dl>"),
        "<dt>偏差原因</dt><dd>年底集中支付，&lt;项目&gt;验收延后</dd>"
    );
    let veto = between(&h, "<div class=\"veto\" id=\"vetoes\">", "</div>");
    assert!(veto.contains("触发的一票否决"));
    assert!(veto.contains("一票否决 如果 重大事故 则 等级 不高于 良 <span class=\"loc\">tests/golden/html/small.jx:24</span>"), "{veto}");
}

/// Every src/href/@import/url() in a page, and whether any leaves the file.
fn external_refs(h: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for key in ["src=", "href=", "@import", "url("] {
        for (i, _) in h.match_indices(key) {
            let rest: String = h[i + key.len()..].chars().take(80).collect();
            let target = rest.trim_start_matches(['"', '\'', ' ', '(']);
            if !target.starts_with('#') {
                bad.push(format!("{key}{rest}"));
            }
        }
    }
    for scheme in ["http:", "https:", "//cdn", "ftp:", "file:"] {
        if h.contains(scheme) {
            bad.push(scheme.to_string());
        }
    }
    bad
}

#[test]
fn every_kind_is_one_file_with_nothing_from_outside() {
    let many = page(&["report", SMALL, "--facts", SMALL_UNITS], "many-x.html").1;
    let diff = page(
        &[
            "diff",
            "rules/shaanxi-2019.jx",
            "rules/shaanxi-2020-draft.jx",
            "--facts",
            "rules/shaanxi-synthetic-units.csv",
            "--format",
            "html",
        ],
        "diff-x.html",
    )
    .1;
    for h in [single(), many, diff] {
        assert!(h.contains("<style>") && h.contains("<script>"));
        assert!(!h.contains("<link") && !h.contains("<script src"));
        assert_eq!(external_refs(&h), Vec::<String>::new());
        // A Chinese font on each system, and A4 print rules.
        for font in [
            "PingFang SC",
            "Microsoft YaHei",
            "Noto Sans CJK SC",
            "WenQuanYi Micro Hei",
        ] {
            assert!(h.contains(font), "{font}");
        }
        assert!(h.contains("@page { size: A4;"));
        assert!(h.contains("thead { display: table-header-group; }"));
        assert!(h.contains("tr, li, svg, .meta { break-inside: avoid; page-break-inside: avoid; }"));
    }
}

#[test]
fn english_with_lang_en() {
    let (code, h, _) = page(
        &["--lang", "en", "report", SMALL, "--facts", SMALL_FACTS],
        "en.html",
    );
    assert_eq!(code, 0);
    assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(h.contains("<th>level 1</th><th>level 2</th><th>level 3</th><th>weight</th><th>scoring rule</th><th>actual</th><th>score</th><th>reason for deduction</th>"));
    assert!(h.contains("6.00 points lost"));
    assert!(
        h.contains("id=\"bands\">grade bands: 优 ≥ 90; 良 ≥ 80; 中 ≥ 60; 差 otherwise<"),
        "{h}"
    );
    assert!(!h.contains("扣分原因") && !h.contains("计分过程"));
}

#[test]
fn user_text_is_escaped() {
    let dir = tmp("inject");
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("x.jx");
    std::fs::write(
        &rules,
        "评分表 \"<script>alert(1)</script>\" 满分 10\n等级 优 >= 9，差\n输入 a: 数\n指标 甲乙 10 { 如果 a < 1 则 10 否则 4 }\n",
    )
    .unwrap();
    let facts = dir.join("x.toml");
    std::fs::write(
        &facts,
        "单位 = \"\\\"><img src=x onerror=alert(2)>\"\na = 1\n",
    )
    .unwrap();
    let (code, h, err) = page(
        &[
            "report",
            rules.to_str().unwrap(),
            "--facts",
            facts.to_str().unwrap(),
        ],
        "inject.html",
    );
    assert_eq!(code, 0, "{err}");
    assert!(!h.contains("<script>alert"), "script injected");
    assert!(!h.contains("<img"), "element injected");
    assert!(!h.contains("a < 1"), "rule text not escaped");
    assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(h.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(h.contains("如果 a &lt; 1 则 10"));
    assert_eq!(count(&h, "<script>"), 1);
}

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
fn golden_small_report() {
    let actual = single();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/html/small.html");
    if std::env::var_os("JIXIAO_BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .expect("missing tests/golden/html/small.html; run with JIXIAO_BLESS=1 to create it");
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(0);
        panic!(
            "small.html differs from its golden file at line {}:\n- {}\n+ {}",
            first + 1,
            expected.lines().nth(first).unwrap_or(""),
            actual.lines().nth(first).unwrap_or("")
        );
    }
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
fn fourth_level_keeps_its_parent_in_the_third_column() {
    let (code, h, _) = page(
        &[
            "report",
            "rules/jinzhong-2020.jx",
            "--facts",
            "rules/jinzhong-2020.facts.toml",
        ],
        "jinzhong.html",
    );
    assert_eq!(code, 0);
    let row = between(&h, "data-ind=\"一季度进度\">", "</tr>");
    assert!(
        row.starts_with("<td></td><td></td><td>支付进度 › 一季度进度</td>"),
        "{row}"
    );
    assert_eq!(between(&h, "id=\"total\" class=\"big\">", "<"), "90.90");
    assert_eq!(between(&h, "id=\"grade\" class=\"big\">", "<"), "优");
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
