// What `npm run package` puts in the .vsix: the manifest, the client, the
// grammar, the language configuration and the client library it needs at
// run time — and none of the tests.
"use strict";
const assert = require("assert");
const cp = require("child_process");
const path = require("path");

const vsce = path.join(__dirname, "..", "node_modules", ".bin", "vsce");
const out = cp.execFileSync(vsce, ["ls"], { cwd: path.join(__dirname, ".."), encoding: "utf8" });
const files = out.split("\n").map((l) => l.trim()).filter(Boolean);
for (const want of ["package.json", "extension.js", "language-configuration.json", "syntaxes/jixiao.tmLanguage.json", "README.md"]) {
  assert.ok(files.includes(want), `the package lacks ${want}`);
}
assert.ok(files.some((f) => f.startsWith("node_modules/vscode-languageclient/")), "the package lacks vscode-languageclient");
assert.ok(!files.some((f) => f.startsWith("test/")), "tests are packaged");
console.log(`package: ${files.length} files, manifest, client, grammar and client library included`);
