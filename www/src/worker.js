// Checks a whole file off the main thread, so the page never freezes. NDJSON (one value a line) is
// streamed from the file (`File.stream()`) through `validateNdjsonStream`: memory stays near one
// chunk, the longest line and the report's invalid lines, whatever the file's size. A large one is
// cut at line ends into parts, one per worker: this one checks the first, helpers (part-worker.js)
// the others, and their reports are joined into the one a single worker gives (ndjson-part.js).
// A JSON array is read whole (it cannot be checked before it is parsed) and checked with `validateMany`.
//
// The checking module is `auditlog-wasm/log`, whose wasm has the NDJSON scanner (lines are checked
// in wasm memory): it is loaded here, when a file is first checked, so the forms' download does not
// grow. Imported dynamically: a worker whose module is still awaiting has no `onmessage` yet.
//
// Messages in: { type: "check", file, kind, workers, partBytes } (at most `workers` parts of at least
// `partBytes` each), { type: "page", page }, { type: "valid-file" }.
// Messages out: progress, done (counts, the chart's data, the first page), page, valid-file.

import { checkPart, joinParts, partsOf } from "./ndjson-part.js";

const PAGE_SIZE = 50;
let api;
let last; // { file, isArray, report, values? } of the last check

const issueText = (issue) => `${issue.path.map(String).join(".") || "(value)"}: ${issue.message}`;

/** One page of the invalid lines (or items), as rows for the table. */
function page(k) {
  const rows = last.report.lines.slice(k * PAGE_SIZE, (k + 1) * PAGE_SIZE).map((entry) => ({
    where: entry.line !== undefined ? `line ${entry.line}` : `#${entry.index + 1}`,
    issues: entry.issues.map(issueText),
  }));
  return { page: k, pages: Math.max(1, Math.ceil(last.report.lines.length / PAGE_SIZE)), rows };
}

/** Issues counted by field (the path's first step) and code: which fields fail most, and how. */
function issueCounts(report) {
  const counts = new Map();
  for (const entry of report.lines) {
    for (const issue of entry.issues) {
      const key = `${issue.path.length ? String(issue.path[0]) : "(value)"} ${issue.code}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Whether the file starts (after whitespace and a byte-order mark) with `[`. */
async function startsAsArray(file) {
  const head = new TextDecoder().decode(await file.slice(0, 1024).arrayBuffer());
  return head.replace(/^\uFEFF/, "").trimStart().startsWith("[");
}

/** A part of the file checked by a helper worker: its `{ report, lines }`. */
function checkOnHelper(helpers, file, start, end, kind, onProgress) {
  const helper = new Worker(new URL("./part-worker.js", import.meta.url), { type: "module" });
  helpers.push(helper);
  return new Promise((resolve, reject) => {
    helper.onmessage = ({ data }) => {
      if (data.type === "progress") return onProgress(data.bytes, data.lines);
      helper.terminate();
      if (data.type === "done") resolve(data);
      else reject(new Error(data.message));
    };
    helper.onerror = (event) => {
      helper.terminate();
      reject(new Error(event.message ?? "a helper worker failed"));
    };
    helper.postMessage({ file, start, end, kind });
  });
}

/** An NDJSON file's report, from `count` workers at most (this one and helpers). */
async function checkNdjson(file, schema, kind, count, onProgress) {
  const read = async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer());
  const parts = count > 1 ? await partsOf(file.size, count, read) : [[0, file.size]];
  const progress = parts.map(() => ({ bytes: 0, lines: 0 }));
  const moved = (k) => (bytes, lines) => {
    progress[k] = { bytes, lines };
    onProgress(progress.reduce((sum, p) => sum + p.bytes, 0), progress.reduce((sum, p) => sum + p.lines, 0));
  };
  const helpers = [];
  try {
    const reports = await Promise.all(
      parts.map(([start, end], k) => (k === 0 ? checkPart(schema, file.slice(start, end), moved(0)) : checkOnHelper(helpers, file, start, end, kind, moved(k)))),
    );
    return { report: joinParts(reports), workers: parts.length };
  } finally {
    // Those still running when another part failed.
    for (const helper of helpers) helper.terminate();
  }
}

async function check(file, kind, workers, partBytes) {
  api ??= await import("auditlog-wasm/log");
  const schema = kind === "record" ? api.platformRecordSchema : api.auditLogEntrySchema;
  const started = performance.now();
  const isArray = await startsAsArray(file);
  let report, values, parts = 1;
  if (isArray) {
    try {
      values = JSON.parse(await file.text());
      if (!Array.isArray(values)) throw new Error("the file is not a JSON array");
      report = schema.validateMany(values);
    } catch (error) {
      report = { total: 1, valid: 0, invalid: 1, lines: [{ index: 0, issues: [{ code: "invalid_json", path: [], message: `Not a JSON array: ${error.message}` }] }] };
      values = [];
    }
  } else {
    let lastPost = 0;
    const count = Math.max(1, Math.min(workers ?? 1, Math.floor(file.size / (partBytes ?? file.size))));
    ({ report, workers: parts } = await checkNdjson(file, schema, kind, count, (bytes, lines) => {
      const now = performance.now();
      if (now - lastPost > 50) {
        lastPost = now;
        self.postMessage({ type: "progress", bytes, size: file.size, lines });
      }
    }));
  }
  last = { file, isArray, report, values };
  const notJson = report.lines.filter((l) => l.issues[0]?.code === "invalid_json").length;
  self.postMessage({
    type: "done",
    total: report.total,
    valid: report.valid,
    invalid: report.invalid - notJson,
    notJson,
    bytes: file.size,
    ms: performance.now() - started,
    workers: parts,
    chart: issueCounts(report).slice(0, 12),
    first: page(0),
  });
}

/** The valid values as a file: for NDJSON, the file streamed again with its invalid lines left out. */
async function validFile() {
  const { file, isArray, report, values } = last;
  if (isArray) {
    const bad = new Set(report.lines.map((l) => l.index));
    return new Blob([JSON.stringify(values.filter((_, i) => !bad.has(i)), null, 1)], { type: "application/json" });
  }
  const bad = new Set(report.lines.map((l) => l.line));
  const decoder = new TextDecoder("utf-8", { ignoreBOM: false });
  const encoder = new TextEncoder();
  let number = 0, pending = "";
  const keep = (line) => {
    number++;
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    return text.trim() !== "" && !bad.has(number) ? `${text}\n` : "";
  };
  const lines = file.stream().pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        const parts = (pending + decoder.decode(chunk, { stream: true })).split("\n");
        pending = parts.pop();
        const out = parts.map(keep).join("");
        if (out) controller.enqueue(encoder.encode(out));
      },
      flush(controller) {
        const out = keep(pending + decoder.decode());
        if (out) controller.enqueue(encoder.encode(out));
      },
    }),
  );
  // The browser keeps a large Blob on disk rather than in the tab's memory.
  return new Response(lines).blob();
}

self.onmessage = async ({ data }) => {
  try {
    if (data.type === "check") await check(data.file, data.kind, data.workers, data.partBytes);
    else if (data.type === "page") self.postMessage({ type: "page", ...page(data.page) });
    else if (data.type === "valid-file") self.postMessage({ type: "valid-file", blob: await validFile(), name: last.isArray ? "valid-entries.json" : "valid-entries.ndjson" });
  } catch (error) {
    self.postMessage({ type: "error", message: error?.message ?? String(error) });
  }
};
