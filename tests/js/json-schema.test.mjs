// The package's JSON Schemas: byte for byte what Zod 4.6.7 writes for the same schemas, through
// toJSONSchema, schema.toJSONSchema and Standard JSON Schema's ~standard.jsonSchema, for every
// target and io mode; a JSON Schema validator (ajv) compiled from ours accepts exactly what the
// package accepts; and a real consumer of Standard JSON Schema (the AI SDK) gets the same schema
// from ours as from Zod's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { asSchema } from "@ai-sdk/provider-utils";
import * as ours from "../../pkg/index.mjs";
import { zodSchemas } from "./zod-reference.mjs";
import { inputs } from "./generators.mjs";
import { IO_MODES, TARGETS, jsonSchemasUrl, recordJsonSchemas } from "./record-json-schemas.mjs";
import { fixedSeed } from "./seeds.mjs";

const recorded = JSON.parse(readFileSync(jsonSchemasUrl, "utf8"));
const names = { entry: "auditLogEntrySchema", change: "auditLogChangeSchema", action: "auditLogActionSchema" };

test("the recording of Zod's JSON Schemas is up to date (else run: node tests/js/record-json-schemas.mjs)", () => {
  assert.deepEqual(recordJsonSchemas(), recorded);
  assert.equal(recorded.length, Object.keys(names).length * TARGETS.length * IO_MODES.length);
});

test("toJSONSchema and schema.toJSONSchema write Zod's JSON Schema byte for byte, every target and io mode", () => {
  for (const { schema, target, io, json } of recorded) {
    const params = { target: target ?? undefined, io: io ?? undefined };
    assert.equal(JSON.stringify(ours.toJSONSchema(ours[names[schema]], params)), json, `${schema} ${target} ${io}`);
    assert.equal(JSON.stringify(ours[names[schema]].toJSONSchema(params)), json, `${schema} ${target} ${io}`);
  }
});

test("~standard.jsonSchema.input/output answer as Zod's, for Zod's targets and others", () => {
  for (const [schema, name] of Object.entries(names)) {
    const mine = ours[name]["~standard"].jsonSchema, theirs = zodSchemas[schema]["~standard"].jsonSchema;
    for (const target of [...TARGETS, 5, null]) {
      for (const io of ["input", "output"]) {
        assert.equal(JSON.stringify(mine[io]({ target })), JSON.stringify(theirs[io]({ target })), `${schema} ${io} ${target}`);
      }
    }
    assert.equal(JSON.stringify(mine.input()), JSON.stringify(theirs.input()), `${schema}: no options`);
    const libraryOptions = { libraryOptions: { io: "output", target: "draft-07" }, target: "openapi-3.0" };
    assert.equal(JSON.stringify(mine.input(libraryOptions)), JSON.stringify(theirs.input(libraryOptions)), `${schema}: libraryOptions`);
  }
});

test("each result is a fresh object that carries ~standard, as Zod's does", () => {
  const first = ours.toJSONSchema(ours.auditLogEntrySchema);
  first.properties.id.minLength = 99;
  const second = ours.toJSONSchema(ours.auditLogEntrySchema);
  assert.equal(second.properties.id.minLength, 1);
  const standard = Object.getOwnPropertyDescriptor(second, "~standard");
  assert.equal(standard.enumerable, false);
  assert.deepEqual(Object.keys(standard.value).sort(), ["jsonSchema", "validate", "vendor", "version"]);
  assert.equal(standard.value.validate({}).issues.length, 6);
});

test("toJSONSchema takes the schemas of auditlog-wasm/log, another bundle of the package", async () => {
  const log = await import("../../pkg/log.mjs");
  for (const name of ["auditLogEntrySchema", "platformRecordSchema"]) {
    assert.equal(JSON.stringify(ours.toJSONSchema(log[name])), JSON.stringify(ours.toJSONSchema(ours[name])), name);
    assert.equal(JSON.stringify(log[name].toJSONSchema({ target: "draft-07" })), JSON.stringify(ours[name].toJSONSchema({ target: "draft-07" })), name);
  }
});

test("toJSONSchema refuses what it cannot do, with a clear error", () => {
  assert.throws(() => ours.toJSONSchema(zodSchemas.entry), TypeError);
  assert.throws(() => ours.toJSONSchema({}), /takes one of auditlog-wasm's schemas/);
  assert.throws(() => ours.toJSONSchema(ours.auditLogEntrySchema, { override: () => {} }), /override/);
  // Zod's options that change nothing for these schemas are taken.
  const plain = JSON.stringify(ours.toJSONSchema(ours.auditLogEntrySchema));
  for (const params of [{ reused: "ref" }, { cycles: "throw" }, { unrepresentable: "any" }]) {
    assert.equal(JSON.stringify(ours.toJSONSchema(ours.auditLogEntrySchema, params)), plain, JSON.stringify(params));
  }
});

test("the platform record's JSON Schema: its lists, limits, IP format and metadata, and a description of what it cannot say", () => {
  const schema = ours.toJSONSchema(ours.platformRecordSchema, { io: "input" });
  assert.deepEqual(schema.properties.event.enum, [...ours.platformEvents]);
  assert.deepEqual(schema.properties.resources.items.properties.type.enum, [...ours.platformResourceTypes]);
  assert.equal(schema.properties.display.maxLength, 256);
  assert.deepEqual(schema.properties.remoteIp.anyOf.map((s) => s.format ?? "empty"), ["empty", "ipv4", "ipv6"]);
  assert.equal(schema.properties.actorMeta.type, "object");
  assert.match(schema.description, /missing_resource.*duplicate_resource_id/s);
});

/**
 * Where JSON Schema and the package (as Zod) part ways, named: each disagreement of ajv with the
 * package on the generated inputs must be one of these. Each comes with an input that shows it.
 */
const EXCEPTIONS = {
  // Zod's z.record skips a `__proto__` key without checking its value; JSON Schema checks every key.
  "a __proto__ key in changes": {
    applies: (input) => input?.changes !== null && typeof input?.changes === "object" && Object.hasOwn(input.changes, "__proto__"),
    example: JSON.parse(`{"id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z","changes":{"__proto__":5}}`),
  },
};

test("ajv (draft 2020-12, ajv-formats) compiled from the entry's JSON Schema accepts exactly what the package accepts", () => {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(ours.toJSONSchema(ours.auditLogEntrySchema, { io: "input" }));
  for (const [name, { applies, example }] of Object.entries(EXCEPTIONS)) {
    assert.ok(applies(example), name);
    assert.notEqual(validate(example), ours.auditLogEntrySchema.safeParse(example).success, `${name}: the example shows no difference`);
  }
  const seed = fixedSeed("tests/js/json-schema.test.mjs", 20261105);
  const seen = Object.fromEntries(Object.keys(EXCEPTIONS).map((name) => [name, 0]));
  let accepted = 0, runs = 0;
  fc.assert(
    fc.property(inputs("entry"), (raw) => {
      // JSON inputs only: what a JSON Schema validator is given.
      const text = JSON.stringify(raw);
      if (text === undefined) return;
      const input = JSON.parse(text);
      runs++;
      const ourVerdict = ours.auditLogEntrySchema.safeParse(input).success;
      accepted += ourVerdict;
      if (validate(input) === ourVerdict) return;
      const exception = Object.keys(EXCEPTIONS).find((name) => EXCEPTIONS[name].applies(input));
      assert.ok(exception, `ajv says ${!ourVerdict}, the package ${ourVerdict}: ${text}\n${JSON.stringify(validate.errors)}`);
      seen[exception]++;
    }),
    { numRuns: 20_000, seed, endOnFailure: true },
  );
  console.log(`ajv: ${runs} JSON inputs, ${accepted} accepted, named exceptions met: ${JSON.stringify(seen)}`);
  assert.ok(accepted > 1_000, "the corpus must reach valid entries");
});

test("the AI SDK (asSchema, Standard JSON Schema) gets the same JSON Schema from ours as from Zod's", () => {
  for (const [schema, name] of Object.entries(names)) {
    assert.equal(JSON.stringify(asSchema(ours[name]).jsonSchema), JSON.stringify(asSchema(zodSchemas[schema]).jsonSchema), schema);
  }
});
