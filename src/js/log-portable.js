// `auditlog-wasm/log` where `auditlog-wasm` is portable.js (built into log.mjs and log.cjs): the log
// module (the server module and the log, src/wasm/log.rs) inside the JavaScript as base64, compiled
// synchronously at load, in an instance of its own.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm.js";
import { createApi } from "./core.js";
import { bytesFromBase64 } from "./inline-bytes.js";
import { createLogApi } from "./log.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";
import logModule from "./wasm-log-base64.js";

const wasm = initSync({ module: bytesFromBase64(logModule) });

export const { auditLogEntrySchema, platformRecordSchema, leafHash, merkleRoot, inclusionProof, consistencyProof,
  verifyInclusion, verifyConsistency, verifyCheckpoint, findFirstDifference } = createLogApi(wasm, createApi(wasm, ndjsonScanner, tables));
export { AuditLogError } from "./errors.js";
