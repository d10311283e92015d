// The glue's parts for the browser's form entries (browser-open-types.js, browser-full.js): the
// fewest bytes that give every answer. A form checks one input at a time, and its page's download is
// what its users weigh (`make bench` prints both). Each value is judged in wasm, readers are loops
// over the fields, and no code is made at run time (a Content Security Policy without
// 'unsafe-eval' sees no refusal). The other entries take speed.js's parts instead. Over the module
// with every schema, the glue adds platform-facts.js's `nested` part (browser-full.js).
import { makeCheck } from "./checker.js";
import { genericReader } from "./readers.js";
import { assignShape } from "./tokens.js";

/** @type {import("./core.js").Parts} */
export const LEAN = { makeCheck, reader: genericReader, shapes: assignShape };
