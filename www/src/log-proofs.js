// Checking the service's tamper-evident log in this page: it keeps a Merkle tree of what it stored
// and signs its root (a checkpoint); the page checks its claims with the same Rust code compiled to
// wasm (`auditlog-wasm/log`, loaded only when first needed, so the forms do not wait for it).

import { count } from "./plural.js";
import { serviceUrl as api } from "./service.js";

export { api };
export const base64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
let logModule;
export const loadLog = () => (logModule ??= import("auditlog-wasm/log"));

/** The service's checkpoint, its signature checked against the key the service names. */
export async function signedCheckpoint(log) {
  // A real verifier pins the key it trusts out of band; the demo asks the service for it.
  const key = (await (await fetch(api("checkpoint/key"))).text()).trim();
  const note = await (await fetch(api("checkpoint"))).text();
  const read = log.verifyCheckpoint(note, key);
  if (!read.valid) throw new Error(`the checkpoint's signature does not verify: ${read.reason}`);
  return { ...read.checkpoint, key };
}

/** Checks that the value stored at `path/index` is in the log the service's checkpoint signs. */
export async function verifyStored(path, index) {
  const log = await loadLog();
  const stored = await (await fetch(api(`${path}/${index}`))).json();
  const checkpoint = await signedCheckpoint(log);
  const { proof } = await (await fetch(api(`proof/inclusion?index=${stored.logIndex}&size=${checkpoint.size}`))).json();
  const schema = path === "platform-records" ? log.platformRecordSchema : log.auditLogEntrySchema;
  const verdict = log.verifyInclusion({ leafHash: schema.leafHash(stored.data), index: stored.logIndex, size: checkpoint.size, proof: proof.map(base64), root: checkpoint.root });
  if (!verdict.valid) throw new Error(`the inclusion proof does not verify: ${verdict.reason}`);
  return `Verified in this browser: the service's signed checkpoint (${checkpoint.origin}, ${count(checkpoint.size, "value")}) includes it, as value ${stored.logIndex} of its log.`;
}

