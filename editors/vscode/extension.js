// The VS Code side of jixiao: the grammar and language configuration are
// declared in package.json; this starts `jixiao lsp` as the language server
// for .jx files, which gives diagnostics, hover, completion, go to
// definition, symbols and the score lens.
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

/** How to start the server, from the `jixiao.path` and `jixiao.lang` settings. */
function serverOptions(config) {
  const command = config.get("path") || "jixiao";
  const lang = config.get("lang") === "en" ? "en" : "zh";
  return { command, args: ["--lang", lang, "lsp"], transport: TransportKind.stdio };
}

function activate(context) {
  const config = vscode.workspace.getConfiguration("jixiao");
  client = new LanguageClient(
    "jixiao",
    "jixiao",
    serverOptions(config),
    { documentSelector: [{ scheme: "file", language: "jixiao" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions };
