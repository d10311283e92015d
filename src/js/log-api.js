// The exports of `auditlog-wasm/log` in every runtime, written here once. `./log-instance.js` is the
// instantiated log module, which each runtime's loader gives its own way (log-browser.js,
// log-portable.js, log-edge.js); build-pkg.mjs bundles this file once per loader, resolving
// `./log-instance.js` to it.
import { createApi } from "./create-api.js";
import { createLogApi } from "./log.js";
import wasm from "./log-instance.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";

export const { auditLogEntrySchema, platformRecordSchema, leafHash, merkleRoot, inclusionProof, consistencyProof,
  verifyInclusion, verifyConsistency, verifyCheckpoint, findFirstDifference } = createLogApi(wasm, createApi(wasm, ndjsonScanner, tables));
export { AuditLogError } from "./problems.js";
export { validateMany, validateNdjson, validateNdjsonStream } from "./many.js";
