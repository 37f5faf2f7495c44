//! `jixiao lsp` driven over pipes with JSON-RPC, as an editor drives it: a
//! rule file with CJK names, positions in UTF-16, every capability asserted.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start(lang: &str) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["--lang", lang, "lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start jixiao lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            stdout,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn read(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.read();
            if msg["id"] == json!(id) {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                return msg["result"].clone();
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next notification of this method (others are skipped).
    fn wait_for(&mut self, method: &str) -> Value {
        loop {
            let msg = self.read();
            if msg["method"] == json!(method) {
                return msg["params"].clone();
            }
        }
    }
}

const RULES: &str = "评分表 \"编辑器测试\" 满分 100\n\
保留 2 位小数（四舍五入）\n\
等级 优 >= 90，良 >= 80，差\n\
输入 预算数: 万元 正数\n\
输入 执行数: 万元\n\
定义 执行率 = 执行数 / 预算数\n\
指标 预算执行 100 {\n  \
  指标 执行情况 60 { 按比例 执行率 }\n  \
  指标 规范性 40 { 如果 执行率 ≥ 90% 则 40 否则 0 }\n\
}\n";

fn scratch(test: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("jixiao-lsp-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("编辑器.jx");
    std::fs::write(&path, RULES).unwrap();
    std::fs::write(
        dir.join("编辑器.facts.toml"),
        "预算数 = \"200 万元\"\n执行数 = \"190 万元\"\n",
    )
    .unwrap();
    let uri = lsp_types::Url::from_file_path(&path).unwrap().to_string();
    (dir, uri)
}

/// (line, UTF-16 column) of the first occurrence of `needle` after `after`.
fn pos(text: &str, needle: &str, after: &str) -> (u32, u32) {
    let from = text.find(after).unwrap();
    let byte = from + text[from..].find(needle).unwrap();
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..byte].matches('\n').count() as u32;
    let col: usize = text[line_start..byte].chars().map(char::len_utf16).sum();
    (line, col as u32)
}

#[test]
fn the_language_server_answers_every_capability() {
    let (dir, uri) = scratch("all");
    let mut c = Client::start("zh");
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let caps = &init["capabilities"];
    for cap in [
        "hoverProvider",
        "completionProvider",
        "definitionProvider",
        "documentSymbolProvider",
        "documentFormattingProvider",
        "codeLensProvider",
        "executeCommandProvider",
    ] {
        assert!(!caps[cap].is_null(), "missing capability {cap}: {caps}");
    }
    c.notify("initialized", json!({}));

    // A misspelt name: the diagnostic of `jixiao check`, at a UTF-16 range.
    let broken = RULES.replace("按比例 执行率", "按比例 执行律");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "jixiao", "version": 1, "text": broken}}),
    );
    let diags = c.wait_for("textDocument/publishDiagnostics");
    let list = diags["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{diags}");
    assert_eq!(list[0]["code"], "E101");
    assert!(
        list[0]["message"].as_str().unwrap().contains("执行律"),
        "{diags}"
    );
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap()
            .contains("是否应为“执行"),
        "did-you-mean in the message: {diags}"
    );
    let (line, col) = pos(&broken, "执行律", "按比例");
    assert_eq!(
        list[0]["range"]["start"],
        json!({"line": line, "character": col})
    );
    assert_eq!(
        list[0]["range"]["end"],
        json!({"line": line, "character": col + 3})
    );
    assert_eq!(list[0]["severity"], 1);

    // Fixed: the diagnostics are cleared.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": RULES}]}),
    );
    let diags = c.wait_for("textDocument/publishDiagnostics");
    assert_eq!(diags["diagnostics"], json!([]), "{diags}");

    // Hover over a name in an expression: the definition with its unit.
    let (line, col) = pos(RULES, "执行率", "按比例");
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 1}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("定义 执行率") && text.contains("执行数 / 预算数"),
        "{text}"
    );
    assert_eq!(
        hover["range"]["start"],
        json!({"line": line, "character": col})
    );
    // … over an input: its type and declaration.
    let (line, col) = pos(RULES, "预算数", "执行数 /");
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("输入 预算数") && text.contains("万元") && text.contains("正数"),
        "{text}"
    );
    // … over an indicator: weight and place in the tree.
    let (line, col) = pos(RULES, "规范性", "指标 规范性");
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 2}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("指标 规范性")
            && text.contains("分值：40")
            && text.contains("预算执行 › 规范性"),
        "{text}"
    );

    // Completion: inputs, definitions, indicators, keywords in both languages, units.
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 7, "character": 0}}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for want in [
        "预算数",
        "执行数",
        "执行率",
        "执行情况",
        "指标",
        "如果",
        "indicator",
        "万元",
        "择一",
        "评分档",
        "one_of",
    ] {
        assert!(
            labels.contains(&want),
            "completion lacks {want}: {labels:?}"
        );
    }

    // Go to definition: from the use of 预算数 to its 输入 line.
    let (line, col) = pos(RULES, "预算数", "执行数 /");
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 1}}),
    );
    assert_eq!(def["uri"], json!(uri));
    assert_eq!(def["range"]["start"]["line"], 3, "{def}");

    // Document symbols: the indicator tree.
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(syms[0]["name"], "预算执行");
    assert_eq!(syms[0]["children"][1]["name"], "规范性");
    assert_eq!(syms[0]["children"][1]["detail"], "分值 40");
    let (line, col) = pos(RULES, "规范性", "指标 规范性");
    assert_eq!(
        syms[0]["children"][1]["selectionRange"]["start"]["line"],
        line
    );
    assert!(
        syms[0]["children"][1]["selectionRange"]["end"]["character"]
            .as_u64()
            .unwrap()
            > col as u64
    );

    // The score lens uses 编辑器.facts.toml beside the file: 60×95% + 40 = 97.00 优.
    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let title = lenses[0]["command"]["title"].as_str().unwrap();
    assert_eq!(title, "试算（编辑器.facts.toml）：总分 97.00，等级 优");
    let args = lenses[0]["command"]["arguments"].clone();
    let res = c.request(
        "workspace/executeCommand",
        json!({"command": "jixiao.scoreWithFacts", "arguments": args}),
    );
    assert_eq!(res["total"], "97.00");
    assert_eq!(res["grade"], "优");

    assert_eq!(c.request("shutdown", json!(null)), json!(null));
    c.notify("exit", json!(null));
    let status = c.child.wait().unwrap();
    assert!(status.success());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn diagnostics_are_in_english_on_request() {
    let (dir, uri) = scratch("en");
    let mut c = Client::start("en");
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    let broken = RULES.replace("指标 规范性 40", "指标 规范性 30");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "jixiao", "version": 1, "text": broken}}),
    );
    let diags = c.wait_for("textDocument/publishDiagnostics");
    let d = &diags["diagnostics"][0];
    assert_eq!(d["code"], "E106", "{diags}");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("add up"), "{message}");
    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    assert!(c.child.wait().unwrap().success());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn formatting_is_jixiao_fmt_as_one_whole_document_edit() {
    let (dir, uri) = scratch("fmt");
    let mut c = Client::start("zh");
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    // No final newline: the edit must end at the last line's UTF-16 length.
    let messy = "评分表 \"编辑器测试\" 满分 10\n输入 执行率: 百分比 # 注释\n指标 甲 10 {如果 执行率>=90% 则 10\n否则 0} // 完";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "jixiao", "version": 1, "text": messy}}),
    );
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let list = edits.as_array().unwrap();
    assert_eq!(list.len(), 1, "{edits}");
    let last_line = "否则 0} // 完".encode_utf16().count();
    assert_eq!(
        list[0]["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": last_line}})
    );
    let formatted = "评分表 \"编辑器测试\" 满分 10\n输入 执行率: 百分比  # 注释\n指标 甲 10 {\n  如果 执行率 ≥ 90% 则 10\n  否则 0\n}  // 完\n";
    assert_eq!(list[0]["newText"], formatted);

    // Already formatted: no edit.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": formatted}]}),
    );
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, json!([]));

    // Does not parse: no edit at all (the diagnostics say why).
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "评分表 \"t\" 满分 10\n指标 甲 10 { 如果 则 }\n"}]}),
    );
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, json!(null));

    c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    assert!(c.child.wait().unwrap().success());
    let _ = std::fs::remove_dir_all(dir);
}
