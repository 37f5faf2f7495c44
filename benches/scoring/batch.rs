//! Part c: `jixiao::batch::run` end to end on a generated 100,000-row
//! jinzhong-2020 CSV, against only reading that CSV with the csv crate and
//! parsing every cell into a `Decimal` (one thread), for 1 worker, 2
//! workers and the default (one per core).

use super::{compile_text, rubric_text, time, N};
use jixiao::compiled::sample;
use jixiao::diag::Lang;
use rust_decimal::Decimal;

pub fn end_to_end() {
    println!("\n## c. batch end to end: jinzhong-2020, {N} CSV rows");
    let (c, map) = compile_text(&rubric_text("jinzhong-2020"));
    let csv = sample::csv(&c, N, 2020);
    // `SCORING_CSV=path` keeps the input, to time the `jixiao batch` binary on it.
    if let Ok(path) = std::env::var("SCORING_CSV") {
        std::fs::write(&path, &csv).unwrap();
    }
    let cols = csv.lines().next().unwrap().split(',').count();
    println!(
        "input: {N} rows × {cols} columns, {:.1} MB",
        csv.len() as f64 / 1e6
    );
    let parse_only = || time(3, 1, || parse_once(&csv));
    let opts = |workers: usize| jixiao::batch::Options {
        input: jixiao::batch::InFormat::Csv,
        output: jixiao::batch::OutFormat::Csv,
        lang: Lang::Zh,
        explain: false,
        map: &map,
        workers,
        chunk: 0,
    };
    let run = |workers: usize| {
        let o = opts(workers);
        time(3, 1, || {
            jixiao::batch::run(&c, csv.as_bytes(), std::io::sink(), &o, None).unwrap()
        })
    };
    // `SCORING_BATCH=n` (0 = parse-only): only that loop, `SCORING_REPS`
    // times (10), for `perf record`, `time` or callgrind.
    if let Ok(w) = std::env::var("SCORING_BATCH") {
        let w: usize = w.parse().unwrap_or(2);
        let reps = std::env::var("SCORING_REPS").map_or(10, |r| r.parse().unwrap_or(10));
        let o = opts(w.max(1));
        let all: Vec<u64> = (0..reps)
            .map(|_| {
                let t = std::time::Instant::now();
                match w {
                    0 => drop(std::hint::black_box(parse_once(&csv))),
                    _ => drop(
                        jixiao::batch::run(&c, csv.as_bytes(), std::io::sink(), &o, None).unwrap(),
                    ),
                }
                t.elapsed().as_millis() as u64
            })
            .collect();
        println!("SCORING_BATCH={w}: ms {all:?}");
        return;
    }
    // Taking turns, so that load from other processes hits each alike.
    let (mut base, mut one, mut two) = (parse_only(), run(1), run(2));
    for _ in 0..2 {
        base = base.min(parse_only());
        one = one.min(run(1));
        two = two.min(run(2));
    }
    let sum = jixiao::batch::run(&c, csv.as_bytes(), std::io::sink(), &opts(0), None).unwrap();
    assert_eq!(sum.read, sum.scored + sum.failed);
    println!(
        "rows read {} = scored {} + failed {}",
        sum.read, sum.scored, sum.failed
    );
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "only parsing the CSV into decimals (1 thread): {:.0} ms",
        ms(base)
    );
    for (name, t) in [("1 worker", one), ("2 workers", two)] {
        println!(
            "jixiao batch, {name}: {:.0} ms = {:.2} × parse-only",
            ms(t),
            ms(t) / ms(base)
        );
    }
}

/// The baseline: read the CSV with the csv crate, every cell into a `Decimal`.
fn parse_once(csv: &str) -> Decimal {
    let mut rdr = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let mut rec = csv::ByteRecord::new();
    let mut acc = Decimal::ZERO;
    while rdr.read_byte_record(&mut rec).unwrap() {
        for f in rec.iter().skip(1) {
            let t = std::str::from_utf8(f).unwrap();
            if let Ok(d) = t.strip_suffix('%').unwrap_or(t).parse::<Decimal>() {
                acc += d;
            }
        }
    }
    acc
}
