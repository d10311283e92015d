// The loader of `auditlog-wasm/log` where `auditlog-wasm` is index.mjs or index.cjs (log-api.js over
// it is built into log.mjs and log.cjs): the log module (the server module and the log, src/wasm/log.rs) inside
// the JavaScript as base64, compiled synchronously at load, in an instance of its own.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm.js";
import { bytesFromBase64 } from "./inline-bytes.js";
import logModule from "./wasm-log-base64.js";

export default initSync({ module: bytesFromBase64(logModule) });
