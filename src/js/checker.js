// One check of one input against one schema: read it into facts, run the rules, and keep the answer.
import { FactWriter } from "./facts.js";

/**
 * @returns `check(id, input, later)`: `{ data }` when valid, else `{ issues }`, or with `later`
 *   `{ saved }` (issues to build when they are read: Transport.readSaved).
 */
export function makeCheck(transport, tables) {
  // One writer serves every call; a call made from inside another (a getter that validates) gets
  // its own, so the outer call's facts are never overwritten.
  const shared = new FactWriter(tables);
  let depth = 0;
  return (id, input, later = false) => {
    const facts = depth++ === 0 ? shared : new FactWriter(tables);
    try {
      facts.reset();
      const table = tables(id);
      const data = table.isObject ? facts.objectOf(input, id, 0) : facts.node(input, table.fields[0], 0);
      const tokens = transport.run(id, facts);
      if (tokens === 0) return { data };
      return later ? { saved: transport.saveTokens(tokens, facts.keys) } : { issues: transport.readTokens(tokens, facts.keys) };
    } finally {
      depth--;
    }
  };
}
