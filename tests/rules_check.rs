//! Every bundled rubric in rules/ parses and checks without errors.

use jixiao::diag::{render_text, Lang, SourceMap};

#[test]
fn bundled_rubrics_check_clean() {
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("jx") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut map = SourceMap::new();
        let id = map.add(path.display().to_string(), text);
        if let Err(d) = jixiao::compile(&map, id) {
            failures.push(render_text(&d.0, &map, Lang::Zh, false));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
