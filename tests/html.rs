//! Structure of the HTML reports (`jixiao report`, `diff --format html`):
//! the elements and numbers each kind must show, one file with nothing
//! fetched from outside, escaping, print CSS and the golden page of a
//! small rubric (`JIXIAO_BLESS=1 cargo test --test html` rewrites it). The
//! many-unit and diff pages: tests/html_many.rs, tests/html_diff.rs.

mod html_support;

use html_support::*;
use std::path::Path;

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

/// A target table's rows stand under their indicator in the official
/// table, as the text scorecard lists them: name and 指标性质, points,
/// 目标值 / 实际完成值 / 偏差原因, score.
#[test]
fn target_table_rows_are_listed_under_their_indicator() {
    let (code, h, _) = page(
        &[
            "report",
            "rules/project-2020.jx",
            "--facts",
            "rules/project-2020.tushu.facts.toml",
        ],
        "project.html",
    );
    assert_eq!(code, 0);
    let table = between(&h, "<table id=\"scorecard\"", "</table>");
    let rows: Vec<&str> = table.split("<tr class=\"target-row\"").skip(1).collect();
    assert_eq!(rows.len(), 4, "{table}");
    let books = rows[0];
    assert!(books.starts_with(" data-row=\"1\">"), "{books}");
    assert!(
        books.contains("产出指标／数量指标／购置图书（≥）"),
        "{books}"
    );
    assert!(
        books.contains("<td class=\"n\">30</td><td class=\"rule\"></td><td>年度指标值 2000 册，实际完成值 2100 册</td><td class=\"n s\">30</td>"),
        "{books}"
    );
    assert!(
        rows[2].contains("偏差原因：疫情期间闭馆两个月"),
        "{}",
        rows[2]
    );
    // The rows follow their own indicator's line, before the next indicator.
    let at = |s: &str| table.find(s).unwrap();
    assert!(at("data-ind=\"预算执行率\"") < at("data-ind=\"绩效指标\""));
    assert!(at("data-ind=\"绩效指标\"") < at("data-row=\"1\""));
    let (_, en, _) = page(
        &[
            "--lang",
            "en",
            "report",
            "rules/project-2020.jx",
            "--facts",
            "rules/project-2020.tushu.facts.toml",
        ],
        "project-en.html",
    );
    assert!(!between(&en, "<table id=\"scorecard\"", "</table>").contains("年度指标值"));
}
