// Many inputs at once: an array (validateMany) or NDJSON text or bytes (validateNdjson).
import { INVALID_JSON_PREFIX } from "./protocol.js";
import { invalidLine } from "./results.js";

/**
 * `check(value)`, or, when checking throws (a getter that throws, an object whose `toString` is
 * not a function: `safeParse` throws there, as Zod's does), one `check_threw` issue with the
 * exception's message: in a batch, one such item never costs the verdicts of the others.
 */
function checkOrIssue(check, value, later = false) {
  try {
    // A batch keeps verdicts and issues, never the parsed data: none is built.
    return check(value, later, false);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { issues: [{ code: "check_threw", path: [], message }] };
  }
}

/**
 * `{ total, valid, invalid, lines: [{ index, issues }] }`, with 0-based indices of the invalid ones.
 * Each line's issues are built when first read (`readSaved`), as a failed safeParse's error is.
 */
export function validateMany(check, readSaved, values) {
  if (!Array.isArray(values)) throw new TypeError("validateMany takes an array");
  const lines = [];
  let valid = 0;
  for (let i = 0; i < values.length; i++) {
    const r = checkOrIssue(check, values[i], true);
    if (r.saved) lines.push(invalidLine(i, r.saved, readSaved));
    else if (r.issues) lines.push({ index: i, issues: r.issues });
    else valid++;
  }
  return { total: values.length, valid, invalid: lines.length, lines };
}

/**
 * One line of NDJSON checked in JavaScript: JSON.parse, then the rules, as `safeParse`. The one
 * issue made here, not in the module: `invalid_json`'s message is JSON.parse's, which may hold a
 * lone surrogate (it quotes a slice of the line, which can cut a pair), and a Rust string cannot
 * carry one; its prefix is src/messages.rs's.
 */
function checkLine(check, line, number, result) {
  if (line.trim() === "") return;
  result.total++;
  let value;
  try {
    value = JSON.parse(line);
  } catch (error) {
    result.lines.push({ line: number, issues: [{ code: "invalid_json", path: [], message: `${INVALID_JSON_PREFIX}${error.message}` }] });
    return;
  }
  const r = checkOrIssue(check, value);
  if (r.issues) result.lines.push({ line: number, issues: r.issues });
  else result.valid++;
}

// Decodes bytes without dropping a byte-order mark (the caller already dropped the leading ones).
const lineDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
// Browsers' TextDecoder refuses views of shared memory (a cross-origin isolated page's
// SharedArrayBuffer): such bytes are decoded from a copy.
const decodable = (bytes) => (typeof SharedArrayBuffer === "function" && bytes.buffer instanceof SharedArrayBuffer ? bytes.slice() : bytes);

/** The input as text or bytes, without its leading byte-order mark(s) if it starts the file. */
function ndjsonInput(input, atStart) {
  let text = null, bytes = null;
  if (typeof input === "string") text = input;
  else if (input instanceof Uint8Array) bytes = input;
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else throw new TypeError("validateNdjson takes a string, a Uint8Array or an ArrayBuffer");
  // Only where the input starts the file: in a later piece of a stream (stream.js), a mark is
  // inside the file, part of its line.
  if (atStart && bytes) {
    // Decoding drops one UTF-8 byte-order mark, then one U+FEFF is dropped as from a string.
    for (let i = 0; i < 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf; i++) bytes = bytes.subarray(3);
  } else if (atStart && text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  return { text, bytes };
}

/**
 * NDJSON: lines end at `\n` (a `\r` before it is dropped), blank lines are skipped, a byte-order
 * mark at the start is dropped. Where the module has the NDJSON scanner (the server build), lines
 * are scanned and checked inside wasm (ndjson-scan.js), and only the few it leaves to JavaScript
 * come back to `checkLine`. In browsers, whose module has no scanner, and for texts with lone
 * surrogates, which UTF-8 cannot carry, every line goes through `checkLine`. The answers are the same.
 * @param {boolean} [atStart] whether the input starts the file (false for the later pieces of a
 *   stream: a byte-order mark there is kept, as inside the whole text)
 * @returns `{ total, valid, invalid, lines: [{ line, issues }] }`, with 1-based line numbers
 */
export function validateNdjson(check, scan, input, atStart = true) {
  return checkNdjson(check, scan, input, atStart).result;
}

/**
 * validateNdjson's report (`result`), and how many `\n`s the input holds (`newlines`), counted as the
 * lines are read: where the next piece of a stream starts numbering its lines.
 */
export function checkNdjson(check, scan, input, atStart = true) {
  let { text, bytes } = ndjsonInput(input, atStart);
  const result = { total: 0, valid: 0, invalid: 0, lines: [] };
  const wellFormed = text === null || (typeof text.isWellFormed === "function" && text.isWellFormed());
  let newlines;
  if (scan && wellFormed) {
    newlines = scan(text, bytes, (line, number) => checkLine(check, line, number, result), result);
  } else {
    if (text === null) text = lineDecoder.decode(decodable(bytes));
    let start = 0, number = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      number++;
      checkLine(check, text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end), number, result);
      start = end + 1;
    }
    // Each line but the last ends at a `\n`.
    newlines = number - 1;
  }
  result.invalid = result.lines.length;
  return { result, newlines };
}
