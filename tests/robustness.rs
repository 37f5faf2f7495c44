//! No input may crash or hang jixiao. Real rubrics from rules/ are mutated
//! (characters and lines deleted, duplicated, swapped; full-width punctuation
//! inserted; truncation) and pushed through parse → check → facts → score →
//! reports; arbitrary bytes too. Each run must finish without a panic in
//! well under 2 s. The long version is `long_fuzz` (ignored; see
//! docs/robustness.md), the quick one runs in every `cargo test`.

#[path = "robustness/mutate.rs"]
mod mutate;

use jixiao::diag::{render_json, render_text, Diagnostic, Lang, SourceMap};
use jixiao::facts::Format;
use mutate::{mutate, Rng};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The promise is 2 s per run for the release build (what `long_fuzz` and
/// docs/robustness.md measure). Unoptimised test builds on a busy machine
/// are several times slower, so the quick tests allow more, to catch hangs
/// without flaking.
const LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 2 });

struct Seed {
    name: String,
    rules: String,
    facts: String,
}

fn seeds() -> Vec<Seed> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        if p.extension().and_then(|e| e.to_str()) != Some("jx") {
            continue;
        }
        let facts = p.with_extension("facts.toml");
        out.push(Seed {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            rules: std::fs::read_to_string(&p).unwrap(),
            facts: std::fs::read_to_string(facts).unwrap_or_default(),
        });
    }
    assert!(out.len() >= 3, "expected the bundled rubrics in rules/");
    out
}

/// Everything the CLI would do with these two texts, rendering included.
/// Returns the diagnostics of the first failing phase (empty if it scored).
fn pipeline(rules: &str, facts: &str, facts_format: Format) -> Vec<Diagnostic> {
    let mut map = SourceMap::new();
    let id = map.add("fuzz.jx", rules.to_string());
    let render = |d: &[Diagnostic], map: &SourceMap| {
        for lang in [Lang::Zh, Lang::En] {
            let _ = render_text(d, map, lang, false);
            let _ = render_json(d, map, lang);
        }
    };
    let out = match jixiao::compile(&map, id) {
        Ok(o) => o,
        Err(d) => {
            render(&d.0, &map);
            return d.0;
        }
    };
    render(&out.warnings.0, &map);
    let c = out.checked;
    let fid = map.add("fuzz.facts", facts.to_string());
    let fs = match jixiao::facts::load(facts, fid, facts_format, &c) {
        Ok(f) => f,
        Err(d) => {
            render(&d.0, &map);
            return d.0;
        }
    };
    match jixiao::eval::score_explained(&c, &fs) {
        Ok((card, ledger)) => {
            for lang in [Lang::Zh, Lang::En] {
                let _ = jixiao::report::scorecard_text(&c, &card, lang);
                let _ = jixiao::report::explain(&c, &card, &ledger, &map, lang, None);
            }
            let _ = jixiao::report::scorecard_json(&c, &card);
            let plain = jixiao::eval::score(&c, &fs)
                .expect("explained scoring succeeded, plain scoring must too");
            assert_eq!(plain.total, card.total, "tracing must not change the total");
            Vec::new()
        }
        Err(d) => {
            render(std::slice::from_ref(&*d), &map);
            vec![*d]
        }
    }
}

/// Run one input; on a panic or a slow run, fail naming how to reproduce it.
fn run_one(what: &str, rules: &str, facts: &str, format: Format) -> Vec<Diagnostic> {
    let start = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(|| pipeline(rules, facts, format)));
    let took = start.elapsed();
    match r {
        Ok(d) => {
            assert!(
                took < LIMIT,
                "{what} took {took:?}\n--- rules ---\n{rules}\n--- facts ---\n{facts}"
            );
            d
        }
        Err(_) => panic!("{what} panicked\n--- rules ---\n{rules}\n--- facts ---\n{facts}"),
    }
}

/// Mutate rules and facts of every seed `per_seed` times from `seed0`.
/// Returns (inputs tried, inputs that failed with diagnostics).
fn campaign(
    seed0: u64,
    per_seed: u64,
    mut each: impl FnMut(&str, &str, &[Diagnostic]),
) -> (u64, u64) {
    let (mut tried, mut failed) = (0, 0);
    for (k, s) in seeds().iter().enumerate() {
        for i in 0..per_seed {
            let seed = seed0 ^ ((k as u64) << 48) ^ i;
            let mut rng = Rng::new(seed);
            let (rules, facts) = match rng.below(4) {
                0 => (s.rules.clone(), mutate(&s.facts, &mut rng)),
                1 => (mutate(&s.rules, &mut rng), mutate(&s.facts, &mut rng)),
                _ => (mutate(&s.rules, &mut rng), s.facts.clone()),
            };
            let d = run_one(
                &format!("{} seed {seed:#x}", s.name),
                &rules,
                &facts,
                Format::Toml,
            );
            tried += 1;
            failed += u64::from(!d.is_empty());
            each(&rules, &facts, &d);
        }
    }
    (tried, failed)
}

#[test]
fn mutated_rubrics_never_panic_or_hang() {
    // Kept small so the suite stays fast in debug builds; `long_fuzz` is the real run.
    let (tried, failed) = campaign(0x5EED, 30, |_, _, d| {
        for x in d {
            assert!(
                jixiao::diag::ALL_CODES.contains(&x.code()),
                "{} is not a listed code",
                x.code()
            );
        }
    });
    assert_eq!(tried, 30 * seeds().len() as u64);
    // Mutations must actually reach the error paths, or the test proves nothing.
    assert!(
        failed > tried / 4,
        "only {failed} of {tried} mutated inputs failed"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    use proptest::prelude::*;
    let cfg = ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(cfg, |(bytes in proptest::collection::vec(any::<u8>(), 0..400), facts in "\\PC{0,120}")| {
        let rules = String::from_utf8_lossy(&bytes);
        let header = format!("评分表 \"x\" 满分 10\n等级 优 >= 9，差\n{rules}");
        run_one("bytes", &rules, &facts, Format::Toml);
        run_one("bytes after a header", &header, &facts, Format::Json);
    });
}

fn codes(rules: &str) -> Vec<&'static str> {
    run_one("deep input", rules, "x = 1\nb = true\n", Format::Toml)
        .iter()
        .map(|d| d.code())
        .collect()
}

const HEAD: &str = "评分表 \"深\" 年度 2020 满分 10\n等级 优 >= 9，差\n输入 x: 数\n输入 b: 是否\n";

#[test]
fn deep_nesting_is_refused_with_a_code_not_a_stack_overflow() {
    let parens = format!(
        "{HEAD}指标 甲 10 {{ 得分 = {}x{} }}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    assert_eq!(codes(&parens), ["E008"]);
    let fw = format!(
        "{HEAD}指标 甲 10 {{ 得分 = {}x{} }}\n",
        "（".repeat(10_000),
        "）".repeat(10_000)
    );
    assert_eq!(codes(&fw), ["E008"]);
    let braces = format!(
        "{HEAD}{}{}\n",
        "指标 甲 10 {".repeat(10_000),
        "}".repeat(10_000)
    );
    assert_eq!(codes(&braces), ["E008"]);
    let bars = format!(
        "{HEAD}指标 甲 10 {{ 得分 = {}x{} }}\n",
        "|".repeat(10_000),
        "|".repeat(10_000)
    );
    assert_eq!(codes(&bars), ["E008"]);
}

#[test]
fn long_chains_are_refused_with_a_code_not_a_stack_overflow() {
    let sum = format!("{HEAD}指标 甲 10 {{ 得分 = {}x }}\n", "x+".repeat(3_000));
    assert_eq!(codes(&sum), ["E013"]);
    let and = format!(
        "{HEAD}指标 甲 10 {{ 如果 {}b 则 10 否则 0 }}\n",
        "b 且 ".repeat(3_000)
    );
    assert_eq!(codes(&and), ["E013"]);
    let not = format!(
        "{HEAD}指标 甲 10 {{ 如果 {}b 则 10 否则 0 }}\n",
        "非 ".repeat(3_000)
    );
    assert_eq!(codes(&not), ["E013"]);
    let neg = format!("{HEAD}指标 甲 10 {{ 得分 = {}x }}\n", "-".repeat(3_000));
    assert_eq!(codes(&neg), ["E013"]);
    let cmp = format!(
        "{HEAD}指标 甲 10 {{ 如果 {}x 则 10 否则 0 }}\n",
        "x < ".repeat(3_000)
    );
    assert_eq!(codes(&cmp), ["E013"]);
    // Just under the limits: accepted, checked and scored on a test thread's
    // small stack (2 MiB) without overflowing it.
    let deep_ok = format!(
        "{HEAD}指标 甲 10 {{ 得分 = min({}x{}, 10) }}\n",
        "(".repeat(35),
        ")".repeat(35)
    );
    assert_eq!(codes(&deep_ok), Vec::<&str>::new());
    let long_ok = format!(
        "{HEAD}指标 甲 10 {{ 得分 = min({}x, 10) }}\n",
        "x + ".repeat(110)
    );
    assert_eq!(codes(&long_ok), Vec::<&str>::new());
    // A long but reasonable expression still works.
    let ok = format!(
        "{HEAD}指标 甲 10 {{ 如果 b 且 {}x > 0 则 10 否则 0 }}\n",
        "x + ".repeat(40)
    );
    assert_eq!(codes(&ok), Vec::<&str>::new());
}

#[test]
fn huge_numbers_are_refused_or_overflow_with_a_code() {
    let lit = format!("{HEAD}指标 甲 10 {{ 得分 = {} }}\n", "9".repeat(40));
    assert_eq!(codes(&lit), ["E010"]);
    let rules = format!("{HEAD}指标 甲 10 {{ 如果 x * x * x > 1 则 10 否则 0 }}\n");
    let d = run_one(
        "overflow",
        &rules,
        "x = \"79228162514264337593543950335\"\nb = true\n",
        Format::Toml,
    );
    assert_eq!(d.iter().map(|d| d.code()).collect::<Vec<_>>(), ["E404"]);
}

/// Every non-zero exit of the binary prints a coded diagnostic, and no
/// mutated input makes it die from a signal or a panic (exit 101).
#[test]
fn the_binary_explains_every_failure() {
    sample_binary(0xB1A, 3);
}

fn sample_binary(seed0: u64, per_seed: u64) -> u64 {
    let dir = std::env::temp_dir().join(format!("jixiao-fuzz-{}-{seed0:x}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (rp, fp) = (dir.join("r.jx"), dir.join("f.toml"));
    let mut runs = 0;
    campaign(seed0, per_seed, |rules, facts, _| {
        std::fs::write(&rp, rules).unwrap();
        std::fs::write(&fp, facts).unwrap();
        for args in [
            vec![
                "score",
                rp.to_str().unwrap(),
                "--facts",
                fp.to_str().unwrap(),
                "--explain",
            ],
            vec!["check", rp.to_str().unwrap(), "--format", "json"],
        ] {
            let start = Instant::now();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
                .args(&args)
                .output()
                .unwrap();
            runs += 1;
            let took = start.elapsed();
            let code = out.status.code();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let ctx = || {
                format!("{args:?} → {code:?} in {took:?}\n{text}\n--- rules ---\n{rules}\n--- facts ---\n{facts}")
            };
            assert!(matches!(code, Some(0) | Some(1)), "bad exit: {}", ctx());
            assert!(took < LIMIT, "slow: {}", ctx());
            if code != Some(0) {
                assert!(
                    has_code(&text),
                    "non-zero exit without a coded diagnostic: {}",
                    ctx()
                );
            }
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    runs
}

fn has_code(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(5).any(|w| {
        (w[0] == b'E' || w[0] == b'W')
            && w[1..4].iter().all(u8::is_ascii_digit)
            && !w[4].is_ascii_digit()
    })
}

/// The long run: `JIXIAO_FUZZ_SECS=600 cargo test --release --test robustness -- --ignored --nocapture`.
#[test]
#[ignore]
fn long_fuzz() {
    let secs: u64 = std::env::var("JIXIAO_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let start = Instant::now();
    let (mut tried, mut failed, mut round, mut bin_runs) = (0u64, 0u64, 0u64, 0u64);
    let mut slowest = Duration::ZERO;
    while start.elapsed() < Duration::from_secs(secs) {
        let t0 = Instant::now();
        let (t, f) = campaign(0xF00D_0000 + round * 1_000_003, 2000, |_, _, _| {});
        slowest = slowest.max(t0.elapsed() / t.max(1) as u32);
        tried += t;
        failed += f;
        bin_runs += sample_binary(0xB00 + round, 5);
        round += 1;
    }
    println!("long_fuzz: {tried} library inputs ({failed} rejected with diagnostics), {bin_runs} binary runs, {round} rounds, {:?}", start.elapsed());
}

#[test]
fn a_file_of_garbage_stops_at_fifty_syntax_errors() {
    // Every line starts a statement, so recovery would report each of them.
    let garbage = format!("评分表 \"x\" 满分 10\n{}", "输入 x 数\n".repeat(20_000));
    let d = run_one("garbage", &garbage, "", Format::Toml);
    assert_eq!(d.len(), 50);
    assert!(
        d.iter().all(|d| d.code() == "E001"),
        "{:?}",
        d.iter().map(|d| d.code()).collect::<Vec<_>>()
    );
}

#[test]
fn a_rule_file_over_one_mebibyte_is_refused_before_parsing() {
    let big = format!("评分表 \"x\" 满分 10\n{}", "#".repeat(1024 * 1024));
    assert_eq!(codes(&big), ["E009"]);
}
