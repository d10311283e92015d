// fast-check generators of inputs for the entry, change and action schemas: valid entries mutated
// field by field, and arbitrary JSON. Everything generated is JSON-representable, so a case can be
// replayed through the Rust API too (objects are built with Object.fromEntries, so that a
// "__proto__" key is an own key, as JSON.parse makes it).
import fc from "fast-check";
import { readFileSync } from "node:fs";

const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
const seedEntries = Object.values(examples.entries);
const ENTRY_KEYS = ["id", "action", "actor_id", "actor_type", "resource_type", "resource_id", "changes", "ip_address", "user_agent", "timestamp"];

/** One UTF-16 code unit of any value, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const nastyString = (withSurrogates) =>
  fc.oneof(
    fc.constantFrom("", " ", "\t", "\n", "\u00a0", "\u200b", "\ufeff", "0", "-", "é", "😀", "\u0000", "__proto__", "constructor"),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "grapheme", maxLength: 6 }),
    ...(withSurrogates ? [fc.string({ unit: anyUnit, maxLength: 6 })] : []),
  );

const pad = (n, width) => String(n).padStart(width, "0");

/** Timestamps near the grammar's edges: real and unreal dates, fractions, zones, stray characters. */
const timestamp = (withSurrogates) => {
  const shaped = fc
    .record({
      year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1600, 1900, 2000, 2023, 2024, 2100, 2400)),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
      fraction: fc.oneof(fc.constant(""), fc.constant("."), fc.stringMatching(/^\.[0-9]{1,12}$/), fc.constantFrom(".5.5", ",5", ".a")),
      zone: fc.constantFrom("Z", "Z", "Z", "z", "", "+00:00", "-05:30", "+0000", "ZZ", "Z\n", " Z"),
      separator: fc.constantFrom("T", "T", "T", "t", " ", "_"),
      widths: fc.constantFrom([4, 2, 2, 2, 2, 2], [4, 2, 2, 2, 2, 2], [5, 2, 2, 2, 2, 2], [4, 1, 2, 2, 2, 2], [4, 2, 2, 2, 2, 1], [2, 2, 2, 2, 2, 2]),
    })
    .map(({ year, month, day, hour, minute, second, fraction, zone, separator, widths }) =>
      `${pad(year, widths[0])}-${pad(month, widths[1])}-${pad(day, widths[2])}${separator}${pad(hour, widths[3])}:${pad(minute, widths[4])}:${pad(second, widths[5])}${fraction}${zone}`,
    );
  // A valid timestamp with one unit inserted, removed or replaced.
  const mutated = fc
    .tuple(shaped, fc.nat(), fc.constantFrom("insert", "delete", "replace"), withSurrogates ? anyUnit : fc.string({ minLength: 1, maxLength: 1 }))
    .map(([s, at, op, unit]) => {
      const i = at % (s.length + 1);
      if (op === "insert") return s.slice(0, i) + unit + s.slice(i);
      if (op === "delete") return s.slice(0, i) + s.slice(i + 1);
      return s.slice(0, i) + unit + s.slice(i + 1);
    });
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 2, arbitrary: mutated }, { weight: 1, arbitrary: nastyString(withSurrogates) });
};

/** Any JSON value, small. */
const json = fc.jsonValue({ maxDepth: 3 });

/** Values a string field might wrongly hold, including Zod's `length` quirk. */
const notAString = fc.oneof(
  json,
  fc.constantFrom(null, true, false, 0, 1, -1, 0.5, [], [""], ["a", "b"], [[]], {}),
  fc.oneof(json, fc.constantFrom(0, 1, 2, "1", "0", "", " 1 ", "x", null, true, [], [1], [[2]], ["a", "b"], "0x1", "1e0", "Infinity", "-1")).map((length) => ({ length })),
);

const action = fc.oneof(fc.constantFrom("create", "read", "update", "delete"), fc.constantFrom("READ", "Create", "updates", " read", "delete\u0000", ""), json);

/** A `changes` record: keys of every sort, values that are changes or not. */
const changes = (withSurrogates) => {
  const key = fc.oneof(
    fc.constantFrom("role", "isActive", "__proto__", "constructor", "length", "0", "1", "10", "02", "-1", "4294967294", "4294967295", "1.5", ""),
    fc.nat({ max: 20 }).map(String),
    nastyString(withSurrogates),
  );
  const change = fc.oneof(
    { weight: 4, arbitrary: fc.record({ old: json, new: json, extra: json }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: json },
  );
  const record = fc.array(fc.tuple(key, change), { maxLength: 6 }).map((entries) => Object.fromEntries(entries));
  return fc.oneof({ weight: 5, arbitrary: record }, { weight: 1, arbitrary: json });
};

/** The value a mutated field gets. */
const fieldValue = (key, withSurrogates) => {
  switch (key) {
    case "action":
      return action;
    case "changes":
      return changes(withSurrogates);
    case "timestamp":
      return fc.oneof({ weight: 5, arbitrary: timestamp(withSurrogates) }, { weight: 1, arbitrary: notAString });
    default:
      return fc.oneof(nastyString(withSurrogates), notAString);
  }
};

/** An example entry with each field kept, removed or replaced, and perhaps some unknown keys. */
const mutatedEntry = (withSurrogates) =>
  fc
    .tuple(
      fc.constantFrom(...seedEntries),
      fc.tuple(...ENTRY_KEYS.map((key) => fc.oneof({ weight: 6, arbitrary: fc.constant({ keep: true }) }, { weight: 1, arbitrary: fc.constant({ remove: true }) }, { weight: 3, arbitrary: fieldValue(key, withSurrogates).map((value) => ({ value })) }))),
      fc.array(fc.tuple(nastyString(withSurrogates), json), { maxLength: 2 }),
      fc.boolean(),
      // Often only one field is changed, so that valid neighbours leave that field's answer visible.
      fc.option(fc.nat(ENTRY_KEYS.length - 1), { freq: 2 }),
    )
    .map(([entry, edits, extra, shuffle, only]) => {
      const fields = [];
      ENTRY_KEYS.forEach((key, i) => {
        const edit = only === null || only === i ? edits[i] : { keep: true };
        if (edit.remove) return;
        if (edit.keep) {
          if (key in entry) fields.push([key, entry[key]]);
        } else {
          fields.push([key, edit.value]);
        }
      });
      const all = [...extra, ...fields];
      if (shuffle) all.reverse();
      return Object.fromEntries(all);
    });

/** Inputs for `schema`; `withSurrogates: false` keeps strings valid UTF-16 (for recording to JSON files). */
export function inputs(schema, { withSurrogates = true } = {}) {
  switch (schema) {
    case "entry":
      return fc.oneof({ weight: 8, arbitrary: mutatedEntry(withSurrogates) }, { weight: 1, arbitrary: json });
    case "change":
      return fc.oneof(fc.record({ old: json, new: json, extra: json }, { requiredKeys: [] }), json);
    case "action":
      return action;
    default:
      throw new Error(`unknown schema ${schema}`);
  }
}

// ---- the platform record ----

import { platformEvents, platformActorTypes, platformResourceTypes } from "../../pkg/index.mjs";

/**
 * Which resource types each event needs, as the README documents the rule (checked by the tests):
 * none for a workspace event, which acts on the record's own workspaceId.
 */
export function requiredResources(event) {
  const [group, verb] = event.split(".");
  if (group === "workspace") return [];
  if (group === "authorization") {
    if (verb.includes("role") && verb.includes("permission")) return ["role", "permission"];
    if (verb.includes("role")) return ["role", "key"];
    return ["permission", "key"];
  }
  if (group === "ratelimit" && verb.includes("override")) return ["ratelimitOverride"];
  return [group];
}

/** A valid record for `event`: one resource of each type it needs. */
export function validRecord(event, extra = {}) {
  return {
    event,
    workspaceId: "ws_01H",
    display: `${event} by the API`,
    actorId: "key_root_1",
    actorType: "rootkey",
    actorName: "CI key",
    actorMeta: { via: "api", tags: ["ci", 1, null] },
    resources: requiredResources(event).map((type, i) => ({ id: `${type}_${i}`, type, name: `${type} ${i}`, displayName: `The ${type}`, meta: { n: i } })),
    remoteIp: "203.0.113.42",
    userAgent: "auditlog-test/1.0",
    ...extra,
  };
}

const RECORD_KEYS = ["event", "workspaceId", "display", "actorId", "actorType", "actorName", "actorMeta", "resources", "remoteIp", "userAgent"];
const RESOURCE_KEYS = ["id", "type", "name", "displayName", "meta"];

/** Strings around the 256-character limit, counted in code points as Zod counts. */
const boundaryString = fc.oneof(
  fc.constantFrom(255, 256, 257, 300).map((n) => "x".repeat(n)),
  fc.constantFrom(128, 129, 255, 256, 257).map((n) => "😀".repeat(n)),
  fc.constantFrom(0, 1).map((n) => "a".repeat(n)),
);
const ipLike = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4Extended(),
  fc.constantFrom("", "1.2.3", "256.0.0.1", "01.2.3.4", "::", "::1", "fe80::1%eth0", "::ffff:1.2.3.4", " 1.2.3.4", "localhost"),
);
const stringish = (withSurrogates) => fc.oneof(nastyString(withSurrogates), boundaryString, notAString);

const resource = (withSurrogates) =>
  fc
    .tuple(
      fc.record({ id: fc.oneof(fc.constantFrom("r1", "r2", "dup"), stringish(withSurrogates)), type: fc.oneof(fc.constantFrom(...platformResourceTypes), json), name: stringish(withSurrogates), displayName: stringish(withSurrogates), meta: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 3 }), json) }, { requiredKeys: ["id", "type"] }),
      fc.boolean(),
    )
    .map(([r, asJunk]) => (asJunk ? r : Object.fromEntries(RESOURCE_KEYS.filter((k) => k in r).map((k) => [k, r[k]]))));

const recordField = (key, withSurrogates) => {
  switch (key) {
    case "event":
      return fc.oneof(fc.constantFrom(...platformEvents), fc.constantFrom("key.Create", "workspace", "", "authorization.disconnect_role_and_permission"), json);
    case "actorType":
      return fc.oneof(fc.constantFrom(...platformActorTypes), fc.constantFrom("root", "User", ""), json);
    case "actorMeta":
      return fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), json, { maxKeys: 4 }), json);
    case "resources":
      return fc.oneof({ weight: 5, arbitrary: fc.array(resource(withSurrogates), { maxLength: 4 }) }, { weight: 1, arbitrary: json });
    case "remoteIp":
      return fc.oneof(ipLike, stringish(withSurrogates));
    default:
      return stringish(withSurrogates);
  }
};

/** Platform records: a valid record for a random event with fields removed or replaced, or any JSON. */
export function recordInputs({ withSurrogates = true } = {}) {
  const mutated = fc
    .tuple(
      fc.constantFrom(...platformEvents),
      fc.tuple(...RECORD_KEYS.map((key) => fc.oneof({ weight: 6, arbitrary: fc.constant({ keep: true }) }, { weight: 1, arbitrary: fc.constant({ remove: true }) }, { weight: 3, arbitrary: recordField(key, withSurrogates).map((value) => ({ value })) }))),
      fc.option(fc.nat(RECORD_KEYS.length - 1), { freq: 2 }),
    )
    .map(([event, edits, only]) => {
      const base = validRecord(event);
      const fields = [];
      RECORD_KEYS.forEach((key, i) => {
        const edit = only === null || only === i ? edits[i] : { keep: true };
        if (edit.remove) return;
        fields.push([key, edit.keep ? base[key] : edit.value]);
      });
      return Object.fromEntries(fields);
    });
  return fc.oneof({ weight: 9, arbitrary: mutated }, { weight: 1, arbitrary: json });
}
