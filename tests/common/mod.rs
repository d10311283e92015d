//! Shared by the native and the wasm tests: the cases recorded from Zod, and the Rust API's answer.
// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use serde_json::{Value, json};

/// The cases of tests/fixtures/zod-recorded.json: `{ schema, name, input, expected }`.
pub fn recorded() -> Vec<Value> {
    serde_json::from_str(include_str!("../fixtures/zod-recorded.json"))
        .expect("the recording is JSON")
}

/// What the Rust API answers for a case, in the recording's shape.
pub fn native_outcome(schema: &str, input: &Value) -> Value {
    let result = match schema {
        "entry" => auditlog::parse_entry(input).map(serde_json::to_value),
        "change" => auditlog::parse_change(input).map(serde_json::to_value),
        "action" => auditlog::parse_action(input).map(serde_json::to_value),
        other => panic!("unknown schema {other}"),
    };
    match result {
        Ok(data) => json!({ "success": true, "data": data.expect("typed values serialize") }),
        Err(error) => json!({ "success": false, "issues": error }),
    }
}

/// Where the rule behind an issue lives, so that a failing case points at a rule, not only a field.
pub fn rule_of(issue: &Value) -> &'static str {
    match (issue["code"].as_str(), issue["expected"].as_str()) {
        (Some("invalid_type"), Some("string")) => "src/rules/string.rs",
        (Some("invalid_type"), Some("object")) => "src/rules/object.rs",
        (Some("invalid_type"), Some("record")) => "src/rules/record.rs or src/rules/json.rs",
        (Some("invalid_type"), Some("array")) => "src/rules/array.rs",
        (Some("invalid_type" | "too_big"), _)
            if issue["expected"] == "json" || issue["origin"] == "json" =>
        {
            "src/rules/json.rs"
        }
        (Some("too_small" | "too_big"), _) => "src/rules/length.rs",
        (Some("invalid_value"), _) => "src/rules/enumeration.rs",
        (Some("invalid_format"), _) => "src/rules/string.rs (datetime.rs, ip.rs)",
        (Some("invalid_key"), _) => "src/rules/record.rs",
        (Some("missing_resource" | "duplicate_resource_id"), _) => "src/rules/resources.rs",
        _ => "src/rules/",
    }
}

/// The rules behind the issues two answers disagree on (those in one and not in the other).
pub fn rules_behind(expected: &Value, actual: &Value) -> String {
    let issues = |answer: &Value| answer["issues"].as_array().cloned().unwrap_or_default();
    let (expected, actual) = (issues(expected), issues(actual));
    let mut rules: Vec<&str> = expected
        .iter()
        .filter(|i| !actual.contains(i))
        .chain(actual.iter().filter(|i| !expected.contains(i)))
        .map(rule_of)
        .collect();
    rules.dedup();
    if rules.is_empty() {
        "the data or success, not an issue".to_owned()
    } else {
        rules.join(", ")
    }
}
