// Answers: the tokens the module writes (src/wasm/tokens.rs) turned into JavaScript values.
import { TOKEN_ARRAY, TOKEN_FALSE, TOKEN_KEY, TOKEN_NUMBER, TOKEN_OBJECT, TOKEN_STATIC_STR, TOKEN_STR, TOKEN_TRUE } from "./protocol.js";

/**
 * Builds the value the tokens `u32[at..end]` describe. `keys` are the record keys the call read
 * (TOKEN_KEY refers to them by position). `string(isStatic, address, length)` gives a string's
 * text: from module memory, or, for a saved answer, from the strings saved with it.
 */
export function decodeTokens(u32, at, end, keys, string) {
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
 * The strings made for one answer (TOKEN_STR), decoded in order with `decode(address, length)`, or
 * null if there are none: they live only until the next call, so a saved answer keeps them. The
 * tokens are prefix-encoded, so one pass over their headers finds every string.
 */
export function dynamicStrings(tokens, decode) {
  let strings = null;
  for (let i = 0; i < tokens.length; ) {
    switch (tokens[i++]) {
      case TOKEN_STR:
        (strings ??= []).push(decode(tokens[i], tokens[i + 1]));
        i += 2;
        break;
      case TOKEN_STATIC_STR: i += 2; break;
      case TOKEN_TRUE: case TOKEN_FALSE: break;
      default: i += 1; // the count of an array or object, a number, a key's index
    }
  }
  return strings;
}
