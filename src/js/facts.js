// What the glue tells the rules about an input: one 4-number record per value, and UTF-16 text,
// written in the order the rules read them (the layout is src/wasm/protocol.rs's). It reads each
// property once, in the order Zod reads it, and writes down what the field's rules need (NEEDS_*),
// and whether anything written may be rejected (`doubt`, which only the server entries' writer and
// check read: verified-facts.js writes values that fast checks accept as verified, and
// saving-checker.js answers an input with nothing in doubt without a call).
import {
  FLAG_HAS_LENGTH, FLAG_HAS_TEXT, FLAG_NAMED, FLAG_PLAIN,
  KEY_PROTO, KEY_STRING, KEY_SYMBOL,
  KIND_ARRAY, KIND_BIG_INT, KIND_BOOLEAN, KIND_FUNCTION, KIND_INFINITY, KIND_NAN, KIND_NEG_INFINITY, KIND_NULL,
  KIND_NUMBER, KIND_OBJECT, KIND_STRING, KIND_SYMBOL, KIND_UNDEFINED,
  NEEDS_ARRAY, NEEDS_JSON, NEEDS_NOTHING, NEEDS_RECORD, RECORD_SLOTS, SENDS_LENGTH, SENDS_TEXT, SENDS_TYPE_NAME,
} from "./protocol.js";
import { ownKeys } from "./own-keys.js";

// What a call starts with: both buffers are copied whole into wasm memory on every call, so they
// start small, and go back to small at the next call after an input that needed more than LARGE_*
// (a huge string, thousands of keys), whether or not that input was sent to wasm.
export const SMALL_NUMBERS = 64, SMALL_TEXT = 256;
export const LARGE_NUMBERS = 1 << 10, LARGE_TEXT = 1 << 12;

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

/** What an object schema or a record reads into: `typeof` "object", neither null nor an array. */
export function isObjectValue(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The kind of a value that is neither an object nor a function, as its record tells the rules
 * (for a string, before any text or length); `undefined` for objects and functions.
 */
export function primitiveKind(v) {
  switch (typeof v) {
    case "string": return KIND_STRING;
    case "undefined": return KIND_UNDEFINED;
    case "boolean": return KIND_BOOLEAN;
    case "number": return v !== v ? KIND_NAN : v === Infinity ? KIND_INFINITY : v === -Infinity ? KIND_NEG_INFINITY : KIND_NUMBER;
    case "bigint": return KIND_BIG_INT;
    case "symbol": return KIND_SYMBOL;
    default: return v === null ? KIND_NULL : undefined;
  }
}

/** The name Zod's messages give an object's type: its constructor's, unless it is a plain `{}`. */
function typeNameOf(o) {
  if (Object.getPrototypeOf(o) !== Object.prototype && "constructor" in o && o.constructor) {
    return `${o.constructor.name}`;
  }
  return undefined;
}

/** Where the glue has no `nested` part: its module has no schema with arrays or JSON values. */
function noNested() {
  throw new Error("auditlog-wasm: internal error (this glue reads no arrays or JSON values)");
}

/** The facts of one call, in JS arrays that grow as needed. */
export class FactWriter {
  /**
   * @param {(id: number) => { read: Function }} tables a schema's table by id (schema-tables.js)
   * @param {Function} [nested] what writes the arrays and JSON values of the platform's schemas
   *   (platform-facts.js's writeNested), where the glue's module has them
   */
  constructor(tables, nested = noNested) {
    this.tables = tables;
    this.nested = nested;
    this.numbers = new Float64Array(SMALL_NUMBERS);
    this.text = new Uint16Array(SMALL_TEXT);
    this.count = 0; // numbers written
    this.textLength = 0; // text units written
    // Record and JSON keys read, in order (answers refer to them by position): the first keyCount
    // of `keys`, whose tail is left from earlier calls until it is overwritten or cut (keysRead).
    this.keys = [];
    this.keyCount = 0;
    this.doubt = false; // whether anything was written that the rules may reject
    this.withData = true; // whether the parsed data is built (a batch keeps only verdicts)
  }

  /** Ready for a new input; `withData` says whether its parsed data is built. */
  reset(withData = true) {
    this.withData = withData;
    if (this.numbers.length > LARGE_NUMBERS) this.numbers = new Float64Array(SMALL_NUMBERS);
    if (this.text.length > LARGE_TEXT) this.text = new Uint16Array(SMALL_TEXT);
    this.count = 0;
    this.textLength = 0;
    this.keyCount = 0;
    if (this.keys.length > LARGE_NUMBERS) this.keys = [];
    this.doubt = false;
  }

  /** The keys this call read, in order: what an answer's key tokens refer to. */
  keysRead() {
    if (this.keys.length !== this.keyCount) this.keys.length = this.keyCount;
    return this.keys;
  }

  push(x) {
    if (this.count === this.numbers.length) this.grow();
    this.numbers[this.count++] = x;
  }

  grow() {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }

  /** One value record: `[tag, number, text_at, text_len]`. */
  record(tag, number, at, len) {
    if (this.count + RECORD_SLOTS > this.numbers.length) this.grow();
    const numbers = this.numbers, i = this.count;
    numbers[i] = tag;
    numbers[i + 1] = number;
    numbers[i + 2] = at;
    numbers[i + 3] = len;
    this.count = i + RECORD_SLOTS;
  }

  /** Copies a string's UTF-16 units into the text; returns where they start. */
  writeText(s) {
    const n = s.length;
    if (this.textLength + n > this.text.length) {
      const text = new Uint16Array(Math.max(this.text.length * 2, this.textLength + n));
      text.set(this.text.subarray(0, this.textLength));
      this.text = text;
    }
    const text = this.text, at = this.textLength;
    for (let i = 0; i < n; i++) text[at + i] = s.charCodeAt(i);
    this.textLength = at + n;
    return at;
  }

  key(key, kind) {
    this.keys[this.keyCount++] = key;
    this.push(kind);
  }

  /** A key whose value is not read (`__proto__` in a record, a symbol): its kind, and `undefined`. */
  unreadKey(key, kind) {
    this.key(key, kind);
    this.record(KIND_UNDEFINED, 0, 0, 0);
  }

  /** One value's record, for the rules to judge. `needs` says what its field reads; `flags` are added to its tag. */
  value(v, needs, flags) {
    this.doubt = true;
    if (typeof v === "string") {
      if (SENDS_TEXT[needs]) this.record(KIND_STRING | flags | FLAG_HAS_TEXT, v.length, this.writeText(v), v.length);
      // Rules that measure nothing get no length: the record then says only "a string".
      else this.record(KIND_STRING | flags, SENDS_LENGTH[needs] ? v.length : 0, 0, 0);
      return;
    }
    const kind = primitiveKind(v);
    if (kind !== undefined) return this.record(kind | flags, 0, 0, 0);
    if (typeof v === "function") return this.object(v, KIND_FUNCTION | flags, needs, false);
    if (Array.isArray(v)) return this.object(v, KIND_ARRAY | flags, needs, false);
    return this.object(v, KIND_OBJECT | flags, needs, true);
  }

  /** A function, array or object: perhaps plain-ness, its type's name and its `length`. */
  object(v, tag, needs, isObject) {
    let at = 0, len = 0, number = 0;
    if (isObject && (needs === NEEDS_RECORD || needs === NEEDS_JSON) && isPlainObject(v)) tag |= FLAG_PLAIN;
    // Where an object is rejected with "received <type>", the rules need the type's name.
    if (isObject && SENDS_TYPE_NAME[needs] && !(tag & FLAG_PLAIN)) {
      const name = typeNameOf(v);
      if (name !== undefined) {
        tag |= FLAG_NAMED;
        at = this.writeText(name);
        len = name.length;
      }
    }
    // Zod's length checks run on any non-nullish value whose `length` is defined.
    if (SENDS_LENGTH[needs]) {
      const length = v.length;
      if (length !== undefined) {
        tag |= FLAG_HAS_LENGTH;
        number = Number(length);
      }
    }
    this.record(tag, number, at, len);
  }

  /** A field's value and what its rules read inside; returns the value as parsed data. */
  node(v, field, flags) {
    switch (field.needs) {
      case NEEDS_RECORD: {
        // A plain object is a record: only its entries can be wrong.
        if (!isObjectValue(v)) return this.value(v, NEEDS_RECORD, flags), v;
        const at = this.count;
        this.object(v, KIND_OBJECT | flags, NEEDS_RECORD, true);
        if (this.numbers[at] & FLAG_PLAIN) return this.entries(v, field.schema);
        this.doubt = true;
        return v;
      }
      case NEEDS_ARRAY:
      case NEEDS_JSON:
        return this.nested(this, v, field, flags);
      default:
        this.value(v, field.needs, flags);
        return v;
    }
  }

  /** A value read by an object schema: its record, then each field; returns the parsed object. */
  objectOf(v, id, flags) {
    if (!isObjectValue(v)) return this.value(v, NEEDS_NOTHING, flags), v;
    const table = this.tables(id);
    // Rules across the fields run in wasm, on every input.
    if (table.refined) this.doubt = true;
    // An object schema reads nothing of the object itself (NEEDS_NOTHING): its kind is the record.
    this.record(KIND_OBJECT | flags, 0, 0, 0);
    return this.withData ? table.read(v, this) : (table.check ??= table.reader(table.fields, false))(v, this);
  }

  /** A record's own enumerable keys, in JavaScript's order, as Zod's `z.record` walks them. */
  entries(record, id) {
    const keys = ownKeys(record);
    const countAt = this.count;
    this.push(0);
    let count = 0;
    const out = this.withData ? {} : undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === "__proto__") {
        // Zod skips this key without reading it; the rules are told, and skip it too.
        this.unreadKey(key, KEY_PROTO);
        count++;
        continue;
      }
      // Asked at each key, not once: reading a value can run code that changes the record.
      if (!isEnumerable.call(record, key)) continue;
      count++;
      if (typeof key === "symbol") {
        this.doubt = true; // the record's key schema, z.string(), rejects it
        this.unreadKey(key, KEY_SYMBOL);
        continue;
      }
      this.key(key, KEY_STRING);
      const parsed = this.objectOf(record[key], id, 0);
      if (out) out[key] = parsed;
    }
    this.numbers[countAt] = count;
    return out;
  }
}
