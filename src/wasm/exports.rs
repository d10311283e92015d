//! The wasm exports of the npm package: buffers in wasm memory that the JS glue writes facts into
//! and reads tokens from, and one call per validation. What each call does is in `super` (plain
//! Rust, tested natively); every export here takes and returns numbers only.
//!
//! The std builds (the server and log modules) export through wasm-bindgen, whose glue and types
//! the package uses there. The browser's no_std builds export plain C symbols and import nothing,
//! so that a page downloads no wasm-bindgen glue: one `WebAssembly.Instance` is theirs
//! (src/js/browser-full.js). Naming a symbol is an unsafe attribute, the one unsafe code here.

use alloc::vec::Vec;

use spin::Mutex;
#[cfg(feature = "std")]
use wasm_bindgen::prelude::*;

use super::protocol::MALFORMED;
use super::tokens::Tokens;

// Talc instead of the default dlmalloc: a smaller module (57.5 -> 53.3 KB raw, 21.7 KB gzip from 23.4,
// measured on the one module of that time, before the browser's got its own allocator). The
// input path allocates nothing for a valid value, so the allocator's speed matters only on the
// invalid path.
#[cfg(feature = "std")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// The browser's builds: blocks of power-of-two sizes, never split or merged (allocator.rs), less
// code than talc; their calls reuse the same few sizes, unlike the server's NDJSON chunks.
#[cfg(not(feature = "std"))]
#[global_allocator]
static ALLOCATOR: super::allocator::BrowserAllocator = super::allocator::BrowserAllocator(
    Mutex::new(super::allocator::Blocks::new(super::allocator::WasmMemory)),
);

#[derive(Default)]
struct Scratch {
    facts: Vec<f64>,
    text: Vec<u16>,
    out: Tokens,
    #[cfg(feature = "ndjson-export")]
    ndjson: NdjsonScratch,
    #[cfg(feature = "log-export")]
    log: LogScratch,
}

/// The bytes a log call reads, and its answer (see `super::log`).
#[cfg(feature = "log-export")]
#[derive(Default)]
struct LogScratch {
    input: Vec<u8>,
    output: Vec<u8>,
}

/// NDJSON as UTF-8, one chunk of lines at a time, and what `check_ndjson` says of it.
#[cfg(feature = "ndjson-export")]
#[derive(Default)]
struct NdjsonScratch {
    bytes: Vec<u8>,
    scanner: crate::source::tape::Scanner,
    report: Vec<u32>,
}

// A lock rather than a `thread_local!`, which no_std does not have; made on the first call.
static SCRATCH: Mutex<Option<Scratch>> = Mutex::new(None);

/// Runs `f` on the scratch buffers; `on_busy` if they are in use (a call from inside a call, which
/// the glue never makes), never a panic.
fn with_scratch<T>(on_busy: T, f: impl FnOnce(&mut Scratch) -> T) -> T {
    match SCRATCH.try_lock() {
        Some(mut scratch) => f(made(&mut scratch)),
        None => on_busy,
    }
}

/// The scratch buffers, made on the first call: one copy of that, not one in every export.
#[inline(never)]
fn made(scratch: &mut Option<Scratch>) -> &mut Scratch {
    scratch.get_or_insert_with(Scratch::default)
}

/// The browser's no_std builds: a panic (a bug: the library has none) ends the call with a trap
/// (a `WebAssembly.RuntimeError` in JavaScript), without std's handler, which formats its message
/// even with `panic = "abort"`. (`make pkg` builds them with `-Cpanic=immediate-abort`, under which
/// core and alloc trap before calling this; a plain `cargo build` of them still comes here.)
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// Declares an export: `#[wasm_bindgen]` in the std builds, a C symbol in the no_std ones.
macro_rules! export {
    ($(#[$attr:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$attr])*
        #[cfg(feature = "std")]
        #[wasm_bindgen]
        pub fn $name($($arg: $ty),*) -> $ret $body

        $(#[$attr])*
        #[cfg(not(feature = "std"))]
        #[allow(unsafe_code)]
        #[unsafe(no_mangle)]
        pub extern "C" fn $name($($arg: $ty),*) -> $ret $body
    };
}

/// Replaces an area with one of exactly `len` items and returns where it starts: a smaller `len`
/// than before gives the memory back (after a huge input), so the area stays small. The glue
/// rewrites an area whole on every call, so nothing in it is kept. Its address changes only here.
fn area<T: Copy + Default>(area: &mut Vec<T>, len: usize) -> *mut T {
    *area = alloc::vec![T::default(); len];
    area.as_mut_ptr()
}

export! {
    /// Makes room for `len` facts and returns where the glue writes them.
    fn facts_area(len: usize) -> *mut f64 {
        with_scratch(core::ptr::null_mut(), |scratch| {
            area(&mut scratch.facts, len)
        })
    }
}

export! {
    /// Makes room for `len` UTF-16 code units of text and returns where the glue writes them.
    fn text_area(len: usize) -> *mut u16 {
        with_scratch(core::ptr::null_mut(), |scratch| {
            area(&mut scratch.text, len)
        })
    }
}

export! {
    /// Makes room for `len` bytes of NDJSON and returns where the glue writes them. The glue sends
    /// text in chunks of lines, so this stays at the size of the largest chunk.
    #[cfg(feature = "ndjson-export")]
    fn ndjson_area(len: usize) -> *mut u8 {
        with_scratch(core::ptr::null_mut(), |scratch| {
            scratch.ndjson.bytes.resize(len, 0);
            scratch.ndjson.bytes.as_mut_ptr()
        })
    }
}

export! {
    /// Checks the first `len` bytes of the NDJSON area against schema `id`; returns the length of the
    /// report (see [`super::check_ndjson`]), which `report_area` locates.
    #[cfg(feature = "ndjson-export")]
    fn check_ndjson(id: u32, len: usize) -> u32 {
        with_scratch(MALFORMED, |scratch| {
            let Scratch {
                ndjson:
                    NdjsonScratch {
                        bytes,
                        scanner,
                        report,
                    },
                out,
                ..
            } = scratch;
            match bytes.get(..len) {
                Some(bytes) => super::check_ndjson(id, bytes, scanner, report, out),
                None => MALFORMED,
            }
        })
    }
}

export! {
    /// Where the report of the last `check_ndjson` is.
    #[cfg(feature = "ndjson-export")]
    fn report_area() -> *const u32 {
        with_scratch(core::ptr::null(), |scratch| scratch.ndjson.report.as_ptr())
    }
}

export! {
    /// Where the tokens of the last call are.
    fn tokens_area() -> *const u32 {
        with_scratch(core::ptr::null(), |scratch| scratch.out.tokens.as_ptr())
    }
}

export! {
    /// How many strings the last answer made (its [`super::protocol::token::STR`] tokens): where
    /// there are none, the glue saves the answer without looking for them.
    fn answer_strings() -> u32 {
        with_scratch(MALFORMED, |scratch| {
            u32::try_from(scratch.out.strings.len()).unwrap_or(MALFORMED)
        })
    }
}

// The browser modules' glue has the schema tables from the build (build-pkg.mjs reads them from the
// server module), so those modules leave out the code that writes them; the open-types module has
// its one name list from the build too, and the other keeps the code that writes the platform's
// (their names are in the module's data either way, for the rules).

export! {
    /// See [`super::schema_fields`].
    #[cfg(not(browser_module))]
    fn schema_fields(id: u32) -> u32 {
        with_scratch(MALFORMED, |scratch| {
            super::schema_fields(id, &mut scratch.out)
        })
    }
}

export! {
    /// See [`super::name_list`].
    #[cfg(not(feature = "open-types-only"))]
    fn name_list(which: u32) -> u32 {
        with_scratch(MALFORMED, |scratch| {
            super::name_list(which, &mut scratch.out)
        })
    }
}

export! {
    /// Checks the facts the glue wrote (`facts_len` of them, `text_len` units of text) against schema
    /// `id`; see [`super::check`].
    fn check(id: u32, facts_len: usize, text_len: usize) -> u32 {
        with_scratch(MALFORMED, |scratch| {
            let Scratch {
                facts, text, out, ..
            } = scratch;
            match (facts.get(..facts_len), text.get(..text_len)) {
                (Some(facts), Some(text)) => super::check(id, facts, text, out),
                _ => MALFORMED,
            }
        })
    }
}

/// Runs a log call on the first `len` bytes of the log input.
#[cfg(feature = "log-export")]
fn with_log(len: usize, call: impl FnOnce(&[u8], &mut Vec<u8>) -> u32) -> u32 {
    with_scratch(MALFORMED, |scratch| {
        let LogScratch { input, output } = &mut scratch.log;
        match input.get(..len) {
            Some(input) => call(input, output),
            None => MALFORMED,
        }
    })
}

export! {
    /// Makes room for `len` bytes of a log call's input and returns where the glue writes them.
    #[cfg(feature = "log-export")]
    fn log_input(len: usize) -> *mut u8 {
        with_scratch(core::ptr::null_mut(), |scratch| {
            area(&mut scratch.log.input, len)
        })
    }
}

export! {
    /// Where the answer of the last log call is.
    #[cfg(feature = "log-export")]
    fn log_output() -> *const u8 {
        with_scratch(core::ptr::null(), |scratch| scratch.log.output.as_ptr())
    }
}

export! {
    /// How long the answer of the last log call is.
    #[cfg(feature = "log-export")]
    fn log_output_len() -> usize {
        with_scratch(0, |scratch| scratch.log.output.len())
    }
}

export! {
    /// See [`super::log::canonical_json`].
    #[cfg(feature = "log-export")]
    fn log_canonical_json(len: usize) -> u32 {
        with_log(len, super::log::canonical_json)
    }
}

export! {
    /// See [`super::log::leaf_hash`].
    #[cfg(feature = "log-export")]
    fn log_leaf_hash(len: usize) -> u32 {
        with_log(len, super::log::leaf_hash)
    }
}

export! {
    /// See [`super::log::merkle_root`].
    #[cfg(feature = "log-export")]
    fn log_merkle_root(len: usize) -> u32 {
        with_log(len, super::log::merkle_root)
    }
}

export! {
    /// See [`super::log::inclusion_proof`].
    #[cfg(feature = "log-export")]
    fn log_inclusion_proof(len: usize, index: f64) -> u32 {
        with_log(len, |input, out| {
            super::log::inclusion_proof(input, index, out)
        })
    }
}

export! {
    /// See [`super::log::consistency_proof`].
    #[cfg(feature = "log-export")]
    fn log_consistency_proof(len: usize, size1: f64) -> u32 {
        with_log(len, |input, out| {
            super::log::consistency_proof(input, size1, out)
        })
    }
}

export! {
    /// See [`super::log::check_inclusion`].
    #[cfg(feature = "log-export")]
    fn log_check_inclusion(len: usize, index: f64, size: f64) -> u32 {
        with_log(len, |input, out| {
            super::log::check_inclusion(input, index, size, out)
        })
    }
}

export! {
    /// See [`super::log::check_consistency`].
    #[cfg(feature = "log-export")]
    fn log_check_consistency(len: usize, size1: f64, size2: f64) -> u32 {
        with_log(len, |input, out| {
            super::log::check_consistency(input, size1, size2, out)
        })
    }
}

export! {
    /// See [`super::log::check_checkpoint`].
    #[cfg(feature = "log-export")]
    fn log_check_checkpoint(len: usize, note_len: usize) -> u32 {
        with_log(len, |input, out| {
            super::log::check_checkpoint(input, note_len, out)
        })
    }
}

export! {
    /// See [`super::log::ndjson_leaves`].
    #[cfg(feature = "log-export")]
    fn log_ndjson_leaves(id: u32, len: usize) -> u32 {
        with_log(len, |input, out| super::log::ndjson_leaves(id, input, out))
    }
}

#[cfg(feature = "std")]
#[wasm_bindgen(typescript_custom_section)]
const JSON_VALUE: &str = r#"
/** A value that survives `JSON.parse(JSON.stringify(value))`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
"#;
