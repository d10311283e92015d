// The JSON Schema document of each schema, target and io mode, without `$schema`, for
// json-schema.js: read from the texts src/json_schema.rs writes (json-schemas.js). The package
// ships in its place a module that build-pkg.mjs generates, which carries
// each document once, for draft 2020-12 and io "input", and derives the others from it; the build
// checks that it gives these documents, for every schema, target and io mode.
import { JSON_SCHEMAS } from "./json-schemas.js";

export { SCHEMA_URIS } from "./json-schemas.js";

/** A fresh copy of the document of schema `number` (protocol.js SCHEMA_IDS) for `target` and `io`
 * (their numbers in protocol.js); undefined for no schema's number. */
export function jsonSchemaDocument(number, target, io) {
  const texts = Number.isInteger(number) ? JSON_SCHEMAS[number] : undefined;
  return texts && JSON.parse(texts[0][texts[1][target * 2 + io]]);
}
