// `make demo`'s last step: the service and the browser demo together. Makes a demo API key (a write
// key of the workspace `demo`, with `auditlog keys create`), starts the service (`auditlog serve`,
// built by `make server`), then Vite's preview of www/dist with `api/` proxied to the service, the
// proxy adding the demo key to each request (the page never holds it), prints both addresses, and
// stops both on Ctrl-C or SIGTERM (or when either stops), revoking the demo key.
//
//   node examples/serve-demo.mjs [--service-port 8080] [--page-port 5173] [--smoke]
//
// Port 0 picks free ports (the tests do). The database is AUDITLOG_DB (default target/demo/auditlog.db).
// --smoke (`DEMO_SMOKE=1 make demo`, which `make test` runs): once both answer, fetches the page and
// its scripts, posts one sample entry through the page's `api/` proxy, reads it back, and stops both;
// exit status 0 only if every step worked.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { preview } from "vite";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: { "service-port": { type: "string", default: "8080" }, "page-port": { type: "string", default: "5173" }, smoke: { type: "boolean", default: false } },
});
// The smoke run keeps its entry in a throw-away folder (database and signing key), removed at the end.
const scratch = values.smoke && process.env.AUDITLOG_DB === undefined ? mkdtempSync(join(tmpdir(), "auditlog-demo-smoke-")) : undefined;
const database = process.env.AUDITLOG_DB ?? (scratch ? join(scratch, "auditlog.db") : resolve(root, "target/demo/auditlog.db"));
mkdirSync(dirname(database), { recursive: true });

const binary = resolve(root, "target/debug/auditlog");
const keys = (...args) => spawnSync(binary, ["keys", ...args, "--db", database], { encoding: "utf8" });
const made = keys("create", "--workspace", "demo", "--scope", "write");
if (made.status !== 0) {
  console.error(`cannot make the demo key (is the service built? make server): ${made.error?.message ?? made.stderr}`);
  process.exit(1);
}
const demoKey = made.stdout.trim();

const service = spawn(binary, ["serve"], {
  env: { ...process.env, AUDITLOG_ADDR: `127.0.0.1:${values["service-port"]}`, AUDITLOG_DB: database },
  stdio: ["ignore", "pipe", "inherit"],
});
const serviceUrl = await new Promise((done, fail) => {
  let seen = "";
  service.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    seen += chunk;
    const address = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
    if (address) done(address[1]);
  });
  service.on("exit", (code) => fail(new Error(`the service stopped (exit ${code}) before listening; is it built? (make server)`)));
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});

const page = await preview({
  root: resolve(root, "www"),
  configFile: resolve(root, "www/vite.config.js"),
  logLevel: "warn",
  preview: {
    host: "127.0.0.1",
    port: Number(values["page-port"]),
    strictPort: true,
    proxy: { "/api": { target: serviceUrl, headers: { authorization: `Bearer ${demoKey}` }, rewrite: (path) => path.replace(/^\/api/, "") } },
  },
});
const pageUrl = page.resolvedUrls.local[0];
console.log(`\nThe service:      ${serviceUrl}  (POST/GET /audit-logs and /platform-records; its API: ${serviceUrl}/docs; database ${database})`);
console.log(`The demo key:     ${demoKey}  (a write key of the workspace demo, revoked when the demo stops)`);
console.log(`The browser demo: ${pageUrl}  (its forms send to the service through the page's proxy, which adds the demo key)`);
if (!values.smoke) console.log("Ctrl-C stops both.\n");

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const serviceClosed = new Promise((done) => (service.exitCode === null ? service.once("close", done) : done()));
  if (service.exitCode === null) service.kill("SIGTERM");
  await Promise.all([page.close(), serviceClosed]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  else keys("revoke", demoKey.slice(0, 12));
  process.exit(code);
}
// Vite's preview exits the process on SIGTERM by itself, which would leave the service running:
// this script stops both, the service gracefully.
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
process.on("exit", () => service.exitCode === null && service.kill("SIGTERM"));
service.on("exit", (code) => {
  if (!stopping) console.error(`the service stopped (exit ${code}); stopping the demo`);
  stop(code === 0 ? 0 : 1);
});

/** What a visitor's first minute does: the page and its scripts load, an entry goes through the page's proxy to the service and back. */
async function smoke() {
  const fetchOk = async (url, init) => {
    const response = await fetch(url, init);
    if (!response.ok && response.status !== 201) throw new Error(`${init?.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
    return response;
  };
  const html = await (await fetchOk(pageUrl)).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => new URL(match[1], pageUrl).href);
  if (scripts.length === 0) throw new Error(`the page at ${pageUrl} has no script`);
  for (const script of scripts) await fetchOk(script);
  const samples = JSON.parse(readFileSync(resolve(root, "examples/samples.json"), "utf8"));
  const entry = samples.find((sample) => sample.name.startsWith("example:")).entry;
  const created = await fetchOk(new URL("api/audit-logs", pageUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(entry) });
  if (created.status !== 201) throw new Error(`POST api/audit-logs answered ${created.status}, not 201`);
  const accepted = await created.json();
  const location = created.headers.get("location");
  const stored = await (await fetchOk(new URL(`api${location}`, pageUrl))).json();
  if (JSON.stringify(stored.data) !== JSON.stringify(accepted)) throw new Error(`${location} differs from what was accepted: ${JSON.stringify(stored.data)}`);
  // The service itself takes nothing without a key: the proxy's key is what let the entry in.
  const bare = await fetch(new URL("audit-logs", `${serviceUrl}/`), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(entry) });
  if (bare.status !== 401) throw new Error(`POST /audit-logs without a key answered ${bare.status}, not 401`);
  console.log(`smoke: the page and its ${scripts.length === 1 ? "script" : `${scripts.length} scripts`} load; the entry at ${location} went through the page's proxy (with the demo key) to the service and back; without a key the service answers 401`);
}
if (values.smoke) {
  smoke().then(
    () => stop(0),
    (error) => {
      console.error(`smoke: ${error.message}`);
      stop(1);
    },
  );
}
