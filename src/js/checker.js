// One check of one input against one schema: read it into facts, run the rules, and keep the answer.
import { FactWriter, primitiveKind } from "./facts.js";
import { RECORD_SLOTS } from "./protocol.js";

/**
 * @returns `check(id, input, later, withData)`: `{ data }` when valid (`data` undefined without
 *   `withData`: a batch keeps only verdicts), else `{ issues }`, or with `later` `{ saved }`
 *   (issues to build when they are read: Transport.readSaved).
 */
export function makeCheck(transport, tables) {
  // One writer serves every call; a call made from inside another (a getter that validates) gets
  // its own, so the outer call's facts are never overwritten.
  const shared = new FactWriter(tables);
  const byKind = new AnswersByKind();
  let depth = 0;
  return (id, input, later = false, withData = true) => {
    const table = tables(id);
    // A string, a number, null... where an object is expected: its facts are its kind alone, and
    // once the rules have answered that kind, the answer is known without writing them.
    if (table.isObject) {
      const kind = primitiveKind(input);
      const saved = kind === undefined ? undefined : byKind.get(id, kind);
      if (saved !== undefined) return later ? { saved } : { issues: transport.readSaved(saved) };
    }
    const facts = depth++ === 0 ? shared : new FactWriter(tables);
    try {
      facts.reset(withData);
      const data = table.isObject ? facts.objectOf(input, id, 0) : facts.node(input, table.fields[0], 0);
      // Every value passed its field's fast check: valid, as the rules would answer.
      if (!facts.doubt) return { data };
      const kind = AnswersByKind.kindOnly(facts);
      let saved = kind === undefined ? undefined : byKind.get(id, kind);
      if (saved === undefined) {
        const tokens = transport.run(id, facts);
        if (tokens === 0) return { data };
        if (!later && kind === undefined) return { issues: transport.readTokens(tokens, facts.keysRead()) };
        saved = transport.saveTokens(tokens, facts.keysRead());
        if (kind !== undefined) byKind.set(id, kind, saved);
      }
      return later ? { saved } : { issues: transport.readSaved(saved) };
    } finally {
      depth--;
    }
  };
}

/**
 * The rules' answers for inputs described by their kind alone (`5`, `null`, a string where an
 * object is expected: one record, no text, no length, no keys), kept by schema and tag. The answer
 * is a function of the facts, so each is asked of the module once; a saved answer is only read
 * (each read builds new issue objects).
 */
class AnswersByKind {
  constructor() {
    this.bySchema = [];
  }

  /** The tag of facts that are one record of nothing but a tag; else `undefined`. */
  static kindOnly(facts) {
    const n = facts.numbers;
    return facts.count === RECORD_SLOTS && facts.textLength === 0 && n[1] === 0 && n[2] === 0 && n[3] === 0 ? n[0] : undefined;
  }

  get(id, tag) {
    return this.bySchema[id]?.get(tag);
  }

  set(id, tag, saved) {
    (this.bySchema[id] ??= new Map()).set(tag, saved);
  }
}
