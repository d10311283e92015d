// The entry schema over a fresh instance of a browser module, which imports nothing, with the tables
// the build writes (neither module has code to give its own): made as the browser's form entry makes
// it (browser-open-types.js, browser-full.js: lean.js's parts), or with the server entries' parts
// (speed.js) to see their paths on a module whose memory is in reach.
import { readFileSync } from "node:fs";
import { createGlue } from "../pkg/core.js";
import { auditLogEntrySchema as entryJsonSchemas } from "../pkg/json-schemas.js";
import { LEAN } from "../pkg/lean.js";
import { writeNested } from "../pkg/platform-facts.js";
import { SCHEMA_IDS } from "../pkg/protocol.js";
import { makeSchema } from "../pkg/schema.js";
import openTypesTables from "../pkg/tables-open-types.js";
import fullTables from "../pkg/browser-full-tables.js";

/**
 * `{ wasm, schema }`: the instance's exports and the schema, over the open-types module or the one
 * with every schema, made of `parts` with `tables` (unless given, as browser-open-types.js and
 * browser-full.js make them: lean.js's LEAN, with platform-facts.js's `nested` over the module with
 * every schema, and the browser's tables, which have no fast checks).
 */
export function formEntrySchema({ openTypes = true, parts = openTypes ? LEAN : { ...LEAN, nested: writeNested }, tables = openTypes ? openTypesTables : fullTables } = {}) {
  const file = openTypes ? "auditlog_wasm_open_types_bg.wasm" : "auditlog_wasm_bg.wasm";
  const wasm = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(new URL(`../pkg/${file}`, import.meta.url)))).exports;
  const glue = createGlue(wasm, undefined, tables, parts);
  return { wasm, schema: makeSchema(SCHEMA_IDS.auditLogEntrySchema, glue, entryJsonSchemas) };
}
