// The Standard Schema claim, proven with real consumers: react-hook-form (through
// @hookform/resolvers' standardSchemaResolver) and TanStack Form's core package validate good and bad
// input with our schemas and put each error at the right field name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { FieldApi, FormApi } from "@tanstack/form-core";
import { auditLogEntrySchema, platformRecordSchema } from "../../pkg/index.mjs";
import { validRecord } from "./generators.mjs";

const examples = JSON.parse(readFileSync(new URL("../fixtures/open-types-examples.json", import.meta.url), "utf8"));
const good = examples.entries.update;
const bad = { ...good, id: "", timestamp: "yesterday", changes: { role: 5, isActive: { old: false } } };
const options = { fields: {}, shouldUseNativeValidation: false };

test("react-hook-form: standardSchemaResolver accepts a good entry and places each error of a bad one", async () => {
  const resolver = standardSchemaResolver(auditLogEntrySchema);
  const ok = await resolver(good, undefined, options);
  assert.deepEqual(ok.errors, {});
  assert.deepEqual(ok.values, good);
  const ko = await resolver(bad, undefined, options);
  assert.deepEqual(ko.values, {});
  assert.equal(ko.errors.id.message, "Audit log ID is required");
  assert.equal(ko.errors.timestamp.message, "Invalid timestamp");
  assert.equal(ko.errors.changes.role.message, "Invalid input: expected object, received number");
  assert.deepEqual(Object.keys(ko.errors).sort(), ["changes", "id", "timestamp"]);
  assert.deepEqual(Object.keys(ko.errors.changes), ["role"]);
});

test("react-hook-form: the platform record's errors land on resource rows", async () => {
  const resolver = standardSchemaResolver(platformRecordSchema);
  const record = validRecord("authorization.connect_role_and_key");
  assert.deepEqual((await resolver(record, undefined, options)).errors, {});
  const broken = { ...record, remoteIp: "1.2.3", resources: [record.resources[0], { id: record.resources[0].id, type: "keys" }] };
  const { errors } = await resolver(broken, undefined, options);
  assert.equal(errors.remoteIp.message, "Invalid IPv4 or IPv6 address");
  assert.match(errors.resources[1].type.message, /^Invalid option: expected one of "api"/);
  assert.equal(errors.resources[1].id.message, "Resource ids must be unique: resources[0] has the same id");
  // react-hook-form keeps a list's own error under `root`, beside the rows' errors.
  assert.equal(errors.resources.root.message, 'Event "authorization.connect_role_and_key" needs a resource of type "key"');
});

async function tanstackErrors(schema, values, names) {
  const form = new FormApi({ defaultValues: values, validators: { onChange: schema } });
  form.mount();
  const fields = names.map((name) => {
    const field = new FieldApi({ form, name });
    field.mount();
    return field;
  });
  await form.validate("change");
  return { form, errors: Object.fromEntries(fields.map((f) => [f.name, f.state.meta.errors.map((e) => e?.message)])) };
}

test("TanStack Form core: form-level schema errors reach the right fields, and clear when fixed", async () => {
  const names = ["id", "actor_id", "timestamp", "changes.role", "changes.isActive"];
  const { form, errors } = await tanstackErrors(auditLogEntrySchema, bad, names);
  assert.deepEqual(errors, {
    id: ["Audit log ID is required"],
    actor_id: [],
    timestamp: ["Invalid timestamp"],
    "changes.role": ["Invalid input: expected object, received number"],
    "changes.isActive": [],
  });
  assert.equal(form.state.isValid, false);
  form.setFieldValue("id", "audit_fixed");
  form.setFieldValue("timestamp", "2026-05-16T18:30:00Z");
  form.setFieldValue("changes", { role: { old: "viewer", new: "admin" } });
  await form.validate("change");
  assert.equal(form.state.isValid, true);
  const good_ = await tanstackErrors(auditLogEntrySchema, good, names);
  assert.equal(good_.form.state.isValid, true);
  assert.deepEqual(Object.values(good_.errors).flat(), []);
});

test("TanStack Form core: platform record errors at resources[i] fields", async () => {
  const record = validRecord("key.create");
  const broken = { ...record, actorType: "robot", resources: [{ ...record.resources[0], id: "" }] };
  const { errors } = await tanstackErrors(platformRecordSchema, broken, ["actorType", "resources[0].id", "workspaceId"]);
  assert.deepEqual(errors, {
    actorType: ['Invalid option: expected one of "rootkey"|"user"|"system"'],
    "resources[0].id": ["Too small: expected string to have >=1 characters"],
    workspaceId: [],
  });
});
