// Hand-written inputs for the three schemas, all JSON-representable so that the native Rust tests can
// check the very same inputs. tests/js/record-zod.mjs records what Zod 4.6.7 answers for each.
import { readFileSync } from "node:fs";

const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
const base = examples.entries.update;
const minimal = examples.entries.minimal;

const without = (entry, key) => {
  const copy = { ...entry };
  delete copy[key];
  return copy;
};

/** Values of every JSON type, for putting where they do not belong. */
const wrongTypes = {
  null: null,
  true: true,
  zero: 0,
  number: 12.5,
  emptyString: "",
  string: "x",
  emptyArray: [],
  array: ["a"],
  arrayOfEmpty: [""],
  nestedArray: [[2]],
  emptyObject: {},
  object: { a: 1 },
  objectLength0: { length: 0 },
  objectLength1: { length: 1 },
  objectLengthString: { length: "2" },
  objectLengthNull: { length: null },
  objectLengthWord: { length: "x" },
};

const timestamps = [
  "2026-05-16T18:30:00Z", "2026-05-16T18:30:00.1Z", "2026-05-16T18:30:00.123456789Z",
  "2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "1900-02-29T00:00:00Z",
  "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-04-30T23:59:59Z", "2026-12-31T23:59:59Z",
  "2026-05-16T24:00:00Z", "2026-05-16T23:59:60Z", "2026-05-16T18:30Z", "2026-05-16T18:30:00.Z",
  "2026-05-16T18:30:00+02:00", "2026-05-16T18:30:00z", "2026-05-16t18:30:00Z", "2026-05-16 18:30:00Z",
  "2026-05-16", "2026-05-16T18:30:00", " 2026-05-16T18:30:00Z", "2026-05-16T18:30:00Z\n",
  "２０２６-05-16T18:30:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
  "",
];

// Leap days across centuries, the last day of every month and the day after, clock edges,
// fraction lengths, and characters that look like the grammar's but are not.
const leapYears = [0, 4, 100, 200, 400, 1600, 1700, 1800, 1900, 2000, 2004, 2024, 2025, 2100, 2400, 9996, 9999];
timestamps.push(...leapYears.map((y) => `${String(y).padStart(4, "0")}-02-29T00:00:00Z`));
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
monthDays.forEach((days, i) => {
  const month = String(i + 1).padStart(2, "0");
  timestamps.push(`2026-${month}-${days}T12:00:00Z`, `2026-${month}-${days + 1}T12:00:00Z`);
});
for (const time of ["00:00:00", "23:59:59", "19:59:59", "20:00:00", "09:09:09", "29:00:00", "23:5:59", "2:00:00"]) {
  timestamps.push(`2026-05-16T${time}Z`);
}
for (let digits = 1; digits <= 20; digits += 3) timestamps.push(`2026-05-16T18:30:00.${"7".repeat(digits)}Z`);
timestamps.push(
  "2026-05-16T18:30:00.0Z", "2026-05-16T18:30:00,5Z", "2026-05-16T18:30:00.5.Z", "2026-05-16T18:30:00.-5Z",
  "٢٠٢٦-05-16T18:30:00Z", "2026-05-16T18:30:00\u0000Z", "\ufeff2026-05-16T18:30:00Z", "2026-05-16T18:30:00Z\u200b",
  "10000-01-01T00:00:00Z", "-2026-05-16T18:30:00Z", "+002026-05-16T18:30:00Z", "2026-05-16T18:30:00Z\t",
  "2026/05/16T18:30:00Z", "2026-05-16T18.30.00Z", "20260516T183000Z", "2026-05-16T18:30:00ZZ",
);

export const cases = [];
const add = (schema, name, input) => cases.push({ schema, name, input });

for (const [name, entry] of Object.entries(examples.entries)) add("entry", `example ${name}`, entry);
for (const [name, change] of Object.entries(examples.changes)) add("change", `example ${name}`, change);
for (const [name, action] of Object.entries(examples.actions)) add("action", `example ${name}`, action);

for (const [name, value] of Object.entries(wrongTypes)) {
  add("entry", `entry is ${name}`, value);
  add("change", `change is ${name}`, value);
  add("action", `action is ${name}`, value);
}
for (const action of ["READ", "Read", " read", "read ", "creat", "deleted", "update\u0000"]) {
  add("action", `action ${JSON.stringify(action)}`, action);
}
for (const key of Object.keys(base)) {
  add("entry", `without ${key}`, without(base, key));
  for (const [name, value] of Object.entries(wrongTypes)) add("entry", `${key} is ${name}`, { ...base, [key]: value });
}
for (const timestamp of timestamps) add("entry", `timestamp ${JSON.stringify(timestamp)}`, { ...minimal, timestamp });

add("entry", "empty object", {});
add("entry", "extra keys are dropped", { ...base, extra: 1, another: { nested: true } });
add("entry", "keys in another order", Object.fromEntries(Object.entries(base).reverse()));
add("entry", "whitespace strings are not empty", { ...minimal, id: " ", actor_id: "\t", resource_type: "\n", resource_id: "\u00a0" });
add("entry", "unicode strings", { ...minimal, id: "日本語", actor_id: "😀", resource_type: "é", resource_id: "\u0301" });
add("entry", "everything wrong", { id: "", action: "nope", actor_id: [], actor_type: 1, resource_type: {}, resource_id: null, changes: [], ip_address: false, user_agent: {}, timestamp: "yesterday" });
add("entry", "changes: empty record", { ...minimal, changes: {} });
add("entry", "changes: values of every type", { ...minimal, changes: { a: null, b: 1, c: "s", d: [], e: {}, f: true } });
add("entry", "changes: extra keys inside a change are dropped", { ...minimal, changes: { a: { old: 1, new: 2, why: "x" } } });
add("entry", "changes: integer-like keys come first", { ...minimal, changes: { b: 1, 10: 2, a: 3, 2: 4, "02": 5, "-1": 6, 4294967294: 7, 4294967295: 8 } });
add("entry", "changes: null old and new", { ...minimal, changes: { a: { old: null, new: null } } });
add("entry", "changes: nested values are not walked", { ...minimal, changes: { a: { old: { deep: [1, { x: null }] }, new: [[[]]] } } });
add("entry", "changes: key named length", { ...minimal, changes: { length: 1 } });
add("entry", "changes: empty key", { ...minimal, changes: { "": {} } });
add("entry", "changes: key named _errors", { ...minimal, changes: { _errors: 1, toString: 2, constructor: {} } });
add("entry", "changes: old and new of every type", { ...minimal, changes: Object.fromEntries(Object.entries(wrongTypes).map(([k, v]) => [k, { old: v, new: v }])) });
add("entry", "changes: a hundred keys", { ...minimal, changes: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i % 7 ? {} : i])) });
add("entry", "long strings (10,000 characters)", { ...minimal, id: "i".repeat(10_000), user_agent: "u".repeat(10_000), actor_type: "😀".repeat(5_000) });
add("entry", "one-character strings", { ...minimal, id: "a", actor_id: "0", resource_type: "😀", resource_id: "\u0000" });
add("entry", "astral and right-to-left text", { ...minimal, id: "𝔞𝔲𝔡𝔦𝔱", resource_type: "مستخدم", actor_type: "ユーザー" });
