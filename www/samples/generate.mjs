// Writes the sample files the "check a file" panel ships with: thousands of entries, some broken,
// from a fixed seed so the files (and the counts the browser tests expect) never change.
// Usage: node www/samples/generate.mjs
import { writeFileSync } from "node:fs";

let state = 20260522;
const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(random() * list.length)];
const pad = (n) => String(n).padStart(2, "0");

const actions = ["create", "read", "update", "delete"];
const resources = ["user", "report", "invoice", "project", "api_key"];
function entry(i) {
  const day = 1 + Math.floor(random() * 28);
  const e = {
    id: `audit_${String(i).padStart(6, "0")}`,
    action: pick(actions),
    actor_id: `user_${Math.floor(random() * 500)}`,
    actor_type: pick(["user", "service_account", "api_key"]),
    resource_type: pick(resources),
    resource_id: `res_${Math.floor(random() * 10000)}`,
    ip_address: `203.0.113.${Math.floor(random() * 255)}`,
    user_agent: "Mozilla/5.0 (X11; Linux x86_64)",
    timestamp: `2026-05-${pad(day)}T${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}Z`,
  };
  if (e.action === "update") e.changes = { status: { old: "draft", new: "published" }, version: { old: i, new: i + 1 } };
  return e;
}
// One entry in about twelve is broken, in one of these ways.
const breakages = [
  (e) => ({ ...e, id: "" }),
  (e) => ({ ...e, action: "publish" }),
  (e) => ({ ...e, timestamp: e.timestamp.replace("Z", "+02:00") }),
  (e) => ({ ...e, timestamp: "2026-02-30T10:00:00Z" }),
  (e) => ({ ...e, actor_id: null }),
  (e) => ({ ...e, changes: { status: "published" } }),
  (e) => {
    const { resource_id: _, ...rest } = e;
    return rest;
  },
];

function make(count) {
  const entries = [];
  let broken = 0;
  for (let i = 0; i < count; i++) {
    let e = entry(i);
    if (random() < 1 / 12) {
      e = pick(breakages)(e);
      broken++;
    }
    entries.push(e);
  }
  return { entries, broken };
}

const here = new URL(".", import.meta.url);
const ndjson = make(5000);
// One line that is not JSON at all, as files from the field have.
const lines = ndjson.entries.map((e) => JSON.stringify(e));
lines.splice(1234, 0, '{"id": "audit_truncated", "action": "up');
writeFileSync(new URL("../public/samples/entries-5000.ndjson", here), lines.join("\n") + "\n");
const array = make(2000);
writeFileSync(new URL("../public/samples/entries-2000.json", here), JSON.stringify(array.entries, null, 1) + "\n");
console.log(`entries-5000.ndjson: ${ndjson.entries.length + 1} lines, ${ndjson.broken} broken entries + 1 line that is not JSON`);
console.log(`entries-2000.json: ${array.entries.length} entries, ${array.broken} broken`);
