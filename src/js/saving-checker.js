// The server entries' check of one input against one schema (speed.js): checker.js's, with the
// verifying fact writer, answers to inputs of one kind kept, and answers saved to be read when asked for.
import { read } from "./checker.js";
import { primitiveKind } from "./facts.js";
import { RECORD_SLOTS } from "./protocol.js";
import { readSaved, saveTokens } from "./transport.js";
import { VerifyingFactWriter } from "./verified-facts.js";

/**
 * The check of the entries with the speed paths (speed.js): answers to inputs described by their
 * kind alone are kept, and with `later` an answer is saved to be read when asked for.
 * @returns `check(id, input, later, withData)`: as makeCheck's, but with `later`, `{ saved }`
 *   instead of `{ issues }` (issues to build when they are read: readSaved in transport.js)
 */
export function makeSavingCheck(transport, tables, nested) {
  // Writers as makeCheck's.
  const shared = new VerifyingFactWriter(tables, nested);
  const byKind = new AnswersByKind();
  let depth = 0;
  return (id, input, later = false, withData = true) => {
    const table = tables(id);
    // A string, a number, null... where an object is expected: its facts are its kind alone, and
    // once the rules have answered that kind, the answer is known without writing them.
    if (table.isObject) {
      const kind = primitiveKind(input);
      const saved = kind === undefined ? undefined : byKind.get(id, kind);
      if (saved !== undefined) return later ? { saved } : { issues: readSaved(transport, saved) };
    }
    const facts = depth++ === 0 ? shared : new VerifyingFactWriter(tables, nested);
    try {
      facts.reset(withData);
      const data = read(facts, table, id, input);
      if (!facts.doubt) return { data };
      const kind = AnswersByKind.kindOnly(facts);
      let saved = kind === undefined ? undefined : byKind.get(id, kind);
      if (saved === undefined) {
        const tokens = transport.run(id, facts);
        if (tokens === 0) return { data };
        if (!later && kind === undefined) return { issues: transport.readTokens(tokens, facts.keysRead()) };
        saved = saveTokens(transport, tokens, facts.keysRead());
        if (kind !== undefined) byKind.set(id, kind, saved);
      }
      return later ? { saved } : { issues: readSaved(transport, saved) };
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
