// The platform record through the built package: every event and resource type, every rule
// at its exact path, the field rules against the same rules stated in Zod on generated records, and
// the recording the native Rust tests compare with.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import * as ours from "../../pkg/index.mjs";
import { auditLogReference, isOwnRule, outcome } from "./zod-reference.mjs";
import { recordInputs, requiredResources, validRecord } from "./generators.mjs";
import { platformRecordingUrl, recordPlatform } from "./record-platform.mjs";
import { fixedSeed } from "./seeds.mjs";

const seed = fixedSeed("tests/js/platform.test.mjs", 20261104);

test("the lists: 42 events, 3 actor types, 13 resource types, 4 actions, frozen, spelled as the Go package", () => {
  assert.equal(ours.platformEvents.length, 42);
  assert.ok(ours.platformEvents.includes("authorization.disconnect_role_and_permissions"));
  assert.ok(ours.platformEvents.includes("workspace.opt_in"));
  assert.deepEqual(ours.platformActorTypes, ["rootkey", "user", "system"]);
  assert.equal(ours.platformResourceTypes.length, 13);
  assert.deepEqual(ours.auditLogActions, ["create", "read", "update", "delete"]);
  for (const list of [ours.platformEvents, ours.platformActorTypes, ours.platformResourceTypes, ours.auditLogActions]) {
    assert.ok(Object.isFrozen(list));
  }
});

test("the lists are exactly the Go package's constants, in its order (tests/fixtures/platform-constants.json)", () => {
  const go = JSON.parse(readFileSync(new URL("../fixtures/platform-constants.json", import.meta.url), "utf8"));
  assert.deepEqual([...ours.platformEvents], go.events);
  assert.deepEqual([...ours.platformResourceTypes], go.resourceTypes);
  assert.deepEqual([...ours.platformActorTypes], go.actorTypes);
});

test("every event is accepted with the resources it acts on, and rejected without them; a workspace event needs none", () => {
  for (const event of ours.platformEvents) {
    const record = validRecord(event);
    assert.deepEqual(ours.platformRecordSchema.parse(record), record, event);
    const other = ours.platformRecordSchema.safeParse({ ...record, resources: [{ id: "x", type: "keySpace" }] });
    const none = ours.platformRecordSchema.safeParse({ ...record, resources: [] });
    const missing = requiredResources(event).map((type) => ["missing_resource", event, type, ["resources"]]);
    if (event.startsWith("workspace.")) {
      assert.deepEqual(missing, [], event);
      assert.equal(other.success, true, event);
      assert.equal(none.success, true, `${event} with no resources, as the platform's billing writes workspace.update`);
      continue;
    }
    assert.deepEqual(other.error.issues.map((i) => [i.code, i.event, i.expected, i.path]), missing, event);
    const tooSmall = ["too_small", undefined, undefined, ["resources"]];
    assert.deepEqual(none.error.issues.map((i) => [i.code, i.event, i.expected, i.path]), [tooSmall, ...missing], event);
  }
});

test("every resource type is accepted", () => {
  for (const type of ours.platformResourceTypes) {
    assert.deepEqual(ours.platformResourceSchema.parse({ id: "r", type }), { id: "r", type });
  }
});

test("each rule is reported with its code at its exact path", () => {
  const base = validRecord("authorization.connect_role_and_key");
  const cases = [
    [{ event: "nope" }, "invalid_value", ["event"]],
    [{ workspaceId: "" }, "too_small", ["workspaceId"]],
    [{ workspaceId: "w".repeat(257) }, "too_big", ["workspaceId"]],
    [{ display: 1 }, "invalid_type", ["display"]],
    [{ actorId: "a".repeat(257) }, "too_big", ["actorId"]],
    [{ actorType: "bot" }, "invalid_value", ["actorType"]],
    [{ actorName: "n".repeat(257) }, "too_big", ["actorName"]],
    [{ actorMeta: [] }, "invalid_type", ["actorMeta"]],
    [{ actorMeta: { when: new Date(0) } }, "invalid_type", ["actorMeta", "when"]],
    [{ actorMeta: { list: [1, undefined] } }, "invalid_type", ["actorMeta", "list", 1]],
    [{ actorMeta: { n: Infinity } }, "invalid_type", ["actorMeta", "n"]],
    [{ actorMeta: { big: 1n } }, "invalid_type", ["actorMeta", "big"]],
    // An empty list is too short, and also lacks the resources the event acts on.
    [{ resources: [] }, "too_small", ["resources"], [["missing_resource", ["resources"]], ["missing_resource", ["resources"]]]],
    [{ resources: [...base.resources, 5] }, "invalid_type", ["resources", 2]],
    [{ resources: [...base.resources, { id: "", type: "api" }] }, "too_small", ["resources", 2, "id"]],
    [{ resources: [...base.resources, { id: "x", type: "apis" }] }, "invalid_value", ["resources", 2, "type"]],
    [{ resources: [...base.resources, { id: "x", type: "api", meta: { f() {} } }] }, "invalid_type", ["resources", 2, "meta", "f"]],
    [{ resources: [...base.resources, { id: base.resources[0].id, type: "api" }] }, "duplicate_resource_id", ["resources", 2, "id"]],
    [{ resources: [base.resources[0]] }, "missing_resource", ["resources"]],
    [{ remoteIp: "999.1.1.1" }, "invalid_format", ["remoteIp"]],
    [{ userAgent: "u".repeat(257) }, "too_big", ["userAgent"]],
  ];
  for (const [change, code, path, also = []] of cases) {
    const result = ours.platformRecordSchema.safeParse({ ...base, ...change });
    const label = `${code} at ${path.join(".")}`;
    assert.equal(result.success, false, label);
    assert.deepEqual(result.error.issues.map((i) => [i.code, i.path]), [[code, path], ...also], label);
  }
});

test("JSON metadata: cycles, symbol keys and nesting beyond 100 levels are reported, not crashed on", () => {
  const base = validRecord("key.create");
  const cyclic = { a: {} };
  cyclic.a.back = cyclic;
  const cycle = ours.platformRecordSchema.safeParse({ ...base, actorMeta: cyclic });
  assert.deepEqual(cycle.error.issues.map((i) => [i.code, i.path]), [["invalid_type", ["actorMeta", "a", "back"]]]);
  const symbol = Symbol("s");
  const withSymbol = ours.platformRecordSchema.safeParse({ ...base, actorMeta: { [symbol]: 1 } });
  assert.deepEqual(withSymbol.error.issues.map((i) => [i.code, i.path]), [["invalid_key", ["actorMeta", symbol]]]);
  let deep = {};
  const root = deep;
  for (let i = 0; i < 100_000; i++) deep = deep.x = {};
  const tooDeep = ours.platformRecordSchema.safeParse({ ...base, actorMeta: root });
  assert.equal(tooDeep.error.issues.length, 1);
  assert.equal(tooDeep.error.issues[0].code, "too_big");
  assert.equal(tooDeep.error.issues[0].path.length, 101);
  assert.equal(ours.platformRecordSchema.safeParse(base).success, true);
});

test("the caller's record is never changed, and the parsed data is new (meta passed by reference)", () => {
  const input = validRecord("role.create", { unknown: 1 });
  const before = structuredClone(input);
  const data = ours.platformRecordSchema.parse(input);
  assert.deepEqual(input, before);
  assert.equal("unknown" in data, false);
  assert.notEqual(data.resources, input.resources);
  assert.notEqual(data.resources[0], input.resources[0]);
  assert.equal(data.actorMeta, input.actorMeta);
});

test("the recording of the package's answers is up to date (else run: node tests/js/record-platform.mjs)", () => {
  const recorded = JSON.parse(readFileSync(platformRecordingUrl, "utf8"));
  assert.deepEqual(recordPlatform(), recorded);
});

test("20,000 generated records: the field rules report exactly what Zod reports for them", () => {
  let valid = 0;
  fc.assert(
    fc.property(recordInputs(), (input) => {
      // Zod lets some JavaScript errors through (a `length` that cannot become a number): so do we.
      const settle = (schema) => {
        try {
          return outcome(schema.safeParse(input));
        } catch (thrown) {
          return { threw: thrown?.constructor?.name, message: thrown?.message };
        }
      };
      const ours_ = settle(ours.platformRecordSchema);
      const zod = settle(auditLogReference);
      if (ours_.threw || zod.threw) {
        assert.deepEqual(ours_, zod, `on ${JSON.stringify(input)}`);
        return;
      }
      const fieldIssues = ours_.success ? [] : ours_.issues.filter((issue) => !isOwnRule(issue));
      const ownIssues = ours_.success ? [] : ours_.issues.filter(isOwnRule);
      assert.equal(JSON.stringify(fieldIssues), JSON.stringify(zod.success ? [] : zod.issues), `on ${JSON.stringify(input)}`);
      assert.equal(ours_.success, zod.success && ownIssues.length === 0);
      if (ours_.success) valid++;
    }),
    { numRuns: 20_000, seed, endOnFailure: true },
  );
  console.log(`platform: 20000 generated records, ${valid} valid, field rules identical to Zod's`);
});

test("the demo records are what their names say", () => {
  const samples = JSON.parse(readFileSync(new URL("../../examples/records.json", import.meta.url), "utf8"));
  for (const { name, record } of samples) {
    assert.equal(ours.platformRecordSchema.safeParse(record).success, name.startsWith("valid:"), name);
  }
});
