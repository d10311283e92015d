//! Names for what a build is, set once here instead of spelled out at every item they gate:
//! - `cfg(browser_module)`: the browser's wasm modules, built without `std`, whose every byte a page
//!   downloads;
//! - `cfg(made_enum_messages)`: of those, the module with every schema, which makes each enum's
//!   `invalid_value` message from the enum's values instead of keeping it as a literal
//!   (`src/messages.rs`); the open-types module's one enum is cheaper as its literal;
//! - `cfg(ndjson)`: everywhere else, where the crate has its NDJSON paths (the scanner's tape, the
//!   fast path, the line loop); the browser's modules take no NDJSON and stay small without them.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ndjson)");
    println!("cargo::rustc-check-cfg=cfg(browser_module)");
    println!("cargo::rustc-check-cfg=cfg(made_enum_messages)");
    let std = std::env::var_os("CARGO_FEATURE_STD").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if std || !wasm {
        println!("cargo::rustc-cfg=ndjson");
    } else {
        println!("cargo::rustc-cfg=browser_module");
        if std::env::var_os("CARGO_FEATURE_OPEN_TYPES_ONLY").is_none() {
            println!("cargo::rustc-cfg=made_enum_messages");
        }
    }
}
