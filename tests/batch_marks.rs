//! The batch writes a scored row's scores straight from the compiled
//! evaluator's marks (`Compiled::scores_at_places`) instead of building the
//! scorecard. These tests hold that path to the card's text, indicator by
//! indicator, on generated rows of the bundled rubrics and of rubrics with
//! transfers, full-marks 不适用, caps and odd weights; and the whole batch
//! output to the reference evaluator's scorecards.

use jixiao::batch::{self, write_mantissa, write_score, InFormat, OutFormat};
use jixiao::check::Checked;
use jixiao::compiled::sample::{self, fact_set, thresholds, Rng};
use jixiao::compiled::Compiled;
use jixiao::diag::{Lang, SourceMap};
use jixiao::eval::FactSet;
use rust_decimal::Decimal;

fn compile(path: &str, text: String) -> (Checked, SourceMap) {
    let mut map = SourceMap::new();
    let id = map.add(path, text);
    let c = jixiao::compile(&map, id)
        .unwrap_or_else(|d| panic!("{path} compiles: {:?}", d.0))
        .checked;
    (c, map)
}

fn bundled(name: &str) -> (Checked, SourceMap) {
    let path = format!("{}/rules/{name}.jx", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    compile(&path, text)
}

/// On `n` generated rows: (rows written from marks, rows that scored but
/// needed the card). Every marks-written score must be the card's text.
fn marks_match_card(c: &Checked, n: usize, seed: u64) -> (usize, usize) {
    let k = Compiled::new(c);
    let mut s = k.scratch();
    let th = thresholds(c);
    let mut rng = Rng::new(seed);
    let places = c.rounding.places;
    let (mut marks, mut card_only) = (0, 0);
    let mut pts = Vec::new();
    for i in 0..n {
        let row = fact_set(c, &th, &mut rng);
        s.facts_mut().copy_from_slice(&row);
        let Ok(q) = k.run_quick(&mut s) else {
            // A failing row leaves no marks to write.
            assert!(!k.scores_at_places(&s, &mut pts), "row {i}");
            continue;
        };
        if !k.scores_at_places(&s, &mut pts) {
            card_only += 1;
            continue;
        }
        marks += 1;
        let card = k.card(&mut s);
        assert_eq!((q.total, q.grade), (card.total, card.grade), "row {i}");
        assert_eq!(pts.len(), card.indicators.len());
        for (j, (&m, ind)) in pts.iter().zip(&card.indicators).enumerate() {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            write_mantissa(&mut a, m, places);
            write_score(&mut b, ind.score, places);
            assert_eq!(
                String::from_utf8(a).unwrap(),
                String::from_utf8(b).unwrap(),
                "row {i}, indicator {}: {row:?}",
                c.indicators[j].name
            );
        }
    }
    (marks, card_only)
}

#[test]
fn marks_give_the_cards_text_on_the_bundled_rubrics() {
    for name in ["shaanxi-2019", "shaanxi-2020-draft", "jinzhong-2020"] {
        let (c, _) = bundled(name);
        let (marks, card_only) = marks_match_card(&c, 1500, 17);
        assert!(marks > 150, "{name}: only {marks} rows written from marks");
        assert_eq!(card_only, 0, "{name}: whole-point weights need no card");
    }
}

/// Transfers (转给), full-marks and excluded 不适用 (剔除, renormalised),
/// vetoes, bonus and penalty caps; weights with one more decimal than the
/// rubric's places (2.5 at 0 places), so some scores are not whole at the
/// places and the row needs the card.
const POLICIES: &str =
    "评分表 \"政策\" 满分 40\n保留 0 位小数（四舍五入）\n等级 优 >= 30，中 >= 20，差\n\
输入 率: 百分比\n输入 人数: 人\n输入 甲项: 是否\n输入 乙项: 是否\n输入 事故: 次\n\
输入 无采购: 是否\n输入 无培训: 是否\n输入 挪用: 是否\n\
指标 一 17.5 {\n\
  指标 比例 7.5 { 得分 = clamp(率 × 7.5, 0, 7.5) }\n\
  指标 培训 2.5 { 不适用 如果 无培训 则 转给 人员\n 得分 = clamp(人数 / 100 人, 0, 2.5) }\n\
  指标 人员 7.5 { 如果 人数 ≥ 50 人 则 7.5 否则 3 }\n\
}\n\
指标 二 12.5 {\n\
  指标 采购 2.5 { 不适用 如果 无采购 则 满分\n 如果 率 ≥ 90% 则 2.5 否则 1 }\n\
  指标 清单指标 5 { 清单 每项 扣 2 分：甲项，乙项，扣完为止 }\n\
  指标 否决 5 { 一票否决 如果 挪用\n 如果 率 ≥ 95% 则 5 否则 2 }\n\
}\n\
指标 三 10 {\n\
  指标 剔除项 4 { 不适用 如果 无采购 则 剔除\n 如果 率 ≥ 80% 则 4 否则 2 }\n\
  指标 其余 6 { 如果 率 ≥ 50% 则 6 否则 3 }\n\
}\n\
加分 创新 最高 3 { 清单 每项 得 1.5 分：事故 }\n\
减分 问题 最多 2 { 清单 每项 得 2 分：乙项 }\n";

#[test]
fn marks_give_the_cards_text_with_transfers_caps_and_odd_weights() {
    let (c, _) = compile("policies.jx", POLICIES.to_string());
    let (marks, card_only) = marks_match_card(&c, 3000, 23);
    assert!(marks > 300, "only {marks} rows written from marks");
    assert!(card_only > 30, "only {card_only} rows needed the card");
    // The same rubric at one decimal: every score is whole at the places.
    let (c, _) = compile(
        "policies1.jx",
        POLICIES.replace("保留 0 位小数", "保留 1 位小数"),
    );
    let (marks, card_only) = marks_match_card(&c, 3000, 23);
    assert!(marks > 300, "only {marks} rows written from marks");
    assert_eq!(card_only, 0);
}

#[test]
fn a_mantissa_is_written_as_its_decimal() {
    let ms: [i128; 12] = [
        0,
        1,
        -1,
        5,
        -50,
        9100,
        100_000,
        123_456_789,
        u64::MAX as i128,
        u64::MAX as i128 + 1,
        -(u64::MAX as i128) - 7,
        (1i128 << 96) - 1,
    ];
    for m in ms {
        for places in [0, 1, 2, 3, 4, 19, 20, 28] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            write_mantissa(&mut a, m, places);
            write_score(&mut b, Decimal::from_i128_with_scale(m, places), places);
            assert_eq!(a, b, "{m} at {places}");
        }
    }
}

/// The whole CSV output of a batch: each scored row's total, grade and
/// every indicator's score as the reference evaluator's scorecard shows
/// them, each failed row failing there too.
#[test]
fn batch_csv_scores_are_the_reference_scorecards() {
    let (c, map) = bundled("jinzhong-2020");
    let n = 600;
    let input = sample::csv(&c, n, 31);
    let opts = batch::Options {
        input: InFormat::Csv,
        output: OutFormat::Csv,
        lang: Lang::En,
        explain: false,
        map: &map,
        workers: 2,
        chunk: 64,
    };
    let mut out = Vec::new();
    batch::run(&c, input.as_bytes(), &mut out, &opts, None).unwrap();
    let out = String::from_utf8(out).unwrap();
    let th = thresholds(&c);
    let mut rng = Rng::new(31);
    let places = c.rounding.places;
    let show = |d| jixiao::check::show::score(d, places);
    let mut scored = 0;
    for (i, line) in out.lines().skip(1).enumerate() {
        let row = fact_set(&c, &th, &mut rng);
        let mut fs = FactSet::empty(&c);
        for (s, v) in row.iter().enumerate() {
            fs.values[s] = Some(*v);
        }
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[0], (i + 2).to_string());
        let last = f.len() - 1;
        let ok = jixiao::facts::check_constraints(&c, &fs).is_empty();
        match jixiao::eval::score(&c, &fs) {
            Ok(card) if ok => {
                let grade = &c.grades[card.grade].name;
                assert_eq!(f[2..4], [show(card.total), grade.clone()], "row {}", i + 2);
                let want: Vec<String> = card.indicators.iter().map(|s| show(s.score)).collect();
                assert_eq!(f[4..last], want[..], "row {}", i + 2);
                assert_eq!(f[last], "", "row {}", i + 2);
                scored += 1;
            }
            _ => assert_ne!(f[last], "", "row {} should fail", i + 2),
        }
    }
    assert_eq!(out.lines().count(), n + 1);
    assert!(scored > 300, "only {scored} rows scored");
}
