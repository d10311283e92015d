// Many inputs against one schema: validateMany, validateNdjson and validateNdjsonStream, as
// functions of the schema, which every entry exports. The server entries' schemas also have them as
// methods (create-api.js); the browser entry's do not, so that a page that never batches downloads none of it.
import { checkNdjson, validateMany as many, validateNdjson as ndjson } from "./batch.js";
import { CHECKS } from "./schema.js";

function checksOf(schema, name) {
  const checks = schema?.[CHECKS];
  if (checks === undefined) throw new TypeError(`auditlog-wasm: ${name} takes one of auditlog-wasm's schemas`);
  return checks;
}

/** `{ total, valid, invalid, lines: [{ index, issues }] }` for an array of values (batch.js). */
export function validateMany(schema, values) {
  const { checkOne, readSaved } = checksOf(schema, "validateMany");
  return many(checkOne, readSaved, values);
}

/** `{ total, valid, invalid, lines: [{ line, issues }] }` for NDJSON text or bytes (batch.js). */
export function validateNdjson(schema, input) {
  const { checkOne, scanOne } = checksOf(schema, "validateNdjson");
  return ndjson(checkOne, scanOne, input);
}

/** validateNdjson's report for NDJSON of any size, from a stream (stream.js). */
export async function validateNdjsonStream(schema, source, options) {
  const { checkOne, scanOne } = checksOf(schema, "validateNdjsonStream");
  // Imported on first use: bundlers that split code give it its own chunk.
  const { validateNdjsonStream: stream } = await import("./stream.js");
  return stream((bytes, atStart) => checkNdjson(checkOne, scanOne, bytes, atStart), source, options);
}

/** The same as methods of `schema`, as the server entries' schemas have them. */
export function withBatchMethods(schema) {
  schema.validateMany = (values) => validateMany(schema, values);
  schema.validateNdjson = (input) => validateNdjson(schema, input);
  schema.validateNdjsonStream = (source, options) => validateNdjsonStream(schema, source, options);
  return schema;
}
