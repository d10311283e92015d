// The tamper-evident log (`auditlog-wasm/log`): canonical bytes of records, RFC 9162 Merkle trees
// and proofs, signed checkpoints. Everything is computed by the crate's log (src/log/, through
// src/wasm/log.rs); this module only moves bytes in and out and turns answers into values.
import {
  LOG_ANSWER_CHECKPOINT_ORIGIN, LOG_ANSWER_CHECKPOINT_ROOT, LOG_ANSWER_CHECKPOINT_SIZE, LOG_ANSWER_HASH_BYTES,
  LOG_ANSWER_LEAVES_COUNT, LOG_ANSWER_LEAVES_HASHES, LOG_ANSWER_LEAVES_INVALID, LOG_ANSWER_LEAVES_ROOT, LOG_OK, MALFORMED, SCHEMA_IDS,
} from "./protocol.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Why a value is not a hash, or null when it is one. */
function notAHash(value, what) {
  if (value instanceof Uint8Array) return value.length === 32 ? null : `${what} is ${value.length} bytes long, not 32`;
  return `${what} is not a Uint8Array of 32 bytes`;
}

/** Why a value is not a list of hashes, or null. */
function notHashes(list, what) {
  if (!Array.isArray(list)) return `${what} is not an array of 32-byte Uint8Arrays`;
  for (let i = 0; i < list.length; i++) {
    const why = notAHash(list[i], `${what}[${i}]`);
    if (why) return why;
  }
  return null;
}

/** A size or an index: a number (or bigint) that is a whole number from 0 to 2^53 - 1 (as Rust takes it). */
function notWhole(value, what) {
  const n = typeof value === "bigint" ? Number(value) : value;
  if (typeof n === "number" && Number.isSafeInteger(n) && n >= 0) return null;
  return `${what} must be a whole number from 0 to 2^53 - 1`;
}

/** A JSON.stringify replacer that refuses what JSON cannot hold, rather than write `null` for it. */
function onlyJson(key, value) {
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`canonicalize: ${value} at "${key}" is not a JSON number`);
  if (typeof value === "bigint") throw new TypeError(`canonicalize: the bigint at "${key}" is not a JSON number`);
  return value;
}

/**
 * The log's API over an instantiated server module and the schemas made over it.
 * @param {WebAssembly.Exports} wasm its raw exports (`log_input`, `log_output`, ...)
 * @param {object} api what create-api.js's createApi made over the same module
 */
export function createLogApi(wasm, api) {
  /** Writes `parts` (byte arrays) one after another into the module's input area. */
  const send = (parts) => {
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    const at = wasm.log_input(length) >>> 0;
    const memory = new Uint8Array(wasm.memory.buffer);
    let offset = at;
    for (const part of parts) {
      memory.set(part, offset);
      offset += part.length;
    }
    return length;
  };
  /** The answer of the last call: its bytes (copied), or the reason it failed. */
  const answer = (status) => {
    if (status === MALFORMED) throw new Error("auditlog-wasm: internal error (log input)");
    const at = wasm.log_output() >>> 0;
    const bytes = new Uint8Array(wasm.memory.buffer, at, wasm.log_output_len() >>> 0).slice();
    return status === LOG_OK ? { bytes } : { reason: decoder.decode(bytes) };
  };
  const hashList = (bytes) => {
    const list = [];
    for (let i = 0; i + LOG_ANSWER_HASH_BYTES <= bytes.length; i += LOG_ANSWER_HASH_BYTES) list.push(bytes.subarray(i, i + LOG_ANSWER_HASH_BYTES));
    return list;
  };
  const produced = (result) => {
    if (result.reason) throw new RangeError(result.reason);
    return result.bytes;
  };
  const verdict = (result) => (result.reason ? { valid: false, reason: result.reason } : { valid: true });

  function leafHash(bytes) {
    const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
    if (!(data instanceof Uint8Array)) throw new TypeError("leafHash takes a Uint8Array (or a string, hashed as UTF-8)");
    return produced(answer(wasm.log_leaf_hash(send([data]))));
  }

  function checkedLeaves(leafHashes) {
    const why = notHashes(leafHashes, "leafHashes");
    if (why) throw new TypeError(why);
    return leafHashes;
  }

  function merkleRoot(leafHashes) {
    return produced(answer(wasm.log_merkle_root(send(checkedLeaves(leafHashes)))));
  }

  function inclusionProof(leafHashes, index) {
    const leaves = checkedLeaves(leafHashes);
    return hashList(produced(answer(wasm.log_inclusion_proof(send(leaves), Number(index)))));
  }

  function consistencyProof(leafHashes, size1) {
    const leaves = checkedLeaves(leafHashes);
    return hashList(produced(answer(wasm.log_consistency_proof(send(leaves), Number(size1)))));
  }

  function verifyInclusion(claim) {
    const { leafHash: leaf, index, size, proof, root } = claim ?? {};
    const why = notAHash(leaf, "leafHash") ?? notAHash(root, "root") ?? notHashes(proof, "proof") ?? notWhole(index, "index") ?? notWhole(size, "size");
    if (why) return { valid: false, reason: why };
    return verdict(answer(wasm.log_check_inclusion(send([leaf, root, ...proof]), Number(index), Number(size))));
  }

  function verifyConsistency(claim) {
    const { size1, size2, root1, root2, proof } = claim ?? {};
    const why = notAHash(root1, "root1") ?? notAHash(root2, "root2") ?? notHashes(proof, "proof") ?? notWhole(size1, "size1") ?? notWhole(size2, "size2");
    if (why) return { valid: false, reason: why };
    return verdict(answer(wasm.log_check_consistency(send([root1, root2, ...proof]), Number(size1), Number(size2))));
  }

  function verifyCheckpoint(note, verifierKey) {
    if (typeof note !== "string") return { valid: false, reason: "the checkpoint is not text" };
    if (typeof verifierKey !== "string") return { valid: false, reason: "the verifier key is not text" };
    const noteBytes = encoder.encode(note);
    const result = answer(wasm.log_check_checkpoint(send([noteBytes, encoder.encode(verifierKey)]), noteBytes.length));
    if (result.reason) return { valid: false, reason: result.reason };
    const { bytes } = result;
    const size = Number(new DataView(bytes.buffer).getBigUint64(LOG_ANSWER_CHECKPOINT_SIZE, true));
    const root = bytes.slice(LOG_ANSWER_CHECKPOINT_ROOT, LOG_ANSWER_CHECKPOINT_ROOT + LOG_ANSWER_HASH_BYTES);
    return { valid: true, checkpoint: { origin: decoder.decode(bytes.subarray(LOG_ANSWER_CHECKPOINT_ORIGIN)), size, root } };
  }

  /** RFC 8785 text of JSON text. */
  const canonicalJson = (json) => {
    const result = answer(wasm.log_canonical_json(send([encoder.encode(json)])));
    if (result.reason) throw new Error(`auditlog-wasm: internal error (${result.reason})`);
    return decoder.decode(result.bytes);
  };

  function withLog(schema, id) {
    const canonicalize = (value) => canonicalJson(JSON.stringify(schema.parse(value), onlyJson));
    const logSchema = {
      ...schema,
      canonicalize,
      leafHash: (value) => leafHash(encoder.encode(canonicalize(value))),
      hashNdjson(input) {
        let bytes = typeof input === "string" ? encoder.encode(input) : input;
        if (!(bytes instanceof Uint8Array)) throw new TypeError("hashNdjson takes NDJSON as a string or a Uint8Array");
        const out = produced(answer(wasm.log_ndjson_leaves(id, send([bytes]))));
        const view = new DataView(out.buffer);
        const size = view.getUint32(LOG_ANSWER_LEAVES_COUNT, true), invalid = view.getUint32(LOG_ANSWER_LEAVES_INVALID, true);
        const linesAt = LOG_ANSWER_LEAVES_HASHES + size * LOG_ANSWER_HASH_BYTES;
        const leafHashes = hashList(out.subarray(LOG_ANSWER_LEAVES_HASHES, linesAt));
        const invalidLines = [];
        for (let i = 0, at = linesAt; i < invalid; i++, at += 4) invalidLines.push(view.getUint32(at, true));
        return { size, root: out.slice(LOG_ANSWER_LEAVES_ROOT, LOG_ANSWER_LEAVES_ROOT + LOG_ANSWER_HASH_BYTES), leafHashes, invalidLines };
      },
    };
    // What the batch functions (many.js) check with and the schema's number (toJSONSchema), which
    // the spread leaves behind (not enumerable).
    for (const key of Object.getOwnPropertySymbols(schema)) Object.defineProperty(logSchema, key, Object.getOwnPropertyDescriptor(schema, key));
    return logSchema;
  }

  /**
   * Where a copy of a log first differs from the log a checkpoint describes (`size` leaves, `root`),
   * or null when it is that log. Asks the log for consistency proofs from size k to `size`
   * (`consistencyProof(k)`, may be async) and halves: about log2(n) proofs. Mirrors Rust's
   * `auditlog::log::first_difference`.
   */
  async function findFirstDifference({ leafHashes, size, root, consistencyProof: proofFrom }) {
    const leaves = checkedLeaves(leafHashes);
    if (leaves.length === size && merkleRoot(leaves).every((b, i) => b === root[i])) return null;
    let good = 0, bad = Math.min(leaves.length, size) + 1;
    while (bad - good > 1) {
      const k = good + Math.floor((bad - good) / 2);
      const proof = await proofFrom(k);
      const extends_ = verifyConsistency({ size1: k, size2: size, root1: merkleRoot(leaves.slice(0, k)), root2: root, proof }).valid;
      if (extends_) good = k;
      else bad = k;
    }
    return good;
  }

  return {
    findFirstDifference,
    auditLogEntrySchema: withLog(api.auditLogEntrySchema, SCHEMA_IDS.auditLogEntrySchema),
    platformRecordSchema: withLog(api.platformRecordSchema, SCHEMA_IDS.platformRecordSchema),
    leafHash,
    merkleRoot,
    inclusionProof,
    consistencyProof,
    verifyInclusion,
    verifyConsistency,
    verifyCheckpoint,
  };
}
