// One check of one input against one schema: read it into facts, run the rules, and read the answer.
// The server entries' check, which keeps answers, is saving-checker.js.
import { FactWriter } from "./facts.js";

/** Writes the facts of `input` for schema `id` into `facts`; returns the parsed data. */
export function read(facts, table, id, input) {
  return table.isObject ? facts.objectOf(input, id, 0) : facts.node(input, table.fields[0], 0);
}

/**
 * The fact writers of one check, made by `make`: one serves every call, and a call made from inside
 * another (a getter that validates) gets its own, so the outer call's facts are never overwritten.
 * `take(withData)` gives the writer for a call, ready for its input; `release()` ends the call.
 */
export function callWriters(make) {
  const shared = make();
  let depth = 0;
  return {
    take(withData) {
      const facts = depth++ === 0 ? shared : make();
      facts.reset(withData);
      return facts;
    },
    release() {
      depth--;
    },
  };
}

/**
 * The check of the browser's form entries: every input is judged in wasm, and each answer is read
 * as it comes.
 * @returns `check(id, input, later, withData)`: `{ data }` when valid (`data` undefined without
 *   `withData`: a batch keeps only verdicts), else `{ issues }`; `later` (read the answer later) is
 *   the server entries' (saving-checker.js), and ignored here
 */
export function makeCheck(transport, tables, nested) {
  const writers = callWriters(() => new FactWriter(tables, nested));
  return (id, input, later = false, withData = true) => {
    const facts = writers.take(withData);
    try {
      const data = read(facts, tables(id), id, input);
      const tokens = transport.run(id, facts);
      return tokens === 0 ? { data } : { issues: transport.readTokens(tokens, facts.keysRead()) };
    } finally {
      writers.release();
    }
  };
}
