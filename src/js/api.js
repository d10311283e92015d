// The package's exports where the server module is compiled as the entry loads: index.mjs,
// index.cjs and edge.js, written here once. `./instance.js` is the instantiated module, which each
// runtime's loader gives its own way (portable.js, edge.js); build-pkg.mjs bundles this file once
// per loader, resolving `./instance.js` to it.
import { createApi } from "./create-api.js";
import wasm from "./instance.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";

export const { auditLogEntrySchema, auditLogChangeSchema, auditLogActionSchema, platformRecordSchema, platformResourceSchema,
  auditLogActions, platformEvents, platformActorTypes, platformResourceTypes } = createApi(wasm, ndjsonScanner, tables);
export { AuditLogError } from "./problems.js";
export { flattenError, formatError, prettifyError, treeifyError } from "./errors.js";
export { toJSONSchema } from "./json-schema.js";
export { validateMany, validateNdjson, validateNdjsonStream } from "./many.js";
