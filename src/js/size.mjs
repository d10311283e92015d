// Prints what the package weighs as each kind of place loads it: raw and gzipped (level 9), file by
// file as shipped (a bundler's output for a test page: tests/js/compat/bundlers.test.mjs).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { basename, join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg");
const sizes = (files) => {
  const bytes = files.map((f) => readFileSync(join(pkg, f)));
  const raw = bytes.reduce((n, b) => n + b.length, 0);
  const gz = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  return { raw, gz };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// The modules a browser loads at start: browser.js and what it imports, but the lazy web-inline.js.
const { metafile } = buildSync({ entryPoints: [join(pkg, "browser.js")], bundle: true, write: false, format: "esm", metafile: true, external: ["./web-inline.js", "./web-inline-open-types.js"], logLevel: "error" });
const browserJs = Object.keys(metafile.inputs).map((input) => basename(input));
const rows = [
  ["browser: wasm (auditlog_wasm_bg.wasm)", ["auditlog_wasm_bg.wasm"]],
  ["browser: open-types wasm (auditlog_wasm_open_types_bg.wasm)", ["auditlog_wasm_open_types_bg.wasm"]],
  [`browser: JS (${browserJs.length} modules, unbundled)`, browserJs],
  ["browser: inline module where no .wasm is emitted (web-inline.js)", ["web-inline.js"]],
  ["browser: the same, open-types", ["web-inline-open-types.js"]],
  ["server: index.mjs (glue + server module in base64)", ["index.mjs", "wasm-server-base64.js"]],
  ["server: node.mjs (Node's entry: index.mjs and the worker threads)", ["node.mjs"]],
  ["server: edge.js + auditlog_wasm_server_bg.wasm", ["edge.js", "auditlog_wasm_server_bg.wasm"]],
];
for (const [name, files] of rows) {
  const s = sizes(files);
  console.log(`${name.padEnd(74)} ${kb(s.raw).padStart(9)} raw ${kb(s.gz).padStart(9)} gzip`);
}
