// Prints what the package weighs as each environment loads it: raw and gzipped (level 9).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg");
const sizes = (files) => {
  const bytes = files.map((f) => readFileSync(join(pkg, f)));
  const raw = bytes.reduce((n, b) => n + b.length, 0);
  const gz = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  return { raw, gz };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [
  ["wasm (auditlog_wasm_bg.wasm)", ["auditlog_wasm_bg.wasm"]],
  ["JS, browser (browser.js + core.js + errors.js + auditlog_wasm.js)", ["browser.js", "core.js", "errors.js", "auditlog_wasm.js"]],
  ["wasm, Node (auditlog_wasm_node_bg.wasm, with the NDJSON scanner)", ["auditlog_wasm_node_bg.wasm"]],
  ["JS, Node (node.cjs)", ["node.cjs"]],
];
let total = { raw: 0, gz: 0 };
for (const [name, files] of rows) {
  const s = sizes(files);
  if (!name.includes("Node")) total = { raw: total.raw + s.raw, gz: total.gz + s.gz };
  console.log(`${name.padEnd(66)} ${kb(s.raw).padStart(9)} raw ${kb(s.gz).padStart(9)} gzip`);
}
console.log(`${"browser total (wasm + JS)".padEnd(66)} ${kb(total.raw).padStart(9)} raw ${kb(total.gz).padStart(9)} gzip`);
