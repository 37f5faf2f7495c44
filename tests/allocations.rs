//! Scoring on the plain path allocates a fixed number of times per fact
//! set, whatever the number of indicators: nothing per indicator. The
//! compiled evaluator, with its scratch warm, allocates nothing at all.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The counter is global: tests that read it take turns.
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn rubric(leaves: usize) -> String {
    let mut s = format!("评分表 \"大\" 满分 {leaves}\n等级 优 >= 1，差\n输入 率: 百分比\n输入 次数: 次\n定义 余量 = 100% - 率\n");
    for i in 0..leaves {
        s.push_str(&format!(
            "指标 指标{i} 1 {{\n如果 率 ≥ 95% 则 1\n如果 余量 在 5% 和 20%（含） 之间 则 0.5\n否则 从 1 分扣：率 低于 80% 的部分 每 1个百分点 扣 0.1 分（按整步），扣完为止\n}}\n"
        ));
    }
    s
}

fn checked(leaves: usize) -> jixiao::check::Checked {
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add("big.jx", rubric(leaves));
    jixiao::compile(&map, id)
        .map_err(|d| d.0.len())
        .unwrap()
        .checked
}

/// Allocations of one compiled scoring (total and grade, then the whole
/// scorecard) after a warm-up.
fn compiled_allocations(leaves: usize) -> (usize, usize) {
    let c = checked(leaves);
    let k = jixiao::compiled::Compiled::new(&c);
    let mut s = k.scratch();
    s.facts_mut()[0] = jixiao::eval::value::Value::Num(rust_decimal::Decimal::new(85, 2));
    s.facts_mut()[1] = jixiao::eval::value::Value::Num(rust_decimal::Decimal::from(2));
    k.run(&mut s).unwrap();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    k.run_quick(&mut s).unwrap();
    let quick = ALLOCATIONS.load(Ordering::Relaxed) - before;
    let card = k.run(&mut s).unwrap();
    assert_eq!(card.indicators.len(), leaves);
    (quick, ALLOCATIONS.load(Ordering::Relaxed) - before - quick)
}

#[test]
fn the_compiled_evaluator_allocates_nothing_per_fact_set() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    for leaves in [5, 200] {
        assert_eq!(compiled_allocations(leaves), (0, 0), "{leaves} indicators");
    }
}

fn allocations_for(leaves: usize) -> usize {
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add("big.jx", rubric(leaves));
    let checked = jixiao::compile(&map, id)
        .map_err(|d| d.0.len())
        .unwrap()
        .checked;
    let mut facts = jixiao::eval::FactSet::empty(&checked);
    facts.set(
        0,
        jixiao::eval::value::Value::Num(rust_decimal::Decimal::new(85, 2)),
        None,
    );
    facts.set(
        1,
        jixiao::eval::value::Value::Num(rust_decimal::Decimal::from(2)),
        None,
    );
    let mut env = jixiao::eval::Env::new(checked.slot_count());
    // Warm up, then count one scoring.
    let _ = jixiao::eval::score_in(&checked, &facts, &mut env).unwrap();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let card = jixiao::eval::score_in(&checked, &facts, &mut env).unwrap();
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    assert_eq!(card.indicators.len(), leaves);
    after - before
}

#[test]
fn allocations_do_not_grow_with_the_number_of_indicators() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let small = allocations_for(5);
    let large = allocations_for(200);
    assert_eq!(
        small, large,
        "5 indicators: {small} allocations, 200 indicators: {large}"
    );
    assert!(small <= 2, "{small} allocations per fact set");
}
