// Server-side runtimes, from the packed tarball installed into a throw-away project, with no flag,
// permission or set-up code: Node (ESM, CommonJS, and bundled into one file that runs elsewhere),
// Deno, Bun, and an engine without WebAssembly, which gets one clear error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { broken, expected, good, program, project, run, tool, write } from "./project.mjs";

let app;
const print = "console.log(JSON.stringify(result));";
before(() => {
  app = project("runtimes", {
    files: {
      "esm.mjs": `import { auditLogEntrySchema } from "auditlog-wasm";\n${program}\n${print}`,
      "cjs.cjs": `const { auditLogEntrySchema } = require("auditlog-wasm");\n${program}\n${print}`,
    },
  });
});
after(() => app?.remove());

const outcome = (cmd, args) => JSON.parse(run(cmd, args, { cwd: app.dir }));

test("Node ESM: import, then validate synchronously", () => {
  assert.deepEqual(outcome(process.execPath, ["esm.mjs"]), expected);
});

test("Node CommonJS: require, then validate synchronously", () => {
  assert.deepEqual(outcome(process.execPath, ["cjs.cjs"]), expected);
});

test("Node: import and require in one process give the same names, and each one's errors are instances of the other's class", () => {
  write(
    app.dir,
    "both.mjs",
    `import { createRequire } from "node:module";
import * as esm from "auditlog-wasm";
const cjs = createRequire(import.meta.url)("auditlog-wasm");
const fromEsm = esm.auditLogEntrySchema.safeParse({}).error, fromCjs = cjs.auditLogEntrySchema.safeParse({}).error;
console.log(JSON.stringify({
  esmNames: Object.keys(esm).sort(), cjsNames: Object.keys(cjs).sort(),
  across: [fromEsm instanceof cjs.AuditLogError, fromCjs instanceof esm.AuditLogError],
  notErrors: [new Error("x") instanceof esm.AuditLogError, ({}) instanceof cjs.AuditLogError, null instanceof esm.AuditLogError],
}));`,
  );
  const { esmNames, cjsNames, across, notErrors } = outcome(process.execPath, ["both.mjs"]);
  assert.deepEqual(esmNames, cjsNames);
  assert.ok(esmNames.includes("auditLogEntrySchema"));
  assert.deepEqual(across, [true, true]);
  assert.deepEqual(notErrors, [false, false, false]);
});

test("every entry of the package exports the same names", () => {
  const installed = app.path("node_modules/auditlog-wasm");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  const entries = [...new Set(JSON.stringify(manifest.exports["."]).match(/\.\/[\w.-]+\.(m|c)?js/g))];
  assert.deepEqual(entries.sort(), ["./browser.js", "./edge.js", "./index.cjs", "./index.mjs", "./node.cjs", "./node.mjs"]);
  const exportsOf = (entry) => {
    // esbuild's metafile lists an ES module's exports; index.cjs is read through Node.
    if (entry.endsWith(".cjs")) return JSON.parse(run(process.execPath, ["-p", `JSON.stringify(Object.keys(require(${JSON.stringify(join(installed, entry))})))`], { cwd: app.dir })).sort();
    // node.mjs re-exports index.mjs's names, which esbuild lists only in a bundle: Node reads them.
    if (entry === "./node.mjs") return JSON.parse(run(process.execPath, ["--input-type=module", "-e", `console.log(JSON.stringify(Object.keys(await import(${JSON.stringify(join(installed, entry))}))))`], { cwd: app.dir })).sort();
    const { metafile } = buildSync({ entryPoints: [join(installed, entry)], write: false, metafile: true, outdir: "out", format: "esm", logLevel: "silent" });
    return Object.values(metafile.outputs)[0].exports.sort();
  };
  const names = exportsOf("./index.mjs");
  for (const entry of entries) assert.deepEqual(exportsOf(entry), names, entry);
});

test("Node, bundled into one file by esbuild and run from another folder: no path or file of the package is needed", () => {
  const elsewhere = mkdtempSync(join(tmpdir(), "auditlog-bundled-"));
  try {
    for (const [entry, format] of [["esm.mjs", "esm"], ["cjs.cjs", "cjs"]]) {
      const outfile = join(elsewhere, `${entry}.${format === "esm" ? "mjs" : "cjs"}`);
      buildSync({ entryPoints: [app.path(entry)], outfile, bundle: true, platform: "node", format, logLevel: "error" });
      assert.deepEqual(JSON.parse(run(process.execPath, [outfile], { cwd: elsewhere })), expected, entry);
    }
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

// validateNdjsonStream on worker threads: the one-thread report, and how many threads the process
// gained (the workers stay a few seconds for the next call: /proc/self/task lists them), where it
// may read that. The process must exit on its own.
const onWorkers = `
const { readdirSync } = require("node:fs");
const kinds = [JSON.stringify(${JSON.stringify(good)}), JSON.stringify(${JSON.stringify(broken)}), "{not json", "", "\\ufeff[]"];
const doc = new TextEncoder().encode(Array.from({ length: 3000 }, (_, i) => kinds[(i * 7) % kinds.length]).join("\\r\\n"));
const threads = () => { try { return readdirSync("/proc/self/task").length; } catch { return null; } };
(async () => {
  const before = threads();
  const report = await auditLogEntrySchema.validateNdjsonStream([doc], { workers: 2, batchBytes: 10000 });
  const after = threads();
  const same = JSON.stringify(report) === JSON.stringify(auditLogEntrySchema.validateNdjson(doc));
  console.log(JSON.stringify({ same, invalid: report.invalid, started: before === null || after === null ? null : after - before }));
})();
`;

test("validateNdjsonStream with workers: Node ESM, CommonJS and bundled by esbuild start them; Deno and Bun give the same report", () => {
  write(app.dir, "workers.mjs", `import { createRequire } from "node:module";\nimport { auditLogEntrySchema } from "auditlog-wasm";\nconst require = createRequire(import.meta.url);\n${onWorkers}`);
  write(app.dir, "workers.cjs", `const { auditLogEntrySchema } = require("auditlog-wasm");\n${onWorkers}`);
  const elsewhere = mkdtempSync(join(tmpdir(), "auditlog-bundled-"));
  try {
    const runs = { "Node ESM": [process.execPath, app.path("workers.mjs")], "Node CommonJS": [process.execPath, app.path("workers.cjs")] };
    for (const [entry, format] of [["workers.mjs", "esm"], ["workers.cjs", "cjs"]]) {
      const outfile = join(elsewhere, `bundled-${entry}`);
      buildSync({ entryPoints: [app.path(entry)], outfile, bundle: true, platform: "node", format, logLevel: "error" });
      runs[`esbuild ${format}`] = [process.execPath, outfile];
    }
    const answers = Object.fromEntries(Object.entries(runs).map(([name, [cmd, file]]) => [name, JSON.parse(run(cmd, [file], { cwd: elsewhere, timeout: 60_000 }))]));
    const invalid = 1800; // the broken entry, the line that is not JSON, the one with a byte-order mark: 600 each
    for (const [name, answer] of Object.entries(answers)) assert.deepEqual(answer, { same: true, invalid, started: 2 }, name);
    // Deno and Bun: the same report, on workers or on the calling thread.
    const deno = JSON.parse(run(tool("deno/bin.cjs"), ["run", "workers.mjs"], { cwd: app.dir, timeout: 60_000 }));
    const bun = JSON.parse(run(tool("bun/bin/bun.exe"), ["workers.mjs"], { cwd: app.dir, timeout: 60_000 }));
    console.log(`threads started: Deno ${deno.started}, Bun ${bun.started}`);
    assert.deepEqual({ ...deno, started: undefined }, { same: true, invalid, started: undefined });
    assert.deepEqual({ ...bun, started: undefined }, { same: true, invalid, started: undefined });
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test("Deno 2 (npm package deno): no permission flag", () => {
  assert.deepEqual(outcome(tool("deno/bin.cjs"), ["run", "esm.mjs"]), expected);
});

test("Bun (npm package bun): import and require", () => {
  const bun = tool("bun/bin/bun.exe");
  assert.deepEqual(outcome(bun, ["esm.mjs"]), expected);
  assert.deepEqual(outcome(bun, ["cjs.cjs"]), expected);
});

test("an engine without WebAssembly (node --no-expose-wasm, as React Native's Hermes): one clear error, from import and require", () => {
  for (const file of ["esm.mjs", "cjs.cjs"]) {
    let stderr = "";
    try {
      execFileSync(process.execPath, ["--no-expose-wasm", file], { cwd: app.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      stderr = error.stderr;
    }
    assert.match(stderr, /Error: auditlog-wasm: this JavaScript engine has no WebAssembly/, file);
    // The error comes from the package's first statement, not from inside the glue.
    assert.doesNotMatch(stderr, /ReferenceError|TypeError/, file);
  }
});
