// `auditlog-wasm/log` in Cloudflare Workers and Next.js's edge runtime: the log module as a
// `.wasm?module` import, as edge.js imports the server module (edge.js says why).
import "./require-webassembly.js";
import { finishInit, wasmImports } from "./auditlog_wasm.js";
import { createApi } from "./core.js";
import { createLogApi } from "./log.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";
import logModule from "./auditlog_wasm_log_bg.wasm?module";

const wasm = finishInit(new WebAssembly.Instance(logModule, wasmImports()), logModule);

export const { auditLogEntrySchema, platformRecordSchema, leafHash, merkleRoot, inclusionProof, consistencyProof,
  verifyInclusion, verifyConsistency, verifyCheckpoint, findFirstDifference } = createLogApi(wasm, createApi(wasm, ndjsonScanner, tables));
export { AuditLogError } from "./errors.js";
