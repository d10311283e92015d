// `auditlog-wasm/log` (pkg/log.mjs, pkg/log-browser.js) against a second implementation and against
// the Rust crate: canonical text against the `canonicalize` package (by an author of RFC 8785) on
// generated records, numbers included; the same canonical bytes, leaf hashes, roots, proofs and
// checkpoint in Node, headless Chromium and Rust (examples/log_vectors.rs) on shared generated
// logs; transparency-dev's published proofs; and verifiers that never throw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import canonicalizeReference from "canonicalize";
import * as log from "../../pkg/log.mjs";
import { platformEvents } from "../../pkg/index.mjs";
import { pageReport, serveStatic } from "./browser.mjs";
import { validRecord } from "./generators.mjs";
import { fixedSeed } from "./seeds.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const seed = fixedSeed("tests/js/log.test.mjs", 8785);
const hex = (bytes) => Buffer.from(bytes).toString("hex");
const fromBase64 = (text) => new Uint8Array(Buffer.from(text ?? "", "base64"));
const examples = JSON.parse(readFileSync(join(root, "tests/fixtures/open-types-examples.json"), "utf8"));

// Numbers where writing a double is hard: exponents, the 1e21 border, -0, subnormals, 2^53 + 1.
const hardNumber = fc.oneof(
  fc.constantFrom(0, -0, 1e21, 1e20, 999999999999999900000, 1e-6, 1e-7, 5e-324, -5e-324, 1.7976931348623157e308, 2 ** 53 + 1, 0.1 + 0.2, 333333333.3333333, 4.5, 1e30, 1e-27, 123456789012345680000),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, hardNumber, fc.string(), fc.boolean(), fc.constant(null), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), tie("value"), { maxKeys: 4 })),
})).value;
const shuffled = (object, order) => Object.fromEntries(Object.entries(object).sort(() => (order ? 1 : -1)));

const generatedRecord = fc
  .tuple(fc.constantFrom(...platformEvents), fc.dictionary(fc.string({ maxLength: 6 }), jsonish, { maxKeys: 5 }), fc.boolean())
  .map(([event, actorMeta, reverse]) => shuffled(validRecord(event, { actorMeta }), reverse));
const generatedEntry = fc
  .tuple(fc.constantFrom(...Object.values(examples.entries)), jsonish, jsonish, fc.boolean())
  .map(([entry, old, now, reverse]) => shuffled({ ...entry, changes: { field: { old, new: now } } }, reverse));

test("canonical text is the canonicalize package's, for records and entries with any JSON numbers", () => {
  fc.assert(
    fc.property(generatedRecord, (record) => {
      assert.equal(log.platformRecordSchema.canonicalize(record), canonicalizeReference(log.platformRecordSchema.parse(record)));
    }),
    { seed, numRuns: 500 },
  );
  fc.assert(
    fc.property(generatedEntry, (entry) => {
      assert.equal(log.auditLogEntrySchema.canonicalize(entry), canonicalizeReference(log.auditLogEntrySchema.parse(entry)));
    }),
    { seed, numRuns: 500 },
  );
});

test("canonicalize throws the schema's error for an invalid value, and refuses what JSON cannot hold", () => {
  assert.throws(() => log.platformRecordSchema.canonicalize({ event: "nope" }), (error) => error instanceof log.AuditLogError && error.issues.length > 0);
  const record = validRecord("key.create");
  assert.throws(() => log.platformRecordSchema.canonicalize({ ...record, actorMeta: { n: Infinity } }), log.AuditLogError);
  // An entry's changes may hold any value (as in Zod), but canonical JSON cannot hold Infinity.
  const entry = { ...examples.entries.update, changes: { n: { old: 1, new: Infinity } } };
  assert.equal(log.auditLogEntrySchema.safeParse(entry).success, true);
  assert.throws(() => log.auditLogEntrySchema.canonicalize(entry), { name: "TypeError", message: 'canonicalize: Infinity at "new" is not a JSON number' });
  assert.deepEqual(log.platformRecordSchema.leafHash(record), log.leafHash(log.platformRecordSchema.canonicalize(record)));
  const copy = structuredClone(record);
  log.platformRecordSchema.canonicalize(copy);
  assert.deepEqual(copy, record, "the caller's value is not changed");
});

/** The generated logs every implementation computes: records, then entries. */
const sharedLogs = {
  record: fc.sample(generatedRecord, { seed, numRuns: 37 }),
  entry: fc.sample(generatedEntry, { seed: seed + 1, numRuns: 21 }),
};
const ndjson = (values) => values.map((value) => JSON.stringify(value)).join("\n") + "\n";

/** What Rust computes for a log (examples/log_vectors.rs, built by `make server`). */
function rustVectors(kind) {
  const binary = join(root, "target/debug/examples/log_vectors");
  return JSON.parse(execFileSync(binary, [kind], { input: ndjson(sharedLogs[kind]), encoding: "utf8" }));
}

/** The same through the package, as plain JSON to compare (this function also runs in the page). */
function packageVectors(api, values, checkpoint, verifierKey) {
  const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const schema = values.kind === "record" ? api.platformRecordSchema : api.auditLogEntrySchema;
  const canonical = values.items.map((value) => schema.canonicalize(value));
  const leaves = canonical.map((text) => api.leafHash(text));
  const size = leaves.length, root = api.merkleRoot(leaves);
  const inclusion = leaves.map((_, i) => api.inclusionProof(leaves, i));
  const consistency = leaves.map((_, i) => api.consistencyProof(leaves, i + 1));
  const verified = inclusion.every((proof, i) => api.verifyInclusion({ leafHash: leaves[i], index: i, size, proof, root }).valid)
    && consistency.every((proof, i) => api.verifyConsistency({ size1: i + 1, size2: size, root1: api.merkleRoot(leaves.slice(0, i + 1)), root2: root, proof }).valid);
  const read = api.verifyCheckpoint(checkpoint, verifierKey);
  const text = values.items.map((value) => JSON.stringify(value)).join("\n");
  return {
    canonical,
    leaves: leaves.map(toHex),
    roots: Array.from({ length: size + 1 }, (_, n) => toHex(api.merkleRoot(leaves.slice(0, n)))),
    inclusion: inclusion.map((proof) => proof.map(toHex)),
    consistency: consistency.map((proof) => proof.map(toHex)),
    verified,
    checkpoint: read.valid ? { origin: read.checkpoint.origin, size: read.checkpoint.size, root: toHex(read.checkpoint.root) } : read,
    ndjsonRoot: toHex(schema.hashNdjson(text).root),
    ndjsonLeaves: schema.hashNdjson(text).leafHashes.map(toHex),
  };
}

const expectedOf = (rust) => ({
  canonical: rust.canonical,
  leaves: rust.leaves,
  roots: rust.roots,
  inclusion: rust.inclusion,
  consistency: rust.consistency,
  verified: true,
  checkpoint: { origin: "PeterNeumann", size: rust.leaves.length, root: rust.roots.at(-1) },
  ndjsonRoot: rust.roots.at(-1),
  ndjsonLeaves: rust.leaves,
});

test("Node gives Rust's canonical bytes, leaf hashes, roots, proofs and checkpoint reading", () => {
  for (const kind of ["record", "entry"]) {
    const rust = rustVectors(kind);
    assert.equal(rust.leaves.length, sharedLogs[kind].length);
    const node = packageVectors(log, { kind, items: sharedLogs[kind] }, rust.checkpoint, rust.verifierKey);
    assert.deepEqual(node, expectedOf(rust), kind);
  }
});

test("headless Chromium gives the same, through the browser entry served as files", async (t) => {
  const site = mkdtempSync(join(tmpdir(), "auditlog-log-page-"));
  t.after(() => rmSync(site, { recursive: true, force: true }));
  cpSync(join(root, "pkg"), site, { recursive: true });
  const rust = { record: rustVectors("record"), entry: rustVectors("entry") };
  writeFileSync(join(site, "vectors.json"), JSON.stringify({ logs: sharedLogs, rust: { record: { checkpoint: rust.record.checkpoint, key: rust.record.verifierKey }, entry: { checkpoint: rust.entry.checkpoint, key: rust.entry.verifierKey } } }));
  writeFileSync(
    join(site, "index.html"),
    `<!doctype html><link rel="icon" href="data:,"><pre id="result"></pre><script type="module">
      import * as api from "./log-browser.js";
      const packageVectors = ${packageVectors.toString()};
      const { logs, rust } = await (await fetch("./vectors.json")).json();
      const out = {};
      for (const kind of ["record", "entry"]) out[kind] = packageVectors(api, { kind, items: logs[kind] }, rust[kind].checkpoint, rust[kind].key);
      document.querySelector("#result").textContent = JSON.stringify(out);
    </script>`,
  );
  const server = await serveStatic(site);
  try {
    const { result, problems } = await pageReport(`${server.url}/index.html`, { timeout: 60_000 });
    assert.deepEqual(problems, []);
    for (const kind of ["record", "entry"]) assert.deepEqual(result[kind], expectedOf(rust[kind]), kind);
  } finally {
    await server.close();
  }
});

test("transparency-dev's published proofs: the happy paths verify, every mutated one is refused with a reason", () => {
  const data = JSON.parse(readFileSync(join(root, "tests/fixtures/merkle-testdata.json"), "utf8"));
  const counts = { accepted: 0, refused: 0 };
  for (const [name, c] of Object.entries(data.inclusion)) {
    const verdict = log.verifyInclusion({ leafHash: fromBase64(c.leafHash), index: c.leafIdx, size: c.treeSize, proof: (c.proof ?? []).map(fromBase64), root: fromBase64(c.root) });
    assert.equal(verdict.valid, !c.wantErr, `inclusion/${name}: ${verdict.reason}`);
    if (!verdict.valid) assert.match(verdict.reason, /\w/);
    counts[verdict.valid ? "accepted" : "refused"]++;
  }
  for (const [name, c] of Object.entries(data.consistency)) {
    const verdict = log.verifyConsistency({ size1: c.size1, size2: c.size2, root1: fromBase64(c.root1), root2: fromBase64(c.root2), proof: (c.proof ?? []).map(fromBase64) });
    // As in tests/log.rs: the one accepted case whose "don't care" roots are 12 bytes is refused for their length.
    const refusedForLength = name === "additional/sizes-are-equal-one-and-proof-is-empty.json";
    assert.equal(verdict.valid, !c.wantErr && !refusedForLength, `consistency/${name}: ${verdict.reason}`);
    if (refusedForLength) assert.equal(verdict.reason, "root1 is 12 bytes long, not 32");
    counts[verdict.valid ? "accepted" : "refused"]++;
  }
  assert.deepEqual(counts, { accepted: 11, refused: 185 });
  const leaves = data.leafInputs.map((input) => log.leafHash(new Uint8Array(Buffer.from(input, "hex"))));
  assert.deepEqual(data.rootHashes.map((_, n) => hex(log.merkleRoot(leaves.slice(0, n)))), data.rootHashes);
});

test("the verifiers answer every input with a verdict and never throw; producers throw clear errors", () => {
  fc.assert(
    fc.property(fc.anything(), fc.anything(), (a, b) => {
      for (const verdict of [log.verifyInclusion(a), log.verifyConsistency(a), log.verifyCheckpoint(a, b)]) {
        assert.equal(verdict.valid, false);
        assert.equal(typeof verdict.reason, "string");
      }
    }),
    { seed, numRuns: 300 },
  );
  const leaves = [1, 2, 3].map((n) => log.leafHash(String(n)));
  assert.throws(() => log.inclusionProof(leaves, 3), { name: "RangeError", message: "index 3 is not in a tree of size 3" });
  assert.throws(() => log.merkleRoot([new Uint8Array(31)]), { name: "TypeError", message: "leafHashes[0] is 31 bytes long, not 32" });
  assert.deepEqual(log.verifyInclusion({ leafHash: leaves[0], index: 0.5, size: 3, proof: [], root: leaves[0] }), { valid: false, reason: "index must be a whole number from 0 to 2^53 - 1" });
  // And the module still works after all of that.
  assert.equal(hex(log.merkleRoot([])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});

test("a tampered copy of a log is found at its first bad record, with consistency proofs only", async () => {
  const leaves = sharedLogs.record.map((r) => log.platformRecordSchema.leafHash(r));
  const size = leaves.length, root = log.merkleRoot(leaves);
  const proofs = (k) => log.consistencyProof(leaves, k);
  assert.equal(await log.findFirstDifference({ leafHashes: leaves, size, root, consistencyProof: proofs }), null);
  const changed = [...leaves];
  changed[17] = log.leafHash("not the record");
  assert.equal(await log.findFirstDifference({ leafHashes: changed, size, root, consistencyProof: proofs }), 17);
  assert.equal(await log.findFirstDifference({ leafHashes: leaves.toSpliced(9, 1), size, root, consistencyProof: proofs }), 9);
  assert.equal(await log.findFirstDifference({ leafHashes: [...leaves, leaves[0]], size, root, consistencyProof: proofs }), size);
});
