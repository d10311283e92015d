//! The npm package's side of the crate: what each wasm export does, in plain Rust on every target
//! (the exports themselves, in `exports.rs`, only hold the buffers), so that it is tested and fuzzed
//! natively. The protocol, every number that crosses to the JS glue, is in `protocol.rs`.
//!
//! Why not serde-wasm-bindgen for the input: every field read through it is a boundary crossing plus
//! a UTF-16 to UTF-8 copy and an allocation: 3 to 5 times slower than Zod itself, by the boundary
//! costs measured before the crate was written. Here an input costs one call into wasm, and the rules allocate nothing for a
//! valid one.

// The crate's one module of unsafe code: an allocator hands out raw memory. (The other unsafe
// thing is an attribute: `exports` names the browser modules' symbols.)
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "std"))))]
#[allow(unsafe_code)]
mod allocator;
#[cfg(target_arch = "wasm32")]
mod exports;
#[cfg(feature = "log")]
pub mod log;
pub mod protocol;
#[cfg(ndjson)]
mod same_answers;
pub mod tokens;

#[cfg(ndjson)]
use alloc::vec::Vec;

use protocol::{MALFORMED, needs, schema};
#[cfg(ndjson)]
use protocol::{line, listed, report as header};

use tokens::Tokens;

#[cfg(ndjson)]
use crate::fastpath::{self, Fast};
#[cfg(ndjson)]
use crate::ndjson;
use crate::rules::schema::{FieldSpec, ObjectSchema, Rule};
use crate::rules::{Root, check as check_root};
use crate::source::facts::FactReader;
#[cfg(ndjson)]
use crate::source::tape::{Line, Scanner};
#[cfg(ndjson)]
use same_answers::SameAnswers;

/// Checks `facts` (and `text`, the UTF-16 area they point into) against schema `id`. Returns the
/// number of tokens describing the issues: 0 when the value is valid, [`MALFORMED`] when the facts
/// cannot be read.
pub fn check(id: u32, facts: &[f64], text: &[u16], out: &mut Tokens) -> u32 {
    let Some(root) = schema(id) else {
        return MALFORMED;
    };
    let mut reader = FactReader::new(facts, text);
    let issues = match reader
        .next_source()
        .and_then(|mut source| check_root(root, &mut source))
    {
        Ok(issues) => issues,
        Err(_) => return MALFORMED,
    };
    // Facts left over mean the glue and the rules disagree on what was sent.
    if !reader.at_end() {
        return MALFORMED;
    }
    if issues.is_empty() {
        out.clear();
        return 0;
    }
    out.write(|writer| writer.issues(&issues))
}

/// Checks NDJSON `bytes` against schema `id`, line by line (see [`crate::ndjson`]), and writes the
/// report: its header (laid out as [`protocol::report`] says), then per line that is not valid, in
/// order, its entry ([`protocol::listed`]): `[line number, line::INVALID, token start, token count]`
/// (the issues, as one token value; lines that fail alike may share one) or
/// `[line number, line::UNSURE, byte start, byte end]`. `total` and `valid` count the lines the fast
/// path or the scanner settled. Returns the report's length, or [`MALFORMED`] for an unknown
/// schema. Not in the browser's no_std modules, which take no NDJSON.
#[cfg(ndjson)]
pub fn check_ndjson(
    id: u32,
    bytes: &[u8],
    scanner: &mut Scanner,
    report: &mut Vec<u32>,
    out: &mut Tokens,
) -> u32 {
    let Some(root) = schema(id) else {
        return MALFORMED;
    };
    out.clear();
    report.clear();
    report.resize(header::LISTED as usize, 0);
    let (mut total, mut valid, mut lines) = (0u32, 0u32, 0u32);
    // Lines that fail alike share their answer (same_answers.rs).
    let mut answers = SameAnswers::default();
    let mut key = Vec::new();
    // UTF-8 validated once for the whole chunk (a `\n` never splits a character); most lines are
    // valid, decided and framed at once by the fast path (a line it accepts is never blank).
    for (number, start, text, fast) in crate::fastpath::lines(root, bytes) {
        let Ok(number) = u32::try_from(number) else {
            return MALFORMED;
        };
        lines = number;
        let Fast::Unsure(split) = fast else {
            (total, valid) = (total + 1, valid + 1);
            continue;
        };
        // A split line is an object: never blank.
        if split.is_none() && ndjson::trims_to_nothing(text) {
            continue;
        }
        let keyed = split
            .filter(|_| answers.worth_asking())
            .and_then(|(split, line)| fastpath::answer_key(&split, line.as_bytes(), &mut key));
        if keyed.is_some()
            && let Some(answer) = answers.get(&key)
        {
            total += 1;
            match answer {
                None => valid += 1,
                Some((start, len)) => report.extend(entry(number, line::INVALID, start, len)),
            }
            continue;
        }
        let split_answer = split.and_then(|(split, line)| scanner.check_split(root, line, &split));
        let remember = keyed.is_some() && split_answer.is_some();
        let checked = match split_answer {
            Some(line) => line,
            None => scanner.check_line(root, text),
        };
        match checked {
            Line::Valid => {
                (total, valid) = (total + 1, valid + 1);
                if remember {
                    answers.insert(&key, None);
                }
            }
            Line::Invalid(issues) => {
                total += 1;
                let (start, len) = out.append(|writer| writer.issues(&issues));
                report.extend(entry(number, line::INVALID, start, len));
                if remember {
                    answers.insert(&key, Some((start, len)));
                }
            }
            Line::Unsure => {
                let (Ok(start), Ok(end)) =
                    (u32::try_from(start), u32::try_from(start + text.len()))
                else {
                    return MALFORMED;
                };
                report.extend(entry(number, line::UNSURE, start, end));
            }
        }
    }
    // Lines are counted from 1, so the last one's number is one more than the newlines before it.
    put(
        report,
        [
            (header::NEWLINES, lines.saturating_sub(1)),
            (header::TOTAL, total),
            (header::VALID, valid),
        ],
    );
    u32::try_from(report.len()).unwrap_or(MALFORMED)
}

/// Writes each value at its declared position (positions are within `slots`: a protocol test
/// holds them to it).
#[cfg(ndjson)]
fn put<const N: usize>(slots: &mut [u32], values: [(u32, u32); N]) {
    for (at, value) in values {
        if let Some(slot) = slots.get_mut(at as usize) {
            *slot = value;
        }
    }
}

/// A listed line's entry in the NDJSON report, in the order [`protocol::listed`] declares.
#[cfg(ndjson)]
fn entry(number: u32, kind: u32, from: u32, to: u32) -> [u32; listed::SLOTS as usize] {
    let mut entry = [0; listed::SLOTS as usize];
    put(
        &mut entry,
        [
            (listed::NUMBER, number),
            (listed::KIND, kind),
            (listed::FROM, from),
            (listed::TO, to),
        ],
    );
    entry
}

/// Writes, as tokens, how the glue reads input for schema `id`: `[is_object, fields, refined]`
/// (`refined`: rules across fields read this schema's values, and always run in the module), where each
/// field is `[name, needs, number, fast]` (see [`protocol::needs`] and [`protocol::fast_check`]); a
/// value schema has one field with an empty name. Returns the number of tokens ([`MALFORMED`] for
/// an unknown schema). Exported by the std modules (server, log): build-pkg.mjs reads every table
/// from the server's, and the browser modules' glue gets them from the build.
pub fn schema_fields(id: u32, out: &mut Tokens) -> u32 {
    let Some(root) = schema(id) else {
        return MALFORMED;
    };
    let field = |writer: &mut tokens::TokenWriter<'_>, spec: &FieldSpec, refined: bool| {
        let (needs, number) = needs(&spec.rule, refined);
        writer.array(4);
        writer.static_str(spec.name);
        writer.number(needs as u32);
        writer.number(number);
        protocol::fast_check(writer, &spec.rule, spec.optional, refined);
    };
    out.write(|writer| {
        writer.array(3);
        match root {
            Root::Object(schema) => {
                let refined = read_by_refinement(schema);
                writer.boolean(true);
                writer.array(schema.fields.len());
                for spec in schema.fields {
                    field(writer, spec, refined);
                }
                writer.boolean(refined);
            }
            Root::Value(rule) => {
                writer.boolean(false);
                writer.array(1);
                field(writer, &FieldSpec::required("", rule), false);
                writer.boolean(false);
            }
        }
    })
}

/// Whether rules across fields read the values of `schema`'s fields: its own refinement's, or
/// those of a schema whose refinement reads the items of its array of `schema` objects.
fn read_by_refinement(schema: &'static ObjectSchema) -> bool {
    let is_items_of_refined = |(_, root): &(&str, Root)| match root {
        Root::Object(parent) => {
            parent.refine.is_some()
                && parent.fields.iter().any(|field| match field.rule {
                    Rule::Array { items } => core::ptr::eq(items, schema),
                    Rule::Unknown
                    | Rule::String(_)
                    | Rule::Enum { .. }
                    | Rule::Record(_)
                    | Rule::JsonObject => false,
                })
        }
        Root::Value(_) => false,
    };
    schema.refine.is_some() || protocol::IN_MODULE.iter().any(is_items_of_refined)
}

/// Writes, as tokens, the names of the closed list `which` of
/// [`protocol::NAME_LISTS_IN_MODULE`]. Returns the number of tokens ([`MALFORMED`] for an unknown
/// list).
pub fn name_list(which: u32, out: &mut Tokens) -> u32 {
    match protocol::name_list(which) {
        Some(names) => out.write(|writer| writer.static_strs(names)),
        None => MALFORMED,
    }
}
