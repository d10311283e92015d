// Checks a whole file off the main thread, so the page never freezes: a JSON array or NDJSON (one
// entry a line) of entries or platform records. Reports progress, then counts, the invalid entries
// with their line numbers and issues, and a file of the valid ones.
// Imported dynamically: the package awaits its wasm at top level, and a worker whose module is still
// awaiting has no `onmessage` yet, so a message sent at once would be lost.
const api = import("auditlog-wasm");

const PROGRESS_EVERY = 500;
const SHOWN_AT_MOST = 1000;

self.onmessage = async ({ data: { file, kind } }) => {
  const started = performance.now();
  const { auditLogEntrySchema, auditLogSchema } = await api;
  const schema = kind === "record" ? auditLogSchema : auditLogEntrySchema;
  // File.text() decodes UTF-8 and drops a byte-order mark; invalid bytes become U+FFFD.
  const text = await file.text();
  const isArray = text.trimStart().startsWith("[");
  let items; // [where, value, parseError]
  if (isArray) {
    try {
      const values = JSON.parse(text);
      items = Array.isArray(values) ? values.map((value, i) => [`#${i + 1}`, value, null]) : [["file", undefined, "the file is not a JSON array"]];
    } catch (error) {
      items = [["file", undefined, `not JSON: ${error.message}`]];
    }
  } else {
    items = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].replace(/\r$/, "");
      if (line.trim() === "") continue;
      try {
        items.push([`line ${i + 1}`, JSON.parse(line), null]);
      } catch (error) {
        items.push([`line ${i + 1}`, undefined, `not JSON: ${error.message}`]);
      }
    }
  }

  let valid = 0, invalid = 0, notJson = 0;
  const rows = [];
  const validValues = [];
  for (let i = 0; i < items.length; i++) {
    const [where, value, parseError] = items[i];
    if (parseError) {
      notJson++;
      if (rows.length < SHOWN_AT_MOST) rows.push({ where, issues: [parseError] });
    } else {
      const result = schema.safeParse(value);
      if (result.success) {
        valid++;
        validValues.push(value);
      } else {
        invalid++;
        if (rows.length < SHOWN_AT_MOST) {
          rows.push({ where, issues: result.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(entry)"}: ${issue.message}`) });
        }
      }
    }
    if ((i + 1) % PROGRESS_EVERY === 0) self.postMessage({ type: "progress", done: i + 1, total: items.length });
  }
  const validFile = isArray
    ? new Blob([JSON.stringify(validValues, null, 1)], { type: "application/json" })
    : new Blob([validValues.map((v) => JSON.stringify(v)).join("\n") + "\n"], { type: "application/x-ndjson" });
  self.postMessage({
    type: "done",
    total: items.length,
    valid,
    invalid,
    notJson,
    rows,
    validFile,
    validName: isArray ? "valid-entries.json" : "valid-entries.ndjson",
    ms: performance.now() - started,
  });
};
