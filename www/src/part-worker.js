// A helper of the file's worker (worker.js) for a large NDJSON file: checks one part of it and sends
// back the part's report. Message in: { file, start, end, kind }. Out: progress, done, error.
import { checkPart } from "./ndjson-part.js";

self.onmessage = async ({ data: { file, start, end, kind } }) => {
  try {
    // Imported here, as in worker.js: a worker whose module is still awaiting has no `onmessage` yet.
    const api = await import("auditlog-wasm/log");
    const schema = kind === "record" ? api.platformRecordSchema : api.auditLogEntrySchema;
    let lastPost = 0;
    const part = await checkPart(schema, file.slice(start, end), (bytes, lines) => {
      const now = performance.now();
      if (now - lastPost > 50) {
        lastPost = now;
        self.postMessage({ type: "progress", bytes, lines });
      }
    });
    self.postMessage({ type: "done", ...part });
  } catch (error) {
    self.postMessage({ type: "error", message: error?.message ?? String(error) });
  }
};
