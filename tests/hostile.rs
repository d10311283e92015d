//! Hostile input through the Rust API and the wasm fact decoder: never a panic, a clear answer instead.
//! (The fuzzers in fuzz/ explore further; `make fuzz`.)

use auditlog::wasm::{self, protocol::MALFORMED, tokens::Tokens};
use auditlog::{
    ParseError, check_entries_ndjson, parse_entry, parse_entry_slice, parse_entry_str,
    parse_platform_record_str,
};
use serde_json::{Value, json};

fn minimal() -> Value {
    json!({"id": "a", "action": "read", "actor_id": "b", "resource_type": "c", "resource_id": "d", "timestamp": "2026-05-16T18:30:00Z"})
}

#[test]
fn deep_nesting_is_a_json_error_or_passed_through() {
    // serde_json refuses text nested deeper than 128 levels: an error, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(parse_entry_str(&deep), Err(ParseError::Json(_))));
    let in_old = format!(
        r#"{{"id":"a","action":"read","actor_id":"b","resource_type":"c","resource_id":"d","timestamp":"2026-05-16T18:30:00Z","changes":{{"x":{{"old":{}1{}}}}}}}"#,
        "[".repeat(120),
        "]".repeat(120)
    );
    assert!(parse_entry_str(&in_old).is_ok(), "old/new are never walked");
}

#[test]
fn huge_strings_and_many_keys() {
    let mut entry = minimal();
    entry["user_agent"] = json!("u".repeat(10_000_000));
    entry["id"] = json!("i".repeat(10_000_000));
    assert!(parse_entry(&entry).is_ok());
    entry["timestamp"] = json!("2".repeat(10_000_000));
    assert_eq!(parse_entry(&entry).unwrap_err().issues.len(), 1);
    let mut changes = serde_json::Map::new();
    for i in 0..100_000 {
        changes.insert(
            format!("k{i}"),
            if i == 50_000 { json!(1) } else { json!({}) },
        );
    }
    let mut entry = minimal();
    entry["changes"] = Value::Object(changes);
    let issues = parse_entry(&entry).unwrap_err().issues;
    assert_eq!(
        serde_json::to_string(&issues[0].path).unwrap(),
        r#"["changes","k50000"]"#
    );
}

#[test]
fn raw_bytes_invalid_utf8_and_byte_order_marks() {
    let text = minimal().to_string();
    assert!(parse_entry_slice(text.as_bytes()).is_ok());
    assert!(matches!(
        parse_entry_slice(b"\xff\xfe{}"),
        Err(ParseError::Json(_))
    ));
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    // JSON.parse rejects a byte-order mark too; NDJSON files may start with one and have it skipped.
    assert!(matches!(
        parse_entry_slice(&with_bom),
        Err(ParseError::Json(_))
    ));
    assert_eq!(check_entries_ndjson(&with_bom).valid, 1);
    assert!(matches!(
        parse_platform_record_str("\u{0}"),
        Err(ParseError::Json(_))
    ));
}

/// Facts for a platform record whose `actorMeta` is an array but whose inside was also written:
/// the glue once did this (found by the generated-record test). The reader must call it malformed,
/// not read the leftover as the next fields.
#[test]
fn leftover_facts_are_malformed_not_misread() {
    const OBJECT: f64 = 12.0;
    const ARRAY: f64 = 11.0;
    const UNDEFINED: f64 = 0.0;
    const PRESENT: f64 = 16.0;
    let mut facts = vec![OBJECT, 0.0, 0.0, 0.0];
    for field in 0..10 {
        if field == 6 {
            // actorMeta: an array, followed by an item count and one item the rules never read.
            facts.extend([
                ARRAY + PRESENT,
                0.0,
                0.0,
                0.0,
                1.0,
                UNDEFINED,
                0.0,
                0.0,
                0.0,
            ]);
        } else {
            facts.extend([UNDEFINED, 0.0, 0.0, 0.0]);
        }
    }
    let mut out = Tokens::default();
    assert_eq!(wasm::check(3, &facts, &[], &mut out), MALFORMED);
    // Without the stray item, the same facts are read and answered.
    facts.drain(4 + 6 * 4 + 4..4 + 6 * 4 + 9);
    let count = wasm::check(3, &facts, &[], &mut out);
    assert!(count != MALFORMED && count > 0);
    assert!(wasm::tokens::well_formed(&out.tokens));
}

#[test]
fn malformed_facts_never_panic() {
    let mut out = Tokens::default();
    for facts in [
        vec![],
        vec![f64::NAN; 8],
        vec![-1.0; 8],
        vec![1e300; 8],
        vec![12.0, 0.0, 5.0, 9.0],
        vec![12.0; 100],
    ] {
        for schema in 0..8 {
            let answer = wasm::check(schema, &facts, &[0xD800], &mut out);
            assert!(answer == MALFORMED || answer == 0 || wasm::tokens::well_formed(&out.tokens));
        }
    }
}

/// Facts of the entry schema (0) where the glue verified some fields itself (`flag::VERIFIED`):
/// the rules skip those, check the rest, and refuse verified facts where a refinement would need
/// the values (the platform record, 3) or where facts follow a verified value.
#[test]
fn verified_facts_are_skipped_and_refused_where_values_are_needed() {
    use auditlog::value::Kind;
    use auditlog::wasm::protocol::{flag::VERIFIED, token};
    let record = |tag: u32| vec![f64::from(tag), 0.0, 0.0, 0.0];
    let verified = record(VERIFIED);
    // An entry whose fields are all verified but field `at`, written as `facts`.
    let entry = |at: usize, facts: Vec<f64>| -> Vec<f64> {
        let mut all = record(Kind::Object as u32);
        for field in 0..10 {
            all.extend(if field == at {
                facts.clone()
            } else {
                verified.clone()
            });
        }
        all
    };
    let mut out = Tokens::default();
    assert_eq!(
        wasm::check(0, &entry(0, verified.clone()), &[], &mut out),
        0
    );
    // Only a verified record's tag is read: the glue leaves the rest as it was.
    let stale = vec![f64::from(VERIFIED), f64::NAN, -1.0, 1e300];
    assert_eq!(wasm::check(0, &entry(3, stale), &[], &mut out), 0);
    // The id written down as "" (a string of length 0): one issue, its own.
    let count = wasm::check(0, &entry(0, record(Kind::String as u32)), &[], &mut out);
    assert!(count != MALFORMED && count > 0);
    assert_eq!(out.tokens[..2], [token::ARRAY, 1]);
    // A verified record (`changes`, field 6) has no entries after it: an entry count is misread.
    let mut changes = verified.clone();
    changes.push(0.0);
    assert_eq!(wasm::check(0, &entry(6, changes), &[], &mut out), MALFORMED);
    // A verified object of a schema with rules across its fields, or one of its fields.
    assert_eq!(wasm::check(3, &verified, &[], &mut out), MALFORMED);
    let platform = |first: &[f64]| {
        let mut all = record(Kind::Object as u32);
        all.extend(first);
        for _ in 1..10 {
            all.extend(record(Kind::Undefined as u32));
        }
        all
    };
    assert_eq!(
        wasm::check(3, &platform(&verified), &[], &mut out),
        MALFORMED
    );
    // The same facts with the field written down are read (and answered with issues).
    let undefined = record(Kind::Undefined as u32);
    assert_ne!(
        wasm::check(3, &platform(&undefined), &[], &mut out),
        MALFORMED
    );
}
