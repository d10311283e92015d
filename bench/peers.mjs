// The open-types entry schema written for each peer, as equivalently as each library allows.
import * as z from "zod";
import * as zm from "zod/mini";
import * as v from "valibot";
import Ajv from "ajv";
import { auditLogEntrySchema as zodEntry } from "../tests/js/zod-reference.mjs";
import { DATETIME } from "./datetime-regex.mjs";

const ACTIONS = ["create", "read", "update", "delete"];

const miniChange = zm.object({ old: zm.optional(zm.unknown()), new: zm.optional(zm.unknown()) });
const miniEntry = zm.object({
  id: zm.string().check(zm.minLength(1, { error: "Audit log ID is required" })),
  action: zm.enum(ACTIONS),
  actor_id: zm.string().check(zm.minLength(1, { error: "Actor ID is required" })),
  actor_type: zm.optional(zm.string()),
  resource_type: zm.string().check(zm.minLength(1, { error: "Resource type is required" })),
  resource_id: zm.string().check(zm.minLength(1, { error: "Resource ID is required" })),
  changes: zm.optional(zm.record(zm.string(), miniChange)),
  ip_address: zm.optional(zm.string()),
  user_agent: zm.optional(zm.string()),
  timestamp: zm.iso.datetime({ error: "Invalid timestamp" }),
});

const valibotEntry = v.object({
  id: v.pipe(v.string(), v.minLength(1, "Audit log ID is required")),
  action: v.picklist(ACTIONS),
  actor_id: v.pipe(v.string(), v.minLength(1, "Actor ID is required")),
  actor_type: v.optional(v.string()),
  resource_type: v.pipe(v.string(), v.minLength(1, "Resource type is required")),
  resource_id: v.pipe(v.string(), v.minLength(1, "Resource ID is required")),
  changes: v.optional(v.record(v.string(), v.object({ old: v.optional(v.unknown()), new: v.optional(v.unknown()) }))),
  ip_address: v.optional(v.string()),
  user_agent: v.optional(v.string()),
  timestamp: v.pipe(v.string(), v.regex(DATETIME, "Invalid timestamp")),
});

const ajvValidate = new Ajv({ allErrors: true }).compile({
  type: "object",
  required: ["id", "action", "actor_id", "resource_type", "resource_id", "timestamp"],
  properties: {
    id: { type: "string", minLength: 1 },
    action: { enum: ACTIONS },
    actor_id: { type: "string", minLength: 1 },
    actor_type: { type: "string" },
    resource_type: { type: "string", minLength: 1 },
    resource_id: { type: "string", minLength: 1 },
    changes: { type: "object", additionalProperties: { type: "object" } },
    ip_address: { type: "string" },
    user_agent: { type: "string" },
    timestamp: { type: "string", pattern: DATETIME.source },
  },
});

/** name -> validate(input) returning whether it is valid (each library's own result otherwise). */
export const peers = {
  zod: (input) => zodEntry.safeParse(input),
  "zod/mini": (input) => miniEntry.safeParse(input),
  valibot: (input) => v.safeParse(valibotEntry, input),
  ajv: (input) => ajvValidate(input),
};
export { z, zodEntry };
