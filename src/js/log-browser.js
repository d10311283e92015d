// `auditlog-wasm/log` in browsers: the log module (the server module and the log, src/wasm/log.rs)
// in its own instance with its own copy of wasm-bindgen's glue (auditlog_wasm_log.js, made by
// build-pkg), so that a page may load both entries. Loaded as browser.js loads the browser module.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm_log.js";
import { createApi } from "./core.js";
import { loadModule } from "./load-module.js";
import { createLogApi } from "./log.js";
import { ndjsonScanner } from "./ndjson-scan.js";

const url = new URL("./auditlog_wasm_log_bg.wasm", import.meta.url);
const inline = async () => (await import("./log-inline.js")).compileInlineModule();
const wasm = initSync({ module: await loadModule(url, "auditlog_wasm_log_bg.wasm", import.meta.url, inline) });

export const { auditLogEntrySchema, platformRecordSchema, leafHash, merkleRoot, inclusionProof, consistencyProof,
  verifyInclusion, verifyConsistency, verifyCheckpoint, findFirstDifference } = createLogApi(wasm, createApi(wasm, ndjsonScanner));
export { AuditLogError } from "./errors.js";
