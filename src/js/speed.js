// The glue's parts for the entries that check many inputs (Node, edge runtimes, the log's entries):
// each only makes the glue faster. Readers compiled per schema, checks run in JavaScript so that a
// valid input needs no call into wasm, answers' objects made by compiled literals, answers to
// inputs of one kind kept, and failures whose issues are built when first read. Every answer is the
// same as with lean.js's parts, which the browser's form entries take: what runs without each path
// is the fallback it has where code generation is refused.
import { makeSavingCheck } from "./saving-checker.js";
import { fastCheck } from "./fast-checks.js";
import { writeNested } from "./platform-facts.js";
import { compileReader } from "./readers.js";
import { failure } from "./results.js";
import { compileShape } from "./tokens.js";

/**
 * What a glue is made of (core.js createGlue).
 * @typedef {object} Parts
 * @property {Function} makeCheck the check (checker.js, saving-checker.js)
 * @property {Function} reader an object schema's reader (readers.js)
 * @property {Function} shapes how answers' objects are made (tokens.js Shape)
 * @property {Function} [nested] what writes arrays and JSON values (platform-facts.js), for a
 *   module with the platform's schemas
 * @property {Function} [fastCheck] a field's check in JavaScript (fast-checks.js)
 * @property {Function} [failure] a failed safeParse whose issues are read when asked for
 *   (results.js), where the check saves answers
 */

/** @type {Parts} */
export const SPEED = { makeCheck: makeSavingCheck, reader: compileReader, shapes: compileShape, nested: writeNested, fastCheck, failure };
