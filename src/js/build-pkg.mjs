// Assembles the npm package in pkg/ around what wasm-pack and wasm-opt left there: the hand-written
// glue, the entry per environment, the types and package.json. Run by `make pkg`.
import { copyFileSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const pkg = join(root, "pkg");

for (const file of ["core.js", "errors.js", "ndjson-scan.js", "node.mjs", "node-cjs.js", "browser.js", "index.d.ts"]) {
  copyFileSync(join(here, file), join(pkg, file));
}
// The same declarations serve `require` (TypeScript wants a .d.cts beside a CommonJS entry).
copyFileSync(join(here, "index.d.ts"), join(pkg, "index.d.cts"));
copyFileSync(join(root, "README.md"), join(pkg, "README.md"));
// wasm-pack's own ignore file would keep npm from packing the build output.
rmSync(join(pkg, ".gitignore"), { force: true });

// Node's CommonJS entry: the ESM glue bundled into one CommonJS file. Its async, browser-only
// initializer mentions import.meta, which Node's entry never calls.
buildSync({
  entryPoints: [join(pkg, "node-cjs.js")],
  outfile: join(pkg, "node.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node18",
  external: ["./auditlog_wasm_node_bg.wasm"],
  logOverride: { "empty-import-meta": "silent" },
});
// node-cjs.js and the Node build's wasm-bindgen glue are bundled into node.cjs; they stay in pkg/
// (so this script can run again) but are not in the package's `files`.

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
const manifest = {
  name: "auditlog-wasm",
  version,
  description:
    "Audit-log validators compiled from Rust to WebAssembly: drop-in, faster replacements for the open-types Zod schemas, with the same answers and issues.",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./node.cjs",
  module: "./browser.js",
  types: "./index.d.ts",
  exports: {
    ".": {
      node: {
        import: { types: "./index.d.ts", default: "./node.mjs" },
        require: { types: "./index.d.cts", default: "./node.cjs" },
      },
      types: "./index.d.ts",
      default: "./browser.js",
    },
    "./package.json": "./package.json",
  },
  files: [
    "auditlog_wasm_bg.wasm",
    "auditlog_wasm_node_bg.wasm",
    "auditlog_wasm.js",
    "auditlog_wasm.d.ts",
    "core.js",
    "errors.js",
    "browser.js",
    "node.mjs",
    "node.cjs",
    "index.d.ts",
    "index.d.cts",
    "README.md",
  ],
  keywords: ["audit-log", "validation", "zod", "wasm", "standard-schema"],
  engines: { node: ">=18" },
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`pkg/: auditlog-wasm ${version}`);
