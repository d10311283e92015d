// The open-types module inside JavaScript, as web-inline.js carries the other: only
// browser-open-types.js imports it, with import().
import { inflateBase64 } from "./inline-bytes.js";
import deflated from "./wasm-open-types-deflated.js";

export async function compileInlineModule() {
  return WebAssembly.compile(await inflateBase64(deflated));
}
