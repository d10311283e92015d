// The code of a worker thread that checks pieces of NDJSON for ndjson-threads.js. build-pkg.mjs
// bundles it, with the glue it imports, into one script carried as text (ndjson-worker-source.js),
// which the pool starts with `eval: true`; the compiled module comes in `workerData`, so the worker
// neither reads a file nor compiles the module again.
//
// Messages in: { task, id, bytes, atStart } (a piece of whole lines, the schema's number, whether
// the piece starts the file). Out: { ready: true } once, then { task, total, valid, numbers, issues,
// newlines } (the piece's counts, its invalid lines' numbers counted from its first line, their
// issues, and how many `\n`s it holds) or { task, error }. With `workerData.serialized`, `issues` is
// the list of every line's issues as one `v8.serialize` buffer, which the caller reads when a line's
// issues are first read; without, it is the list itself.
import { serialize } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { initSync } from "./auditlog_wasm.js";
import { validateNdjson } from "./batch.js";
import { createGlue } from "./core.js";
import { ndjsonScanner } from "./ndjson-scan.js";
import tables from "./tables.js";

const { check, scan } = createGlue(initSync({ module: workerData.module }), ndjsonScanner, tables);

parentPort.on("message", ({ task, id, bytes, atStart }) => {
  try {
    let newlines = 0;
    const checkOne = (input, later, withData) => check(id, input, later, withData);
    // The scanner counts the piece's `\n`s as it goes: nothing reads the piece a second time.
    const scanOne = (text, input, checkLine, result) => (newlines = scan(id, text, input, checkLine, result));
    const { total, valid, lines } = validateNdjson(checkOne, scanOne, bytes, atStart);
    const list = lines.map((line) => line.issues);
    const answer = (serialized) => {
      const numbers = Uint32Array.from(lines, (line) => line.line);
      const issues = serialized ? new Uint8Array(serialize(list)) : list;
      parentPort.postMessage({ task, total, valid, numbers, issues, newlines }, serialized ? [numbers.buffer, issues.buffer] : [numbers.buffer]);
    };
    try {
      answer(workerData.serialized);
    } catch (error) {
      // Bun's postMessage refuses what its v8.serialize makes: the issues go as objects.
      if (!workerData.serialized) throw error;
      answer(false);
    }
  } catch (error) {
    parentPort.postMessage({ task, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
