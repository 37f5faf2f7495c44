// The extension starts `jixiao lsp` the way its settings say, and the server
// answers over the same JSON-RPC library the VS Code client uses
// (vscode-jsonrpc): diagnostics for a bundled rule file, and its symbols.
"use strict";
const assert = require("assert");
const cp = require("child_process");
const fs = require("fs");
const path = require("path");
const Module = require("module");

const root = path.resolve(__dirname, "..", "..", "..");
const bin = process.env.JIXIAO_BIN || path.join(root, "target", "debug", "jixiao");

// extension.js needs the `vscode` module (and the client library built on
// it), which only exist inside VS Code; stand-ins let its settings logic run.
const realLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") return { workspace: { getConfiguration: () => new Map() } };
  if (request === "vscode-languageclient/node") return { LanguageClient: class {}, TransportKind: { stdio: 0 } };
  return realLoad.call(this, request, ...rest);
};
const { serverOptions } = require("../extension.js");
Module._load = realLoad;
const rpc = require("vscode-jsonrpc/node");

function settings(obj) {
  return { get: (k) => obj[k] };
}

async function main() {
  const opts = serverOptions(settings({ path: bin, lang: "zh" }));
  assert.deepStrictEqual(opts.args, ["--lang", "zh", "lsp"]);
  assert.strictEqual(opts.command, bin);
  assert.deepStrictEqual(serverOptions(settings({})).args, ["--lang", "zh", "lsp"]);
  assert.deepStrictEqual(serverOptions(settings({ lang: "en" })).args, ["--lang", "en", "lsp"]);
  assert.ok(fs.existsSync(bin), `no jixiao binary at ${bin} (build it or set JIXIAO_BIN)`);

  const child = cp.spawn(opts.command, opts.args, { stdio: ["pipe", "pipe", "inherit"] });
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin)
  );
  const published = new Promise((resolve) =>
    conn.onNotification("textDocument/publishDiagnostics", resolve)
  );
  conn.listen();
  const init = await conn.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  assert.ok(init.capabilities.hoverProvider, "hover");
  conn.sendNotification("initialized", {});

  const file = path.join(root, "rules", "shaanxi-2019.jx");
  const uri = "file://" + file.split(path.sep).map(encodeURIComponent).join("/");
  conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "jixiao", version: 1, text: fs.readFileSync(file, "utf8") },
  });
  const diags = await published;
  const codes = diags.diagnostics.map((d) => d.code).sort();
  // The same warnings `jixiao check rules/shaanxi-2019.jx` prints.
  const check = cp.spawnSync(bin, ["check", "--format", "json", file], { encoding: "utf8" });
  const expected = check.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l).code).sort();
  assert.ok(expected.length > 0, "check printed no warnings");
  assert.deepStrictEqual(codes, expected);

  const symbols = await conn.sendRequest("textDocument/documentSymbol", { textDocument: { uri } });
  assert.deepStrictEqual(symbols.slice(0, 3).map((s) => s.name), ["投入", "过程", "效果"]);
  assert.strictEqual(symbols[0].children[0].name, "预算执行");

  await conn.sendRequest("shutdown");
  conn.sendNotification("exit");
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.strictEqual(code, 0);
  conn.dispose();
  console.log(`client: server started as the extension starts it; ${codes.length} diagnostics match jixiao check`);
}

main().catch((e) => {
  console.error(e.stack || e);
  process.exit(1);
});
