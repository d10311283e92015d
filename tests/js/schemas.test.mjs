// The built package (pkg/) against the open-types AuditLogEntry's examples (tests/fixtures/open-types-examples.json), the cases recorded from Zod, and live Zod.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import * as ours from "../../pkg/index.mjs";
import { zodSchemas, outcome, auditLogReference } from "./zod-reference.mjs";
import { record, recordingUrl } from "./record-zod.mjs";
import { awkwardRecords, placements, answer, answers } from "./awkward-records.mjs";
// A browser module's exports (it imports nothing, so an instance is all its glue), and its schemas.
import { browserModule, browserSchemas } from "../../bench/browser-schemas.mjs";

const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
const recorded = JSON.parse(readFileSync(recordingUrl, "utf8"));
// The tables the build gives the glue of the browser's module with every schema, which has no code
// to give them (browser-full.js); it gives the platform's name lists.
const { default: fullBrowserTables } = await import("../../pkg/browser-full-tables.js");
const { LEAN } = await import("../../pkg/lean.js");
// The server entries' tables (the same Rust tables, with each field's fast check, which the
// browser's files leave out): for the server entries' glue (speed.js) over the browser's module
// with every schema, whose memory and calls are in reach here.
const { default: serverTables } = await import("../../pkg/tables.js");
const { FIELD_FAST } = await import("../../pkg/protocol.js");
/** The tables without the fields' fast checks, as the browser's files have them (build-pkg.mjs). */
const withoutFastChecks = (fields) => fields.map(([isObject, list, refined]) => [isObject, list.map((field) => field.slice(0, FIELD_FAST)), refined]);
/** Every schema by its export name, as the browser's form entry makes them, over a fresh instance of a browser module. */
const browserApi = (openTypes = false) => browserSchemas({ openTypes }).schemas;
const schemas = { entry: ours.auditLogEntrySchema, change: ours.auditLogChangeSchema, action: ours.auditLogActionSchema };

/** `target` behind a proxy that logs each operation on it (and the key it concerns) into `log`. */
function loggedProxy(target, log) {
  const traps = ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "deleteProperty", "defineProperty"];
  return new Proxy(target, Object.fromEntries(traps.map((trap) => [trap, (...args) => {
    log.push(`${trap} ${typeof args[1] === "symbol" ? "symbol" : String(args[1] ?? "")}`);
    return Reflect[trap](...args);
  }])));
}

test("every example of the open-types AuditLogEntry validates and parses to itself", () => {
  for (const [name, entry] of Object.entries(examples.entries)) {
    const result = ours.auditLogEntrySchema.safeParse(entry);
    assert.equal(result.success, true, name);
    assert.deepEqual(result.data, entry, name);
    assert.notEqual(result.data, entry, `${name}: data is a new object`);
    assert.deepEqual(ours.auditLogEntrySchema.parse(entry), entry, name);
  }
  for (const [name, change] of Object.entries(examples.changes)) {
    assert.deepEqual(ours.auditLogChangeSchema.parse(change), change, name);
  }
  for (const action of Object.values(examples.actions)) {
    assert.equal(ours.auditLogActionSchema.parse(action), action);
  }
});

test("the recording of Zod's answers is up to date (else run: node tests/js/record-zod.mjs)", () => {
  assert.deepEqual(record(), recorded);
});

test("every recorded case gets Zod's answer: success, data, and issues key for key", () => {
  assert.ok(recorded.length > 250, `only ${recorded.length} cases`);
  for (const { schema, name, input, expected } of recorded) {
    const actual = outcome(schemas[schema].safeParse(input));
    // Compared as JSON text so that key order counts too.
    assert.equal(JSON.stringify(actual), JSON.stringify(expected), `${schema}: ${name}`);
  }
});

test("data is rebuilt: unknown keys dropped, changes copied, old/new passed by reference", () => {
  const old = { nested: ["kept by reference"] };
  const input = { ...examples.entries.minimal, changes: { a: { old, extra: 1 } }, unknown: true };
  const data = ours.auditLogEntrySchema.parse(input);
  assert.equal("unknown" in data, false);
  assert.notEqual(data.changes, input.changes);
  assert.notEqual(data.changes.a, input.changes.a);
  assert.deepEqual(Object.keys(data.changes.a), ["old"]);
  assert.equal(data.changes.a.old, old);
  assert.deepEqual(Object.keys(data), ["id", "action", "actor_id", "resource_type", "resource_id", "changes", "timestamp"]);
});

test("an optional key present with undefined is kept, as Zod keeps it", () => {
  const input = { ...examples.entries.minimal, actor_type: undefined, changes: { a: { old: undefined } } };
  const data = ours.auditLogEntrySchema.parse(input);
  assert.equal("actor_type" in data, true);
  assert.equal("old" in data.changes.a, true);
  assert.deepEqual(data, zodSchemas.entry.parse(input));
});

test("errors: an Error named ZodError, with non-enumerable issues and Zod's message", () => {
  const result = ours.auditLogEntrySchema.safeParse({ id: "" });
  assert.equal(result.success, false);
  const error = result.error;
  assert.ok(error instanceof ours.AuditLogError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "ZodError");
  assert.equal(Object.keys(error).includes("issues"), false);
  assert.deepEqual(Object.keys(error), Object.keys(zodSchemas.entry.safeParse({ id: "" }).error));
  assert.equal(error.message, JSON.stringify(error.issues, null, 2));
  assert.equal(error.message, zodSchemas.entry.safeParse({ id: "" }).error.message);
  assert.throws(() => ours.auditLogEntrySchema.parse(5), (e) => e instanceof ours.AuditLogError && e.issues.length === 1);
  assert.throws(() => ours.auditLogActionSchema.parse("nope"), ours.AuditLogError);
});

test("Standard Schema v1: synchronous validate returning { value } or { issues }", () => {
  for (const schema of Object.values(schemas)) {
    const std = schema["~standard"];
    assert.equal(std.version, 1);
    assert.equal(std.vendor, "auditlog-wasm");
  }
  const ok = ours.auditLogEntrySchema["~standard"].validate(examples.entries.update);
  assert.deepEqual(ok, { value: examples.entries.update });
  const bad = ours.auditLogEntrySchema["~standard"].validate({ ...examples.entries.update, timestamp: "now" });
  assert.deepEqual(bad.issues, zodSchemas.entry["~standard"].validate({ ...examples.entries.update, timestamp: "now" }).issues);
});

test("values JSON cannot carry get Zod's answers", () => {
  class Account {}
  const symbol = Symbol("k");
  const inputs = [
    undefined, NaN, Infinity, -Infinity, 10n, Symbol("x"), () => 1, new Map(), new Date(0), new Account(),
    Object.create(null), { ...examples.entries.minimal, id: new String("") }, { ...examples.entries.minimal, id: new Account() },
    { ...examples.entries.minimal, changes: new Map() }, { ...examples.entries.minimal, changes: { [symbol]: {}, a: new Date(0) } },
    { ...examples.entries.minimal, changes: Object.create(null) }, { ...examples.entries.minimal, actor_id: function named(a, b) {} },
    { ...examples.entries.minimal, timestamp: new String("2026-05-16T18:30:00Z") },
    { ...examples.entries.minimal, resource_id: { length: 5n } },
  ];
  const plain = (r) => r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
  for (const input of inputs) {
    for (const [name, schema] of Object.entries(schemas)) {
      assert.deepEqual(plain(schema.safeParse(input)), plain(zodSchemas[name].safeParse(input)), `${name}: ${String(input?.toString?.() ?? typeof input)}`);
    }
  }
});

test("Standard Schema: what throws during validation comes back as a rejected promise, as in Zod", async () => {
  const input = { ...examples.entries.minimal, id: { length: { toString: 1 } } };
  for (const schema of [ours.auditLogEntrySchema, zodSchemas.entry]) {
    const result = schema["~standard"].validate(input);
    assert.ok(result instanceof Promise);
    await assert.rejects(result, TypeError);
  }
});

test("a getter that throws reaches the caller, as in Zod, and the instance keeps working", () => {
  const boom = new Error("boom");
  const input = { ...examples.entries.minimal, get resource_id() { throw boom; } };
  assert.throws(() => ours.auditLogEntrySchema.safeParse(input), (e) => e === boom);
  assert.throws(() => zodSchemas.entry.safeParse(input), (e) => e === boom);
  assert.equal(ours.auditLogEntrySchema.safeParse(examples.entries.update).success, true);
  assert.equal(ours.auditLogEntrySchema.safeParse({}).error.issues.length, 6);
});

test("a z.unknown() value is never looked into, as in Zod: a revoked proxy there is valid, and passed through", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  for (const [schema, zod, input] of [
    [ours.auditLogChangeSchema, zodSchemas.change, { old: proxy }],
    [ours.auditLogEntrySchema, zodSchemas.entry, { ...examples.entries.update, changes: { role: { new: proxy } } }],
  ]) {
    assert.equal(zod.safeParse(input).success, true);
    const r = schema.safeParse(input);
    assert.equal(r.success, true);
    assert.equal(r.data.old ?? r.data.changes.role.new, proxy);
  }
  // Where the rules look at it, it throws in both, as Array.isArray does on a revoked proxy.
  const input = { ...examples.entries.update, changes: proxy };
  assert.throws(() => zodSchemas.entry.safeParse(input), TypeError);
  assert.throws(() => ours.auditLogEntrySchema.safeParse(input), TypeError);
});

test("a batch builds no data but reads each input exactly as safeParse does (proxies see the same operations)", () => {
  const good = examples.entries.update;
  for (const input of [good, { ...good, id: "", changes: { a: { old: 1 }, b: 5 } }, examples.entries.minimal]) {
    const wrap = (log) => loggedProxy({ ...input, changes: input.changes && loggedProxy(input.changes, log) }, log);
    const [single, batch] = [[], []];
    const result = ours.auditLogEntrySchema.safeParse(wrap(single));
    const report = ours.auditLogEntrySchema.validateMany([wrap(batch)]);
    assert.ok(single.length >= 20, "the proxies were read");
    assert.deepEqual(batch, single);
    assert.equal(report.valid, result.success ? 1 : 0);
    if (!result.success) assert.equal(JSON.stringify(report.lines[0].issues), JSON.stringify(result.error.issues));
  }
});

test("a record's keys are walked as Zod walks them: listed fast where Node tells proxies apart, with Reflect.ownKeys through a proxy or where the runtime cannot tell", async () => {
  // Node gives util.types.isProxy here (src/js/own-keys.js), so plain records take the fast listing.
  assert.equal(typeof process.getBuiltinModule?.("node:util").types.isProxy, "function");
  const inChanges = placements["an entry's changes"];
  for (const [name, make] of Object.entries(awkwardRecords)) {
    const [, input] = inChanges(make());
    const [, zodInput] = inChanges(make());
    assert.equal(answer(ours.auditLogEntrySchema.safeParse(input)), answer(zodSchemas.entry.safeParse(zodInput)), name);
    // A proxy sees the operations Zod makes: one listing of the keys, then each key's own steps.
    const [oursLog, zodLog] = [[], []];
    assert.equal(answer(ours.auditLogEntrySchema.safeParse(inChanges(loggedProxy(make(), oursLog))[1])), answer(zodSchemas.entry.safeParse(inChanges(loggedProxy(make(), zodLog))[1])), name);
    assert.equal(oursLog.filter((op) => op.startsWith("ownKeys")).length, 1, name);
    assert.deepEqual(oursLog, zodLog, name);
  }
  const plain = answers(ours);
  assert.deepEqual(answers(ours, (record) => new Proxy(record, {})), plain);
  const script = `process.getBuiltinModule = undefined;
    const { answers } = await import(${JSON.stringify(new URL("./awkward-records.mjs", import.meta.url).href)});
    const api = await import(${JSON.stringify(new URL("../../pkg/index.mjs", import.meta.url).href)});
    console.log(JSON.stringify(answers(api)));`;
  const withoutProxyTest = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
  assert.deepEqual(withoutProxyTest, plain);
  // The browser entry's modules, which list every record with Reflect.ownKeys (own-keys-browser.js,
  // shipped as pkg/own-keys.js), over the browser's module with every schema.
  assert.match(readFileSync(new URL("../../pkg/own-keys.js", import.meta.url), "utf8"), /Reflect\.ownKeys/);
  assert.doesNotMatch(readFileSync(new URL("../../pkg/own-keys.js", import.meta.url), "utf8"), /getBuiltinModule/);
  assert.deepEqual(answers(browserApi()), plain);
});

test("a record's keys are listed without Reflect.ownKeys in Node, except where listing can be seen: a proxy, another realm's object, a vm context's global, symbols", () => {
  const listings = [];
  const ownKeys = Reflect.ownKeys;
  const sandboxLog = [];
  const vmGlobal = () => {
    const proto = new Proxy({}, { ownKeys: (target) => (sandboxLog.push("ownKeys"), ownKeys(target)) });
    return vm.runInContext("this", vm.createContext(Object.assign(Object.create(proto), { a: { old: 1 } })));
  };
  const symbol = Symbol("s");
  const cases = [
    ["a plain record", () => ({ a: { old: 1 }, b: { new: 2 } }), 0],
    ["no prototype", () => Object.assign(Object.create(null), { a: { old: 1 } }), 0],
    ["a proxy", () => new Proxy({ a: { old: 1 } }, {}), 1],
    ["another realm's object", () => vm.runInNewContext("({ a: { old: 1 } })"), 1],
    ["a vm context's global", vmGlobal, 1],
    ["symbol keys", () => ({ a: { old: 1 }, [symbol]: { old: 2 } }), 1],
  ];
  Reflect.ownKeys = (o) => (listings.push(o), ownKeys(o));
  try {
    for (const [name, make, expected] of cases) {
      listings.length = 0;
      sandboxLog.length = 0;
      const ourAnswer = answer(ours.auditLogEntrySchema.safeParse({ ...examples.entries.update, changes: make() }));
      const [ourListings, ourSandboxLog] = [listings.length, sandboxLog.join()];
      sandboxLog.length = 0;
      assert.equal(ourAnswer, answer(zodSchemas.entry.safeParse({ ...examples.entries.update, changes: make() })), name);
      assert.equal(ourListings, expected, `${name}: Reflect.ownKeys calls`);
      assert.equal(ourSandboxLog, sandboxLog.join(), `${name}: what the sandbox saw`);
    }
  } finally {
    Reflect.ownKeys = ownKeys;
  }
  // Joining two lists would read Array.prototype's settings, which Zod never reads.
  Array.prototype[Symbol.isConcatSpreadable] = false;
  try {
    const input = () => ({ ...examples.entries.update, changes: { a: { old: 1 }, [symbol]: { old: 2 } } });
    assert.equal(answer(ours.auditLogEntrySchema.safeParse(input())), answer(zodSchemas.entry.safeParse(input())));
  } finally {
    delete Array.prototype[Symbol.isConcatSpreadable];
  }
});

test("an array whose length no array can have throws where Zod throws, in a batch as in safeParse", () => {
  const records = JSON.parse(readFileSync(new URL("../../examples/records.json", import.meta.url), "utf8"));
  const valid = records.find(({ name }) => name.startsWith("valid:")).record;
  for (const length of [-1, 1.5, 2 ** 32]) {
    let reads = 0;
    const resources = new Proxy([], { get: (target, key) => (key === "length" ? length : (reads++, Reflect.get(target, key))) });
    const input = { ...valid, resources };
    assert.throws(() => auditLogReference.safeParse(input), RangeError);
    assert.throws(() => ours.platformRecordSchema.safeParse(input), RangeError);
    const [line] = ours.platformRecordSchema.validateMany([input]).lines;
    assert.deepEqual(line.issues.map((i) => [i.code, i.message]), [["check_threw", "Invalid array length"]]);
    assert.equal(reads, 0, "no item read");
  }
});

test("a getter that validates another entry does not disturb the outer call", () => {
  const inner = [];
  const input = {
    ...examples.entries.minimal,
    get actor_id() {
      inner.push(ours.auditLogEntrySchema.safeParse({ id: "" }).success);
      return "user_1";
    },
  };
  const data = ours.auditLogEntrySchema.parse(input);
  assert.deepEqual(inner, [false]);
  assert.equal(data.actor_id, "user_1");
  assert.equal(data.timestamp, examples.entries.minimal.timestamp);
});

test("the caller's input is never changed", () => {
  const input = structuredClone({ ...examples.entries.update, extra: 1, changes: { a: { old: 1, x: 2 } } });
  const before = structuredClone(input);
  ours.auditLogEntrySchema.safeParse(input);
  ours.auditLogEntrySchema.safeParse({ ...input, id: [] });
  assert.deepEqual(input, before);
});

test("the demo samples are what their names say, and Zod agrees on every one", () => {
  const samples = JSON.parse(readFileSync(new URL("../../examples/samples.json", import.meta.url), "utf8"));
  for (const { name, entry } of samples) {
    const result = ours.auditLogEntrySchema.safeParse(entry);
    assert.equal(result.success, name.startsWith("example:"), name);
    assert.deepEqual(outcome(result), outcome(zodSchemas.entry.safeParse(entry)), name);
  }
});

test("the error helpers give Zod's views, awkward keys included", async () => {
  const z = await import("zod");
  const symbol = Symbol("s");
  const changes = JSON.parse('{"__proto__": 1, "constructor": 2, "_errors": 3, "": 4, "a b": 5, "c.d": 6, "7": 7, "toString": 8}');
  changes[symbol] = {};
  const inputs = [5, {}, { ...examples.entries.minimal, changes }, { id: [], changes: { _errors: { old: 1 }, x: null } }];
  for (const input of inputs) {
    const mine = ours.auditLogEntrySchema.safeParse(input).error;
    const theirs = zodSchemas.entry.safeParse(input).error;
    assert.deepEqual(ours.flattenError(mine), z.flattenError(theirs));
    assert.deepEqual(ours.treeifyError(mine), z.treeifyError(theirs));
    assert.deepEqual(ours.formatError(mine), z.formatError(theirs));
    assert.equal(ours.prettifyError(mine), z.prettifyError(theirs));
    assert.deepEqual(mine.flatten(), theirs.flatten());
    assert.deepEqual(mine.format(), theirs.format());
    assert.equal(mine.isEmpty, theirs.isEmpty);
    // Zod's helpers accept our errors, and ours accept Zod's.
    assert.deepEqual(z.treeifyError(mine), ours.treeifyError(theirs));
  }
});

test("validateMany and validateNdjson: counts, and each invalid entry's issues by index or line", () => {
  const good = examples.entries.update;
  const many = ours.auditLogEntrySchema.validateMany([good, { ...good, id: "" }, 5, good]);
  assert.deepEqual({ ...many, lines: many.lines.map((l) => [l.index, l.issues.map((i) => i.code)]) }, {
    total: 4,
    valid: 2,
    invalid: 2,
    lines: [[1, ["too_small"]], [2, ["invalid_type"]]],
  });
  assert.throws(() => ours.auditLogEntrySchema.validateMany("not a list"), TypeError);
  // An invalid line's issues are built on first read, from its own answer, even after later calls.
  const later = ours.auditLogEntrySchema.validateMany([{ ...good, action: "x" }, { ...good, changes: { k: 1 } }]);
  ours.auditLogEntrySchema.validateMany([{ ...good, id: "" }, 5]);
  ours.platformRecordSchema.safeParse({ event: "x" });
  assert.deepEqual(later.lines.map((l) => Object.keys(l)), [["index", "issues"], ["index", "issues"]]);
  const expected = [{ ...good, action: "x" }, { ...good, changes: { k: 1 } }].map((v, index) => ({ index, issues: zodSchemas.entry.safeParse(v).error.issues }));
  assert.equal(JSON.stringify(later.lines), JSON.stringify(expected));
  assert.equal(later.lines[1].issues, later.lines[1].issues, "built once");
  assert.equal(later.lines[1].issues[0].path[1], "k");
  // Lines are plain `{ index, issues }`: equal to one written out, and nothing else in a copy.
  assert.deepStrictEqual(later.lines[0], { index: 0, issues: ours.auditLogEntrySchema.safeParse({ ...good, action: "x" }).error.issues });
  assert.deepStrictEqual(Reflect.ownKeys({ ...later.lines[1] }), ["index", "issues"]);
  const failed = ours.auditLogEntrySchema.safeParse(5);
  assert.deepStrictEqual(Reflect.ownKeys({ ...failed }), ["success", "error"]);
  const text = `\ufeff${JSON.stringify(good)}\r\n\n${JSON.stringify({ ...good, action: "x" })}\n{"id":\n  \n${JSON.stringify(good)}`;
  for (const input of [text, new TextEncoder().encode(text), new TextEncoder().encode(text).buffer]) {
    const report = ours.auditLogEntrySchema.validateNdjson(input);
    assert.deepEqual({ ...report, lines: report.lines.map((l) => [l.line, l.issues.map((i) => i.code)]) }, {
      total: 4,
      valid: 2,
      invalid: 2,
      lines: [[3, ["invalid_value"]], [4, ["invalid_json"]]],
    });
  }
  // The same as safeParse on each parsed line, over a whole sample file.
  const sample = readFileSync(new URL("../../www/public/samples/entries-5000.ndjson", import.meta.url), "utf8");
  const report = ours.auditLogEntrySchema.validateNdjson(sample);
  const parsed = sample.split("\n").filter((l) => l.trim()).map((l) => { try { return JSON.parse(l); } catch { return undefined; } });
  assert.equal(report.total, parsed.length);
  assert.equal(report.valid, parsed.filter((v) => v !== undefined && zodSchemas.entry.safeParse(v).success).length);
});

test("failures and batch lines keep fast shapes when a second copy of the package is loaded", () => {
  // V8's own view of the objects (--allow-natives-syntax): a shape that another copy of results.js
  // shares would fall into dictionary mode, over twice as slow to make (src/js/results.js).
  const script = `
    import { createRequire } from "node:module";
    const esm = (await import(${JSON.stringify(new URL("../../pkg/index.mjs", import.meta.url).href)})).auditLogEntrySchema;
    const cjs = createRequire(import.meta.url)(${JSON.stringify(fileURLToPath(new URL("../../pkg/index.cjs", import.meta.url)))}).auditLogEntrySchema;
    const made = [esm.safeParse(5), cjs.safeParse(5), esm.validateMany([5]).lines[0], cjs.validateMany([5]).lines[0], esm.safeParse({}), cjs.safeParse({})];
    console.log(JSON.stringify(made.map((o) => %HasFastProperties(o))));`;
  const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), [true, true, true, true, true, true]);
});

test("the browser's form entries' glue, without the speed paths, reads every input as the server entries' glue and gives the same answers", async () => {
  const { createApi } = await import("../../pkg/create-api.js");
  const { validateMany, validateNdjson } = await import("../../pkg/many.js");
  const { AuditLogError } = await import("../../pkg/errors.js");
  // The same module for both (an instance each: a glue owns its instance's areas), so that only
  // the glue differs: speed.js's parts (createApi) or lean.js's (browserApi, as browser-full.js
  // makes them); and lean.js's over the open-types module, as a form page gets them.
  const fast = createApi(browserModule(false), undefined, serverTables);
  const leans = [browserApi(), browserApi(true)];
  const names = { entry: "auditLogEntrySchema", change: "auditLogChangeSchema", action: "auditLogActionSchema" };
  const kinds = [undefined, null, true, 5, NaN, 5n, Symbol("s"), () => 1, "text", [], {}, new (class Thing {})()];
  // [schema, a function that makes the input]: each run gets its own (some records' getters change them).
  const cases = [
    ...recorded.map(({ schema, input }) => [names[schema], () => input]),
    ...Object.values(placements).flatMap((place) => Object.values(awkwardRecords).map((make) => [place(make())[0], () => place(make())[1]])),
    // Inputs of one kind twice: the server entries' glue answers the second from the first.
    ...["auditLogEntrySchema", "platformRecordSchema", "platformResourceSchema", "auditLogActionSchema"].flatMap((name) => [...kinds, ...kinds].map((input) => [name, () => input])),
  ];
  assert.ok(cases.length > 100);
  // Every way a schema answers: safeParse (and its error's message), parse, and Standard Schema's validate.
  const thrown = (f) => {
    try {
      return { value: f() };
    } catch (error) {
      return { issues: error.issues, message: error.message, name: error.name };
    }
  };
  const answers = (schema, make) => {
    const result = schema.safeParse(make());
    return JSON.stringify([answer(result), result.error?.message, thrown(() => schema.parse(make())), schema["~standard"].validate(make())]);
  };
  let compared = 0;
  for (const [name, make] of cases) {
    for (const lean of leans) {
      if (!lean[name]) continue; // the open-types module knows no platform schema
      compared++;
      assert.equal(answers(lean[name], make), answers(fast[name], make), name);
      const result = lean[name].safeParse(make());
      if (result.success) continue;
      // `error` is an own enumerable property in both (a data property here, as in Zod; an
      // accessor that builds it when first read on the server entries), an AuditLogError named as ZodError.
      assert.deepEqual(Object.keys(result), ["success", "error"]);
      assert.ok(Object.getOwnPropertyDescriptor(result, "error").writable, name);
      assert.ok(result.error instanceof AuditLogError && result.error.name === "ZodError", name);
    }
  }
  assert.ok(compared > 150);
  const good = examples.entries.update;
  for (const lean of leans) {
    // Read alike: a proxy sees the same operations, in safeParse and in a batch; batches report alike.
    for (const make of [() => good, () => ({ ...good, id: "", changes: { a: { old: 1 }, b: 5 } }), () => examples.entries.minimal, ...Object.values(awkwardRecords).map((record) => () => ({ ...good, changes: record() }))]) {
      const wrap = (log) => {
        const input = make();
        return loggedProxy({ ...input, changes: input.changes && loggedProxy(input.changes, log) }, log);
      };
      const [leanLog, fastLog, leanBatch, fastBatch] = [[], [], [], []];
      assert.equal(answer(lean.auditLogEntrySchema.safeParse(wrap(leanLog))), answer(fast.auditLogEntrySchema.safeParse(wrap(fastLog))));
      assert.ok(fastLog.length >= 20, "the proxies were read");
      assert.deepEqual(leanLog, fastLog);
      const reports = [validateMany(lean.auditLogEntrySchema, [wrap(leanBatch), 5, 5]), validateMany(fast.auditLogEntrySchema, [wrap(fastBatch), 5, 5])];
      assert.equal(JSON.stringify(reports[0]), JSON.stringify(reports[1]));
      assert.deepEqual(leanBatch, fastBatch);
    }
    const text = [good, { ...good, id: "" }, 5, "{", { ...good, changes: { a: 1 } }].map((v) => (v === "{" ? v : JSON.stringify(v))).join("\n");
    assert.equal(JSON.stringify(validateNdjson(lean.auditLogEntrySchema, text)), JSON.stringify(validateNdjson(fast.auditLogEntrySchema, text)));
    // A getter that validates another entry, in the middle of a call, leaves the outer call's facts as they were.
    const inner = [];
    const nested = {
      ...examples.entries.minimal,
      id: "",
      get actor_id() {
        inner.push(answer(lean.auditLogEntrySchema.safeParse({ ...good, id: [] })));
        return "user_1";
      },
    };
    assert.equal(answer(lean.auditLogEntrySchema.safeParse(nested)), answer(fast.auditLogEntrySchema.safeParse({ ...examples.entries.minimal, id: "", actor_id: "user_1" })));
    assert.deepEqual(inner, [answer(fast.auditLogEntrySchema.safeParse({ ...good, id: [] }))]);
  }
  // No code is made at run time: a page under a Content Security Policy without 'unsafe-eval' sees no refusal.
  const realFunction = globalThis.Function;
  let asked = 0;
  globalThis.Function = function () {
    asked++;
    throw new EvalError("Code generation from strings disallowed for this context");
  };
  try {
    const fresh = browserApi();
    assert.ok(fresh.platformRecordSchema.safeParse({ actorMeta: { a: 1n } }).error.issues.length > 0);
    assert.equal(fresh.auditLogEntrySchema.safeParse(good).success, true);
  } finally {
    globalThis.Function = realFunction;
  }
  assert.equal(asked, 0);
});

test("where a Content Security Policy forbids new Function, the generic readers give the same answers", async () => {
  const { createApi } = await import("../../pkg/create-api.js");
  const wasm = browserModule(false);
  const realFunction = globalThis.Function;
  let api;
  let refused = 0;
  // Readers are compiled on first use, and answers' objects by shape on first read, so every
  // schema is used once, and issues are read, while `new Function` throws.
  globalThis.Function = function () {
    refused++;
    throw new EvalError("Code generation from strings disallowed for this context");
  };
  try {
    api = createApi(wasm, undefined, serverTables);
    for (const name of ["auditLogEntrySchema", "auditLogChangeSchema", "platformRecordSchema", "platformResourceSchema"]) api[name].safeParse({}).error?.issues;
    for (const input of [{ id: "" }, { action: "x", timestamp: "t" }, { changes: { k: 1 } }]) api.auditLogEntrySchema.safeParse(input).error.issues;
  } finally {
    globalThis.Function = realFunction;
  }
  // Asked once: a browser reports every refusal, so the first is remembered (compile.js).
  assert.equal(refused, 1);
  const names = { entry: "auditLogEntrySchema", change: "auditLogChangeSchema", action: "auditLogActionSchema" };
  for (const { schema, name, input, expected } of recorded) {
    assert.equal(JSON.stringify(outcome(api[names[schema]].safeParse(input))), JSON.stringify(expected), `${schema}: ${name}`);
  }
});

test("after a huge input the glue goes back to small buffers (they are copied into wasm on every call)", async () => {
  const { createApi } = await import("../../pkg/create-api.js");
  const wasm = browserModule(false);
  const requested = { facts: [], text: [] };
  const spied = {
    ...Object.fromEntries(Object.entries(wasm)),
    facts_area: (len) => (requested.facts.push(len), wasm.facts_area(len)),
    text_area: (len) => (requested.text.push(len), wasm.text_area(len)),
  };
  const api = createApi(spied, undefined, serverTables);
  const manyKeys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, {}]));
  assert.equal(api.auditLogEntrySchema.safeParse({ ...examples.entries.update, id: "", changes: manyKeys }).success, false);
  assert.equal(api.auditLogEntrySchema.safeParse({ ...examples.entries.update, timestamp: "2".repeat(1_000_000) }).success, false);
  assert.ok(Math.max(...requested.facts) > 100_000 && Math.max(...requested.text) >= 1_000_000, "the huge inputs needed large areas");
  assert.ok(requested.facts.at(-1) <= 1024 && requested.text.at(-1) <= 4096, `areas left large: ${requested.facts.at(-1)}, ${requested.text.at(-1)}`);
  assert.equal(api.auditLogEntrySchema.safeParse(examples.entries.update).success, true);
  // A huge valid input is decided without a call; the next call still copies only small buffers.
  const memoryBefore = wasm.memory.buffer.byteLength;
  assert.equal(api.auditLogEntrySchema.safeParse({ ...examples.entries.update, changes: manyKeys }).success, true);
  const requestedBefore = requested.facts.length;
  assert.equal(api.auditLogEntrySchema.safeParse({ ...examples.entries.update, id: "" }).success, false);
  assert.ok(requested.facts.slice(requestedBefore).every((len) => len <= 1024), `a large area after a valid input: ${requested.facts.slice(requestedBefore)}`);
  assert.equal(wasm.memory.buffer.byteLength, memoryBefore, "wasm memory grew for a small call");
});

test("a failed safeParse builds its error on first read, from its own issues, even after later calls", () => {
  const good = examples.entries.update;
  class Named {}
  // A record key (kept by the glue), a message built at run time (a class name) and static ones.
  const input = { ...good, id: "", actor_id: new Named(), changes: { first: 5, second: { old: 1 } } };
  const result = ours.auditLogEntrySchema.safeParse(input);
  assert.deepEqual(Object.keys(result), ["success", "error"]);
  // Later calls overwrite everything the first one left in wasm memory.
  ours.platformRecordSchema.safeParse({ event: "x" });
  ours.auditLogEntrySchema.safeParse({ ...good, id: "", changes: { other: 1 } });
  ours.auditLogEntrySchema.validateNdjson(`{"changes":{"zzz":1}}\n`);
  const expected = zodSchemas.entry.safeParse(input).error;
  assert.equal(JSON.stringify(result.error.issues), JSON.stringify(expected.issues));
  assert.ok(result.error.issues.some((issue) => issue.message.endsWith("received Named")));
  assert.equal(result.error, result.error, "one error object, built once");
  assert.equal(JSON.stringify(result), JSON.stringify(zodSchemas.entry.safeParse(input)));
  result.error = "replaced";
  assert.equal(result.error, "replaced");
});

test("the tables written into the package at build time are the shipped server module's, the browser's two files join into them, and the browser's module with every schema gives the same name lists", async () => {
  const { createApi } = await import("../../pkg/create-api.js");
  const { default: tables } = await import("../../target/pkg-build/tables.js");
  // wasm-bindgen's glue, which pkg/ carries only inside its entries (build-pkg.mjs stages it).
  const { initSync } = await import("../../target/pkg-build/auditlog_wasm.js");
  const server = initSync({ module: readFileSync(new URL("../../pkg/auditlog_wasm_server_bg.wasm", import.meta.url)) });
  assert.deepEqual(createApi(server).tablesForBuild(), tables, "server module");
  assert.deepEqual(tables.names[1], [...ours.platformEvents]);
  assert.equal(tables.fields.length, 5);
  // The browser's files split the tables (tables-open-types.js, tables-platform.js); its module
  // leaves out the code that writes them, and writes the platform's name lists.
  assert.deepEqual(fullBrowserTables.fields, withoutFastChecks(tables.fields));
  const wasm = browserModule(false);
  assert.equal(wasm.schema_fields, undefined);
  // The platform's name lists as browser-full.js asks them of the module.
  const { createGlue } = await import("../../pkg/core.js");
  const { nameList } = await import("../../pkg/schema-tables.js");
  const glue = createGlue(wasm, undefined, fullBrowserTables, LEAN);
  assert.deepEqual([1, 2, 3].map((which) => [...nameList(glue, undefined, which)]), tables.names.slice(1));
});

test("an error's message: computed per error on first read, assignable, and kept in step by addIssue, as Zod's", () => {
  const inputs = [5, { id: "" }];
  const mine = inputs.map((input) => ours.auditLogEntrySchema.safeParse(input).error);
  const theirs = inputs.map((input) => zodSchemas.entry.safeParse(input).error);
  assert.deepEqual(mine.map((e) => e.message), theirs.map((e) => e.message));
  assert.notEqual(mine[0].message, mine[1].message);
  for (const error of [mine[0], theirs[0]]) {
    error.message = "replaced";
    assert.equal(error.message, "replaced");
  }
  const issue = { code: "custom", path: ["x"], message: "added" };
  mine[1].addIssue(issue);
  theirs[1].addIssue(issue);
  assert.equal(mine[1].message, theirs[1].message);
  assert.equal(mine[1].issues.length, theirs[1].issues.length);
});

test("valid entries are decided in the glue by the module's fast checks, without a call into wasm; anything else is asked of the rules", async () => {
  const { createApi } = await import("../../pkg/create-api.js");
  const wasm = browserModule(false);
  let calls = 0, factsSent = 0;
  const api = createApi({ ...wasm, check: (id, facts, text) => (calls++, (factsSent = facts), wasm.check(id, facts, text)) }, undefined, serverTables);
  const callsFor = (schema, input) => {
    const before = calls;
    const mine = api[schema].safeParse(input);
    const theirs = zodSchemas[{ auditLogEntrySchema: "entry", auditLogChangeSchema: "change", auditLogActionSchema: "action" }[schema]].safeParse(input);
    assert.equal(JSON.stringify(outcome(mine)), JSON.stringify(outcome(theirs)), JSON.stringify(input));
    return calls - before;
  };
  const good = examples.entries.update;
  for (const input of [good, examples.entries.minimal, { ...good, id: "\u{1F600}", changes: {} }, { ...good, id: "\uD800" }]) {
    assert.equal(callsFor("auditLogEntrySchema", input), 0, JSON.stringify(input));
  }
  assert.equal(callsFor("auditLogActionSchema", "read"), 0);
  assert.equal(callsFor("auditLogChangeSchema", { old: 1 }), 0);
  // Each of these fails a fast check (or is outside them), so the rules decide.
  for (const input of [
    { ...good, id: "" },
    { ...good, action: "publish" },
    { ...good, timestamp: "2026-05-16T18:30:00+02:00" },
    { ...good, actor_type: new String("user") },
    { ...good, changes: [] },
    { ...good, changes: { role: 5 } },
    { ...good, changes: { [Symbol("s")]: {} } },
    { ...good, changes: new (class Changes {})() },
    { ...good, changes: { role: { old: 1 }, other: null } },
  ]) {
    assert.equal(callsFor("auditLogEntrySchema", input), 1, String(Object.keys(input)));
  }
  // A valid record is sent as one verified record, like each valid field: the entry's object and
  // its ten fields are 11 records of 4 numbers, the `changes` walk included.
  callsFor("auditLogEntrySchema", { ...good, id: "" });
  assert.equal(factsSent, 44);
  // The platform record has rules across its fields: every input goes to the module.
  const samples = JSON.parse(readFileSync(new URL("../../examples/records.json", import.meta.url), "utf8"));
  const valid = samples.find(({ name }) => name.startsWith("valid:")).record;
  const before = calls;
  assert.equal(api.platformRecordSchema.safeParse(valid).success, true);
  assert.equal(calls - before, 1);
});

test("an input described by its kind alone (5, null, a string for an object) is answered by the module once per kind", async () => {
  const { createApi } = await import("../../pkg/create-api.js");
  const wasm = browserModule(false);
  let calls = 0;
  const api = createApi({ ...wasm, check: (...args) => (calls++, wasm.check(...args)) }, undefined, serverTables);
  const inputs = [5, 6, -0, NaN, Infinity, -Infinity, "a", "a longer string", null, undefined, [], [1, 2], true, false, 5n, Symbol("s"), () => 1];
  for (const round of [1, 2]) {
    for (const input of inputs) {
      const mine = api.auditLogEntrySchema.safeParse(input);
      assert.equal(JSON.stringify(mine.error.issues), JSON.stringify(zodSchemas.entry.safeParse(input).error.issues), String(input));
      assert.throws(() => api.auditLogEntrySchema.parse(input), (e) => JSON.stringify(e.issues) === JSON.stringify(mine.error.issues));
      assert.equal(JSON.stringify(api.auditLogEntrySchema.validateMany([input]).lines[0].issues), JSON.stringify(mine.error.issues));
      // Each answer's issues are its own objects.
      assert.notEqual(api.auditLogEntrySchema.safeParse(input).error.issues[0], mine.error.issues[0]);
    }
    // number, NaN, Infinity, -Infinity, string, null, undefined, array (empty and not: the length
    // is not sent), boolean, bigint, symbol, function
    assert.equal(calls, 12, `round ${round}`);
  }
  // The action schema reads a string's text: those are not kept, other kinds are.
  api.auditLogActionSchema.safeParse(5);
  api.auditLogActionSchema.safeParse(5);
  api.auditLogActionSchema.safeParse("publish");
  api.auditLogActionSchema.safeParse("publish");
  assert.equal(calls, 15);
});

test("the browser entry makes each schema and name list by the number protocol.js gives it", async () => {
  const { SCHEMA_IDS, NAME_LIST_IDS } = await import("../../pkg/protocol.js");
  const source = ["browser-full.js", "browser-open-types.js"].map((file) => readFileSync(new URL(`../../pkg/${file}`, import.meta.url), "utf8")).join("\n");
  const made = (call) => Object.fromEntries([...source.matchAll(new RegExp(`^(?:export )?const (\\w+) = /\\* @__PURE__ \\*/ ${call}`, "gm"))].map((m) => [m[1], Number(m[2])]));
  assert.deepEqual(made("makeSchema\\((\\d+), glue\\);"), SCHEMA_IDS);
  assert.deepEqual(made("nameList\\(glue, [\\w ]+, (\\d+)\\);"), NAME_LIST_IDS);
});

/** Each data segment's start, and each global's `i32.const` start, of a wasm module's bytes. */
function memoryLayout(bytes) {
  let p = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[p++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const layout = { globals: [], data: [] };
  while (p < bytes.length) {
    const id = bytes[p++], size = leb(), end = p + size;
    if (id === 6 || id === 11) {
      for (let n = leb(); n > 0; n--) {
        if (id === 6) p += 2; // value type, mutability
        else assert.equal(leb(), 0, "an active data segment of memory 0");
        assert.equal(bytes[p++], 0x41, "an i32.const");
        (id === 6 ? layout.globals : layout.data).push(leb());
        assert.equal(bytes[p++], 0x0b, "end");
        if (id === 11) {
          const length = leb();
          p += length;
        }
      }
    }
    p = end;
  }
  return layout;
}

test("the browser's modules leave the low 1 KiB of memory unused, as their wasm-opt passes assume (Makefile BROWSER_OPT)", () => {
  for (const file of ["auditlog_wasm_bg.wasm", "auditlog_wasm_open_types_bg.wasm"]) {
    const { globals, data } = memoryLayout(readFileSync(new URL(`../../pkg/${file}`, import.meta.url)));
    // The stack comes first: the stack pointer (the first global) starts at 1 MiB and grows down,
    // and the data lies above it.
    assert.equal(globals[0], 1 << 20, file);
    assert.ok(data.length > 0 && data.every((at) => at >= 1 << 20), `${file}: ${data}`);
  }
});

test("the browser's modules import nothing, so their entries carry no wasm-bindgen glue", () => {
  for (const file of ["auditlog_wasm_bg.wasm", "auditlog_wasm_open_types_bg.wasm"]) {
    const module = new WebAssembly.Module(readFileSync(new URL(`../../pkg/${file}`, import.meta.url)));
    assert.deepEqual(WebAssembly.Module.imports(module), [], file);
    assert.ok(WebAssembly.Module.exports(module).some(({ name }) => name === "check"), file);
  }
  // Every file the browser entry imports, statically or not, followed from browser.js.
  const seen = new Set(), next = ["browser.js"];
  while (next.length > 0) {
    const file = next.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(new URL(`../../pkg/${file}`, import.meta.url), "utf8");
    assert.doesNotMatch(source, /wbindgen|wbg_/, file);
    for (const [, imported] of source.matchAll(/(?:from|import)\s*\(?\s*"\.\/([\w.-]+\.js)"/g)) next.push(imported);
  }
  assert.ok(seen.has("browser-open-types.js") && seen.has("web-inline.js") && seen.has("problems.js"), [...seen].join(" "));
  assert.ok(![...seen].some((file) => file.startsWith("auditlog_wasm")), [...seen].join(" "));
});

test("the browser's modules make every invalid_type message as the server module has it, first and later", async () => {
  // Each module with the glue a page gives it.
  const full = browserApi();
  const openTypes = browserApi(true).auditLogEntrySchema;
  // A value of every kind (src/value.rs), and an instance of a named class.
  const kinds = [undefined, null, true, 5, NaN, Infinity, -Infinity, 5n, Symbol("s"), () => 1, "text", [], {}, new (class Thing {})()];
  const good = examples.entries.update;
  const record = { event: "key.create", workspaceId: "ws_1", display: "", actorId: "user_1", actorType: "user", resources: [{ type: "key", id: "key_1" }] };
  // Where the schemas expect a string, an object, a record, an array and a JSON value.
  const entryInputs = kinds.flatMap((v) => [v, { ...good, id: v }, { ...good, changes: v }, { ...good, changes: { k: v } }]);
  const recordInputs = kinds.flatMap((v) => [{ ...record, resources: v }, { ...record, actorMeta: v }, { ...record, actorMeta: { a: v } }, { ...record, actorMeta: { a: [v] } }]);
  const messages = (schema, inputs) => inputs.map((input) => schema.safeParse(input).error?.issues.map((issue) => issue.message));
  const reference = { entry: messages(ours.auditLogEntrySchema, entryInputs), record: messages(ours.platformRecordSchema, recordInputs) };
  assert.ok(reference.record.flat().some((message) => message?.includes("expected JSON value, received bigint")), "a JSON value is checked");
  assert.ok(reference.record.flat().some((message) => message?.includes("expected array, received null")), "an array is checked");
  for (const round of ["first", "later"]) {
    assert.deepEqual(messages(openTypes, entryInputs), reference.entry, `open-types module, ${round}`);
    assert.deepEqual(messages(full.auditLogEntrySchema, entryInputs), reference.entry, `module with every schema, ${round}`);
    assert.deepEqual(messages(full.platformRecordSchema, recordInputs), reference.record, `module with every schema, ${round}`);
  }
});

test("the browser entry's schemas carry no JSON Schema, as zod/mini's: toJSONSchema gives the server schemas' documents", async () => {
  const { toJSONSchema } = await import("../../pkg/json-schema.js");
  // The open-types module's three schemas, then the five of the module with every schema.
  for (const [api, count] of [[browserApi(true), 3], [browserApi(), 5]]) {
    assert.equal(Object.keys(api).length, count);
    for (const [name, schema] of Object.entries(api)) {
      assert.throws(() => schema.toJSONSchema(), { name: "TypeError", message: /import \{ toJSONSchema \} from "auditlog-wasm" and call toJSONSchema\(schema, \.\.\.\)/ }, name);
      assert.equal("jsonSchema" in schema["~standard"], false, name);
      for (const target of [undefined, "draft-2020-12", "draft-07", "draft-04", "openapi-3.0", "other"]) {
        for (const io of [undefined, "input", "output"]) {
          assert.equal(JSON.stringify(toJSONSchema(schema, { target, io })), JSON.stringify(ours.toJSONSchema(ours[name], { target, io })), `${name} ${target} ${io}`);
        }
      }
      // Another copy of the package's function takes them too (the server entry's bundle here).
      assert.equal(JSON.stringify(ours.toJSONSchema(schema, { io: "input" })), JSON.stringify(toJSONSchema(schema, { io: "input" })), name);
      // The document is a Standard JSON Schema of the schema's values, as the server's is.
      const standard = toJSONSchema(schema)["~standard"];
      assert.equal(standard.validate, schema["~standard"].validate, name);
      assert.equal(JSON.stringify(standard.jsonSchema.input({ target: "draft-07" })), JSON.stringify(ours[name]["~standard"].jsonSchema.input({ target: "draft-07" })), name);
    }
  }
  assert.throws(() => toJSONSchema({ "~standard": {} }), /takes one of auditlog-wasm's schemas/);
});

test("the browser's open-types module gives Zod's answers for the open-types schemas, with the tables the build gives its glue", async () => {
  const { createGlue } = await import("../../pkg/core.js");
  const { makeSchema } = await import("../../pkg/schema.js");
  const { nameList } = await import("../../pkg/schema-tables.js");
  const { MALFORMED, SCHEMA_IDS } = await import("../../pkg/protocol.js");
  const { default: tables } = await import("../../pkg/tables-open-types.js");
  const { default: allTables } = await import("../../target/pkg-build/tables.js");
  assert.deepEqual(tables, { fields: withoutFastChecks(allTables.fields.slice(0, 3)), names: allTables.names.slice(0, 1) });
  const wasm = browserModule(true);
  // It leaves out the code that writes the tables, and knows no platform schema.
  assert.equal(wasm.schema_fields, undefined);
  assert.equal(wasm.name_list, undefined);
  const glue = createGlue(wasm, undefined, tables, LEAN);
  const api = Object.fromEntries(["auditLogEntrySchema", "auditLogChangeSchema", "auditLogActionSchema"].map((name) => [name, makeSchema(SCHEMA_IDS[name], glue)]));
  const names = { entry: "auditLogEntrySchema", change: "auditLogChangeSchema", action: "auditLogActionSchema" };
  for (const { schema, name, input, expected } of recorded) {
    assert.equal(JSON.stringify(outcome(api[names[schema]].safeParse(input))), JSON.stringify(expected), `${schema}: ${name}`);
  }
  assert.deepEqual(nameList(glue, tables, 0), ours.auditLogActions);
  // The browser entry's schemas' batch methods only say where the functions are, which give the
  // server methods' reports.
  const { validateMany, validateNdjson, validateNdjsonStream } = await import("../../pkg/many.js");
  const entry = api.auditLogEntrySchema, good = examples.entries.update, values = [good, { ...good, id: "" }, 5];
  for (const name of ["validateMany", "validateNdjson", "validateNdjsonStream"]) {
    assert.throws(() => entry[name](values), { name: "TypeError", message: new RegExp(`import \\{ ${name} \\} from "auditlog-wasm"`) }, name);
  }
  const text = values.map((v) => JSON.stringify(v)).join("\n");
  const plain = (report) => JSON.parse(JSON.stringify(report));
  assert.deepEqual(plain(validateMany(entry, values)), plain(ours.auditLogEntrySchema.validateMany(values)));
  assert.deepEqual(plain(validateNdjson(entry, text)), plain(ours.auditLogEntrySchema.validateNdjson(text)));
  assert.deepEqual(plain(await validateNdjsonStream(entry, [text])), plain(ours.auditLogEntrySchema.validateNdjson(text)));
  assert.equal(validateMany(entry, values).invalid, 2);
  assert.throws(() => validateMany({ safeParse() {} }, values), TypeError);
  // The record's facts (an empty object's, written with the platform's fact writers) are readable,
  // but the schema is not in this module; without those writers, the glue refuses first.
  const { withPlatformFacts } = await import("../../pkg/platform-facts.js");
  const platformTables = { fields: [...tables.fields, allTables.fields[3]] };
  const platform = makeSchema(SCHEMA_IDS.platformRecordSchema, createGlue(wasm, undefined, platformTables, withPlatformFacts(LEAN)));
  assert.throws(() => platform.safeParse({}), { message: "auditlog-wasm: internal error (malformed facts)" });
  const withoutWriters = makeSchema(SCHEMA_IDS.platformRecordSchema, createGlue(wasm, undefined, platformTables, LEAN));
  assert.throws(() => withoutWriters.safeParse({}), { message: "auditlog-wasm: internal error (this glue reads no arrays or JSON values)" });
  assert.equal(wasm.check(SCHEMA_IDS.platformRecordSchema, 0, 0) >>> 0, MALFORMED);
});
