//! `jixiao batch`: every row gives one record, in input order; planted bad
//! rows are reported by row number and the rest are scored; counts
//! reconcile; the fast cell reader agrees with the facts reader.

use jixiao::batch::{self, plain_decimal, Columns, InFormat, OutFormat, Summary};
use jixiao::check::Checked;
use jixiao::compiled::sample;
use jixiao::diag::{Lang, SourceMap};
use jixiao::eval::value::Value;
use jixiao::eval::FactSet;
use jixiao::facts::{parse_value, RawValue};

fn bundled(name: &str) -> (Checked, SourceMap) {
    let path = format!("{}/rules/{name}.jx", env!("CARGO_MANIFEST_DIR"));
    let mut map = SourceMap::new();
    let id = map.add(&path, std::fs::read_to_string(&path).unwrap());
    let c = jixiao::compile(&map, id)
        .unwrap_or_else(|_| panic!("{name} compiles"))
        .checked;
    (c, map)
}

fn run(
    c: &Checked,
    map: &SourceMap,
    input: &str,
    format: InFormat,
    output: OutFormat,
    workers: usize,
) -> (Summary, String) {
    let opts = batch::Options {
        input: format,
        output,
        lang: Lang::En,
        explain: false,
        map,
        workers,
        chunk: 64,
    };
    let mut out = Vec::new();
    let sum =
        batch::run(c, input.as_bytes(), &mut out, &opts, None).unwrap_or_else(|e| panic!("{e:?}"));
    (sum, String::from_utf8(out).unwrap())
}

/// Replace field `col` of data row `i` (0-based, after the header).
fn plant(csv: &mut [String], i: usize, col: usize, text: &str) {
    let mut f: Vec<String> = csv[i + 1].split(',').map(str::to_string).collect();
    f[col] = text.to_string();
    csv[i + 1] = f.join(",");
}

#[test]
fn planted_bad_rows_are_reported_and_the_rest_scored_in_order() {
    let (c, map) = bundled("jinzhong-2020");
    let n = 1200; // many chunks of 64, so workers finish out of order
    let mut lines: Vec<String> = sample::csv(&c, n, 11).lines().map(str::to_string).collect();
    let head: Vec<String> = lines[0].split(',').map(str::to_string).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    plant(&mut lines, 10, col("年初预算金额"), "很多");
    plant(&mut lines, 600, col("年初预算金额"), "-5 万元");
    plant(&mut lines, 601, col("在职人数"), "12 万元");
    plant(&mut lines, 1000, col("满意度"), "还行");
    lines[1199 + 1] = lines[1199 + 1].rsplit_once(',').unwrap().0.to_string();
    let planted = [
        (12u64, "E304"),
        (602, "E308"),
        (603, "E303"),
        (1002, "E306"),
        (1201, "E320"),
    ];
    let input = lines.join("\n") + "\n";

    let (sum, out) = run(&c, &map, &input, InFormat::Csv, OutFormat::Jsonl, 2);
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), n, "one record per row");
    assert_eq!(sum.read, n as u64);
    assert_eq!(sum.read, sum.scored + sum.failed, "{sum:?}");
    // Output order is input order: rows 2, 3, … with their own units.
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["row"], (i + 2) as u64);
        assert_eq!(r["unit"], format!("单位{i}"));
    }
    for (row, code) in planted {
        let r = &recs[row as usize - 2];
        assert_eq!(r["error"]["code"], code, "row {row}: {r}");
    }
    assert_eq!(recs[10]["error"]["column"], "年初预算金额");
    // Every other failure is a scoring failure the reference evaluator also has.
    let th = sample::thresholds(&c);
    let mut rng = sample::Rng::new(11);
    for (i, r) in recs.iter().enumerate() {
        let row = sample::fact_set(&c, &th, &mut rng);
        if planted.iter().any(|(p, _)| *p as usize == i + 2) {
            continue;
        }
        let mut fs = FactSet::empty(&c);
        row.iter()
            .enumerate()
            .for_each(|(s, v)| fs.values[s] = Some(*v));
        // A row the facts reader refuses (a negative rate breaks the implicit
        // floor of 百分比) is E312 in batch too, as in `score`.
        if !jixiao::facts::check_constraints(&c, &fs).is_empty() {
            assert_eq!(r["error"]["code"], "E312", "row {}", i + 2);
            continue;
        }
        match jixiao::eval::score(&c, &fs) {
            Ok(card) => assert_eq!(
                r["total"],
                jixiao::check::show::score(card.total, 2),
                "row {}",
                i + 2
            ),
            Err(d) => assert_eq!(r["error"]["code"], d.code(), "row {}", i + 2),
        }
    }
    assert!(sum.scored > 300, "{sum:?}");

    // One worker or two: the same bytes.
    let (_, one) = run(&c, &map, &input, InFormat::Csv, OutFormat::Jsonl, 1);
    assert_eq!(one, out);
}

#[test]
fn csv_and_json_outputs_have_one_record_per_row() {
    let (c, map) = bundled("shaanxi-2019");
    let input = sample::csv(&c, 300, 5);
    let (sum, out) = run(&c, &map, &input, InFormat::Csv, OutFormat::Csv, 2);
    assert_eq!(out.lines().count(), 301);
    assert!(
        out.starts_with("row,unit,total,grade,投入,"),
        "{}",
        &out[..60]
    );
    assert_eq!(sum.read, 300);
    let (_, json) = run(&c, &map, &input, InFormat::Csv, OutFormat::Json, 2);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 300);
}

#[test]
fn json_lines_input_is_read_like_a_facts_file() {
    let (c, map) = bundled("shaanxi-2019");
    let facts = std::fs::read_to_string(format!(
        "{}/rules/shaanxi-2019.facts.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    // The facts file is flat `key = "value"` lines: the same object as JSON.
    let mut table = serde_json::Map::new();
    for l in facts.lines().filter(|l| !l.starts_with('#')) {
        if let Some((k, v)) = l.split_once(" = ") {
            table.insert(
                k.to_string(),
                serde_json::Value::String(v.trim_matches('"').to_string()),
            );
        }
    }
    let good = serde_json::to_string(&table).unwrap();
    let mut bad = table.clone();
    bad.remove("预算完成率");
    let input = format!(
        "{good}\n\n{}\n{{not json\n{good}\n",
        serde_json::to_string(&bad).unwrap()
    );
    let (sum, out) = run(&c, &map, &input, InFormat::Jsonl, OutFormat::Jsonl, 2);
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        sum,
        Summary {
            read: 4,
            scored: 2,
            failed: 2
        }
    );
    assert_eq!(recs[0]["total"], "91.00"); // the published score
    assert_eq!(recs[1]["row"], 3); // the blank line 2 is not a row
    assert_eq!(recs[1]["error"]["code"], "E301");
    assert_eq!(recs[1]["error"]["column"], "预算完成率");
    assert_eq!(recs[2]["error"]["code"], "E307");
    assert_eq!(recs[3]["row"], 5);
}

#[test]
fn a_bad_header_scores_nothing() {
    let (c, map) = bundled("shaanxi-2019");
    let opts = batch::Options {
        input: InFormat::Csv,
        output: OutFormat::Csv,
        lang: Lang::Zh,
        explain: false,
        map: &map,
        workers: 1,
        chunk: 0,
    };
    let err = batch::run(
        &c,
        "单位,预算完成律\nx,95%\n".as_bytes(),
        Vec::new(),
        &opts,
        None,
    )
    .unwrap_err();
    let batch::Fatal::Header(msg) = err else {
        panic!("{err:?}")
    };
    assert_eq!(msg.code(), "E322");
    assert!(
        msg.text(Lang::Zh).contains("预算完成率"),
        "{}",
        msg.text(Lang::Zh)
    );
    let err = batch::run(
        &c,
        "单位,预算完成率,预算完成率\n".as_bytes(),
        Vec::new(),
        &opts,
        None,
    )
    .unwrap_err();
    assert!(
        matches!(err, batch::Fatal::Header(ref m) if m.code() == "E323"),
        "{err:?}"
    );
}

#[test]
fn fast_cells_equal_the_facts_reader() {
    let (c, _) = bundled("jinzhong-2020");
    let names: Vec<&str> = c.facts.iter().map(|f| f.name.as_str()).collect();
    let cols = Columns::new(&c, &names).unwrap();
    let texts = [
        "0",
        "1",
        "95",
        "95%",
        "95.00%",
        "100%",
        "-3",
        "-3.5%",
        "007.50",
        "12.",
        ".5",
        "+3",
        "-0",
        "1,000",
        "1e3",
        "123456789012345678",
        "1234567890123456789",
        "6702.4",
        "是",
        "否",
        "满意",
        "基本满意",
        "0.0001%",
        "1万",
        "--1",
        "有",
        "无",
        "0.00",
        "0.000%",
        "-0.00",
        "2.0",
        "2.50",
        "-2",
        "0.00001",
        "99999999999999999.9",
    ];
    let mut fast = 0;
    for (slot, decl) in c.facts.iter().enumerate() {
        for t in texts {
            let slow = parse_value(&RawValue::Text(t.to_string()), decl, &c).ok();
            if let Some(v) = cols.fast(slot, t) {
                fast += 1;
                // Same value and, for numbers, the same scale.
                assert_eq!(Some(v), slow, "{} {t}", decl.name);
                if let (Value::Num(a), Some(Value::Num(b))) = (v, slow) {
                    assert_eq!(a.scale(), b.scale(), "{} {t}", decl.name);
                }
            }
        }
    }
    assert!(fast > 100, "fast path taken {fast} times");
    assert_eq!(
        plain_decimal("007.50").map(|d| d.to_string()),
        Some("7.50".into())
    );
    assert_eq!(plain_decimal("1,0"), None);
}

#[test]
fn cli_exit_code_and_summary() {
    let dir = std::env::temp_dir().join(format!("jixiao-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (c, _) = bundled("shaanxi-2019");
    let mut csv = sample::csv(&c, 20, 9);
    let clean = dir.join("ok.csv");
    std::fs::write(&clean, &csv).unwrap();
    csv.push_str("坏行\n");
    let dirty = dir.join("bad.csv");
    std::fs::write(&dirty, &csv).unwrap();
    let rules = format!("{}/rules/shaanxi-2019.jx", env!("CARGO_MANIFEST_DIR"));
    let out_path = dir.join("out.csv");
    let bin = env!("CARGO_BIN_EXE_jixiao");
    let run = |data: &std::path::Path| {
        std::process::Command::new(bin)
            .args([
                "batch",
                &rules,
                "--facts",
                data.to_str().unwrap(),
                "-o",
                out_path.to_str().unwrap(),
                "--lang",
                "en",
            ])
            .output()
            .unwrap()
    };
    let ok = run(&clean);
    let err = String::from_utf8_lossy(&ok.stderr).to_string();
    let failed: u64 = err
        .split(", ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(99);
    assert_eq!(ok.status.code(), Some(i32::from(failed > 0)), "{err}");
    assert!(err.starts_with("20 rows read:"), "{err}");
    let bad = run(&dirty);
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("21 rows read"), "{err}");
    let out = std::fs::read_to_string(&out_path).unwrap();
    assert!(out.lines().last().unwrap().starts_with("22,坏行,"), "{out}");
    assert!(out.lines().last().unwrap().contains("E320"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn scores_are_written_as_show_score_writes_them() {
    for t in [
        "0",
        "-0.5",
        "91",
        "91.005",
        "0.004",
        "-12.3456",
        "100",
        "7.5",
        "0.1",
        "-0.00",
        "0.000",
        "18446744073709551615",
        "18446744073709551616.5",
        "79228162514264337593543950335",
        "-7922816251426433759354395033.5",
        "0.0000000000000000000000000001",
    ] {
        let d: rust_decimal::Decimal = t.parse().unwrap();
        for places in [0, 1, 2, 4] {
            let mut buf = Vec::new();
            batch::write_score(&mut buf, d, places);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                jixiao::check::show::score(d, places),
                "{t} at {places}"
            );
        }
    }
}

#[test]
fn explain_adds_each_scored_rows_ledger() {
    let (c, map) = bundled("shaanxi-2019");
    let input = sample::csv(&c, 40, 21);
    let opts = batch::Options {
        input: InFormat::Csv,
        output: OutFormat::Jsonl,
        lang: Lang::Zh,
        explain: true,
        map: &map,
        workers: 2,
        chunk: 8,
    };
    let mut out = Vec::new();
    let sum = batch::run(&c, input.as_bytes(), &mut out, &opts, None).unwrap();
    let recs: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len() as u64, sum.read);
    for r in &recs {
        // Scored rows carry the ledger, naming the rule that fired; failed rows do not.
        let lines = r["explain"].as_array().map(|a| {
            a.iter()
                .filter_map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        });
        match r.get("error") {
            Some(_) => assert!(lines.is_none(), "{r}"),
            None => assert!(
                lines
                    .as_deref()
                    .is_some_and(|t| t.contains("预算完成率") && t.contains("适用规则")),
                "{r}"
            ),
        }
    }
    assert!(sum.scored > 10, "{sum:?}");
}

#[test]
fn cli_points_at_a_bad_header_column() {
    let path = std::env::temp_dir().join(format!("jixiao-head-{}.csv", std::process::id()));
    std::fs::write(&path, "单位,预算完成律\nx,95%\n").unwrap();
    let rules = format!("{}/rules/shaanxi-2019.jx", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["batch", &rules, "--facts", path.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        // A misspelt input column: a warning at the column, then one error
        // for the input no column gives.
        err.contains("W326")
            && err.contains(":1:4")
            && err.contains("预算完成率")
            && err.contains("E330"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing is scored");
}

#[test]
fn jobs_is_a_whole_number_of_at_least_one_and_does_not_change_the_output() {
    let dir = std::env::temp_dir().join(format!("jixiao-jobs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (c, _) = bundled("shaanxi-2019");
    let data = dir.join("units.csv");
    std::fs::write(&data, sample::csv(&c, 300, 4)).unwrap();
    let rules = format!("{}/rules/shaanxi-2019.jx", env!("CARGO_MANIFEST_DIR"));
    let run = |extra: &[&str]| {
        let mut args = vec!["batch", &rules, "--facts", data.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(&args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, one, _) = run(&["--jobs", "1"]);
    assert!(matches!(code, Some(0 | 1)), "{code:?}");
    assert_eq!(one.lines().count(), 301);
    assert_eq!(run(&["--jobs", "2"]).1, one);
    assert_eq!(run(&["-j", "3"]).1, one);
    assert_eq!(run(&[]).1, one);
    for bad in ["0", "x", "-1", "1.5"] {
        let arg = format!("--jobs={bad}");
        let (code, out, err) = run(&[&arg]);
        assert_eq!(code, Some(2), "--jobs {bad}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains(&format!("的值“{bad}”无效：应为不小于 1 的整数")),
            "{err}"
        );
        let (code, _, err) = run(&[&arg, "--lang", "en"]);
        assert_eq!(code, Some(2));
        assert!(
            err.contains(&format!(
                "invalid value `{bad}` for `--jobs <N>`: expected a whole number of at least 1"
            )),
            "{err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
