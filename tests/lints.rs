//! Rollout-safety lints (W203–W212): each proven over exact decimal cells,
//! with the witness the message must carry.

use jixiao::diag::{Diagnostic, Lang, SourceMap};

fn warnings(rules: &str) -> Vec<Diagnostic> {
    let mut map = SourceMap::new();
    let id = map.add("t.jx", rules.to_string());
    match jixiao::compile(&map, id) {
        Ok(o) => o.warnings.0,
        Err(d) => d.0,
    }
}

fn with(code: &str, rules: &str) -> Vec<String> {
    warnings(rules)
        .iter()
        .filter(|d| d.code() == code)
        .map(|d| d.msg.text(Lang::Zh))
        .collect()
}

const HEAD: &str = "评分表 \"t\" 年度 2020 满分 10\n等级 优 >= 9，良 >= 8，中 >= 6，差\n";

fn rubric(body: &str) -> String {
    format!("{HEAD}{body}")
}

#[test]
fn shaanxi_reports_the_non_monotone_tiers_and_the_unfloored_checklist() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/shaanxi-2019.jx"
    ))
    .unwrap();
    let w206 = with("W206", &text);
    assert_eq!(w206.len(), 1, "{w206:?}");
    assert!(w206[0].contains("100% → 10 分，101% → 9 分"), "{}", w206[0]);
    let w208 = with("W208", &text);
    assert_eq!(w208.len(), 1, "{w208:?}");
    assert!(
        w208[0].starts_with("“资金使用合规性”可能得负分"),
        "{}",
        w208[0]
    );
    assert!(w208[0].ends_with("时得 -5 分"), "{}", w208[0]);
    let w205 = with("W205", &text);
    assert_eq!(
        w205,
        vec!["“预算完成率”的第 1 行与第 2 行重叠：100% 两行都适用，按先后取第 1 行".to_string()]
    );
}

#[test]
fn a_gap_between_tiers_is_found_with_a_witness() {
    let r = rubric("输入 进度: 百分比 正向\n指标 甲 10 {\n  如果 进度 ≥ 45% 则 10\n  如果 进度 ＜ 40% 则 0\n}\n");
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的分档有缺口：[40%, 45%) 内的值（例如 40%）没有任何一行适用".to_string()]
    );
}

#[test]
fn an_endpoint_neither_tier_includes_is_reported() {
    let r = rubric("输入 进度: 百分比\n指标 甲 10 {\n  如果 进度 ＞ 95% 则 10\n  如果 进度 在 0%（含）和 95% 之间 则 5\n}\n");
    assert_eq!(
        with("W210", &r),
        vec!["“甲”的端点 95% 没有归属：相邻两档都不含这个值".to_string()]
    );
    assert!(with("W203", &r).is_empty());
}

#[test]
fn percent_domain_starts_at_zero_and_constraints_replace_it() {
    // Below 0% is outside the assumed domain: no gap.
    let r = rubric("输入 进度: 百分比\n指标 甲 10 {\n  如果 进度 ≥ 50% 则 10\n  如果 进度 在 0%（含）和 50% 之间 则 5\n}\n");
    assert!(with("W203", &r).is_empty());
    // A constraint that allows negative values opens the gap below 0%.
    let r = rubric(
        "输入 进度: 百分比\n约束 -100% ≤ 进度 ≤ 100%\n指标 甲 10 {\n  如果 进度 ≥ 50% 则 10\n  如果 进度 在 0%（含）和 50% 之间 则 5\n}\n",
    );
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的分档有缺口：[-100%, 0%) 内的值（例如 -100%）没有任何一行适用".to_string()]
    );
}

#[test]
fn a_row_masked_by_earlier_rows_never_applies() {
    let r = rubric(
        "输入 率: 百分比\n指标 甲 10 {\n  如果 率 ≥ 90% 则 10\n  如果 率 ≥ 95% 则 8\n  否则 0\n}\n",
    );
    assert_eq!(
        with("W204", &r),
        vec!["“甲”的第 2 行永远不会适用：它覆盖的取值都已被前面的行取走".to_string()]
    );
}

#[test]
fn lower_is_better_must_not_score_higher_for_higher_values() {
    let r = rubric("输入 率: 百分比 反向\n指标 甲 10 {\n  如果 率 ≤ 20% 则 5\n  如果 率 在 20% 和 40%（含）之间 则 8\n  否则 0\n}\n");
    let w = with("W206", &r);
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("20% → 5 分，21% → 8 分"), "{}", w[0]);
}

#[test]
fn checklists_and_deductions_that_leave_zero_to_weight() {
    let r = rubric("输入 甲: 是否\n输入 乙: 是否\n指标 规范 3 { 清单 每项 得 2 分：甲，乙 }\n指标 合规 7 { 如果 甲 则 7 否则 0 }\n");
    assert_eq!(
        with("W207", &r),
        vec!["“规范”可能得分超过分值 3：甲 = 是，乙 = 是 时得 4 分".to_string()]
    );
    let r = rubric("输入 率: 百分比 反向\n指标 控制 10 {\n  如果 率 ≤ 100% 则 10\n  否则 从 10 分扣：率 超出 100% 的部分 每 1个百分点 扣 1 分（按整步）\n}\n");
    assert_eq!(
        with("W208", &r),
        vec!["“控制”可能得负分：率 = 111% 时得 -1 分".to_string()]
    );
}

#[test]
fn grade_bands_with_a_gap_or_out_of_reach() {
    let r = "评分表 \"t\" 年度 2020 满分 100\n等级 优 > 100，良 >= 80，中 >= 60\n输入 率: 百分比\n指标 甲 100 { 按比例 率 }\n";
    assert_eq!(
        with("W209", r),
        vec!["等级划分有缺口：总分在 0～60 之间时没有等级".to_string()]
    );
    assert_eq!(
        with("W211", r),
        vec!["等级“优”的下限 100 不低于满分 100，永远达不到".to_string()]
    );
}

#[test]
fn allow_silences_one_site_and_must_be_used_and_valid() {
    let body = "输入 率: 百分比 正向\n指标 甲 10 {\n  允许 W206 \"原文如此\"\n  允许 W205 \"原文如此\"\n  如果 率 = 100% 则 10\n  如果 率 ≥ 95% 则 9\n  否则 0\n}\n指标 乙 0 { 允许 W203 \"不会用到\" 得分 = 0 }\n";
    let codes: Vec<&str> = warnings(&rubric(body)).iter().map(|d| d.code()).collect();
    assert_eq!(
        codes,
        vec!["W212"],
        "W206 and W205 silenced in 甲, the unused allow in 乙 reported"
    );
    let bad = rubric("输入 率: 百分比\n指标 甲 10 { 允许 E101 \"不行\" 按比例 率 }\n");
    let codes: Vec<&str> = warnings(&bad).iter().map(|d| d.code()).collect();
    assert_eq!(codes, vec!["E125"]);
}

#[test]
fn messages_have_english() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/shaanxi-2019.jx"
    ))
    .unwrap();
    let w = warnings(&text);
    let en = w
        .iter()
        .find(|d| d.code() == "W206")
        .unwrap()
        .msg
        .text(Lang::En);
    assert_eq!(en, "`预算完成率` is declared higher-is-better (`正向`) but `预算完成率` does not score monotonically: 100% → 10, 101% → 9");
}

#[test]
fn cli_check_prints_the_witnesses_and_exits_0_unless_denied() {
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["check", "rules/shaanxi-2019.jx"])
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(err.contains("警告[W206]: “预算完成率”声明为正向（越高越好），但“预算完成率”的得分不单调：100% → 10 分，101% → 9 分"), "{err}");
    assert!(
        err.contains("警告[W208]: “资金使用合规性”可能得负分"),
        "{err}"
    );
    assert_eq!(run(&["--deny-warnings"]).0, Some(1));
}

#[test]
fn qualitative_bands_that_overlap_or_leave_a_rate_out() {
    let r = rubric("输入 档次: {好, 中, 差}\n输入 率: 百分比\n指标 甲 10 {\n  定性 档次 得分率 率：好 80%（含）至 100%（含），中 50% 至 80%（含），差 10%（含）至 50%\n}\n");
    assert_eq!(
        with("W213", &r),
        vec!["“甲”的“好”档与“中”档的得分率范围重叠：80% 两档都可以".to_string()]
    );
    assert_eq!(
        with("W214", &r),
        vec!["“甲”的得分率范围有缺口：50% 不属于任何一档".to_string()]
    );
    // The seed's 三档 bands are clean.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/shaanxi-2019.jx"
    ))
    .unwrap();
    assert!(with("W213", &text).is_empty() && with("W214", &text).is_empty());
}

#[test]
fn grades_written_as_ranges_must_meet() {
    let head = "评分表 \"t\" 年度 2020 满分 100\n";
    let tail = "输入 率: 百分比\n指标 甲 100 { 按比例 率 }\n";
    let gap = format!("{head}等级 优 90（含）至 100（含），良 80（含）至 89（含），差\n{tail}");
    let d = warnings(&gap);
    assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), vec!["E126"]);
    assert_eq!(
        d[0].msg.text(Lang::Zh),
        "等级区间之间有缺口：总分在 89 与 90 之间时没有等级"
    );
    let overlap = format!(
        "{head}等级 优 90（含）至 100（含），良 80（含）至 90，中 60（含）至 80（含），差\n{tail}"
    );
    assert_eq!(
        with("W215", &overlap),
        vec!["等级“良”与“中”的区间重叠：总分 80 两个等级都包含，取较高的“良”".to_string()]
    );
    let clean = format!(
        "{head}等级 优 90（含）至 100（含），良 80（含）至 90，中 60（含）至 80，差\n{tail}"
    );
    assert!(warnings(&clean).is_empty());
}

#[test]
fn may_go_negative_respects_earlier_rows() {
    // w208-earlier-row.jx: 45 天 (−1 分) is caught by the earlier `> 30 天` row.
    let r = rubric("输入 天数: 天\n指标 下达 10 {\n  如果 天数 ≤ 15 天 则 10\n  如果 天数 > 30 天 则 0\n  否则 从 1 分扣：天数 超出 15 天 的部分 每 15 天 扣 1 分（按比例）\n}\n");
    assert!(with("W208", &r).is_empty(), "{:?}", with("W208", &r));
    // With the earlier row further out, the witness moves past it.
    let r = rubric("输入 天数: 天\n指标 下达 10 {\n  如果 天数 ≤ 15 天 则 10\n  如果 天数 在 40 天 和 50 天 之间 则 0\n  否则 从 10 分扣：天数 超出 15 天 的部分 每 1 天 扣 1 分（按整步）\n}\n");
    assert_eq!(
        with("W208", &r),
        vec!["“下达”可能得负分：天数 = 26 天 时得 -1 分".to_string()]
    );
}

#[test]
fn negative_percentages_are_refused_unless_declared_and_then_linted() {
    // negative-percent.jx: a rate is at least 0 unless a 约束 says otherwise.
    let plain = rubric("输入 增幅: 百分比\n指标 增幅 10 { 按比例 增幅 }\n");
    assert!(with("W208", &plain).is_empty());
    let (c, mut map) = {
        let mut map = SourceMap::new();
        let id = map.add("t.jx", plain.clone());
        (jixiao::compile(&map, id).ok().unwrap().checked, map)
    };
    let fid = map.add("f.toml", "增幅 = \"-5%\"".to_string());
    let err = jixiao::facts::load("增幅 = \"-5%\"", fid, jixiao::facts::Format::Toml, &c)
        .expect_err("−5% is refused");
    assert_eq!(err.0[0].code(), "E312");
    let text = jixiao::diag::render_text(&err.0, &map, Lang::Zh, false);
    assert!(text.contains("写一行 约束 增幅 ≥ -100%"), "{text}");
    // Declared: the lints consider the negative rates.
    let open = rubric("输入 增幅: 百分比\n约束 增幅 ≥ -100%\n指标 增幅 10 { 按比例 增幅 }\n");
    assert_eq!(
        with("W208", &open),
        vec!["“增幅”可能得负分：增幅 = -1% 时得 -0.1 分".to_string()]
    );
    // Reading the rate through |…| or against a negative constant declares
    // that it can be negative: no floor, and −5% loads.
    for body in [
        "输入 率: 百分比\n指标 甲 10 { 如果 |率| ≤ 5% 则 10 否则 0 }\n",
        "输入 率: 百分比\n指标 甲 10 { 如果 率 < -10% 则 0 否则 10 }\n",
    ] {
        let mut map = SourceMap::new();
        let id = map.add("t.jx", rubric(body));
        let c = jixiao::compile(&map, id).ok().unwrap().checked;
        let fid = map.add("f.toml", "率 = \"-5%\"".to_string());
        assert!(
            jixiao::facts::load("率 = \"-5%\"", fid, jixiao::facts::Format::Toml, &c).is_ok(),
            "{body}"
        );
    }
    // ... and an earlier row that handles them silences the warning.
    let handled = rubric("输入 增幅: 百分比\n约束 增幅 ≥ -100%\n指标 增幅 10 {\n 如果 增幅 < 0 则 0\n 否则 按比例 增幅 }\n");
    assert!(with("W208", &handled).is_empty());
}

/// Re-check 2026-12 (newcomer §2e): `如果 三公实际 ≤ 三公预算 则 60` with no
/// `否则` passed `check`, and a department over budget failed at scoring
/// with E402.
#[test]
fn two_inputs_compared_without_otherwise_name_the_ordering_left_out() {
    let head = "输入 实际: 元\n输入 预算: 万元\n";
    let r = rubric(&format!("{head}指标 甲 10 {{ 如果 实际 <= 预算 则 10 }}\n"));
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的条件有缺口：实际 > 预算 时没有任何一行适用".to_string()]
    );
    let r = rubric(&format!(
        "{head}指标 甲 10 {{\n 如果 实际 < 预算 则 10\n 如果 实际 > 预算 则 0\n}}\n"
    ));
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的条件有缺口：实际 = 预算 时没有任何一行适用".to_string()]
    );
    // Covered: both sides, an 否则, or a constraint that rules the rest out.
    for body in [
        "指标 甲 10 {\n 如果 实际 <= 预算 则 10\n 如果 实际 > 预算 则 0\n}\n",
        "指标 甲 10 { 如果 实际 <= 预算 则 10 否则 0 }\n",
        "约束 实际 ≤ 预算\n指标 甲 10 { 如果 实际 <= 预算 则 10 }\n",
        "指标 甲 10 {\n 如果 预算 >= 实际 则 10\n 如果 非 (实际 <= 预算) 则 0\n}\n",
    ] {
        let r = rubric(&format!("{head}{body}"));
        assert!(
            with("W203", &r).is_empty(),
            "{body}: {:?}",
            with("W203", &r)
        );
    }
    // A constant in the condition: outside this exact fragment, no claim.
    let r = rubric(&format!(
        "{head}指标 甲 10 {{ 如果 实际 <= 预算 且 实际 > 0 元 则 10 }}\n"
    ));
    assert!(with("W203", &r).is_empty());
}

/// text-input.jx (re-check 2026-12): a 文本 input is shown, never computed
/// with; W202 called it unused and `--deny-warnings` refused the rubric.
#[test]
fn a_text_input_is_not_called_unused() {
    let r = rubric(
        "输入 满意度: 百分比\n输入 偏差原因: 文本\n指标 甲 10 { 正向 实际 满意度 目标 90% }\n",
    );
    assert!(with("W202", &r).is_empty(), "{:?}", with("W202", &r));
    let r =
        rubric("输入 满意度: 百分比\n输入 没用: 数\n指标 甲 10 { 正向 实际 满意度 目标 90% }\n");
    assert_eq!(with("W202", &r).len(), 1);
}

/// minus-sign.jx (re-check 2026-12): a row against a negative rate was
/// "never applies" (W204) while −35% loaded and scored by it, because the
/// lints assumed `≥ 0` for every percentage on top of `floors.rs`.
#[test]
fn a_row_against_a_negative_rate_is_not_called_unreachable() {
    for minus in ["-", "−"] {
        let r = rubric(&format!(
            "输入 变动率: 百分比\n指标 甲 10 {{\n  如果 变动率 ≤ {minus}30% 则 10\n  否则 0\n}}\n"
        ));
        assert!(
            with("W204", &r).is_empty(),
            "{minus}: {:?}",
            with("W204", &r)
        );
    }
    // Its gaps below zero are real gaps now, and said so.
    let r = rubric("输入 变动率: 百分比\n指标 甲 10 {\n  如果 变动率 ≤ -30% 则 10\n  如果 变动率 ≥ 0% 则 0\n}\n");
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的分档有缺口：(-30%, 0%) 内的值（例如 -29%）没有任何一行适用".to_string()]
    );
    // A rate read only as unsigned keeps its floor: no gap below 0%.
    let r = rubric(
        "输入 进度: 百分比\n指标 甲 10 {\n  如果 进度 ≥ 50% 则 10\n  如果 进度 < 50% 则 5\n}\n",
    );
    assert!(with("W203", &r).is_empty() && with("W204", &r).is_empty());
}

#[test]
fn gaps_over_yes_no_and_enumeration_conditions_name_the_case() {
    // gap-bool.jx: `check` passed, and 东部 below 100% failed at scoring (E402).
    let r = rubric("输入 地区: {东部, 中部, 西部}\n输入 比例: 百分比\n指标 甲 10 {\n  如果 (地区 = 中部 且 比例 ≥ 40%) 或 (地区 = 西部 且 比例 ≥ 30%) 或 (地区 = 东部 且 比例 ≥ 100%) 则 10\n  如果 (地区 = 中部 且 比例 < 40%) 或 (地区 = 西部 且 比例 < 30%) 则 0\n}\n");
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的条件有缺口：地区 = 东部 且 比例 < 100% 时没有任何一行适用".to_string()]
    );
    // Yes/no alone, and with a number in the middle of its line.
    let r = rubric("输入 达标: 是否\n指标 甲 10 { 如果 达标 则 10 }\n");
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的条件有缺口：达标 = 否 时没有任何一行适用".to_string()]
    );
    let r = rubric("输入 达标: 是否\n输入 率: 百分比\n指标 甲 10 {\n 如果 达标 则 10\n 如果 率 ≥ 90% 则 5\n 如果 率 < 40% 则 0\n}\n");
    assert_eq!(
        with("W203", &r),
        vec!["“甲”的条件有缺口：达标 = 否 且 40% ≤ 率 < 90% 时没有任何一行适用".to_string()]
    );
    // Covered: an 否则 row, or every variant.
    let r = rubric("输入 达标: 是否\n指标 甲 10 { 如果 达标 则 10 否则 0 }\n");
    assert!(with("W203", &r).is_empty());
    let r = rubric("输入 地区: {东部, 西部}\n指标 甲 10 {\n 如果 地区 = 东部 则 10\n 如果 地区 ≠ 东部 则 5\n}\n");
    assert!(with("W203", &r).is_empty());
    // Two numbers: outside the exact fragment, no claim either way.
    let r = rubric(
        "输入 达标: 是否\n输入 a: 数\n输入 b: 数\n指标 甲 10 { 如果 达标 且 a > b 则 10 }\n",
    );
    assert!(with("W203", &r).is_empty());
}

/// The bundled rubrics keep exactly the warnings they are known to have
/// (each explained in its file or in tests above); a lint change that adds
/// one must decide whether the rubric or the lint is wrong.
#[test]
fn bundled_rubrics_keep_their_known_warnings() {
    for (name, want) in [
        ("dongxihu-2020", vec![]),
        ("jinzhong-2020", vec!["W201", "W201"]),
        ("shaanxi-2019", vec!["W205", "W206", "W208"]),
        ("shaanxi-2020-draft", vec!["W205", "W206", "W208"]),
    ] {
        let path = format!("{}/rules/{name}.jx", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let mut got: Vec<&str> = warnings(&text).iter().map(|d| d.code()).collect();
        got.sort();
        assert_eq!(got, want, "{name}");
    }
    // 正向 of a count (not a rate) is not linted for negative values.
    let r = rubric("输入 人数: 人\n指标 甲 10 { 正向 实际 人数 目标 400 人 }\n");
    assert!(with("W208", &r).is_empty());
}

#[test]
fn a_checklist_may_go_negative_only_for_answers_that_reach_it() {
    let list = |w: u32| {
        rubric(&format!("输入 甲: 是否\n输入 乙: 是否\n输入 丙: 是否\n指标 合规 {w} {{\n  如果 非 甲 且 非 乙 且 非 丙 则 0\n  清单 每项 扣 2 分：甲，乙，丙\n}}\n指标 其他 {} {{ 得分 = {} }}\n", 10 - w, 10 - w))
    };
    // All 否 is caught by the first row; two 否 lose 4 of 5: no warning.
    assert!(
        with("W208", &list(5)).is_empty(),
        "{:?}",
        with("W208", &list(5))
    );
    // Of 3, two 否 still go below zero.
    assert_eq!(
        with("W208", &list(3)),
        vec!["“合规”可能得负分：甲 = 是，乙 = 否，丙 = 否 时得 -1 分".to_string()]
    );
}
