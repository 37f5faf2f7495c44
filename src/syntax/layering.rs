//! The syntax stage's files form layers, and a file may use only files of
//! lower layers (docs/architecture.md, "syntax"). This test reads the sources
//! and fails on an arrow pointing up or sideways, so that the old circle
//! (errors ↔ recover ↔ lower) cannot come back unnoticed.

use std::path::Path;

/// Each file of src/syntax (a folder counts as one file) and its layer.
/// Files of one layer must not use each other.
const LAYERS: &[(&str, u8)] = &[
    ("span", 0),
    ("ast", 1),
    ("parser", 1),
    ("hints", 2),
    ("names", 2),
    ("print", 2),
    ("errors", 3),
    ("recover", 4),
    ("lower", 5),
    ("format", 6),
    ("mod", 7),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The sibling modules of `syntax` a source text names: `super::x` from a
/// file of src/syntax, `super::super::x` from a file of a folder such as
/// src/syntax/lower, `crate::syntax::x` from either; `use …::{a, b::c}` too.
fn uses(text: &str, nested: bool) -> Vec<String> {
    let prefixes: &[&str] = if nested {
        &["super::super::", "crate::syntax::"]
    } else {
        &["super::", "crate::syntax::"]
    };
    let mut out = Vec::new();
    // A file's own tests (at its end) use `super::` for the file itself.
    let text = &text[..text.find("#[cfg(test)]").unwrap_or(text.len())];
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        for prefix in prefixes {
            let mut rest = code;
            while let Some(i) = rest.find(prefix) {
                // `super::super::x` does not also count as `super::super`.
                let before = &rest[..i];
                rest = &rest[i + prefix.len()..];
                if !nested && before.ends_with("super::") {
                    continue;
                }
                if let Some(group) = rest.strip_prefix('{') {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    out.extend(group.split(',').map(|g| first_segment(g.trim())));
                } else {
                    out.push(first_segment(rest));
                }
            }
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn syntax_files_use_only_lower_layers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/syntax");
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        // This file quotes paths in its own strings and tests.
        if name == "layering" {
            continue;
        }
        if path.is_dir() {
            for f in std::fs::read_dir(&path).unwrap() {
                let f = f.unwrap().path();
                let text = std::fs::read_to_string(&f).unwrap();
                sources.push((name.clone(), f, text, true));
            }
        } else {
            let text = std::fs::read_to_string(&path).unwrap();
            sources.push((name, path, text, false));
        }
    }
    assert!(sources.len() > 10, "syntax sources not found in {dir:?}");
    let mut wrong = Vec::new();
    for (module, path, text, nested) in &sources {
        let Some(own) = layer(module) else {
            wrong.push(format!(
                "{}: give this file a layer in LAYERS",
                path.display()
            ));
            continue;
        };
        for used in uses(text, *nested) {
            match layer(&used) {
                Some(l) if l < own => {}
                Some(_) if used == *module => {}
                Some(l) => wrong.push(format!(
                    "{}: layer {own} uses `{used}` (layer {l}); arrows point down only",
                    path.display()
                )),
                // A name re-exported by mod.rs hides which file it comes from.
                None if module != "mod" => wrong.push(format!(
                    "{}: uses `{used}` through the syntax module; name the file it lives in",
                    path.display()
                )),
                None => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scanner_sees_every_form_of_use() {
    let text = "use super::parser::Rule;\nuse super::{errors::humanize, span};\n\
                // super::lower in a comment\nlet x = crate::syntax::names::f();";
    assert_eq!(
        uses(text, false),
        ["parser", "errors", "span", "names"].map(String::from)
    );
    let nested = "use super::cx::kids;\nuse super::super::ast::*;";
    assert_eq!(uses(nested, true), ["ast"].map(String::from));
    // An upward arrow, as errors.rs once had, is caught.
    assert!(layer("recover") > layer("errors"));
}
