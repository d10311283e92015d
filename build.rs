//! Two names for what a build is, set once here instead of spelled out at every item they gate:
//! - `cfg(browser_module)`: the browser's wasm modules, built without `std`, whose every byte a page
//!   downloads;
//! - `cfg(ndjson)`: everywhere else, where the crate has its NDJSON paths (the scanner's tape, the
//!   fast path, the line loop); the browser's modules take no NDJSON and stay small without them.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ndjson)");
    println!("cargo::rustc-check-cfg=cfg(browser_module)");
    let std = std::env::var_os("CARGO_FEATURE_STD").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if std || !wasm {
        println!("cargo::rustc-cfg=ndjson");
    } else {
        println!("cargo::rustc-cfg=browser_module");
    }
}
