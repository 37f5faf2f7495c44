//! The bundled 2020 national 项目支出绩效自评表 (rules/project-2020.jx):
//! one rubric scores two projects of different sizes, every row kind.

use jixiao::diag::{render_text, Lang, SourceMap};
use jixiao::eval::targets::RowKind;
use rust_decimal::Decimal;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/");

fn checked(map: &mut SourceMap) -> jixiao::check::Checked {
    let text = std::fs::read_to_string(format!("{DIR}project-2020.jx")).unwrap();
    let id = map.add("rules/project-2020.jx", text);
    match jixiao::compile(map, id) {
        Ok(o) => {
            assert!(o.warnings.0.is_empty(), "warnings: {:?}", o.warnings.0);
            o.checked
        }
        Err(d) => panic!("{}", render_text(&d.0, map, Lang::Zh, false)),
    }
}

fn load(project: &str, edit: impl Fn(String) -> String) -> Result<jixiao::eval::Scorecard, String> {
    let mut map = SourceMap::new();
    let c = checked(&mut map);
    let text =
        edit(std::fs::read_to_string(format!("{DIR}project-2020.{project}.facts.toml")).unwrap());
    let id = map.add(format!("{project}.facts.toml"), text.clone());
    let fs = jixiao::facts::load(&text, id, jixiao::facts::Format::Toml, &c).map_err(|d| {
        d.0.iter()
            .map(|d| d.code().to_string())
            .collect::<Vec<_>>()
            .join(",")
    })?;
    let card = jixiao::eval::score(&c, &fs).map_err(|d| d.code().to_string())?;
    // The compiled evaluator gives the same scorecard.
    let k = jixiao::compiled::Compiled::new(&c);
    let mut s = k.scratch();
    assert_eq!(k.score(&fs, &mut s).unwrap(), card);
    Ok(card)
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn water_project_eight_rows_of_every_kind() {
    let card = load("yinshui", |t| t).unwrap();
    assert_eq!(card.total, d("93.00"));
    let rows = &card.tables[0];
    assert_eq!(rows.len(), 8);
    let kinds: Vec<RowKind> = rows.iter().map(|r| r.row.kind).collect();
    for k in [
        RowKind::AtLeast,
        RowKind::AtMost,
        RowKind::Equal,
        RowKind::Qualitative,
    ] {
        assert!(kinds.contains(&k), "{k:?} missing");
    }
    // ≥ missed: 10 × 80/85; ≤ over: 10 × 10/11; ≤ under: full; = met: full.
    assert_eq!(rows[1].score.round_dp(4), d("9.4118"));
    assert_eq!(rows[3].score.round_dp(4), d("9.0909"));
    assert_eq!(rows[4].score, d("10"));
    assert_eq!(rows[2].score, d("10"));
    // 定性: the assessor's 10 within [9, 12).
    assert!(rows[6].assessor && rows[6].score == d("10"));
    assert_eq!(rows[1].row.groups, ["产出指标", "数量指标"]);
    assert!(rows[1].row.reason.as_deref().unwrap().contains("铁路"));
}

#[test]
fn water_project_rule_edges() {
    // = missed scores 0 (等于 未达到 得 0%).
    let card = load("yinshui", |t| {
        t.replacen("实际完成值 = \"100%\"", "实际完成值 = \"98%\"", 1)
    })
    .unwrap();
    assert_eq!(card.tables[0][2].score, d("0"));
    assert_eq!(card.total, d("83.00"));
    // The assessor's score outside 部分达成's range [9, 12).
    assert_eq!(
        load("yinshui", |t| t.replace("得分 = 10", "得分 = 12")).unwrap_err(),
        "E346"
    );
    // Rows' weights must add up to 90.
    assert_eq!(
        load("yinshui", |t| t.replacen("分值 = 15", "分值 = 16", 1)).unwrap_err(),
        "E344"
    );
}

#[test]
fn library_project_four_rows_one_with_a_blank_name() {
    let card = load("tushu", |t| t).unwrap();
    assert_eq!(card.total, d("92.95"));
    let rows = &card.tables[0];
    assert_eq!(rows.len(), 4);
    assert!(rows[1].row.name_generated);
    assert_eq!(rows[1].row.name, "（第2行，未填名称）");
    assert_eq!(rows[1].score.round_dp(2), d("18.95"));
}
