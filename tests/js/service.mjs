// Helpers for the tests of the example service (examples/server/, built by `make server`): start it
// (alone or with the browser demo, as `make demo` does) on free loopback ports with a database in a
// throw-away folder, and stop it.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const serverBinary = join(root, "target/debug/examples/server");

/** A fresh folder for a database. */
export const freshDatabase = () => join(mkdtempSync(join(tmpdir(), "auditlog-service-")), "auditlog.db");

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

/** Starts the service; resolves to `{ url, database, output, child, stop }`. */
export async function startService({ database = freshDatabase(), env = {} } = {}) {
  const child = spawn(serverBinary, [], {
    env: { ...process.env, RUST_LOG: "info", AUDITLOG_ADDR: "127.0.0.1:0", AUDITLOG_DB: database, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = record(child);
  const [, url] = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, "the service");
  return { url, database, output, child, stop: stopper(child) };
}

/** Starts `make demo`'s pair (examples/serve-demo.mjs); resolves to `{ serviceUrl, pageUrl, stop }`. */
export async function startDemo({ database = freshDatabase() } = {}) {
  const child = spawn(process.execPath, [join(root, "examples/serve-demo.mjs"), "--service-port", "0", "--page-port", "0"], {
    env: { ...process.env, AUDITLOG_DB: database },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = record(child);
  const [, serviceUrl, pageUrl] = await waitFor(child, /The service: +(http:\/\/\S+)[\s\S]*The browser demo: (http:\/\/\S+)/, "the demo");
  return { serviceUrl, pageUrl, database, output, child, stop: stopper(child) };
}
