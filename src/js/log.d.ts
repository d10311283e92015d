// Types of `auditlog-wasm/log`: tamper-evident audit logs (RFC 8785 canonical JSON, RFC 9162
// Merkle trees and proofs, C2SP signed checkpoints), computed by the same Rust as the service's.
import type { PlatformRecord, AuditLogEntry, Schema } from "auditlog-wasm";

export { AuditLogError, validateMany, validateNdjson, validateNdjsonStream } from "auditlog-wasm";

/** A SHA-256 Merkle tree hash (RFC 9162 section 2.1): 32 bytes. */
export type Hash = Uint8Array;

/** What `hashNdjson` found in an export. */
export interface NdjsonLeaves {
  /** How many valid records (leaves) there are. */
  size: number;
  /** The Merkle tree hash of those leaves, in order. */
  root: Hash;
  /** The leaf hash of each valid record, in the order of its lines. */
  leafHashes: Hash[];
  /** Lines (from 1) that are not JSON or not valid against the schema: not in the tree. */
  invalidLines: number[];
}

/** A schema that can also give the canonical bytes of what it accepts. */
export interface LogSchema<T> extends Schema<T> {
  /** RFC 8785 (JCS) text of the parsed value; throws the schema's `AuditLogError` when invalid. */
  canonicalize(value: unknown): string;
  /** The leaf hash of `canonicalize(value)` (SHA-256 of 0x00 and its UTF-8); throws when invalid. */
  leafHash(value: unknown): Hash;
  /** Validates, canonicalizes and leaf-hashes every line of an NDJSON export, and the root of them. */
  hashNdjson(input: string | Uint8Array): NdjsonLeaves;
}

/** The open-types `auditLogEntrySchema`, with `canonicalize`, `leafHash` and `hashNdjson`. */
export declare const auditLogEntrySchema: LogSchema<AuditLogEntry>;
/** The platform record's schema, with `canonicalize`, `leafHash` and `hashNdjson`. */
export declare const platformRecordSchema: LogSchema<PlatformRecord>;

/** A verdict: never thrown, whatever the input. */
export type Verdict = { valid: true } | { valid: false; reason: string };

/** The leaf hash of bytes (a string is hashed as its UTF-8): SHA-256(0x00 ‖ bytes). */
export declare function leafHash(bytes: Uint8Array | string): Hash;
/** The Merkle tree hash of leaves, in order (SHA-256 of the empty string for none). */
export declare function merkleRoot(leafHashes: readonly Hash[]): Hash;
/** The inclusion proof of leaf `index` in the tree of all `leafHashes`; throws a RangeError beyond it. */
export declare function inclusionProof(leafHashes: readonly Hash[], index: number): Hash[];
/** The consistency proof from the tree of the first `size1` leaves to the tree of all of them. */
export declare function consistencyProof(leafHashes: readonly Hash[], size1: number): Hash[];
/** RFC 9162 section 2.1.3.2: is the leaf at `index` in the tree of `size` leaves with this root? */
export declare function verifyInclusion(claim: {
  leafHash: Hash;
  index: number;
  size: number;
  proof: readonly Hash[];
  root: Hash;
}): Verdict;
/** RFC 9162 section 2.1.4.2: does the tree of `size2` leaves extend the tree of `size1` leaves? */
export declare function verifyConsistency(claim: {
  size1: number;
  size2: number;
  root1: Hash;
  root2: Hash;
  proof: readonly Hash[];
}): Verdict;

/** What a signed checkpoint states: the log's origin, its size and root. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
}

/**
 * Reads a C2SP `tlog-checkpoint` signed as a C2SP `signed-note` and checks its Ed25519 signature
 * by `verifierKey` (`<origin>+<key id>+<base64>`, as the log publishes it).
 */
export declare function verifyCheckpoint(
  note: string,
  verifierKey: string,
): { valid: true; checkpoint: Checkpoint } | { valid: false; reason: string };

/**
 * Where a copy of a log first differs from the log a checkpoint describes (`size` leaves, `root`),
 * or `null` when it is that log exactly: the index of the first record that was changed, reordered,
 * inserted or dropped (or `size`, when the copy only has records after the checkpoint's). Asks the
 * log for about log2(n) consistency proofs, from size `k` to `size`.
 */
export declare function findFirstDifference(options: {
  leafHashes: readonly Hash[];
  size: number;
  root: Hash;
  consistencyProof: (size1: number) => readonly Hash[] | Promise<readonly Hash[]>;
}): Promise<number | null>;
