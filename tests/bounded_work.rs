//! No quadratic work on inputs people paste or generate (issue 9 item 7,
//! finding F16): a pasted block, many REPL definitions, and the parse the
//! REPL reuses between them.

use jixiao::diag::Lang;
use jixiao::repl::{frontend, Session};
use std::time::{Duration, Instant};

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/shaanxi-2019.jx");

fn piped(script: &str) -> i32 {
    frontend::piped(Session::new(Lang::Zh), script.as_bytes())
}

/// A 20,000-line block: each line used to rescan the whole pending text
/// (27.8 s in release). Linear now: well under a second, even unoptimised.
#[test]
fn a_pasted_block_of_20000_lines_is_read_in_linear_time() {
    let script = format!("指标 新 10 {{\n{}}}\n", "  # 注释行\n".repeat(20_000));
    let t = Instant::now();
    piped(&script);
    assert!(t.elapsed() < Duration::from_secs(8), "{:?}", t.elapsed());
}

/// The block still ends where its bracket closes, and a command after an
/// unclosed block still runs (the running count must reset).
#[test]
fn the_running_bracket_count_matches_needs_more() {
    let mut s = Session::new(Lang::Zh);
    let r = s.handle(&format!(":load {RULES}"));
    assert!(!r.failed, "{}", r.text);
    let block = "指标 新 10 {\n  得分 = 10\n}\n";
    assert!(!jixiao::repl::needs_more(block));
    // One unclosed block, then a command, then an expression: three inputs.
    let script = format!(":load {RULES}\n指标 坏 10 {{\n  得分 = 1\n:score\n1 + 1\n");
    assert_eq!(piped(&script), 1, "the unclosed block fails, the rest runs");
    let script = format!(":load {RULES}\n指标 新 10 {{\n  得分 = 10\n}}\n新\n");
    assert_eq!(piped(&script), 1, "the rubric's weights no longer add up");
}

/// Many `定义` lines (1,000 took 15.6 s in release): each re-parsed the whole session twice
/// (15.6 s in release); now only the new line is parsed.
#[test]
fn many_definitions_do_not_reparse_the_session() {
    let mut s = Session::new(Lang::Zh);
    assert!(!s.handle(&format!(":load {RULES}")).failed);
    let t = Instant::now();
    for i in 0..200 {
        let r = s.handle(&format!("定义 d{i} = 1% + {i}%"));
        assert!(!r.failed, "{}", r.text);
    }
    let r = s.handle("d199 + d1");
    assert!(r.text.contains("202"), "{}", r.text);
    // A redefinition replaces in place and still checks.
    let r = s.handle("定义 d1 = 5%");
    assert!(!r.failed, "{}", r.text);
    assert!(s.handle("d1").text.contains('5'));
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

/// `parse_appended` gives what `parse` of the whole text gives.
#[test]
fn parsing_only_the_appended_part_is_the_same_as_parsing_everything() {
    for path in ["shaanxi-2019.jx", "dongxihu-2020.jx", "jinzhong-2020.jx"] {
        let base = std::fs::read_to_string(format!("{}/rules/{path}", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
        let prev = jixiao::syntax::parse(&base, 0).unwrap();
        for extra in [
            "\n定义 新率 = 1% + 2%\n",
            "\n指标 新 10 {\n  如果 新率 >= 1% 则 10\n  否则 0\n}\n",
            "\n输入 新数: 数\n定义 a = 新数 * 2\n",
            "\n# 只有注释\n",
            "\n定义 坏 = (1 +\n",
        ] {
            let text = format!("{base}{extra}");
            let whole = jixiao::syntax::parse(&text, 0);
            let resumed = jixiao::syntax::parse_appended(&prev, &text, base.len(), 0);
            assert_eq!(
                format!("{whole:?}"),
                format!("{resumed:?}"),
                "{path} + {extra:?}"
            );
        }
    }
}

fn define_many(n: usize) -> Duration {
    let mut s = Session::new(Lang::Zh);
    assert!(!s.handle(&format!(":load {RULES}")).failed);
    let t = Instant::now();
    for i in 0..n {
        let r = s.handle(&format!("定义 d{i} = 预算完成率 + {i}%"));
        assert!(!r.failed, "{}", r.text);
    }
    t.elapsed()
}

/// Each new `定义` is checked alone against the session (check::Extender),
/// not with the whole rubric again: four times the definitions take about
/// four times as long (quadratic work would take sixteen; 2,000 took 133 s
/// unoptimised before, 1 s now).
#[test]
fn many_definitions_take_linear_time() {
    let small = define_many(500);
    let big = define_many(2000);
    assert!(
        big < small * 9 + Duration::from_millis(500),
        "500 definitions: {small:?}, 2000: {big:?}"
    );
}

/// A definition added alone is checked as the whole text would check it:
/// errors and warnings about it, its value, and the same scorecard as a
/// rule file holding the same definitions.
#[test]
fn a_definition_added_alone_checks_as_the_whole_file_would() {
    let facts = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/shaanxi-2019.facts.toml");
    let mut s = Session::new(Lang::Zh);
    assert!(!s.handle(&format!(":load {RULES}")).failed);
    assert!(!s.handle(&format!(":facts {facts}")).failed);
    let typed = [
        "定义 甲 = 预算完成率 + 1%",
        "定义 乙 = 甲 * 2",
        "定义 丙 = |预算调整率|",
    ];
    for line in typed {
        let r = s.handle(line);
        assert!(!r.failed, "{line}: {}", r.text);
    }
    // Errors leave the session as it was.
    let r = s.handle("定义 丁 = 甲 + 是");
    assert!(r.failed && r.text.contains("[E1"), "{}", r.text);
    let r = s.handle("定义 戊 = 不存在 + 1");
    assert!(r.failed && r.text.contains("[E101]"), "{}", r.text);
    let r = s.handle("定义 己 = 1 / 预算完成率");
    assert!(!r.failed && r.text.contains("[W201]"), "{}", r.text);
    assert!(s.handle("丁").failed);
    assert!(
        s.handle("乙").text.contains("1.88"),
        "{}",
        s.handle("乙").text
    );
    // The same definitions in the file, loaded and checked whole.
    let dir = std::env::temp_dir().join(format!("jixiao-extend-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = std::fs::read_to_string(RULES).unwrap();
    for line in typed.iter().chain(["定义 己 = 1 / 预算完成率"].iter()) {
        text.push_str(&format!("\n{line}\n"));
    }
    let file = dir.join("r.jx");
    std::fs::write(&file, text).unwrap();
    let mut whole = Session::new(Lang::Zh);
    assert!(!whole.handle(&format!(":load {}", file.display())).failed);
    assert!(!whole.handle(&format!(":facts {facts}")).failed);
    assert_eq!(s.handle(":score").text, whole.handle(":score").text);
    assert_eq!(s.handle("乙 + 己").text, whole.handle("乙 + 己").text);
    let _ = std::fs::remove_dir_all(&dir);
}
