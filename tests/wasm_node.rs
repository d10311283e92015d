//! The wasm suite in Node: `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

mod common;
#[path = "common/wasm_suite.rs"]
mod wasm_suite;
