// Helpers for the tests of the service (`auditlog serve`, built by `make server`): make API keys,
// start it (alone or with the browser demo, as `make demo` does) on free loopback ports with a
// database in a throw-away folder, and stop it (politely, or with SIGKILL).
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { launchChromium } from "./browser.mjs";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const serverBinary = join(root, "target/debug/auditlog");

/** A new API key (`auditlog keys create`) of `workspace` with `scope` in the database. */
export function createKey(database, workspace, scope = "write") {
  const made = spawnSync(serverBinary, ["keys", "create", "--db", database, "--workspace", workspace, "--scope", scope], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`auditlog keys create: ${made.error?.message ?? made.stderr}`);
  return made.stdout.trim();
}

/** Revokes a key (`auditlog keys revoke`). */
export function revokeKey(database, key) {
  const revoked = spawnSync(serverBinary, ["keys", "revoke", "--db", database, key.slice(0, 12)], { encoding: "utf8" });
  if (revoked.status !== 0) throw new Error(`auditlog keys revoke: ${revoked.stderr}`);
}

/** The headers of a request with `key`. */
export const bearer = (key, headers = {}) => ({ ...headers, authorization: `Bearer ${key}` });

/** A fresh folder for a database. */
// The folders of the databases made here, removed when the test process exits (its services are
// stopped by then).
const databaseFolders = [];
process.once("exit", () => databaseFolders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
export const freshDatabase = () => {
  const dir = mkdtempSync(join(tmpdir(), "auditlog-service-"));
  databaseFolders.push(dir);
  return join(dir, "auditlog.db");
};

/** Resolves when `pattern` appears in the child's stdout; rejects if it exits first. */
function waitFor(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk) => {
      seen += chunk;
      const match = pattern.exec(seen);
      if (match) {
        child.stdout.off("data", onData);
        resolve(match);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`)));
  });
}

/** Keeps everything a child writes, for assertions and for failure messages. */
function record(child) {
  const output = { text: "" };
  child.stdout.on("data", (chunk) => (output.text += chunk));
  child.stderr.on("data", (chunk) => (output.text += chunk));
  return output;
}

/** Stops a child with SIGTERM; resolves to its exit code once its output is closed. */
function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once("close", (code) => resolve(code));
      child.kill("SIGTERM");
    });
}

/** Stops a child with SIGKILL (no chance to finish anything); resolves once it is gone. */
function killer(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.signalCode);
      child.once("close", (_, signal) => resolve(signal));
      child.kill("SIGKILL");
    });
}

/**
 * Starts the service; resolves to `{ url, database, key, output, child, stop, kill }`. `key` is a
 * write key of the workspace `workspace` (made unless `key` is given; none when it is null).
 */
export async function startService({ database = freshDatabase(), env = {}, workspace = "ws_01H", key } = {}) {
  if (key === undefined) key = createKey(database, workspace, "write");
  const child = spawn(serverBinary, ["serve"], {
    env: { ...process.env, RUST_LOG: "info", AUDITLOG_ADDR: "127.0.0.1:0", AUDITLOG_DB: database, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = record(child);
  const [, url] = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, "the service");
  return { url, database, key, output, child, stop: stopper(child), kill: killer(child) };
}

/** Starts `make demo`'s pair (examples/serve-demo.mjs); resolves to `{ serviceUrl, pageUrl, stop }`. */
export async function startDemo({ database = freshDatabase() } = {}) {
  const child = spawn(process.execPath, [join(root, "examples/serve-demo.mjs"), "--service-port", "0", "--page-port", "0"], {
    env: { ...process.env, AUDITLOG_DB: database },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = record(child);
  const [, serviceUrl, key, pageUrl] = await waitFor(child, /The service: +(http:\/\/\S+)[\s\S]*The demo key: +(\S+)[\s\S]*The browser demo: (http:\/\/\S+)/, "the demo");
  return { serviceUrl, pageUrl, key, database, output, child, stop: stopper(child) };
}

/**
 * The demo (`startDemo`) and a Chromium for one test file: both started before its tests and stopped
 * after them (the demo must then exit 0). `openPage()` opens the page once it sees the service.
 */
export function demoInChromium() {
  const shared = {};
  before(async () => {
    shared.demo = await startDemo();
    shared.browser = await launchChromium();
  });
  after(async () => {
    await shared.browser?.close();
    const code = await shared.demo?.stop();
    assert.equal(code, 0, shared.demo?.output.text);
  });
  shared.openPage = async () => {
    const page = await shared.browser.newPage({ viewport: { width: 1100, height: 1000 } });
    page.errors = [];
    page.on("pageerror", (error) => page.errors.push(error.message));
    await page.goto(shared.demo.pageUrl);
    await page.waitForSelector("#service-status[data-up=true]");
    return page;
  };
  return shared;
}
