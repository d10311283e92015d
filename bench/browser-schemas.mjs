// The schemas over a fresh instance of a browser module, which imports nothing, with the tables the
// build writes (neither module has code to give its own): made as the browser's form entry makes
// them (browser-open-types.js, browser-full.js: lean.js's parts, with platform-facts.js's over the
// module with every schema), or with other parts, such as the server entries' (speed.js), to see
// their paths on a module whose memory and calls are in reach. Used by bench/ and tests/js/.
import { readFileSync } from "node:fs";
import { createGlue } from "../pkg/core.js";
import { LEAN } from "../pkg/lean.js";
import { withPlatformFacts } from "../pkg/platform-facts.js";
import { SCHEMA_IDS } from "../pkg/protocol.js";
import { makeSchema } from "../pkg/schema.js";
import openTypesTables from "../pkg/tables-open-types.js";
import fullTables from "../pkg/browser-full-tables.js";

/** A fresh instance's exports of the open-types module, or of the module with every schema. */
export function browserModule(openTypes) {
  const file = openTypes ? "auditlog_wasm_open_types_bg.wasm" : "auditlog_wasm_bg.wasm";
  return new WebAssembly.Instance(new WebAssembly.Module(readFileSync(new URL(`../pkg/${file}`, import.meta.url)))).exports;
}

/**
 * `{ wasm, schemas }`: the instance's exports, and every schema it knows by export name (the
 * open-types module, the first three), made of `parts` with `tables`; by default as the browser's
 * form entry makes them.
 */
export function browserSchemas({ openTypes = true, parts = openTypes ? LEAN : withPlatformFacts(LEAN), tables = openTypes ? openTypesTables : fullTables } = {}) {
  const wasm = browserModule(openTypes);
  const glue = createGlue(wasm, undefined, tables, parts);
  const ids = Object.entries(SCHEMA_IDS).filter(([, id]) => !openTypes || id < 3);
  return { wasm, schemas: Object.fromEntries(ids.map(([name, id]) => [name, makeSchema(id, glue)])) };
}
