//! The tamper-evident log against published test data: RFC 8785's reference test data
//! (tests/fixtures/jcs-testdata.json), transparency-dev's Merkle proofs and reference roots
//! (tests/fixtures/merkle-testdata.json), and a tampering property test on logs of the recorded
//! valid records. Both fixtures say where they come from.

mod common;

use auditlog::log::{
    Hash, MerkleLog, ProofError, canonical_platform_record, canonicalize, first_difference,
    leaf_hash, leaves_of_ndjson, root, verify_consistency, verify_inclusion,
};
use auditlog::{AuditLogEntry, PlatformRecord};
use base64::Engine as _;
use serde_json::Value;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// A fixture's base64 hash, kept as the bytes it decodes to (garbage-padded ones are not 32 long).
fn b64(value: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(value.as_str().unwrap())
        .unwrap()
}

/// A fixture hash as a `Hash`, or `None` for one that is not 32 bytes long (garbage added before or
/// after a hash, empty ones): the Rust API's hashes are `[u8; 32]`, so such a claim is refused
/// before it is checked, as the npm package refuses it ("root is 12 bytes long, not 32").
fn hash(value: &Value) -> Option<Hash> {
    b64(value).try_into().ok()
}

fn hashes(value: &Value) -> Option<Vec<Hash>> {
    value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(hash)
        .collect()
}

/// The one accepted case with hashes of another length: equal sizes, equal 12-byte "don't care"
/// roots, which Go's verifier compares as bytes. Here they are refused for their length.
const REFUSED_FOR_LENGTH: (&str, &str) = (
    "consistency",
    "additional/sizes-are-equal-one-and-proof-is-empty.json",
);

#[test]
fn canonical_text_is_rfc_8785s_test_data() {
    let data = fixture(include_str!("fixtures/jcs-testdata.json"));
    let cases = data["cases"].as_object().unwrap();
    assert_eq!(cases.len(), 6);
    for (name, case) in cases {
        let input: Value = serde_json::from_str(case["input"].as_str().unwrap()).unwrap();
        let expected = case["output"].as_str().unwrap().trim_end_matches('\n');
        assert_eq!(canonicalize(&input), expected, "{name}");
    }
}

#[test]
fn the_reference_trees_have_the_reference_roots() {
    let data = fixture(include_str!("fixtures/merkle-testdata.json"));
    let inputs: Vec<Vec<u8>> = data["leafInputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| hex(h.as_str().unwrap()))
        .collect();
    let roots = data["rootHashes"].as_array().unwrap();
    assert_eq!(roots.len(), 9);
    let mut log = MerkleLog::new();
    for (size, expected) in roots.iter().enumerate() {
        let leaves: Vec<Hash> = inputs[..size]
            .iter()
            .map(|input| leaf_hash(input))
            .collect();
        assert_eq!(
            root(&leaves).to_vec(),
            hex(expected.as_str().unwrap()),
            "size {size}"
        );
        assert_eq!(
            log.root().to_vec(),
            hex(expected.as_str().unwrap()),
            "size {size}, appended"
        );
        if let Some(input) = inputs.get(size) {
            log.append_data(input);
        }
    }
}

/// Runs `verify` on every case of one kind of transparency-dev's proofs: each verdict must be the
/// fixture's (`wantErr`, or refused for its hashes' length). Returns (accepted, refused).
fn check_cases(
    kind: &str,
    verify: impl Fn(&Value) -> Option<Result<(), ProofError>>,
) -> (usize, usize) {
    let data = fixture(include_str!("fixtures/merkle-testdata.json"));
    let cases = data[kind].as_object().unwrap();
    assert_eq!(cases.len(), 98);
    let mut accepted = 0;
    for (name, case) in cases {
        // `None`: a hash that is not 32 bytes, refused before it is checked.
        let verdict = verify(case);
        let refused = !matches!(verdict, Some(Ok(())));
        let want_error =
            case["wantErr"].as_bool().unwrap() || (kind, name.as_str()) == REFUSED_FOR_LENGTH;
        assert_eq!(refused, want_error, "{kind}/{name}: {verdict:?}");
        accepted += usize::from(!refused);
    }
    (accepted, cases.len() - accepted)
}

/// Every inclusion case: the happy paths verify, every mutated one is rejected.
#[test]
fn transparency_devs_inclusion_proofs_verify_or_are_rejected() {
    let counts = check_cases("inclusion", |case| {
        let (leaf, root, proof) = (
            hash(&case["leafHash"])?,
            hash(&case["root"])?,
            hashes(&case["proof"])?,
        );
        let (index, size) = (
            case["leafIdx"].as_u64().unwrap(),
            case["treeSize"].as_u64().unwrap(),
        );
        Some(verify_inclusion(&leaf, index, size, &proof, &root))
    });
    assert_eq!(counts, (6, 92));
}

#[test]
fn transparency_devs_consistency_proofs_verify_or_are_rejected() {
    let counts = check_cases("consistency", |case| {
        let (root1, root2, proof) = (
            hash(&case["root1"])?,
            hash(&case["root2"])?,
            hashes(&case["proof"])?,
        );
        let (size1, size2) = (
            case["size1"].as_u64().unwrap(),
            case["size2"].as_u64().unwrap(),
        );
        Some(verify_consistency(size1, size2, &root1, &root2, &proof))
    });
    assert_eq!(counts, (5, 93));
}

/// The valid platform records of the recorded cases: realistic records to build logs of.
fn valid_records() -> Vec<Value> {
    let cases = fixture(include_str!("fixtures/platform-recorded.json"));
    let records: Vec<Value> = cases
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case["schema"] == "record" && case["expected"]["success"] == true)
        .map(|case| case["input"].clone())
        .collect();
    assert!(records.len() > 100, "{} valid records", records.len());
    records
}

/// SplitMix64: a seeded generator, so that a failure replays (LOG_SEED=<seed>).
struct Random(u64);
impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

#[test]
fn key_order_spacing_and_number_spelling_do_not_change_a_records_bytes() {
    for record in valid_records().iter().take(200) {
        let canonical = canonical_platform_record(record).unwrap();
        // The same members in reverse order, pretty-printed.
        let reversed: serde_json::Map<String, Value> = record
            .as_object()
            .unwrap()
            .iter()
            .rev()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let respelled: Value =
            serde_json::from_str(&serde_json::to_string_pretty(&reversed).unwrap()).unwrap();
        assert_eq!(canonical_platform_record(&respelled).unwrap(), canonical);
        let reparsed: Value = serde_json::from_str(&canonical).unwrap();
        assert_eq!(
            canonicalize(&reparsed),
            canonical,
            "canonical text is its own canonical text"
        );
    }
    let invalid = serde_json::json!({ "event": "nope" });
    assert!(canonical_platform_record(&invalid).is_err());
}

/// One change to a copy of a log, described.
fn tamper(copy: &mut Vec<String>, random: &mut Random) -> String {
    let n = copy.len();
    match random.below(4) {
        0 => {
            let i = random.below(n);
            copy[i] = with_one_byte_changed(&copy[i], random.below(copy[i].len()));
            format!("changed a byte of record {i}")
        }
        1 => {
            let i = random.below(n - 1);
            let j = i + 1 + random.below(n - i - 1);
            if copy[i] == copy[j] {
                copy.remove(i);
                return format!("dropped record {i} (the reorder would swap equal records)");
            }
            copy.swap(i, j);
            format!("swapped records {i} and {j}")
        }
        2 => {
            let i = random.below(n);
            copy.remove(i);
            format!("dropped record {i}")
        }
        _ => {
            let i = random.below(n + 1);
            let record = format!("{{\"inserted\":{i}}}");
            copy.insert(i, record);
            format!("inserted a record at {i}")
        }
    }
}

/// The text with one byte changed (kept UTF-8: an ASCII byte becomes another ASCII byte).
fn with_one_byte_changed(text: &str, at: usize) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let at = (0..bytes.len())
        .map(|k| (at + k) % bytes.len())
        .find(|&k| bytes[k].is_ascii())
        .unwrap();
    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    String::from_utf8(bytes).unwrap()
}

/// Any one byte changed, two records swapped, one dropped or one inserted: the copy no longer
/// matches the checkpoint, and the search with consistency proofs names the first bad index.
#[test]
fn tampering_with_a_log_is_caught_at_the_first_bad_record() {
    let seed = std::env::var("LOG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261122u64);
    println!("tampering test: LOG_SEED={seed}");
    let mut random = Random(seed);
    let records: Vec<String> = valid_records()
        .iter()
        .map(|r| canonical_platform_record(r).unwrap())
        .collect();
    for round in 0..300 {
        let size = 2 + random.below(60);
        let log_texts: Vec<String> = (0..size)
            .map(|_| records[random.below(records.len())].clone())
            .collect();
        let log = MerkleLog::from_leaves(log_texts.iter().map(|t| leaf_hash(t.as_bytes())));
        let (size, root) = (log.size(), log.root());
        let mut copy = log_texts.clone();
        let what = tamper(&mut copy, &mut random);
        let copy_leaves: Vec<Hash> = copy.iter().map(|t| leaf_hash(t.as_bytes())).collect();
        let found = first_difference(&copy_leaves, size, &root, |k| {
            log.consistency_proof(k, size)
        });
        // The first index where the texts differ: where the change is, unless it moved a record
        // next to an equal one (a drop among repeats shows where the repeats end).
        let expected = (0..)
            .zip(copy.iter().zip(&log_texts))
            .find(|(_, (a, b))| a != b)
            .map(|(i, _)| i)
            .unwrap_or(copy.len().min(log_texts.len()) as u64);
        assert_eq!(
            found,
            Ok(Some(expected)),
            "round {round} (seed {seed}): {what}"
        );
        // And the record at that index is not proven in the log by its proof.
        if let Some(text) = copy.get(expected as usize)
            && expected < size
        {
            let proof = log.inclusion_proof(expected, size).unwrap();
            assert!(
                verify_inclusion(&leaf_hash(text.as_bytes()), expected, size, &proof, &root)
                    .is_err(),
                "round {round}: {what}"
            );
        }
        let untouched = first_difference(log.leaves(), size, &root, |k| {
            log.consistency_proof(k, size)
        });
        assert_eq!(untouched, Ok(None));
    }
}

#[test]
fn the_ndjson_pipeline_hashes_valid_lines_and_lists_the_others() {
    let records = valid_records();
    let mut ndjson = String::from("\u{feff}");
    for record in &records[..20] {
        ndjson.push_str(&serde_json::to_string(record).unwrap());
        ndjson.push_str("\r\n");
    }
    ndjson.push_str("not json\n\n  \n{\"event\":\"nope\"}\n");
    let found = leaves_of_ndjson::<PlatformRecord>(ndjson.as_bytes());
    assert_eq!(found.invalid_lines, vec![21, 24]);
    let expected: Vec<Hash> = records[..20]
        .iter()
        .map(|r| leaf_hash(canonical_platform_record(r).unwrap().as_bytes()))
        .collect();
    assert_eq!(found.leaves, expected);
    let entries = leaves_of_ndjson::<AuditLogEntry>(ndjson.as_bytes());
    assert_eq!(entries.leaves.len() + entries.invalid_lines.len(), 22);
}

/// The pipeline's answer for one line, the slow way: serde_json, then the validated value's
/// canonical text (`canonical`), then its leaf hash; `None` when the line is not a valid value.
fn slow_leaf<T: auditlog::log::Logged>(line: &str) -> Option<Hash> {
    let json: Value = serde_json::from_str(line).ok()?;
    let text = auditlog::log::canonical::<T>(&json).ok()?;
    Some(leaf_hash(text.as_bytes()))
}

fn fast_leaf<T: auditlog::log::Logged>(line: &str) -> Option<Hash> {
    let found = leaves_of_ndjson::<T>(line.as_bytes());
    assert_eq!(
        found.leaves.len() + found.invalid_lines.len(),
        1,
        "one line: {line}"
    );
    found.leaves.first().copied()
}

/// Lines around a valid one: respelled, with unknown keys, with values only the slow path reads
/// (exponents, escapes, lone surrogates, duplicate keys), and with each byte changed in turn.
fn variants(valid: &Value, extra: &[(&str, &str)], every_byte: bool) -> Vec<String> {
    let compact = serde_json::to_string(valid).unwrap();
    let mut lines = vec![
        compact.clone(),
        serde_json::to_string_pretty(valid)
            .unwrap()
            .replace('\n', " "),
        compact.replacen('{', "{\"zz\":{\"b\":[1,2.50,-0],\"a\":null},", 1),
    ];
    for (field, value) in extra {
        let mut object = valid.as_object().unwrap().clone();
        object.remove(*field);
        let text = serde_json::to_string(&object).unwrap();
        lines.push(text.replacen('{', &format!("{{\"{field}\":{value},"), 1));
    }
    if every_byte {
        for at in 0..compact.len() {
            lines.push(with_one_byte_changed(&compact, at));
        }
    }
    lines
}

/// The scan-in-place pipeline (`leaves_of_ndjson`) gives every line the slow way's answer, and so
/// does the same file on several threads.
#[test]
fn the_fast_pipeline_answers_as_serde_json_and_canonical_do() {
    let metas = [
        "{\"b\":1.50,\"a\":[1E3,-0,0.1,12345678901234567890,1e400]}",
        "{\"n\":[-0,0,-12,1.0,-1.250,0.1,123456789012345678,9007199254740993]}",
        "{\"s\":\"\\u00e9\\n\\\"\",\"t\":\"\\ud800\"}",
        "{\"k\":1,\"k\":2}",
        "{\"\u{e000}\":1,\"\u{1f600}\":2,\"a\":{\"z\":true,\"y\":false}}",
        "[]",
        "{\"deep\":[[[[[[[[[[[[{}]]]]]]]]]]]]}",
    ];
    let mut lines = Vec::new();
    for (i, record) in valid_records().iter().take(60).enumerate() {
        let extra: Vec<(&str, &str)> = metas.iter().map(|m| ("actorMeta", *m)).collect();
        lines.extend(variants(record, &extra, i < 4));
    }
    let (mut valid, mut unsure_or_invalid) = (0, 0);
    for line in &lines {
        let expected = slow_leaf::<PlatformRecord>(line);
        assert_eq!(fast_leaf::<PlatformRecord>(line), expected, "{line}");
        if expected.is_some() {
            valid += 1;
        } else {
            unsure_or_invalid += 1;
        }
    }
    assert!(
        valid > 300 && unsure_or_invalid > 500,
        "{valid} valid, {unsure_or_invalid} not"
    );

    let entry = serde_json::json!({
        "id": "a", "action": "update", "actor_id": "u", "resource_type": "r",
        "resource_id": "x", "timestamp": "2026-05-16T18:30:00Z",
        "changes": { "b": { "old": null, "new": { "y": 1, "x": [true, false] } }, "a": {} }
    });
    let deep = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    let changes_deep_126 = format!("{{\"x\":{{\"old\":{}}}}}", deep(124));
    let changes_deep_127 = format!("{{\"x\":{{\"old\":{}}}}}", deep(125));
    let changes = [
        "{\"__proto__\":{\"old\":1},\"x\":{\"new\":2}}",
        "{\"x\":{\"old\":{\"__proto__\":1}}}",
        &changes_deep_126,
        &changes_deep_127,
        "{\"x\":{\"old\":{\"k\":1,\"k\":2}}}",
        "{\"x\":{\"old\":\"\\ud83d\\ude00\",\"new\":1e2,\"other\":3}}",
        "{\"x\":{\"old\":1},\"x\":{\"new\":2}}",
        "{\"1\":{},\"a\":{\"new\":[]}}",
        "{\"x\":null}",
    ];
    let extra: Vec<(&str, &str)> = changes.iter().map(|c| ("changes", &**c)).collect();
    for line in variants(&entry, &extra, true) {
        assert_eq!(
            fast_leaf::<AuditLogEntry>(&line),
            slow_leaf::<AuditLogEntry>(&line),
            "{line}"
        );
    }

    let file = lines.join("\n");
    let serial = leaves_of_ndjson::<PlatformRecord>(file.as_bytes());
    for jobs in [1, 2, 3, 7] {
        let parallel =
            auditlog::log::leaves_of_ndjson_parallel::<PlatformRecord>(file.as_bytes(), jobs);
        assert_eq!(parallel, serial, "{jobs} jobs");
    }
    assert_eq!(serial.leaves.len(), valid);
}
