// The package's whole API over a module, made of speed.js's parts: every schema with its batch
// methods, and every name list. The server entries (api.js, log-api.js) use it; the browser entry
// makes each schema by itself (browser-open-types.js, browser-full.js).
import { createGlue } from "./core.js";
import { addJsonSchema } from "./json-schema.js";
import { withBatchMethods } from "./many.js";
import { NAME_LIST_IDS, SCHEMA_IDS } from "./protocol.js";
import { makeSchema } from "./schema.js";
import { nameList, tablesForBuild } from "./schema-tables.js";
import { SPEED } from "./speed.js";

/**
 * Builds the package's API over an instantiated wasm module: every schema, with the batch methods,
 * and name list. (The browser entry makes each one by itself, so that bundlers drop those a page
 * does not import, and its schemas' batch methods only say where the functions are: see many.js.)
 * The parameters are core.js createGlue's first three.
 */
export function createApi(wasm, ndjsonScanner, known) {
  const glue = createGlue(wasm, ndjsonScanner, known, SPEED);
  const api = { tablesForBuild: () => tablesForBuild(glue.transport) };
  for (const [name, id] of Object.entries(SCHEMA_IDS)) api[name] = withBatchMethods(addJsonSchema(makeSchema(id, glue)));
  for (const [name, which] of Object.entries(NAME_LIST_IDS)) api[name] = nameList(glue, known, which);
  return api;
}
