//! The page shell: one self-contained file with its CSS and script inline
//! and no address outside the file, so it opens offline by double-click and
//! prints to A4.

use crate::diag::Lang;
use std::borrow::Cow;

/// Text made safe for HTML content and attribute values.
pub fn esc(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A whole document around `body`.
pub fn page(lang: Lang, title: &str, body: &str) -> String {
    let code = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut s = String::with_capacity(body.len() + CSS.len() + JS.len() + 512);
    s.push_str("<!DOCTYPE html>\n<html lang=\"");
    s.push_str(code);
    s.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"jixiao\">\n<title>");
    s.push_str(&esc(title));
    s.push_str("</title>\n<style>");
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body data-js-errors=\"0\" data-ready=\"0\">\n");
    s.push_str(body);
    s.push_str("\n<script>");
    s.push_str(JS);
    s.push_str("</script>\n</body>\n</html>\n");
    s
}

/// Fonts that carry Chinese on each system: macOS (PingFang, Hiragino),
/// Windows (Microsoft YaHei, SimSun), Linux (Noto/Source Han, WenQuanYi).
const CSS: &str = r#"
:root { --ink:#1f2933; --muted:#5f6b7a; --line:#d5dbe3; --head:#eef2f7; --bar:#c0392b; --hist:#2e6da4; --band:#8e44ad; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--ink); line-height: 1.5;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun", "宋体", sans-serif; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 8px 0 4px; }
.meta div span { color: var(--muted); margin-right: 6px; }
.big { font-size: 26px; font-weight: 600; }
.note { color: var(--muted); font-size: 13px; }
.warn { background: #fdf2e9; border-left: 4px solid #e67e22; padding: 6px 10px; }
.veto { background: #fdecea; border-left: 4px solid var(--bar); padding: 6px 10px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: var(--head); font-weight: 600; }
table.scorecard th { white-space: nowrap; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.rule { white-space: pre-wrap; font-size: 12px; color: #34495e; }
tr.parent td { background: #f7f9fb; font-weight: 600; }
tr.lost td.n.s { color: var(--bar); }
th.sort { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable td:first-child { white-space: nowrap; }
table.narrow, table.matrix { width: auto; min-width: 320px; }
th.sort::after { content: " ⇅"; color: var(--muted); font-weight: 400; }
input.filter { padding: 4px 8px; width: 260px; margin: 4px 0; font: inherit; }
details { border: 1px solid var(--line); margin: 4px 0; padding: 2px 8px; }
details summary { cursor: pointer; }
details ul { margin: 4px 0 6px; padding-left: 20px; font-size: 13px; }
li.skip { color: var(--muted); }
li.fire { font-weight: 600; }
code, .loc { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 12px; color: var(--muted); }
svg { max-width: 100%; height: auto; display: block; }
svg text { font-size: 12px; fill: var(--ink); }
svg .bar { fill: var(--bar); }
svg .hist { fill: var(--hist); }
svg .band { stroke: var(--band); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .bandlabel { fill: var(--band); }
svg .axis { stroke: var(--muted); stroke-width: 1; }
section.unit { border-top: 1px solid var(--line); margin-top: 18px; }
.matrix td.hit { background: #eaf2fb; font-weight: 600; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  thead { display: table-header-group; }
  tr, li, svg, .meta { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  input.filter, .noprint { display: none; }
  a { color: inherit; text-decoration: none; }
  section.unit { break-inside: avoid; page-break-inside: avoid; }
}
"#;

/// A page-side error counter (read by the browser test), column sorting
/// and the name filter. No libraries: the file must work offline.
const JS: &str = r#"
(function () {
  var b = document.body;
  window.addEventListener('error', function () {
    b.setAttribute('data-js-errors', String(Number(b.getAttribute('data-js-errors')) + 1));
  });
  function key(td) {
    var v = td.getAttribute('data-v');
    if (v === null) { v = td.textContent; }
    var n = Number(v);
    return (v !== '' && !isNaN(n)) ? { n: n } : { s: v };
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (t) {
    var heads = t.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.classList.add('sort');
      th.addEventListener('click', function () {
        var body = t.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var dir = th.getAttribute('data-dir') === 'desc' ? 1 : -1;
        th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
        rows.sort(function (a, c) {
          var x = key(a.cells[i]), y = key(c.cells[i]);
          if (x.n !== undefined && y.n !== undefined) { return (x.n - y.n) * dir; }
          return String(x.s !== undefined ? x.s : x.n).localeCompare(String(y.s !== undefined ? y.s : y.n), 'zh') * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('input.filter'), function (inp) {
    var t = document.getElementById(inp.getAttribute('data-table'));
    inp.addEventListener('input', function () {
      var q = inp.value.trim().toLowerCase();
      Array.prototype.forEach.call(t.tBodies[0].rows, function (r) {
        r.style.display = (q === '' || r.cells[0].textContent.toLowerCase().indexOf(q) >= 0) ? '' : 'none';
      });
    });
  });
  // How much of each chart the browser actually painted (for the browser test).
  Array.prototype.forEach.call(document.querySelectorAll('svg.chart'), function (svg) {
    var a = 0;
    Array.prototype.forEach.call(svg.querySelectorAll('rect'), function (r) {
      var box = r.getBoundingClientRect();
      a += box.width * box.height;
    });
    svg.setAttribute('data-drawn', String(Math.round(a)));
  });
  // `#selftest` (used by the browser test): sort the first sortable table
  // by its second column both ways and filter it by its first row's name.
  if (location.hash === '#selftest') {
    var res = 'ok', t = document.querySelector('table.sortable');
    if (t && t.tBodies[0].rows.length > 1) {
      var col = function () {
        return Array.prototype.map.call(t.tBodies[0].rows, function (r) { return key(r.cells[1]).n; });
      };
      var sorted = function (xs, d) {
        for (var i = 1; i < xs.length; i++) { if ((xs[i] - xs[i - 1]) * d < 0) { return false; } }
        return true;
      };
      t.tHead.rows[0].cells[1].click();
      if (!sorted(col(), -1)) { res = 'fail: not sorted descending'; }
      t.tHead.rows[0].cells[1].click();
      if (!sorted(col(), 1)) { res = 'fail: not sorted ascending'; }
      var inp = document.querySelector('input.filter');
      if (inp) {
        var name = t.tBodies[0].rows[0].cells[0].textContent;
        inp.value = name;
        inp.dispatchEvent(new Event('input'));
        var shown = Array.prototype.filter.call(t.tBodies[0].rows, function (r) { return r.style.display !== 'none'; });
        if (shown.length < 1 || shown.length === t.tBodies[0].rows.length ||
            shown.some(function (r) { return r.cells[0].textContent.indexOf(name) < 0; })) {
          res = 'fail: filter';
        }
      }
    }
    b.setAttribute('data-selftest', res);
  }
  b.setAttribute('data-ready', '1');
})();
"#;
