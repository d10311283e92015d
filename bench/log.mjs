// The tamper-evident log's pipeline on an export of 1,000,000 valid platform records (`make bench`
// runs it after bench.mjs): validate, canonicalize (RFC 8785), leaf-hash, Merkle root (RFC 9162).
//   - natively: examples/log_pipeline.rs, release build;
//   - the package: platformRecordSchema.hashNdjson(bytes) (auditlog-wasm/log);
//   - JS peers: JSON.parse + Zod's safeParse + the `canonicalize` package + @noble/hashes sha256,
//     and the same with WebCrypto's subtle.digest;
// then verifying one inclusion proof in a log of 1,000,000 records, in Node and in Chromium.
// Every root is checked equal to the others. Numbers only: it never fails on speed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, cpSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha256";
import * as log from "../pkg/log.mjs";
import { validRecord } from "../tests/js/generators.mjs";
import { auditLogReference } from "../tests/js/zod-reference.mjs";
import { pageReport, serveStatic } from "../tests/js/browser.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const COUNT = Number(process.env.LOG_BENCH_RECORDS ?? 1_000_000);
const events = ["key.create", "role.update", "workspace.update", "authorization.connect_role_and_key", "api.delete"];
const lines = Array.from({ length: COUNT }, (_, i) => JSON.stringify(validRecord(events[i % events.length], { display: `record ${i}` })));
const text = lines.join("\n") + "\n";
const bytes = new TextEncoder().encode(text);
const dir = mkdtempSync(join(tmpdir(), "auditlog-log-bench-"));
const file = join(dir, "records.ndjson");
writeFileSync(file, bytes);
const hex = (b) => Buffer.from(b).toString("hex");
const mb = (bytes.length / 1e6).toFixed(0);
console.log(`\nThe log pipeline on ${COUNT.toLocaleString("en")} valid platform records (${mb} MB of NDJSON): validate, canonicalize, leaf-hash, root`);

const timed = async (f) => {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
};

// Native: the release build of the example, which times itself (reading the file excluded), on one
// thread and on one per core.
execFileSync("cargo", ["build", "--quiet", "--release", "--example", "log_pipeline", "--features", "log"], { cwd: root, stdio: "inherit" });
const runNative = (jobs) => {
  const out = execFileSync(join(root, "target/release/examples/log_pipeline"), [file, "platform", String(jobs)], { encoding: "utf8" });
  return { root: /root (\w+)/.exec(out)[1], ms: Number(/seconds ([\d.]+)/.exec(out)[1]) * 1000 };
};
const cores = availableParallelism();
const native1 = runNative(1);
const native = runNative(cores);

// Each JS contender runs once on the first tenth of the records before it is timed, so that the
// timing is of optimized code (V8 first runs wasm and JS with its baseline compilers).
const warmUpLines = lines.slice(0, Math.max(1000, COUNT / 10));
const warmUp = new TextEncoder().encode(warmUpLines.join("\n") + "\n");
log.platformRecordSchema.hashNdjson(warmUp);
const ours = await timed(() => log.platformRecordSchema.hashNdjson(bytes));

/** The Merkle root of leaf hashes with a node-hash function (RFC 9162: split at the largest power of 2 below n). */
function merkleRootWith(leaves, nodeHash) {
  const level = (from, to) => {
    if (to - from === 1) return leaves[from];
    let k = 1;
    while (k * 2 < to - from) k *= 2;
    return nodeHash(level(from, from + k), level(from + k, to));
  };
  return leaves.length ? level(0, leaves.length) : sha256(new Uint8Array());
}
const encoder = new TextEncoder();
const prefixed = (prefix, ...parts) => {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let at = 1;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};
const canonicalLines = (ndjson = text) =>
  ndjson.split("\n").filter((line) => line !== "").map((line) => {
    const result = auditLogReference.safeParse(JSON.parse(line));
    return result.success ? encoder.encode(canonicalize(result.data)) : null;
  }).filter(Boolean);
const warmUpText = warmUpLines.join("\n");
merkleRootWith(canonicalLines(warmUpText).map((c) => sha256(prefixed(0, c))), (l, r) => sha256(prefixed(1, l, r)));
await Promise.all(canonicalLines(warmUpText).map((c) => globalThis.crypto.subtle.digest("SHA-256", prefixed(0, c))));
const noble = await timed(() => merkleRootWith(canonicalLines().map((c) => sha256(prefixed(0, c))), (l, r) => sha256(prefixed(1, l, r))));
const subtle = globalThis.crypto.subtle;
const digest = async (data) => new Uint8Array(await subtle.digest("SHA-256", data));
const webcrypto = await timed(async () => {
  const leaves = await Promise.all(canonicalLines().map((c) => digest(prefixed(0, c))));
  // Node hashes need their children first: one level at a time.
  const level = async (from, to) => {
    if (to - from === 1) return leaves[from];
    let k = 1;
    while (k * 2 < to - from) k *= 2;
    const [l, r] = await Promise.all([level(from, from + k), level(from + k, to)]);
    return digest(prefixed(1, l, r));
  };
  return level(0, leaves.length);
});

const roots = new Set([native1.root, native.root, hex(ours.value.root), hex(noble.value), hex(webcrypto.value)]);
if (roots.size !== 1 || ours.value.size !== COUNT) throw new Error(`the roots differ: ${[...roots]}`);
const row = (name, ms) => `| ${name} | ${(ms / 1000).toFixed(2)} s | ${((bytes.length / 1e6) / (ms / 1000)).toFixed(0)} MB/s | ${(noble.ms / ms).toFixed(2)}x | ${(webcrypto.ms / ms).toFixed(2)}x |`;
console.log("\n| pipeline | time | throughput | vs JSON.parse + Zod + canonicalize + noble | vs the same with WebCrypto |\n|---|---|---|---|---|");
console.log(row("native Rust (examples/log_pipeline.rs), 1 thread", native1.ms));
console.log(row(`native Rust, ${cores} threads (\`leaves_of_ndjson_parallel\`)`, native.ms));
console.log(row("the package in Node: `platformRecordSchema.hashNdjson(bytes)`", ours.ms));
console.log(row("JSON.parse + Zod + `canonicalize` + @noble/hashes", noble.ms));
console.log(row("JSON.parse + Zod + `canonicalize` + WebCrypto", webcrypto.ms));
console.log(`(every root: ${[...roots][0]})`);
const perMillion = (ms) => (ms * 1e6) / COUNT / 1000;
const fastestPeer = Math.min(noble.ms, webcrypto.ms);
const verdict = (met) => (met ? "met" : "NOT met");
console.log(`target: natively under 2 s for 1,000,000 records: ${perMillion(native.ms).toFixed(2)} s on ${cores} threads (${perMillion(native1.ms).toFixed(2)} s on 1): ${verdict(perMillion(native.ms) < 2)}`);
console.log(`target: the package at least 3x the fastest JS peer: ${(fastestPeer / ours.ms).toFixed(2)}x: ${verdict(fastestPeer / ours.ms >= 3)}`);

// One inclusion proof in a log of COUNT records: the leaves above, the last record's proof.
const leaves = ours.value.leafHashes;
const claim = { leafHash: leaves[COUNT - 1], index: COUNT - 1, size: COUNT, proof: log.inclusionProof(leaves, COUNT - 1), root: ours.value.root };
const ROUNDS = 20_000;
const verifyLoop = () => {
  let valid = 0;
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) valid += log.verifyInclusion(claim).valid ? 1 : 0;
  return { us: ((performance.now() - start) * 1000) / ROUNDS, valid };
};
verifyLoop();
const inNode = verifyLoop();
const site = mkdtempSync(join(tmpdir(), "auditlog-log-bench-page-"));
cpSync(join(root, "pkg"), site, { recursive: true });
const plain = { ...claim, leafHash: [...claim.leafHash], root: [...claim.root], proof: claim.proof.map((h) => [...h]) };
writeFileSync(join(site, "index.html"), `<!doctype html><link rel="icon" href="data:,"><pre id="result"></pre><script type="module">
  import { verifyInclusion } from "./log-browser.js";
  const c = ${JSON.stringify(plain)};
  const claim = { ...c, leafHash: new Uint8Array(c.leafHash), root: new Uint8Array(c.root), proof: c.proof.map((h) => new Uint8Array(h)) };
  const loop = () => { let valid = 0; const start = performance.now(); for (let i = 0; i < ${ROUNDS}; i++) valid += verifyInclusion(claim).valid ? 1 : 0; return { us: (performance.now() - start) * 1000 / ${ROUNDS}, valid }; };
  loop();
  document.querySelector("#result").textContent = JSON.stringify(loop());
</script>`);
const server = await serveStatic(site);
const { result: inBrowser, problems } = await pageReport(`${server.url}/index.html`, { timeout: 120_000 });
await server.close();
rmSync(site, { recursive: true, force: true });
rmSync(dir, { recursive: true, force: true });
if (problems.length || inNode.valid !== ROUNDS || inBrowser?.valid !== ROUNDS) throw new Error(`inclusion proofs did not verify: ${problems}`);
console.log(`\n| verifyInclusion, log of ${COUNT.toLocaleString("en")} records (${claim.proof.length} hashes) | mean of ${ROUNDS.toLocaleString("en")} |\n|---|---|`);
console.log(`| Node | ${inNode.us.toFixed(2)} µs |\n| headless Chromium (performance.now() is coarsened there) | ${inBrowser.us.toFixed(2)} µs |`);
console.log(`target: verifyInclusion under 50 µs in Node and in the browser: ${verdict(inNode.us < 50 && inBrowser.us < 50)}`);
