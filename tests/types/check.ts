// Compiled by tsc in a project that installed the packed package: each generated type and its open-types
// twin are assignable both ways, and the schemas are typed as the Zod schemas they replace.
import type * as OpenTypes from "./open-types.js";
import {
  auditLogActionSchema,
  auditLogChangeSchema,
  auditLogEntrySchema,
  AuditLogError,
  type AuditLogAction,
  type AuditLogChange,
  type AuditLogEntry,
  type AuditLogIssue,
  type StandardSchemaV1,
  validateMany,
  validateNdjson,
  validateNdjsonStream,
} from "auditlog-wasm";

// Mutual assignability, checked in both directions by the compiler.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const entrySame: Same<AuditLogEntry, OpenTypes.AuditLogEntry> = true;
const changeSame: Same<AuditLogChange, OpenTypes.AuditLogChange> = true;
const actionSame: Same<AuditLogAction, OpenTypes.AuditLogAction> = true;
export const checks = [entrySame, changeSame, actionSame];

export function toSeed(entry: AuditLogEntry): OpenTypes.AuditLogEntry {
  return entry;
}
export function fromSeed(entry: OpenTypes.AuditLogEntry): AuditLogEntry {
  return entry;
}
export function actionToSeed(a: AuditLogAction): OpenTypes.AuditLogAction {
  return a;
}
export function changeFromSeed(c: OpenTypes.AuditLogChange): AuditLogChange {
  return c;
}

// Optional fields really are optional, and extra literal properties are still rejected.
export const minimal: AuditLogEntry = {
  id: "a",
  action: "read",
  actor_id: "b",
  resource_type: "c",
  resource_id: "d",
  timestamp: "2026-05-16T18:30:00Z",
};
// @ts-expect-error: "publish" is not an action
export const wrongAction: AuditLogAction = "publish";

// The schemas give typed data and typed issues.
const parsed: OpenTypes.AuditLogEntry = auditLogEntrySchema.parse({});
const action: OpenTypes.AuditLogAction = auditLogActionSchema.parse("read");
const change: OpenTypes.AuditLogChange = auditLogChangeSchema.parse({});
export const values = [parsed, action, change];

export function firstIssue(input: unknown): AuditLogIssue | undefined {
  const result = auditLogEntrySchema.safeParse(input);
  if (result.success) {
    const id: string = result.data.id;
    return id ? undefined : undefined;
  }
  const error: AuditLogError = result.error;
  const issue = error.issues[0];
  if (issue?.code === "too_small") {
    const minimum: number = issue.minimum;
    void minimum;
  }
  return issue;
}

// Any consumer of Standard Schema accepts the schemas.
export function acceptsStandard<T>(schema: StandardSchemaV1<unknown, T>): StandardSchemaV1<unknown, T> {
  return schema;
}
export const standard = acceptsStandard<AuditLogEntry>(auditLogEntrySchema);

// The platform record: the unions, the runtime lists, and the schemas.
import {
  platformRecordSchema,
  platformResourceSchema,
  platformEvents,
  platformActorTypes,
  platformResourceTypes,
  type PlatformRecord,
  type PlatformEvent,
  type PlatformResourceType,
} from "auditlog-wasm";

export const event: PlatformEvent = "authorization.disconnect_role_and_permissions";
// @ts-expect-error: the singular spelling is not an event
export const notAnEvent: PlatformEvent = "authorization.disconnect_role_and_permission";
export const firstEvent: PlatformEvent | undefined = platformEvents[0];
export const actorTypes: readonly ("rootkey" | "user" | "system")[] = platformActorTypes;
export const resourceTypes: readonly PlatformResourceType[] = platformResourceTypes;
export const record: PlatformRecord = platformRecordSchema.parse({});
export const resourceId: string = platformResourceSchema.parse({}).id;
export const minimalRecord: PlatformRecord = {
  event: "key.create",
  workspaceId: "ws",
  display: "",
  actorId: "u",
  actorType: "user",
  resources: [{ id: "k", type: "key", meta: { nested: [1, "two", null, { ok: true }] } }],
};
// @ts-expect-error: metadata holds JSON only
export const badMeta: PlatformRecord = { ...minimalRecord, actorMeta: { when: new Date() } };

// JSON Schema: toJSONSchema with Zod's parameters, and Standard JSON Schema for its consumers.
import { toJSONSchema, type JSONSchema, type StandardJSONSchemaV1 } from "auditlog-wasm";

export const entryJsonSchema: JSONSchema = toJSONSchema(auditLogEntrySchema, { target: "draft-07", io: "input" });
export const recordJsonSchema: JSONSchema = platformRecordSchema.toJSONSchema({ target: "openapi-3.0" });
// @ts-expect-error: `override` is not taken
export const withOverride = toJSONSchema(auditLogEntrySchema, { override: () => {} });
export function acceptsStandardJsonSchema<T>(schema: StandardJSONSchemaV1<unknown, T>): Record<string, unknown> {
  return schema["~standard"].jsonSchema.input({ target: "draft-2020-12" });
}
export const standardJson = acceptsStandardJsonSchema<PlatformRecord>(platformRecordSchema);

// A service's problem details back into the package's error (RFC 9457, as auditlog::axum answers).
export async function serverIssues(response: Response): Promise<string[]> {
  const error: AuditLogError | null = await AuditLogError.fromResponse(response);
  if (error === null) return [];
  const fromBody: AuditLogError = AuditLogError.fromProblem({ status: 422, issues: error.issues });
  return fromBody.issues.map((issue: AuditLogIssue) => (issue.code === "invalid_json" ? `not JSON: ${issue.message}` : issue.message));
}

// Whole files: the batch reports, a stream of any size, and the batch-only issue code.
export async function streamed(stream: ReadableStream<Uint8Array>): Promise<number> {
  async function* chunks() {
    yield new Uint8Array([123, 125, 10]);
    yield "{}\n";
  }
  const progress: number[] = [];
  const fromStream = await auditLogEntrySchema.validateNdjsonStream(stream, {
    onProgress: ({ bytes, lines }) => progress.push(bytes, lines),
    batchBytes: 1 << 16,
  });
  const fromChunks = await auditLogEntrySchema.validateNdjsonStream(chunks());
  const line: number | undefined = fromStream.lines[0]?.line;
  const threw = fromChunks.lines.flatMap((l) => l.issues).filter((issue) => issue.code === "check_threw");
  const index: number | undefined = auditLogEntrySchema.validateMany([{}]).lines[0]?.index;
  // @ts-expect-error: a number is not a source of chunks
  void auditLogEntrySchema.validateNdjsonStream(42);
  // The same as functions of a schema, as browsers call them.
  const asFunctions = validateMany(auditLogEntrySchema, [{}]).invalid + validateNdjson(auditLogEntrySchema, "{}").valid;
  const streamedAsFunction = await validateNdjsonStream(auditLogEntrySchema, chunks(), { batchBytes: 1 << 16 });
  // @ts-expect-error: a number is not a source of chunks
  void validateNdjsonStream(auditLogEntrySchema, 42);
  return (line ?? 0) + threw.length + (index ?? 0) + fromChunks.valid + asFunctions + streamedAsFunction.total;
}
