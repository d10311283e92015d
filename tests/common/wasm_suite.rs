//! The wasm test suite, run in Node by tests/wasm_node.rs and in headless Chromium by
//! tests/wasm_browser.rs: the crate compiled to wasm32 gives the recorded Zod answers, through the
//! Rust API and through the package's real JS glue (src/js/create-api.js and the modules it imports)
//! driving this module's exports.

use crate::common::{native_outcome, recorded};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "/src/js/create-api.js")]
extern "C" {
    #[wasm_bindgen(js_name = createApi)]
    fn create_api(wasm: JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = prettifyError)]
    fn prettify_error(error: &JsValue) -> String;
}

/// wasm-bindgen copies a JS module beside the test only when it is named in a `module` attribute:
/// every module create-api.js imports, directly or not, is named here, with one of its exports (an import
/// that is never used).
macro_rules! copied_beside_create_api {
    ($($path:literal: $export:ident;)*) => {$(
        #[wasm_bindgen(module = $path)]
        extern "C" {
            #[allow(dead_code, non_upper_case_globals)]
            #[wasm_bindgen(thread_local_v2)]
            static $export: JsValue;
        }
    )*};
}

copied_beside_create_api! {
    "/src/js/batch.js": validateMany;
    "/src/js/checker.js": makeCheck;
    "/src/js/compile.js": compile;
    "/src/js/core.js": createGlue;
    "/src/js/facts.js": FactWriter;
    "/src/js/fast-checks.js": fastCheck;
    "/src/js/json-schema.js": addJsonSchema;
    "/src/js/json-schema-documents.js": jsonSchemaDocument;
    "/src/js/json-schemas.js": JSON_SCHEMAS;
    "/src/js/many.js": withBatchMethods;
    "/src/js/own-keys.js": ownKeys;
    "/src/js/platform-facts.js": writeNested;
    "/src/js/protocol.js": MALFORMED;
    "/src/js/readers.js": compileReader;
    "/src/js/results.js": failure;
    "/src/js/schema-tables.js": schemaTables;
    "/src/js/saving-checker.js": makeSavingCheck;
    "/src/js/schema.js": makeSchema;
    "/src/js/speed.js": SPEED;
    "/src/js/stream.js": validateNdjsonStream;
    "/src/js/tokens.js": decodeTokens;
    "/src/js/transport.js": Transport;
    "/src/js/verified-facts.js": VerifyingFactWriter;
}

#[wasm_bindgen(inline_js = r#"
const names = { entry: "auditLogEntrySchema", change: "auditLogChangeSchema", action: "auditLogActionSchema", record: "platformRecordSchema", resource: "platformResourceSchema" };
export function glueError(api, input) {
  return api.auditLogEntrySchema.safeParse(JSON.parse(input)).error;
}
export function glueOutcome(api, schema, input) {
  const r = api[names[schema]].safeParse(JSON.parse(input));
  return JSON.stringify(r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = glueOutcome)]
    fn glue_outcome(api: &JsValue, schema: &str, input: &str) -> String;
    #[wasm_bindgen(js_name = glueError)]
    fn glue_error(api: &JsValue, input: &str) -> JsValue;
}

#[wasm_bindgen_test]
fn the_rust_api_on_wasm32_gives_zods_answers() {
    for case in recorded() {
        let schema = case["schema"].as_str().unwrap();
        assert_eq!(
            native_outcome(schema, &case["input"]).to_string(),
            case["expected"].to_string(),
            "{schema}: {}",
            case["name"]
        );
    }
}

/// Every case through the package's glue over this module: the answer is the recorded one.
fn glue_gives_recorded_answers(cases: Vec<serde_json::Value>) {
    let api = create_api(wasm_bindgen::exports());
    for case in cases {
        let schema = case["schema"].as_str().unwrap();
        // Through serde_json on both sides: JSON.stringify and serde_json print some floats differently.
        let actual: serde_json::Value =
            serde_json::from_str(&glue_outcome(&api, schema, &case["input"].to_string())).unwrap();
        assert_eq!(
            actual.to_string(),
            case["expected"].to_string(),
            "{schema}: {}",
            case["name"]
        );
    }
}

#[wasm_bindgen_test]
fn the_js_glue_over_this_module_gives_zods_answers() {
    glue_gives_recorded_answers(recorded());
}

#[wasm_bindgen_test]
fn the_glue_errors_prettify_like_zods() {
    let api = create_api(wasm_bindgen::exports());
    let error = glue_error(&api, r#"{"id": "", "changes": {"a b": 1}}"#);
    assert_eq!(
        prettify_error(&error),
        [
            "✖ Audit log ID is required\n  → at id",
            "✖ Invalid option: expected one of \"create\"|\"read\"|\"update\"|\"delete\"\n  → at action",
            "✖ Invalid input: expected string, received undefined\n  → at actor_id",
            "✖ Invalid input: expected string, received undefined\n  → at resource_type",
            "✖ Invalid input: expected string, received undefined\n  → at resource_id",
            "✖ Invalid timestamp\n  → at timestamp",
            "✖ Invalid input: expected object, received number\n  → at changes[\"a b\"]",
        ]
        .join("\n")
    );
}

#[wasm_bindgen_test]
fn the_js_glue_answers_platform_records_as_recorded() {
    glue_gives_recorded_answers(
        serde_json::from_str(include_str!("../fixtures/platform-recorded.json")).unwrap(),
    );
}

/// The bulk paths' fast path compiled to wasm32 (its byte searches and UTF-8 check take other
/// code paths here) never calls valid what the rules do not: generated lines for every schema
/// (seed printed), and a line of the sample with each byte changed at every offset; the sample's
/// lines with one answer key get one answer.
#[wasm_bindgen_test]
fn the_fast_path_never_says_valid_where_the_rules_do_not() {
    use auditlog::fastpath_proof as proof;
    const SEED: u64 = 20261206;
    println!("seed {SEED}");
    let accepted = proof::generated(SEED, 2_000).unwrap_or_else(|e| panic!("{e}"));
    assert!(accepted > 500, "{accepted}");
    let sample = include_bytes!("../../www/public/samples/entries-5000.ndjson");
    for (number, _, line) in auditlog::ndjson::lines(sample).filter(|(n, _, _)| [1, 5].contains(n))
    {
        let accepted = proof::every_offset(line).unwrap_or_else(|e| panic!("line {number}: {e}"));
        assert!(accepted > 0, "line {number}");
    }
    // The sample's invalid lines fail alike often: each gets the answer of the first with its key.
    let root = auditlog::wasm::protocol::schema(0).unwrap();
    let mut scanner = auditlog::source::tape::Scanner::default();
    let again = proof::keys_decide(root, &mut scanner, sample, &mut Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(again > 100, "{again}");
}
