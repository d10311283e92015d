// The server entries' fact writer (speed.js): FactWriter, with the values that their field's fast
// check accepts (fast-checks.js) written as verified, so that the rules skip them. Where nothing
// was left in doubt, the input is valid without a call into wasm (saving-checker.js).
import { FactWriter, isObjectValue } from "./facts.js";
import { FLAG_VERIFIED, NEEDS_RECORD, RECORD_SLOTS } from "./protocol.js";

export class VerifyingFactWriter extends FactWriter {
  /**
   * A value its field's fast check accepted: the rules skip it. Only the tag is written: the rules
   * read nothing else of a verified record (src/source/facts.rs), so the rest may hold anything.
   */
  verified() {
    if (this.count + RECORD_SLOTS > this.numbers.length) this.grow();
    this.numbers[this.count] = FLAG_VERIFIED;
    this.count += RECORD_SLOTS;
  }

  node(v, field, flags) {
    if (field.accepts?.(v)) {
      this.verified();
      return v;
    }
    // A plain object is a record: only its entries can be wrong, and where none is, it is verified whole.
    if (field.needs !== NEEDS_RECORD || !isObjectValue(v)) return super.node(v, field, flags);
    const at = this.count, keysAt = this.keyCount, textAt = this.textLength, doubted = this.doubt;
    this.doubt = false;
    const parsed = super.node(v, field, flags);
    this.verifiedSince(at, keysAt, textAt, doubted, field.verifiable);
    return parsed;
  }

  objectOf(v, id, flags) {
    if (!isObjectValue(v)) return super.objectOf(v, id, flags);
    const at = this.count, keysAt = this.keyCount, textAt = this.textLength, doubted = this.doubt;
    this.doubt = false;
    const out = super.objectOf(v, id, flags);
    this.verifiedSince(at, keysAt, textAt, doubted, !this.tables(id).refined);
    return out;
  }

  /**
   * Where nothing written since `at` (a record's or an object's facts) was doubted, those facts
   * become one verified record: the rules skip the value whole instead of reading each part. Not
   * where a refinement reads the values (`verifiable` false). The doubt from before is restored.
   */
  verifiedSince(at, keysAt, textAt, doubted, verifiable) {
    if (!this.doubt && verifiable) {
      this.count = at;
      this.keyCount = keysAt;
      this.textLength = textAt;
      this.verified();
    }
    this.doubt ||= doubted;
  }
}
