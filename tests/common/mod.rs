//! Shared by the native and the wasm tests: the cases recorded from Zod, and the Rust API's answer.

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
