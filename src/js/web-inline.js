// The browser module inside JavaScript, for bundlers that emit no .wasm file (see browser.js). Only
// browser-full.js imports it, with import(), so that bundlers which do emit the file never load it.
import { inflateBase64 } from "./inline-bytes.js";
import deflated from "./wasm-web-deflated.js";

export async function compileInlineModule() {
  return WebAssembly.compile(await inflateBase64(deflated));
}
