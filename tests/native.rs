//! The Rust API against the answers recorded from Zod 4.6.7 (tests/fixtures/zod-recorded.json, which
//! the JS tests keep up to date): a Rust service and the npm package agree on every case.

mod common;

use auditlog::{AuditLogAction, ParseError, entry_issues, parse_entry, parse_entry_str};
use common::{native_outcome, recorded, rules_behind};
use serde_json::{Value, json};

#[test]
fn every_recorded_case_gets_zods_answer() {
    let cases = recorded();
    assert!(cases.len() > 250, "only {} cases", cases.len());
    for case in &cases {
        let schema = case["schema"].as_str().unwrap();
        let actual = native_outcome(schema, &case["input"]);
        // Compared as JSON text so that key order counts too (serde_json keeps it: preserve_order).
        assert_eq!(
            serde_json::to_string(&actual).unwrap(),
            serde_json::to_string(&case["expected"]).unwrap(),
            "{schema}: {} (look at {})",
            case["name"],
            rules_behind(&case["expected"], &actual)
        );
    }
}

#[test]
fn the_open_types_examples_parse_into_typed_values() {
    let examples: Value =
        serde_json::from_str(include_str!("fixtures/open-types-examples.json")).unwrap();
    for (name, entry) in examples["entries"].as_object().unwrap() {
        let parsed = parse_entry(entry).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&serde_json::to_value(&parsed).unwrap(), entry, "{name}");
        let from_text = parse_entry_str(&entry.to_string()).unwrap();
        assert_eq!(parsed, from_text);
    }
    let update = parse_entry(&examples["entries"]["update"]).unwrap();
    assert_eq!(update.action, AuditLogAction::Update);
    assert_eq!(update.changes.unwrap()["role"].new, Some(json!("admin")));
}

#[test]
fn change_keys_follow_javascripts_order_whatever_the_text_order() {
    let text = r#"{"id":"a","action":"read","actor_id":"b","resource_type":"c","resource_id":"d",
        "timestamp":"2026-05-16T18:30:00Z","changes":{"b":1,"10":2,"a":3,"2":4,"02":5,"__proto__":6}}"#;
    let Err(ParseError::Invalid(error)) = parse_entry_str(text) else {
        panic!("the changes are invalid");
    };
    let keys: Vec<&str> = error
        .issues
        .iter()
        .map(|issue| match &issue.path[1] {
            auditlog::PathItem::Key(key) => key.as_str(),
            other => panic!("unexpected path item {other:?}"),
        })
        .collect();
    // Integer-like keys ascending, then the rest in writing order; `__proto__` is skipped, as in Zod.
    assert_eq!(keys, ["2", "10", "b", "a", "02"]);
}

#[test]
fn invalid_json_text_is_a_json_error_not_a_panic() {
    for text in ["", "{", "[1,", "{\"id\":}", "nul", "\u{0}"] {
        assert!(
            matches!(parse_entry_str(text), Err(ParseError::Json(_))),
            "{text:?}"
        );
    }
}

#[test]
fn the_error_message_is_zods_indented_json() {
    let error = parse_entry(&json!(5)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "[\n  {\n    \"expected\": \"object\",\n    \"code\": \"invalid_type\",\n    \"path\": [],\n    \"message\": \"Invalid input: expected object, received number\"\n  }\n]"
    );
    assert_eq!(entry_issues(&json!({})).len(), 6);
}

#[test]
fn the_demo_samples_are_what_their_names_say() {
    let samples: Vec<Value> =
        serde_json::from_str(include_str!("../examples/samples.json")).unwrap();
    for sample in &samples {
        let name = sample["name"].as_str().unwrap();
        let valid = parse_entry(&sample["entry"]).is_ok();
        assert_eq!(valid, name.starts_with("example:"), "{name}");
    }
}

#[test]
fn numbers_in_old_and_new_survive_exactly() {
    // These parse to the nearest f64 only with serde_json's float_roundtrip, as JSON.parse reads them.
    let text = r#"{"id":"a","action":"read","actor_id":"b","resource_type":"c","resource_id":"d",
        "timestamp":"2026-05-16T18:30:00Z","changes":{"x":{"old":3.9069408907288555e+59,"new":2.0333312632950006e-212}}}"#;
    let entry = parse_entry_str(text).unwrap();
    let change = &entry.changes.unwrap()["x"];
    assert_eq!(
        change.old.as_ref().unwrap().as_f64(),
        Some(3.9069408907288555e59)
    );
    assert_eq!(
        change.new.as_ref().unwrap().as_f64(),
        Some(2.0333312632950006e-212)
    );
}

#[test]
fn ndjson_is_checked_line_by_line() {
    let good = include_str!("fixtures/open-types-examples.json");
    let examples: Value = serde_json::from_str(good).unwrap();
    let entry = examples["entries"]["minimal"].to_string();
    let text = format!("\u{feff}{entry}\r\n\n{{\"id\":\n{entry}\n\u{0}\n");
    let report = auditlog::check_entries_ndjson(text.as_bytes());
    assert_eq!(report.total, 4);
    assert_eq!(report.valid, 2);
    let lines: Vec<usize> = report.invalid.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [3, 5]);
    assert!(
        report
            .invalid
            .iter()
            .all(|(_, problem)| matches!(problem, auditlog::LineProblem::NotJson(_)))
    );
    let bad_utf8 = auditlog::check_entries_ndjson(b"\xff\xfe\n");
    assert_eq!((bad_utf8.total, bad_utf8.valid), (1, 0));
}
