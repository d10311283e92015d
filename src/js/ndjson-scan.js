// NDJSON checked inside wasm, for the server build of the module (the one with `check_ndjson`,
// Makefile): the text goes into wasm memory as UTF-8 in chunks of whole lines, and Rust scans and
// checks each line there (src/source/tape.rs), building no JavaScript object. The few lines the
// scanner leaves to JavaScript (not JSON, or JSON whose meaning JSON.parse decides, such as
// duplicate keys) come back to `checkLine`, which is JSON.parse and the schema. Only the server
// entries (api.js, log-api.js) import this file, so the forms' bundles do not carry it.
import { AnswerBuilders } from "./answers.js";
import { dynamicStrings, eachString } from "./tokens.js";
import {
  LINE_INVALID, LISTED_FROM, LISTED_KIND, LISTED_NUMBER, LISTED_SLOTS, LISTED_TO, MALFORMED,
  REPORT_LISTED, REPORT_NEWLINES, REPORT_TOTAL, REPORT_VALID,
} from "./protocol.js";

// Chunks of about this many UTF-16 units or bytes, cut after a line end: wasm memory holds one.
const NDJSON_CHUNK = 1 << 18;

/**
 * The static strings (TOKEN_STATIC_STR) of `tokens[from..end]`, added to `found` by address: the
 * texts a thread without the module's memory needs to read the answers.
 */
export function staticStrings(tokens, decode, found, from = 0, end = tokens.length) {
  eachString(tokens, (isStatic, i) => {
    if (isStatic && !found.has(tokens[i + 1])) found.set(tokens[i + 1], decode(tokens[i + 1], tokens[i + 2]));
  }, from, end);
  return found;
}

/**
 * Answers saved out of wasm memory (saveAnswers, below), in a form that postMessage copies:
 * `parts`, copies of token areas; `index`, four numbers per answer (its part, where its tokens start
 * and end there, and the position of its first string in `strings`); `strings`, the strings that
 * lived only until the next call, in order. Answer `k` is read with `readAnswer`.
 */
export class SavedAnswers {
  constructor() {
    this.parts = [];
    this.index = [];
    this.strings = [];
  }

  get count() {
    return this.index.length / 4;
  }
}

/**
 * The value answer `k` of `answers` describes; `staticString(address, length)` gives a static
 * string's text and `builders` (AnswerBuilders) builds answers of the module that wrote them.
 */
export function readAnswer(answers, k, staticString, builders) {
  const index = answers.index, at = 4 * k;
  let dynamic = index[at + 3];
  const string = (isStatic, address, length) => (isStatic ? staticString(address, length) : answers.strings[dynamic++]);
  return builders.value(answers.parts[index[at]], index[at + 1], index[at + 2], string);
}

/**
 * @param wasm the module's raw exports
 * @param {import("./transport.js").Transport} transport
 * @returns `scan(id, text, bytes, checkLine, result, answers)`: checks `text` (a well-formed
 *   string) or `bytes` (UTF-8) against schema `id`, adding to `result`'s `total`, `valid` and
 *   `lines`; returns how many `\n`s the input holds. An invalid line's issues are built from its
 *   answer as the line is read (AnswerBuilders). With `answers` (a SavedAnswers), the answers go there and
 *   such a line is listed as its number alone: for a caller that reads the answers elsewhere
 *   (ndjson-worker.js), which then builds no line object.
 */
export function ndjsonScanner(wasm, transport) {
  const encoder = new TextEncoder();
  // Decodes a line left to JavaScript as it is, a byte-order mark inside it included.
  const lineDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const views = () => transport.views();
  const staticString = (address, length) => transport.string(true, address, length);
  const dynamicString = (address, length) => transport.string(false, address, length);

  /**
   * Adds the answers of the last `check_ndjson` call to `answers`, as saving-checker.js's saveTokens saves
   * one answer, with one copy for all: `ranges` holds, for each answer, where its tokens start and
   * how many there are ([from, count, from, count, ...]; lines that failed alike share a range).
   */
  const saveAnswers = (answers, ranges) => {
    if (ranges.length === 0) return;
    let first = ranges[0], last = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      first = Math.min(first, ranges[i]);
      last = Math.max(last, ranges[i] + ranges[i + 1]);
    }
    const base = (wasm.tokens_area() >>> 0) / 4;
    const tokens = views().u32.slice(base + first, base + last);
    const part = answers.parts.push(tokens) - 1;
    const strings = wasm.answer_strings() !== 0;
    for (let i = 0; i < ranges.length; i += 2) {
      const from = ranges[i] - first, end = from + ranges[i + 1];
      answers.index.push(part, from, end, answers.strings.length);
      if (strings) dynamicStrings(tokens, dynamicString, from, end, answers.strings);
    }
  };
  let areaSize = 0, areaAt = 0;
  const area = (size) => {
    if (size > areaSize) {
      areaSize = size;
      areaAt = wasm.ndjson_area(size) >>> 0;
    }
    return areaAt;
  };

  // An invalid line's issues, made from its answer in module memory as the line is read.
  const builders = new AnswerBuilders(transport.shapes);
  const string = (isStatic, address, length) => transport.string(isStatic, address, length);

  return function scan(id, text, bytes, checkLine, result, answers = null) {
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
      // Everything is read out of wasm memory before a line left to JavaScript calls into it again:
      // the invalid lines' answers (their issues, or copies for `answers`) and the texts of the
      // lines left to JavaScript.
      const listed = u32.slice(report + REPORT_LISTED, report + reportLength);
      const tokens = (wasm.tokens_area() >>> 0) / 4;
      const ranges = [], found = [], texts = [];
      // A line that failed as one before it in the chunk shares that line's tokens (check_ndjson):
      // its tokens start at or before the newest answer's (each answer has tokens, so new ones start
      // after it). Its kind and made strings are learned once.
      const sameTokens = new Map();
      let newest = -1;
      for (let i = 0; i < listed.length; i += LISTED_SLOTS) {
        const from = listed[i + LISTED_FROM], to = listed[i + LISTED_TO];
        if (listed[i + LISTED_KIND] !== LINE_INVALID) texts.push(lineDecoder.decode(views().u8.subarray(start + from, start + to)));
        else if (answers !== null) ranges.push(from, to);
        else if (from > newest) {
          newest = from;
          found.push(builders.value(u32, tokens + from, tokens + from + to, string));
        } else {
          const at = tokens + from, end = at + to;
          let same = sameTokens.get(from);
          if (same === undefined) {
            same = { kind: builders.kind(u32, at, end), made: dynamicStrings(u32, dynamicString, at, end) };
            sameTokens.set(from, same);
          }
          const made = same.made;
          let next = 0;
          found.push(builders.build(same.kind, u32, at, end, made === null ? string : (isStatic, address, length) => (isStatic ? string(true, address, length) : made[next++])));
        }
      }
      if (answers !== null) saveAnswers(answers, ranges);
      const before = lines;
      lines += u32[report + REPORT_NEWLINES];
      let invalid = 0, unsure = 0;
      for (let i = 0; i < listed.length; i += LISTED_SLOTS) {
        const number = before + listed[i + LISTED_NUMBER];
        if (listed[i + LISTED_KIND] !== LINE_INVALID) checkLine(texts[unsure++], number);
        else result.lines.push(answers === null ? { line: number, issues: found[invalid++] } : number);
      }
      at = end;
    }
    return lines;
  };
}
