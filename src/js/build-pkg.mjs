// Assembles the npm package in pkg/ from the builds of the crate (Makefile: the browser module in
// target/wasm-pack/web and the browser's open-types module in .../web-open-types, built by cargo
// alone; the server module with the NDJSON scanner in .../server and the log module in .../log,
// built by wasm-pack) and the glue in src/js.
// One entry per kind of place the package runs (package.json `exports`, below):
//
//   browser.js   browsers and their bundlers: the .wasm file as an asset, or inline where the
//                bundler emits no asset (browser.js says how it tells)
//   node.mjs     Node, Deno, Bun: index.mjs, and worker threads for validateNdjsonStream (node.js)
//   node.cjs     the same for `require`
//   index.mjs    anything else: the server module inline (in base64, wasm-server-base64.js),
//                compiled synchronously
//   index.cjs    the same for `require` (wasm-server-base64.cjs)
//   edge.js      Cloudflare Workers and Next.js's edge runtime: the module as a `.wasm?module` import
//
// and the same for `auditlog-wasm/log` (log-browser.js, log-node.mjs, log.mjs, log.cjs, ...), which
// run a third build, the log module: the server module and the log (feature log-export), kept apart
// so that the log's code (SHA-256, Ed25519, JSON canonicalization) weighs nothing on the schemas.
//
// Each of the server entries and the log's entries is the one export list (api.js, log-api.js)
// over that place's loader (portable.js, edge.js, log-*.js), bundled here.
//
// Run by `make pkg`; intermediate files go to target/pkg-build/.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { build, buildSync, transformSync } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const wasmBuild = join(root, "target", "wasm-pack");
const stage = join(root, "target", "pkg-build");
const pkg = join(root, "pkg");

const read = (path) => readFileSync(path, "utf8");
const fail = (message) => {
  throw new Error(`build-pkg: ${message}`);
};

rmSync(stage, { recursive: true, force: true });
rmSync(pkg, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
mkdirSync(pkg);

// The glue of the std modules (server, log): both builds carry the same name, so wasm-bindgen gives
// both the same imports and one glue serves both. edge.js also needs the two steps of initSync one by
// one (see there). The browser's modules import nothing and need no glue (src/wasm/exports.rs).
const glueOf = (build) => read(join(wasmBuild, build, "auditlog_wasm.js"));
const importsOf = (glue) => /^function __wbg_get_imports\(\) \{\n[\s\S]*?\n\}\n/m.exec(glue)?.[0];
const serverGlue = glueOf("server");
if (!importsOf(serverGlue) || importsOf(serverGlue) !== importsOf(glueOf("log"))) fail("the server and log builds import different things");
if (!/^function __wbg_finalize_init\(/m.test(serverGlue)) fail("wasm-bindgen's glue has no __wbg_finalize_init");
const glue = `${serverGlue}\n// Added by src/js/build-pkg.mjs, for edge.js.\nexport { __wbg_get_imports as wasmImports, __wbg_finalize_init as finishInit };\n`;
writeFileSync(join(stage, "auditlog_wasm.js"), glue);
// The browser's log entry takes it as a file beside it (the other entries carry it inside).
writeFileSync(join(stage, "auditlog_wasm_log.js"), glue);

for (const file of readdirSync(here)) {
  if (file.endsWith(".js")) copyFileSync(join(here, file), join(stage, file));
}
// The glue's side of the protocol, generated from the Rust declarations (src/wasm/protocol.rs). It
// is also kept in src/js, so the glue's sources run as they are (tests, the wasm test suite); a Rust
// test fails when that copy is stale, and this build brings it up to date. And the keys of every
// issue code, which tests/js/protocol.test.mjs holds index.d.ts to.
const rust = (...args) => execFileSync("cargo", ["run", "--quiet", "--example", "js_protocol", "--", ...args], { cwd: root, encoding: "utf8" });
const protocol = rust();
writeFileSync(join(stage, "protocol.js"), protocol);
if (read(join(here, "protocol.js")) !== protocol) {
  writeFileSync(join(here, "protocol.js"), protocol);
  console.log("src/js/protocol.js: updated from src/wasm/protocol.rs");
}
// Its plain numbers, by name, which the shipped browser modules carry written out, and its lists and
// names, which each carries a copy of (withProtocolConstants).
const protocolNumbers = new Map([...protocol.matchAll(/^export const ([A-Z0-9_]+) = (\d+);$/gm)].map(([, name, value]) => [name, value]));
if (protocolNumbers.size < 50) fail(`protocol.js has ${protocolNumbers.size} numbers; build-pkg expects its \`export const NAME = 123;\` lines`);
const protocolLiterals = new Map([...protocol.matchAll(/^export const ([A-Z0-9_]+) = ([[{"].*);$/gm)].map(([, name, value]) => [name, value]));
if (!protocolLiterals.has("SENDS_TEXT") || !protocolLiterals.has("SCHEMA_IDS")) fail("build-pkg expects protocol.js's lists and names on one line each");
// The same for the JSON Schema of each schema (src/json_schema.rs), data rather than code in the module.
const jsonSchemas = rust("json-schemas");
writeFileSync(join(stage, "json-schemas.js"), jsonSchemas);
if (read(join(here, "json-schemas.js")) !== jsonSchemas) {
  writeFileSync(join(here, "json-schemas.js"), jsonSchemas);
  console.log("src/js/json-schemas.js: updated from src/json_schema.rs");
}
writeFileSync(join(stage, "issue-shapes.json"), rust("issue-shapes"));
// The package's documents (json-schema-documents.js): each schema's document for draft 2020-12 and
// io "input" carried once, as an object literal (a schema that is a field of another, once, by
// name), and copied anew at each call into the document asked for: io "output" closes each object
// with properties (`additionalProperties: false`, after its `required`, else after its
// `properties`), and the targets after draft-07 in protocol.js's numbering (draft-04, OpenAPI 3.0
// and the others) have no `propertyNames`. Checked here against every document src/json_schema.rs
// writes.
{
  const { IO_INPUT, IO_OUTPUT, JSON_SCHEMA_TARGETS, TARGET_OTHER } = await import(pathToFileURL(join(stage, "protocol.js")));
  const { JSON_SCHEMAS, SCHEMA_URIS } = await import(pathToFileURL(join(stage, "json-schemas.js")));
  const bases = JSON_SCHEMAS.map(([texts, which]) => JSON.parse(texts[which[IO_INPUT]]));
  // Each base as an object literal, with the bases it holds (a schema of a field) by name.
  const baseTexts = bases.map((base) => JSON.stringify(base));
  const literal = (value, self) => {
    const text = JSON.stringify(value), base = baseTexts.indexOf(text);
    if (base !== -1 && base !== self) return `D${base}`;
    if (typeof value !== "object" || value === null) return text;
    if (Array.isArray(value)) return `[${value.map((item) => literal(item)).join(",")}]`;
    if (Object.hasOwn(value, "__proto__")) fail("a JSON Schema document has a key __proto__");
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${literal(item)}`).join(",")}}`;
  };
  // Shorter ones first: a base holds only shorter ones.
  const order = bases.map((_, number) => number).sort((a, b) => baseTexts[a].length - baseTexts[b].length);
  const module = `// Generated by src/js/build-pkg.mjs: the JSON Schema documents of json-schemas.js, each carried once.
export const SCHEMA_URIS = ${JSON.stringify(SCHEMA_URIS)};
${order.map((number) => `const D${number} = ${literal(bases[number], number)};`).join("\n")}
const DOCUMENTS = [${bases.map((_, number) => `D${number}`).join(", ")}];
export function jsonSchemaDocument(number, target, io) {
  const copy = (value) => {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map(copy);
    const out = {};
    for (const name in value) {
      if (name === "propertyNames" && target > ${JSON_SCHEMA_TARGETS["draft-07"]}) continue;
      out[name] = copy(value[name]);
      if (io === ${IO_OUTPUT} && value.properties && name === (value.required ? "required" : "properties")) out.additionalProperties = false;
    }
    return out;
  };
  return Number.isInteger(number) && DOCUMENTS[number] ? copy(DOCUMENTS[number]) : undefined;
}
`;
  writeFileSync(join(stage, "json-schema-documents.js"), module);
  const { jsonSchemaDocument } = await import(pathToFileURL(join(stage, "json-schema-documents.js")));
  JSON_SCHEMAS.forEach(([texts, which], number) => {
    for (let target = 0; target <= TARGET_OTHER; target++) {
      for (const io of [IO_INPUT, IO_OUTPUT]) {
        const expected = JSON.stringify(JSON.parse(texts[which[target * 2 + io]]));
        if (JSON.stringify(jsonSchemaDocument(number, target, io)) !== expected) fail(`json-schema-documents.js: schema ${number}, target ${target}, io ${io} is not the document src/json_schema.rs writes`);
      }
    }
  });
}
const webModule = readFileSync(join(wasmBuild, "web", "auditlog_wasm_bg.wasm"));
const openTypesModule = readFileSync(join(wasmBuild, "web-open-types", "auditlog_wasm_bg.wasm"));
const serverModule = readFileSync(join(wasmBuild, "server", "auditlog_wasm_bg.wasm"));
const logModule = readFileSync(join(wasmBuild, "log", "auditlog_wasm_bg.wasm"));
writeFileSync(join(stage, "auditlog_wasm_bg.wasm"), webModule);
writeFileSync(join(stage, "auditlog_wasm_open_types_bg.wasm"), openTypesModule);
writeFileSync(join(stage, "auditlog_wasm_server_bg.wasm"), serverModule);
writeFileSync(join(stage, "auditlog_wasm_log_bg.wasm"), logModule);

const generated = (name, what, value) =>
  writeFileSync(join(stage, name), `// Generated by src/js/build-pkg.mjs: ${what}.\nexport default ${JSON.stringify(value)};\n`);
generated("wasm-server-base64.js", "the server module, in base64", serverModule.toString("base64"));
// The browser modules' inline copies are what pages built without a .wasm file download: compressed
// with Zopfli (examples/deflate_raw.rs), smaller than zlib's level 9, and checked by inflating them.
const zopfliDeflated = (module) => {
  const deflated = execFileSync("cargo", ["run", "--quiet", "--example", "deflate_raw"], { cwd: root, input: module, maxBuffer: 1 << 26 });
  if (!inflateRawSync(deflated).equals(module)) fail("a browser module's Zopfli stream does not inflate to the module");
  return deflated;
};
generated("wasm-web-deflated.js", "the browser module, deflate-raw compressed, in base64", zopfliDeflated(webModule).toString("base64"));
generated("wasm-open-types-deflated.js", "the browser's open-types module, deflate-raw compressed, in base64", zopfliDeflated(openTypesModule).toString("base64"));
generated("wasm-log-base64.js", "the log module, in base64", logModule.toString("base64"));
generated("wasm-log-deflated.js", "the log module, deflate-raw compressed, in base64", deflateRawSync(logModule, { level: 9 }).toString("base64"));
// The schema tables and name lists, read from the server module now rather than at every start-up
// of the server entries (create-api.js, createApi). The browser modules have no code to write the tables:
// their glue gets them from here, split so that a page carries those of the module it loads:
// tables-open-types.js, the first three schemas' (protocol.rs, IN_MODULE) and the first name list,
// and tables-platform.js, the platform schemas', which browser-full-tables.js adds to those, both
// without the fields' fast checks. The module with every schema still writes the platform's name
// lists (schema-tables.js).
{
  const { createApi } = await import(pathToFileURL(join(stage, "create-api.js")));
  const { initSync } = await import(pathToFileURL(join(stage, "auditlog_wasm.js")));
  const tables = createApi(initSync({ module: serverModule })).tablesForBuild();
  const { FIELD_FAST, SCHEMA_IDS, TABLE_FIELDS } = await import(pathToFileURL(join(stage, "protocol.js")));
  // The split below: the open-types schemas are numbered before the platform's.
  if (!Object.entries(SCHEMA_IDS).every(([name, id]) => (id < 3) === name.startsWith("auditLog"))) fail("build-pkg splits the tables at schema 3; protocol.js's SCHEMA_IDS changed");
  generated("tables.js", "the schema tables of the wasm module (src/wasm/mod.rs)", tables);
  // The browser's glue (lean.js) runs no fast checks: its tables leave each field's out.
  const withoutFastChecks = (table) => table.map((part, i) => (i === TABLE_FIELDS ? part.map((field) => field.slice(0, FIELD_FAST)) : part));
  const browserFields = tables.fields.map(withoutFastChecks);
  generated("tables-open-types.js", "the open-types schemas' tables of the wasm module (src/wasm/mod.rs), without fast checks", { fields: browserFields.slice(0, 3), names: tables.names.slice(0, 1) });
  generated("tables-platform.js", "the platform schemas' tables of the wasm module (src/wasm/mod.rs), without fast checks", { fields: browserFields.slice(3) });
}

// An entry is its API file (api.js, log-api.js: the export list, written once) over one runtime's
// loader, which the API file imports as `./instance.js` or `./log-instance.js`: the loader gives the
// instantiated module its own way. `apart`: specifiers the entry imports from pkg/ (the file pkg/
// has in their place) instead of carrying them; with `besideFiles`, every module but the loader
// stays a file of the package beside the entry (the browser's entries ship their modules as they are).
function entryPlugin(loader, apart = {}, besideFiles = false) {
  return {
    name: "auditlog-entry",
    setup(build) {
      if (loader) build.onResolve({ filter: /^\.\/(log-)?instance\.js$/ }, () => ({ path: join(stage, loader) }));
      build.onResolve({ filter: /^\.\// }, ({ path }) => (path in apart ? { path: apart[path], external: true } : besideFiles ? { path, external: true } : undefined));
    },
  };
}
// (Plugins need esbuild's asynchronous API.)
const bundle = (entry, loader, outfile, format, apart, options = {}) =>
  build({ entryPoints: [join(stage, entry)], outfile: join(pkg, outfile), bundle: true, platform: "neutral", target: "es2022", logLevel: "warning", format, plugins: [entryPlugin(loader, apart)], ...options });

// The browser's log entry: log-api.js and its loader in one file, the modules they import beside it.
{
  const [output] = (await build({ entryPoints: [join(stage, "log-api.js")], bundle: true, write: false, format: "esm", target: "es2022", outfile: join(stage, "log-browser.js"), logLevel: "warning", plugins: [entryPlugin("log-browser.js", {}, true)] })).outputFiles;
  writeFileSync(join(stage, "log-browser-entry.js"), output.text);
}

// The worker threads' code (ndjson-worker.js and the glue it imports) as one script, carried as text
// by Node's entries (ndjson-threads.js starts it with `eval: true`: no file to find at run time).
{
  const { outputFiles } = buildSync({ entryPoints: [join(stage, "ndjson-worker.js")], bundle: true, write: false, format: "cjs", platform: "node", target: "es2022", minify: true, logLevel: "warning", logOverride: { "empty-import-meta": "silent" } });
  generated("ndjson-worker-source.js", "the code of the NDJSON worker threads (src/js/ndjson-worker.js, bundled)", outputFiles[0].text);
}

// The browser entries and every module they import ship as separate files: load-module.js tells a
// bundle from the files served as they are by comparing the entry's URL with module-url.js's. Their
// code ships minified, since esbuild, Rollup and Bun do not minify by default and a page that loads
// the files as they are gets them as they are. The generated data ships as written but without its
// comment lines, which Rollup would carry into every page (the repository's copies keep them; tests
// read protocol.js and the inline modules as text). The modules with `/* @__PURE__ */` annotations,
// which esbuild's minifier drops and bundlers need to leave out the schemas a page does not import,
// ship without their comments but not minified.
const { metafile } = buildSync({ entryPoints: [join(stage, "browser.js"), join(stage, "log-browser-entry.js")], bundle: true, write: false, format: "esm", outdir: stage, metafile: true, logLevel: "error" });
const generatedData = /^(protocol|json-schemas|tables.*|wasm-.*)\.js$/;
const shipped = (file) => (file === "log-browser-entry.js" ? "log-browser.js" : file);
// Modules the browser entries ship in place of another: the server entries, bundled below from the
// originals, keep those.
const browserVariants = { "own-keys.js": "own-keys-browser.js" };
for (const file of new Set([...Object.keys(metafile.inputs).map((input) => basename(input)), "auditlog_wasm_bg.wasm", "auditlog_wasm_open_types_bg.wasm", "auditlog_wasm_server_bg.wasm", "auditlog_wasm_log_bg.wasm"])) {
  if (generatedData.test(file)) {
    writeFileSync(join(pkg, file), withoutCommentLines(read(join(stage, file))));
  } else if (!file.endsWith(".js")) {
    copyFileSync(join(stage, file), join(pkg, shipped(file)));
  } else {
    const code = read(join(stage, browserVariants[file] ?? file));
    const { code: minifiable, define } = withProtocolConstants(code);
    const minify = !code.includes("@__PURE__");
    writeFileSync(join(pkg, shipped(file)), transformSync(minifiable, { loader: "js", format: "esm", target: "es2022", minify, define, logLevel: "error" }).code);
  }
}

// The browser's inline modules (web-inline.js, web-inline-open-types.js) ship as one file each, their
// data (wasm-*-deflated.js) and inline-bytes.js's decoder inside: bundles reach them by import()
// only, and esbuild and Bun, which do not minify by default, give each module reached that way an
// initializer of its own (`__esm`, `init_*`); one module in place of three was 61 B less gzip on a
// form's page built by esbuild, 35 B by Bun. The data files are then imported by no shipped file.
for (const file of ["web-inline.js", "web-inline-open-types.js"]) {
  const [output] = buildSync({ entryPoints: [join(stage, file)], bundle: true, write: false, format: "esm", target: "es2022", minify: true, logLevel: "error" }).outputFiles;
  writeFileSync(join(pkg, file), output.text);
}
for (const file of ["wasm-web-deflated.js", "wasm-open-types-deflated.js"]) rmSync(join(pkg, file));

/** A generated module without its lines that are comments (`// ...`), which are all its comments. */
function withoutCommentLines(code) {
  return code.replace(/^[ \t]*\/\/.*\n/gm, "");
}

/**
 * A module that imports nothing from protocol.js: its numbers written where it uses them, and a
 * copy of each list and name it uses declared in it. Bundlers that do not minify (esbuild's,
 * Rollup's and Bun's defaults) would otherwise carry each number as a named variable
 * (`var KIND_STRING = 10;`) and every use by its long name, and those that keep whole modules
 * (Turbopack) all of protocol.js. Returns the code and esbuild's `define` for the numbers.
 */
function withProtocolConstants(code) {
  const define = {};
  const rewritten = code.replace(/import\s*\{([^}]*)\}\s*from\s*"\.\/protocol\.js";/g, (_, list) => {
    const declared = [];
    for (const name of list.split(",").map((item) => item.trim()).filter(Boolean)) {
      if (protocolNumbers.has(name)) define[name] = protocolNumbers.get(name);
      else if (protocolLiterals.has(name)) declared.push(`const ${name} = ${protocolLiterals.get(name)};`);
      else fail(`${name}: not a constant of protocol.js`);
    }
    return declared.join("\n");
  });
  return { code: rewritten, define };
}
// The server module's base64 is a module of its own, which the portable entry and Node's entries
// (node.js, for its worker threads) import, rather than a copy in each. Bundlers follow the import.
const serverBase64 = read(join(stage, "wasm-server-base64.js"));
writeFileSync(join(pkg, "wasm-server-base64.js"), serverBase64);
writeFileSync(join(pkg, "wasm-server-base64.cjs"), serverBase64.replace("export default ", "module.exports = "));
const base64 = (format) => ({ "./wasm-server-base64.js": format === "esm" ? "./wasm-server-base64.js" : "./wasm-server-base64.cjs" });
// wasm-bindgen's unused async initializer mentions import.meta, which a CommonJS file cannot have.
const quietCjs = { logOverride: { "empty-import-meta": "silent" } };
await bundle("api.js", "portable.js", "index.mjs", "esm", base64("esm"));
await bundle("api.js", "portable.js", "index.cjs", "cjs", base64("cjs"), quietCjs);
await bundle("api.js", "edge.js", "edge.js", "esm", {}, { external: ["./auditlog_wasm_server_bg.wasm?module"] });
// `auditlog-wasm/log`, built as its entry for the same places.
await bundle("log-api.js", "log-portable.js", "log.mjs", "esm");
await bundle("log-api.js", "log-portable.js", "log.cjs", "cjs", {}, quietCjs);
await bundle("log-api.js", "log-edge.js", "log-edge.js", "esm", {}, { external: ["./auditlog_wasm_log_bg.wasm?module"] });
// Node's entries: the portable entry (imported, not copied) and the worker threads (node.js).
// `node:worker_threads` is imported when a stream is first checked on workers.
const nodeEntry = (portable, outfile, format) =>
  bundle("node.js", null, outfile, format, { "./portable-entry.js": `./${portable}`, ...base64(format) }, { external: ["node:worker_threads"] });
await nodeEntry("index.mjs", "node.mjs", "esm");
await nodeEntry("index.cjs", "node.cjs", "cjs");
await nodeEntry("log.mjs", "log-node.mjs", "esm");
await nodeEntry("log.cjs", "log-node.cjs", "cjs");

// Types: the model's, generated by tsify into wasm-bindgen's declarations, written into index.d.ts
// in place of src/js/index.d.ts's import of them, so that one self-contained file serves `import`
// (index.d.ts) and `require` (index.d.cts, the same text).
{
  const declarations = read(join(wasmBuild, "server", "auditlog_wasm.d.ts"));
  const model = declarations.slice(0, declarations.search(/^export function /m)).replace(/^\/\*.*\*\/\n/gm, "").trim();
  if (!model.includes("export interface AuditLogEntry")) fail("no model types in wasm-bindgen's declarations");
  const api = read(join(here, "index.d.ts"));
  const importBlock = /^import type \{[^}]*\} from "\.\/auditlog_wasm\.js";\n\nexport type \{[^}]*\};\n/m;
  if (!importBlock.test(api)) fail("src/js/index.d.ts no longer imports the model types as build-pkg expects");
  const types = api.replace(importBlock, `// The model, generated from the Rust types by tsify.\n${model}\n`);
  writeFileSync(join(pkg, "index.d.ts"), types);
  writeFileSync(join(pkg, "index.d.cts"), types);
  // The log's types import the schemas' from the package itself, which resolves to the file above
  // that matches the importer (index.d.ts or index.d.cts).
  copyFileSync(join(here, "log.d.ts"), join(pkg, "log.d.ts"));
  copyFileSync(join(here, "log.d.ts"), join(pkg, "log.d.cts"));
}
// The package's README is written for its users; the repository's is for the project.
copyFileSync(join(here, "README.md"), join(pkg, "README.md"));

/**
 * One entry's conditions, in the order resolvers try them. The first condition a resolver knows
 * wins: Workers and the edge runtime before `browser` (Next.js's edge runtime also sets `browser`),
 * Node before `browser` (Electron-like tools set both). `types` and `portable` name files without
 * their extensions (.d.ts/.d.cts, .mjs/.cjs).
 */
function entryConditions({ types, portable, node, browser, edge }) {
  const [esm, cjs] = [`${portable}.mjs`, `${portable}.cjs`];
  return {
    types: { import: `${types}.d.ts`, require: `${types}.d.cts` },
    workerd: edge,
    "edge-light": edge,
    node: { import: `${node}.mjs`, require: `${node}.cjs` },
    browser: { import: browser, require: cjs },
    import: esm,
    require: cjs,
    default: esm,
  };
}

const version = /^version\s*=\s*"([^"]+)"/m.exec(read(join(root, "Cargo.toml")))[1];
const manifest = {
  name: "auditlog-wasm",
  version,
  description:
    "Audit-log validators compiled from Rust to WebAssembly: drop-in replacements for the open-types Zod schemas, with the same answers and issues.",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./index.cjs",
  module: "./browser.js",
  types: "./index.d.ts",
  exports: {
    ".": entryConditions({ types: "./index", portable: "./index", node: "./node", browser: "./browser.js", edge: "./edge.js" }),
    "./log": entryConditions({ types: "./log", portable: "./log", node: "./log-node", browser: "./log-browser.js", edge: "./log-edge.js" }),
    "./package.json": "./package.json",
  },
  files: readdirSync(pkg).filter((file) => file !== "package.json"),
  // Bundlers may drop the package when nothing of it is used; this import only throws, so it must stay.
  // (browser-full.js's one effect, telling the open-types schemas its module is loading, matters
  // only where a page uses its exports: bundlers are meant to drop it elsewhere.)
  // Node's entries (node.js) add the worker threads to the schemas they re-export: they must stay.
  // browser-loading.js imports require-webassembly.js first; listed as well, since webpack sends the
  // imports of a file without side effects straight to the modules it re-exports, which then stay
  // modules of their own in the page instead of merged into one (browser-loading.js says why).
  sideEffects: ["./require-webassembly.js", "./browser-loading.js", "./node.mjs", "./node.cjs", "./log-node.mjs", "./log-node.cjs"],
  keywords: ["audit-log", "validation", "zod", "wasm", "standard-schema"],
  engines: { node: ">=18" },
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`pkg/: auditlog-wasm ${version}`);
