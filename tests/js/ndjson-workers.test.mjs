// validateNdjsonStream(source, { workers }) against the one-thread report: the same report, key
// order included, on documents made to put every kind of line at the pieces' borders (pieces of
// one line each, pieces shorter than a line, cuts at random bytes); then the workers' life: the
// process exits without closing anything, a failed worker rejects the call, and where workers
// cannot start the calling thread checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import * as ours from "../../pkg/node.mjs";
import * as log from "../../pkg/log-node.mjs";
import { validRecord } from "./generators.mjs";
import { fixedSeed } from "./seeds.mjs";

const seed = fixedSeed("tests/js/ndjson-workers.test.mjs", 20261206);
const root = fileURLToPath(new URL("../..", import.meta.url));
const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url));
const entries = ours.auditLogEntrySchema;
const text = (report) => JSON.stringify(report);
const encode = (s) => new TextEncoder().encode(s);

/** The report of `bytes` on `workers` threads, in pieces of about `batchBytes`, from `chunks` of it. */
async function onWorkers(schema, bytes, { workers = 2, batchBytes, chunks = [bytes] } = {}) {
  return schema.validateNdjsonStream(chunks, { workers, batchBytes });
}

/** Asserts the workers' report of `bytes` is the one-thread report, for each way of piecing it. */
async function sameReport(schema, bytes, label, ways = [{}, { batchBytes: 1 }, { batchBytes: 7 }]) {
  const expected = text(schema.validateNdjson(bytes));
  for (const way of ways) assert.equal(text(await onWorkers(schema, bytes, way)), expected, `${label}: ${JSON.stringify({ ...way, chunks: undefined })}`);
  return JSON.parse(expected);
}

const good = sample.toString("utf8").split("\n").find((line) => entries.safeParse(JSON.parse(line)).success);
const bad = JSON.stringify({ ...JSON.parse(good), id: "", timestamp: "yesterday" });

test("workers: the shipped sample gets the one-thread report, in one piece, in many, and in chunks of any size", async () => {
  const report = await sameReport(entries, sample, "sample", [{}, { batchBytes: 1 }, { batchBytes: 1000 }, { batchBytes: 50_000, workers: 3 }, { workers: 1 }]);
  assert.ok(report.total === 5001 && report.invalid > 300, `${report.total} lines, ${report.invalid} invalid`);
  // Four copies (more than one piece of the default 1 MiB), from a file's stream of 64 KiB chunks.
  const four = Buffer.concat([sample, Buffer.from("\n"), sample, Buffer.from("\n"), sample, Buffer.from("\n"), sample]);
  const { Readable } = await import("node:stream");
  const chunks = Readable.from(Array.from({ length: Math.ceil(four.length / 65536) }, (_, i) => four.subarray(i * 65536, (i + 1) * 65536)));
  assert.equal(text(await entries.validateNdjsonStream(chunks, { workers: 2 })), text(entries.validateNdjson(four)));
  // Text chunks are read as UTF-8, as on one thread.
  const lines = sample.toString("utf8").split("\n");
  assert.equal(text(await entries.validateNdjsonStream(lines.map((line) => `${line}\n`), { workers: 2, batchBytes: 10_000 })), text(entries.validateNdjson(`${lines.join("\n")}\n`)));
});

test("workers: borders of pieces at every kind of line (invalid, not JSON, CRLF, byte-order marks, blank, longer than a piece, last without \\n)", async () => {
  const long = JSON.stringify({ ...JSON.parse(bad), actor_meta: { note: "x".repeat(3 << 20) } });
  const kinds = [good, bad, "{not json", `${good}\r`, `${bad}\r`, "", "   ", "\r", `\ufeff${good}`, `\ufeff${bad}`, "\ufeff", "[]", "null", `{"id":"é😀","action":"read"}`];
  // Each kind at the start of the file and after each other kind: with pieces of one line, every
  // line starts a piece and ends the one before.
  const all = kinds.flatMap((a) => kinds.map((b) => `${a}\n${b}`)).join("\n");
  for (const [label, doc] of [
    ["every pair", all],
    ["byte-order mark first", `\ufeff${all}`],
    ["two byte-order marks first", `\ufeff\ufeff${all}`],
    ["CRLF throughout", all.replaceAll("\n", "\r\n")],
    ["final newline", `${all}\n`],
    ["blank lines last", `${all}\n\n \n\n`],
    ["a line longer than 3 pieces", `${good}\n${long}\n${bad}\n${long}`],
  ]) {
    await sameReport(entries, encode(doc), label, [{}, { batchBytes: 1 }, { batchBytes: 100 }, { batchBytes: 1 << 20, workers: 3 }]);
  }
  // A border exactly at a line end: pieces of exactly the line's length, and one byte more and less.
  const line = `${bad}\n`;
  const same = encode(line.repeat(50));
  for (const batchBytes of [line.length - 1, line.length, line.length + 1, 2 * line.length]) await sameReport(entries, same, `pieces of ${batchBytes}`, [{ batchBytes }]);
  // Invalid UTF-8 bytes, as on one thread.
  const broken = encode(`${good}\n${bad}\n${good}`);
  broken[good.length + 3] = 0xff;
  await sameReport(entries, broken, "invalid UTF-8");
});

test("workers: issues are plain data built from the workers' answers, each line's own", async () => {
  // auditlog-wasm/log's calling thread runs another module than the workers: the answers' static
  // strings are read from what the workers sent, not from this thread's module.
  for (const schema of [entries, log.auditLogEntrySchema]) {
    const report = await schema.validateNdjsonStream([sample], { workers: 2, batchBytes: 100_000 });
    // Other calls on both threads before any issue is read.
    await schema.validateNdjsonStream([encode(`${bad}\n{"id":1}\n`)], { workers: 2 });
    schema.validateNdjson(`${bad}\n{\n`);
    const expected = schema.validateNdjson(sample);
    assert.ok(report.lines.some((line) => line.issues[0].code === "invalid_json"), "lines checked in JavaScript come too");
    for (const [i, line] of report.lines.entries()) {
      const descriptor = Object.getOwnPropertyDescriptor(line, "issues");
      assert.ok(Array.isArray(descriptor.value) && descriptor.writable && descriptor.enumerable);
      assert.deepEqual(line, expected.lines[i]);
    }
    assert.equal(text(report), text(expected));
    // Lines that fail alike share no object.
    const alike = report.lines.filter((line) => JSON.stringify(line.issues) === JSON.stringify(report.lines[0].issues));
    assert.ok(alike.length >= 3, `${alike.length} lines alike`);
    alike[0].issues[0].path.push("changed");
    alike[1].issues.length = 0;
    assert.equal(JSON.stringify(alike[2].issues), JSON.stringify(expected.lines[report.lines.indexOf(alike[2])].issues));
  }
});

test("workers: empty inputs", async () => {
  const empty = text(entries.validateNdjson(""));
  for (const chunks of [[], [""], [new Uint8Array(0)], [new Uint8Array(0), ""], ["\n"], ["\ufeff"], ["\r\n\r\n"]]) {
    const expected = text(entries.validateNdjson(chunks.join("")));
    assert.equal(text(await entries.validateNdjsonStream(chunks, { workers: 2 })), expected, JSON.stringify(chunks));
    if (chunks.join("") === "") assert.equal(expected, empty);
  }
});

test("workers: documents cut at random bytes, pieced at random sizes, get the one-thread report", async () => {
  const kinds = [good, bad, "{", `${good}\r`, "", " ", `\ufeff${bad}`, '{"id":"\\u0000","action":"x"}'];
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...kinds), { maxLength: 40 }),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 5 }),
      fc.integer({ min: 1, max: 2000 }),
      fc.integer({ min: 1, max: 3 }),
      async (lines, bom, cuts, batchBytes, workers) => {
        const bytes = encode((bom ? "\ufeff" : "") + lines.join("\n"));
        const at = [...new Set(cuts.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((start, i) => bytes.slice(start, at[i] ?? bytes.length));
        assert.equal(text(await onWorkers(entries, bytes, { workers, batchBytes, chunks })), text(entries.validateNdjson(bytes)));
      },
    ),
    { numRuns: 150, seed, endOnFailure: true },
  );
});

test("workers: every schema, the log's entry, and the CommonJS entry", async () => {
  const records = [validRecord("key.create"), { ...validRecord("role.create"), resources: [] }, validRecord("workspace.update"), { event: "nope" }].map((r) => JSON.stringify(r));
  const recordDoc = encode(Array.from({ length: 200 }, (_, i) => records[i % records.length]).join("\n"));
  const recordReport = await sameReport(ours.platformRecordSchema, recordDoc, "platform records");
  assert.ok(recordReport.valid > 0 && recordReport.invalid > 0);
  await sameReport(ours.auditLogActionSchema, encode('"read"\n"write"\n\n"delete"\n1'), "actions");
  await sameReport(ours.auditLogChangeSchema, encode('{"old":1}\n[]\n{}'), "changes");
  await sameReport(log.auditLogEntrySchema, sample, "auditlog-wasm/log", [{ batchBytes: 100_000 }]);
  await sameReport(log.platformRecordSchema, recordDoc, "auditlog-wasm/log records", [{ batchBytes: 1000 }]);
  const cjs = createRequire(import.meta.url)("../../pkg/node.cjs");
  await sameReport(cjs.auditLogEntrySchema, sample, "index.cjs", [{ batchBytes: 100_000 }]);
});

test("workers: progress, bad options, a source that fails while pieces are checked", async () => {
  const progress = [];
  const report = await entries.validateNdjsonStream([sample.subarray(0, 300_000), sample.subarray(300_000)], { workers: 2, batchBytes: 50_000, onProgress: (p) => progress.push(p) });
  assert.deepEqual(report, entries.validateNdjson(sample));
  assert.ok(progress.every((p, i) => i === 0 || (p.bytes >= progress[i - 1].bytes && p.lines >= progress[i - 1].lines)));
  // The last report is the one a thread gives: every byte, every line.
  const oneThread = [];
  await entries.validateNdjsonStream([sample], { onProgress: (p) => oneThread.push(p) });
  assert.deepEqual(progress.at(-1), oneThread.at(-1));
  assert.deepEqual(progress.at(-1), { bytes: sample.length, lines: 5001 });
  const unfinished = [];
  await entries.validateNdjsonStream([sample.subarray(0, -40)], { workers: 2, onProgress: (p) => unfinished.push(p) });
  assert.deepEqual(unfinished.at(-1), { bytes: sample.length - 40, lines: 5001 });
  for (const workers of [-1, 1.5, "2", Infinity]) await assert.rejects(entries.validateNdjsonStream([sample], { workers }), RangeError);
  await assert.rejects(entries.validateNdjsonStream(42, { workers: 2 }), TypeError);
  async function* failing() {
    for (let i = 0; i < 4; i++) yield sample;
    throw new Error("disk on fire");
  }
  await assert.rejects(entries.validateNdjsonStream(failing(), { workers: 2, batchBytes: 10_000 }), /disk on fire/);
  await assert.rejects(entries.validateNdjsonStream([sample, 7], { workers: 2, batchBytes: 10_000 }), /a chunk must be bytes or text, not number/);
  // The workers are still good for the next call.
  assert.deepEqual(await entries.validateNdjsonStream([sample], { workers: 2 }), entries.validateNdjson(sample));
});

test("workers: only Node's entries carry the workers' code; the portable entry checks on the calling thread", async () => {
  for (const file of ["index.mjs", "index.cjs", "log.mjs", "log.cjs", "browser.js", "log-browser.js", "edge.js"]) {
    assert.doesNotMatch(readFileSync(new URL(`../../pkg/${file}`, import.meta.url), "utf8"), /worker_threads/, file);
  }
  const portable = await import("../../pkg/index.mjs");
  assert.equal(portable.auditLogEntrySchema, entries, "node.mjs gives index.mjs's schemas");
  const manifest = JSON.parse(readFileSync(new URL("../../pkg/package.json", import.meta.url), "utf8"));
  assert.deepEqual(manifest.exports["."].node, { import: "./node.mjs", require: "./node.cjs" });
  assert.deepEqual(manifest.exports["./log"].node, { import: "./log-node.mjs", require: "./log-node.cjs" });
});

/** Runs an ES module in a fresh Node process, from the repository's root. */
const runNode = (code, flags = []) => spawnSync(process.execPath, [...flags, "--input-type=module", "-e", code], { cwd: root, encoding: "utf8", timeout: 60_000 });

test("workers: the process exits on its own after a call, and while workers are idle none keeps it alive", () => {
  // The last statement prints when it ran; the workers stay for the next call, but must not hold
  // the process until they end: it exits as soon as the script is done. The threads the process
  // gained (/proc/self/task lists them) show the workers did start, `--input-type=module` (which
  // runNode passes, and workers inherit) notwithstanding.
  const code = `
    import { readFileSync, readdirSync } from "node:fs";
    import { availableParallelism } from "node:os";
    const { auditLogEntrySchema } = await import("./pkg/node.mjs");
    const bytes = readFileSync("www/public/samples/entries-5000.ndjson");
    const threads = () => readdirSync("/proc/self/task").length;
    const before = threads();
    const report = await auditLogEntrySchema.validateNdjsonStream([bytes], { workers: 2, batchBytes: 100_000 });
    const started = threads() - before, expected = Math.min(2, availableParallelism());
    // Asked for more threads than cores, it starts no more than the cores.
    const many = await auditLogEntrySchema.validateNdjsonStream([bytes], { workers: 64, batchBytes: 100_000 });
    const capped = threads() - before <= availableParallelism();
    const same = [report, many].every((r) => JSON.stringify(r) === JSON.stringify(auditLogEntrySchema.validateNdjson(bytes)));
    console.log(JSON.stringify({ same, started, expected, capped, done: performance.timeOrigin + performance.now() }));
  `;
  const run = runNode(code);
  const exited = performance.timeOrigin + performance.now();
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.same, true);
  assert.ok(out.started >= out.expected, `the process gained ${out.started} threads, not the ${out.expected} workers asked for`);
  assert.equal(out.capped, true, "more workers than cores");
  // Workers that kept it alive would end after 5 s idle (src/js/ndjson-threads.js, IDLE_MS).
  assert.ok(exited - out.done < 3000, `the process exited ${(exited - out.done).toFixed(0)} ms after its last statement`);
});

test("workers: where workers cannot start (Node's permission model), the calling thread checks", () => {
  const code = `
    import { readFileSync } from "node:fs";
    const { auditLogEntrySchema } = await import("./pkg/node.mjs");
    const bytes = readFileSync("www/public/samples/entries-5000.ndjson");
    const report = await auditLogEntrySchema.validateNdjsonStream([bytes], { workers: 2 });
    console.log(JSON.stringify({ allowed: process.permission.has("worker"), same: JSON.stringify(report) === JSON.stringify(auditLogEntrySchema.validateNdjson(bytes)) }));
  `;
  const run = runNode(code, ["--experimental-permission", `--allow-fs-read=*`]);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)), { allowed: false, same: true });
});

test("workers: a worker that fails rejects the call with a clear error; one that cannot start gives no lease", async () => {
  const { workerPool } = await import("../../target/pkg-build/ndjson-threads.js");
  const module = new WebAssembly.Module(readFileSync(new URL("../../pkg/auditlog_wasm_server_bg.wasm", import.meta.url)));
  const ready = `const { parentPort } = require("node:worker_threads"); parentPort.postMessage({ ready: true });`;
  const piece = () => encode(`${good}\n`);
  // A worker whose code throws on a piece, one that exits, one that answers with an error.
  for (const [onMessage, expected] of [
    ["throw new Error('boom')", /auditlog-wasm: a worker thread failed: boom/],
    ["process.exit(3)", /auditlog-wasm: a worker thread stopped \(exit code 3\)/],
    ["parentPort.postMessage({ task: m.task, error: 'no such schema' })", /auditlog-wasm: a worker thread failed: no such schema/],
  ]) {
    const pool = workerPool(module, `${ready} parentPort.on("message", (m) => { ${onMessage} });`);
    const lease = await pool.acquire(2);
    assert.ok(lease);
    await assert.rejects(Promise.all([lease.check(0, piece(), true), lease.check(0, piece(), false)]), expected);
    lease.release();
  }
  // The real worker, asked for a schema that does not exist: the module's error, as a rejection.
  const pool = workerPool(module);
  const lease = await pool.acquire(1);
  await assert.rejects(lease.check(999, piece(), true), /auditlog-wasm: a worker thread failed: auditlog-wasm: internal error \(ndjson\)/);
  // A piece's answer: counts, the invalid lines' numbers, their issues as the module's answers (read
  // with the static strings the worker sent, by address), the `\n`s, and the piece's buffer back.
  const { readAnswer } = await import("../../target/pkg-build/ndjson-scan.js");
  const { AnswerBuilders } = await import("../../target/pkg-build/answers.js");
  const { Shape, compileShape } = await import("../../target/pkg-build/tokens.js");
  const sent = encode(`${good}\n${bad}\n\n`);
  const answer = await lease.check(0, sent, true);
  const { lines, ...counts } = entries.validateNdjson(`${good}\n${bad}\n\n`);
  assert.deepEqual({ total: answer.total, valid: answer.valid, invalid: answer.numbers.length }, counts);
  assert.deepEqual([...answer.numbers], [2]);
  assert.deepEqual(answer.objectAt, []);
  const { statics } = answer.answers;
  assert.deepEqual([readAnswer(answer.answers, 0, (address) => statics.get(address), new AnswerBuilders(new Shape(compileShape)))], lines.map((line) => line.issues));
  assert.equal(answer.newlines, 3);
  assert.equal(sent.buffer.byteLength, 0, "the piece was moved to the worker");
  assert.equal(new TextDecoder().decode(answer.bytes), `${good}\n${bad}\n\n`);
  lease.release();
  // Code that fails before it is ready: no lease, so the caller checks on its own thread.
  assert.equal(await workerPool(module, "throw new Error('no start')").acquire(2), null);
  assert.equal(await workerPool(module, "process.exit(0)").acquire(1), null);
});
