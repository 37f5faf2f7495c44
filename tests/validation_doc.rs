//! docs/validation.md shows real output: every `$ jixiao …` example is run
//! and each line it shows (other than source excerpts and `…`) must appear
//! in what the command prints.

use std::process::Command;

#[test]
fn examples_in_validation_md_match_the_tools() {
    let doc = include_str!("../docs/validation.md");
    let mut checked = 0;
    for block in doc.split("```text\n").skip(1) {
        let block = &block[..block.find("```").unwrap_or(block.len())];
        let mut lines = block.lines();
        let Some(cmd) = lines.next().and_then(|l| l.strip_prefix("$ jixiao ")) else {
            continue;
        };
        let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(cmd.split_whitespace())
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("JIXIAO_LANG")
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        for want in lines.filter(|l| {
            !l.contains('…') && !l.contains('│') && !l.contains('┌') && !l.trim().is_empty()
        }) {
            assert!(
                got.contains(want.trim()),
                "`jixiao {cmd}` does not print:\n{want}\n--- got ---\n{got}"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} lines checked");
}
