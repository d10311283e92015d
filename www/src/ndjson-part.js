// One part of an NDJSON file, checked as a stream: by the file's worker (worker.js) and by the
// helpers it starts for the other parts of a large file (part-worker.js).

/**
 * Checks `blob` with `schema.validateNdjsonStream`. A part after the first starts at the `\n` that
 * ends the line before it: its first line is empty (skipped, as blank lines are), so its real lines
 * are numbered from 2 and a byte-order mark on its first one stays part of the line, as inside the
 * whole file.
 * @param {(bytes: number, lines: number) => void} onProgress
 * @returns {Promise<{ report, lines: number }>} `lines`: the part's `\n`s when it ends with one
 *   (the stream's last progress report counts them all)
 */
export async function checkPart(schema, blob, onProgress) {
  let lines = 0;
  const report = await schema.validateNdjsonStream(blob.stream(), {
    onProgress: (progress) => {
      lines = progress.lines;
      onProgress(progress.bytes, progress.lines);
    },
  });
  return { report, lines };
}

/**
 * Where a file of `size` bytes is cut into at most `count` parts: after the first `\n` at or past
 * each k/count of it. Returns the parts' `[start, end)`, each but the first starting at that `\n`.
 * @param {(start: number, end: number) => Promise<Uint8Array>} read the file's bytes in a range
 */
export async function partsOf(size, count, read) {
  const ends = [];
  for (let k = 1; k < count; k++) {
    let at = Math.max(Math.floor((k * size) / count), ends.at(-1) ?? 0);
    // A line longer than a window: read on until its end.
    for (;;) {
      const window = await read(at, Math.min(size, at + 65536));
      const newline = window.indexOf(10);
      if (newline !== -1) {
        at += newline + 1;
        break;
      }
      at += window.length;
      if (window.length === 0) break;
    }
    if (at >= size) break;
    if (at > (ends.at(-1) ?? 0)) ends.push(at);
  }
  const starts = [0, ...ends.map((end) => end - 1)];
  return starts.map((start, k) => [start, k < ends.length ? ends[k] : size]);
}

/**
 * The report of the whole file from its parts' (in file order), as validateNdjsonStream gives it.
 * @param {Array<{ report, lines: number }>} parts
 */
export function joinParts(parts) {
  const report = { total: 0, valid: 0, invalid: 0, lines: [] };
  // `\n`s before the part's start: a later part's line k is the file's line `before + k - 1`.
  let before = 0;
  parts.forEach(({ report: part, lines }, k) => {
    const shift = k === 0 ? 0 : before - 1;
    report.total += part.total;
    report.valid += part.valid;
    for (const line of part.lines) report.lines.push({ line: line.line + shift, issues: line.issues });
    before += k === 0 ? lines : lines - 1;
  });
  report.invalid = report.lines.length;
  return report;
}
