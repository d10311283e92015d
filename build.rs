//! `cfg(ndjson)`: where the crate has its NDJSON paths (the scanner's tape, the fast path, the
//! line loop). Everywhere but the browser's wasm modules, built without `std`, which take no NDJSON
//! and stay small without that code. Named once here instead of at every item it gates.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ndjson)");
    let std = std::env::var_os("CARGO_FEATURE_STD").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if std || !wasm {
        println!("cargo::rustc-cfg=ndjson");
    }
}
