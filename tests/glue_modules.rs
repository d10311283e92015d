//! The wasm suite in headless Chromium only finds the glue modules wasm-bindgen copied beside the
//! test, and it copies only those named in a `module` attribute: a glue module added without being
//! named there leaves the browser page waiting for a 404 until the runner times out. This test
//! names the forgotten module instead.

use std::collections::BTreeSet;
use std::fs;

const GLUE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/js/");

/// The modules a glue file imports with `from "./name.js"`.
fn relative_imports(file: &str) -> Vec<String> {
    let text = fs::read_to_string(format!("{GLUE}{file}")).expect("a glue module is readable");
    text.split("from \"./")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn the_wasm_suite_names_every_module_create_api_js_imports() {
    let suite = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/common/wasm_suite.rs"
    ))
    .expect("the wasm suite is readable");
    let named: BTreeSet<String> = suite
        .split("\"/src/js/")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_string()))
        .collect();
    assert!(
        named.contains("create-api.js"),
        "the suite drives create-api.js"
    );

    let mut reachable = BTreeSet::new();
    let mut pending = vec!["create-api.js".to_string()];
    while let Some(file) = pending.pop() {
        if reachable.insert(file.clone()) {
            pending.extend(relative_imports(&file));
        }
    }
    assert!(
        reachable.len() > 5,
        "create-api.js imports its modules: {reachable:?}"
    );
    let missing: Vec<_> = reachable.difference(&named).collect();
    assert!(
        missing.is_empty(),
        "add these to copied_beside_create_api! in tests/common/wasm_suite.rs: {missing:?}"
    );
}
