// What each validator weighs in a browser, gzipped (level 9): our package as shipped, and an
// esbuild bundle (--bundle --minify) of a module that imports only the equivalent schema. Ours is
// counted as a bundler that emits the .wasm file (Vite, webpack, Turbopack) serves it: the bundle
// and the .wasm file; the module inlined for other bundlers (web-inline.js) is a chunk those never
// load, so it is left out here. Servers load a larger module (with the NDJSON scanner), listed too.
import { buildSync } from "esbuild";
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
  rmSync(dir, { recursive: true, force: true });
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
  const valibotSource = `import * as v from "valibot";\nimport { DATETIME } from "${join(root, "bench/datetime-regex.mjs")}";\nconst ACTIONS = ["create", "read", "update", "delete"];\n${/const valibotEntry[\s\S]*?\n\}\);\n/.exec(peers)[0]}\nexport default valibotEntry;`;
  const browser = join(root, "pkg/browser.js");
  const inline = ["./web-inline.js", "./web-inline-open-types.js"];
  const ours = bundle(`export { auditLogEntrySchema } from "${browser}";`, inline);
  // A page with no platform schema downloads the open-types module; one with, the other only.
  const wasm = readFileSync(join(root, "pkg/auditlog_wasm_open_types_bg.wasm"));
  const fullWasm = readFileSync(join(root, "pkg/auditlog_wasm_bg.wasm"));
  const nodeWasm = readFileSync(join(root, "pkg/auditlog_wasm_server_bg.wasm"));
  // A form's page (the entry schema, safeParse, its issues, flattenError), and a page with
  // everything the browser entry exports, bundled by esbuild --minify (the size tests build the
  // budgets' pages with each bundler: bench/pages.mjs).
  const formPage = bundle(`import { auditLogEntrySchema, flattenError } from "${browser}";\nconst r = auditLogEntrySchema.safeParse(globalThis.input);\nif (!r.success) console.log(r.error.issues, flattenError(r.error));`, inline);
  const everythingPage = bundle(`import * as all from "${browser}";\nconsole.log(all, all.toJSONSchema(all.auditLogEntrySchema), all.toJSONSchema(all.platformRecordSchema));`, inline);
  const withWasm = (js, module = wasm) => ({ raw: module.length + js.raw, gzip: gz(module) + js.gzip });
  return {
    "auditlog-wasm: wasm (browsers, open-types)": { raw: wasm.length, gzip: gz(wasm) },
    "auditlog-wasm: wasm (browsers, every schema)": { raw: fullWasm.length, gzip: gz(fullWasm) },
    "auditlog-wasm: JS glue (bundled)": ours,
    "auditlog-wasm: wasm + JS (browsers)": withWasm(ours),
    "auditlog-wasm: form page, JS": formPage,
    "auditlog-wasm: form page, wasm + JS": withWasm(formPage),
    "auditlog-wasm: every export, JS": everythingPage,
    "auditlog-wasm: every export, wasm + JS": withWasm(everythingPage, fullWasm),
    "auditlog-wasm: wasm (servers, with NDJSON)": { raw: nodeWasm.length, gzip: gz(nodeWasm) },
    "zod (schema bundle)": bundle(zodSource),
    "zod/mini (schema bundle)": bundle(miniSource),
    "valibot (schema bundle)": bundle(valibotSource),
  };
}
