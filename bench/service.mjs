// The service's writes (`auditlog serve`, release build with --features serve), from this second
// process over loopback: 32 concurrent clients POST platform records with one write key, for each
// sync mode (full: each commit on disk before the 201, the default; normal). Prints requests per
// second, p50 and p99 latency as the clients saw it, and what each write cost inside the service
// (its Server-Timing: validation, leaf, SQLite transaction; means and p99). Numbers only: it never
// fails on speed.
//   node bench/service.mjs [--writes 5000] [--clients 32]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { validRecord } from "../tests/js/generators.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { writes: { type: "string", default: "5000" }, clients: { type: "string", default: "32" } } });
const WRITES = Number(values.writes);
const CLIENTS = Number(values.clients);

execFileSync("cargo", ["build", "--quiet", "--release", "--features", "serve", "--bin", "auditlog"], { cwd: root, stdio: "inherit" });
const binary = join(root, "target/release/auditlog");

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;

async function run(sync) {
  const dir = mkdtempSync(join(tmpdir(), "auditlog-bench-service-"));
  const db = join(dir, "bench.db");
  const key = execFileSync(binary, ["keys", "create", "--db", db, "--workspace", "ws_01H", "--scope", "write"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  const child = spawn(binary, ["serve", "--db", db, "--addr", "127.0.0.1:0", "--sync", sync, "--server-timing", "--rate", "1000000", "--burst", "1000000"], {
    env: { ...process.env, RUST_LOG: "warn,auditlog::server=info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(seen);
      if (found) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`the service exited (${code}): ${seen}`)));
  });
  const records = Array.from({ length: WRITES }, (_, i) => JSON.stringify(validRecord("key.create", { display: `bench #${i}` })));
  const latencies = [];
  const parts = { validate: [], leaf: [], db: [] };
  let nextIndex = 0;
  const client = async () => {
    while (nextIndex < records.length) {
      const body = records[nextIndex++];
      const started = performance.now();
      const response = await fetch(`${url}/platform-records`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 201) throw new Error(`answered ${response.status}`);
      for (const [, name, dur] of (response.headers.get("server-timing") ?? "").matchAll(/(\w+);dur=([\d.]+)/g)) parts[name]?.push(Number(dur));
    }
  };
  // A warm-up that is not measured: connections, page cache.
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    const response = await fetch(`${url}/platform-records`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(validRecord("key.create", { display: `warm-up ${c}` })) });
    await response.arrayBuffer();
  }));
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("close", resolve));
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const cost = (name) => {
    const sorted = [...parts[name]].sort((a, b) => a - b);
    return `${name} ${mean(sorted).toFixed(3)} ms (p99 ${quantile(sorted, 0.99).toFixed(3)})`;
  };
  console.log(
    `service, sync=${sync}: ${WRITES} writes from ${CLIENTS} clients in ${seconds.toFixed(2)} s: ${Math.round(WRITES / seconds)} writes/s, ` +
      `latency p50 ${quantile(latencies, 0.5).toFixed(2)} ms, p99 ${quantile(latencies, 0.99).toFixed(2)} ms; ` +
      `inside each write: ${cost("validate")}, ${cost("leaf")}, ${cost("db")}`,
  );
}

console.log(`\nThe service's writes over loopback (bench/service.mjs): ${CLIENTS} concurrent clients, one write key, release build`);
for (const sync of ["full", "normal"]) await run(sync);
