// The server entries' check of one input against one schema (speed.js): checker.js's, with the
// verifying fact writer, answers to inputs of one kind kept, and answers saved to be read when
// asked for, by a failed safeParse (results.js) or a batch's line.
import { callWriters, read } from "./checker.js";
import { primitiveKind } from "./facts.js";
import { RECORD_SLOTS } from "./protocol.js";
import { failure } from "./results.js";
import { decodeTokens, dynamicStrings } from "./tokens.js";
import { VerifyingFactWriter } from "./verified-facts.js";

// What a saved answer that refers to no keys keeps (never the writer's own array, which changes).
const NO_KEYS = Object.freeze([]);

/**
 * The check of the entries with the speed paths (speed.js): answers to inputs described by their
 * kind alone are kept, and with `later` an answer is saved to be read when asked for.
 * @returns `check(id, input, later, withData)`: as makeCheck's, but with `later`, `{ saved }`
 *   instead of `{ issues }` (issues to build when they are read: readSaved, below)
 */
export function makeSavingCheck(transport, tables, nested) {
  const writers = callWriters(() => new VerifyingFactWriter(tables, nested));
  const byKind = new AnswersByKind();
  return (id, input, later = false, withData = true) => {
    const table = tables(id);
    // A string, a number, null... where an object is expected: its facts are its kind alone, and
    // once the rules have answered that kind, the answer is known without writing them.
    if (table.isObject) {
      const kind = primitiveKind(input);
      const saved = kind === undefined ? undefined : byKind.get(id, kind);
      if (saved !== undefined) return later ? { saved } : { issues: readSaved(transport, saved) };
    }
    const facts = writers.take(withData);
    try {
      const data = read(facts, table, id, input);
      // Every value passed its field's fast check: valid, as the rules would answer.
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
      writers.release();
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

/**
 * The last answer of `transport`'s module, copied out of wasm memory to be read later (`readSaved`):
 * strings that live only until the next call are decoded now, the rest stay numbers. A safeParse
 * whose error is never read then builds no issue objects (most of an invalid call's time).
 */
function saveTokens(transport, count, keys) {
  const at = (transport.wasm.tokens_area() >>> 0) / 4;
  // A plain array: a typed-array copy allocates a buffer, slower for these few numbers.
  const u32 = transport.views().u32, tokens = new Array(count);
  for (let i = 0; i < count; i++) tokens[i] = u32[at + i];
  const strings = transport.wasm.answer_strings() === 0 ? null : dynamicStrings(tokens, (address, length) => transport.string(false, address, length));
  return { tokens, keys: keys.length === 0 ? NO_KEYS : keys.slice(), strings };
}

/** The value a saved answer (`saveTokens`) describes. */
function readSaved(transport, saved) {
  let dynamic = 0;
  const string = (isStatic, address, length) => (isStatic ? transport.string(true, address, length) : saved.strings[dynamic++]);
  return decodeTokens(saved.tokens, 0, saved.tokens.length, saved.keys, string, transport.shapes);
}

/**
 * What a glue whose check saves answers gives its schemas (core.js createGlue): how to read a saved
 * answer (a batch's line), and the failed safeParse that reads it when its `error` is.
 */
export function savedAnswers(transport) {
  const read = (saved) => readSaved(transport, saved);
  return { readSaved: read, failed: (saved) => failure(saved, read) };
}
