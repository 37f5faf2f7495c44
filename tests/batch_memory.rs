//! Batch memory stays flat as rows grow (issue 10): with wide rows (500
//! inputs, 200 leaf indicators) the most memory live at any time while
//! scoring 3,000 rows is about what 1,000 rows take. A counting
//! allocator measures the peak of live bytes during the run.

use jixiao::batch::{self, InFormat, OutFormat};
use jixiao::check::Checked;
use jixiao::diag::{Lang, SourceMap};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// 200 leaves under 10 parents, reading 500 rate inputs.
fn wide_rubric() -> String {
    let mut t = String::from("评分表 \"宽\" 满分 200\n等级 好 >= 100，差\n");
    for i in 0..500 {
        t.push_str(&format!("输入 率{i}: 百分比\n"));
    }
    for p in 0..10 {
        t.push_str(&format!("指标 组{p} 20 {{\n"));
        for l in 0..20 {
            let x = (p * 50 + l) % 500;
            t.push_str(&format!(
                "  指标 项{p}_{l} 1 {{ 如果 率{x} ≥ 95% 则 1 否则 0 }}\n"
            ));
        }
        t.push_str("}\n");
    }
    t
}

fn csv(rows: usize) -> String {
    let mut s = String::from("单位");
    for i in 0..500 {
        s.push_str(&format!(",率{i}"));
    }
    s.push('\n');
    let bodies: Vec<String> = (0..7)
        .map(|r| {
            (0..500)
                .map(|i| format!(",{}%", (r * 7 + i * 13) % 101))
                .collect()
        })
        .collect();
    for r in 0..rows {
        s.push_str(&format!("单位{r}"));
        s.push_str(&bodies[r % bodies.len()]);
        s.push('\n');
    }
    s
}

/// The most bytes live at once while scoring `rows` rows, beyond what was
/// live before (the rubric, the input text).
fn peak(c: &Checked, map: &SourceMap, rows: usize) -> usize {
    let input = csv(rows);
    let opts = batch::Options {
        input: InFormat::Csv,
        output: OutFormat::Csv,
        lang: Lang::Zh,
        explain: false,
        map,
        workers: 2,
        chunk: 0,
    };
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let sum = batch::run(c, input.as_bytes(), std::io::sink(), &opts, None).unwrap();
    assert_eq!(sum.scored, rows as u64, "{sum:?}");
    PEAK.load(Ordering::Relaxed) - before
}

#[test]
fn batch_memory_does_not_grow_with_rows() {
    let mut map = SourceMap::new();
    let id = map.add("wide.jx", wide_rubric());
    let c = jixiao::compile(&map, id)
        .map_err(|d| d.0.len())
        .unwrap()
        .checked;
    let small = peak(&c, &map, 1000);
    let large = peak(&c, &map, 3000);
    assert!(
        large < small + small / 4,
        "peak live memory: {small} bytes at 1,000 rows, {large} bytes at 3,000 rows"
    );
    // Each chunk is about 1 MiB of rows and records; a handful are alive.
    assert!(large < 16 << 20, "{large} bytes live at 3,000 rows");
}
