// A failed safeParse result, `{ success: false, error }`, with `error` an own enumerable property as
// in Zod's, but built on first read: a caller that only branches on `success` pays for no issue
// objects. A batch's invalid lines, `{ index, issues }`, keep their issues the same way. The
// accessor functions are shared and what they build from sits in a private field: an object literal
// with its own `get error()` cost about 540 ns more a failure (a Node loop), and a symbol key would
// show in spreads and deep equality.
import { errorWithoutStack } from "./errors.js";

/** A base whose constructor returns its argument, so a subclass can install fields on any object. */
class Returns {
  constructor(target) {
    return target;
  }
}

/** What an object's lazy property is built from, in a private field of that object. */
class Pending extends Returns {
  #state;

  constructor(target, state) {
    super(target);
    this.#state = state;
  }

  /** An enumerable, assignable accessor whose value `build(state)` makes on first read. */
  static property(build) {
    return {
      get() {
        const state = this.#state;
        return (state.value ??= build(state));
      },
      set(value) {
        this.#state.value = value;
      },
      enumerable: true,
      configurable: true,
    };
  }
}

const ERROR_PROPERTY = Pending.property((state) => errorWithoutStack(state.read(state.saved)));
const ISSUES_PROPERTY = Pending.property((state) => state.read(state.saved));

// The private field goes in before the accessor: V8 keeps one shape transition per property name
// from `{ success: false }`, shared by every script, and an `error` accessor with other functions
// (another copy of this module, as in an app that loads both index.mjs and index.cjs, or any code
// defining its own) sends the object to V8's slow path: a non-object's failure took 0.78 µs instead
// of 0.34. After this module's private field, the shape is ours alone.

/** The failure whose issues `read(saved)` builds (saving-checker.js's readSaved). */
export function failure(saved, read) {
  const result = { success: false };
  new Pending(result, { saved, read, value: undefined });
  return Object.defineProperty(result, "error", ERROR_PROPERTY);
}

/**
 * A batch's line for an invalid item, `{ index, issues }` (or `{ line, issues }` for NDJSON: `key`),
 * its issues built on first read, by `read(saved)`.
 */
export function invalidLine(index, saved, read, key = "index") {
  const line = key === "index" ? { index } : { [key]: index };
  new Pending(line, { saved, read, value: undefined });
  return Object.defineProperty(line, "issues", ISSUES_PROPERTY);
}
