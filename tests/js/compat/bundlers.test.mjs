// Browser bundles, each bundler with its default configuration (and esbuild and Bun also with
// `--splitting`, which the docs recommend, and esbuild with `--minify`, its production build), from
// the packed tarball installed into a throw-away project: the page validates in headless Chromium
// with no console error and no failed request. Bundlers that emit `new URL("…", import.meta.url)`
// assets (Vite, webpack) must download the .wasm file and never the module inlined in JavaScript;
// the others (esbuild, Rollup, Bun) carry it in their bundle. The gzipped size each page downloads
// is printed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BATCH_FUNCTIONS, broken, everythingAnswersOf, everythingNames, everythingProgram, formExpected, formProgram, freePort, good, notePageSizes, project, repo, run, startServer, tool, useEverything, wasmDownloads, write } from "./project.mjs";
import { exceptionWithoutWebAssembly, pageReport, serveStatic } from "../browser.mjs";

let app;
const page = (script, type = "module") =>
  `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><pre id="result"></pre><script${type ? ` type="${type}"` : ""} src="${script}"></script></body></html>`;
// The form page of the size budget: the entry schema, safeParse, its issues and flattenError.
const main = `import { auditLogEntrySchema, flattenError } from "auditlog-wasm";\n${formProgram}\ndocument.querySelector("#result").textContent = JSON.stringify(result);\n`;

// The everything page of the size budget: both schemas, JSON Schema and every error helper
// imported together (every export of the browser entry but the batch functions); and the
// every-export page, which uses the batch functions too. Each imports the platform record's
// schema, so the module with every schema serves all, and the open-types module is never
// downloaded (src/js/browser.js).
const useBatches = (all) => ({
  batches: [all.validateMany(all.auditLogEntrySchema, [good, broken]).invalid, all.validateNdjson(all.auditLogEntrySchema, `${JSON.stringify(good)}\n${JSON.stringify(broken)}`).invalid, typeof all.validateNdjsonStream],
});
/** A page that binds `all` and `auditLogEntrySchema` with `imports`, runs the program and then `uses` on `all`. */
const pageUsing = (imports, uses) =>
  `${imports}\n${everythingProgram(uses)}document.querySelector("#result").textContent = JSON.stringify(result);\n`;
let everythingApp, everyExportApp, everythingExpected, everyExportExpected;

before(async () => {
  // src/index.js is webpack's default entry; index.html is Vite's.
  app = project("bundlers", { files: { "src/index.js": main, "index.html": page("/src/index.js") } });
  const all = await import(pathToFileURL(join(repo, "pkg/index.mjs")));
  // The batch functions are used (the source names each): with everythingNames(), every export.
  for (const name of BATCH_FUNCTIONS) assert.match(String(useBatches), new RegExp(`all\\.${name}\\b`), name);
  const everything = everythingNames();
  const everythingMain = pageUsing(`import { ${everything.join(", ")} } from "auditlog-wasm";\nconst all = { ${everything.join(", ")} };`, [useEverything]);
  const everyExportMain = pageUsing(`import * as all from "auditlog-wasm";\nconst { auditLogEntrySchema } = all;`, [useEverything, useBatches]);
  everythingApp = project("bundlers-everything", { files: { "src/index.js": everythingMain, "index.html": page("/src/index.js") } });
  everyExportApp = project("bundlers-every-export", { files: { "src/index.js": everyExportMain, "index.html": page("/src/index.js") } });
  everythingExpected = everythingAnswersOf(all);
  everyExportExpected = JSON.parse(JSON.stringify({ ...everythingExpected, ...useBatches(all) }));
});
after(() => app?.remove());
after(() => everythingApp?.remove());
after(() => everyExportApp?.remove());

const sizes = [];

/** Serves `dir`, loads `path`, checks the verdicts and the page, and returns what it downloaded. */
async function check(name, dir, path = "/index.html", expectedResult = formExpected) {
  const server = await serveStatic(dir);
  try {
    const { result, problems, responses, instances } = await pageReport(`${server.url}${path}`);
    assert.deepEqual(problems, [], name);
    assert.deepEqual(result, expectedResult, name);
    // One module serves the page, whichever copies it carries.
    assert.equal(instances, 1, `${name}: wasm instances made`);
    const { wasm, inlined } = wasmDownloads(responses);
    const js = responses.filter((r) => r.type.includes("javascript"));
    const gz = (list) => list.reduce((n, r) => n + gzipSync(r.body, { level: 9 }).length, 0);
    sizes.push({ name, js: gz(js), wasm: gz(wasm), requests: responses.length });
    // Where the engine has no WebAssembly, the bundle still fails with the package's own error.
    assert.match(await exceptionWithoutWebAssembly(`${server.url}${path}`) ?? "no exception", /^auditlog-wasm: this JavaScript engine has no WebAssembly/, `${name}, without WebAssembly`);
    return { wasm, inlined };
  } finally {
    await server.close();
  }
}

const emitsTheWasmFile = ({ wasm, inlined }, name) => {
  assert.equal(wasm.length, 1, `${name}: the .wasm file was not downloaded`);
  assert.deepEqual(inlined, [], `${name}: downloaded the module inlined in JavaScript too`);
};
/** The start of an inline copy of a module (its base64 in pkg/web-inline*.js), as a bundle carries it. */
const inlineCopy = (file) => /"([A-Za-z0-9+/]{64})/.exec(readFileSync(join(repo, "pkg", file), "utf8"))[1];
// A production build by Vite or webpack, which emits the .wasm file, leaves the module's inline
// copies out of every file it writes, not only out of what the page downloads (browser-open-types.js).
const writesNoInlineCopy = (dir, name) => {
  const copies = ["web-inline.js", "web-inline-open-types.js"].map(inlineCopy);
  for (const file of readdirSync(dir, { recursive: true }).filter((file) => file.endsWith(".js"))) {
    const text = readFileSync(join(dir, file), "latin1");
    for (const copy of copies) assert.ok(!text.includes(copy), `${name}: ${file} carries an inline copy of a module`);
  }
};
const carriesTheModuleInline = ({ wasm, inlined }, name) => {
  assert.deepEqual(wasm, [], `${name}: fetched a .wasm file it did not emit`);
  assert.equal(inlined.length, 1, `${name}: the module is not in the bundle`);
};

test("Vite: production build (vite build)", async () => {
  run(process.execPath, [join(repo, "node_modules/vite/bin/vite.js"), "build", "--outDir", "dist-vite", "--logLevel", "error"], { cwd: app.dir });
  emitsTheWasmFile(await check("Vite build", app.path("dist-vite")), "Vite");
  writesNoInlineCopy(app.path("dist-vite"), "Vite");
});

// Also with NODE_ENV=production (a shell's or a container's), under which the dev server's
// `import.meta.env.PROD` is true though it still emits no .wasm file (browser-open-types.js); --force
// pre-bundles again under it.
for (const env of [{}, { NODE_ENV: "production" }]) {
  test(`Vite: dev server (vite), whose dependency pre-bundling emits no .wasm file${env.NODE_ENV ? ", with NODE_ENV=production" : ""}`, async () => {
    const port = await freePort();
    const vite = await startServer(process.execPath, [join(repo, "node_modules/vite/bin/vite.js"), "--host", "127.0.0.1", "--port", String(port), "--strictPort", "--force"], { cwd: app.dir, env, url: `http://127.0.0.1:${port}/` });
    try {
      const { result, problems } = await pageReport(`http://127.0.0.1:${port}/`);
      assert.deepEqual(problems, []);
      assert.deepEqual(result, formExpected);
    } finally {
      await vite.stop();
    }
  });
}

// A Vite SSR build for a web worker resolves the browser entry, and emits no .wasm file for it
// (`import.meta.env.SSR`: browser-open-types.js): the worker runs on the inline copy, here in Node.
test("Vite: SSR build for a web worker (ssr.target webworker), which emits no .wasm file", () => {
  write(app.dir, "vite.ssr.config.mjs", `export default { ssr: { target: "webworker", noExternal: true } };\n`);
  write(app.dir, "src/worker.js", `import { auditLogEntrySchema, flattenError } from "auditlog-wasm";\n${formProgram}\nconsole.log(JSON.stringify(result));\n`);
  run(process.execPath, [join(repo, "node_modules/vite/bin/vite.js"), "build", "--config", "vite.ssr.config.mjs", "--ssr", "src/worker.js", "--outDir", "dist-ssr", "--logLevel", "error"], { cwd: app.dir });
  assert.match(readFileSync(app.path("dist-ssr/worker.js"), "utf8"), /browser-open-types|compileInlineModule/, "the build took the browser entry");
  assert.deepEqual(JSON.parse(run(process.execPath, [app.path("dist-ssr/worker.js")], { cwd: app.dir })), formExpected);
});

test("webpack 5: no configuration file (entry src/index.js, output dist/, production)", async () => {
  run(process.execPath, [tool("webpack-cli/bin/cli.js"), "--mode", "production"], { cwd: app.dir });
  renameSync(app.path("dist"), app.path("dist-webpack"));
  write(app.dir, "dist-webpack/index.html", page("main.js", ""));
  emitsTheWasmFile(await check("webpack", app.path("dist-webpack")), "webpack");
  writesNoInlineCopy(app.path("dist-webpack"), "webpack");
  // webpack writes `import.meta.url` as a file:// path of the machine that builds: the package
  // reads it nowhere under webpack, so no path of this machine ships in the page.
  assert.ok(!readFileSync(app.path("dist-webpack/main.js"), "utf8").includes(app.dir), "the page holds the project's path");
});

test("esbuild: --bundle --format=esm (top-level await needs ES module output)", async () => {
  run(tool("esbuild/bin/esbuild"), ["src/index.js", "--bundle", "--format=esm", "--outdir=dist-esbuild", "--log-level=warning"], { cwd: app.dir });
  write(app.dir, "dist-esbuild/index.html", page("index.js"));
  carriesTheModuleInline(await check("esbuild", app.path("dist-esbuild")), "esbuild");
});

// With code splitting, each inline copy is a chunk of its own, loaded only where it is used; and gzip
// no longer mixes its base64 with the page's code (docs/where-it-runs.md recommends it).
const onlyTheOpenTypesCopy = (inlined, name) => {
  const text = inlined[0].body.toString("latin1");
  assert.ok(text.includes(inlineCopy("web-inline-open-types.js")), `${name}: the open-types module is not the one downloaded`);
  assert.ok(!text.includes(inlineCopy("web-inline.js")), `${name}: the module with every schema is downloaded too`);
};
// esbuild's production builds as its docs write them for browsers: `--minify` (esbuild has no
// production mode; by default it prints the code unminified), with and without splitting.
const esbuildBuilds = [["--splitting"], ["--minify"], ["--minify", "--splitting"]];
const esbuildBuild = (dir, flags) => {
  const out = `dist-esbuild${flags.join("").replace(/--/g, "-")}`;
  run(tool("esbuild/bin/esbuild"), ["src/index.js", "--bundle", "--format=esm", ...flags, `--outdir=${out}`, "--log-level=warning"], { cwd: dir });
  write(dir, `${out}/index.html`, page("index.js"));
  return { name: `esbuild ${flags.join(" ")}`, out, splits: flags.includes("--splitting") };
};
for (const flags of esbuildBuilds) {
  test(`esbuild: --bundle --format=esm ${flags.join(" ")}`, async () => {
    const { name, out, splits } = esbuildBuild(app.dir, flags);
    const { wasm, inlined } = await check(name, app.path(out));
    carriesTheModuleInline({ wasm, inlined }, name);
    if (splits) onlyTheOpenTypesCopy(inlined, name);
  });
}

test("Rollup 4 with @rollup/plugin-node-resolve for browsers (output.dir)", async () => {
  const { rollup } = await import(pathToFileURL(tool("rollup/dist/es/rollup.js")));
  const { nodeResolve } = await import(pathToFileURL(tool("@rollup/plugin-node-resolve/dist/es/index.js")));
  // rollup.config.mjs: export default { input: "src/index.js", output: { dir: "dist-rollup", format: "es" }, plugins: [nodeResolve({ browser: true })] }
  const bundle = await rollup({ input: app.path("src/index.js"), plugins: [nodeResolve({ browser: true })], onwarn: (w) => assert.fail(w.message) });
  await bundle.write({ dir: app.path("dist-rollup"), format: "es" });
  write(app.dir, "dist-rollup/index.html", page("index.js"));
  carriesTheModuleInline(await check("Rollup", app.path("dist-rollup")), "Rollup");
});

test("Rollup 4 with @rollup/plugin-node-resolve as its README shows it (no browser option, output.file)", async () => {
  const { rollup } = await import(pathToFileURL(tool("rollup/dist/es/rollup.js")));
  const { nodeResolve } = await import(pathToFileURL(tool("@rollup/plugin-node-resolve/dist/es/index.js")));
  const bundle = await rollup({ input: app.path("src/index.js"), plugins: [nodeResolve()], onwarn: (w) => assert.fail(w.message) });
  await bundle.write({ file: app.path("dist-rollup-file/bundle.js"), format: "es" });
  write(app.dir, "dist-rollup-file/index.html", page("bundle.js"));
  // Without `browser`, the plugin takes the portable entry (index.mjs): the server module, inline.
  const { wasm } = await check("Rollup (no browser option)", app.path("dist-rollup-file"));
  assert.deepEqual(wasm, []);
});

test("Bun's bundler: bun build (target browser)", async () => {
  run(tool("bun/bin/bun.exe"), ["build", "./src/index.js", "--outdir=dist-bun"], { cwd: app.dir });
  write(app.dir, "dist-bun/index.html", page("index.js"));
  carriesTheModuleInline(await check("bun build", app.path("dist-bun")), "bun build");
});

test("Bun's bundler: bun build --splitting", async () => {
  run(tool("bun/bin/bun.exe"), ["build", "./src/index.js", "--splitting", "--outdir=dist-bun-splitting"], { cwd: app.dir });
  write(app.dir, "dist-bun-splitting/index.html", page("index.js"));
  const { wasm, inlined } = await check("bun build --splitting", app.path("dist-bun-splitting"));
  carriesTheModuleInline({ wasm, inlined }, "bun build --splitting");
  onlyTheOpenTypesCopy(inlined, "bun build --splitting");
});

test("no bundler: a <script type=module> page with an import map", async () => {
  write(
    app.dir,
    "plain/index.html",
    `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><pre id="result"></pre>
<script type="importmap">{ "imports": { "auditlog-wasm": "/node_modules/auditlog-wasm/browser.js" } }</script>
<script type="module">${main}</script></body></html>`,
  );
  emitsTheWasmFile(await check("import map", app.dir, "/plain/index.html"), "import map");
});

const fullModule = () => readFileSync(join(repo, "pkg/auditlog_wasm_bg.wasm"));
const fullInline = () => inlineCopy("web-inline.js");

/** Builds `pageApp`'s page with every bundler and checks each: `label` names its sizes. */
async function buildsOfBothFamilies(label, pageApp, pageExpected) {
  const dir = pageApp.dir;
  run(process.execPath, [join(repo, "node_modules/vite/bin/vite.js"), "build", "--outDir", "dist-vite", "--logLevel", "error"], { cwd: dir });
  run(process.execPath, [tool("webpack-cli/bin/cli.js"), "--mode", "production"], { cwd: dir });
  renameSync(pageApp.path("dist"), pageApp.path("dist-webpack"));
  write(dir, "dist-webpack/index.html", page("main.js", ""));
  run(tool("esbuild/bin/esbuild"), ["src/index.js", "--bundle", "--format=esm", "--outdir=dist-esbuild", "--log-level=warning"], { cwd: dir });
  write(dir, "dist-esbuild/index.html", page("index.js"));
  const esbuildPages = esbuildBuilds.map((flags) => esbuildBuild(dir, flags));
  run(tool("bun/bin/bun.exe"), ["build", "./src/index.js", "--outdir=dist-bun"], { cwd: dir });
  write(dir, "dist-bun/index.html", page("index.js"));
  run(tool("bun/bin/bun.exe"), ["build", "./src/index.js", "--splitting", "--outdir=dist-bun-splitting"], { cwd: dir });
  write(dir, "dist-bun-splitting/index.html", page("index.js"));
  const { rollup } = await import(pathToFileURL(tool("rollup/dist/es/rollup.js")));
  const { nodeResolve } = await import(pathToFileURL(tool("@rollup/plugin-node-resolve/dist/es/index.js")));
  const bundle = await rollup({ input: pageApp.path("src/index.js"), plugins: [nodeResolve({ browser: true })], onwarn: (w) => assert.fail(w.message) });
  await bundle.write({ dir: pageApp.path("dist-rollup"), format: "es" });
  write(dir, "dist-rollup/index.html", page("index.js"));
  for (const [name, out] of [["Vite build", "dist-vite"], ["webpack", "dist-webpack"]]) {
    const { wasm, inlined } = await check(`${label}: ${name}`, pageApp.path(out), "/index.html", pageExpected);
    assert.equal(wasm.length, 1, name);
    assert.ok(wasm[0].body.equals(fullModule()), `${name}: downloaded the open-types module`);
    assert.deepEqual(inlined, [], name);
  }
  // Whether the page carries the open-types copy beside the full one: esbuild and Bun without
  // splitting put every dynamic import into the one bundle.
  const inlinePages = [["esbuild", "dist-esbuild", true], ...esbuildPages.map(({ name, out, splits }) => [name, out, !splits]), ["bun build", "dist-bun", true], ["bun build --splitting", "dist-bun-splitting", false], ["Rollup", "dist-rollup", false]];
  for (const [name, out, bothCopies] of inlinePages) {
    const { wasm, inlined } = await check(`${label}: ${name}`, pageApp.path(out), "/index.html", pageExpected);
    assert.deepEqual(wasm, [], name);
    assert.equal(inlined.length, 1, name);
    const text = inlined[0].body.toString("latin1");
    assert.ok(text.includes(fullInline()), `${name}: the module with every schema is not the one downloaded`);
    assert.equal(text.includes(inlineCopy("web-inline-open-types.js")), bothCopies, `${name}: which copies the page carries`);
  }
}

for (const [label, pageApp, pageExpected] of [["everything", () => everythingApp, () => everythingExpected], ["every export", () => everyExportApp, () => everyExportExpected]]) {
  test(`${label}: Vite and webpack pages download only the module with every schema; esbuild, Bun and Rollup pages run it, carrying the open-types copy too only where they do not split`, () =>
    buildsOfBothFamilies(label, pageApp(), pageExpected()));
}

// What a page may download, gzip -9, in KB. The goal is 13 KB for the form page (the entry schema,
// safeParse, its issues and flattenError) and 20 KB for the everything page (both schemas, JSON
// Schema and every error helper); the every-export page, which adds the batch functions, has none.
// Until a page meets its goal, it is held to what it downloads now, so that no change makes it heavier unnoticed. Sizes are
// deterministic for the locked toolchains and the pinned nightly that builds the browser's modules
// (Makefile NIGHTLY). Each ceiling is the figure printed plus 0.1 to 0.2 KB, so that rounding and a
// few bytes of glue do not fail it, and never above the goal of a page that meets it: lower a
// ceiling when a page gets lighter.
// Rollup without its browser option bundles the server entry (the server module, built for speed,
// and the glue's speed parts, unminified): its ceiling follows that entry.
const GOAL_KB = { form: 13, everything: 20, "every export": undefined };
const pageKind = (name) => /^(everything|every export): /.exec(name)?.[1] ?? "form";
const CEILING_KB = {
  "Vite build": 12.2, webpack: 13, esbuild: 13.9, "esbuild --splitting": 13, "esbuild --minify": 12.8, "esbuild --minify --splitting": 12.1, "bun build --splitting": 13.5, Rollup: 12.4, "Rollup (no browser option)": 61.1, "bun build": 13.9, "import map": 25.3,
  "everything: Vite build": 19, "everything: webpack": 20, "everything: esbuild": 28.2, "everything: esbuild --splitting": 20, "everything: esbuild --minify": 26.5, "everything: esbuild --minify --splitting": 18.7, "everything: bun build": 27.9, "everything: bun build --splitting": 20.3, "everything: Rollup": 19,
  "every export: Vite build": 20.7, "every export: webpack": 21.8, "every export: esbuild": 30.4, "every export: esbuild --splitting": 21.5, "every export: esbuild --minify": 28.2, "every export: esbuild --minify --splitting": 19.9, "every export: bun build": 30.0, "every export: bun build --splitting": 21.7, "every export: Rollup": 20.2,
};

test("no page downloads more than its ceiling", () => {
  assert.deepEqual(sizes.map((s) => s.name).sort(), Object.keys(CEILING_KB).sort(), "every page was measured, and has a ceiling");
  for (const { name, js, wasm } of sizes) {
    const kb = (js + wasm) / 1024;
    const ceiling = CEILING_KB[name];
    assert.ok(kb <= ceiling, `${name}: ${kb.toFixed(2)} KB, over its ceiling of ${ceiling} KB`);
  }
});

after(() => {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log("what each test page downloaded, gzip -9 per file:");
  for (const s of sizes) {
    const total = s.js + s.wasm, goal = GOAL_KB[pageKind(s.name)];
    const met = goal === undefined ? "no goal" : total <= goal * 1024 ? "goal met" : `goal ${goal} KB NOT met`;
    console.log(`  ${s.name.padEnd(44)} JS ${kb(s.js).padStart(8)}  wasm ${kb(s.wasm).padStart(8)}  total ${kb(total).padStart(8)}  (${met})`);
  }
  notePageSizes(sizes.map((s) => ({ page: pageKind(s.name) === "form" ? `form: ${s.name}` : s.name, jsKB: s.js / 1024, wasmKB: s.wasm / 1024 })));
});
