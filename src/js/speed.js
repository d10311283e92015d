// The glue's parts for the entries that check many inputs (Node, edge runtimes, the log's entries):
// each only makes the glue faster. Readers compiled per schema, checks run in JavaScript so that a
// valid input needs no call into wasm, answers' objects made by compiled literals, answers to
// inputs of one kind kept, and failures whose issues are built when first read. Every answer is the
// same as with lean.js's parts, which the browser's form entries take: each lean part does what its
// fast one does, the slow way (schemas.test compares the two glues answer by answer).
import { makeSavingCheck, savedAnswers } from "./saving-checker.js";
import { fastCheck } from "./fast-checks.js";
import { writeNested } from "./platform-facts.js";
import { compileReader } from "./readers.js";
import { compileShape } from "./tokens.js";

/** @type {import("./core.js").Parts} */
export const SPEED = { makeCheck: makeSavingCheck, reader: compileReader, shapes: compileShape, nested: writeNested, fastCheck, savedAnswers };
