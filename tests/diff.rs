//! `jixiao diff` between shaanxi-2019 and its 2020 draft over 240 synthetic
//! units: every changed indicator score is explained by an edited indicator.

use jixiao::diag::{Lang, SourceMap};
use jixiao::diff::{self, edits::EditKind, Outcome};
use std::process::Command;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/");

fn rubric(map: &mut SourceMap, stem: &str) -> jixiao::check::Checked {
    let id = map.add(
        format!("{stem}.jx"),
        std::fs::read_to_string(format!("{DIR}{stem}.jx")).unwrap(),
    );
    jixiao::compile(map, id)
        .unwrap_or_else(|_| panic!("{stem} compiles"))
        .checked
}

fn units(map: &mut SourceMap) -> Vec<diff::data::Unit> {
    let text = std::fs::read_to_string(format!("{DIR}shaanxi-synthetic-units.csv")).unwrap();
    let id = map.add("units.csv", text.clone());
    diff::data::read_csv(&text, id).unwrap()
}

#[test]
fn every_changed_score_is_explained_by_the_edited_indicator() {
    let mut map = SourceMap::new();
    let old = rubric(&mut map, "shaanxi-2019");
    let new = rubric(&mut map, "shaanxi-2020-draft");
    let units = units(&mut map);
    assert!(units.len() >= 200, "{} units", units.len());
    let d = diff::diff(&old, &new, &map, &units);
    let edited: Vec<(&str, &EditKind)> =
        d.edits.iter().map(|e| (e.name.as_str(), &e.kind)).collect();
    assert_eq!(edited.len(), 3, "{edited:?}");
    assert_eq!(edited[0], ("半年进度", &EditKind::Rules));
    assert!(matches!(edited[1], ("项目产出", EditKind::Weight { .. })));
    assert!(matches!(edited[2], ("项目效益", EditKind::Weight { .. })));
    let mut changed = 0;
    for u in &d.units {
        assert!(
            matches!(u.old, Outcome::Scored { .. }) && matches!(u.new, Outcome::Scored { .. }),
            "{}",
            u.label
        );
        for c in &u.changes {
            changed += 1;
            assert!(
                !c.causes.is_empty(),
                "{}: {} changed with no edit behind it",
                u.label,
                c.indicator
            );
            let leaf = ["半年进度", "项目产出", "项目效益"].contains(&c.indicator.as_str());
            if leaf {
                // A leaf's change is its own edit, and only that.
                assert_eq!(c.causes.len(), 1);
                assert_eq!(d.edits[c.causes[0]].name, c.indicator);
            }
        }
    }
    assert!(changed > 200, "only {changed} changed scores");
    let flips = d.units.iter().filter(|u| u.flipped()).count();
    assert!(flips > 0);
    let (a, b) = (
        diff::summary(&old, &d.units, false),
        diff::summary(&new, &d.units, true),
    );
    assert_eq!((a.count, b.count), (units.len(), units.len()));
    assert_eq!(a.grades.iter().map(|g| g.1).sum::<usize>(), units.len());
    assert_eq!(b.grades.iter().map(|g| g.1).sum::<usize>(), units.len());
}

#[test]
fn facts_the_new_rubric_needs_are_reported_not_guessed() {
    let mut map = SourceMap::new();
    let old = rubric(&mut map, "shaanxi-2019");
    let new = rubric(&mut map, "dongxihu-2020");
    let units = units(&mut map);
    let d = diff::diff(&old, &new, &map, &units[..2]);
    let Outcome::Missing(names) = &d.units[0].new else {
        panic!("expected missing facts")
    };
    assert!(names.contains(&"预算执行率".to_string()), "{names:?}");
    assert!(d.units[0].changes.is_empty());
    let p = diff::output::problems(&d.units[0]);
    assert_eq!(p[0].code(), "E515");
    assert!(p[0]
        .msg
        .text(Lang::Zh)
        .starts_with("单位“单位001”缺少评分表需要的事实：预算执行率"));
}

#[test]
fn cli_writes_text_json_and_csv() {
    let run = |fmt: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args([
                "diff",
                "rules/shaanxi-2019.jx",
                "rules/shaanxi-2020-draft.jx",
                "--facts",
                "rules/shaanxi-synthetic-units.csv",
                "--format",
                fmt,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("text");
    assert!(text.contains("半年进度（评分规则改变）"));
    assert!(text.contains("项目产出（分值改变 40 → 35）"));
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["units"].as_array().unwrap().len(), 240);
    assert_eq!(json["summary"]["old"]["count"], 240);
    let csv = run("csv");
    assert_eq!(csv.lines().count(), 241);
    assert!(csv.starts_with("unit,old_total,old_grade,new_total,new_grade,grade_changed,changes\n"));
}

#[test]
fn csv_fields_may_be_quoted() {
    let text = "单位,预算完成率\n\"甲,乙\",\"93%\"\n丙,\"9\"\"\"\n";
    let u = diff::data::read_csv(text, 0).unwrap();
    assert_eq!(u.len(), 2);
    assert_eq!(u[0].label, "甲,乙");
    assert_eq!(u[1].values[0].1.to_text(), "9\"");
    assert_eq!(
        diff::data::read_csv("单位,a\n\"x,1\n", 0)
            .unwrap_err()
            .code(),
        "E516"
    );
}

/// The units CSV with planted problems: CRLF line ends, a quoted label over
/// two lines, a negative rate (E312), a word for a number, a missing cell.
fn planted(dir: &std::path::Path, copies: usize) -> (std::path::PathBuf, String) {
    let text = std::fs::read_to_string(format!("{DIR}shaanxi-synthetic-units.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let body: Vec<String> = lines.split_off(1);
    for i in 0..copies {
        for (j, l) in body.iter().enumerate() {
            let rest = &l[l.find(',').unwrap()..];
            lines.push(format!("单位{i}_{j}{rest}"));
        }
    }
    lines[2] = format!("\"两行\n名称\"{}", &lines[2][lines[2].find(',').unwrap()..]);
    let cut = |l: &str, col: usize, v: &str| {
        let mut f: Vec<&str> = l.split(',').collect();
        f[col] = v;
        f.join(",")
    };
    lines[4] = cut(&lines[4], 1, "-5%");
    lines[6] = cut(&lines[6], 2, "很多");
    lines[8] = cut(&lines[8], 3, "");
    let csv = lines.join("\r\n") + "\r\n";
    let path = dir.join("units.csv");
    std::fs::write(&path, &csv).unwrap();
    (path, csv)
}

#[test]
fn streamed_output_is_the_whole_diff_byte_for_byte() {
    let dir = std::env::temp_dir().join(format!("jixiao-diff-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (path, csv) = planted(&dir, 4); // 960 units: chunks of 256
    let mut map = SourceMap::new();
    let old = rubric(&mut map, "shaanxi-2019");
    let new = rubric(&mut map, "shaanxi-2020-draft");
    let id = map.add("units.csv", csv.clone());
    let units = diff::data::read_csv(&csv, id).unwrap();
    assert_eq!(units.len(), 960);
    let d = diff::diff(&old, &new, &map, &units);
    let cli = |fmt: &str| {
        Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args([
                "diff",
                "rules/shaanxi-2019.jx",
                "rules/shaanxi-2020-draft.jx",
                "--facts",
                path.to_str().unwrap(),
                "--format",
                fmt,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let text = cli("text");
    assert_eq!(text.status.code(), Some(1), "planted problems exit 1");
    assert_eq!(
        String::from_utf8(text.stdout).unwrap(),
        diff::output::text(&d, &old, &new, Lang::Zh)
    );
    let json = String::from_utf8(cli("json").stdout).unwrap();
    let whole = serde_json::to_string_pretty(&diff::output::json(&d, &old, &new, Lang::Zh));
    assert_eq!(json, format!("{}\n", whole.unwrap()));
    let out = String::from_utf8(cli("csv").stdout).unwrap();
    assert_eq!(out, diff::output::csv(&d, &old, &new, Lang::Zh));
    assert!(out.lines().nth(1).unwrap().starts_with("单位0_0,"));
    assert!(
        out.lines().last().unwrap().starts_with("单位3_239,"),
        "input order"
    );
    // Each problem points at its cell by the file's own line, from the
    // record's lines alone (the unit after the two-line label is on line 6).
    let err = String::from_utf8(text.stderr).unwrap();
    assert!(err.contains("units.csv:6:"), "{err}");
    assert!(err.contains("E312") && err.contains("-5%"), "{err}");
    assert!(err.contains("units.csv:8:"), "{err}");
    assert!(err.contains("很多"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Re-check 2026-12 (F19): a CR-only CSV (old Mac line ends) put every row
/// of a diff diagnostic on "line 1" with the next rows echoed as
/// `\u{d}C,3`, while batch numbered the same rows 2, 3, 4. CRLF and LF name
/// the same line.
#[test]
fn a_bad_cell_is_named_by_its_line_whatever_the_line_ends() {
    let dir = std::env::temp_dir().join(format!("jixiao-diff-cr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("x.jx");
    std::fs::write(
        &rules,
        "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n输入 x: 数\n指标 甲 10 { 得分 = min(x, 10) }\n",
    )
    .unwrap();
    for (name, end) in [("cr.csv", "\r"), ("crlf.csv", "\r\n"), ("lf.csv", "\n")] {
        let data = dir.join(name);
        std::fs::write(&data, ["单位,x", "A,1", "B,坏", "C,3", ""].join(end)).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("diff")
            .args([&rules, &rules])
            .arg("--facts")
            .arg(&data)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(&format!("{name}:3:3")), "{name}: {err}");
        assert!(err.contains("3 │ B,坏\n"), "{name}: {err}");
        assert!(!err.contains("\\u{d}"), "{name}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A bad cell both rubrics read alike is one error naming both
/// declarations, not the same error twice; a cell only one rubric refuses
/// is still told for that one.
#[test]
fn a_cell_both_rubrics_refuse_is_told_once() {
    let dir = std::env::temp_dir().join(format!("jixiao-diff-once-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (old, new) = (dir.join("old.jx"), dir.join("new.jx"));
    let head = "评分表 \"x\" 满分 10\n等级 优 >= 9，差\n输入 x: 数\n";
    std::fs::write(&old, format!("{head}指标 甲 10 {{ 得分 = min(x, 10) }}\n")).unwrap();
    std::fs::write(
        &new,
        format!("{head}输入 y: 数\n指标 甲 10 {{ 得分 = min(x + y, 10) }}\n"),
    )
    .unwrap();
    let data = dir.join("u.csv");
    std::fs::write(&data, "单位,x,y\nA,坏,1\nB,1,坏\n").unwrap();
    for (lang, both) in [
        ("zh", "新旧两版规则读这一单位时都如此"),
        ("en", "both the old and the new rules"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("diff")
            .args([&old, &new])
            .arg("--facts")
            .arg(&data)
            .args(["--lang", lang])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        // A: x is read by both (once, both declarations); B: y only by the new one.
        assert_eq!(err.matches("[E304]").count(), 2, "{err}");
        assert_eq!(err.matches(both).count(), 1, "{err}");
        assert!(
            err.contains("old.jx:3:4") && err.contains("new.jx:3:4"),
            "{err}"
        );
        assert!(err.contains("u.csv:3:5"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
