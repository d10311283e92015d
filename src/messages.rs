//! Every default message, by issue code, as Zod 4.6.7's English locale writes them (Zod keeps its
//! own in one table too: `v4/locales/en.ts`). A schema may replace one with its own (Zod's
//! `{ error }`): those live in the schema tables, next to the field they are about.
//!
//! Messages are `&'static str` wherever they can be, so the JS glue can cache them by address; only
//! a message naming something the input holds (a class name, an index) is built at run time.

use std::borrow::Cow;

use crate::value::{Kind, Value};

/// What an `invalid_type` issue expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    String,
    /// An object.
    Object,
    /// A record (a plain object).
    Record,
    /// An array.
    Array,
    /// A JSON value (in a JSON object field): reported as `expected: "json"`.
    Json,
}

impl Expected {
    /// The issue's `expected` field.
    pub const fn name(self) -> &'static str {
        match self {
            Expected::String => "string",
            Expected::Object => "object",
            Expected::Record => "record",
            Expected::Array => "array",
            Expected::Json => "json",
        }
    }
}

/// `invalid_type`: `Invalid input: expected {expected}, received {type}`.
pub fn invalid_type(expected: Expected, value: &Value<'_>) -> Cow<'static, str> {
    macro_rules! received {
        ($expected:literal) => {
            match value.kind {
                Kind::Undefined => concat!(
                    "Invalid input: expected ",
                    $expected,
                    ", received undefined"
                ),
                Kind::Null => concat!("Invalid input: expected ", $expected, ", received null"),
                Kind::Boolean => {
                    concat!("Invalid input: expected ", $expected, ", received boolean")
                }
                Kind::Number => concat!("Invalid input: expected ", $expected, ", received number"),
                Kind::NaN => concat!("Invalid input: expected ", $expected, ", received NaN"),
                Kind::Infinity => {
                    concat!("Invalid input: expected ", $expected, ", received Infinity")
                }
                Kind::NegInfinity => concat!(
                    "Invalid input: expected ",
                    $expected,
                    ", received -Infinity"
                ),
                Kind::BigInt => concat!("Invalid input: expected ", $expected, ", received bigint"),
                Kind::Symbol => concat!("Invalid input: expected ", $expected, ", received symbol"),
                Kind::Function => {
                    concat!("Invalid input: expected ", $expected, ", received function")
                }
                Kind::String => concat!("Invalid input: expected ", $expected, ", received string"),
                Kind::Array => concat!("Invalid input: expected ", $expected, ", received array"),
                Kind::Object => match value.type_name() {
                    // An instance of a named class: the only message built at run time.
                    Some(name) => {
                        let received =
                            concat!("Invalid input: expected ", $expected, ", received ");
                        return Cow::Owned(joined(&[received, &name.to_string_lossy()]));
                    }
                    None => concat!("Invalid input: expected ", $expected, ", received object"),
                },
            }
        };
    }
    Cow::Borrowed(match expected {
        Expected::String => received!("string"),
        Expected::Object => received!("object"),
        Expected::Record => received!("record"),
        Expected::Array => received!("array"),
        Expected::Json => received!("JSON value"),
    })
}

/// `invalid_type` for a JSON value that contains itself.
pub const CIRCULAR_JSON: &str = "Invalid input: expected JSON value, received a circular reference";

/// `too_small` and `too_big`: `Too small: expected string to have >=1 characters`,
/// `Too big: expected array to have <=256 items`, `Too small: expected unknown to be >=1`.
pub fn size(origin: &str, too_big: bool, limit: u32) -> Cow<'static, str> {
    let (head, relation) = if too_big {
        ("Too big", "<=")
    } else {
        ("Too small", ">=")
    };
    let (what, unit) = match origin {
        "string" => ("string to have ", " characters"),
        "array" => ("array to have ", " items"),
        _ => (origin, ""),
    };
    let be = if unit.is_empty() { " to be " } else { "" };
    let mut message = joined(&[head, ": expected ", what, be, relation]);
    push_number(&mut message, limit);
    message += unit;
    Cow::Owned(message)
}

/// `too_big` for JSON that nests deeper than the rules read.
pub const JSON_TOO_DEEP: &str = "Too big: expected JSON to nest at most 100 levels";

/// `invalid_value` for an enum of these string literals: `Invalid option: expected one of
/// "a"|"b"`, or, for one value, `Invalid input: expected "a"`. A macro, so that each of the model's
/// closed lists has its message as one literal (`wire_enum!` in `src/model/mod.rs`): no code to
/// build it in the module, and the glue caches it by address.
#[macro_export]
#[doc(hidden)]
macro_rules! invalid_value_message {
    ($only:literal) => {
        concat!("Invalid input: expected \"", $only, "\"")
    };
    ($first:literal $(, $rest:literal)+) => {
        concat!("Invalid option: expected one of \"", $first, "\"", $("|\"", $rest, "\"",)+)
    };
}

/// `invalid_format` for `z.iso.datetime()`.
pub const INVALID_DATETIME: &str = "Invalid ISO datetime";

/// `invalid_format` for an IP address (`z.union([z.ipv4(), z.ipv6()])` would say the same).
pub const INVALID_IP: &str = "Invalid IPv4 or IPv6 address";

/// `invalid_key`: a record key failed the key schema.
pub const INVALID_KEY: &str = "Invalid key in record";

/// `missing_resource`: the platform record's event acts on a resource type the record does not name.
pub fn missing_resource(event: &str, resource_type: &str) -> Cow<'static, str> {
    Cow::Owned(joined(&[
        "Event \"",
        event,
        "\" needs a resource of type \"",
        resource_type,
        "\"",
    ]))
}

/// `duplicate_resource_id`: another resource, at index `first`, has the same id.
pub fn duplicate_resource_id(first: u32) -> Cow<'static, str> {
    let mut message = String::from("Resource ids must be unique: resources[");
    push_number(&mut message, first);
    message += "] has the same id";
    Cow::Owned(message)
}

// Messages are put together by hand, not with `format!`: the formatting machinery would weigh more
// in the browser's module than these few lines.

/// `parts`, one after the other.
fn joined(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        out += part;
    }
    out
}

/// A whole number's digits.
pub(crate) fn push_number(out: &mut String, n: u32) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `invalid_json`: a line of NDJSON (or a request body) that is not JSON, with the parser's message.
pub const INVALID_JSON_PREFIX: &str = "Invalid JSON: ";

/// `custom`, where the crate itself is wrong: the rules accepted a value its Rust type cannot hold.
pub const INTERNAL: &str = "auditlog: the rules accepted this value but its Rust type cannot hold it (a bug: please report it)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_messages_are_zods() {
        assert_eq!(
            invalid_value_message!("only"),
            "Invalid input: expected \"only\""
        );
        assert_eq!(
            invalid_value_message!("create", "read"),
            "Invalid option: expected one of \"create\"|\"read\""
        );
    }

    #[test]
    fn size_messages_name_what_was_measured() {
        assert_eq!(
            size("string", false, 1),
            "Too small: expected string to have >=1 characters"
        );
        assert_eq!(
            size("array", true, 256),
            "Too big: expected array to have <=256 items"
        );
        assert_eq!(
            size("unknown", false, 1),
            "Too small: expected unknown to be >=1"
        );
    }

    #[test]
    fn invalid_type_names_the_class_of_an_instance() {
        use crate::value::Text;
        let units: Vec<u16> = "Date".encode_utf16().collect();
        let date = Value {
            text: Some(Text::Utf16(&units)),
            ..Value::of_kind(Kind::Object)
        };
        assert_eq!(
            invalid_type(Expected::String, &date),
            "Invalid input: expected string, received Date"
        );
        assert_eq!(
            invalid_type(Expected::Json, &Value::of_kind(Kind::NaN)),
            "Invalid input: expected JSON value, received NaN"
        );
    }
}
