// Records what the npm package answers for platform records into
// tests/fixtures/platform-recorded.json; the native Rust tests check the crate gives the same for the
// same JSON. `node --test tests/js/` fails if it is out of date; renew it with:
//   node tests/js/record-platform.mjs
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { platformEvents, platformResourceSchema, platformRecordSchema, platformResourceTypes } from "../../pkg/index.mjs";
import { recordInputs, validRecord } from "./generators.mjs";
import { outcome } from "./zod-reference.mjs";

export const platformRecordingUrl = new URL("../fixtures/platform-recorded.json", import.meta.url);

/** Hand-written cases: every event, every resource type, and each rule broken once. */
export function platformCases() {
  const cases = [];
  const add = (schema, name, input) => cases.push({ schema, name, input });
  const keyCreate = validRecord("key.create");
  for (const event of platformEvents) add("record", `valid ${event}`, validRecord(event));
  for (const event of platformEvents) add("record", `${event} without resources of the types it needs`, { ...validRecord(event), resources: [{ id: "other", type: "keySpace" }] });
  for (const type of platformResourceTypes) add("resource", `resource of type ${type}`, { id: `${type}_1`, type });
  const broken = {
    "unknown event": { event: "key.created" },
    "event of another case": { event: "KEY.CREATE" },
    "empty workspaceId": { workspaceId: "" },
    "workspaceId of 257 characters": { workspaceId: "w".repeat(257) },
    "workspaceId of 256 emoji (256 code points, 512 units)": { workspaceId: "😀".repeat(256) },
    "workspaceId of 257 emoji": { workspaceId: "😀".repeat(257) },
    "display missing": { display: undefined },
    "display empty": { display: "" },
    "display of 300 characters": { display: "d".repeat(300) },
    "empty actorId": { actorId: "" },
    "actorId is a list": { actorId: [] },
    "actorId is a long list": { actorId: Array(300).fill(1) },
    "actorId has a length of 300": { actorId: { length: 300 } },
    "unknown actorType": { actorType: "admin" },
    "actorName of 257": { actorName: "n".repeat(257) },
    "actorName null": { actorName: null },
    "actorMeta is a list": { actorMeta: [1] },
    "actorMeta null": { actorMeta: null },
    "actorMeta is a string": { actorMeta: "{}" },
    "actorMeta nested": { actorMeta: { a: { b: { c: [1, [2, [3]]] } } } },
    "actorMeta with a __proto__ key": { actorMeta: JSON.parse('{"__proto__": {"x": 1}}') },
    "resources empty": { resources: [] },
    "resources an object": { resources: { 0: { id: "k", type: "key" } } },
    "resources a string": { resources: "key_1" },
    "resource not an object": { resources: [...keyCreate.resources, "key_2"] },
    "resource without id": { resources: [{ type: "key" }] },
    "resource with empty id": { resources: [{ id: "", type: "key" }] },
    "resource of unknown type": { resources: [{ id: "k", type: "keys" }] },
    "resource with long name": { resources: [{ id: "k", type: "key", name: "n".repeat(257), displayName: "x".repeat(256) }] },
    "resource meta a list": { resources: [{ id: "k", type: "key", meta: [] }] },
    "duplicate resource ids": { resources: [{ id: "k", type: "key" }, { id: "k", type: "api" }, { id: "k", type: "role" }] },
    "ids that differ only in case are different": { resources: [{ id: "k", type: "key" }, { id: "K", type: "api" }] },
    "remoteIp not an address": { remoteIp: "1.2.3" },
    "remoteIp empty": { remoteIp: "" },
    "remoteIp IPv6": { remoteIp: "2001:db8::8a2e:370:7334" },
    "remoteIp IPv4-mapped IPv6": { remoteIp: "::ffff:192.0.2.1" },
    "remoteIp with a zone": { remoteIp: "fe80::1%eth0" },
    "remoteIp with leading zeros": { remoteIp: "010.0.0.1" },
    "remoteIp of 300 characters": { remoteIp: "1".repeat(300) },
    "userAgent of 257": { userAgent: "u".repeat(257) },
    "everything missing": null,
  };
  for (const [name, change] of Object.entries(broken)) {
    const input = change === null ? {} : JSON.parse(JSON.stringify({ ...keyCreate, ...change }));
    add("record", name, input);
  }
  add("record", "workspace.update with no resources, as the platform's billing writes it", { ...validRecord("workspace.update"), resources: [] });
  add("record", "workspace.create naming its workspace", validRecord("workspace.create", { resources: [{ id: "ws_01H", type: "workspace" }] }));
  add("record", "an unknown event with no resources", { ...keyCreate, event: "workspace.rename", resources: [] });
  add("record", "ratelimit.update naming only an override", { ...validRecord("ratelimit.update"), resources: [{ id: "o", type: "ratelimitOverride" }] });
  add("record", "no resources, and field issues before and after them", { ...keyCreate, workspaceId: "", resources: [], remoteIp: "x" });
  add("record", "connect role and permission with only a role", { ...validRecord("authorization.connect_role_and_permission"), resources: [{ id: "r", type: "role" }] });
  add("record", "not a record", "key.create");
  add("record", "a list", [keyCreate]);
  return cases;
}

const GENERATED = 1_000;
const GENERATED_SEED = 2026;

export function recordPlatform() {
  const schemas = { record: platformRecordSchema, resource: platformResourceSchema };
  const generated = fc
    .sample(recordInputs({ withSurrogates: false }), { numRuns: GENERATED, seed: GENERATED_SEED })
    .map((raw, i) => ({ schema: "record", name: `generated #${i} (seed ${GENERATED_SEED})`, input: JSON.parse(JSON.stringify(raw) ?? "null") }));
  return [...platformCases(), ...generated].map(({ schema, name, input }) => ({ schema, name, input, expected: outcome(schemas[schema].safeParse(input)) }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const recorded = recordPlatform();
  writeFileSync(platformRecordingUrl, `[\n${recorded.map((c) => JSON.stringify(c)).join(",\n")}\n]\n`);
  console.log(`recorded ${recorded.length} platform cases from the package`);
}
