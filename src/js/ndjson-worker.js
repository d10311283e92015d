// The code of a worker thread that checks pieces of NDJSON for ndjson-threads.js. build-pkg.mjs
// bundles it, with the glue it imports, into one script carried as text (ndjson-worker-source.js),
// which the pool starts with `eval: true`; the compiled module comes in `workerData`, so the worker
// neither reads a file nor compiles the module again.
//
// Messages in: { task, id, bytes, atStart } (a piece of whole lines, the schema's number, whether
// the piece starts the file). Out: { ready: true } once, then { task, total, valid, numbers,
// answers, objectAt, objects, newlines, bytes } or { task, error }: the piece's counts; its invalid
// lines' numbers, counted from its first line; their issues, for most as the module's answers
// (a SavedAnswers, ndjson-scan.js, with `statics`: the texts of the static strings they refer to, by
// address in this worker's module), which the caller builds (the worker sends numbers, not objects);
// for the few lines checked in JavaScript (objectAt: their positions among the invalid lines), the
// issues themselves (`objects`); how many `\n`s the piece holds; and the piece's buffer, given back
// for the next piece.
import { parentPort, workerData } from "node:worker_threads";
import { initSync } from "./auditlog_wasm.js";
import { checkNdjson } from "./batch.js";
import { createGlue } from "./core.js";
import { ndjsonScanner, SavedAnswers, staticStrings } from "./ndjson-scan.js";
import { SPEED } from "./speed.js";
import tables from "./tables.js";

const { check, scan, transport } = createGlue(initSync({ module: workerData.module }), ndjsonScanner, tables, SPEED);
const staticString = (address, length) => transport.string(true, address, length);

parentPort.on("message", ({ task, id, bytes, atStart }) => {
  try {
    const answers = new SavedAnswers();
    const checkOne = (input, later, withData) => check(id, input, later, withData);
    // The lines whose answers the scanner keeps are listed as their numbers; the others, checked in
    // JavaScript, as `{ line, issues }`. The piece's `\n`s are counted as its lines are read.
    const scanOne = (text, input, checkLine, result) => scan(id, text, input, checkLine, result, answers);
    const { result: { total, valid, lines }, newlines } = checkNdjson(checkOne, scanOne, bytes, atStart);
    const numbers = new Uint32Array(lines.length), objectAt = [], objects = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (typeof line === "number") {
        numbers[i] = line;
      } else {
        numbers[i] = line.line;
        objectAt.push(i);
        objects.push(line.issues);
      }
    }
    if (objectAt.length + answers.count !== lines.length) throw new Error("auditlog-wasm: internal error (ndjson answers)");
    const statics = new Map();
    for (const part of answers.parts) staticStrings(part, staticString, statics);
    const index = Uint32Array.from(answers.index);
    const message = { task, total, valid, numbers, answers: { parts: answers.parts, index, strings: answers.strings, statics }, objectAt, objects, newlines, bytes };
    parentPort.postMessage(message, [numbers.buffer, index.buffer, bytes.buffer, ...answers.parts.map((part) => part.buffer)]);
  } catch (error) {
    parentPort.postMessage({ task, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
