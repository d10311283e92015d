//! Tamper-evident audit logs (Cargo feature `log`): the same record hashes to the same bytes in
//! Rust, Node and the browser, a log of them is a Merkle tree whose signed root (a checkpoint)
//! commits to every record in order, and proofs show a record is in a log and that a later log
//! extends an earlier one without rewriting it: what Certificate Transparency (RFC 9162) and
//! Sigstore's Rekor do for certificates and signatures, for audit records.
//!
//! ```
//! use auditlog::log::{MerkleLog, canonical_platform_record, leaf_hash, verify_inclusion};
//! # let records: Vec<serde_json::Value> = vec![serde_json::json!({
//! #     "event": "workspace.update", "workspaceId": "ws_1", "display": "", "actorId": "system",
//! #     "actorType": "system", "resources": [] })];
//! let mut log = MerkleLog::new();
//! for record in &records {
//!     let bytes = canonical_platform_record(record)?; // RFC 8785 text of the validated record
//!     log.append(leaf_hash(bytes.as_bytes()));
//! }
//! let (index, size, root) = (0, log.size(), log.root());
//! let proof = log.inclusion_proof(index, size)?;
//! let leaf = leaf_hash(canonical_platform_record(&records[0])?.as_bytes());
//! verify_inclusion(&leaf, index, size, &proof, &root)?; // a record of the log is in it
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`canonical`]: RFC 8785 text of JSON, and of validated entries and records;
//! - [`merkle`]: RFC 9162 section 2.1 trees, proofs and their verification;
//! - [`checkpoint`]: signed tree heads (C2SP `tlog-checkpoint` in a `signed-note`, Ed25519);
//! - [`range`]: compact ranges, slices of a log hashed apart that merge into its root.

pub mod canonical;
pub mod checkpoint;
mod leaf_batch;
pub mod merkle;
pub mod range;

use serde::Serialize;
use serde_json::Value as Json;

pub use canonical::canonicalize;
pub use checkpoint::{Checkpoint, CheckpointError, CheckpointSigner, verify_checkpoint};
pub use merkle::{
    Hash, MerkleLog, ProofError, RootBuilder, empty_root, leaf_hash, node_hash, root,
    verify_consistency, verify_inclusion,
};
pub use range::{CompactRange, RangeError, root_of_ranges};

use crate::issues::ValidationError;
use crate::model::{AuditLogEntry, PlatformRecord};
use crate::native::Validated;
use crate::rules::schema::ObjectSchema;
use crate::rules::{entry, platform};
use canonical::{CanonicalLine, canonical_line};

/// What a log keeps: a type validated by an object schema, whose parsed value is canonicalized.
pub trait Logged: Validated + Serialize {
    /// The schema lines are checked against.
    const SCHEMA: &'static ObjectSchema;
}

impl Logged for PlatformRecord {
    const SCHEMA: &'static ObjectSchema = &platform::RECORD;
}

impl Logged for AuditLogEntry {
    const SCHEMA: &'static ObjectSchema = &entry::ENTRY;
}

/// The canonical text of JSON that passes `T`'s schema: RFC 8785 of the validated value (unknown
/// keys dropped, as `parse` returns it), or the schema's issues.
pub fn canonical<T: Validated + Serialize>(json: &Json) -> Result<String, ValidationError> {
    let value = T::from_json(json)?;
    // The model's types serialize to JSON without fail (string keys, finite numbers).
    let data = serde_json::to_value(&value).unwrap_or(Json::Null);
    Ok(canonicalize(&data))
}

/// The canonical text of a valid audit-log entry (`auditLogEntrySchema.canonicalize`).
pub fn canonical_entry(json: &Json) -> Result<String, ValidationError> {
    canonical::<AuditLogEntry>(json)
}

/// The canonical text of a valid platform record (`platformRecordSchema.canonicalize`).
pub fn canonical_platform_record(json: &Json) -> Result<String, ValidationError> {
    canonical::<PlatformRecord>(json)
}

/// Where a copy of a log first differs from the log a checkpoint describes (`size` records, root
/// `root`), or `None` when it is that log exactly. A verifier that holds only the checkpoint asks
/// the log for consistency proofs (`consistency_proof(k)`: from size `k` to `size`) and finds the
/// longest prefix of its copy that the log extends, by halving: O(log n) proofs. The answer is the
/// index of the first record that was changed, reordered, inserted or dropped.
pub fn first_difference<E>(
    copy: &[Hash],
    size: u64,
    root: &Hash,
    mut consistency_proof: impl FnMut(u64) -> Result<Vec<Hash>, E>,
) -> Result<Option<u64>, E> {
    let copy = MerkleLog::from_leaves(copy.iter().copied());
    if copy.size() == size && &copy.root() == root {
        return Ok(None);
    }
    let shared = copy.size().min(size);
    // Invariant: the first `good` records are the log's; the first `bad` are not (if bad <= shared).
    let (mut good, mut bad) = (0, shared + 1);
    while bad - good > 1 {
        let k = good + (bad - good) / 2;
        let proof = consistency_proof(k)?;
        let prefix_root = copy.root_at(k).unwrap_or_else(|_| empty_root());
        if verify_consistency(k, size, &prefix_root, root, &proof).is_ok() {
            good = k;
        } else {
            bad = k;
        }
    }
    Ok(Some(good))
}

/// What hashing an NDJSON export found: the leaf hash of every valid record, in the order of its
/// lines, and the numbers (from 1) of the lines that are not valid records. Blank lines are skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NdjsonLeaves {
    /// `leaf_hash` of each valid record's canonical text.
    pub leaves: Vec<Hash>,
    /// Lines that are not JSON, or not valid against the schema.
    pub invalid_lines: Vec<usize>,
}

/// The whole pipeline over an export, one line at a time: parse, validate against `T`'s schema,
/// canonicalize, leaf-hash. Lines are framed as `validateNdjson` frames them (crate::ndjson).
///
/// Each line is scanned where it lies and written canonically straight from the scan (the tape of
/// `source::tape`), with no `serde_json::Value` built; a line the scan does not settle goes through
/// serde_json and [`canonical`], which give the same text (a test holds them to it).
pub fn leaves_of_ndjson<T: Logged>(ndjson: &[u8]) -> NdjsonLeaves {
    leaves_of_lines::<T>(crate::ndjson::without_byte_order_marks(ndjson))
}

/// [`leaves_of_ndjson`] on `jobs` threads, with the same answer: the export is cut at line ends into
/// a part a thread ([`crate::ndjson::on_threads`]), and the parts' leaves are joined in order. In wasm,
/// which has no threads here, on one.
pub fn leaves_of_ndjson_parallel<T: Logged>(ndjson: &[u8], jobs: usize) -> NdjsonLeaves {
    let (found, _) = crate::ndjson::on_threads(
        crate::ndjson::without_byte_order_marks(ndjson),
        jobs,
        |part| {
            (
                leaves_of_lines::<T>(part),
                crate::ndjson::count_newlines(part),
            )
        },
        |found, lines_before| {
            found
                .invalid_lines
                .iter_mut()
                .for_each(|line| *line += lines_before);
        },
    );
    let mut all = NdjsonLeaves::default();
    for part in found {
        all.leaves.extend(part.leaves);
        all.invalid_lines.extend(part.invalid_lines);
    }
    all
}

fn leaves_of_lines<T: Logged>(ndjson: &[u8]) -> NdjsonLeaves {
    let mut found = NdjsonLeaves::default();
    let mut scanner = crate::source::tape::Scanner::default();
    let mut text = String::with_capacity(1024);
    let mut batch = leaf_batch::LeafBatch::default();
    for (number, _, line) in crate::ndjson::lines(ndjson) {
        if crate::ndjson::trims_to_nothing(line) {
            continue;
        }
        match canonical_line(&mut scanner, T::SCHEMA, line, &mut text) {
            CanonicalLine::Valid => batch.push(text.as_bytes(), &mut found.leaves),
            CanonicalLine::Invalid => found.invalid_lines.push(number),
            CanonicalLine::Unsure => match serde_json::from_slice::<Json>(line)
                .ok()
                .and_then(|json| canonical::<T>(&json).ok())
            {
                Some(text) => batch.push(text.as_bytes(), &mut found.leaves),
                None => found.invalid_lines.push(number),
            },
        }
    }
    batch.finish(&mut found.leaves);
    found
}
