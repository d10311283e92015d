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
import { expected, program, project, run, tool, write } from "./project.mjs";

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
  assert.deepEqual(entries.sort(), ["./browser.js", "./edge.js", "./index.cjs", "./index.mjs"]);
  const exportsOf = (entry) => {
    // esbuild's metafile lists an ES module's exports; index.cjs is read through Node.
    if (entry.endsWith(".cjs")) return JSON.parse(run(process.execPath, ["-p", `JSON.stringify(Object.keys(require(${JSON.stringify(join(installed, entry))})))`], { cwd: app.dir })).sort();
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
