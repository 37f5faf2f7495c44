use rust_xlsxwriter::{Format, Workbook};
#[test]
fn gen() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut map = jixiao::diag::SourceMap::new();
    let id = map.add(
        "r.jx",
        std::fs::read_to_string(format!("{root}/rules/shaanxi-2019.jx")).unwrap(),
    );
    let c = jixiao::compile(&map, id).unwrap().checked;
    let csv = jixiao::compiled::sample::csv(&c, 100_000, 7);
    std::fs::write("/tmp/xt/100k.csv", &csv).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory();
    let ws = ws.unwrap();
    ws.set_name("明细").unwrap();
    let pct = Format::new().set_num_format("0.00%");
    ws.write_string(0, 0, "标题").unwrap();
    for (r, line) in csv.lines().enumerate() {
        for (col, cell) in line.split(',').enumerate() {
            let r = r as u32 + 2;
            match cell.strip_suffix('%').and_then(|p| p.parse::<f64>().ok()) {
                Some(p) if r > 2 => {
                    ws.write_number_with_format(r, col as u16, p / 100.0, &pct)
                        .unwrap();
                }
                _ => {
                    ws.write_string(r, col as u16, cell).unwrap();
                }
            }
        }
    }
    wb.save("/tmp/xt/100k.xlsx").unwrap();
}
