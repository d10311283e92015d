// validateNdjson against its definition: split the text into lines, JSON.parse each, then the
// schema's safeParse. In Node most lines are scanned and checked inside wasm (src/source/tape.rs) and the
// rest go through JSON.parse in the glue; generated documents aim at the border between the two
// (escapes, duplicate keys, exponents, `length` keys, array-index keys, deep nesting, broken JSON,
// byte-order marks, invalid UTF-8, lone surrogates) and every report must equal the reference's,
// key order included. The seed is fixed (tests/js/seeds.mjs); `make explore` tries new ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import * as ours from "../../pkg/index.mjs";
import { validateNdjsonStream } from "../../pkg/many.js";
import { browserSchemas } from "../../bench/browser-schemas.mjs";
import { zodSchemas } from "./zod-reference.mjs";
import { inputs, recordInputs } from "./generators.mjs";
import { fixedSeed } from "./seeds.mjs";

const seed = fixedSeed("tests/js/ndjson.test.mjs", 20261103);

/** validateNdjson as documented: the reference every report is compared with. */
function reference(text, safeParse) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = { total: 0, valid: 0, invalid: 0, lines: [] };
  text.split("\n").forEach((raw, index) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    result.total++;
    let value;
    try {
      value = JSON.parse(line);
    } catch (error) {
      result.lines.push({ line: index + 1, issues: [{ code: "invalid_json", path: [], message: `Invalid JSON: ${error.message}` }] });
      return;
    }
    let r;
    try {
      r = safeParse(value);
    } catch (error) {
      // Where safeParse throws (as Zod's does), the batch reports the line and goes on.
      result.lines.push({ line: index + 1, issues: [{ code: "check_threw", path: [], message: error.message }] });
      return;
    }
    if (r.success) result.valid++;
    else result.lines.push({ line: index + 1, issues: r.error.issues });
  });
  result.invalid = result.lines.length;
  return result;
}

const hex = (unit) => `\\u${unit.toString(16).padStart(4, "0")}`;

/** JSON text of a value with every string value written as escapes (keys stay as they are). */
function escapedJson(value) {
  if (typeof value === "string") {
    return `"${[...value].map((c) => (c.length === 1 ? hex(c.charCodeAt(0)) : JSON.stringify(c).slice(1, -1))).join("")}"`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => escapedJson(v) ?? "null").join(",")}]`;
  if (value !== null && typeof value === "object") {
    const parts = Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${escapedJson(v)}`);
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value);
}

const nested = (depth) => "[".repeat(depth) + "]".repeat(depth);

/** The text with `members` put first into its `changes` or `actorMeta` record, if it has one. */
const intoRecord = (text, members) =>
  text.replace(/"(changes|actorMeta)":\{(\}?)/, (_, name, empty) => `"${name}":{${members}${empty ? "}" : ","}`);

/** One line of NDJSON made from a generated value, edited towards a border of the scanner. */
function line(value, edit, n) {
  const text = JSON.stringify(value) ?? "null";
  const object = text.startsWith("{") && text.length > 2;
  const add = (member) => (object ? `{${member},${text.slice(1)}` : text);
  switch (edit) {
    case "spaces": return (JSON.stringify(value, null, n % 3 === 0 ? "\t" : 1) ?? "null").replace(/\n/g, " \r ");
    case "escaped values": return escapedJson(value) ?? "null";
    case "escaped key": return object ? `{"\\u00${text.charCodeAt(2).toString(16)}${text.slice(3)}` : text;
    case "duplicate key": return object ? `${text.slice(0, -1)},${text.slice(1, -1)}}` : text;
    case "duplicate first key": return add(`"id":"first"`);
    case "exponent": return add(`"n":${["1e3", "-1.5E+2", "1e400", "2e-400"][n % 4]}`);
    case "length key": return add(`"length":${n % 5}`);
    case "array-index key": return intoRecord(text, `"${n % 3}":{"old":1}`);
    case "duplicate record key": return intoRecord(text, `"k":5,"k":{"old":1}`);
    case "deep": return add(`"actorMeta":{"a":${nested(95 + (n % 40))}}`);
    case "too deep for the scanner": return add(`"x":${nested(130 + (n % 10))}`);
    case "truncated": return text.slice(0, n % Math.max(1, text.length));
    case "blank": return ["", " ", "\t", " \t ", "\u00a0", "\u3000", "\r"][n % 7];
    case "carriage return": return `${text}\r`;
    case "byte-order mark": return `\ufeff${text}`;
    case "not JSON": return ["nul", "{", "[1,]", "{'a':1}", "01", "1 2", "\"\u0001\"", "undefined", "NaN"][n % 9];
    case "lone surrogate": return text.replace(/"([^"]*)"$/, `"\ud800$1"`).replace(/}$/, `,"s":"\udc00"}`);
    default: return text;
  }
}

const EDITS = ["none", "none", "none", "spaces", "escaped values", "escaped key", "duplicate key", "duplicate first key", "exponent", "length key", "array-index key", "duplicate record key", "deep", "too deep for the scanner", "truncated", "blank", "carriage return", "byte-order mark", "not JSON", "lone surrogate"];

const documents = (values) =>
  fc.tuple(fc.array(fc.tuple(values, fc.constantFrom(...EDITS), fc.nat()), { maxLength: 16 }), fc.boolean(), fc.boolean(), fc.nat()).map(([lines, bom, trailing, at]) => ({
    text: (bom ? "\ufeff" : "") + lines.map(([value, edit, n]) => line(value, edit, n)).join("\n") + (trailing ? "\n" : ""),
    at,
  }));

const text = (report) => JSON.stringify(report);
const isJson = (line) => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

/** A report as text, or the exception a check threw: both are outcomes to compare. */
function outcome(check) {
  try {
    return text(check());
  } catch (error) {
    return `threw ${error?.name}: ${error?.message}`;
  }
}

function sameAsReference(schema, safeParse, { text: doc, at }) {
  const expected = outcome(() => reference(doc, safeParse));
  assert.equal(outcome(() => schema.validateNdjson(doc)), expected, `text input: ${JSON.stringify(doc)}`);
  // As bytes: TextDecoder's reading (one byte-order mark dropped, invalid UTF-8 replaced) is the text.
  const bytes = new TextEncoder().encode(doc);
  const decoded = (b) => outcome(() => reference(new TextDecoder().decode(b), safeParse));
  assert.equal(outcome(() => schema.validateNdjson(bytes)), decoded(bytes), `bytes of ${JSON.stringify(doc)}`);
  if (bytes.length > 0) {
    const broken = bytes.slice();
    broken[at % broken.length] = [0xff, 0xc3, 0x80, 0xed][at % 4];
    const where = `bytes with invalid UTF-8 at ${at % broken.length} of ${JSON.stringify(doc)}`;
    assert.equal(outcome(() => schema.validateNdjson(broken.buffer)), decoded(broken), where);
  }
}

const zod = (schema) => (value) => schema.safeParse(value);
const suites = [
  ["entry", ours.auditLogEntrySchema, zod(zodSchemas.entry), inputs("entry"), 1500],
  ["change", ours.auditLogChangeSchema, zod(zodSchemas.change), inputs("change"), 300],
  ["action", ours.auditLogActionSchema, zod(zodSchemas.action), inputs("action"), 300],
  // Zod's reference for the platform record lacks the cross-field rules: the glue's safeParse on the
  // parsed object is the reference (tests/js/platform.test.mjs holds that one to Zod).
  ["platform record", ours.platformRecordSchema, (value) => ours.platformRecordSchema.safeParse(value), recordInputs(), 600],
];
for (const [name, schema, safeParse, values, numRuns] of suites) {
  test(`${name}: generated NDJSON documents get the reference's report`, () => {
    fc.assert(fc.property(documents(values), (doc) => sameAsReference(schema, safeParse, doc)), { numRuns, seed, endOnFailure: true });
  });
}

test("a sample file of 5,001 lines, sent in several chunks, gets Zod's report line for line", () => {
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url), "utf8");
  // Four copies: more than one chunk of text (the glue sends 2^18 units at a time).
  const doc = [sample, sample, sample, sample].join("\n");
  assert.ok(doc.length > 3 * 2 ** 18);
  const expected = reference(doc, zod(zodSchemas.entry));
  assert.equal(expected.total, 4 * 5001);
  assert.equal(text(ours.auditLogEntrySchema.validateNdjson(doc)), text(expected));
  assert.equal(text(ours.auditLogEntrySchema.validateNdjson(new TextEncoder().encode(doc))), text(expected));
});

test("lines that fail alike get their own issues, as Zod's, whatever else differs in them", async () => {
  // One chunk of lines that fail in a few ways, each way many times, with the fields that pass
  // changed line by line: the module lists a line that fails as one before it did with that
  // line's answer. Records' keys are made strings in the answers (the path's "k…").
  const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
  const base = examples.entries.update;
  const ways = [
    (e) => ({ ...e, action: "publish" }),
    (e) => ({ ...e, action: 12 }),
    (e) => ({ ...e, action: 1 }),
    (e) => ({ ...e, actor_id: null }),
    (e) => ({ ...e, changes: { [`k${e.id.length % 3}`]: "published" } }),
    (e) => ({ ...e, changes: { status: { old: 1 }, [`k${e.id.length % 2}`]: 2 } }),
    (e) => ({ ...e, timestamp: "2026-02-30T10:00:00Z", id: "" }),
    (e) => { const { resource_id, ...rest } = e; return rest; },
  ];
  const lines = Array.from({ length: 2_000 }, (_, i) => JSON.stringify(ways[i % ways.length]({ ...base, id: `audit_${"x".repeat(i % 5)}${i}`, actor_id: `user_${i}` })));
  const doc = lines.join("\n");
  const expected = reference(doc, zod(zodSchemas.entry));
  assert.equal(expected.invalid, 2_000);
  const report = ours.auditLogEntrySchema.validateNdjson(doc);
  assert.equal(text(report), text(expected));
  assert.equal(text(ours.auditLogEntrySchema.validateNdjson(new TextEncoder().encode(doc))), text(expected));
  assert.equal(text(await ours.auditLogEntrySchema.validateNdjsonStream([new TextEncoder().encode(doc)], { workers: 2 })), text(expected));
  // Each line's issues are its own: changing one line's changes no other.
  const [first, again] = [report.lines[0], report.lines[ways.length]];
  assert.notEqual(first.issues, again.issues);
  first.issues[0].path.push("mine");
  first.issues.push({ code: "custom", path: [], message: "mine" });
  assert.equal(text(again.issues), text(expected.lines[ways.length].issues));
});

/** The same bytes as a stream of the given chunks, in the three shapes validateNdjsonStream takes. */
const asWebStream = (chunks) => new ReadableStream({ start(c) { chunks.forEach((chunk) => c.enqueue(chunk)); c.close(); } });
async function* asAsyncIterable(chunks) {
  for (const chunk of chunks) yield chunk;
}
const cutAt = (bytes, cuts) => [0, ...cuts, bytes.length].slice(1).map((end, i, ends) => bytes.slice(i === 0 ? 0 : ends[i - 1], end));

test("validateNdjsonStream: documents cut at every byte (small) or at random bytes (large) get validateNdjson's report", async () => {
  const { Readable } = await import("node:stream");
  // The browser's form entry's schema, whose module has no NDJSON scanner: its pieces' lines go
  // through JavaScript, and are numbered from the `\n`s counted there.
  const inBrowser = browserSchemas().schemas.auditLogEntrySchema;
  let documentsChecked = 0, streams = 0;
  await fc.assert(
    fc.asyncProperty(documents(inputs("entry")), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), async ({ text: doc, at }, randomCuts) => {
      const bytes = new TextEncoder().encode(doc);
      // With invalid UTF-8 too, where the byte says so.
      if (bytes.length > 0 && at % 3 === 0) bytes[at % bytes.length] = [0xff, 0xc3, 0x80, 0xed][at % 4];
      const expected = text(ours.auditLogEntrySchema.validateNdjson(bytes));
      const cuts = bytes.length <= 400
        ? Array.from({ length: bytes.length + 1 }, (_, i) => [i])
        : [randomCuts.map((n) => n % bytes.length).sort((a, b) => a - b)];
      for (const [k, cut] of cuts.entries()) {
        const chunks = cutAt(bytes, cut);
        const source = [asWebStream, asAsyncIterable, (c) => Readable.from(c)][k % 3](chunks);
        // Each chunk checked as it comes (batchBytes: 1), and gathered (the default).
        const report = await ours.auditLogEntrySchema.validateNdjsonStream(source, { batchBytes: 1 });
        assert.equal(text(report), expected, `cut at ${cut} of ${JSON.stringify(doc)}`);
        if (k % 7 === 0) assert.equal(text(await ours.auditLogEntrySchema.validateNdjsonStream(asAsyncIterable(chunks))), expected);
        if (k % 5 === 0) assert.equal(text(await validateNdjsonStream(inBrowser, asAsyncIterable(chunks), { batchBytes: 1 })), expected, `in the browser's glue, cut at ${cut}`);
        streams++;
      }
      documentsChecked++;
    }),
    { numRuns: 150, seed, endOnFailure: true },
  );
  console.log(`validateNdjsonStream: ${documentsChecked} documents, ${streams} ways of cutting them`);
});

test("validateNdjsonStream: a large file read from disk in chunks, with progress, and a stream that fails", async (t) => {
  const { createReadStream, writeFileSync, mkdtempSync, rmSync } = await import("node:fs");
  const { dirname, join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url));
  const doc = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sample, Buffer.from("\r\n\ufeff{}\n"), sample.subarray(0, sample.length - 40)]);
  const file = join(mkdtempSync(join(tmpdir(), "auditlog-stream-")), "entries.ndjson");
  t.after(() => rmSync(dirname(file), { recursive: true, force: true }));
  writeFileSync(file, doc);
  const progress = [];
  const report = await ours.auditLogEntrySchema.validateNdjsonStream(createReadStream(file, { highWaterMark: 4096 }), { onProgress: (p) => progress.push(p), batchBytes: 100_000 });
  assert.deepEqual(report, ours.auditLogEntrySchema.validateNdjson(doc));
  assert.ok(report.total > 10_000 && report.invalid > 0);
  assert.ok(progress.length > doc.length / 4096 - 1, `${progress.length} progress reports`);
  assert.ok(progress.every((p, i) => i === 0 || (p.bytes >= progress[i - 1].bytes && p.lines >= progress[i - 1].lines)));
  assert.equal(progress.at(-1).bytes, doc.length);
  assert.equal(progress.at(-1).lines, doc.toString("latin1").split("\n").length);
  // Text chunks are read as UTF-8.
  assert.deepEqual(await ours.auditLogEntrySchema.validateNdjsonStream(["{\"id\":", "\"\"}\n", "[]"]), ours.auditLogEntrySchema.validateNdjson('{"id":""}\n[]'));
  const failing = new ReadableStream({ pull(c) { c.error(new Error("disk on fire")); } });
  await assert.rejects(ours.auditLogEntrySchema.validateNdjsonStream(failing), /disk on fire/);
  await assert.rejects(ours.auditLogEntrySchema.validateNdjsonStream(42), TypeError);
  await assert.rejects(ours.auditLogEntrySchema.validateNdjsonStream([1, 2]), TypeError);
  // A source that reuses one buffer for every chunk (a read loop) is read as it was at each chunk,
  // a Node Buffer too (whose `slice` does not copy).
  async function* reusing(bytes, size, buffer = new Uint8Array(size)) {
    for (let at = 0; at < bytes.length; at += size) {
      const part = bytes.subarray(at, at + size);
      buffer.set(part);
      yield buffer.subarray(0, part.length);
    }
  }
  for (const batchBytes of [1, 5000, undefined]) {
    assert.deepEqual(await ours.auditLogEntrySchema.validateNdjsonStream(reusing(doc, 1000), { batchBytes }), report, `batchBytes ${batchBytes}`);
    assert.deepEqual(await ours.auditLogEntrySchema.validateNdjsonStream(reusing(doc, 1000, Buffer.alloc(1000)), { batchBytes }), report, `Buffer, batchBytes ${batchBytes}`);
  }
  // A web stream stopped by a bad chunk is cancelled, not left producing.
  let cancelled = false;
  const bad = new ReadableStream({ pull(c) { c.enqueue(7); }, cancel() { cancelled = true; } });
  await assert.rejects(ours.auditLogEntrySchema.validateNdjsonStream(bad), /a chunk must be bytes or text, not number/);
  assert.ok(cancelled);
});

test("16-byte borders: string ends, escapes, multi-byte characters, whitespace and line ends at every offset of a block", () => {
  // The server module finds string ends, line ends and whitespace ends 16 bytes at a time
  // (simd128): every such byte is put at every offset of two blocks, in strings the scanner settles
  // and in ones it leaves, and whitespace runs of every length between tokens.
  const base = { id: "a", action: "read", actor_id: "u", resource_type: "r", resource_id: "x", timestamp: "2026-05-16T18:30:00Z" };
  const specials = ['\\"', "\\\\", "\\n", "\\u0041", "\\ud83d\\ude00", "é", "😀", "\u0001", "\u001f", " ", "\u007f", '"', ""];
  const lines = [];
  for (let k = 0; k < 40; k++) {
    for (const special of specials) {
      const text = JSON.stringify({ ...base, id: "" }).replace('"id":""', `"id":"${"x".repeat(k)}${special}y"`);
      // Whitespace of every kind at every offset of the run, not only at its start.
      const pad = Array.from({ length: k }, (_, i) => " \t \r"[i % 4]).join("");
      const indented = text.replaceAll('":', `":${pad}`).replaceAll(',"', `${pad},${pad}"`);
      lines.push(text, `${pad}${text}`, `${text}${" ".repeat(k % 17)}\r`, indented);
    }
    lines.push(`{"id":"${"z".repeat(k)}"`, " ".repeat(k), "");
  }
  const doc = lines.join("\n");
  const expected = text(reference(doc, zod(zodSchemas.entry)));
  assert.equal(text(ours.auditLogEntrySchema.validateNdjson(doc)), expected);
  // The scanner settles every line that is JSON here: a search that stopped early would leave
  // lines to JSON.parse, whose report is the same, so the lines JSON.parse sees are counted.
  const notJson = lines.filter((line) => line.trim() !== "" && !isJson(line)).length;
  const realParse = JSON.parse;
  let parsed = 0;
  JSON.parse = (...args) => (parsed++, realParse(...args));
  let fromBytes;
  try {
    fromBytes = text(ours.auditLogEntrySchema.validateNdjson(new TextEncoder().encode(doc)));
  } finally {
    JSON.parse = realParse;
  }
  assert.equal(fromBytes, expected);
  assert.equal(parsed, notJson, "lines left to JSON.parse");
  const report = JSON.parse(expected);
  assert.ok(report.valid > 900 && report.invalid > 250, `${report.valid} valid, ${report.invalid} invalid`);
});

test("invalid lines' issues are plain data, equal to the reference's after later calls, and each line's own", async () => {
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url), "utf8");
  const schema = ours.auditLogEntrySchema;
  const expected = reference(sample, zod(zodSchemas.entry));
  for (const input of [sample, new TextEncoder().encode(sample)]) {
    const report = schema.validateNdjson(input);
    // Other documents checked before any issue is read: the module's memory the answers came from
    // now holds other answers (and other strings made for them).
    for (let i = 0; i < 3; i++) schema.validateNdjson(`{"id":${i},"action":"x${i}"}\n${JSON.stringify({ actor_id: "z".repeat(i) })}`);
    schema.validateMany([{ id: "" }, 5]);
    assert.equal(report.invalid, expected.invalid);
    for (const [i, line] of report.lines.entries()) {
      const descriptor = Object.getOwnPropertyDescriptor(line, "issues");
      assert.ok(Array.isArray(descriptor.value) && descriptor.writable && descriptor.enumerable, "issues is an own data property");
      assert.deepEqual(Object.keys(line), ["line", "issues"]);
      assert.deepEqual(line, expected.lines[i]);
    }
    assert.equal(text(report), text(expected));
    // Lines that fail alike (answers of one kind, built by one compiled builder from the second on,
    // answers.js: AnswerBuilders) share no object: changing one line's issues leaves the others.
    const byText = new Map();
    for (const line of report.lines) byText.set(JSON.stringify(line.issues), [...(byText.get(JSON.stringify(line.issues)) ?? []), line]);
    const alike = [...byText.values()].filter((lines) => lines.length >= 3);
    assert.ok(alike.length >= 3, `kinds of answer with three lines or more: ${alike.length}`);
    for (const [first, second, third] of alike) {
      const before = JSON.stringify(third.issues);
      first.issues[0].path.push("changed");
      first.issues[0].message = "changed";
      second.issues.push({ code: "custom", path: [], message: "added" });
      assert.equal(JSON.stringify(third.issues), before);
      assert.notEqual(first.issues, third.issues);
      assert.notEqual(first.issues[0], third.issues[0]);
    }
  }
  // The stream's report, numbered across its pieces.
  const streamed = await schema.validateNdjsonStream([new TextEncoder().encode(sample)], { batchBytes: 10_000 });
  schema.validateNdjson(sample);
  assert.equal(text(streamed), text(expected));
});

test("where a Content Security Policy forbids new Function, NDJSON reports are the same", async () => {
  // wasm-bindgen's glue, which pkg/ carries only inside its entries (build-pkg.mjs stages it).
  const { initSync } = await import("../../target/pkg-build/auditlog_wasm.js");
  const { createApi } = await import("../../pkg/create-api.js");
  const { ndjsonScanner } = await import("../../pkg/ndjson-scan.js");
  const { default: tables } = await import("../../pkg/tables.js");
  const { default: serverModule } = await import("../../pkg/wasm-server-base64.js");
  const wasm = initSync({ module: Buffer.from(serverModule, "base64") });
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url), "utf8");
  const realFunction = globalThis.Function;
  let refused = 0, report;
  globalThis.Function = function () {
    refused++;
    throw new EvalError("Code generation from strings disallowed for this context");
  };
  try {
    report = createApi(wasm, ndjsonScanner, tables).auditLogEntrySchema.validateNdjson(sample);
  } finally {
    globalThis.Function = realFunction;
  }
  assert.ok(refused >= 1, "code generation was asked for, and refused");
  assert.ok(report.invalid > 100);
  assert.equal(text(report), text(reference(sample, zod(zodSchemas.entry))));
});

test("in a cross-origin isolated page, bytes in shared memory are checked as any bytes, by the browser entry", async (t) => {
  const { mkdtempSync, rmSync, symlinkSync, writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const { launchChromium, serveStatic } = await import("./browser.mjs");
  const site = mkdtempSync(join(tmpdir(), "auditlog-shared-"));
  t.after(() => rmSync(site, { recursive: true, force: true }));
  writeFileSync(join(site, "index.html"), "<!doctype html><title>shared</title>");
  symlinkSync(new URL("../../pkg", import.meta.url).pathname, join(site, "pkg"));
  const server = await serveStatic(site, { isolated: true });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  const doc = `${JSON.stringify({ id: "" })}\n{"broken"\n\n`.repeat(3000);
  const answers = await page.evaluate(async (doc) => {
    const { auditLogEntrySchema, validateNdjson, validateNdjsonStream } = await import("/pkg/browser.js");
    const bytes = new TextEncoder().encode(doc);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const text = (report) => JSON.stringify(report);
    return {
      isolated: crossOriginIsolated,
      plain: text(validateNdjson(auditLogEntrySchema, bytes)),
      shared: text(validateNdjson(auditLogEntrySchema, shared)),
      stream: text(await validateNdjsonStream(auditLogEntrySchema, [shared])),
      smallPieces: text(await validateNdjsonStream(auditLogEntrySchema, [shared.subarray(0, 1000), shared.subarray(1000)], { batchBytes: 1 })),
    };
  }, doc);
  assert.equal(answers.isolated, true);
  // Chromium's JSON.parse words its errors otherwise than Node's: the counts are compared with Node's.
  const counts = ({ total, valid, invalid }) => ({ total, valid, invalid });
  assert.deepEqual(counts(JSON.parse(answers.plain)), counts(ours.auditLogEntrySchema.validateNdjson(doc)));
  for (const way of ["shared", "stream", "smallPieces"]) assert.equal(answers[way], answers.plain, way);
});
