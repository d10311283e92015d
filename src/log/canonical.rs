//! RFC 8785, the JSON Canonicalization Scheme: one text for one JSON value, whatever key order,
//! spacing or number spelling it arrived with, so that Rust, Node and browsers hash the same
//! record to the same bytes.
//!
//! ```text
//! { "b": 1.50, "a": [1E3, "\u00e9"] }  ->  {"a":[1000,"é"],"b":1.5}
//! ```
//!
//! - object members sorted by their names' UTF-16 code units (as JavaScript sorts strings);
//! - numbers as ECMAScript's `Number.prototype.toString` writes the IEEE double they parse to
//!   (`ryu-js`: the part that is hard to get right, from the Boa engine's project);
//! - strings with JSON's minimal escapes (`\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`);
//! - no whitespace.
//!
//! The writer is ours, not `serde_json_canonicalizer`'s or `serde_jcs`'s: both re-parse every
//! object key and box a writer per token, work this pipeline runs once per record (it has not been
//! timed against them side by side). `tests/log.rs` holds ours to RFC 8785's published test data,
//! and the JS tests to the `canonicalize` package.

use serde_json::Value;

use crate::rules::schema::{FieldSpec, MAX_FIELDS, ObjectSchema, Rule};
use crate::rules::{entry, platform};
use crate::source::tape::{Line, Scanner, Tape};
use crate::value::{Kind, Text};

/// The canonical text of a JSON value.
pub fn canonicalize(value: &Value) -> String {
    let mut out = String::with_capacity(256);
    write_value(value, &mut out);
    out
}

/// Appends the canonical text of `value` to `out`.
pub fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(number_value(number), out),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            write_list(out, '[', items, ']', |item, out| {
                write_value(item, out);
                Some(())
            });
        }
        Value::Object(members) => {
            let members = members.iter().map(|(key, value)| (key.as_str(), value));
            write_sorted_members(out, members.collect(), |value, out| {
                write_value(value, out);
                Some(())
            });
        }
    }
}

/// `items`, each written by `write`, separated by commas between `open` and `close`; `None` as
/// soon as an item's `write` gives up (the tape's writer leaves such lines to serde_json).
fn write_list<T>(
    out: &mut String,
    open: char,
    items: impl IntoIterator<Item = T>,
    close: char,
    mut write: impl FnMut(T, &mut String) -> Option<()>,
) -> Option<()> {
    out.push(open);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out)?;
    }
    out.push(close);
    Some(())
}

/// An object's members in canonical order (keys by UTF-16 code units), each value written by
/// `write`; `None`, before writing, where two keys are equal (a `serde_json` object has none; on
/// the tape, `JSON.parse` keeps the last, and serde_json decides such lines).
fn write_sorted_members<T>(
    out: &mut String,
    mut members: Vec<(&str, T)>,
    mut write: impl FnMut(T, &mut String) -> Option<()>,
) -> Option<()> {
    members.sort_unstable_by(|(a, _), (b, _)| utf16_order(a, b));
    if members.windows(2).any(|pair| pair[0].0 == pair[1].0) {
        return None;
    }
    write_list(out, '{', members, '}', |(key, value), out| {
        write_string(key, out);
        out.push(':');
        write(value, out)
    })
}

/// A JSON number as the IEEE double JavaScript reads it (integers beyond 2^53 round, as there).
fn number_value(number: &serde_json::Number) -> f64 {
    if let Some(n) = number.as_u64() {
        n as f64
    } else if let Some(n) = number.as_i64() {
        n as f64
    } else {
        // serde_json only holds finite numbers; a float it cannot give back is not one of its numbers.
        number.as_f64().unwrap_or(0.0)
    }
}

/// A JSON number's text as JavaScript writes the double it parses to. Integers of up to 15 digits
/// are doubles exactly, so they are their own canonical text (but for `-0`); others are parsed
/// (correctly rounded, as serde_json's `float_roundtrip` and `JSON.parse` read them).
fn write_number_text(text: &str, out: &mut String) -> Option<()> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(if digits == "0" { "0" } else { text });
    } else {
        write_number(text.parse().ok()?, out);
    }
    Some(())
}

fn write_number(n: f64, out: &mut String) {
    // ECMAScript writes both zeros as "0"; ryu-js follows `Number.prototype.toString` exactly.
    if n == 0.0 {
        out.push('0');
    } else {
        out.push_str(ryu_js::Buffer::new().format_finite(n));
    }
}

/// JavaScript's string order: by UTF-16 code units. It differs from Rust's (UTF-8 bytes, which is
/// code point order) only where a character above U+FFFF meets one from U+E000 to U+FFFF.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape: &str = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\x08' => "\\b",
            b'\x0c' => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xf)] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// The canonical text of one NDJSON line scanned in place (no `serde_json::Value` is built): what
/// [`canonicalize`] gives for the value `schema` validates it into, written straight from the line.
pub(crate) enum CanonicalLine {
    /// The line holds a valid value; `out` holds its canonical text.
    Valid,
    /// The line holds JSON the schema rejects.
    Invalid,
    /// Not settled here (see `source::tape`, and duplicate keys, or lone surrogates, in values the
    /// rules do not walk): the caller parses the line with serde_json.
    Unsure,
}

/// Scans, checks and, when valid, writes the canonical text of one line into `out` (cleared first).
pub(crate) fn canonical_line(
    scanner: &mut Scanner,
    schema: &'static ObjectSchema,
    line: &[u8],
    out: &mut String,
) -> CanonicalLine {
    let Some(tape) = scanner.scan(line) else {
        return CanonicalLine::Unsure;
    };
    match tape.check(crate::rules::Root::Object(schema)) {
        Line::Valid => {}
        Line::Invalid(_) => return CanonicalLine::Invalid,
        Line::Unsure => return CanonicalLine::Unsure,
    }
    out.clear();
    match write_object_of(schema, &tape, 0, out) {
        Some(()) => CanonicalLine::Valid,
        None => CanonicalLine::Unsure,
    }
}

/// An object as `schema` parses it: its fields that are present, unknown keys dropped.
fn write_object_of(schema: &ObjectSchema, tape: &Tape, node: u32, out: &mut String) -> Option<()> {
    let values = tape.field_values(node, schema)?;
    let order = key_order(schema)?;
    out.push('{');
    let mut first = true;
    for &i in order {
        let (Some(Some(value)), Some(field)) = (
            values.get(usize::from(i)),
            schema.fields.get(usize::from(i)),
        ) else {
            continue;
        };
        if !first {
            out.push(',');
        }
        first = false;
        write_string(field.name, out);
        out.push(':');
        write_rule(&field.rule, tape, *value, out)?;
    }
    out.push('}');
    Some(())
}

fn write_rule(rule: &Rule, tape: &Tape, node: u32, out: &mut String) -> Option<()> {
    match rule {
        Rule::Unknown | Rule::JsonObject | Rule::String(_) | Rule::Enum { .. } => {
            write_tape_value(tape, node, out)
        }
        // Zod neither checks nor copies a record's `__proto__` key (rules::record), nor does the model.
        Rule::Record(schema) => write_members(tape, node, out, true, |tape, value, out| {
            write_object_of(schema, tape, value, out)
        }),
        Rule::Array { items } => {
            if tape.kind(node)? != Kind::Array {
                return None;
            }
            write_list(out, '[', tape.children(node), ']', |child, out| {
                write_object_of(items, tape, child?.1, out)
            })
        }
    }
}

/// Any JSON value on the tape, whole.
fn write_tape_value(tape: &Tape, node: u32, out: &mut String) -> Option<()> {
    match tape.kind(node)? {
        Kind::Null | Kind::Boolean => out.push_str(tape.literal(node)?),
        Kind::Number => write_number_text(tape.literal(node)?, out)?,
        Kind::String => match tape.string(node)? {
            // Unescaped text on the tape has nothing to escape.
            Text::Utf8(text) => {
                out.push('"');
                out.push_str(text);
                out.push('"');
            }
            // A lone surrogate is not text serde_json reads: the slow path decides.
            Text::Utf16(units) => write_string(&String::from_utf16(units).ok()?, out),
            Text::LengthOnly(_) => return None,
        },
        Kind::Array => write_list(out, '[', tape.children(node), ']', |child, out| {
            write_tape_value(tape, child?.1, out)
        })?,
        Kind::Object => write_members(tape, node, out, false, write_tape_value)?,
        _ => return None,
    }
    Some(())
}

/// An object on the tape, its members in canonical order (without `__proto__` if `skip_proto`),
/// each value written by `write`.
fn write_members(
    tape: &Tape,
    node: u32,
    out: &mut String,
    skip_proto: bool,
    write: impl Fn(&Tape, u32, &mut String) -> Option<()>,
) -> Option<()> {
    if tape.kind(node)? != Kind::Object {
        return None;
    }
    let mut members = tape
        .children(node)
        .map(|child| {
            let (key, value) = child?;
            Some((tape.key(key)?, value))
        })
        .collect::<Option<Vec<_>>>()?;
    if skip_proto {
        members.retain(|(key, _)| *key != "__proto__");
    }
    write_sorted_members(out, members, |value, out| write(tape, value, out))
}

/// Each schema's fields sorted by name (the member order of canonical JSON), computed at compile
/// time for every object schema the log writes.
static KEY_ORDERS: [(&ObjectSchema, [u8; MAX_FIELDS]); 4] = [
    (&entry::ENTRY, sorted_by_name(entry::ENTRY.fields)),
    (&entry::CHANGE, sorted_by_name(entry::CHANGE.fields)),
    (&platform::RECORD, sorted_by_name(platform::RECORD.fields)),
    (
        &platform::RESOURCE,
        sorted_by_name(platform::RESOURCE.fields),
    ),
];

/// The indexes of `schema`'s fields in canonical order (`None` for a schema the table lacks: a
/// test checks it has them all).
fn key_order(schema: &ObjectSchema) -> Option<&'static [u8]> {
    let (_, order) = KEY_ORDERS.iter().find(|(s, _)| std::ptr::eq(*s, schema))?;
    order.get(..schema.fields.len())
}

/// The indexes of `fields` sorted by name, in JavaScript's string order (field names are ASCII,
/// where it is byte order); indexes past the last field are left in place. A schema has at most
/// [`MAX_FIELDS`] fields, or this table does not compile.
const fn sorted_by_name(fields: &[FieldSpec]) -> [u8; MAX_FIELDS] {
    assert!(
        fields.len() <= MAX_FIELDS,
        "a schema has at most MAX_FIELDS fields"
    );
    let mut order = [0u8; MAX_FIELDS];
    let mut i = 0;
    while i < MAX_FIELDS {
        order[i] = i as u8;
        i += 1;
    }
    // Insertion sort: a dozen names, once, at compile time.
    let mut i = 1;
    while i < fields.len() {
        let mut j = i;
        while j > 0
            && str_less(
                fields[order[j] as usize].name,
                fields[order[j - 1] as usize].name,
            )
        {
            let swap = order[j];
            order[j] = order[j - 1];
            order[j - 1] = swap;
            j -= 1;
        }
        i += 1;
    }
    order
}

const fn str_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn members_are_sorted_by_utf16_and_nothing_is_spaced() {
        let value =
            json!({ "b": [1, {"z": null, "a": true}], "a": "x", "\u{e000}": 1, "\u{1f600}": 2 });
        assert_eq!(
            canonicalize(&value),
            "{\"a\":\"x\",\"b\":[1,{\"a\":true,\"z\":null}],\"\u{1f600}\":2,\"\u{e000}\":1}"
        );
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let cases: &[(&str, &str)] = &[
            ("0", "0"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("1E3", "1000"),
            ("1.50", "1.5"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("0.000001", "0.000001"),
            ("1e-7", "1e-7"),
            ("12345678901234567890", "12345678901234567000"),
            ("-9007199254740993", "-9007199254740992"),
            ("5e-324", "5e-324"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("0.1", "0.1"),
            ("333333333.33333329", "333333333.3333333"),
        ];
        for (text, canonical) in cases {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(&canonicalize(&value), canonical, "{text}");
        }
    }

    /// Most recorded valid records, as one line each, are settled by the scan (those with exponents
    /// in their metadata are left to serde_json), and give the text the slow way gives
    /// (tests/log.rs compares the two on many more lines).
    #[test]
    fn the_scan_settles_plain_records() {
        let cases: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/platform-recorded.json"))
                .unwrap();
        let mut scanner = Scanner::default();
        let mut text = String::new();
        let mut settled = 0;
        for case in cases.as_array().unwrap() {
            if case["schema"] != "record" || case["expected"]["success"] != true {
                continue;
            }
            let line = serde_json::to_string(&case["input"]).unwrap();
            match canonical_line(
                &mut scanner,
                &crate::rules::platform::RECORD,
                line.as_bytes(),
                &mut text,
            ) {
                CanonicalLine::Valid => settled += 1,
                // Exponents and escaped keys are left to serde_json (source::tape).
                CanonicalLine::Unsure => {
                    assert!(
                        line.contains("e+") || line.contains("e-") || line.contains("\\\\"),
                        "{line}"
                    );
                    continue;
                }
                CanonicalLine::Invalid => panic!("a valid record judged invalid: {line}"),
            }
            assert_eq!(
                text,
                crate::log::canonical_platform_record(&case["input"]).unwrap()
            );
        }
        assert!(settled > 100, "{settled}");
    }

    #[test]
    fn strings_keep_everything_but_quotes_backslashes_and_controls() {
        let value = json!("\"\\/\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}\u{2028}é😀");
        assert_eq!(
            canonicalize(&value),
            "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\u{7f}\u{2028}é😀\""
        );
    }

    #[test]
    fn every_object_schema_the_log_writes_has_its_key_order() {
        fn walk(schema: &'static ObjectSchema, seen: &mut Vec<&'static ObjectSchema>) {
            seen.push(schema);
            for field in schema.fields {
                if let Rule::Record(inner) | Rule::Array { items: inner } = field.rule {
                    walk(inner, seen);
                }
            }
        }
        let mut seen = Vec::new();
        walk(&entry::ENTRY, &mut seen);
        walk(&platform::RECORD, &mut seen);
        walk(&platform::RESOURCE, &mut seen);
        for schema in seen {
            let order = key_order(schema).expect("a schema without its key order");
            let names: Vec<&str> = order
                .iter()
                .map(|&i| schema.fields[usize::from(i)].name)
                .collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            assert_eq!(names, sorted);
        }
    }
}
