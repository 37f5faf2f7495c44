//! Golden scorecards: the text table and the explanation ledger of every
//! bundled rubric. `JIXIAO_BLESS=1 cargo test --test reports` rewrites them.

use jixiao::diag::{Lang, SourceMap};
use std::path::Path;

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("JIXIAO_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing {}; run with JIXIAO_BLESS=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from its golden file; diff:\n{}",
        diff(&expected, actual)
    );
}

fn diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            out.push_str(&format!("line {}:\n- {e}\n+ {a}\n", i + 1));
        }
    }
    let (ne, na) = (expected.lines().count(), actual.lines().count());
    if ne != na {
        out.push_str(&format!("{ne} lines expected, {na} lines produced\n"));
    }
    out
}

fn reports(stem: &str, lang: Lang) -> (String, String) {
    let mut map = SourceMap::new();
    let rules = std::fs::read_to_string(format!("rules/{stem}.jx")).unwrap();
    let rid = map.add(format!("rules/{stem}.jx"), rules);
    let checked = jixiao::compile(&map, rid).map_err(|d| d.0).unwrap().checked;
    let facts = std::fs::read_to_string(format!("rules/{stem}.facts.toml")).unwrap();
    let fid = map.add(format!("rules/{stem}.facts.toml"), facts);
    let fs = jixiao::facts::load(map.text(fid), fid, jixiao::facts::Format::Toml, &checked)
        .map_err(|d| d.0)
        .unwrap();
    let (card, ledger) = jixiao::eval::score_explained(&checked, &fs).unwrap();
    let table = jixiao::report::scorecard_text(&checked, &card, lang);
    let explain = jixiao::report::explain(&checked, &card, &ledger, &map, lang, None);
    (table, explain)
}

#[test]
fn seed_scorecards_and_ledgers_match_golden_files() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    for stem in ["shaanxi-2019", "jinzhong-2020", "dongxihu-2020"] {
        let (table, explain) = reports(stem, Lang::Zh);
        golden(&format!("{stem}.score.txt"), &table);
        golden(&format!("{stem}.explain.txt"), &explain);
    }
    let (table, explain) = reports("shaanxi-2019", Lang::En);
    golden("shaanxi-2019.score.en.txt", &table);
    golden("shaanxi-2019.explain.en.txt", &explain);
}
