// Moving things across: the facts of a call into wasm memory, one call, and the answer back out.
import { MALFORMED } from "./protocol.js";
import { LARGE_NUMBERS, LARGE_TEXT, SMALL_NUMBERS, SMALL_TEXT } from "./facts.js";
import { Shape, decodeTokens } from "./tokens.js";

export class Transport {
  /**
   * @param {WebAssembly.Exports} wasm the module's raw exports (`memory`, `check`, `facts_area`, ...)
   * @param {(keys: string[]) => Function} shapeMaker how the answers' objects are made (tokens.js Shape)
   */
  constructor(wasm, shapeMaker) {
    this.wasm = wasm;
    this.decoder = new TextDecoder();
    // Static strings are in the module's data, or (the browser modules' invalid_type messages) in
    // memory made once and never freed: neither moves or changes, so they are cached by address.
    this.staticStrings = new Map();
    // The shapes of the answers' objects, keyed by the static keys' addresses (tokens.js).
    this.shapes = new Shape(shapeMaker);
    this.memoryViews = { buffer: null, f64: null, u16: null, u32: null, u8: null };
    // The areas in wasm memory the facts are copied to, and how large they are.
    this.numbersCap = 0;
    this.numbersAt = 0;
    this.textCap = 0;
    this.textAt = 0;
  }

  /** Typed arrays over wasm memory, made again only when the memory has grown. */
  views() {
    const buffer = this.wasm.memory.buffer;
    if (this.memoryViews.buffer !== buffer) {
      this.memoryViews = { buffer, f64: new Float64Array(buffer), u16: new Uint16Array(buffer), u32: new Uint32Array(buffer), u8: new Uint8Array(buffer) };
    }
    return this.memoryViews;
  }

  /**
   * Copies the facts into wasm memory and runs the rules of schema `id`; returns how many tokens
   * describe the issues (0 when valid), which must be read before the next call.
   */
  run(id, facts) {
    const wasm = this.wasm;
    // The wasm areas are kept as large as the JS buffers, which are copied whole: a copy of a few
    // hundred bytes costs less than the typed-array view a partial copy would allocate.
    if (facts.numbers.length > this.numbersCap) {
      this.numbersCap = facts.numbers.length;
      this.numbersAt = wasm.facts_area(this.numbersCap) >>> 0;
    }
    if (facts.text.length > this.textCap) {
      this.textCap = facts.text.length;
      this.textAt = wasm.text_area(this.textCap) >>> 0;
    }
    const v = this.views();
    v.f64.set(facts.numbers, this.numbersAt / 8);
    if (facts.textLength) v.u16.set(facts.text, this.textAt / 2);
    const tokens = wasm.check(id, facts.count, facts.textLength) >>> 0;
    this.shrinkAfterLargeCall();
    if (tokens === MALFORMED) throw new Error("auditlog-wasm: internal error (malformed facts)");
    return tokens;
  }

  /** The wasm areas back to small after a large call (the writer shrinks its own: FactWriter.reset). */
  shrinkAfterLargeCall() {
    if (this.numbersCap > LARGE_NUMBERS) {
      this.numbersCap = SMALL_NUMBERS;
      this.numbersAt = this.wasm.facts_area(this.numbersCap) >>> 0;
    }
    if (this.textCap > LARGE_TEXT) {
      this.textCap = SMALL_TEXT;
      this.textAt = this.wasm.text_area(this.textCap) >>> 0;
    }
  }

  /** A string in wasm memory. */
  string(isStatic, address, length) {
    if (!isStatic) return this.decoder.decode(this.views().u8.subarray(address, address + length));
    let s = this.staticStrings.get(address);
    if (s === undefined) {
      s = this.decoder.decode(this.views().u8.subarray(address, address + length));
      this.staticStrings.set(address, s);
    }
    return s;
  }

  /** The value that `count` tokens of the last answer, from token `from` on, describe. */
  readTokens(count, keys, from = 0) {
    const at = (this.wasm.tokens_area() >>> 0) / 4 + from;
    return decodeTokens(this.views().u32, at, at + count, keys, (isStatic, address, length) => this.string(isStatic, address, length), this.shapes);
  }
}
