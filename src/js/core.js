// The schemas of auditlog-wasm, over the wasm module built from this crate (src/bindings.rs).
//
// This glue only carries values: it reads each input property once, in the order Zod reads it, writes
// what the rules need to know into wasm memory, makes one call, and builds the result from the
// answer. Which values are valid, which issues are reported and every message are decided in Rust.

import { AuditLogError } from "./errors.js";

// Value kinds and flags, as src/input.rs and src/bindings.rs number them.
const UNDEFINED = 0, NULL = 1, BOOLEAN = 2, NUMBER = 3, NAN = 4, INFINITY = 5, NEG_INFINITY = 6;
const BIGINT = 7, SYMBOL = 8, FUNCTION = 9, STRING = 10, ARRAY = 11, OBJECT = 12;
const FLAG_PRESENT = 1 << 4, FLAG_HAS_LENGTH = 1 << 5, FLAG_PLAIN = 1 << 6, FLAG_NAMED = 1 << 7;
const FLAG_HAS_TEXT = 1 << 8;
const KEY_STRING = 0, KEY_PROTO = 1, KEY_SYMBOL = 2;
const TOKEN_ARRAY = 1, TOKEN_OBJECT = 2, TOKEN_STATIC_STR = 3, TOKEN_STR = 4, TOKEN_NUMBER = 5;
const TOKEN_TRUE = 6, TOKEN_FALSE = 7, TOKEN_KEY = 8;
const MALFORMED = 0xffffffff;
const SCHEMA_ENTRY = 0, SCHEMA_CHANGE = 1, SCHEMA_ACTION = 2;

// What the glue sends for a field, as `schema_fields` names it.
const SEND_KIND = "K", SEND_LENGTH = "L", SEND_TEXT = "T", SEND_ENTRIES = "E";

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

/** Facts being written for one call: numbers and UTF-16 text, in JS arrays that grow as needed. */
class Facts {
  constructor() {
    this.f = new Float64Array(64);
    this.t = new Uint16Array(256);
    this.fl = 0;
    this.tl = 0;
    this.keys = []; // record keys read, in order: tokens refer to them by position
    this.changes = []; // [key, parsed change] for each string key whose value is an object
  }
  reset() {
    this.fl = 0;
    this.tl = 0;
    this.keys.length = 0;
    this.changes.length = 0;
  }
  push(x) {
    if (this.fl === this.f.length) {
      const f = new Float64Array(this.f.length * 2);
      f.set(this.f);
      this.f = f;
    }
    this.f[this.fl++] = x;
  }
  record(tag, number, at, len) {
    this.push(tag);
    this.push(number);
    this.push(at);
    this.push(len);
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
  /** One value's record. `send` says what the field's rules need; `flags` carries FLAG_PRESENT. */
  value(v, send, flags) {
    switch (typeof v) {
      case "string":
        if (send === SEND_TEXT) {
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
        return this.withLength(v, FUNCTION | flags, send);
      default: // "object"
        if (v === null) return this.record(NULL | flags, 0, 0, 0);
        if (Array.isArray(v)) return this.withLength(v, ARRAY | flags, send);
        return this.object(v, flags, send);
    }
  }
  /** Zod runs a string field's length check on any non-nullish value whose `length` is defined. */
  withLength(v, tag, send) {
    if (send === SEND_LENGTH) {
      const length = v.length;
      if (length !== undefined) return this.record(tag | FLAG_HAS_LENGTH, Number(length), 0, 0);
    }
    this.record(tag, 0, 0, 0);
  }
  object(v, flags, send) {
    let tag = OBJECT | flags;
    if (send === SEND_ENTRIES && isPlainObject(v)) tag |= FLAG_PLAIN;
    let at = 0, len = 0;
    // Where an object is rejected with "received <type>" (a string field, or a record given a class
    // instance), Rust needs the type's name. Other rejections of objects have fixed messages.
    if ((send === SEND_LENGTH || send === SEND_KIND || send === SEND_ENTRIES) && !(tag & FLAG_PLAIN)) {
      const name = typeNameOf(v);
      if (name !== undefined) {
        tag |= FLAG_NAMED;
        at = this.text(name);
        len = name.length;
      }
    }
    let number = 0;
    if (send === SEND_LENGTH) {
      const length = v.length;
      if (length !== undefined) {
        tag |= FLAG_HAS_LENGTH;
        number = Number(length);
      }
    }
    this.record(tag, number, at, len);
  }
  /** A record's own enumerable keys, in JavaScript's order, as Zod's `z.record` walks them. */
  entries(record) {
    const keys = Reflect.ownKeys(record);
    const countAt = this.fl;
    this.push(0);
    let count = 0;
    for (const key of keys) {
      if (key === "__proto__") {
        // Zod skips this key without reading it; Rust is told, and skips it too.
        this.entry(key, KEY_PROTO);
        count++;
        continue;
      }
      if (!isEnumerable.call(record, key)) continue;
      count++;
      if (typeof key === "symbol") {
        this.entry(key, KEY_SYMBOL);
        continue;
      }
      const value = record[key];
      this.entry(key, KEY_STRING);
      this.value(value, undefined, 0);
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        this.changes.push(key, readChange(value));
      }
    }
    this.f[countAt] = count;
  }
  entry(key, keyKind) {
    this.keys.push(key);
    this.push(keyKind);
    if (keyKind !== KEY_STRING) this.record(UNDEFINED, 0, 0, 0);
  }
}

/** `auditLogChangeSchema`'s data: `old` and `new`, each kept if present, passed by reference. */
function readChange(input) {
  const out = {};
  const old = input.old;
  if ("old" in input) out.old = old;
  const neu = input.new;
  if ("new" in input) out.new = neu;
  return out;
}

/**
 * Builds the package's API over an instantiated wasm module.
 * @param {WebAssembly.Exports} wasm its raw exports: `memory`, `check`, `facts_area`, ... (all numeric).
 */
export function createApi(wasm) {
  const memory = wasm.memory;
  const decoder = new TextDecoder();
  const staticStrings = new Map();
  let view = { buffer: null, f64: null, u16: null, u32: null, u8: null };
  let factsCap = 0, factsAt = 0, textCap = 0, textAt = 0;

  function views() {
    if (view.buffer !== memory.buffer) {
      const b = memory.buffer;
      view = { buffer: b, f64: new Float64Array(b), u16: new Uint16Array(b), u32: new Uint32Array(b), u8: new Uint8Array(b) };
    }
    return view;
  }

  // One Facts object serves every call; a call made from inside another (a getter that validates)
  // gets its own, so the outer call's facts are never overwritten.
  const shared = new Facts();
  let depth = 0;

  /** Writes the facts to wasm memory and runs the rules; returns the issues, or null when valid. */
  function run(schema, facts) {
    if (facts.fl > factsCap) {
      factsCap = Math.max(facts.fl, factsCap * 2);
      factsAt = wasm.facts_area(factsCap) >>> 0;
    }
    if (facts.tl > textCap) {
      textCap = Math.max(facts.tl, textCap * 2);
      textAt = wasm.text_area(textCap) >>> 0;
    }
    let v = views();
    v.f64.set(facts.f.subarray(0, facts.fl), factsAt / 8);
    if (facts.tl) v.u16.set(facts.t.subarray(0, facts.tl), textAt / 2);
    const tokens = wasm.check(schema, facts.fl, facts.tl) >>> 0;
    if (tokens === 0) return null;
    if (tokens === MALFORMED) throw new Error("auditlog-wasm: internal error (malformed facts)");
    v = views();
    return readTokens(v, (wasm.tokens_area() >>> 0) / 4, facts.keys);
  }

  function readTokens(v, start, keys) {
    const u32 = v.u32;
    let at = start;
    const str = (dynamic) => {
      const ptr = u32[at++], len = u32[at++];
      if (dynamic) return decoder.decode(v.u8.subarray(ptr, ptr + len));
      let s = staticStrings.get(ptr);
      if (s === undefined) {
        s = decoder.decode(v.u8.subarray(ptr, ptr + len));
        staticStrings.set(ptr, s);
      }
      return s;
    };
    const read = () => {
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
        case TOKEN_STATIC_STR: return str(false);
        case TOKEN_STR: return str(true);
        case TOKEN_NUMBER: return u32[at++];
        case TOKEN_TRUE: return true;
        case TOKEN_FALSE: return false;
        case TOKEN_KEY: return keys[u32[at++]];
        default: throw new Error("auditlog-wasm: internal error (malformed issues)");
      }
    };
    return read();
  }

  wasm.schema_fields(SCHEMA_ENTRY);
  const entryFields = readTokens(views(), (wasm.tokens_area() >>> 0) / 4, []).map((f) => f.split(":"));

  function validateEntry(input, facts) {
    facts.value(input, undefined, 0);
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      return { issues: run(SCHEMA_ENTRY, facts) };
    }
    const values = new Array(entryFields.length);
    let presence = 0;
    for (let i = 0; i < entryFields.length; i++) {
      const [name, send] = entryFields[i];
      const v = input[name];
      const at = facts.fl;
      facts.value(v, send, 0);
      if (send === SEND_ENTRIES && facts.f[at] & FLAG_PLAIN) facts.entries(v);
      if (name in input) {
        facts.f[at] += FLAG_PRESENT;
        presence |= 1 << i;
      }
      values[i] = v;
    }
    const issues = run(SCHEMA_ENTRY, facts);
    if (issues) return { issues };
    // Valid: a new object with the schema's keys in schema order; unknown keys are dropped.
    const data = {};
    for (let i = 0; i < entryFields.length; i++) {
      if (!(presence & (1 << i))) continue;
      if (entryFields[i][1] === SEND_ENTRIES && values[i] !== undefined) {
        const changes = {};
        const c = facts.changes;
        for (let j = 0; j < c.length; j += 2) changes[c[j]] = c[j + 1];
        data[entryFields[i][0]] = changes;
      } else {
        data[entryFields[i][0]] = values[i];
      }
    }
    return { data };
  }

  function validateChange(input, facts) {
    facts.value(input, undefined, 0);
    const issues = run(SCHEMA_CHANGE, facts);
    return issues ? { issues } : { data: readChange(input) };
  }

  function validateAction(input, facts) {
    facts.value(input, SEND_TEXT, 0);
    const issues = run(SCHEMA_ACTION, facts);
    return issues ? { issues } : { data: input };
  }

  function makeSchema(validate) {
    const check = (input) => {
      const facts = depth++ === 0 ? shared : new Facts();
      try {
        facts.reset();
        return validate(input, facts);
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
        const r = check(input);
        if (!r.issues) return { success: true, data: r.data };
        let error;
        const issues = r.issues;
        // Built on first read, as Zod does: a caller that only branches on `success` never pays for it.
        return {
          success: false,
          get error() {
            return (error ??= new AuditLogError(issues));
          },
          set error(e) {
            error = e;
          },
        };
      },
    };
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

  return {
    auditLogEntrySchema: makeSchema(validateEntry),
    auditLogChangeSchema: makeSchema(validateChange),
    auditLogActionSchema: makeSchema(validateAction),
  };
}
