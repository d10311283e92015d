// `validateNdjsonStream(source, { workers: n })` on Node's entries (node.js): the stream cut into
// pieces of whole lines, each checked by one of `n` worker threads (`node:worker_threads`: Node,
// Deno, Bun), the reports joined in file order into the report one thread gives. No other entry
// imports this file.
//
// The worker's code travels inside this bundle as text (ndjson-worker.js, bundled by build-pkg.mjs)
// and the compiled module is handed to it: no file is looked for at run time, so a server bundled
// with the package starts the same workers as the package as shipped. Where
// workers cannot start (no `node:worker_threads`, Node's permission model without --allow-worker),
// the stream is checked on the calling thread, as without the option.
//
// Workers outlive a call, so that a second one does not wait for them to start, but never keep the
// process alive: they are unref'd while no call needs them, and end after IDLE_MS without one.
import { SCHEMA_IDS } from "./protocol.js";
import { chunkBytes, chunksOf, concat, GATHER, PIECE } from "./stream.js";
import { readAnswer } from "./ndjson-scan.js";
import { AnswerBuilders } from "./answers.js";
import { Shape, compileShape } from "./tokens.js";
import workerSource from "./ndjson-worker-source.js";

const NEWLINE = 0x0a;

// Pieces sent and not answered yet, per worker: one checked, one waiting, so no worker waits for the
// reader. (Three measured no faster on two cores.)
const IN_FLIGHT = 2;
// Pieces sent and not merged yet, per worker: answered pieces wait behind a slower one to be merged
// in file order, while the other workers go on with the next pieces.
const HELD = 2 * IN_FLIGHT;
const IDLE_MS = 5_000;
// A worker not ready by then counts as one that cannot start (a runtime whose workers never answer).
const START_MS = 10_000;

/**
 * The process's Node flags, which a worker inherits, but for `--input-type`: the workers' code is a
 * CommonJS script, which `--input-type=module` would run as an ES module (and fail).
 */
function workerFlags() {
  const flags = [];
  for (let i = 0, argv = process.execArgv; i < argv.length; i++) {
    if (argv[i] === "--input-type") i++;
    else if (!argv[i].startsWith("--input-type=")) flags.push(argv[i]);
  }
  return flags;
}

/**
 * A pool of worker threads over a compiled module.
 * @param {WebAssembly.Module | () => WebAssembly.Module} module a module with the NDJSON scanner, or
 *   what compiles it when the first worker starts
 * @param {string} [source] the workers' code (tests hand in others)
 * @returns `{ acquire(count) }`: `acquire` resolves to a lease `{ check(id, bytes, atStart),
 *   release(), builders }` (what builds the workers' answers: ndjson-worker.js), or to null where
 *   workers cannot start
 */
export function workerPool(module, source = workerSource) {
  let workers = []; // { worker, pending: Map<task, { resolve, reject }> }, started and ready
  let leases = 0, tasks = 0, idle, growing = Promise.resolve(true);
  // The answers' static strings are addresses in the workers' module, which all workers share (and
  // which may not be this thread's module): what builds their answers is kept apart from this thread's.
  const builders = new AnswerBuilders(new Shape(compileShape));

  /** One worker, resolved once it is ready; rejected if it fails first. */
  const start = (Worker) =>
    new Promise((resolve, reject) => {
      if (typeof module === "function") module = module();
      const worker = new Worker(source, { eval: true, execArgv: workerFlags(), workerData: { module } });
      const entry = { worker, pending: new Map() };
      let ready = false;
      const late = setTimeout(() => {
        stop(new Error("auditlog-wasm: a worker thread did not start"));
        worker.terminate();
      }, START_MS);
      const stop = (why) => {
        clearTimeout(late);
        workers = workers.filter((w) => w !== entry);
        if (!ready) reject(why);
        for (const { reject: fail } of entry.pending.values()) fail(why);
        entry.pending.clear();
      };
      worker.on("message", (message) => {
        if (!ready) {
          ready = true;
          clearTimeout(late);
          if (leases === 0) worker.unref();
          resolve(entry);
          return;
        }
        const task = entry.pending.get(message.task);
        entry.pending.delete(message.task);
        if (message.error !== undefined) task?.reject(new Error(`auditlog-wasm: a worker thread failed: ${message.error}`));
        else task?.resolve(message);
      });
      worker.on("error", (error) => {
        stop(new Error(`auditlog-wasm: a worker thread failed: ${error?.message ?? error}`, { cause: error }));
        worker.terminate();
      });
      worker.on("exit", (code) => stop(new Error(`auditlog-wasm: a worker thread stopped (exit code ${code})`)));
    });

  /** Whether `count` workers run, starting the missing ones; false where they cannot start. */
  const grow = async (count) => {
    if (workers.length >= count) return true;
    let Worker;
    try {
      ({ Worker } = await import("node:worker_threads"));
    } catch {
      return false;
    }
    // A constructor that throws (Node's permission model without --allow-worker) rejects its start.
    const started = await Promise.allSettled(Array.from({ length: count - workers.length }, () => start(Worker)));
    for (const s of started) if (s.status === "fulfilled") workers.push(s.value);
    return workers.length >= count;
  };

  const lease = (count) => {
    const mine = workers.slice(0, count);
    let released = false;
    return {
      builders,
      /** Checks `bytes` (its buffer is moved to the worker, and comes back in the answer) on the least busy worker. */
      check(id, bytes, atStart) {
        const live = mine.filter((w) => workers.includes(w));
        if (live.length === 0) return Promise.reject(new Error("auditlog-wasm: every worker thread of this call stopped"));
        const entry = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
        const task = ++tasks;
        return new Promise((resolve, reject) => {
          entry.pending.set(task, { resolve, reject });
          entry.worker.postMessage({ task, id, bytes, atStart }, [bytes.buffer]);
        });
      },
      release() {
        if (released) return;
        released = true;
        if (--leases > 0) return;
        for (const { worker } of workers) worker.unref();
        idle = setTimeout(() => {
          for (const { worker } of workers) worker.terminate();
          workers = [];
        }, IDLE_MS);
        idle.unref?.();
      },
    };
  };

  return {
    async acquire(count) {
      clearTimeout(idle);
      leases++;
      for (const { worker } of workers) worker.ref();
      const enough = await (growing = growing.then(() => grow(count)));
      if (!enough) {
        lease(0).release();
        return null;
      }
      // Workers started meanwhile stay referenced: they only unref themselves when no call holds a lease.
      return lease(count);
    },
  };
}

/**
 * The report of `validateNdjsonStream(source)`, with the checking done by `count` workers.
 * @param lease what `workerPool(...).acquire(count)` gave
 */
async function onWorkers(lease, count, id, source, { onProgress, batchBytes } = {}) {
  // Given, `batchBytes` is both how much is gathered and the pieces' size. By default, as on one
  // thread, a piece goes out once GATHER bytes are there (more would stall a source that reads one
  // chunk ahead), and only what is larger than PIECE is cut.
  const gather = batchBytes ?? GATHER, pieceBytes = batchBytes ?? PIECE, step = pieceBytes >= 1 ? pieceBytes : 1;
  const report = { total: 0, valid: 0, invalid: 0, lines: [] };
  // Bytes read; `\n`s in the pieces merged; pieces sent, in file order, not merged yet.
  let bytes = 0, newlines = 0, sent = 0, endsWithNewline = true;
  // Pieces sent, in file order: { done, failed, answer } once answered.
  const queue = [];
  let unanswered = 0, wake = null;
  const answered = () => {
    unanswered--;
    wake?.();
  };
  const waitForAnswer = () => new Promise((resolve) => (wake = resolve));
  /** Merges the answered pieces at the head of the queue. */
  const mergeAnswered = () => {
    while (queue.length !== 0 && queue[0].done) {
      const { failed, answer } = queue.shift();
      if (failed) throw answer;
      merge(answer);
    }
  };
  // Buffers the workers gave back, for the next pieces' copies: a new buffer costs more to fill
  // than one whose memory is already the process's.
  const spare = [];
  const merge = ({ total, valid, numbers, answers, objectAt, objects, newlines: pieceNewlines, bytes: given }) => {
    report.total += total;
    report.valid += valid;
    // Each piece numbers its lines from 1: they move by the `\n`s before it. Most lines' issues
    // are built here from the module's answers; the others came built.
    const statics = answers.statics;
    const staticString = (address) => statics.get(address);
    for (let i = 0, k = 0, o = 0; i < numbers.length; i++) {
      const issues = o < objectAt.length && objectAt[o] === i ? objects[o++] : readAnswer(answers, k++, staticString, lease.builders);
      report.lines.push({ line: numbers[i] + newlines, issues });
    }
    newlines += pieceNewlines;
    if (given?.buffer.byteLength > 0 && spare.length < count * HELD) spare.push(given.buffer);
  };
  /** A copy of `piece` that can be moved to a worker, in a spare buffer where one is large enough. */
  const copy = (piece) => {
    let buffer = spare.pop();
    // Room for a little more than this piece: the next ones are about as long.
    if (buffer === undefined || buffer.byteLength < piece.length) buffer = new ArrayBuffer(piece.length + (piece.length >> 4));
    const bytes = new Uint8Array(buffer, 0, piece.length);
    bytes.set(piece);
    return bytes;
  };
  const send = async (piece, owned) => {
    // Sent once a worker has room (the least busy one gets it: lease.check).
    for (mergeAnswered(); unanswered >= count * IN_FLIGHT || queue.length >= count * HELD; mergeAnswered()) await waitForAnswer();
    // A piece is moved to its worker: a copy, unless it is a whole buffer of this call's own.
    const whole = owned && piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength;
    const task = lease.check(id, whole ? piece : copy(piece), sent++ === 0);
    // Merged in order; if the call ends first (the source failed), its answer is dropped.
    const entry = { done: false, failed: false, answer: undefined };
    unanswered++;
    task.then(
      (answer) => Object.assign(entry, { done: true, answer }),
      (error) => Object.assign(entry, { done: true, failed: true, answer: error }),
    ).finally(answered);
    queue.push(entry);
  };
  /** `block` (whole lines, but perhaps the file's last) in pieces of about `step` bytes, each ending a line. */
  const sendLines = async (block, owned) => {
    for (let start = 0; start < block.length; ) {
      const newline = block.indexOf(NEWLINE, start + step - 1);
      const end = newline === -1 ? block.length : newline + 1;
      await send(block.subarray(start, end), owned && start === 0 && end === block.length);
      start = end;
    }
  };
  // As stream.js gathers chunks, but a gathered block is cut into pieces for the workers. Kept
  // chunks are copies (a source may reuse its buffer); a chunk whose lines are sent at once is
  // copied only into its pieces.
  let kept = [], size = 0;
  for await (const chunk of chunksOf(source)) {
    const data = chunkBytes(chunk);
    bytes += data.length;
    if (data.length) endsWithNewline = data[data.length - 1] === NEWLINE;
    const lastNewline = data.lastIndexOf(NEWLINE);
    if (lastNewline !== -1 && size + data.length >= gather) {
      const head = data.subarray(0, lastNewline + 1);
      if (size === 0) await sendLines(head, false);
      else await sendLines(concat([...kept, head], size + head.length), true);
      const rest = data.slice(lastNewline + 1);
      kept = rest.length ? [rest] : [];
      size = rest.length;
    } else {
      kept.push(data.slice());
      size += data.length;
    }
    onProgress?.({ bytes, lines: newlines });
  }
  if (size) await sendLines(concat(kept, size), true);
  for (mergeAnswered(); queue.length !== 0; mergeAnswered()) await waitForAnswer();
  report.invalid = report.lines.length;
  // As on one thread: a last report of progress where the stream ended with bytes to check.
  if (bytes !== 0) onProgress?.({ bytes, lines: endsWithNewline ? newlines : newlines + 1 });
  return report;
}

/** How many threads the process may run at once (`os.availableParallelism()`), at least 1. */
async function cores() {
  try {
    const os = await import("node:os");
    return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  } catch {
    return 1;
  }
}

/**
 * Gives each schema of `api` a `validateNdjsonStream` that takes `workers`: how many worker threads
 * check the stream (0 or none: the calling thread, as before).
 */
export function withWorkerThreads(api, module) {
  let pool;
  for (const [name, id] of Object.entries(SCHEMA_IDS)) {
    const schema = api[name];
    if (schema === undefined) continue; // `auditlog-wasm/log` has two of the schemas
    const oneThread = schema.validateNdjsonStream;
    schema.validateNdjsonStream = async (source, options) => {
      const asked = options?.workers ?? 0;
      if (!(Number.isInteger(asked) && asked >= 0)) throw new RangeError(`validateNdjsonStream: workers must be a whole number, 0 or more, not ${String(asked)}`);
      // More threads than cores only cost memory and time to start.
      const count = Math.min(asked, await cores());
      if (count === 0) return oneThread(source, options);
      pool ??= workerPool(module);
      const lease = await pool.acquire(count);
      if (lease === null) return oneThread(source, options);
      try {
        return await onWorkers(lease, count, id, source, options);
      } finally {
        lease.release();
      }
    };
  }
  return api;
}
