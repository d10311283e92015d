//! What the Rust log makes of an NDJSON log on stdin, as JSON on stdout, for the tests that hold
//! the npm package (Node and Chromium) to the same bytes: each line's canonical text and leaf hash,
//! the root at every size, every inclusion proof and every consistency proof of the whole log, and
//! a checkpoint of it signed with the key of Go's `sumdb/note` tests.
//!
//! `log_vectors record < log.ndjson` (or `entry`). Every line must be valid.

use std::io::Read;

use auditlog::log::{
    CheckpointSigner, MerkleLog, canonical_entry, canonical_platform_record, leaf_hash,
};
use serde_json::{Value, json};

/// Published test data (golang.org/x/mod/sumdb/note's tests), never a key to trust.
const TEST_SIGNER: &str =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kind = std::env::args().nth(1).unwrap_or_default();
    let canonical = match kind.as_str() {
        "record" => canonical_platform_record,
        "entry" => canonical_entry,
        _ => return Err("usage: log_vectors record|entry < log.ndjson".into()),
    };
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let mut texts = Vec::new();
    for line in input.lines().filter(|line| !line.trim().is_empty()) {
        texts.push(canonical(&serde_json::from_str::<Value>(line)?)?);
    }
    let log = MerkleLog::from_leaves(texts.iter().map(|text| leaf_hash(text.as_bytes())));
    let size = log.size();
    let hashes = |list: Vec<[u8; 32]>| list.iter().map(|h| hex(h)).collect::<Vec<_>>();
    let roots: Vec<String> = (0..=size)
        .map(|n| log.root_at(n).map(|r| hex(&r)))
        .collect::<Result<_, _>>()?;
    let inclusion: Vec<Vec<String>> = (0..size)
        .map(|i| log.inclusion_proof(i, size).map(hashes))
        .collect::<Result<_, _>>()?;
    let consistency: Vec<Vec<String>> = (1..=size)
        .map(|n| log.consistency_proof(n, size).map(hashes))
        .collect::<Result<_, _>>()?;
    let signer = CheckpointSigner::from_key(TEST_SIGNER)?;
    let out = json!({
        "canonical": texts,
        "leaves": hashes(log.leaves().to_vec()),
        "roots": roots,
        "inclusion": inclusion,
        "consistency": consistency,
        "checkpoint": signer.sign(size, &log.root())?,
        "verifierKey": signer.verifier_key(),
    });
    println!("{out}");
    Ok(())
}
