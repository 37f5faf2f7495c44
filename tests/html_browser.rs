//! Each kind of HTML report rendered in headless Chromium (Debian's
//! `chromium`): it loads without console errors or script errors, shows the
//! total and the grade, and its chart is painted (the SVG's rendered boxes
//! in the DOM, and the chart's colour in a screenshot's pixels); printed to
//! PDF, its pages are A4; its sortable table sorts and filters (`#selftest`).
//!
//! Without a browser the test prints a notice and passes, except in CI
//! (`CI=true`), where a missing browser fails it. `.ci/run` installs one.

use std::path::{Path, PathBuf};
use std::process::Command;

fn browser() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("JIXIAO_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

fn tmp() -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-browser-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn jixiao(args: &[&str], out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .arg("-o")
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run jixiao");
    assert!(
        out.exists(),
        "no report written: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Render a page once: its DOM after the script ran on stdout, and a
/// screenshot; (stdout, stderr).
fn chromium(bin: &Path, profile: &Path, page: &Path, shot: &Path) -> (String, String) {
    let o = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,1400",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}#selftest", page.display()))
        .output()
        .expect("run chromium");
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Print a page to `dir/print.pdf`.
fn print_pdf(bin: &Path, dir: &Path, page: &Path) -> std::process::Output {
    Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join("profile-pdf").display()
        ))
        .arg(format!(
            "--print-to-pdf={}",
            dir.join("print.pdf").display()
        ))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium")
}

fn attr<'a>(dom: &'a str, at: &str, name: &str) -> &'a str {
    let i = dom.find(at).unwrap_or_else(|| panic!("no {at} in the DOM"));
    let key = format!("{name}=\"");
    let j = dom[i..]
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} on {at}"))
        + i
        + key.len();
    let k = dom[j..].find('"').unwrap() + j;
    &dom[j..k]
}

/// Decoded RGB(A) pixels of an 8-bit PNG: (width, height, channels, data).
fn png_pixels(bytes: &[u8]) -> (usize, usize, usize, Vec<u8>) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut pos, mut idat) = (8, Vec::new());
    let (mut w, mut h, mut ch) = (0, 0, 0);
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let data = &bytes[pos + 8..pos + 8 + len];
        match kind {
            b"IHDR" => {
                w = u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize;
                h = u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize;
                assert_eq!(data[8], 8, "bit depth");
                ch = match data[9] {
                    2 => 3,
                    6 => 4,
                    t => panic!("PNG colour type {t}"),
                };
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        pos += 12 + len;
    }
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&idat).expect("inflate");
    let stride = w * ch;
    let mut out = vec![0u8; h * stride];
    for y in 0..h {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= ch {
                out[y * stride + x - ch] as i32
            } else {
                0
            };
            let b = if y > 0 {
                out[(y - 1) * stride + x] as i32
            } else {
                0
            };
            let c = if x >= ch && y > 0 {
                out[(y - 1) * stride + x - ch] as i32
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                f => panic!("PNG filter {f}"),
            };
            out[y * stride + x] = (line[x] as i32 + pred) as u8;
        }
    }
    (w, h, ch, out)
}

/// Pixels within a small distance of `rgb`.
fn pixels_of(png: &Path, rgb: [u8; 3]) -> usize {
    let (_, _, ch, px) = png_pixels(&std::fs::read(png).expect("screenshot written"));
    px.chunks(ch)
        .filter(|p| (0..3).all(|i| (p[i] as i32 - rgb[i] as i32).abs() <= 6))
        .count()
}

#[test]
fn reports_render_in_chromium() {
    let Some(bin) = browser() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but no chromium found: install it (apt-get install -y chromium) or set JIXIAO_CHROMIUM");
        }
        eprintln!("NOTICE: html_browser skipped: no chromium on PATH (apt-get install -y chromium); CI=true makes this a failure");
        return;
    };
    let dir = tmp();
    let single = dir.join("单位报告.html");
    let many = dir.join("汇总.html");
    let diff = dir.join("对比.html");
    let small = "tests/golden/html/small.jx";
    jixiao(
        &[
            "report",
            small,
            "--facts",
            "tests/golden/html/small.facts.toml",
        ],
        &single,
    );
    jixiao(
        &[
            "report",
            "rules/shaanxi-2019.jx",
            "--facts",
            "rules/shaanxi-synthetic-units.csv",
        ],
        &many,
    );
    jixiao(
        &[
            "diff",
            "rules/shaanxi-2019.jx",
            "rules/shaanxi-2020-draft.jx",
            "--facts",
            "rules/shaanxi-synthetic-units.csv",
            "--format",
            "html",
        ],
        &diff,
    );
    // (page, chart id, chart colour, what must be shown: (element id, text))
    let bar = [0xc0, 0x39, 0x2b];
    let hist = [0x2e, 0x6d, 0xa4];
    type Case<'a> = (&'a Path, &'a str, [u8; 3], Vec<(&'a str, &'a str)>);
    let cases: [Case; 3] = [
        (
            &single,
            "lost-chart",
            bar,
            vec![("total", "77.00"), ("grade", "中")],
        ),
        (
            &many,
            "hist",
            hist,
            vec![("count", "240"), ("mean", "≈76.75")],
        ),
        (
            &diff,
            "change-hist",
            hist,
            vec![("count", "240"), ("flips", "16")],
        ),
    ];
    let started = std::time::Instant::now();
    // The browsers start in parallel: most of each run is start-up latency.
    let (rendered, printed): (Vec<(String, String)>, std::process::Output) =
        std::thread::scope(|sc| {
            let runs: Vec<_> = cases
                .iter()
                .enumerate()
                .map(|(i, case)| {
                    let (bin, dir) = (&bin, &dir);
                    sc.spawn(move || {
                        let profile = dir.join(format!("profile-{i}"));
                        chromium(bin, &profile, case.0, &dir.join(format!("shot-{i}.png")))
                    })
                })
                .collect();
            let pdf = sc.spawn(|| print_pdf(&bin, &dir, &single));
            let out = runs.into_iter().map(|r| r.join().unwrap()).collect();
            (out, pdf.join().unwrap())
        });
    for (i, (page, chart, colour, shown)) in cases.iter().enumerate() {
        let shot = dir.join(format!("shot-{i}.png"));
        let (dom, log) = &rendered[i];
        let name = page.display();
        assert!(dom.contains("</html>"), "{name}: no DOM dumped:\n{log}");
        let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "{name}: console messages: {console:#?}");
        assert_eq!(
            attr(dom, "<body", "data-ready"),
            "1",
            "{name}: script did not finish"
        );
        assert_eq!(attr(dom, "<body", "data-js-errors"), "0", "{name}");
        // Sorting and filtering worked where the page has a sortable table.
        if dom.contains("class=\"sortable\"") {
            assert_eq!(attr(dom, "<body", "data-selftest"), "ok", "{name}");
        }
        for (id, text) in shown {
            let at = format!("id=\"{id}\"");
            let i = dom.find(&at).unwrap_or_else(|| panic!("{name}: no #{id}"));
            let rest = &dom[i..];
            let inner = &rest[rest.find('>').unwrap() + 1..rest.find('<').unwrap()];
            assert_eq!(inner, *text, "{name}: #{id}");
        }
        let drawn: u64 = attr(dom, &format!("<svg id=\"{chart}\""), "data-drawn")
            .parse()
            .unwrap();
        assert!(
            drawn > 1000,
            "{name}: chart {chart} painted only {drawn} px²"
        );
        let n = pixels_of(&shot, *colour);
        eprintln!("{name}: chart {chart} {drawn} px² in the DOM, {n} pixels of its colour");
        assert!(
            n > 500,
            "{name}: only {n} pixels of the chart colour in the screenshot\n{log}"
        );
    }
    // Print to PDF: the print CSS asks for A4 (595.28 × 841.89 pt), not the
    // browser's default Letter (612 × 792).
    let pdf = dir.join("print.pdf");
    let o = printed;
    let bytes = std::fs::read(&pdf)
        .unwrap_or_else(|_| panic!("no PDF printed: {}", String::from_utf8_lossy(&o.stderr)));
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<Vec<f64>> = text
        .match_indices("/MediaBox [")
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            rest[..rest.find(']').unwrap()]
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect()
        })
        .collect();
    assert!(!boxes.is_empty(), "no pages in the PDF");
    for b in &boxes {
        assert!(
            (b[2] - 595.28).abs() < 1.0 && (b[3] - 841.89).abs() < 1.0,
            "page is not A4: {b:?}"
        );
    }
    eprintln!(
        "html_browser: 3 reports rendered and one printed in {:?}",
        started.elapsed()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
