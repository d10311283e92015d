// The loader of `auditlog-wasm/log` in browsers (log-api.js over it is built into log-browser.js; the
// files it imports ship beside it as they are): the log module (the server module and the log,
// src/wasm/log.rs) through wasm-bindgen's glue (auditlog_wasm_log.js, made by build-pkg; the
// browser entry's modules need none). Loaded as browser.js loads the browser module.
import "./require-webassembly.js";
import { initSync } from "./auditlog_wasm_log.js";
import { loadModule } from "./load-module.js";

const url = new URL("./auditlog_wasm_log_bg.wasm", import.meta.url);
const inline = async () => (await import("./log-inline.js")).compileInlineModule();
export default initSync({ module: await loadModule(url, "auditlog_wasm_log_bg.wasm", import.meta.webpack ? undefined : import.meta.url, inline) });
