//! Both evaluators against an independent exact scorer (tests/oracle):
//! every bundled rubric (target tables and assessors' scores included), a
//! rubric with every shape and one with every kind of table row and
//! assessor's score, in every rounding mode, over fact sets aimed at
//! halves, thresholds and step boundaries.
//! Zero mismatches. The seed is pinned in .cargo/config.toml.

#[path = "oracle/mod.rs"]
mod oracle;

use jixiao::check::Checked;
use jixiao::compiled::sample::Rng;
use jixiao::compiled::Compiled;
use jixiao::diag::SourceMap;
use jixiao::eval::FactSet;
use proptest::prelude::*;

fn compile(path: &str, text: String) -> Checked {
    let mut map = SourceMap::new();
    let id = map.add(path, text);
    jixiao::compile(&map, id)
        .unwrap_or_else(|d| panic!("{path} compiles: {:?}", d.0))
        .checked
}

fn rubrics() -> &'static [(String, Checked)] {
    static ALL: std::sync::OnceLock<Vec<(String, Checked)>> = std::sync::OnceLock::new();
    ALL.get_or_init(load)
}

fn load() -> Vec<(String, Checked)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(format!("{root}/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jx"))
        .collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p).unwrap();
        let c = compile(&p.display().to_string(), text);
        out.push((p.display().to_string(), c));
    }
    // Ordered levels, band sets, percentage weights and 择一 (issue 11).
    let levels = std::fs::read_to_string(format!("{root}/tests/oracle/levels.jx")).unwrap();
    out.push(("levels.jx".to_string(), compile("levels.jx", levels)));
    // Every shape, and target tables with assessors' scores, in every mode.
    for file in ["every-shape", "assessor"] {
        let text = std::fs::read_to_string(format!("{root}/tests/oracle/{file}.jx")).unwrap();
        for mode in ["四舍五入", "四舍六入", "截断", "进一"] {
            let text = text.replace("（四舍五入）", &format!("（{mode}）"));
            out.push((format!("{file} {mode}"), compile(file, text)));
        }
    }
    out
}

/// Score `n` aimed fact sets per rubric with both evaluators; returns the
/// first mismatch, if any, and how many sets scored.
fn check(c: &Checked, seed: u64, n: usize) -> Result<usize, String> {
    let aims = oracle::gen::Aims::new(c);
    let k = Compiled::new(c);
    let mut s = k.scratch();
    let mut rng = Rng::new(seed);
    let mut scored = 0;
    for _ in 0..n {
        let row = aims.fact_set(c, &mut rng);
        let rows = oracle::gen::table_rows(c, &mut rng);
        let picks = oracle::gen::picks(c, &mut rng);
        let mut fs = FactSet::empty(c);
        for (j, v) in row.iter().enumerate() {
            fs.values[j] = Some(*v);
        }
        fs.rows = rows.iter().cloned().map(Some).collect();
        fs.picks = picks.iter().map(|p| p.map(|v| (v, None))).collect();
        let want = oracle::score_with(c, &row, &rows, &picks);
        let reference = jixiao::eval::score(c, &fs);
        let compiled = k.score(&fs, &mut s);
        for (who, got) in [("reference", &reference), ("compiled", &compiled)] {
            if !oracle::agrees(&want, got) {
                return Err(format!(
                    "{who} disagrees with the oracle on {row:?}:\n oracle {want:?}\n got {:?}",
                    got.as_ref()
                        .map(|c| (c.total, c.grade))
                        .map_err(|d| d.code())
                ));
            }
        }
        scored += usize::from(want.is_some());
    }
    Ok(scored)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn both_evaluators_equal_the_exact_oracle(seed in any::<u64>()) {
        for (name, c) in rubrics() {
            let scored = check(c, seed, 120).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
            prop_assert!(scored > 10, "{}: only {} of 120 fact sets scored", name, scored);
        }
    }
}

/// The aims really land on the hard cases: a weight-3 quotient exactly on
/// x.xx5 (where a quotient cut to 28 digits rounds the wrong way).
#[test]
fn the_generator_hits_halves_of_the_rubric_places() {
    let root = env!("CARGO_MANIFEST_DIR");
    let path = format!("{root}/rules/jinzhong-2020.jx");
    let c = compile(&path, std::fs::read_to_string(&path).unwrap());
    let aims = oracle::gen::Aims::new(&c);
    let mut rng = Rng::new(1);
    let a = c.fact_slot("实际政府采购金额").unwrap() as usize;
    let p = c.fact_slot("政府采购预算数").unwrap() as usize;
    let half = oracle::Rat::new(1.into(), 2.into());
    let three_hundred = oracle::Rat::from_integer(300.into());
    let hits = (0..400)
        .filter(|_| {
            let row = aims.fact_set(&c, &mut rng);
            let (x, y) = (oracle::rat(row[a].num()), oracle::rat(row[p].num()));
            // 3 × x / y × 100 has a fractional part of exactly one half.
            let scaled = x * &three_hundred / y;
            scaled.fract() == half
        })
        .count();
    assert!(hits > 40, "only {hits} of 400 land on a half");
}

/// Table rows come in every 指标性质 the table allows, with points on a
/// half at the rubric's places, and assessors' scores at the ends of their
/// ranges, so the oracle sees the hard cases of project-2020 too.
#[test]
fn the_generator_hits_every_kind_of_table_row() {
    use jixiao::eval::targets::RowKind;
    let root = env!("CARGO_MANIFEST_DIR");
    let path = format!("{root}/rules/project-2020.jx");
    let c = compile(&path, std::fs::read_to_string(&path).unwrap());
    let mut rng = Rng::new(5);
    let (mut kinds, mut halves, mut given) = ([0usize; 4], 0, 0);
    let half = oracle::Rat::new(1.into(), 2.into());
    for _ in 0..200 {
        for row in &oracle::gen::table_rows(&c, &mut rng)[0] {
            let k = match row.kind {
                RowKind::AtLeast => 0,
                RowKind::AtMost => 1,
                RowKind::Equal => 2,
                RowKind::Qualitative => 3,
            };
            kinds[k] += 1;
            given += usize::from(row.given.is_some());
            if let (
                jixiao::eval::targets::Cell::Qty { value: t, .. },
                jixiao::eval::targets::Cell::Qty { value: a, .. },
            ) = (&row.target, &row.actual)
            {
                let (t, a) = (oracle::rat(*t), oracle::rat(*a));
                let rate = match row.kind {
                    RowKind::AtLeast if a < t => a / t,
                    RowKind::AtMost if a > t => t / a,
                    _ => continue,
                };
                let pts =
                    rate * oracle::rat(row.weight.unwrap()) * oracle::Rat::from_integer(100.into());
                halves += usize::from(pts.fract() == half);
            }
        }
    }
    assert!(kinds.iter().all(|&k| k > 50), "{kinds:?}");
    assert!(
        halves > 50 && given > 50,
        "{halves} halves, {given} assessors' scores"
    );
}
