// Answers: the tokens the module writes (src/wasm/tokens.rs) turned into JavaScript values.
import { TOKEN_ARRAY, TOKEN_FALSE, TOKEN_KEY, TOKEN_NUMBER, TOKEN_OBJECT, TOKEN_STATIC_STR, TOKEN_STR, TOKEN_TRUE } from "./protocol.js";
import { compile } from "./compile.js";

/**
 * The objects answers are made of, by their keys: a path of static keys (by address in module
 * memory) from the root, and how objects with exactly those keys are made. An issue's keys are
 * fixed by its code, so a few shapes serve every answer. `maker(keys)` gives the function that makes
 * such an object from its values: `compileShape` (one literal each, with the shape V8 gives it,
 * faster: a 3-issue error read 6.0 -> 5.6 µs in a loop) or `assignShape` (no code made at run time, less to download).
 */
export class Shape {
  constructor(maker, keys = []) {
    this.maker = maker;
    this.keys = keys;
    this.children = new Map();
    this.make = undefined;
  }

  /** The shape with one more key, the static string at `address`. */
  child(address, length, string) {
    let shape = this.children.get(address);
    if (shape === undefined) {
      shape = new Shape(this.maker, [...this.keys, string(true, address, length)]);
      this.children.set(address, shape);
    }
    return shape;
  }

  /** An object with these keys and `values`, in order. */
  build(values) {
    return (this.make ??= this.maker(this.keys))(values);
  }
}

/** A literal with the keys written out, compiled once; assignments where code generation is refused. */
export function compileShape(keys) {
  // A literal `__proto__: v` would set the prototype instead of making a key.
  const literal = keys.includes("__proto__") ? undefined : compile(["v"], `return { ${keys.map((key, i) => `${JSON.stringify(key)}: v[${i}]`).join(", ")} };`);
  return literal ?? assignShape(keys);
}

/** Objects made key by key. */
export function assignShape(keys) {
  return (values) => objectOf(keys, values);
}

function objectOf(keys, values) {
  const o = {};
  for (let i = 0; i < keys.length; i++) o[keys[i]] = values[i];
  return o;
}

/**
 * Builds the value the tokens `u32[at..end]` describe. `keys` are the record keys the call read
 * (TOKEN_KEY refers to them by position). `string(isStatic, address, length)` gives a string's
 * text: from module memory, or, for a saved answer, from the strings saved with it. `shapes` is
 * the module's root Shape.
 */
export function decodeTokens(u32, at, end, keys, string, shapes) {
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
        const values = new Array(n);
        // Static keys lead to the object's shape; after any other key, the keys are listed.
        let shape = shapes, listed = null;
        for (let i = 0; i < n; i++) {
          if (listed === null && at + 3 <= end && u32[at] === TOKEN_STATIC_STR) {
            shape = shape.child(u32[at + 1], u32[at + 2], string);
            at += 3;
          } else {
            listed ??= shape.keys.slice();
            listed.push(read());
          }
          values[i] = read();
        }
        return listed === null ? shape.build(values) : objectOf(listed, values);
      }
      case TOKEN_STATIC_STR:
      case TOKEN_STR: {
        const isStatic = u32[at - 1] === TOKEN_STATIC_STR;
        const address = u32[at++], length = u32[at++];
        return string(isStatic, address, length);
      }
      case TOKEN_NUMBER: return u32[at++];
      case TOKEN_TRUE: return true;
      case TOKEN_FALSE: return false;
      case TOKEN_KEY: return keys[u32[at++]];
      default: throw new Error("auditlog-wasm: internal error (malformed issues)");
    }
  };
  return read();
}

/**
 * Calls `visit(isStatic, i)` for each string token of `tokens[from..end]` (TOKEN_STATIC_STR or
 * TOKEN_STR, its head at `i`, its address and length after it). The tokens are prefix-encoded, so
 * one pass over their heads finds every string.
 */
export function eachString(tokens, visit, from = 0, end = tokens.length) {
  for (let i = from; i < end; ) {
    const head = tokens[i];
    if (head === TOKEN_STATIC_STR || head === TOKEN_STR) {
      visit(head === TOKEN_STATIC_STR, i);
      i += 3;
    } else {
      // true and false stand alone; the rest have one word: a count, a number, a key's index.
      i += head === TOKEN_TRUE || head === TOKEN_FALSE ? 1 : 2;
    }
  }
}

/**
 * The strings made for one answer (TOKEN_STR), decoded in order with `decode(address, length)`, or
 * null if there are none: they live only until the next call, so a saved answer keeps them. With
 * `from`, `end` and `strings`: those of `tokens[from..end]`, added to `strings`.
 */
export function dynamicStrings(tokens, decode, from = 0, end = tokens.length, strings = null) {
  eachString(tokens, (isStatic, i) => {
    if (!isStatic) (strings ??= []).push(decode(tokens[i + 1], tokens[i + 2]));
  }, from, end);
  return strings;
}
