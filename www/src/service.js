// The service (`auditlog serve`), reached through this page's own origin at `api/`: the demo's Vite
// server proxies it there (`make demo`) and adds the demo's API key, which the page itself never
// holds. When it is not running, the forms check in the browser only. Its answers become the package's own error (AuditLogError.fromResponse), so its
// issues land on the same fields as the browser's.
import { AuditLogError } from "auditlog-wasm";

const BASE = new URL("api/", document.baseURI);
/** The service's address for `path` (through the page's proxy). */
export const serviceUrl = (path) => new URL(path, BASE);
let health;

/** Whether the service answers (asked once per page). */
export function serviceAvailable() {
  health ??= fetch(new URL("healthz", BASE)).then(
    (response) => response.ok,
    () => false,
  );
  return health;
}

/**
 * Posts a value to `path` (`audit-logs` or `platform-records`). Resolves to `{ data, index }` (the stored
 * value, as the service returns it, and its position in the log) or `{ error }` (an AuditLogError).
 */
export async function submitToService(path, value) {
  let response;
  try {
    response = await fetch(new URL(path, BASE), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(value),
    });
  } catch (failure) {
    return { error: new AuditLogError([{ code: "custom", path: [], message: `The service could not be reached (${failure.message}).` }]) };
  }
  const error = await AuditLogError.fromResponse(response);
  if (error) return { error };
  const index = Number(response.headers.get("location")?.split("/").pop());
  return { data: await response.json(), index };
}
