// The values of many answers alike (AnswerBuilders), for the NDJSON paths: only the server entries
// import this file (through ndjson-scan.js and ndjson-threads.js), so the forms' bundles do not
// carry it.
import { TOKEN_ARRAY, TOKEN_FALSE, TOKEN_NUMBER, TOKEN_OBJECT, TOKEN_STATIC_STR, TOKEN_STR, TOKEN_TRUE } from "./protocol.js";
import { compile } from "./compile.js";
import { decodeTokens, eachString } from "./tokens.js";

// Answers of NDJSON lines refer to no record keys (TOKEN_KEY).
const NO_KEYS = Object.freeze([]);
// A file's invalid lines mostly fail in a few ways (a field missing, a value of a kind), and a kind
// is compiled only when seen a second time. At most MAX_KINDS kinds are remembered: the next one
// makes the builders forget them all and learn again, so that kinds seen once, or common long ago,
// never keep today's common ones from being compiled. Answers longer than MAX_WORDS (a record with
// many bad items) are read with decodeTokens: each is rare, and its literal would be large.
const MAX_KINDS = 256;
const MAX_WORDS = 512;

/**
 * The values of many answers alike, such as an NDJSON file's invalid lines: an answer seen a second
 * time is compiled into a function that builds its value as one literal would, and each later
 * answer with the same tokens (but for its made strings) runs it. The rest, and all where code
 * generation is refused, are read with decodeTokens. The answers are one module's (static strings
 * are known by their address), and `shapes` is the root Shape for them; `hash` is tokensHash but
 * in tests, which give every answer one hash to show that kinds are told apart by their tokens.
 */
export class AnswerBuilders {
  constructor(shapes, hash = tokensHash) {
    this.shapes = shapes;
    this.byHash = new Map(); // the kinds of answer seen, by hash: [{ tokens, free, seen, build }]
    this.kinds = 0;
    this.hash = hash;
  }

  /**
   * The value the tokens `u32[at..end]` describe, as decodeTokens builds it with `string`
   * (`string(isStatic, address, length)`: a string's text; made strings are asked for in order).
   */
  value(u32, at, end, string) {
    return this.build(this.kind(u32, at, end), u32, at, end, string);
  }

  /** The kind of the answer `u32[at..end]`, learned if new; null for an answer that is only read. */
  kind(u32, at, end) {
    if (end - at > MAX_WORDS) return null;
    const hash = this.hash(u32, at, end);
    let kinds = this.byHash.get(hash);
    if (kinds !== undefined) for (let i = 0; i < kinds.length; i++) if (alike(kinds[i], u32, at, end)) return kinds[i];
    if (this.kinds === MAX_KINDS) {
      this.byHash.clear();
      this.kinds = 0;
      kinds = undefined;
    }
    this.kinds++;
    const tokens = u32.slice(at, end);
    const kind = { tokens, free: madeStringWords(tokens), seen: 0, build: undefined };
    if (kinds === undefined) this.byHash.set(hash, [kind]);
    else kinds.push(kind);
    return kind;
  }

  /** `value`, for an answer whose kind (`kind` above) is known. */
  build(kind, u32, at, end, string) {
    if (kind !== null && kind.build === undefined && ++kind.seen === 2) kind.build = compileAnswer(kind.tokens, string) ?? null;
    if (kind?.build) return kind.build(u32, at, string);
    return decodeTokens(u32, at, end, NO_KEYS, string, this.shapes);
  }
}

/**
 * A hash of `u32[at..end]` that answers of one kind share: the words of a made string (TOKEN_STR)
 * are left out, and the length of a static one (its address names it).
 */
function tokensHash(u32, at, end) {
  let hash = end - at;
  for (let i = at; i < end; ) {
    const head = u32[i];
    hash = Math.imul(hash ^ head, 0x9e3779b1);
    if (head === TOKEN_STR) i += 3;
    else if (head === TOKEN_TRUE || head === TOKEN_FALSE) i += 1;
    else {
      hash = Math.imul(hash ^ u32[i + 1], 0x85ebca6b);
      i += head === TOKEN_STATIC_STR ? 3 : 2;
    }
  }
  return hash;
}

/** Which words of `tokens` may differ between answers of its kind: those of its made strings. */
function madeStringWords(tokens) {
  const words = new Uint8Array(tokens.length);
  eachString(tokens, (isStatic, i) => {
    if (!isStatic) words[i + 1] = words[i + 2] = 1;
  });
  return words;
}

/** Whether `u32[at..end]` is an answer of `kind`. */
function alike(kind, u32, at, end) {
  const tokens = kind.tokens, free = kind.free;
  if (tokens.length !== end - at) return false;
  for (let i = 0; i < tokens.length; i++) if (tokens[i] !== u32[at + i] && free[i] === 0) return false;
  return true;
}

/**
 * A function `(u32, at, string)` that builds the value of answers of the kind `tokens` is, as one
 * literal, from tokens at `u32[at..]` (its made strings read with `string(false, address, length)`);
 * undefined for tokens it does not build (record keys, keys that are not static strings,
 * `__proto__`) and where code generation is refused.
 */
function compileAnswer(tokens, string) {
  let i = 0, ok = true;
  const expression = () => {
    if (i >= tokens.length) { ok = false; return "0"; }
    const head = tokens[i++];
    switch (head) {
      case TOKEN_ARRAY: {
        const items = [];
        for (let n = tokens[i++]; n > 0 && ok; n--) items.push(expression());
        return `[${items.join(", ")}]`;
      }
      case TOKEN_OBJECT: {
        const entries = [];
        for (let n = tokens[i++]; n > 0 && ok; n--) {
          if (tokens[i] !== TOKEN_STATIC_STR) { ok = false; return "0"; }
          const key = string(true, tokens[i + 1], tokens[i + 2]);
          i += 3;
          // A literal `__proto__: v` would set the prototype instead of making a key.
          if (key === "__proto__") ok = false;
          entries.push(`${JSON.stringify(key)}: ${expression()}`);
        }
        return `{ ${entries.join(", ")} }`;
      }
      case TOKEN_STATIC_STR: i += 2; return JSON.stringify(string(true, tokens[i - 2], tokens[i - 1]));
      case TOKEN_STR: i += 2; return `string(false, u32[at + ${i - 2}], u32[at + ${i - 1}])`;
      case TOKEN_NUMBER: return String(tokens[i++]);
      case TOKEN_TRUE: return "true";
      case TOKEN_FALSE: return "false";
      default: ok = false; return "0";
    }
  };
  const body = `return ${expression()};`;
  return ok && i === tokens.length ? compile(["u32", "at", "string"], body) : undefined;
}
