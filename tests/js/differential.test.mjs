// Differential test: the built package and Zod 4.6.7 side by side on generated inputs, through the
// server entry and through the browser's form entry (its glue over the open-types module); the
// first difference fails with the input and both answers. The seed is fixed (tests/js/seeds.mjs) and
// printed; `make explore` tries new ones, and FC_SEED=<seed> replays one.
// FC_RUNS sets how many entries are generated (default 50,000).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ours from "../../pkg/index.mjs";
import * as z from "zod";
import { zodSchemas } from "./zod-reference.mjs";
import { inputs } from "./generators.mjs";
import { fixedSeed } from "./seeds.mjs";
import { browserSchemas } from "../../bench/browser-schemas.mjs";

const seed = fixedSeed("tests/js/differential.test.mjs", 20261101);
const entryRuns = Number(process.env.FC_RUNS ?? 50_000);

const inBrowser = browserSchemas().schemas;
const entries = {
  server: { entry: ours.auditLogEntrySchema, change: ours.auditLogChangeSchema, action: ours.auditLogActionSchema },
  browser: { entry: inBrowser.auditLogEntrySchema, change: inBrowser.auditLogChangeSchema, action: inBrowser.auditLogActionSchema },
};

/** Everything a caller can observe of a safeParse call, as comparable text: its result, or what it threw. */
function observe(schema, input) {
  let result;
  try {
    result = schema.safeParse(input);
  } catch (thrown) {
    // Zod lets some JavaScript errors through (a `length` that cannot become a number): so must we.
    return JSON.stringify({ threw: thrown?.constructor?.name, message: thrown?.message });
  }
  if (result.success) return JSON.stringify({ success: true, data: result.data, keys: Object.keys(result.data ?? {}) });
  const { error } = result;
  return JSON.stringify({ success: false, issues: error.issues, name: error.name, message: error.message, isError: error instanceof Error, views: views(error) });
}

/** The error helpers' views of an error: ours for our errors, Zod's for Zod's. */
function views(error) {
  const helpers = error instanceof ours.AuditLogError ? ours : z;
  return {
    flatten: helpers.flattenError(error),
    treeify: helpers.treeifyError(error),
    prettify: helpers.prettifyError(error),
    format: helpers.formatError(error),
    flattenMethod: error.flatten((issue) => issue.code),
    formatMethod: error.format(),
  };
}

function sameAsZod(schema, input) {
  for (const [entry, schemas] of Object.entries(entries)) sameAsZodThrough(entry, schemas, schema, input);
}

function sameAsZodThrough(entry, schemas, schema, input) {
  const actual = observe(schemas[schema], input);
  const expected = observe(zodSchemas[schema], input);
  if (actual !== expected) {
    assert.fail(`${schema} (the ${entry} entry) differs from Zod on ${JSON.stringify(input)}\n  ours: ${actual}\n  zod:  ${expected}`);
  }
  // parse throws exactly where Zod's parse throws, and the same thing.
  const parseOutcome = (s) => {
    try {
      return JSON.stringify({ data: s.parse(input) });
    } catch (thrown) {
      return JSON.stringify({ threw: thrown?.name, message: thrown?.message });
    }
  };
  assert.equal(parseOutcome(schemas[schema]), parseOutcome(zodSchemas[schema]));
  // Standard Schema's validate: { value } or { issues }, the same ones.
  const validateOutcome = (s) => {
    try {
      const result = s["~standard"].validate(input);
      if (result instanceof Promise) {
        result.catch(() => {}); // compared by kind only; the rejection itself is expected
        return "a promise";
      }
      return JSON.stringify(result);
    } catch (thrown) {
      return JSON.stringify({ threw: thrown?.name });
    }
  };
  assert.equal(validateOutcome(schemas[schema]), validateOutcome(zodSchemas[schema]));
}

const runs = { entry: entryRuns, change: 5_000, action: 5_000 };
for (const [schema, numRuns] of Object.entries(runs)) {
  test(`${numRuns} generated inputs give Zod's answers: ${schema} schema`, () => {
    const started = performance.now();
    fc.assert(fc.property(inputs(schema), (input) => sameAsZod(schema, input)), { numRuns, seed, endOnFailure: true });
    console.log(`${schema}: ${numRuns} generated cases in ${((performance.now() - started) / 1000).toFixed(1)} s, no difference`);
  });
}
