//! The compiled evaluator gives the reference evaluator's scorecards,
//! decimal for decimal (scale included), and the reference's diagnostics
//! when a fact set fails.

use jixiao::check::Checked;
use jixiao::compiled::sample::{fact_set, thresholds, Rng};
use jixiao::compiled::Compiled;
use jixiao::diag::SourceMap;
use jixiao::eval::value::Value;
use jixiao::eval::FactSet;

fn bundled(name: &str) -> Checked {
    let path = format!("{}/rules/{name}.jx", env!("CARGO_MANIFEST_DIR"));
    let mut map = SourceMap::new();
    let id = map.add(&path, std::fs::read_to_string(&path).unwrap());
    jixiao::compile(&map, id)
        .unwrap_or_else(|_| panic!("{name} compiles"))
        .checked
}

fn rubric(text: &str) -> Checked {
    let mut map = SourceMap::new();
    let id = map.add("t.jx", text.to_string());
    jixiao::compile(&map, id)
        .unwrap_or_else(|d| panic!("compiles: {:?}", d.0))
        .checked
}

/// The target-table rows of a bundled rubric's facts file (empty when it
/// has no tables): slots are generated, rows are taken as the file gives them.
fn bundled_rows(name: &str, c: &Checked) -> Vec<Option<Vec<jixiao::eval::targets::TargetRow>>> {
    if c.tables.is_empty() {
        return Vec::new();
    }
    let path = format!("{}/rules/{name}.facts.toml", env!("CARGO_MANIFEST_DIR"));
    let mut map = SourceMap::new();
    let id = map.add(&path, std::fs::read_to_string(&path).unwrap());
    jixiao::facts::load(map.text(id), id, jixiao::facts::Format::Toml, c)
        .unwrap_or_else(|_| panic!("{name} facts load"))
        .rows
}

/// Compare on `n` generated fact sets; returns (scored, failed) counts.
fn agree(c: &Checked, n: usize, seed: u64) -> (usize, usize) {
    agree_with_rows(c, n, seed, &[])
}

fn agree_with_rows(
    c: &Checked,
    n: usize,
    seed: u64,
    rows: &[Option<Vec<jixiao::eval::targets::TargetRow>>],
) -> (usize, usize) {
    let k = Compiled::new(c);
    let mut s = k.scratch();
    let th = thresholds(c);
    let mut rng = Rng::new(seed);
    let (mut ok, mut failed) = (0, 0);
    for i in 0..n {
        let row = fact_set(c, &th, &mut rng);
        let mut fs = FactSet::empty(c);
        for (j, v) in row.iter().enumerate() {
            fs.values[j] = Some(*v);
        }
        if !rows.is_empty() {
            fs.rows = rows.to_vec();
        }
        let want = jixiao::eval::score(c, &fs);
        let got = k.score(&fs, &mut s);
        // Debug prints decimals with their scale, so `5` ≠ `5.00` here.
        assert_eq!(
            format!("{got:?}"),
            format!("{want:?}"),
            "fact set {i}: {row:?}"
        );
        if want.is_ok() {
            ok += 1;
        } else {
            failed += 1;
        }
    }
    (ok, failed)
}

#[test]
fn compiled_equals_reference_on_bundled_rubrics() {
    for name in ["shaanxi-2019", "jinzhong-2020", "dongxihu-2020"] {
        let c = bundled(name);
        let rows = bundled_rows(name, &c);
        let (ok, _) = agree_with_rows(&c, 1500, 7, &rows);
        assert!(
            ok > 150,
            "{name}: only {ok} fact sets scored; the generator is too wild"
        );
    }
}

#[test]
fn thresholds_are_hit_exactly() {
    let c = bundled("shaanxi-2019");
    let th = thresholds(&c);
    assert!(
        th.contains(&"0.95".parse().unwrap()) && th.contains(&"0.7".parse().unwrap()),
        "{th:?}"
    );
    let mut rng = Rng::new(3);
    let slot = c.fact_slot("预算完成率").unwrap() as usize;
    let hits = (0..1000)
        .filter(|_| {
            fact_set(&c, &th, &mut rng)[slot]
                == jixiao::eval::value::Value::Num("0.95".parse().unwrap())
        })
        .count();
    assert!(hits > 5, "95% generated exactly {hits} times in 1000");
}

#[test]
fn failures_carry_the_reference_diagnostic() {
    let c = rubric(
        "评分表 \"t\" 满分 10\n等级 好 >= 5，差\n输入 a: 万元\n输入 b: 万元\n定义 r = a / b\n\
         指标 x 10 {\n  如果 r >= 95% 则 10\n  如果 r >= 50% 则 5\n}\n",
    );
    let k = Compiled::new(&c);
    let mut s = k.scratch();
    let mut fs = FactSet::empty(&c);
    fs.values = vec![
        Some(jixiao::eval::value::Value::Num(1.into())),
        Some(jixiao::eval::value::Value::Num(0.into())),
    ];
    let got = k.score(&fs, &mut s).unwrap_err();
    assert_eq!(got.code(), "E401");
    assert_eq!(
        format!("{got:?}"),
        format!("{:?}", jixiao::eval::score(&c, &fs).unwrap_err())
    );
    // No row matched (40%): E402 from the reference, same span.
    fs.values[1] = Some(jixiao::eval::value::Value::Num(10.into()));
    let got = k.score(&fs, &mut s).unwrap_err();
    assert_eq!(got.code(), "E402");
    // And the scratch still scores the next fact set.
    fs.values[0] = Some(jixiao::eval::value::Value::Num("9.5".parse().unwrap()));
    assert_eq!(
        k.score(&fs, &mut s).unwrap().total,
        "10.00".parse().unwrap()
    );
}

/// Every scoring shape, not-applicable policies, bonus, penalty, vetoes,
/// derived values with a guarded division, functions and comparisons.
const EVERYTHING: &str = "评分表 \"全\" 满分 40\n保留 2 位小数（四舍五入）\n等级 优 >= 36，良 >= 32，中 >= 24，差\n\
输入 率: 百分比\n输入 完成值: 万元\n输入 目标值: 万元\n输入 人数: 人\n输入 天数: 天 正数\n\
输入 甲项: 是否\n输入 乙项: 是否\n输入 事故: 次\n输入 档次: {好, 中, 差}\n输入 得分率: 百分比\n\
输入 无采购: 是否\n输入 无培训: 是否\n输入 挪用: 是否\n输入 重大事故: 是否\n\
定义 完成率 = 完成值 / 目标值\n\
指标 一 10 {\n\
  指标 扣步 4 {\n    如果 |率| ≤ 5% 则 4\n    否则 从 4 分扣：|率| 超出 5% 的部分 每 0.1个百分点 扣 0.1 分（不足一步按一步），扣完为止\n  }\n\
  指标 比例 3 { 如果 目标值 = 0 万元 则 0\n 否则 按比例 完成率 }\n\
  指标 正向指标 3 { 正向 实际 人数 目标 400 人 }\n\
}\n\
指标 二 10 {\n\
  指标 反向指标 2 { 反向 实际 天数 目标 10 天 }\n\
  指标 清单指标 3 { 清单 每项 扣 2 分：甲项，乙项，扣完为止 }\n\
  指标 事故指标 2 { 清单 每项 扣 0.5 分：事故，扣完为止 }\n\
  指标 对照指标 3 { 对照 档次：好 得 3，中 得 2，差 得 0 }\n\
}\n\
指标 三 10 {\n\
  指标 采购 4 { 不适用 如果 无采购 则 剔除\n 如果 目标值 = 0 万元 则 0\n 如果 完成率 在 90%（含）和 110% 之间 则 4 否则 round(min(完成率, 1) × 3.333, 1) }\n\
  指标 培训 2 { 不适用 如果 无培训 则 转给 定性指标\n 得分 = clamp(人数 / 100 人, 0, 2) }\n\
  指标 定性指标 4 { 定性 档次 得分率 得分率：好 80%（含）至 100%（含），中 50%（含）至 80%，差 10%（含）至 50% }\n\
}\n\
指标 四 10 {\n\
  指标 否决 6 { 一票否决 如果 挪用\n 如果 率 ≥ 95% 且 非 甲项 则 6\n 如果 率 < 0 或 乙项 则 3\n 否则 max(floor(率 × 10), 0) }\n\
  指标 满分 4 { 不适用 如果 无培训 则 满分\n 如果 率 在 0%（含）和 50%（含） 之间 则 4 否则 1 }\n\
}\n\
加分 创新 最高 3 { 清单 每项 得 1 分：事故 }\n\
减分 问题 最多 2 { 清单 每项 得 2 分：乙项 }\n\
一票否决 如果 重大事故 则 等级 不高于 良\n";

#[test]
fn compiled_equals_reference_on_every_shape_and_policy() {
    let c = rubric(EVERYTHING);
    let (ok, failed) = agree(&c, 4000, 99);
    assert!(
        ok > 400 && failed > 40,
        "scored {ok}, failed {failed}: both paths need exercising"
    );
}

/// Tier tables in every orientation and bound style, where the compiled
/// form drops bounds that earlier failed rows prove.
const TIERS: &str = "评分表 \"档\" 满分 40\n保留 2 位小数（四舍五入）\n等级 优 >= 36，差\n\
输入 甲: 百分比\n输入 乙: 百分比\n输入 丙: 万元\n输入 丁: 万元 正数\n定义 比 = 丙 / 丁\n\
指标 降 10 {\n 如果 甲 ≥ 95% 则 10\n 如果 甲 在 90%（含）和 95% 之间 则 8\n 如果 甲 在 80% 和 90% 之间 则 6\n 如果 甲 < 80% 则 5\n 如果 甲 > 70% 则 4\n 如果 甲 ＜ 70% 则 1\n 否则 0\n}\n\
指标 升 10 {\n 如果 乙 ≤ 20% 则 10\n 如果 乙 在 20% 和 40%（含） 之间 则 7\n 如果 乙 在 40%（含）和 60% 之间 则 5\n 如果 乙 < 60% 则 3\n 如果 乙 ≥ 60% 则 2\n}\n\
指标 混 10 {\n 如果 甲 = 100% 则 10\n 如果 乙 ≥ 50% 则 9\n 如果 甲 ≥ 50% 则 7\n 如果 甲 在 40%（含）和 50% 之间 则 5\n 如果 甲 ≤ 40% 则 2\n}\n\
指标 比值 10 {\n 如果 比 > 100% 则 10\n 如果 比 在 90%（含）和 100%（含） 之间 则 8\n 如果 比 ≥ 90% 则 6\n 如果 比 ≥ 0% 则 3\n 否则 0\n}\n";

#[test]
fn tier_tables_drop_only_proved_bounds() {
    let c = rubric(TIERS);
    let (ok, _) = agree(&c, 4000, 5);
    assert!(ok > 3000, "scored {ok}");
}

/// A rubric with a target table: the compiled evaluator hands it to the
/// reference (rows are not slots), so the scorecards are the reference's;
/// the slots-only fast path refuses it rather than scoring the table 0.
#[test]
fn target_tables_score_as_the_reference_and_the_fast_path_refuses_them() {
    let c = bundled("dongxihu-2020");
    let rows = bundled_rows("dongxihu-2020", &c);
    assert_eq!(rows.len(), 1);
    let (ok, _) = agree_with_rows(&c, 300, 11, &rows);
    assert!(ok > 30, "only {ok} scored");
    let k = Compiled::new(&c);
    let mut s = k.scratch();
    let mut rng = Rng::new(5);
    let th = thresholds(&c);
    let row = fact_set(&c, &th, &mut rng);
    s.facts_mut().copy_from_slice(&row);
    assert!(k.run_fast(&mut s).is_err());
    // The full path names the missing rows (E301), as the reference does.
    let err = k.run(&mut s).unwrap_err();
    assert_eq!(err.code(), "E301");
}

/// Tables the compiled evaluator reads as one slot tested row by row
/// (yes/no, 非, a derived quotient that can divide by zero), and tables
/// that mix subjects and stay closures: every fact set as the reference.
const YES_NO: &str = "评分表 \"是否\" 满分 40\n保留 2 位小数（四舍五入）\n等级 优 >= 20，差\n\
输入 甲: 是否\n输入 乙: 是否\n输入 丙: 万元\n输入 丁: 万元\n定义 比 = 丙 / 丁\n\
指标 正 10 {\n 如果 甲 则 10\n 否则 0\n}\n\
指标 反 10 {\n 如果 非 乙 则 10\n 如果 乙 则 4\n}\n\
指标 混 10 {\n 如果 非 乙 则 10\n 如果 甲 则 5\n 否则 1\n}\n\
指标 比率 10 {\n 如果 比 ≥ 100% 则 10\n 如果 比 在 50%（含）和 100% 之间 则 5\n 否则 0\n}\n";

#[test]
fn yes_no_and_quotient_tables_score_as_the_reference() {
    let c = rubric(YES_NO);
    let (ok, failed) = agree(&c, 3000, 13);
    assert!(ok > 1000, "scored {ok}, failed {failed}");
    // 丁 = 0: the quotient's table fails on its first row, as the reference.
    let k = Compiled::new(&c);
    let mut s = k.scratch();
    let num = |x: i64| jixiao::eval::value::Value::Num(rust_decimal::Decimal::from(x));
    s.facts_mut()
        .copy_from_slice(&[Value::Bool(true), Value::Bool(false), num(5), num(0)]);
    assert!(k.run_quick(&mut s).is_err());
    assert_eq!(k.run(&mut s).unwrap_err().code(), "E401");
    s.facts_mut()[3] = num(4);
    let q = k.run_quick(&mut s).unwrap();
    assert_eq!((q.total.to_string().as_str(), q.grade), ("40.00", 0));
}

/// Scoring a slab of rows in place (`run_quick_rows`, which prefetches the
/// rows ahead) gives, row for row, what filling the scratch and `run_quick`
/// gives, the card included; a failing row does not disturb the next.
#[test]
fn rows_scored_in_place_equal_rows_copied_in() {
    for name in ["shaanxi-2019", "jinzhong-2020"] {
        let c = bundled(name);
        let k = Compiled::new(&c);
        let (mut s, mut t) = (k.scratch(), k.scratch());
        let th = thresholds(&c);
        let mut rng = Rng::new(11);
        let rows: Vec<Vec<Value>> = (0..400).map(|_| fact_set(&c, &th, &mut rng)).collect();
        let flat = rows.concat();
        let mut seen = 0;
        let mut failed = 0;
        k.run_quick_rows(&mut s, &flat, |i, s, got| {
            t.facts_mut().copy_from_slice(&rows[i]);
            let want = k.run_quick(&mut t);
            assert_eq!(got, want, "{name} row {i}");
            if got.is_ok() {
                assert_eq!(
                    format!("{:?}", k.card(s)),
                    format!("{:?}", k.card(&mut t)),
                    "{name} row {i}"
                );
            } else {
                failed += 1;
            }
            seen += 1;
        });
        assert_eq!(seen, rows.len());
        assert!(
            failed > 0 && failed < seen,
            "{name}: {failed} of {seen} fail"
        );
    }
}
