//! `cargo bench --bench scoring`: jixiao's compiled evaluator against a
//! hand-written baseline (B) and a peer engine on the same rubric, batch
//! scoring end to end against only parsing its CSV, and compile times.
//! Every score is first checked against an exact big-rational oracle
//! (tests/oracle): jixiao's compiled and reference evaluators must equal it
//! (the run aborts otherwise); B's wrong fact sets are counted, since a
//! hand-written rust_decimal B rounds quotients. Results: docs/performance.md.

mod baseline;
mod batch;
mod jinzhong;
#[path = "../../tests/oracle/mod.rs"]
mod oracle;
mod peer;

use baseline::Facts;
use jixiao::check::Checked;
use jixiao::compiled::sample::{self, Rng};
use jixiao::compiled::Compiled;
use jixiao::diag::SourceMap;
use jixiao::eval::value::Value;
use jixiao::eval::FactSet;
use rust_decimal::Decimal;
use std::hint::black_box;
use std::time::{Duration, Instant};

const N: usize = 100_000;

fn rubric_text(name: &str) -> String {
    std::fs::read_to_string(format!("{}/rules/{name}.jx", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn compile_text(text: &str) -> (Checked, SourceMap) {
    let mut map = SourceMap::new();
    let id = map.add("bench.jx", text.to_string());
    let c = jixiao::compile(&map, id)
        .unwrap_or_else(|_| panic!("rubric compiles"))
        .checked;
    (c, map)
}

/// Best of `reps` runs (the least disturbed), per item.
fn time<T>(reps: usize, items: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed());
    }
    best / items.max(1) as u32
}

fn ns(d: Duration) -> String {
    format!("{:.0} ns", d.as_secs_f64() * 1e9)
}

fn typed(c: &Checked, row: &[Value]) -> Facts {
    let num = |n: &str| row[c.fact_slot(n).unwrap() as usize].num();
    let yes = |n: &str| row[c.fact_slot(n).unwrap() as usize].truth();
    let tier = |n: &str| match row[c.fact_slot(n).unwrap() as usize] {
        Value::Enum(i) => i,
        _ => unreachable!(),
    };
    Facts {
        done: num("预算完成率"),
        adjust: num("预算调整率"),
        half: num("半年支出进度"),
        three_q: num("前三季度支出进度"),
        accuracy: num("预算编制准确率"),
        sangong: num("三公经费控制率"),
        assets: [
            yes("新增资产配置按预算执行"),
            yes("资产有偿使用处置按规定审批"),
            yes("资产收益及时足额上缴"),
        ],
        funds: [
            yes("符合财经法规和财务制度"),
            yes("资金拨付审批程序完整"),
            yes("重大项目开支经评估论证"),
            yes("符合预算批复用途"),
            yes("无截留挤占挪用虚列支出"),
        ],
        out_tier: tier("项目产出档次"),
        out_rate: num("项目产出得分率"),
        eff_tier: tier("项目效益档次"),
        eff_rate: num("项目效益得分率"),
    }
}

fn typed_jinzhong(c: &Checked, row: &[Value]) -> jinzhong::Facts {
    let num = |n: &str| row[c.fact_slot(n).unwrap() as usize].num();
    let yes = |n: &str| row[c.fact_slot(n).unwrap() as usize].truth();
    jinzhong::Facts {
        carry: num("上年结转金额"),
        initial: num("年初预算金额"),
        adjust: num("预算调整金额"),
        other: num("其他调整资金"),
        spent: num("预算执行金额"),
        left: num("年末结余金额"),
        adjusted: num("调整后预算数"),
        staff: num("在职人数"),
        posts: num("编制人数"),
        sangong_now: num("本年三公经费"),
        sangong_last: num("上年三公经费"),
        key: num("重点项目支出"),
        projects: num("项目总支出"),
        pay: [
            "一季度支付进度",
            "二季度支付进度",
            "三季度支付进度",
            "十一月底支付进度",
        ]
        .map(num),
        public_spent: num("实际公用经费"),
        public_budget: num("预算公用经费"),
        sangong_spent: num("三公经费实际支出"),
        sangong_budget: num("三公经费预算数"),
        bought: num("实际政府采购金额"),
        buy_plan: num("政府采购预算数"),
        assets: num("固定资产总额"),
        in_use: num("在用固定资产总额"),
        yes: [
            "工作规划合理",
            "工作目标明确",
            "财务管理制度健全",
            "资金使用合规",
            "预决算信息公开",
            "基础信息完善",
            "资产管理制度健全",
            "资产管理安全",
            "完成实绩",
            "质量达标",
            "重点工作完成",
            "经济效益达到预期",
            "社会效益达到预期",
            "生态效益达到预期",
        ]
        .map(yes),
        satisfaction: match row[c.fact_slot("满意度").unwrap() as usize] {
            Value::Enum(i) => i,
            _ => unreachable!(),
        },
    }
}

/// What B says about one fact set: leaf scores, total, grade.
type BCard = Option<(Vec<Decimal>, Decimal, usize)>;

/// Exactness before speed: the compiled and the reference evaluator must
/// equal the oracle (and each other) on every fact set; B is counted.
fn exactness(c: &Checked, rows: &[Vec<Value>], b: &dyn Fn(usize) -> BCard) -> usize {
    let k = Compiled::new(c);
    let mut s = k.scratch();
    let leaf_ids: Vec<usize> = (0..c.indicators.len())
        .filter(|&i| c.indicators[i].is_leaf())
        .collect();
    let (mut scored, mut b_wrong, mut b_total_wrong) = (0, 0, 0);
    for (i, row) in rows.iter().enumerate() {
        s.facts_mut().copy_from_slice(row);
        // The timed path (total and grade only) and the whole card agree.
        let quick = k.run_quick(&mut s).ok();
        let fast = quick.map(|_| k.card(&mut s).clone());
        assert_eq!(
            quick,
            fast.as_ref().map(|c| jixiao::compiled::Quick {
                total: c.total,
                grade: c.grade
            })
        );
        let mut fs = FactSet::empty(c);
        row.iter()
            .enumerate()
            .for_each(|(j, v)| fs.values[j] = Some(*v));
        let reference = jixiao::eval::score(c, &fs);
        assert_eq!(
            format!("{fast:?}"),
            format!("{:?}", reference.as_ref().ok()),
            "compiled ≠ reference at {i}"
        );
        let want = oracle::score(c, row);
        assert!(
            oracle::agrees(&want, &reference),
            "jixiao ≠ oracle at fact set {i}: {row:?}"
        );
        scored += usize::from(want.is_some());
        let b_ok = match (&want, b(i)) {
            (None, None) => true,
            (Some(o), Some((leaves, total, grade))) => {
                if oracle::rat(total) != o.total {
                    b_total_wrong += 1;
                }
                oracle::rat(total) == o.total
                    && grade == o.grade
                    && leaf_ids
                        .iter()
                        .zip(&leaves)
                        .all(|(id, l)| oracle::rat(*l) == o.scores[*id])
            }
            _ => false,
        };
        b_wrong += usize::from(!b_ok);
    }
    println!(
        "fact sets: {}, scored: {scored}; jixiao compiled = reference = oracle on all (checked)",
        rows.len()
    );
    println!(
        "B vs the exact oracle: {b_wrong} fact sets wrong ({b_total_wrong} with a wrong total)"
    );
    b_wrong
}

/// Time B (`b` scores every fact set once), jixiao compiled and the
/// reference in turns, each keeping its best round. jixiao compiled is
/// timed twice: giving the total and grade as B does (every indicator scored
/// exactly, the scorecard's decimals left unbuilt), and building the whole
/// scorecard (raw points, weights, parents' subtotals) as `run` does.
/// Returns compiled / B.
fn race(c: &Checked, rows: &[Vec<Value>], b: &mut dyn FnMut() -> Decimal) -> f64 {
    let k = Compiled::new(c);
    let mut s = k.scratch();
    let n = rows.len();
    let mut env = jixiao::eval::Env::new(c.slot_count());
    let sets: Vec<FactSet> = rows
        .iter()
        .map(|r| {
            let mut fs = FactSet::empty(c);
            r.iter()
                .enumerate()
                .for_each(|(j, v)| fs.values[j] = Some(*v));
            fs
        })
        .collect();
    // One contiguous array of rows, as B's typed structs are one `Vec`.
    let flat: Vec<Value> = rows.concat();
    let (mut t_b, mut t_k, mut t_r) = (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut t_card = Duration::MAX;
    for rep in 0..9 {
        t_b = t_b.min(time(1, n, &mut *b));
        t_k = t_k.min(time(1, n, || {
            let mut acc = Decimal::ZERO;
            k.run_quick_rows(&mut s, &flat, |_, _, q| {
                if let Ok(q) = q {
                    acc += q.total;
                }
            });
            acc
        }));
        t_card = t_card.min(time(1, n, || {
            let mut acc = Decimal::ZERO;
            k.run_quick_rows(&mut s, &flat, |_, s, q| {
                if q.is_ok() {
                    acc += k.card(s).total;
                }
            });
            acc
        }));
        if rep % 3 == 0 {
            t_r = t_r.min(time(1, n, || {
                sets.iter()
                    .filter_map(|fs| jixiao::eval::score_in(c, fs, &mut env).ok())
                    .map(|c| c.total)
                    .sum::<Decimal>()
            }));
        }
    }
    let r = |t: Duration| t.as_secs_f64() / t_b.as_secs_f64();
    println!(
        "B (hand-written Rust + rust_decimal): {} per fact set",
        ns(t_b)
    );
    println!(
        "jixiao compiled (exact), total+grade: {} per fact set = {:.2} × B",
        ns(t_k),
        r(t_k)
    );
    println!(
        "jixiao compiled, whole scorecard:     {} per fact set = {:.2} × B",
        ns(t_card),
        r(t_card)
    );
    println!(
        "jixiao reference (tree walker):       {} per fact set = {:.2} × B",
        ns(t_r),
        r(t_r)
    );
    r(t_k)
}

fn evaluators() {
    println!("## a/b. evaluator: shaanxi-2019, {N} generated fact sets");
    let (c, _) = compile_text(&rubric_text("shaanxi-2019"));
    let th = sample::thresholds(&c);
    let mut rng = Rng::new(2019);
    let rows: Vec<Vec<Value>> = (0..N)
        .map(|_| sample::fact_set(&c, &th, &mut rng))
        .collect();
    let facts: Vec<Facts> = rows.iter().map(|r| typed(&c, r)).collect();
    let on_boundary = rows
        .iter()
        .filter(|r| th.iter().any(|t| r.contains(&Value::Num(*t))))
        .count();
    println!("with a value exactly on a threshold: {on_boundary}");
    // `SCORING_PROFILE=k` (or `1`): only the compiled loop, for `perf
    // record` or `perf stat`; `b`: only B; `kj`, `bj`: the same on jinzhong.
    if let Ok(p) = std::env::var("SCORING_PROFILE") {
        return profile(&p, &c, &rows);
    }
    exactness(&c, &rows, &|i| {
        baseline::score(&facts[i]).map(|b| (b.leaves.to_vec(), b.total, b.grade))
    });
    let mut peer = peer::Peer::new();
    let peer_mismatch = facts
        .iter()
        .filter(|f| {
            let p = peer.leaves(f).map(|l| {
                l.map(|x| {
                    x.round_dp_with_strategy(
                        2,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                    )
                })
            });
            let b = baseline::score(f);
            p.as_ref().map(|l| &l[..]) != b.as_ref().map(|b| &b.leaves[..])
        })
        .count();
    println!("peer vs B: {peer_mismatch} mismatches");

    race(&c, &rows, &mut || {
        facts
            .iter()
            .map(|f| baseline::score(f).map_or(Decimal::ZERO, |c| c.total))
            .sum::<Decimal>()
    });
    let t_p = time(3, N, || facts.iter().filter_map(|f| peer.leaves(f)).count());
    println!(
        "peer zen-expression (10 leaf exprs):  {} per fact set",
        ns(t_p)
    );

    println!("\n## a2. evaluator: jinzhong-2020, {N} fact sets aimed at exact halves");
    let (c, _) = compile_text(&rubric_text("jinzhong-2020"));
    let aims = oracle::gen::Aims::new(&c);
    let mut rng = Rng::new(2020);
    let rows: Vec<Vec<Value>> = (0..N).map(|_| aims.fact_set(&c, &mut rng)).collect();
    let facts: Vec<jinzhong::Facts> = rows.iter().map(|r| typed_jinzhong(&c, r)).collect();
    exactness(&c, &rows, &|i| {
        jinzhong::score(&facts[i]).map(|b| (b.leaves.to_vec(), b.total, b.grade))
    });
    race(&c, &rows, &mut || {
        facts
            .iter()
            .map(|f| jinzhong::score(f).map_or(Decimal::ZERO, |c| c.total))
            .sum::<Decimal>()
    });
}

/// One evaluator's loop alone, 20 times over the fact sets, so that `perf`
/// sees nothing else (the fact sets are generated before it, untimed).
/// `SCORING_ROWS=n` keeps only the first n fact sets, repeated, so that
/// they stay in the cache.
fn profile(which: &str, c: &Checked, rows: &[Vec<Value>]) {
    let (c, rows) = if which.ends_with('j') {
        let (c, _) = compile_text(&rubric_text("jinzhong-2020"));
        let aims = oracle::gen::Aims::new(&c);
        let mut rng = Rng::new(2020);
        // `SCORING_N=n`: fewer fact sets (the aimed generator is slow under valgrind).
        let n = std::env::var("SCORING_N").map_or(N, |n| n.parse().unwrap_or(N));
        let rows: Vec<Vec<Value>> = (0..n).map(|_| aims.fact_set(&c, &mut rng)).collect();
        (c, rows)
    } else {
        (c.clone(), rows.to_vec())
    };
    let rows: Vec<Vec<Value>> = match std::env::var("SCORING_ROWS").map(|n| n.parse()) {
        Ok(Ok(n)) => rows.iter().take(n).cycle().take(N).cloned().collect(),
        _ => rows,
    };
    let timed = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        let reps = std::env::var("SCORING_REPS").map_or(20, |r| r.parse().unwrap_or(20));
        (0..reps).for_each(|_| f());
        let sets = reps * rows.len() as u32;
        println!("{which}: {:?} per fact set", t.elapsed() / sets);
    };
    match which {
        "b" => {
            let facts: Vec<Facts> = rows.iter().map(|r| typed(&c, r)).collect();
            timed(&mut || facts.iter().for_each(|f| _ = black_box(baseline::score(f))));
        }
        "bj" => {
            let facts: Vec<jinzhong::Facts> = rows.iter().map(|r| typed_jinzhong(&c, r)).collect();
            timed(&mut || facts.iter().for_each(|f| _ = black_box(jinzhong::score(f))));
        }
        _ => {
            let k = Compiled::new(&c);
            let mut s = k.scratch();
            let flat: Vec<Value> = rows.concat();
            timed(&mut || k.run_quick_rows(&mut s, &flat, |_, _, q| _ = black_box(q)));
        }
    }
}

/// A rubric of `leaves` yes/no-style threshold indicators under 100 parents.
fn big_rubric(leaves: usize) -> String {
    let per = leaves / 100;
    let mut t = format!(
        "评分表 \"生成\" 满分 {leaves}\n保留 2 位小数（四舍五入）\n等级 好 >= {}，差\n",
        leaves / 2
    );
    for i in 0..500 {
        t.push_str(&format!("输入 率{i}: 百分比\n"));
    }
    for p in 0..100 {
        t.push_str(&format!("指标 组{p} {per} {{\n"));
        for l in 0..per {
            let x = (p * per + l) % 500;
            t.push_str(&format!(
                "  指标 项{p}_{l} 1 {{ 如果 率{x} ≥ 95% 则 1 否则 0 }}\n"
            ));
        }
        t.push_str("}\n");
    }
    t
}

fn compile_times() {
    println!("\n## d. parse + check + compile");
    for name in ["shaanxi-2019", "jinzhong-2020", "dongxihu-2020"] {
        let text = rubric_text(name);
        let t = time(50, 1, || {
            let (c, _) = compile_text(&text);
            Compiled::new(&c).scratch().facts().len()
        });
        println!("{name}: {:.2} ms", t.as_secs_f64() * 1e3);
    }
    let text = big_rubric(5000);
    let (c, _) = compile_text(&text);
    let t_check = time(5, 1, || compile_text(&text).0.indicators.len());
    let t_k = time(5, 1, || Compiled::new(&c).scratch().facts().len());
    println!(
        "generated, {} indicators ({} KB): parse + check {:.1} ms, compile {:.1} ms, total {:.1} ms",
        c.indicators.len(),
        text.len() / 1024,
        t_check.as_secs_f64() * 1e3,
        t_k.as_secs_f64() * 1e3,
        (t_check + t_k).as_secs_f64() * 1e3
    );
}

fn main() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    println!(
        "# jixiao scoring benchmark — {} cores, {cpu}\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // `SCORING_ONLY=c cargo bench --bench scoring` runs one part (a, c or d).
    let only = std::env::var("SCORING_ONLY").unwrap_or_default();
    let part = |p: &str| only.is_empty() || only.contains(p);
    if part("a") || part("b") {
        evaluators();
    }
    if part("c") {
        batch::end_to_end();
    }
    if part("d") {
        compile_times();
    }
}
