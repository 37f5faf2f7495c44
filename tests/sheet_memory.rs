//! A big workbook in, a big workbook out, in bounded memory: the peak of
//! live heap bytes (a counting allocator) while reading a sheet through the
//! streaming CSV pipe, and while writing the batch workbook, barely moves
//! when the sheet has ten times the rows. Holding the rows (as the grid
//! did, or rust_xlsxwriter's in-memory worksheets) grows by megabytes.
//!
//! `write_big_workbook` (ignored) writes the workbook measured in
//! docs/spreadsheets.md: `JIXIAO_BIG_ROWS=100000 JIXIAO_BIG_OUT=big.xlsx
//! cargo test --test sheet_memory -- --ignored`.

use jixiao::report::xlsx::batch::{Failed, Scored};
use jixiao::report::xlsx::{BatchBook, BatchRow};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::BufRead;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// One measurement at a time: the counters are the whole process's.
static ONE: Mutex<()> = Mutex::new(());

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        if new > layout.size() {
            grew(new - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Peak live bytes above those live when `f` starts.
fn peak_during<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (PEAK.load(Ordering::Relaxed) - base, out)
}

const RULES: &str = include_str!("sheet_rules.jx");

fn checked() -> jixiao::check::Checked {
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add("t.jx", RULES.to_string());
    jixiao::compile(&map, id).ok().unwrap().checked
}

/// 明细 as finance offices lay it out: a merged title, the header on row 3
/// (序号, 单位名称, inputs, 备注), rates as fractions formatted `0.00%`.
/// `names` distinct unit names, cycled (the shared strings table grows with
/// the distinct texts, not the rows).
fn units_xlsx(rows: usize, names: usize) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    ws.set_name("明细").unwrap();
    let pct = Format::new().set_num_format("0.00%");
    ws.merge_range(
        0,
        0,
        0,
        6,
        "2020 年度部门整体支出绩效自评汇总",
        &Format::new(),
    )
    .unwrap();
    for (c, h) in ["序号", "单位名称", "执行率", "合规", "档次", "金额", "备注"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = 3 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, format!("单位{}", i % names)).unwrap();
        ws.write_number_with_format(r, 2, 0.5 + (i % 50) as f64 / 100.0, &pct)
            .unwrap();
        ws.write_string(r, 3, if i % 3 == 0 { "否" } else { "是" })
            .unwrap();
        ws.write_string(r, 4, ["好", "中", "差"][i % 3]).unwrap();
        ws.write_number(r, 5, 7.000_000_000_000_001 + (i % 200) as f64)
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// Read the sheet as batch does, through the pipe; the rows read.
fn read_streaming(c: &jixiao::check::Checked, bytes: Vec<u8>) -> usize {
    use jixiao::sheet::{self, header};
    let mut book = sheet::read("big.xlsx", bytes, sheet::Kind::Xlsx).unwrap();
    let known = |s: &str| header::LABELS.contains(&s) || c.fact_slot(s).is_some();
    let name = book.find_sheet(None, &known).unwrap();
    let layout = book.layout(&name, &known).unwrap();
    let head: Vec<&str> = layout.table.header.iter().map(String::as_str).collect();
    let plan = header::plan(c, &head);
    let mut pipe = sheet::csv_pipe(book, layout, plan);
    let mut rows = 0;
    let mut line = String::new();
    while pipe.read_line(&mut line).unwrap() > 0 {
        rows += usize::from(!line.trim().is_empty());
        line.clear();
    }
    rows - 1
}

/// Write the batch workbook of `rows` units, every tenth a failed row,
/// into a file.
fn write_book(c: &jixiao::check::Checked, rows: usize, to: std::fs::File) {
    let mut book = BatchBook::new(c, jixiao::diag::Lang::Zh).unwrap();
    for i in 0..rows {
        let outcome = if i % 10 == 9 {
            Err(Failed {
                code: "E306".into(),
                at: format!("明细!E{}", i + 4),
                message: "“档次”的值不在可选值中".into(),
            })
        } else {
            Ok(Scored {
                total: Decimal::new(2450 + (i % 500) as i64, 2),
                grade: "良".into(),
                scores: vec![Decimal::from(10), Decimal::new(85, 1), Decimal::from(6)],
            })
        };
        let r = BatchRow {
            row: i as u64 + 4,
            unit: Some(format!("单位{i}")),
            outcome,
        };
        book.push(&r).unwrap();
    }
    book.finish_to(to).unwrap();
}

#[test]
fn reading_and_writing_big_workbooks_keeps_memory_flat() {
    let _one = ONE.lock().unwrap();
    let c = checked();
    let (small, big) = (1_000, 8_000);
    let read = |n: usize| {
        let bytes = units_xlsx(n, 100);
        let (peak, rows) = peak_during(|| read_streaming(&c, bytes));
        assert_eq!(rows, n);
        peak
    };
    let (r_small, r_big) = (read(small), read(big));
    let dir = std::env::temp_dir().join(format!("jixiao-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |n: usize| {
        let file = std::fs::File::create(dir.join(format!("{n}.xlsx"))).unwrap();
        peak_during(|| write_book(&c, n, file)).0
    };
    let (w_small, w_big) = (write(small), write(big));
    eprintln!("peak heap: reading {small} rows {r_small} B, {big} rows {r_big} B; writing {w_small} B, {w_big} B");
    // 7 000 more rows of 7 cells held would be megabytes.
    const SLACK: usize = 512 * 1024;
    assert!(
        r_big < r_small + SLACK,
        "reading: {r_small} B for {small} rows, {r_big} B for {big}"
    );
    assert!(
        w_big < w_small + SLACK,
        "writing: {w_small} B for {small} rows, {w_big} B for {big}"
    );
}

#[test]
#[ignore = "writes the big workbook for /usr/bin/time measurements"]
fn write_big_workbook() {
    let rows: usize = std::env::var("JIXIAO_BIG_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let out = std::env::var("JIXIAO_BIG_OUT").unwrap_or_else(|_| "big.xlsx".into());
    std::fs::write(out, units_xlsx(rows, rows)).unwrap();
}
