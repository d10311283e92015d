// What each validator weighs in a browser, gzipped (level 9): our package as shipped, and an
// esbuild bundle (--bundle --minify) of a module that imports only the equivalent schema. Ours is
// counted as a bundler that emits the .wasm file (Vite, webpack, Turbopack) serves it: the bundle
// and the .wasm file; the module inlined for other bundlers (web-inline.js) is a chunk those never
// load, so it is left out here. Servers load a larger module (with the NDJSON scanner), listed too.
import { buildSync } from "esbuild";
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

function bundle(source, external = []) {
  const dir = mkdtempSync(join(tmpdir(), "auditlog-size-"));
  const entry = join(dir, "entry.mjs");
  writeFileSync(entry, source);
  const out = buildSync({ entryPoints: [entry], bundle: true, minify: true, write: false, format: "esm", nodePaths: [join(root, "node_modules")], absWorkingDir: root, logLevel: "error", external });
  const bytes = out.outputFiles[0].contents;
  return { raw: bytes.length, gzip: gz(bytes) };
}

/** A module that imports Zod and defines the open-types schemas as tests/js/zod-reference.mjs does. */
export function zodSchemaSource(zod = "zod") {
  const schemas = /export const auditLogActionSchema[\s\S]*?\}\);\s*\n\nexport const zodSchemas/.exec(readFileSync(join(root, "tests/js/zod-reference.mjs"), "utf8"))[0];
  return `import * as z from ${JSON.stringify(zod)};\n${schemas.replace(/\n\nexport const zodSchemas$/, "")}\nexport default auditLogEntrySchema;`;
}

export function sizes() {
  const peers = readFileSync(join(root, "bench/peers.mjs"), "utf8");
  const zodSource = zodSchemaSource();
  const miniSource = `import * as zm from "zod/mini";\nconst ACTIONS = ["create", "read", "update", "delete"];\n${/const miniChange[\s\S]*?\n\}\);\n/.exec(peers)[0]}\nexport default miniEntry;`;
  const ours = bundle(`export { auditLogEntrySchema } from "${join(root, "pkg/browser.js")}";`, ["./web-inline.js"]);
  const wasm = readFileSync(join(root, "pkg/auditlog_wasm_bg.wasm"));
  const nodeWasm = readFileSync(join(root, "pkg/auditlog_wasm_server_bg.wasm"));
  return {
    "auditlog-wasm: wasm (browsers)": { raw: wasm.length, gzip: gz(wasm) },
    "auditlog-wasm: JS glue (bundled)": ours,
    "auditlog-wasm: wasm + JS (browsers)": { raw: wasm.length + ours.raw, gzip: gz(wasm) + ours.gzip },
    "auditlog-wasm: wasm (servers, with NDJSON)": { raw: nodeWasm.length, gzip: gz(nodeWasm) },
    "zod (schema bundle)": bundle(zodSource),
    "zod/mini (schema bundle)": bundle(miniSource),
  };
}
