// The schemas of auditlog-wasm, over a wasm module built from this crate (src/wasm/).
//
// The glue only carries values: guided by the schema tables Rust hands it, it reads each input
// property once, in the order Zod reads it, writes what the rules need to know into wasm memory,
// makes one call, and builds the result from the answer. Which values are valid, which issues are
// reported and every message are decided in Rust; the only checks run here are the ones the tables
// give (fast-checks.js), which accept nothing the rules reject, so that a valid input needs no
// call. The modules, one purpose each:
//
//   facts.js          what the glue tells the rules about an input
//   own-keys.js       a record's keys as Zod lists them, without its cost where Node tells proxies apart
//                     (own-keys-browser.js, in its place in browsers: Reflect.ownKeys)
//   readers.js        an object schema's fields, read in Zod's order (compiled where allowed)
//   fast-checks.js    the checks the glue runs itself: valid inputs never call into wasm
//   transport.js      facts into wasm memory, one call, the answer back out
//   tokens.js         answers turned into JavaScript values
//   compile.js        code made at run time (readers, answers' shapes), asked for once if refused
//   schema-tables.js  how to read each schema, and the model's name lists
//   checker.js        one input checked against one schema
//   schema.js         the schema objects users call (parse, safeParse, ~standard, ...)
//   json-schema.js    their JSON Schema (toJSONSchema, ~standard.jsonSchema)
//   json-schemas.js   the JSON Schema texts (generated from src/json_schema.rs)
//   results.js        a failed safeParse whose error is built when read
//   errors.js         AuditLogError and Zod's helpers over issues; problems.js, its statics that
//                     read a service's answer (fromProblem, fromResponse)
//   batch.js          validateMany and validateNdjson; ndjson-scan.js, NDJSON inside wasm
//   answers.js        many answers alike built fast (NDJSON lines' issues), for the server entries
//   many.js           the same as functions of a schema, and as the server entries' methods
//   stream.js         validateNdjsonStream: NDJSON of any size, from a stream
//   protocol.js       every number that crosses to the module (generated from src/wasm/protocol.rs)
import { makeCheck } from "./checker.js";
import * as jsonSchemas from "./json-schemas.js";
import { withBatchMethods } from "./many.js";
import { NAME_LIST_IDS, SCHEMA_IDS } from "./protocol.js";
import { makeSchema } from "./schema.js";
import { nameList, schemaTables, tablesForBuild } from "./schema-tables.js";
import { Transport } from "./transport.js";

/**
 * What the schema objects share over an instantiated wasm module (see createApi for the parameters).
 * @returns {{ check: Function, readSaved: Function, scan?: Function, transport: Transport, known?: object }}
 */
export function createGlue(wasm, ndjsonScanner, known) {
  const transport = new Transport(wasm);
  const tables = schemaTables(transport, known);
  return {
    check: makeCheck(transport, tables),
    readSaved: (saved) => transport.readSaved(saved),
    scan: ndjsonScanner?.(wasm, transport),
    transport,
    known,
  };
}

/**
 * Builds the package's API over an instantiated wasm module: every schema, with the batch methods,
 * and name list. (The browser entry makes each one by itself, so that bundlers drop those a page
 * does not import, and its schemas' batch methods only say where the functions are: see many.js.)
 * @param {WebAssembly.Exports} wasm its raw exports: `memory`, `check`, `facts_area`, ... (all numeric)
 * @param {Function} [ndjsonScanner] `ndjsonScanner` from ndjson-scan.js, where the module has the
 *   NDJSON scanner (the server build); browsers leave it out and parse NDJSON lines with JSON.parse.
 * @param {{ fields: Array, names?: string[][] }} [known] the tables the module would give, read
 *   from the server module when the package was built (tables.js; the browser entries' tables-*.js,
 *   whose modules cannot give them): asking the module at start-up compiles and runs code only
 *   needed once. Name lists not given are asked of the module.
 */
export function createApi(wasm, ndjsonScanner, known) {
  const glue = createGlue(wasm, ndjsonScanner, known);
  const api = { tablesForBuild: () => tablesForBuild(glue.transport) };
  for (const [name, id] of Object.entries(SCHEMA_IDS)) api[name] = withBatchMethods(makeSchema(id, glue, jsonSchemas[name]));
  for (const [name, which] of Object.entries(NAME_LIST_IDS)) api[name] = nameList(glue.transport, known, which);
  return api;
}
