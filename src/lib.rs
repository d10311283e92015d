//! # auditlog
//!
//! The audit-log domain model and its validators, written once in Rust and used natively and from
//! JavaScript (the npm package `auditlog-wasm`), so that every side accepts and rejects exactly the
//! same entries with the same issues as the Zod 4 schemas they replace.
//!
//! ```
//! let entry = auditlog::parse_entry_str(r#"{
//!     "id": "audit_min_005", "action": "read", "actor_id": "user_321",
//!     "resource_type": "report", "resource_id": "report_001",
//!     "timestamp": "2026-05-16T18:30:00Z"
//! }"#).unwrap();
//! assert_eq!(entry.action, auditlog::AuditLogAction::Read);
//!
//! let error = auditlog::parse_entry(&serde_json::json!({ "id": "" })).unwrap_err();
//! assert_eq!(error.issues[0].message, "Audit log ID is required");
//! ```
//!
//! The API is the functions below (on `serde_json` values, text or bytes), the [`model`] types and
//! the [`Issue`]s a rejection carries. Inside, one concept a module, in layers that only look down
//! (`tests/architecture.rs` checks): the model, the issues and their [`messages`], and `value` (what
//! the rules know about a value) at the bottom; `source` (where values are read from: JSON, the JS
//! glue's facts, an NDJSON line); `rules` (what is valid, one rule a module) and `fastpath` (the
//! common NDJSON line decided from the rules' tables); and the front ends
//! (this API, the wasm binding, axum, the CLI, the log). The engine's modules are public for the
//! fuzz targets, benchmarks and bindings of this repository, hidden from the documentation, and not
//! part of the API.
#![warn(missing_docs)]
// No unsafe code but the browser modules' allocator (`wasm::allocator`) and the attribute that names
// their exports' symbols (`wasm::exports`), allowed there alone; the architecture test holds every
// other file to none.
#![deny(unsafe_code)]
// Without the `std` feature, the engine and the wasm exports alone: no_std on wasm32 (the browser's
// modules, with their own panic handler in `wasm::exports`); elsewhere std still links, for the tests.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

/// Declares a group of numbers the JS glue shares (a fact's flags, an answer's tokens, ...), and
/// the list `wasm::protocol` renders the glue's `protocol.js` from.
macro_rules! constants {
    ($(#[$meta:meta])* $group:ident { $($(#[$cmeta:meta])* $name:ident = $value:expr,)* }) => {
        $(#[$meta])*
        pub mod $group {
            $($(#[$cmeta])* pub const $name: u32 = $value;)*
            /// Every constant of the group, by name.
            #[cfg(feature = "std")]
            pub(crate) const ALL: &[(&str, u32)] = &[$((stringify!($name), $name),)*];
        }
    };
}

#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "files")]
pub mod files;
pub mod issues;
/// JavaScript's `Number(x)` of a JSON value: for the Python binding's source. Not part of the API.
#[cfg(feature = "std")]
#[doc(hidden)]
pub mod js_number;
#[cfg(feature = "std")]
pub mod json_schema;
#[cfg(feature = "log")]
pub mod log;
#[macro_use]
pub mod messages;
// The NDJSON paths (the scanner, the fast path) and what they share: everywhere but in the
// browser's no_std modules, which take no NDJSON.
#[cfg(ndjson)]
mod byte_search;
/// The bulk paths' fast path for the common NDJSON line. Public for the fuzz targets and tests
/// only; not part of the API.
#[doc(hidden)]
#[cfg(ndjson)]
pub mod fastpath;
/// The fast path held to the rules, line by line: for the tests and fuzz targets of every front end
/// (native, wasm). Not part of the API.
#[cfg(feature = "std")]
#[doc(hidden)]
pub mod fastpath_proof;
pub mod model;
#[cfg(feature = "std")]
mod native;
#[doc(hidden)]
#[cfg(ndjson)]
pub mod ndjson;
#[cfg(feature = "schemars")]
pub mod openapi;
#[cfg(feature = "std")]
pub mod problem;
#[doc(hidden)]
pub mod rules;
#[cfg(all(feature = "serve", not(target_arch = "wasm32")))]
pub mod server;
#[doc(hidden)]
pub mod source;
#[doc(hidden)]
pub mod value;
/// The npm package's side: what the wasm exports do, and the protocol with the JS glue. Public for
/// the fuzz targets and tests only; not part of the API.
#[doc(hidden)]
pub mod wasm;

// The Rust examples of the READMEs and docs/, compiled and run as doctests by `cargo test
// --all-features`, so that an example that stops working fails the build.
#[cfg(all(doctest, feature = "axum", feature = "log"))]
mod documentation_examples {
    #[doc = include_str!("../README.md")]
    struct Readme;
    #[doc = include_str!("../docs/json-schema.md")]
    struct JsonSchema;
    #[doc = include_str!("../docs/log.md")]
    struct Log;
    #[doc = include_str!("../docs/service.md")]
    struct Service;
}

pub use issues::{Expected, Issue, IssueCode, Origin, PathItem, ValidationError};
pub use model::{AuditLogAction, PlatformActor, PlatformEvent, PlatformResourceType};
#[cfg(feature = "std")]
pub use model::{AuditLogChange, AuditLogEntry, PlatformRecord, PlatformResource};
#[cfg(feature = "std")]
pub use native::{
    BatchReport, LineProblem, ParseError, Validated, check_entries_ndjson, check_json_text,
    check_ndjson, check_ndjson_lines, entry_issues, parse_action, parse_change, parse_entry,
    parse_entry_slice, parse_entry_str, parse_platform_record, parse_platform_record_slice,
    parse_platform_record_str, parse_platform_resource, platform_record_issues,
};
