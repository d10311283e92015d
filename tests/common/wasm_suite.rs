//! The wasm test suite, run in Node by tests/wasm_node.rs and in headless Chromium by
//! tests/wasm_browser.rs: the crate compiled to wasm32 gives the recorded Zod answers, through the
//! Rust API and through the package's real JS glue (src/js/core.js) driving this module's exports.

use crate::common::{native_outcome, recorded};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(module = "/src/js/core.js")]
extern "C" {
    #[wasm_bindgen(js_name = createApi)]
    fn create_api(wasm: JsValue) -> JsValue;
}

#[wasm_bindgen(inline_js = r#"
const names = { entry: "auditLogEntrySchema", change: "auditLogChangeSchema", action: "auditLogActionSchema" };
export function glueOutcome(api, schema, input) {
  const r = api[names[schema]].safeParse(JSON.parse(input));
  return JSON.stringify(r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = glueOutcome)]
    fn glue_outcome(api: &JsValue, schema: &str, input: &str) -> String;
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

#[wasm_bindgen_test]
fn the_js_glue_over_this_module_gives_zods_answers() {
    let api = create_api(wasm_bindgen::exports());
    for case in recorded() {
        let schema = case["schema"].as_str().unwrap();
        assert_eq!(
            glue_outcome(&api, schema, &case["input"].to_string()),
            case["expected"].to_string(),
            "{schema}: {}",
            case["name"]
        );
    }
}
