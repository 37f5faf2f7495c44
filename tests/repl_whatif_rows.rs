//! `:whatif` with target-table rows (issue 11): a cell (`表[N].列 = 值`) and a
//! whole row (`表[N] = 列=值; 列=值`), mixed with inputs, listed row by row
//! before → after, the session unchanged; a bad row is refused with its code.

use std::io::Write;
use std::process::{Command, Stdio};

const LOAD: &str = ":load rules/project-2020.jx\n:facts rules/project-2020.tushu.facts.toml\n";

/// `jixiao repl` with `input` piped in; its stdout.
fn piped(input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("repl")
        .env_remove("JIXIAO_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jixiao");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{LOAD}{input}").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_cell_and_an_input_change_together_and_the_session_stays() {
    let out = piped(
        ":whatif 绩效指标[3].实际完成值 = 5200 人次, 全年执行数 = 18 万元\n:score 绩效指标\n:facts\n",
    );
    assert!(
        out.contains("预算执行率                  10.00 → 9.00\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  绩效指标[3] 图书借阅人次  24.00 → 30.00（实际完成值 4000 人次 → 5200 人次）\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("总分                        92.95 → 97.95\n"),
        "{out}"
    );
    // Unchanged rows are not listed; the session still has 4000 人次.
    let whatif = out.split("指标          分值").next().unwrap();
    assert!(!whatif.contains("绩效指标[1]"), "{out}");
    assert!(out.contains("绩效指标        90     82.95\n"), "{out}");
    assert!(out.contains("实际完成值=4000 人次"), "{out}");
}

#[test]
fn a_whole_row_added_and_a_weight_moved() {
    let out = piped(
        ":whatif 绩效指标[5] = 三级指标=开放天数; 年度指标值=≥300 天; 实际完成值=310 天; 分值=10, 绩效指标[1].分值 = 20\n",
    );
    assert!(
        out.contains("  绩效指标[1] 购置图书  30.00 → 20.00\n"),
        "{out}"
    );
    assert!(out.contains("  绩效指标[5] 开放天数  — → 10.00\n"), "{out}");
    assert!(
        out.contains("总分                    92.95 → 92.95\n"),
        "{out}"
    );
}

#[test]
fn a_whole_row_replaced_and_bad_rows_refused() {
    let out = piped(
        ":假如 绩效指标[4] = 三级指标=读者满意度; 年度指标值=≥85%; 实际完成值=80%; 分值=10\n",
    );
    assert!(
        out.contains("  绩效指标[4] 读者满意度  10.00 → 9.41（实际完成值 88% → 80%）\n"),
        "{out}"
    );
    // A row past the end, a cell the reader refuses, a sum that breaks E344.
    let out = piped(
        ":whatif 绩效指标[9].实际完成值 = 1 册\n:whatif 绩效指标[1].实际完成值 = 2100 人\n:whatif 绩效指标[1].分值 = 20\n:score 绩效指标\n",
    );
    assert!(out.contains("[E355]"), "{out}");
    assert!(out.contains("[E343]"), "{out}");
    assert!(out.contains("[E344]"), "{out}");
    assert!(out.contains("绩效指标        90     82.95\n"), "{out}");
}

/// A 定性 row of a 评分档 table: a level with the assessor's pick, then a rate.
#[test]
fn a_band_level_then_a_rate_for_a_qualitative_row() {
    let out = piped(
        ":whatif 绩效指标[5] = 三级指标=读者活动; 指标性质=定性; 实际完成值=部分达成预期指标; 得分=7; 分值=10, 绩效指标[1].分值 = 20\n\
         :whatif 绩效指标[5] = 三级指标=读者活动; 指标性质=定性; 实际完成值=65%; 分值=10, 绩效指标[1].分值 = 20\n\
         :whatif 绩效指标[5] = 三级指标=读者活动; 指标性质=定性; 实际完成值=部分达成预期指标; 分值=10, 绩效指标[1].分值 = 20\n",
    );
    assert!(out.contains("  绩效指标[5] 读者活动  — → 7.00\n"), "{out}");
    assert!(out.contains("  绩效指标[5] 读者活动  — → 6.50\n"), "{out}");
    // No pick for a range: the row is refused, naming what to give.
    assert!(out.contains("[E342]") && out.contains("得分"), "{out}");
}
