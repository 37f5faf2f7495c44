//! Data tables as people bring them: a workbook sheet or a CSV saved by
//! Excel (GBK or UTF-8, with or without a byte-order mark), turned into the
//! UTF-8 CSV text that batch and diff read, with notes on how it was read.

use crate::batch::Cells;
use crate::check::Checked;
use crate::diag::{DataNote, Diagnostic, Msg};
use crate::sheet::header::{self, Role};
use crate::sheet::{self, column_letters, Kind};

/// A sheet as CSV text whose line N is the sheet's row N.
pub struct SheetCsv {
    pub csv: String,
    pub notes: Vec<DataNote>,
    pub cells: Cells,
}

fn cannot_read(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(Msg::CannotRead {
        path: path.into(),
        reason: e.to_string(),
    })
}

/// Whether a header cell names an input of any of `rubrics` or the unit.
pub fn known(rubrics: &[&Checked], name: &str) -> bool {
    header::LABELS.contains(&name) || rubrics.iter().any(|c| c.fact_slot(name).is_some())
}

/// The header plan of the first rubric, with columns that are inputs of
/// another rubric (diff reads two) counted as inputs.
pub fn plan(rubrics: &[&Checked], head: &[&str]) -> header::Plan {
    let mut p = header::plan(rubrics[0], head);
    for (r, h) in p.roles.iter_mut().zip(head) {
        if matches!(r, Role::Misspelt(_) | Role::Unknown)
            && rubrics[1..]
                .iter()
                .any(|c| c.fact_slot(header::clean(h)).is_some())
        {
            *r = Role::Input(usize::MAX);
        }
    }
    p
}

/// A sheet opened and laid out (first pass), ready to be read as CSV.
pub struct SheetData {
    book: sheet::Book,
    layout: sheet::Layout,
    plan: header::Plan,
    pub notes: Vec<DataNote>,
    pub cells: Cells,
}

/// Open a workbook and find the sheet, its header and columns, without
/// holding its rows.
pub fn sheet_data(
    path: &str,
    kind: Kind,
    wanted: Option<&str>,
    rubrics: &[&Checked],
) -> Result<SheetData, Diagnostic> {
    let bytes = crate::files::read_bytes(path, crate::files::DATA_LIMIT)?;
    let mut book = sheet::read(path, bytes, kind).map_err(Diagnostic::new)?;
    let is_known = |s: &str| known(rubrics, s);
    // A sheet named after a target table holds its rows, not the units.
    let table_sheet = |n: &str| rubrics[0].tables.iter().any(|t| t.name == n);
    let name = book
        .find_sheet_except(wanted, &is_known, &table_sheet)
        .map_err(Diagnostic::new)?;
    let layout = book.layout(&name, &is_known).map_err(Diagnostic::new)?;
    let table = &layout.table;
    let head: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let plan = plan(rubrics, &head);
    let mut notes = vec![DataNote::Sheet {
        sheet: table.sheet.clone(),
        header_line: table.header_line,
    }];
    let ignored = plan.ignored(&head);
    if !ignored.is_empty() {
        notes.push(DataNote::Ignored {
            names: ignored.iter().map(|s| s.to_string()).collect(),
        });
    }
    notes.extend(table.notes.iter().cloned());
    let columns = table
        .header
        .iter()
        .zip(&table.columns)
        .filter(|(h, _)| known(rubrics, header::clean(h)))
        .map(|(h, col)| (header::clean(h).to_string(), column_letters(*col)))
        .collect();
    let cells = Cells {
        sheet: table.sheet.clone(),
        columns,
    };
    Ok(SheetData {
        book,
        layout,
        plan,
        notes,
        cells,
    })
}

impl SheetData {
    /// The CSV text up to and with the header line (for pointing header
    /// errors at it).
    pub fn head_csv(&self) -> String {
        self.layout.table.to_csv(&self.plan)
    }

    /// About how long the CSV is, for a progress bar.
    pub fn csv_size(&self) -> u64 {
        self.layout.csv_size(&self.plan)
    }

    /// The rows as CSV, streamed from a second pass over the sheet.
    pub fn into_reader(self) -> sheet::CsvPipe {
        sheet::csv_pipe(self.book, self.layout, self.plan)
    }

    /// The whole CSV text.
    pub fn into_csv(mut self) -> Result<SheetCsv, Diagnostic> {
        let mut csv = String::new();
        self.book
            .write_csv(&self.layout, &self.plan, &mut |chunk| {
                csv.push_str(&chunk);
                true
            })
            .map_err(Diagnostic::new)?;
        Ok(SheetCsv {
            csv,
            notes: self.notes,
            cells: self.cells,
        })
    }
}

/// Read one sheet of a workbook as CSV text.
pub fn sheet_csv(
    path: &str,
    kind: Kind,
    wanted: Option<&str>,
    rubrics: &[&Checked],
) -> Result<SheetCsv, Diagnostic> {
    sheet_data(path, kind, wanted, rubrics)?.into_csv()
}

/// A whole text file, UTF-8 or GBK; the note says when it was GBK.
pub fn text_file(path: &str) -> Result<(String, Option<DataNote>), Diagnostic> {
    let bytes = crate::files::read_bytes(path, crate::files::DATA_LIMIT)?;
    match sheet::decode(bytes) {
        Some(d) => {
            let note = d.gbk.then(|| DataNote::Gbk { path: path.into() });
            Ok((d.text, note))
        }
        None => Err(Diagnostic::new(Msg::NotUtf8 { path: path.into() })),
    }
}

/// Whether a file should be read as GBK: its first bytes are not UTF-8,
/// and no CJK character (three UTF-8 bytes) comes before the first bad
/// byte. A UTF-8 file with one broken row is still UTF-8, its row an error
/// record; decoding it as GB18030 would succeed and turn its Chinese into
/// other Chinese.
pub fn looks_gbk(path: &str) -> Result<bool, Diagnostic> {
    use std::io::Read;
    // A pipe or FIFO can be read only once, by the run: it streams as UTF-8.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(false);
    }
    let mut f = crate::files::open(path)?;
    let mut buf = vec![0; 1 << 16];
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(cannot_read(path, e)),
        }
    }
    Ok(match std::str::from_utf8(&buf[..n]) {
        Ok(_) => false,
        // A character cut off at the end of the sample is no evidence.
        Err(e) if e.error_len().is_none() => false,
        Err(e) => {
            let good = std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or("");
            good.chars().all(|c| (c as u32) < 0x800)
        }
    })
}

/// Notes on stderr, one line each.
pub fn print_notes(notes: &[DataNote], lang: crate::diag::Lang) {
    for n in notes {
        eprintln!("{}", n.text(lang));
    }
}

/// One unit's facts from a sheet, written as TOML text (each value a string,
/// read like a CSV cell; each line's comment names its cell), for the facts
/// reader: a one-row table, or two columns of names and values.
pub fn sheet_toml(
    path: &str,
    kind: Kind,
    wanted: Option<&str>,
    c: &Checked,
) -> Result<(String, Vec<DataNote>), Diagnostic> {
    let bytes = crate::files::read_bytes(path, crate::files::DATA_LIMIT)?;
    let mut book = sheet::read(path, bytes, kind).map_err(Diagnostic::new)?;
    let fact = |s: &str| c.fact_slot(header::clean(s)).is_some();
    let wide = |g: &sheet::Grid| {
        let need = c.facts.len().min(2);
        g.cells
            .iter()
            .any(|r| r.iter().filter(|x| fact(x)).count() >= need)
    };
    let grid = book
        .choose(wanted, &|g| {
            !c.tables.iter().any(|t| t.name == g.name) && g.cells.iter().flatten().any(|x| fact(x))
        })
        .map_err(Diagnostic::new)?;
    let mut notes = Vec::new();
    let mut toml = String::new();
    // Scores the assessor gives go under [评审打分], after the inputs.
    let mut picks = String::new();
    let mut put = |key: &str, value: &str, cell: String| {
        let k = toml::Value::String(key.to_string()).to_string();
        let v = toml::Value::String(value.to_string()).to_string();
        let out = if pick(c, key) { &mut picks } else { &mut toml };
        out.push_str(&format!("{k} = {v}  # {cell}\n"));
    };
    // A table's rows come from the sheet named after it.
    let names = book.sheet_names();
    let mut tables = String::new();
    for t in &c.tables {
        if names.contains(&t.name) && grid.name != t.name {
            let (text, n) = rows_toml(&mut book, &t.name, &t.name)?;
            tables.push_str(&text);
            notes.extend(n);
        }
    }
    let finish = |toml: String, picks: String| {
        let mut toml = toml;
        if !picks.is_empty() {
            toml.push_str("[评审打分]\n");
            toml.push_str(&picks);
        }
        toml.push_str(&tables);
        toml
    };
    if wide(&grid) {
        let table = grid.table(&|s| known(&[c], s));
        notes.push(DataNote::Sheet {
            sheet: table.sheet.clone(),
            header_line: table.header_line,
        });
        let head: Vec<&str> = table.header.iter().map(String::as_str).collect();
        let plan = header::plan(c, &head);
        let ignored = plan.ignored(&head);
        if !ignored.is_empty() {
            notes.push(DataNote::Ignored {
                names: ignored.iter().map(|s| s.to_string()).collect(),
            });
        }
        notes.extend(table.notes.iter().cloned());
        let [row] = table.rows.as_slice() else {
            return Err(Diagnostic::new(Msg::SheetNotOneUnit {
                sheet: table.sheet.clone(),
                rows: table.rows.len(),
            }));
        };
        for (i, (h, role)) in head.iter().zip(&plan.roles).enumerate() {
            let v = row.cells.get(i).map(String::as_str).unwrap_or("");
            if matches!(role, Role::Ignored | Role::Empty) || v.trim().is_empty() {
                continue;
            }
            let key = if *role == Role::Label {
                "单位"
            } else {
                header::clean(h)
            };
            put(key, v, table.cell(i, row.line));
        }
        return Ok((finish(toml, picks), notes));
    }
    // Two columns: the one naming the most inputs, and the one right of it.
    let width = grid.cells.iter().map(Vec::len).max().unwrap_or(0);
    let name_col = (0..width)
        .max_by_key(|&i| {
            let n = grid
                .cells
                .iter()
                .filter(|r| r.get(i).is_some_and(|x| fact(x)))
                .count();
            (n, std::cmp::Reverse(i))
        })
        .unwrap_or(0);
    notes.push(DataNote::Sheet {
        sheet: grid.name.clone(),
        header_line: 0,
    });
    notes.extend(sheet::shown_notes(grid.shown.clone(), grid.shown_count));
    let mut started = false;
    for (r, row) in grid.cells.iter().enumerate() {
        let name = row.get(name_col).map(|s| header::clean(s)).unwrap_or("");
        let value = row.get(name_col + 1).map(String::as_str).unwrap_or("");
        if name.is_empty() {
            continue;
        }
        let is_fact = fact(name) || pick(c, name);
        started |= is_fact;
        let label = !is_fact && header::LABELS.contains(&name);
        // A heading pair such as 名称 | 值.
        if label
            && matches!(
                value.trim(),
                "值" | "数值" | "取值" | "value" | "实际完成值"
            )
        {
            continue;
        }
        if value.trim().is_empty()
            || header::IGNORED.contains(&name)
            || !(is_fact || label || started)
        {
            continue;
        }
        let at = |col: usize| {
            format!(
                "{}!{}",
                grid.name,
                sheet::cell_name(grid.start.0 + r as u32, grid.start.1 + col as u32)
            )
        };
        put(if label { "单位" } else { name }, value, at(name_col + 1));
    }
    Ok((finish(toml, picks), notes))
}

/// Whether `name` is an indicator whose score the assessor gives.
fn pick(c: &Checked, name: &str) -> bool {
    c.fact_slot(name).is_none() && c.indicator_named(name).is_some_and(|i| c.has_pick(i))
}

/// The rows of target table `table` from sheet `sheet`, as TOML
/// `[[表名]]` tables (each value a string, read like a CSV cell; each
/// line's comment names its cell): the header is the first row naming a
/// column of the table, 序号/备注/说明 and unit columns are read past.
fn rows_toml(
    book: &mut sheet::Book,
    sheet: &str,
    table: &str,
) -> Result<(String, Vec<DataNote>), Diagnostic> {
    let grid = book.grid(sheet).map_err(Diagnostic::new)?;
    let t = grid.table(&crate::facts::is_table_column);
    let mut notes = vec![DataNote::Sheet {
        sheet: t.sheet.clone(),
        header_line: t.header_line,
    }];
    let mut ignored: Vec<String> = Vec::new();
    let keep: Vec<bool> = t
        .header
        .iter()
        .map(|h| {
            let h = header::clean(h);
            if header::IGNORED.contains(&h) && !crate::facts::is_table_column(h) {
                if !ignored.iter().any(|x| x == h) {
                    ignored.push(h.to_string());
                }
                return false;
            }
            !h.is_empty() && (crate::facts::is_table_column(h) || !header::LABELS.contains(&h))
        })
        .collect();
    if !ignored.is_empty() {
        notes.push(DataNote::Ignored { names: ignored });
    }
    notes.extend(t.notes.iter().cloned());
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::new();
    for row in &t.rows {
        out.push_str(&format!("\n[[{}]]  # {}!{}\n", q(table), t.sheet, row.line));
        for (i, h) in t.header.iter().enumerate() {
            let v = row.cells.get(i).map(String::as_str).unwrap_or("");
            if !keep[i] || v.trim().is_empty() {
                continue;
            }
            let (k, v) = (q(header::clean(h)), q(v));
            out.push_str(&format!("{k} = {v}  # {}\n", t.cell(i, row.line)));
        }
    }
    Ok((out, notes))
}

/// One unit's facts file (`fid`) read with the target-table rows of
/// `--rows [表名=]FILE` (`score`, and `report` of one department): every
/// check is the facts reader's own, as for rows written in the file.
pub fn load_with_rows(
    fid: crate::syntax::FileId,
    fmt: crate::facts::Format,
    c: &Checked,
    rows: &[String],
    map: &mut crate::diag::SourceMap,
    lang: crate::diag::Lang,
) -> Result<crate::eval::FactSet, crate::diag::Diagnostics> {
    let mut files = Vec::new();
    for r in rows {
        let (table, path, text, csv, notes) = rows_file(r, c)?;
        print_notes(&notes, lang);
        files.push((table, map.add(path, text), csv));
    }
    let files: Vec<crate::facts::RowsFile> = files
        .iter()
        .map(|&(table, file, csv)| crate::facts::RowsFile {
            table,
            file,
            text: map.text(file),
            csv,
        })
        .collect();
    crate::facts::load_with(map.text(fid), fid, fmt, c, &files)
}

/// The rows file of `--rows [表名=]FILE` for one unit: a CSV as it is
/// (GBK or UTF-8), or a workbook's sheet named after the table (else its
/// first sheet) as TOML. Returns the table, the text and whether it is CSV.
pub fn rows_file(
    arg: &str,
    c: &Checked,
) -> Result<(usize, String, String, bool, Vec<DataNote>), Diagnostic> {
    let (t, path) = rows_target(arg, c)?;
    let path = path.as_str();
    let table = &c.tables[t].name;
    if let Some(kind) = Kind::from_path(path) {
        let bytes = crate::files::read_bytes(path, crate::files::DATA_LIMIT)?;
        let mut book = sheet::read(path, bytes, kind).map_err(Diagnostic::new)?;
        let names = book.sheet_names();
        let sheet = names
            .iter()
            .find(|n| *n == table)
            .or(names.first())
            .cloned()
            .unwrap_or_default();
        let (text, notes) = rows_toml(&mut book, &sheet, table)?;
        return Ok((t, path.to_string(), text, false, notes));
    }
    let (text, note) = text_file(path)?;
    let mut notes: Vec<DataNote> = note.into_iter().collect();
    let ignored = crate::facts::rows_csv_ignored(&text);
    if !ignored.is_empty() {
        notes.push(DataNote::Ignored { names: ignored });
    }
    Ok((t, path.to_string(), text, true, notes))
}

/// `[表名=]FILE`: the table (by name, or the rubric's only one) and the file.
pub fn rows_target(arg: &str, c: &Checked) -> Result<(usize, String), Diagnostic> {
    let (name, path) = match arg.split_once('=') {
        Some((n, p)) if !n.is_empty() && c.table_named(n).is_some() => (Some(n), p),
        Some((n, _)) if !std::path::Path::new(arg).exists() => {
            return Err(Diagnostic::new(Msg::RowsUnknownTable {
                name: n.to_string(),
                tables: c.tables.iter().map(|t| t.name.clone()).collect(),
            }))
        }
        _ => (None, arg),
    };
    let t = match name {
        Some(n) => c.tables.iter().position(|t| t.name == n),
        None if c.tables.len() == 1 => Some(0),
        None => None,
    };
    let Some(t) = t else {
        return Err(Diagnostic::new(Msg::RowsUnknownTable {
            name: String::new(),
            tables: c.tables.iter().map(|t| t.name.clone()).collect(),
        }));
    };
    Ok((t, path.to_string()))
}
