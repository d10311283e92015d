// The schemas of auditlog-wasm, over the wasm module built from this crate (src/bindings.rs).
//
// This glue only carries values: guided by the schema tables Rust hands it (`schema_fields`), it
// reads each input property once, in the order Zod reads it, writes what the rules need to know into
// wasm memory, makes one call, and builds the result from the answer. Which values are valid, which
// issues are reported and every message are decided in Rust.
import { AuditLogError, errorWithoutStack } from "./errors.js";

// Value kinds and flags, as src/input.rs and src/wire.rs number them.
const UNDEFINED = 0, NULL = 1, BOOLEAN = 2, NUMBER = 3, NAN = 4, INFINITY = 5, NEG_INFINITY = 6;
const BIGINT = 7, SYMBOL = 8, FUNCTION = 9, STRING = 10, ARRAY = 11, OBJECT = 12;
const FLAG_HAS_LENGTH = 1 << 5, FLAG_PLAIN = 1 << 6, FLAG_NAMED = 1 << 7;
const FLAG_HAS_TEXT = 1 << 8, FLAG_CYCLE = 1 << 9, FLAG_TOO_DEEP = 1 << 10;
const KEY_STRING = 0, KEY_PROTO = 1, KEY_SYMBOL = 2;
const TOKEN_ARRAY = 1, TOKEN_OBJECT = 2, TOKEN_STATIC_STR = 3, TOKEN_STR = 4, TOKEN_NUMBER = 5;
const TOKEN_TRUE = 6, TOKEN_FALSE = 7, TOKEN_KEY = 8;
const MALFORMED = 0xffffffff;
const LAZY_ERROR = Symbol("auditlog-wasm lazy error");
// Buffer sizes: what a call starts with, and the most kept after a call that needed more. Both
// buffers are copied whole into wasm memory on every call, so they must not stay large.
const SMALL_FACTS = 64, SMALL_TEXT = 256;
const LARGE_FACTS = 1 << 10, LARGE_TEXT = 1 << 12;

// What the glue reads for a field (the letter of its code in `schema_fields`).
const SEND_NOTHING = 0; // U: the value itself, nothing inside (z.unknown())
const SEND_KIND = 1; // K
const SEND_LENGTH = 2; // L: and a string's length or a non-string's `length`
const SEND_TEXT = 3; // T: and a string's text
const SEND_TEXT_AND_LENGTH = 4; // S: a string's text, or a non-string's `length`
const SEND_RECORD = 5; // R<id>: a record of objects of schema id
const SEND_ARRAY = 6; // A<id>: an array of objects of schema id
const SEND_JSON = 7; // J<depth>: the whole JSON tree, down to depth
const SEND_CODES = { U: SEND_NOTHING, K: SEND_KIND, L: SEND_LENGTH, T: SEND_TEXT, S: SEND_TEXT_AND_LENGTH, R: SEND_RECORD, A: SEND_ARRAY, J: SEND_JSON };

// Reads whose answer Rust needs for a message or a length check, by what the field reads.
const READS_LENGTH = [false, false, true, false, true, false, true, false];
const NAMES_TYPE = [false, true, true, false, true, true, true, true];

const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;

/** Zod's `isPlainObject`, step for step (it decides whether a record is acceptable). */
function isPlainObject(o) {
  const ctor = o.constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const proto = ctor.prototype;
  if (typeof proto !== "object" || proto === null || Array.isArray(proto)) return false;
  return hasOwn.call(proto, "isPrototypeOf");
}

/** The name Zod's messages give an object's type: its constructor's, unless it is a plain `{}`. */
function typeNameOf(o) {
  if (Object.getPrototypeOf(o) !== Object.prototype && "constructor" in o && o.constructor) {
    return `${o.constructor.name}`;
  }
  return undefined;
}

/**
 * Reads an object's fields in schema order (Zod's order: `input[key]`, then `key in input`), writes
 * their facts, and returns the parsed object (present keys only). This loop is the fallback; where
 * the page allows `new Function`, `compileReader` makes the same reader with literal keys.
 */
function genericReader(fields) {
  return (v, facts) => {
    const out = {};
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const x = v[field.name];
      const parsed = facts.node(x, field, 0);
      if (field.name in v) out[field.name] = parsed;
    }
    return out;
  };
}

/**
 * The same reader as `genericReader`, compiled for one schema, as Zod compiles its object parsers:
 * with literal keys, V8 reads and builds each input shape with inline caches instead of looking
 * every key up by name (measured 3 to 4 times faster). The keys come from Rust's schema tables,
 * quoted with JSON.stringify. Under a Content Security Policy without 'unsafe-eval' it falls back.
 */
function compileReader(fields) {
  const lines = ["const out = {};", "let x, parsed;"];
  fields.forEach((field, i) => {
    const key = JSON.stringify(field.name);
    lines.push(`x = v[${key}];`);
    // Plain values are written directly; records, arrays and JSON go through `node`.
    if (field.send <= SEND_TEXT_AND_LENGTH) lines.push(`facts.value(x, ${field.send}, 0);`, "parsed = x;");
    else lines.push(`parsed = facts.node(x, fields[${i}], 0);`);
    lines.push(`if (${key} in v) out[${key}] = parsed;`);
  });
  lines.push("return out;");
  try {
    return new Function("fields", `return function read(v, facts) {\n${lines.join("\n")}\n};`)(fields);
  } catch {
    return genericReader(fields);
  }
}

/** Facts being written for one call: numbers and UTF-16 text, in JS arrays that grow as needed. */
class Facts {
  constructor(tables) {
    this.tables = tables; // schema id -> { fields: [{ name, send, sub }] }
    this.f = new Float64Array(SMALL_FACTS);
    this.t = new Uint16Array(SMALL_TEXT);
    this.fl = 0;
    this.tl = 0;
    this.keys = []; // record and JSON keys read, in order: tokens refer to them by position
  }
  reset() {
    this.fl = 0;
    this.tl = 0;
    this.keys.length = 0;
  }
  push(x) {
    if (this.fl === this.f.length) this.grow();
    this.f[this.fl++] = x;
  }
  grow() {
    const f = new Float64Array(this.f.length * 2);
    f.set(this.f);
    this.f = f;
  }
  record(tag, number, at, len) {
    if (this.fl + 4 > this.f.length) this.grow();
    const f = this.f, i = this.fl;
    f[i] = tag;
    f[i + 1] = number;
    f[i + 2] = at;
    f[i + 3] = len;
    this.fl = i + 4;
  }
  text(s) {
    const n = s.length;
    if (this.tl + n > this.t.length) {
      const t = new Uint16Array(Math.max(this.t.length * 2, this.tl + n));
      t.set(this.t.subarray(0, this.tl));
      this.t = t;
    }
    const t = this.t, at = this.tl;
    for (let i = 0; i < n; i++) t[at + i] = s.charCodeAt(i);
    this.tl = at + n;
    return at;
  }
  key(key, kind) {
    this.keys.push(key);
    this.push(kind);
  }

  /** One value's record. `send` says what its field reads; `flags` are added to its tag. */
  value(v, send, flags) {
    switch (typeof v) {
      case "string":
        if (send === SEND_TEXT || send === SEND_TEXT_AND_LENGTH) {
          this.record(STRING | flags | FLAG_HAS_TEXT, v.length, this.text(v), v.length);
        } else {
          this.record(STRING | flags, v.length, 0, 0);
        }
        return;
      case "undefined":
        return this.record(UNDEFINED | flags, 0, 0, 0);
      case "boolean":
        return this.record(BOOLEAN | flags, 0, 0, 0);
      case "number": {
        const kind = v !== v ? NAN : v === Infinity ? INFINITY : v === -Infinity ? NEG_INFINITY : NUMBER;
        return this.record(kind | flags, 0, 0, 0);
      }
      case "bigint":
        return this.record(BIGINT | flags, 0, 0, 0);
      case "symbol":
        return this.record(SYMBOL | flags, 0, 0, 0);
      case "function":
        return this.object(v, FUNCTION | flags, send, false);
      default: // "object"
        if (v === null) return this.record(NULL | flags, 0, 0, 0);
        if (Array.isArray(v)) return this.object(v, ARRAY | flags, send, false);
        return this.object(v, OBJECT | flags, send, true);
    }
  }
  /** A function, array or object: perhaps plain-ness, its type's name and its `length`. */
  object(v, tag, send, isObject) {
    let at = 0, len = 0, number = 0;
    if (isObject && (send === SEND_RECORD || send === SEND_JSON) && isPlainObject(v)) tag |= FLAG_PLAIN;
    // Where an object is rejected with "received <type>", Rust needs the type's name.
    if (isObject && NAMES_TYPE[send] && !(tag & FLAG_PLAIN)) {
      const name = typeNameOf(v);
      if (name !== undefined) {
        tag |= FLAG_NAMED;
        at = this.text(name);
        len = name.length;
      }
    }
    // Zod's length checks run on any non-nullish value whose `length` is defined.
    if (READS_LENGTH[send]) {
      const length = v.length;
      if (length !== undefined) {
        tag |= FLAG_HAS_LENGTH;
        number = Number(length);
      }
    }
    this.record(tag, number, at, len);
  }

  /** A field's value and what its schema reads inside; returns the value as parsed data. */
  node(v, field, flags) {
    switch (field.send) {
      case SEND_RECORD: {
        const at = this.fl;
        this.value(v, SEND_RECORD, flags);
        return this.f[at] & FLAG_PLAIN ? this.entries(v, field.sub) : v;
      }
      case SEND_ARRAY: {
        this.value(v, SEND_ARRAY, flags);
        if (!Array.isArray(v)) return v;
        const n = v.length;
        this.push(n);
        const out = new Array(n);
        for (let i = 0; i < n; i++) out[i] = this.objectOf(v[i], field.sub, 0);
        return out;
      }
      case SEND_JSON:
        // A JSON field must hold a plain object; Rust reads no further into anything else.
        if (Array.isArray(v)) this.value(v, SEND_JSON, flags);
        else this.json(v, flags, 0, field.sub, []);
        return v; // JSON is passed through by reference, like Zod's z.unknown()
      default:
        this.value(v, field.send, flags);
        return v;
    }
  }
  /** A value read by an object schema: its record, then each field; returns the parsed object. */
  objectOf(v, id, flags) {
    this.value(v, SEND_NOTHING, flags);
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    return this.tables(id).read(v, this);
  }
  /** A record's own enumerable keys, in JavaScript's order, as Zod's `z.record` walks them. */
  entries(record, id) {
    const keys = Reflect.ownKeys(record);
    const countAt = this.fl;
    this.push(0);
    let count = 0;
    const out = {};
    for (const key of keys) {
      if (key === "__proto__") {
        // Zod skips this key without reading it; Rust is told, and skips it too.
        this.key(key, KEY_PROTO);
        this.record(UNDEFINED, 0, 0, 0);
        count++;
        continue;
      }
      if (!isEnumerable.call(record, key)) continue;
      count++;
      if (typeof key === "symbol") {
        this.key(key, KEY_SYMBOL);
        this.record(UNDEFINED, 0, 0, 0);
        continue;
      }
      this.key(key, KEY_STRING);
      out[key] = this.objectOf(record[key], id, 0);
    }
    this.f[countAt] = count;
    return out;
  }
  /** A JSON value's whole tree: kinds, keys, cycles, and where it nests deeper than `maxDepth`. */
  json(v, flags, depth, maxDepth, ancestors) {
    const at = this.fl;
    this.value(v, SEND_JSON, flags);
    const isArray = Array.isArray(v);
    if (!isArray && !(this.f[at] & FLAG_PLAIN)) return;
    if (ancestors.includes(v)) {
      this.f[at] += FLAG_CYCLE;
      return;
    }
    if (depth >= maxDepth) {
      this.f[at] += FLAG_TOO_DEEP;
      return;
    }
    ancestors.push(v);
    if (isArray) {
      const n = v.length;
      this.push(n);
      for (let i = 0; i < n; i++) this.json(v[i], 0, depth + 1, maxDepth, ancestors);
    } else {
      const countAt = this.fl;
      this.push(0);
      let count = 0;
      for (const key of Reflect.ownKeys(v)) {
        if (!isEnumerable.call(v, key)) continue;
        count++;
        if (typeof key === "symbol") {
          this.key(key, KEY_SYMBOL);
          this.record(UNDEFINED, 0, 0, 0);
          continue;
        }
        this.key(key, key === "__proto__" ? KEY_PROTO : KEY_STRING);
        this.json(v[key], 0, depth + 1, maxDepth, ancestors);
      }
      this.f[countAt] = count;
    }
    ancestors.pop();
  }
}

/**
 * Builds the package's API over an instantiated wasm module.
 * @param {WebAssembly.Exports} wasm its raw exports: `memory`, `check`, `facts_area`, ... (all numeric).
 * @param {Function} [ndjsonScanner] `ndjsonScanner` from ndjson-scan.js, where the module has the
 *   NDJSON scanner (the server build); browsers leave it out and parse NDJSON lines with JSON.parse.
 * @param {{ fields: string[][], names: string[][] }} [known] the tables the module would give,
 *   read from it when the package was built (tables.js, the server entries only): asking the module at
 *   start-up compiles and runs code only needed once (measured about 1 ms of a cold start).
 */
export function createApi(wasm, ndjsonScanner, known) {
  const memory = wasm.memory;
  const decoder = new TextDecoder();
  const staticStrings = new Map();
  let view = { buffer: null, f64: null, u16: null, u32: null, u8: null };
  // Decodes bytes without dropping a byte-order mark (the caller already dropped the leading ones).
  const lineDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let factsCap = 0, factsAt = 0, textCap = 0, textAt = 0;

  /** One line of NDJSON checked in JavaScript: JSON.parse, then the rules, as `safeParse`. */
  function checkLine(check, line, number, result) {
    if (line.trim() === "") return;
    result.total++;
    let value;
    try {
      value = JSON.parse(line);
    } catch (error) {
      result.lines.push({ line: number, issues: [{ code: "invalid_json", path: [], message: `Invalid JSON: ${error.message}` }] });
      return;
    }
    const r = check(value);
    if (r.issues) result.lines.push({ line: number, issues: r.issues });
    else result.valid++;
  }

  /**
   * NDJSON: lines end at `\n` (a `\r` before it is dropped), blank lines are skipped, a byte-order
   * mark at the start is dropped. On servers, lines are scanned and checked inside wasm (ndjson-scan.js,
   * src/ndjson.rs), and only the few it leaves to JavaScript come back to `checkLine`. In browsers,
   * whose module has no scanner (it would weigh 4 KB gzip more), and for texts with lone surrogates,
   * which UTF-8 cannot carry, every line goes through `checkLine`. The answers are the same.
   */
  function checkNdjson(id, check, input) {
    let text = null, bytes = null;
    if (typeof input === "string") text = input;
    else if (input instanceof Uint8Array) bytes = input;
    else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
    else throw new TypeError("validateNdjson takes a string, a Uint8Array or an ArrayBuffer");
    const result = { total: 0, valid: 0, invalid: 0, lines: [] };
    if (bytes) {
      // Decoding drops one UTF-8 byte-order mark, then one U+FEFF is dropped as from a string.
      for (let i = 0; i < 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf; i++) bytes = bytes.subarray(3);
    } else if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
    }
    // Browsers' module has no scanner (Makefile), and UTF-8 cannot carry lone surrogates.
    if (!scanNdjson || (text !== null && !(typeof text.isWellFormed === "function" && text.isWellFormed()))) {
      if (text === null) text = lineDecoder.decode(bytes);
      let start = 0, number = 0;
      while (start <= text.length) {
        let end = text.indexOf("\n", start);
        if (end === -1) end = text.length;
        number++;
        checkLine(check, text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end), number, result);
        start = end + 1;
      }
    } else {
      scanNdjson(id, text, bytes, (line, number) => checkLine(check, line, number, result), result);
    }
    result.invalid = result.lines.length;
    return result;
  }

  function views() {
    if (view.buffer !== memory.buffer) {
      const b = memory.buffer;
      view = { buffer: b, f64: new Float64Array(b), u16: new Uint16Array(b), u32: new Uint32Array(b), u8: new Uint8Array(b) };
    }
    return view;
  }

  /** Reads the value that `count` tokens from token `from` on describe, in wasm memory. */
  function readTokens(count, keys, from = 0) {
    const at = (wasm.tokens_area() >>> 0) / 4 + from;
    return decodeTokens(views().u32, at, at + count, keys, null);
  }

  /**
   * Copies the tokens of the last call out of wasm memory, to be read later (`readSaved`): strings
   * that live only until the next call are decoded now, the rest stay numbers. A safeParse whose
   * error is never read then builds no issue objects (measured: most of an invalid call's time).
   */
  function saveTokens(count, keys) {
    const v = views();
    const at = (wasm.tokens_area() >>> 0) / 4;
    // A plain array: a typed-array copy allocates a buffer, measured slower for these few numbers.
    const u32 = v.u32, tokens = new Array(count);
    for (let i = 0; i < count; i++) tokens[i] = u32[at + i];
    let strings = null;
    // The tokens are prefix-encoded, so one pass over their headers finds every string.
    for (let i = 0; i < count; ) {
      switch (tokens[i++]) {
        case TOKEN_STR:
          (strings ??= []).push(decoder.decode(v.u8.subarray(tokens[i], tokens[i] + tokens[i + 1])));
          i += 2;
          break;
        case TOKEN_STATIC_STR: i += 2; break;
        case TOKEN_TRUE: case TOKEN_FALSE: break;
        default: i += 1; // the count of an array or object, a number, a key's index
      }
    }
    return { tokens, keys: keys.length === 0 ? keys : keys.slice(), strings };
  }

  const readSaved = (saved) => decodeTokens(saved.tokens, 0, saved.tokens.length, saved.keys, saved.strings);

  /**
   * Builds the value tokens `u32[at..end]` describe. `strings`, when given, holds the strings of
   * the TOKEN_STR tokens in order (see saveTokens); otherwise they are read from wasm memory.
   */
  function decodeTokens(u32, at, end, keys, strings) {
    let dynamic = 0;
    const str = (isStatic) => {
      const ptr = u32[at++], len = u32[at++];
      if (!isStatic) return strings ? strings[dynamic++] : decoder.decode(views().u8.subarray(ptr, ptr + len));
      // Static strings are in the module's data, which never moves or changes: cached by address.
      let s = staticStrings.get(ptr);
      if (s === undefined) {
        s = decoder.decode(views().u8.subarray(ptr, ptr + len));
        staticStrings.set(ptr, s);
      }
      return s;
    };
    const read = () => {
      if (at >= end) throw new Error("auditlog-wasm: internal error (truncated issues)");
      switch (u32[at++]) {
        case TOKEN_ARRAY: {
          const n = u32[at++];
          const a = new Array(n);
          for (let i = 0; i < n; i++) a[i] = read();
          return a;
        }
        case TOKEN_OBJECT: {
          const n = u32[at++];
          const o = {};
          for (let i = 0; i < n; i++) {
            const k = read();
            o[k] = read();
          }
          return o;
        }
        case TOKEN_STATIC_STR: return str(true);
        case TOKEN_STR: return str(false);
        case TOKEN_NUMBER: return u32[at++];
        case TOKEN_TRUE: return true;
        case TOKEN_FALSE: return false;
        case TOKEN_KEY: return keys[u32[at++]];
        default: throw new Error("auditlog-wasm: internal error (malformed issues)");
      }
    };
    return read();
  }

  const scanNdjson = ndjsonScanner?.(wasm, { views, readTokens, lineDecoder });

  // How to read input for each schema, as Rust describes it; fetched once per schema.
  const tableCache = [];
  const schemaFields = (id) => readTokens(wasm.schema_fields(id) >>> 0, []);
  const nameList = (which) => readTokens(wasm.enum_names(which) >>> 0, []);
  function tables(id) {
    let table = tableCache[id];
    if (table === undefined) {
      const [kind, ...fields] = known?.fields[id] ?? schemaFields(id);
      table = {
        kind,
        fields: fields.map((entry) => {
          const [name, code] = entry.split(":");
          return { name, send: SEND_CODES[code[0]], sub: Number(code.slice(1)) };
        }),
      };
      table.read = kind === "object" ? compileReader(table.fields) : undefined;
      tableCache[id] = table;
    }
    return table;
  }

  /**
   * Writes the facts to wasm memory and runs the rules; returns how many tokens describe the
   * issues (0 when valid), which must be read before the next call.
   */
  function run(id, facts) {
    // The wasm areas are kept as large as the JS buffers, which are copied whole: a copy of a few
    // hundred bytes costs less than the typed-array view a partial copy would allocate.
    if (facts.f.length > factsCap) {
      factsCap = facts.f.length;
      factsAt = wasm.facts_area(factsCap) >>> 0;
    }
    if (facts.t.length > textCap) {
      textCap = facts.t.length;
      textAt = wasm.text_area(textCap) >>> 0;
    }
    const v = views();
    v.f64.set(facts.f, factsAt / 8);
    if (facts.tl) v.u16.set(facts.t, textAt / 2);
    const tokens = wasm.check(id, facts.fl, facts.tl) >>> 0;
    // After an input that needed large buffers (a huge string, thousands of keys), go back to small
    // ones on both sides: otherwise every later call would copy the large ones.
    if (factsCap > LARGE_FACTS) {
      facts.f = new Float64Array(SMALL_FACTS);
      factsCap = SMALL_FACTS;
      factsAt = wasm.facts_area(factsCap) >>> 0;
    }
    if (textCap > LARGE_TEXT) {
      facts.t = new Uint16Array(SMALL_TEXT);
      textCap = SMALL_TEXT;
      textAt = wasm.text_area(textCap) >>> 0;
    }
    if (tokens === MALFORMED) throw new Error("auditlog-wasm: internal error (malformed facts)");
    return tokens;
  }

  // One Facts object serves every call; a call made from inside another (a getter that validates)
  // gets its own, so the outer call's facts are never overwritten.
  const shared = new Facts(tables);
  let depth = 0;

  /**
   * A failed safeParse result, `{ success: false, error }` with `error` an own enumerable property
   * as in Zod's, but built on first read: a caller that only branches on `success` pays for no
   * issue objects. The accessor functions are shared and the state sits under a symbol: an object
   * literal with its own `get error()` measured 540 ns to create, this 165 ns (node, 5M objects).
   */
  const failure = (saved) => Object.defineProperty({ success: false, [LAZY_ERROR]: { saved, error: undefined } }, "error", LAZY_ERROR_PROPERTY);
  const LAZY_ERROR_PROPERTY = {
    get() {
      const state = this[LAZY_ERROR];
      return (state.error ??= errorWithoutStack(readSaved(state.saved)));
    },
    set(error) {
      this[LAZY_ERROR].error = error;
    },
    enumerable: true,
    configurable: true,
  };

  function makeSchema(id) {
    // `{ data }`, or `{ issues }`; with `later`, `{ saved }` instead: issues to read when needed.
    const check = (input, later = false) => {
      const facts = depth++ === 0 ? shared : new Facts(tables);
      try {
        facts.reset();
        const table = tables(id);
        const data = table.kind === "object" ? facts.objectOf(input, id, 0) : facts.node(input, table.fields[0], 0);
        const tokens = run(id, facts);
        if (tokens === 0) return { data };
        return later ? { saved: saveTokens(tokens, facts.keys) } : { issues: readTokens(tokens, facts.keys) };
      } finally {
        depth--;
      }
    };
    const schema = {
      parse(input) {
        const r = check(input);
        if (r.issues) throw new AuditLogError(r.issues);
        return r.data;
      },
      safeParse(input) {
        const r = check(input, true);
        if (!r.saved) return { success: true, data: r.data };
        return failure(r.saved);
      },
    };
    /**
     * Validates many values: `{ total, valid, invalid, lines: [{ index, issues }] }` (0-based
     * indices of the invalid ones). Getters and exceptions behave as in `safeParse`.
     */
    schema.validateMany = (values) => {
      if (!Array.isArray(values)) throw new TypeError("validateMany takes an array");
      const lines = [];
      let valid = 0;
      for (let i = 0; i < values.length; i++) {
        const r = check(values[i]);
        if (r.issues) lines.push({ index: i, issues: r.issues });
        else valid++;
      }
      return { total: values.length, valid, invalid: lines.length, lines };
    };
    /**
     * Validates NDJSON (one JSON value a line; a string, a Uint8Array of UTF-8 or an ArrayBuffer):
     * `{ total, valid, invalid, lines: [{ line, issues }] }` with 1-based line numbers. Empty lines
     * are skipped; a line that is not JSON has one `invalid_json` issue.
     */
    schema.validateNdjson = (input) => checkNdjson(id, check, input);
    // Zod's async forms, for code that awaits them; these schemas have no async rules.
    schema.parseAsync = async (input) => schema.parse(input);
    schema.safeParseAsync = async (input) => schema.safeParse(input);
    schema.spa = schema.safeParseAsync;
    schema["~standard"] = {
      version: 1,
      vendor: "auditlog-wasm",
      validate(input) {
        let r;
        try {
          r = check(input);
        } catch (thrown) {
          // As Zod's: what throws during validation (a getter, say) comes back as a rejected promise.
          return Promise.reject(thrown);
        }
        return r.issues ? { issues: r.issues } : { value: r.data };
      },
    };
    return schema;
  }

  /** A closed list of names from the Rust model, frozen. */
  const names = (which) => Object.freeze(known?.names[which] ?? nameList(which));

  return {
    /** What build-pkg.mjs writes to tables.js: every schema's fields and every name list. */
    tablesForBuild: () => ({ fields: [0, 1, 2, 3, 4].map(schemaFields), names: [0, 1, 2, 3].map(nameList) }),
    auditLogEntrySchema: makeSchema(0),
    auditLogChangeSchema: makeSchema(1),
    auditLogActionSchema: makeSchema(2),
    auditLogSchema: makeSchema(3),
    auditLogResourceSchema: makeSchema(4),
    auditLogActions: names(0),
    auditLogEvents: names(1),
    auditLogActorTypes: names(2),
    auditLogResourceTypes: names(3),
  };
}
