// NDJSON of any size, from a stream: the same report as validateNdjson on the whole text, with
// memory bounded by a few times `batchBytes` (64 KiB) plus a chunk and the longest line. Chunks are
// gathered to about `batchBytes`, cut after their last `\n`, and the whole lines before it are
// checked by validateNdjson; the rest waits for the next chunks. A cut
// after `\n` never splits a UTF-8 sequence, a `\r\n` or a line, so each piece reads as it would
// inside the whole text.

const encoder = new TextEncoder();
const NEWLINE = 0x0a;

/** A chunk as a plain Uint8Array (its `slice` copies; a Buffer's does not): bytes, ArrayBuffer, typed array, or text (UTF-8). */
export function chunkBytes(chunk) {
  if (chunk?.constructor === Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === "string") return encoder.encode(chunk);
  throw new TypeError(`validateNdjsonStream: a chunk must be bytes or text, not ${chunk === null ? "null" : typeof chunk}`);
}

/** The chunks of a web ReadableStream, a Node stream or any (async) iterable. */
export async function* chunksOf(source) {
  if (source && typeof source.getReader === "function") {
    // Not every browser's ReadableStream is async-iterable yet: read it by hand.
    const reader = source.getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        yield value;
      }
    } finally {
      // Stopped early (a chunk that is not bytes): the source need not go on producing.
      if (!finished) await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  } else if (source && (typeof source[Symbol.asyncIterator] === "function" || typeof source[Symbol.iterator] === "function")) {
    yield* source;
  } else {
    throw new TypeError("validateNdjsonStream takes a ReadableStream, a Node stream or an async iterable of byte chunks");
  }
}

/**
 * @param {(bytes: Uint8Array, atStart: boolean) => { result: object, newlines: number }} checkNdjson
 *   the schema's whole-text check (batch.js): its report, and how many `\n`s the piece holds;
 *   `atStart`: the piece starts the file
 * @param {AsyncIterable|ReadableStream} source the NDJSON, in chunks
 * @param {{ onProgress?: (progress: { bytes: number, lines: number }) => void, batchBytes?: number }} options
 *   `batchBytes`: how many bytes are gathered before a check (default 64 KiB, GATHER)
 * @returns {Promise<{ total, valid, invalid, lines: [{ line, issues }] }>}
 */
export async function validateNdjsonStream(checkNdjson, source, { onProgress, batchBytes: given } = {}) {
  const batchBytes = given ?? GATHER;
  const report = { total: 0, valid: 0, invalid: 0, lines: [] };
  // Bytes read; `\n`s checked (the lines before the next piece).
  let bytes = 0, newlines = 0;
  const check = (piece) => {
    // Only the first piece starts the file (where a byte-order mark is dropped).
    const { result: part, newlines: pieceNewlines } = checkNdjson(piece, newlines === 0);
    report.total += part.total;
    report.valid += part.valid;
    // The part's line objects are this call's own: renumbered in place.
    for (const line of part.lines) {
      line.line += newlines;
      report.lines.push(line);
    }
    newlines += pieceNewlines;
  };
  // Chunks are gathered to about `batchBytes` before a check (each validateNdjson call has a fixed
  // cost, and streams often come in chunks of 64 KB or less), and joined once, when a check is due
  // and the newest chunk ends a line. A chunk kept past the next await is copied, as a source may
  // reuse its buffer; one checked at once is read where it is, and only its part after the last
  // `\n` is copied to keep.
  let kept = [], size = 0;
  for await (const chunk of chunksOf(source)) {
    const data = chunkBytes(chunk);
    bytes += data.length;
    const lastNewline = data.lastIndexOf(NEWLINE);
    if (lastNewline !== -1 && size + data.length >= batchBytes) {
      const all = kept.length === 0 ? data : concat([...kept, data], size + data.length);
      const end = size + lastNewline + 1;
      check(all.subarray(0, end));
      const rest = all.slice(end);
      kept = rest.length ? [rest] : [];
      size = rest.length;
    } else {
      kept.push(data.slice());
      size += data.length;
    }
    onProgress?.({ bytes, lines: newlines });
  }
  if (size) {
    // The lines left, the last perhaps without its `\n`.
    const all = concat(kept, size);
    check(all);
    onProgress?.({ bytes, lines: all[all.length - 1] === NEWLINE ? newlines : newlines + 1 });
  }
  report.invalid = report.lines.length;
  return report;
}

/**
 * How much one thread gathers before a check. While a check runs, the source reads nothing ahead
 * (a Node file stream holds one 64 KiB chunk), so gathering much more than a chunk stalls the
 * reads: a file read with `createReadStream`'s defaults checks at about half the speed with 1 MiB.
 * Gathering still pays where chunks are small: 1 KB chunks check twice as fast gathered.
 */
export const GATHER = 1 << 16;

/** The pieces sent to worker threads (ndjson-threads.js): each is a message, answered by one. */
export const PIECE = 1 << 20;

/** The chunks, `size` bytes in all, as one array. */
export function concat(chunks, size) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
