fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add(path, text.clone());
    match jixiao::syntax::parse(&text, id) {
        Ok(r) => println!("{:#?}", r.indicators.len()),
        Err(d) => print!("{}", jixiao::diag::render_text(&d.0, &map, jixiao::diag::Lang::Zh, false)),
    }
}
