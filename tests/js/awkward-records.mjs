// Records whose keys are awkward to list (integer-like keys, symbols, keys that are not enumerable,
// an own `__proto__`, a getter that deletes a later key, no prototype), each inside a valid entry's
// `changes` (a z.record) and a valid platform record's `actorMeta` (JSON). Built afresh on each call:
// their getters change them. Used by tests/js/schemas.test.mjs, in its process and in a child whose
// runtime cannot tell a proxy.
import { readFileSync } from "node:fs";

const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
const records = JSON.parse(readFileSync(new URL("../../examples/records.json", import.meta.url), "utf8"));
const validRecord = records.find(({ name }) => name.startsWith("valid:")).record;

const hidden = (o, key, value) => Object.defineProperty(o, key, { value, enumerable: false });

/** name → a function making a fresh record, whose values are valid changes. */
export const awkwardRecords = {
  "integer-like keys among strings": () => ({ b: { old: 1 }, 2: { new: 2 }, a: { old: 3 }, 1: { new: 4 }, 4294967295: { old: 5 } }),
  "an enumerable symbol key": () => ({ a: { old: 1 }, [Symbol("s")]: { old: 2 }, b: { new: 3 } }),
  "keys that are not enumerable": () => hidden(hidden({ a: { old: 1 }, c: { new: 3 } }, "b", { old: 2 }), Symbol("t"), { old: 4 }),
  "an own enumerable __proto__": () => JSON.parse('{"a": {"old": 1}, "__proto__": {"old": 2}, "b": {"new": 3}}'),
  "an own __proto__ that is not enumerable": () => hidden({ a: { old: 1 } }, "__proto__", { old: 2 }),
  "a getter that deletes a later key": () => ({ get a() { delete this.b; return { old: 1 }; }, b: { old: 2 }, c: { new: 3 } }),
  "a getter that hides a later key": () => ({ get a() { return hidden(this, "b", this.b), { old: 1 }; }, b: { old: 2 } }),
  "no prototype": () => Object.assign(Object.create(null), { z: { old: 1 }, 0: { new: 2 } }),
  "an invalid value after awkward keys": () => ({ 7: { old: 1 }, [Symbol("u")]: 1, x: "not a change" }),
};

/** The inputs each record goes into: the schema's export name and the input around the record. */
export const placements = {
  "an entry's changes": (record) => ["auditLogEntrySchema", { ...examples.entries.update, changes: record }],
  "a platform record's actorMeta": (record) => ["platformRecordSchema", { ...validRecord, actorMeta: record }],
};

/** What safeParse answered, as JSON text (key order counts): verdict, data or issues. */
export function answer(result) {
  return JSON.stringify(result.success ? { data: result.data } : { issues: result.error.issues });
}

/** name → placement → our answer, for every awkward record; `wrap` may wrap the record first. */
export function answers(api, wrap = (record) => record) {
  const out = {};
  for (const [name, make] of Object.entries(awkwardRecords)) {
    out[name] = {};
    for (const [where, place] of Object.entries(placements)) {
      const [schema, input] = place(wrap(make()));
      out[name][where] = answer(api[schema].safeParse(input));
    }
  }
  return out;
}
