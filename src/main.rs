// Temporary driver until the CLI lands: parse + check a rule file.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add(path, text.clone());
    let lang = jixiao::diag::Lang::from_flag_or_env(None);
    match jixiao::syntax::parse(&text, id) {
        Ok(r) => match jixiao::check::check(&r) {
            Ok(out) => {
                print!("{}", jixiao::diag::render_text(&out.warnings.0, &map, lang, false));
                println!("ok: {} indicators", out.checked.indicators.len());
            }
            Err(d) => print!("{}", jixiao::diag::render_text(&d.0, &map, lang, false)),
        },
        Err(d) => print!("{}", jixiao::diag::render_text(&d.0, &map, lang, false)),
    }
}
