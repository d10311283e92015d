// What the glue writes about the values only the platform's schemas have (src/rules/platform.rs): an
// array of objects (a record's resources) and JSON values (actorMeta, a resource's meta), in the
// layout facts.js writes the rest in. A module of its own, so that a page that imports only the
// open-types schemas, whose module has neither, downloads none of it: the glues over a module with
// the platform's schemas take it as their `nested` part (speed.js, browser-full.js).
import { FLAG_CYCLE, FLAG_PLAIN, FLAG_TOO_DEEP, KEY_PROTO, KEY_STRING, KEY_SYMBOL, NEEDS_ARRAY, NEEDS_JSON } from "./protocol.js";
import { ownKeys } from "./own-keys.js";

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** `parts` (core.js's Parts) with these writers as their `nested` part. */
export function withPlatformFacts(parts) {
  return { ...parts, nested: writeNested };
}

/**
 * A field whose rules read an array (NEEDS_ARRAY) or a JSON value (NEEDS_JSON): its facts, written
 * by `facts` (a FactWriter); returns the value as parsed data.
 */
export function writeNested(facts, v, field, flags) {
  if (field.needs === NEEDS_ARRAY) {
    facts.value(v, NEEDS_ARRAY, flags);
    if (!Array.isArray(v)) return v;
    const n = v.length;
    facts.push(n);
    // Made either way: `new Array(length)` is where Zod throws for a length no array can have.
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const item = facts.objectOf(v[i], field.schema, 0);
      if (facts.withData) out[i] = item;
    }
    return out;
  }
  // A JSON field must hold a plain object; the rules read no further into anything else.
  if (Array.isArray(v)) facts.value(v, NEEDS_JSON, flags);
  else json(facts, v, flags, 0, field.depth, []);
  return v; // JSON is passed through by reference, like Zod's z.unknown()
}

/** A JSON value's whole tree: kinds, keys, cycles, and where it nests deeper than `maxDepth`. */
function json(facts, v, flags, depth, maxDepth, ancestors) {
  const at = facts.count;
  facts.value(v, NEEDS_JSON, flags);
  const isArray = Array.isArray(v);
  if (!isArray && !(facts.numbers[at] & FLAG_PLAIN)) return;
  if (ancestors.includes(v)) {
    facts.numbers[at] += FLAG_CYCLE;
    return;
  }
  if (depth >= maxDepth) {
    facts.numbers[at] += FLAG_TOO_DEEP;
    return;
  }
  ancestors.push(v);
  if (isArray) {
    const n = v.length;
    facts.push(n);
    for (let i = 0; i < n; i++) json(facts, v[i], 0, depth + 1, maxDepth, ancestors);
  } else {
    jsonEntries(facts, v, depth, maxDepth, ancestors);
  }
  ancestors.pop();
}

/** A plain object's own enumerable keys in a JSON value, each with its value's tree. */
function jsonEntries(facts, v, depth, maxDepth, ancestors) {
  const countAt = facts.count;
  facts.push(0);
  let count = 0;
  for (const key of ownKeys(v)) {
    if (!isEnumerable.call(v, key)) continue;
    count++;
    if (typeof key === "symbol") {
      facts.unreadKey(key, KEY_SYMBOL);
      continue;
    }
    facts.key(key, key === "__proto__" ? KEY_PROTO : KEY_STRING);
    json(facts, v[key], 0, depth + 1, maxDepth, ancestors);
  }
  facts.numbers[countAt] = count;
}
