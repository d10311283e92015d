//! The wasm suite in a browser: `wasm-pack test --headless --chrome` (Debian's Chromium).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
#[path = "common/wasm_suite.rs"]
mod wasm_suite;
