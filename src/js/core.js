// The schemas of auditlog-wasm, over a wasm module built from this crate (src/wasm/).
//
// The glue only carries values: guided by the schema tables Rust hands it, it reads each input
// property once, in the order Zod reads it, writes what the rules need to know into wasm memory,
// makes one call, and builds the result from the answer. Which values are valid, which issues are
// reported and every message are decided in Rust; the only checks run here are the ones the tables
// give (fast-checks.js), which accept nothing the rules reject, so that a valid input needs no
// call (in the server entries' glue: speed.js). The modules, one purpose each:
//
//   facts.js          what the glue tells the rules about an input
//   platform-facts.js the same for arrays and JSON values, which only the platform's schemas have
//   verified-facts.js the server entries' writer: values their fast checks accept, written as verified
//   own-keys.js       a record's keys as Zod lists them, without its cost where Node tells proxies apart
//                     (own-keys-browser.js, in its place in browsers: Reflect.ownKeys)
//   readers.js        an object schema's fields, read in Zod's order (compiled, for the server
//                     entries, where allowed)
//   fast-checks.js    the checks the server entries' glue runs itself: valid inputs never call into wasm
//   transport.js      facts into wasm memory, one call, the answer back out
//   tokens.js         answers turned into JavaScript values
//   compile.js        code made at run time (readers, answers' shapes), asked for once if refused
//   schema-tables.js  how to read each schema, and the model's name lists
//   checker.js        one input checked against one schema; saving-checker.js, the server entries'
//   speed.js          the glue's parts that make it faster, for every entry but the forms'
//   lean.js           the forms' parts: the fewest bytes, every answer the same
//   create-api.js     the whole API over a module, with speed.js's parts: the server entries'
//   schema.js         the schema objects users call (parse, safeParse, ~standard, ...)
//   json-schema.js    their JSON Schema (toJSONSchema, ~standard.jsonSchema)
//   json-schema-documents.js  the documents, from json-schemas.js, the texts generated from
//                     src/json_schema.rs (the package ships a generated, smaller one: build-pkg.mjs)
//   results.js        a failed safeParse whose error is built when read
//   errors.js         AuditLogError and Zod's helpers over issues; problems.js, its statics that
//                     read a service's answer (fromProblem, fromResponse)
//   batch.js          validateMany and validateNdjson; ndjson-scan.js, NDJSON inside wasm
//   answers.js        many answers alike built fast (NDJSON lines' issues), for the server entries
//   many.js           the same as functions of a schema, and as the server entries' methods
//   stream.js         validateNdjsonStream: NDJSON of any size, from a stream
//   protocol.js       every number that crosses to the module (generated from src/wasm/protocol.rs)
import { schemaTables } from "./schema-tables.js";
import { Transport } from "./transport.js";

/**
 * What a glue is made of (createGlue).
 * @typedef {object} Parts
 * @property {Function} makeCheck the check (checker.js, saving-checker.js)
 * @property {Function} reader an object schema's reader (readers.js)
 * @property {Function} shapes how answers' objects are made (tokens.js Shape)
 * @property {Function} [nested] what writes arrays and JSON values (platform-facts.js), for a
 *   module with the platform's schemas
 * @property {Function} [fastCheck] a field's check in JavaScript (fast-checks.js)
 * @property {Function} [savedAnswers] how the schemas read the answers the check saves, and the
 *   failed safeParse that reads them when asked for (saving-checker.js)
 */

/**
 * What the schema objects share over an instantiated wasm module.
 * @param {WebAssembly.Exports} wasm its raw exports: `memory`, `check`, `facts_area`, ... (all numeric)
 * @param {Function} [ndjsonScanner] `ndjsonScanner` from ndjson-scan.js, where the module has the
 *   NDJSON scanner (the server and log builds); without it, NDJSON lines are parsed with JSON.parse.
 * @param {{ fields: Array, names?: string[][] }} [known] the tables the module would give, read
 *   from the server module when the package was built (tables.js; for the browser's modules, which
 *   cannot give them, tables-open-types.js and browser-full-tables.js): asking the module at
 *   start-up compiles and runs code only needed once. Name lists not given are asked of the module.
 * @param {Parts} parts what the glue is made of: speed.js's SPEED, or lean.js's LEAN (the browser's
 *   form entries)
 * @returns {{ check: Function, readSaved?: Function, failed?: Function, scan?: Function, transport: Transport, known?: object }}
 */
export function createGlue(wasm, ndjsonScanner, known, parts) {
  const transport = new Transport(wasm, parts.shapes);
  const glue = { check: parts.makeCheck(transport, schemaTables(transport, known, parts), parts.nested), readSaved: undefined, failed: undefined, scan: ndjsonScanner?.(wasm, transport), transport, known };
  // A check that saves answers (speed.js) hands them to what reads them when asked for.
  return parts.savedAnswers ? Object.assign(glue, parts.savedAnswers(transport)) : glue;
}
