//! Prints the JavaScript side of the protocol between the npm package's glue and its wasm module,
//! from the Rust declarations (`src/wasm/protocol.rs`); with `issue-shapes`, the keys of every
//! issue code as JSON; with `json-schemas`, every schema's JSON Schema as an ES module. `make pkg`
//! runs it (src/js/build-pkg.mjs writes protocol.js and json-schemas.js from it), so the glue cannot
//! drift from the module. Not an example of the API: a build step of the package.

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("issue-shapes") => print!("{}", auditlog::wasm::protocol::issue_shapes_json()),
        Some("json-schemas") => print!("{}", auditlog::wasm::protocol::json_schemas_module()),
        _ => print!("{}", auditlog::wasm::protocol::js_module()),
    }
}
