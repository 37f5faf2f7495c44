// Tokenises every bundled rule file (rules/*.jx) with the extension's
// TextMate grammar, as VS Code would, and asserts the scopes of keywords,
// names, numbers with units, （含）, strings and comments.
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.resolve(__dirname, "..", "..", "..");
const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;

async function loadGrammar() {
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope !== "source.jixiao") return null;
      const file = path.join(__dirname, "..", "syntaxes", "jixiao.tmLanguage.json");
      return vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
    },
  });
  return registry.loadGrammar("source.jixiao");
}

/** [{text, scopes}] for every line of a file. */
function tokenize(grammar, text) {
  let state = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopeOf(tokens, text) {
  const t = tokens.find((t) => t.text === text);
  return t ? t.scopes[t.scopes.length - 1] : undefined;
}

let checks = 0;
function expect(cond, message) {
  assert.ok(cond, message);
  checks++;
}

async function main() {
  const grammar = await loadGrammar();
  const files = fs.readdirSync(path.join(root, "rules")).filter((f) => f.endsWith(".jx"));
  assert.ok(files.length >= 3, "rules/*.jx not found");
  for (const f of files) {
    const text = fs.readFileSync(path.join(root, "rules", f), "utf8");
    const lines = tokenize(grammar, text);
    text.split("\n").forEach((line, i) => {
      const tokens = lines[i];
      const where = `${f}:${i + 1}: ${line}`;
      const trimmed = line.trim();
      if (trimmed.startsWith("#")) {
        // A comment line is one comment, whatever words it holds.
        for (const t of tokens.filter((t) => t.text.trim())) {
          expect(t.scopes.some((s) => s.startsWith("comment.line")), `not a comment: ${where}`);
        }
        return;
      }
      const first = trimmed.split(/\s+/)[0];
      if (["评分表", "输入", "定义", "指标", "等级", "保留", "约束"].includes(first)) {
        expect(scopeOf(tokens, first) === "keyword.other.declaration.jixiao", `${first} is not a declaration keyword: ${where}`);
      }
      if (first === "指标") {
        const name = trimmed.split(/\s+/)[1];
        expect(scopeOf(tokens, name) === "entity.name.function.indicator.jixiao", `indicator name ${name}: ${where}`);
      }
      if (first === "输入" || first === "定义") {
        const name = trimmed.split(/\s+/)[1].replace(/[:：].*$/, "");
        expect(scopeOf(tokens, name) === "variable.other.definition.jixiao", `defined name ${name}: ${where}`);
      }
      for (const kw of ["如果", "否则", "则", "之间", "扣完为止"]) {
        if (new RegExp(`(^|\\s)${kw}(\\s|$|，)`).test(line)) {
          expect(scopeOf(tokens, kw) === "keyword.control.jixiao", `${kw}: ${where}`);
        }
      }
      for (const m of line.matchAll(/(?<![\p{Script=Han}\w.])(\d+(?:\.\d+)?)(%|％)/gu)) {
        if (line.indexOf("#") >= 0 && line.indexOf("#") < m.index) continue;
        expect(scopeOf(tokens, m[1]) === "constant.numeric.jixiao", `number ${m[0]}: ${where}`);
        expect(scopeOf(tokens, m[2]) === "keyword.other.unit.jixiao", `percent sign of ${m[0]}: ${where}`);
      }
      if (line.includes("（含）") && line.indexOf("#") < 0) {
        expect(scopeOf(tokens, "（含）") === "storage.modifier.inclusive.jixiao", `（含）: ${where}`);
      }
      const hash = line.indexOf("#");
      if (hash > 0 && !line.slice(0, hash).includes('"')) {
        const tail = tokens.find((t) => t.text.startsWith("#"));
        expect(tail && tail.scopes.some((s) => s.startsWith("comment.line")), `trailing comment: ${where}`);
      }
      for (const m of line.matchAll(/"[^"]*"/g)) {
        if (hash >= 0 && hash < m.index) continue;
        expect(scopeOf(tokens, m[0]) === "string.quoted.double.jixiao", `string ${m[0]}: ${where}`);
      }
    });
  }

  // Keywords are never found inside names; units attach to their numbers.
  const sample = [
    "输入 预算完成数: 万元",
    "指标 预算执行 20 { 如果 预算完成率 在 90%（含）和 100% 之间 则 80 否则 从 80 分扣：预算完成率 低于 90% 的部分 每 1个百分点 扣 2 分（按整步），扣完为止 }",
    'indicator "三公经费" 5 { if 控制率 <= 100% then 5 else 0 }',
    "择一 产出质量 40 按 质量指标 {",
    "  指标 预算执行 75% { 如果 管理水平 ≥ 较高 则 分值 否则 0 }",
    "评分档 三档：好 80%（含）至 100%（含），中 60%（含）至 80%",
    "  定性 档次 得分率 评分率：按 三档",
  ].join("\n");
  const [decl, rule, english, choice, percent, bands, uses] = tokenize(grammar, sample);
  expect(scopeOf(choice, "择一") === "keyword.other.declaration.jixiao", "择一 is a declaration keyword");
  expect(scopeOf(choice, "产出质量") === "entity.name.function.indicator.jixiao", "the 择一 group's name");
  expect(scopeOf(choice, "按") === "keyword.control.jixiao", "按 before the selector");
  expect(scopeOf(percent, "75") === "constant.numeric.jixiao" && scopeOf(percent, "%") === "keyword.other.unit.jixiao", "a percentage weight");
  expect(scopeOf(bands, "评分档") === "keyword.other.declaration.jixiao", "评分档 is a declaration keyword");
  expect(scopeOf(bands, "三档") === "entity.name.function.indicator.jixiao", "the band set's name");
  expect(scopeOf(uses, "按") === "keyword.control.jixiao", "按 before a band set");
  expect(scopeOf(decl, "预算完成数") === "variable.other.definition.jixiao", "预算完成数 is one name");
  expect(scopeOf(decl, "万元") === "keyword.other.unit.jixiao", "万元 is a unit");
  expect(scopeOf(rule, "预算完成率") === "variable.other.jixiao", "预算完成率 is a name, not 完成 + 率");
  expect(scopeOf(rule, "1") === "constant.numeric.jixiao" && scopeOf(rule, "个百分点") === "keyword.other.unit.jixiao", "1个百分点");
  expect(scopeOf(rule, "（按整步）") === undefined, "（按整步） is split into brackets and a modifier");
  expect(scopeOf(rule, "按整步") === "storage.modifier.jixiao", "按整步 is a modifier");
  expect(scopeOf(rule, "分扣") === "keyword.control.jixiao", "分扣");
  expect(scopeOf(english, "indicator") === "keyword.other.declaration.jixiao", "English keywords");
  expect(scopeOf(english, '"三公经费"') === "entity.name.function.indicator.jixiao", "a quoted indicator name");
  expect(scopeOf(english, "<=") === "keyword.operator.comparison.jixiao", "<=");
  console.log(`grammar: ${files.length} rule files, ${checks} checks passed`);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
