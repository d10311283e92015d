// The packed npm package, installed from its tarball into throw-away projects, works with no set-up
// code in each environment it promises: Node ESM, Node CommonJS, a Vite production build and a plain
// <script type="module"> page (both in headless Chromium); and its types match seed 003's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { auditLogEntrySchema as zodEntrySchema } from "./zod-reference.mjs";
import { launchChromium, serveStatic } from "./browser.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const seed = JSON.parse(readFileSync(join(repo, "tests/fixtures/seed-examples.json"), "utf8"));
const broken = { ...seed.entries.update, id: "", timestamp: "2026-05-16T18:30:00+02:00", changes: { a: 1 } };
const expected = {
  ok: true,
  issues: zodEntrySchema.safeParse(broken).error.issues,
};

// The program every environment runs: validate a good and a broken entry, print both verdicts.
const program = `
const good = ${JSON.stringify(seed.entries.update)};
const broken = ${JSON.stringify(broken)};
const result = { ok: auditLogEntrySchema.safeParse(good).success, issues: auditLogEntrySchema.safeParse(broken).error.issues };
`;

let project;
const run = (cmd, args, cwd = project) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

before(() => {
  project = mkdtempSync(join(tmpdir(), "auditlog-pkg-"));
  const tarball = run("npm", ["pack", join(repo, "pkg"), "--pack-destination", project, "--silent"], repo).trim().split("\n").pop();
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", join(project, tarball)]);
});

after(() => rmSync(project, { recursive: true, force: true }));

test("Node ESM: import, then validate synchronously", () => {
  writeFileSync(join(project, "esm.mjs"), `import { auditLogEntrySchema } from "auditlog-wasm";\n${program}\nconsole.log(JSON.stringify(result));`);
  assert.deepEqual(JSON.parse(run("node", ["esm.mjs"])), expected);
});

test("Node CommonJS: require, then validate synchronously", () => {
  writeFileSync(join(project, "cjs.cjs"), `const { auditLogEntrySchema } = require("auditlog-wasm");\n${program}\nconsole.log(JSON.stringify(result));`);
  assert.deepEqual(JSON.parse(run("node", ["cjs.cjs"])), expected);
});

test("Node: import and require share one instance, one error class and the same names", () => {
  writeFileSync(
    join(project, "both.mjs"),
    `import { createRequire } from "node:module";
import * as esm from "auditlog-wasm";
const cjs = createRequire(import.meta.url)("auditlog-wasm");
console.log(JSON.stringify([esm.AuditLogError === cjs.AuditLogError, esm.auditLogEntrySchema === cjs.auditLogEntrySchema, Object.keys(esm).sort(), Object.keys(cjs).sort()]));`,
  );
  const [sameError, sameSchema, esmNames, cjsNames] = JSON.parse(run("node", ["both.mjs"]));
  assert.deepEqual([sameError, sameSchema], [true, true]);
  // node.mjs lists the names of node.cjs by hand: the two lists must not drift apart.
  assert.deepEqual(esmNames, cjsNames);
  assert.ok(esmNames.includes("auditLogEntrySchema"));
});

test("TypeScript: the declarations mean seed 003's types, through import and require", () => {
  cpSync(join(repo, "tests/types"), join(project, "types"), { recursive: true });
  writeFileSync(
    join(project, "types/tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", skipLibCheck: false, types: [] },
      include: ["*.ts", "*.cts"],
    }),
  );
  // tsc exits non-zero, and execFileSync throws with its report, on any type error.
  run(join(repo, "node_modules/.bin/tsc"), ["-p", join(project, "types/tsconfig.json")]);
});

async function pageResult(root, path) {
  const server = await serveStatic(root);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}${path}`);
    const text = await page.waitForFunction(() => document.querySelector("#result")?.textContent, null, { timeout: 20_000 });
    assert.deepEqual(errors, []);
    return JSON.parse(await text.jsonValue());
  } finally {
    await browser.close();
    await server.close();
  }
}

const pageScript = (specifier) => `import { auditLogEntrySchema } from "${specifier}";\n${program}\ndocument.querySelector("#result").textContent = JSON.stringify(result);`;

test("Vite production build: import and validate in Chromium, no plugin, no init call", async () => {
  const app = join(project, "vite-app");
  mkdirSync(app);
  writeFileSync(join(app, "index.html"), `<!doctype html><html><body><pre id="result"></pre><script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(app, "main.js"), pageScript("auditlog-wasm"));
  run("node", [join(repo, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "error"], app);
  assert.deepEqual(await pageResult(join(app, "dist"), "/index.html"), expected);
});

test("plain <script type=module> page with an import map, in Chromium", async () => {
  const page = join(project, "plain");
  mkdirSync(page);
  writeFileSync(
    join(page, "index.html"),
    `<!doctype html><html><body><pre id="result"></pre>
<script type="importmap">{ "imports": { "auditlog-wasm": "/node_modules/auditlog-wasm/browser.js" } }</script>
<script type="module">${pageScript("auditlog-wasm")}</script></body></html>`,
  );
  assert.deepEqual(await pageResult(project, "/plain/index.html"), expected);
});
