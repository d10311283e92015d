// A failed safeParse result, `{ success: false, error }`, with `error` an own enumerable property as
// in Zod's, but built on first read: a caller that only branches on `success` pays for no issue
// objects. A batch's invalid lines keep their issues the same way. The accessor functions are shared and the state sits under a symbol: an object literal
// with its own `get error()` costs several times more to create (bench/README.md).
import { errorWithoutStack } from "./errors.js";

const LAZY_ERROR = Symbol("auditlog-wasm lazy error");

const LAZY_ERROR_PROPERTY = {
  get() {
    const state = this[LAZY_ERROR];
    return (state.error ??= errorWithoutStack(state.read(state.saved)));
  },
  set(error) {
    this[LAZY_ERROR].error = error;
  },
  enumerable: true,
  configurable: true,
};

/** The failure whose issues `read(saved)` builds (Transport.readSaved). */
export function failure(saved, read) {
  return Object.defineProperty({ success: false, [LAZY_ERROR]: { saved, read, error: undefined } }, "error", LAZY_ERROR_PROPERTY);
}

const LAZY_ISSUES = Symbol("auditlog-wasm lazy issues");

const LAZY_ISSUES_PROPERTY = {
  get() {
    const state = this[LAZY_ISSUES];
    return (state.issues ??= state.read(state.saved));
  },
  set(issues) {
    this[LAZY_ISSUES].issues = issues;
  },
  enumerable: true,
  configurable: true,
};

/** A batch's line for an invalid item, `{ index, issues }`, its issues built on first read. */
export function invalidLine(index, saved, read) {
  return Object.defineProperty({ index, [LAZY_ISSUES]: { saved, read, issues: undefined } }, "issues", LAZY_ISSUES_PROPERTY);
}
