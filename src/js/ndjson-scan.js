// NDJSON checked inside wasm, for the server build of the module (the one with `check_ndjson`,
// Makefile): the text goes into wasm memory as UTF-8 in chunks of whole lines, and Rust scans and
// checks each line there (src/source/tape.rs), building no JavaScript object. The few lines the
// scanner leaves to JavaScript (not JSON, or JSON whose meaning JSON.parse decides, such as
// duplicate keys) come back to `checkLine`, which is JSON.parse and the schema. Only the server
// entries (api.js, log-api.js) import this file, so the forms' bundles do not carry it.
import {
  LINE_INVALID, LISTED_FROM, LISTED_KIND, LISTED_NUMBER, LISTED_SLOTS, LISTED_TO, MALFORMED,
  REPORT_LISTED, REPORT_NEWLINES, REPORT_TOTAL, REPORT_VALID,
} from "./protocol.js";

// Chunks of about this many UTF-16 units or bytes, cut after a line end: wasm memory holds one.
const NDJSON_CHUNK = 1 << 18;

/**
 * @param wasm the module's raw exports
 * @param {import("./transport.js").Transport} transport
 * @returns `scan(id, text, bytes, checkLine, result)`: checks `text` (a well-formed string) or
 *   `bytes` (UTF-8) against schema `id`, adding to `result`'s `total`, `valid` and `lines`; returns
 *   how many `\n`s the input holds.
 */
export function ndjsonScanner(wasm, transport) {
  const encoder = new TextEncoder();
  // Decodes a line left to JavaScript as it is, a byte-order mark inside it included.
  const lineDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const views = () => transport.views();
  const readTokens = (count, keys, from) => transport.readTokens(count, keys, from);
  let areaSize = 0, areaAt = 0;
  const area = (size) => {
    if (size > areaSize) {
      areaSize = size;
      areaAt = wasm.ndjson_area(size) >>> 0;
    }
    return areaAt;
  };

  return function scan(id, text, bytes, checkLine, result) {
    const length = text === null ? bytes.length : text.length;
    let lines = 0; // lines before the chunk
    for (let at = 0; at < length; ) {
      let end = Math.min(at + NDJSON_CHUNK, length);
      if (end < length) {
        const newline = text === null ? bytes.indexOf(10, end) : text.indexOf("\n", end);
        end = newline === -1 ? length : newline + 1;
      }
      let start, size;
      if (text === null) {
        size = end - at;
        start = area(size);
        views().u8.set(bytes.subarray(at, end), start);
      } else {
        const chunk = text.slice(at, end);
        start = area(chunk.length * 3); // UTF-8 takes at most 3 bytes per UTF-16 unit
        size = encoder.encodeInto(chunk, views().u8.subarray(start, start + chunk.length * 3)).written;
      }
      const reportLength = wasm.check_ndjson(id, size) >>> 0;
      if (reportLength === MALFORMED) throw new Error("auditlog-wasm: internal error (ndjson)");
      const u32 = views().u32;
      const report = (wasm.report_area() >>> 0) / 4;
      result.total += u32[report + REPORT_TOTAL];
      result.valid += u32[report + REPORT_VALID];
      // Everything is read out of wasm memory before a line left to JavaScript calls into it again.
      const listed = [];
      for (let i = report + REPORT_LISTED; i < report + reportLength; i += LISTED_SLOTS) {
        const number = lines + u32[i + LISTED_NUMBER], from = u32[i + LISTED_FROM], to = u32[i + LISTED_TO];
        if (u32[i + LISTED_KIND] === LINE_INVALID) listed.push({ line: number, issues: readTokens(to, [], from) });
        else listed.push({ line: number, text: lineDecoder.decode(views().u8.subarray(start + from, start + to)) });
      }
      lines += u32[report + REPORT_NEWLINES];
      for (const entry of listed) {
        if (entry.issues) result.lines.push(entry);
        else checkLine(entry.text, entry.line);
      }
      at = end;
    }
    return lines;
  };
}
