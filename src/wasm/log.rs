//! The log's side of the wasm module (Cargo feature `log-export`, the server build): what each log
//! export does, in plain Rust. Every call reads bytes the glue wrote, writes its answer as bytes to
//! `out`, and returns [`OK`] or [`FAILED`] (then `out` holds the reason, UTF-8). Hashes travel as
//! 32 bytes each, one after another; sizes and indexes as JavaScript numbers (f64).

use crate::log::{
    Hash, MerkleLog, ProofError, canonicalize, leaves_of_ndjson, root, verify_checkpoint,
    verify_consistency, verify_inclusion,
};
use crate::model::{AuditLogEntry, PlatformRecord};

#[cfg(doc)]
use super::protocol::log_answer;
pub use super::protocol::log_status::{FAILED, OK};

fn fail(out: &mut Vec<u8>, why: impl std::fmt::Display) -> u32 {
    out.clear();
    out.extend_from_slice(why.to_string().as_bytes());
    FAILED
}

fn answer(out: &mut Vec<u8>, bytes: &[u8]) -> u32 {
    out.clear();
    out.extend_from_slice(bytes);
    OK
}

/// A JavaScript number that is a size or an index: a safe integer from 0 (to 2^53 - 1, as the
/// glue's `Number.isSafeInteger` takes them).
fn whole(n: f64, what: &str) -> Result<u64, String> {
    if n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&n) {
        Ok(n as u64)
    } else {
        Err(format!(
            "{what} must be a whole number from 0 to 2^53 - 1, not {n}"
        ))
    }
}

/// Bytes as 32-byte hashes (the glue sends only whole hashes).
fn hashes(bytes: &[u8]) -> Vec<Hash> {
    bytes
        .chunks_exact(32)
        .filter_map(|chunk| chunk.try_into().ok())
        .collect()
}

fn hash_at(bytes: &[u8], at: usize) -> Hash {
    bytes
        .get(at..at + 32)
        .and_then(|hash| hash.try_into().ok())
        .unwrap_or([0; 32])
}

fn write_hashes(out: &mut Vec<u8>, list: &[Hash]) -> u32 {
    out.clear();
    list.iter().for_each(|hash| out.extend_from_slice(hash));
    OK
}

/// RFC 8785 text of JSON text (what JSON.stringify made of a parsed value).
pub fn canonical_json(input: &[u8], out: &mut Vec<u8>) -> u32 {
    match serde_json::from_slice(input) {
        Ok(value) => answer(out, canonicalize(&value).as_bytes()),
        Err(error) => fail(out, format!("not JSON: {error}")),
    }
}

/// The leaf hash of the input.
pub fn leaf_hash(input: &[u8], out: &mut Vec<u8>) -> u32 {
    answer(out, &crate::log::leaf_hash(input))
}

/// The root of the leaf hashes in the input.
pub fn merkle_root(input: &[u8], out: &mut Vec<u8>) -> u32 {
    answer(out, &root(&hashes(input)))
}

/// The inclusion proof of leaf `index` in the tree of the leaf hashes in the input.
pub fn inclusion_proof(input: &[u8], index: f64, out: &mut Vec<u8>) -> u32 {
    let log = MerkleLog::from_leaves(hashes(input));
    match whole(index, "index").map(|index| log.inclusion_proof(index, log.size())) {
        Ok(Ok(proof)) => write_hashes(out, &proof),
        Ok(Err(error)) => fail(out, error),
        Err(error) => fail(out, error),
    }
}

/// The consistency proof from the first `size1` leaves to all the leaf hashes in the input.
pub fn consistency_proof(input: &[u8], size1: f64, out: &mut Vec<u8>) -> u32 {
    let log = MerkleLog::from_leaves(hashes(input));
    match whole(size1, "size1").map(|size1| log.consistency_proof(size1, log.size())) {
        Ok(Ok(proof)) => write_hashes(out, &proof),
        Ok(Err(error)) => fail(out, error),
        Err(error) => fail(out, error),
    }
}

/// Input: leaf hash, root, then the proof's hashes.
pub fn check_inclusion(input: &[u8], index: f64, size: f64, out: &mut Vec<u8>) -> u32 {
    let verdict = whole(index, "index").and_then(|index| {
        let size = whole(size, "size")?;
        let proof = hashes(input.get(64..).unwrap_or_default());
        verify_inclusion(&hash_at(input, 0), index, size, &proof, &hash_at(input, 32))
            .map_err(|error: ProofError| error.to_string())
    });
    match verdict {
        Ok(()) => answer(out, &[]),
        Err(why) => fail(out, why),
    }
}

/// Input: first root, second root, then the proof's hashes.
pub fn check_consistency(input: &[u8], size1: f64, size2: f64, out: &mut Vec<u8>) -> u32 {
    let verdict = whole(size1, "size1").and_then(|size1| {
        let size2 = whole(size2, "size2")?;
        let proof = hashes(input.get(64..).unwrap_or_default());
        verify_consistency(
            size1,
            size2,
            &hash_at(input, 0),
            &hash_at(input, 32),
            &proof,
        )
        .map_err(|error| error.to_string())
    });
    match verdict {
        Ok(()) => answer(out, &[]),
        Err(why) => fail(out, why),
    }
}

/// Input: the note's UTF-8 (`note_len` bytes), then the verifier key's. Answer: the root, the size
/// (8 bytes, little-endian), then the origin (laid out as [`log_answer`] declares).
pub fn check_checkpoint(input: &[u8], note_len: usize, out: &mut Vec<u8>) -> u32 {
    let (Some(note), Some(key)) = (input.get(..note_len), input.get(note_len..)) else {
        return fail(out, "the note's length is beyond the input");
    };
    let (Ok(note), Ok(key)) = (std::str::from_utf8(note), std::str::from_utf8(key)) else {
        return fail(out, "not UTF-8 text");
    };
    match verify_checkpoint(note, key) {
        Ok(checkpoint) => {
            out.clear();
            out.extend_from_slice(&checkpoint.root);
            out.extend_from_slice(&checkpoint.size.to_le_bytes());
            out.extend_from_slice(checkpoint.origin.as_bytes());
            OK
        }
        Err(error) => fail(out, error),
    }
}

/// The pipeline over NDJSON (schema `id`: entries or platform records). Answer: the number of
/// leaves and of invalid lines (4 bytes each, little-endian), the root, the leaf hashes, then the
/// invalid lines' numbers (4 bytes each), laid out as [`log_answer`] declares.
pub fn ndjson_leaves(id: u32, input: &[u8], out: &mut Vec<u8>) -> u32 {
    let name = super::protocol::SCHEMAS
        .get(id as usize)
        .map(|(name, _)| *name);
    let found = match name {
        Some("platformRecordSchema") => leaves_of_ndjson::<PlatformRecord>(input),
        Some("auditLogEntrySchema") => leaves_of_ndjson::<AuditLogEntry>(input),
        _ => return fail(out, "only entries and platform records are logged"),
    };
    out.clear();
    out.extend_from_slice(&(found.leaves.len() as u32).to_le_bytes());
    out.extend_from_slice(&(found.invalid_lines.len() as u32).to_le_bytes());
    out.extend_from_slice(&root(&found.leaves));
    found
        .leaves
        .iter()
        .for_each(|hash| out.extend_from_slice(hash));
    for line in found.invalid_lines {
        out.extend_from_slice(&(line as u32).to_le_bytes());
    }
    OK
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::CheckpointSigner;
    use crate::wasm::protocol::log_answer::*;

    fn u32_at(bytes: &[u8], at: u32) -> u32 {
        u32::from_le_bytes(bytes[at as usize..at as usize + 4].try_into().unwrap())
    }

    fn hash_at(bytes: &[u8], at: u32) -> &[u8] {
        &bytes[at as usize..(at + HASH_BYTES) as usize]
    }

    /// The answers read by the positions declared for the glue (and generated into protocol.js).
    #[test]
    fn answers_are_laid_out_as_declared() {
        // The key of Go's `golang.org/x/mod/sumdb/note` tests (published test data).
        let signer = CheckpointSigner::from_key(
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        )
        .unwrap();
        let signed_root = [7u8; 32];
        let note = signer.sign(42, &signed_root).unwrap();
        let input = [note.as_bytes(), signer.verifier_key().as_bytes()].concat();
        let mut out = Vec::new();
        assert_eq!(check_checkpoint(&input, note.len(), &mut out), OK);
        assert_eq!(hash_at(&out, CHECKPOINT_ROOT), signed_root);
        let size = &out[CHECKPOINT_SIZE as usize..CHECKPOINT_ORIGIN as usize];
        assert_eq!(u64::from_le_bytes(size.try_into().unwrap()), 42);
        assert_eq!(&out[CHECKPOINT_ORIGIN as usize..], b"PeterNeumann");

        let entry = r#"{"id":"a","action":"read","actor_id":"k","actor_type":"api_key","resource_type":"user","resource_id":"u","timestamp":"2026-05-16T18:30:00Z"}"#;
        let ndjson = format!("{entry}\n{{}}\n{entry}\n");
        assert_eq!(ndjson_leaves(0, ndjson.as_bytes(), &mut out), OK);
        assert_eq!(
            (u32_at(&out, LEAVES_COUNT), u32_at(&out, LEAVES_INVALID)),
            (2, 1)
        );
        let leaves: Vec<Hash> = (0..2)
            .map(|i| {
                hash_at(&out, LEAVES_HASHES + i * HASH_BYTES)
                    .try_into()
                    .unwrap()
            })
            .collect();
        assert_eq!(leaves[0], leaves[1]);
        assert_eq!(hash_at(&out, LEAVES_ROOT), root(&leaves));
        let after_hashes = LEAVES_HASHES + 2 * HASH_BYTES;
        assert_eq!(u32_at(&out, after_hashes), 2, "the invalid line's number");
        assert_eq!(out.len(), after_hashes as usize + 4);
    }
}
