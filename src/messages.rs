//! Every issue is made here, one constructor per code, each with its default message as Zod
//! 4.6.7's English locale writes it (Zod keeps its own in one table too: `v4/locales/en.ts`). A
//! schema may replace one with its own (Zod's `{ error }`): those live in the schema tables, next to
//! the field they are about, and come in as `custom`.
//!
//! Messages are `&'static str` wherever they can be, so the JS glue can cache them by address; only
//! a message naming something the input holds (a class name, an index) is built for its issue
//! alone. (The browser modules build their `invalid_type` messages once and keep them: still
//! `&'static str`.)

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::issues::{Expected, Issue, IssueCode, Origin, PathItem};
use crate::value::Value;

impl Issue {
    /// `invalid_type`: the value is not what the schema expected.
    pub(crate) fn invalid_type(
        expected: Expected,
        value: &Value<'_>,
        path: Vec<PathItem>,
        custom: Option<&'static str>,
    ) -> Issue {
        Issue {
            code: IssueCode::InvalidType { expected },
            path,
            message: custom.map_or_else(|| invalid_type(expected, value), Cow::Borrowed),
        }
    }

    /// `invalid_type` for a JSON value that is one of its own ancestors.
    pub(crate) fn circular_json(path: Vec<PathItem>) -> Issue {
        Issue {
            code: IssueCode::InvalidType {
                expected: Expected::Json,
            },
            path,
            message: Cow::Borrowed(CIRCULAR_JSON),
        }
    }

    /// `too_small`: fewer characters or items than `minimum`.
    pub(crate) fn too_small(
        origin: Origin,
        minimum: u32,
        path: Vec<PathItem>,
        custom: Option<&'static str>,
    ) -> Issue {
        Issue {
            code: IssueCode::TooSmall {
                origin,
                minimum,
                inclusive: true,
            },
            path,
            message: custom.map_or_else(|| size(origin, false, minimum), Cow::Borrowed),
        }
    }

    /// `too_big`: more characters, items or (for JSON) levels of nesting than `maximum`.
    pub(crate) fn too_big(origin: Origin, maximum: u32, path: Vec<PathItem>) -> Issue {
        Issue {
            code: IssueCode::TooBig {
                origin,
                maximum,
                inclusive: true,
            },
            path,
            message: size(origin, true, maximum),
        }
    }

    /// `invalid_value`: not one of `values`; `message` is the list's own, built with
    /// [`invalid_value_message!`](crate::invalid_value_message) when the list is declared (the
    /// browser's module with every schema makes it here instead: [`one_of`]).
    pub(crate) fn invalid_value(
        values: &'static [&'static str],
        #[cfg(not(made_enum_messages))] message: &'static str,
        path: Vec<PathItem>,
    ) -> Issue {
        #[cfg(made_enum_messages)]
        let message = Cow::Owned(one_of(values));
        #[cfg(not(made_enum_messages))]
        let message = Cow::Borrowed(message);
        Issue {
            code: IssueCode::InvalidValue { values },
            path,
            message,
        }
    }

    /// `invalid_format` for a string: `format` is Zod's name for it, `pattern` its regular
    /// expression where it has one.
    pub(crate) fn invalid_format(
        format: &'static str,
        pattern: Option<&'static str>,
        default: &'static str,
        path: Vec<PathItem>,
        custom: Option<&'static str>,
    ) -> Issue {
        Issue {
            code: IssueCode::InvalidFormat {
                origin: Origin::String,
                format,
                pattern,
            },
            path,
            message: Cow::Borrowed(custom.unwrap_or(default)),
        }
    }

    /// `invalid_key` for a record key that failed the key schema, for these reasons.
    pub(crate) fn invalid_key(issues: Vec<Issue>, path: Vec<PathItem>) -> Issue {
        Issue {
            code: IssueCode::InvalidKey {
                origin: Origin::Record,
                issues,
            },
            path,
            message: Cow::Borrowed(INVALID_KEY),
        }
    }

    /// `missing_resource`: the platform record's event acts on a resource type it does not name.
    pub(crate) fn missing_resource(
        event: &'static str,
        resource_type: &'static str,
        path: Vec<PathItem>,
    ) -> Issue {
        Issue {
            code: IssueCode::MissingResource {
                event,
                resource_type,
            },
            path,
            message: Cow::Owned(joined(&[
                "Event \"",
                event,
                "\" needs a resource of type \"",
                resource_type,
                "\"",
            ])),
        }
    }

    /// `duplicate_resource_id`: another resource, at index `first`, has the same id.
    pub(crate) fn duplicate_resource_id(first: u32, path: Vec<PathItem>) -> Issue {
        let mut message = joined(&["Resource ids must be unique: resources["]);
        push_number(&mut message, first);
        message += "] has the same id";
        Issue {
            code: IssueCode::DuplicateResourceId { first },
            path,
            message: Cow::Owned(message),
        }
    }

    /// `invalid_json`: text that is not JSON (a line of NDJSON, a request body), with the
    /// parser's message.
    pub fn invalid_json(parser_message: &str) -> Issue {
        Issue {
            code: IssueCode::InvalidJson,
            path: Vec::new(),
            message: Cow::Owned(joined(&[INVALID_JSON_PREFIX, parser_message])),
        }
    }

    /// `custom`, where the crate itself is wrong: the rules accepted a value its Rust type cannot
    /// hold.
    #[cfg(feature = "std")]
    pub(crate) fn internal() -> Issue {
        Issue {
            code: IssueCode::Custom,
            path: Vec::new(),
            message: Cow::Borrowed(INTERNAL),
        }
    }
}

/// `invalid_type`: `Invalid input: expected {expected}, received {type}`.
fn invalid_type(expected: Expected, value: &Value<'_>) -> Cow<'static, str> {
    // An instance of a named class: the only one built for its issue alone.
    if let Some(name) = value.type_name() {
        return Cow::Owned(joined(&[
            received_prefix(expected),
            &name.to_string_lossy(),
        ]));
    }
    by_kind(expected, value.kind as usize)
}

/// The `invalid_type` message for a value of kind number `kind`: from tables of literals, indexed
/// by the kind rather than matched on it (a match compiles to a branch per message, several times
/// the code).
#[cfg(not(browser_module))]
fn by_kind(expected: Expected, kind: usize) -> Cow<'static, str> {
    let messages = match expected {
        Expected::String => &kind_names!(messages_for, "string"),
        Expected::Object => &kind_names!(messages_for, "object"),
        Expected::Record => &kind_names!(messages_for, "record"),
        Expected::Array => &kind_names!(messages_for, "array"),
        Expected::Json => &kind_names!(messages_for, "JSON value"),
    };
    // Every kind has its message (the table has one per kind); the fallback is never taken.
    Cow::Borrowed(messages.get(kind).copied().unwrap_or(""))
}

/// The browser's modules make the same message on first use and keep it for good, so it stays a
/// `&'static str` that the glue caches by address: the tables of literals are 2 KB of a module a
/// page downloads.
#[cfg(browser_module)]
fn by_kind(expected: Expected, kind: usize) -> Cow<'static, str> {
    const KINDS: usize = RECEIVED.len();
    // One message for each of the five `Expected`s and each kind; a slot past them (were one
    // added) would make its message each time, still right.
    static MADE: spin::Mutex<[Option<&'static str>; 5 * KINDS]> =
        spin::Mutex::new([None; 5 * KINDS]);
    let Some(received) = RECEIVED.get(kind) else {
        return Cow::Borrowed("");
    };
    let make = || joined(&[received_prefix(expected), received]);
    // The module runs on one thread and never calls back in while making a message, so the lock
    // is always free; were it not, the message is made for this issue alone.
    match MADE.try_lock() {
        Some(mut made) => match made.get_mut(expected as usize * KINDS + kind) {
            Some(entry) => Cow::Borrowed(*entry.get_or_insert_with(|| make().leak())),
            None => Cow::Owned(make()),
        },
        None => Cow::Owned(make()),
    }
}

/// What a value of each kind is called in `invalid_type` messages, by kind number.
#[cfg(browser_module)]
const RECEIVED: [&str; 13] = kind_names!(names);

/// `Invalid input: expected {expected}, received `.
fn received_prefix(expected: Expected) -> &'static str {
    match expected {
        Expected::String => received!("string", ""),
        Expected::Object => received!("object", ""),
        Expected::Record => received!("record", ""),
        Expected::Array => received!("array", ""),
        Expected::Json => received!("JSON value", ""),
    }
}

/// `Invalid input: expected {expected}, received {received}`, as one literal.
macro_rules! received {
    ($expected:literal, $received:literal) => {
        concat!(
            "Invalid input: expected ",
            $expected,
            ", received ",
            $received
        )
    };
}
use received;

/// Hands `$then!` (after `$args`) the name of each [`Kind`](crate::value::Kind) in `invalid_type`
/// messages, as literals in the order of their numbers: the one list the std builds' tables and the
/// browser modules' `RECEIVED` are made from.
macro_rules! kind_names {
    ($then:ident $(, $args:literal)*) => {
        $then!($($args,)* "undefined", "null", "boolean", "number", "NaN", "Infinity", "-Infinity",
            "bigint", "symbol", "function", "string", "array", "object")
    };
}
use kind_names;

/// The literals it is given, as an array.
#[cfg(browser_module)]
macro_rules! names {
    ($($name:literal),*) => {
        [$($name),*]
    };
}
#[cfg(browser_module)]
use names;

/// The `invalid_type` messages for `$expected`, one per kind name after it (see [`kind_names`]).
#[cfg(not(browser_module))]
macro_rules! messages_for {
    ($expected:literal, $($name:literal),*) => {
        [$(received!($expected, $name)),*]
    };
}
#[cfg(not(browser_module))]
use messages_for;

/// `invalid_type` for a JSON value that contains itself.
const CIRCULAR_JSON: &str = "Invalid input: expected JSON value, received a circular reference";

/// `too_small` and `too_big`: `Too small: expected string to have >=1 characters`,
/// `Too big: expected array to have <=256 items`, `Too small: expected unknown to be >=1`, and for
/// JSON `Too big: expected JSON to nest at most 100 levels`.
fn size(origin: Origin, too_big: bool, limit: u32) -> Cow<'static, str> {
    let (head, relation) = if too_big {
        ("Too big", "<=")
    } else {
        ("Too small", ">=")
    };
    let (what, unit) = match origin {
        Origin::String => ("string to have ", " characters"),
        Origin::Array => ("array to have ", " items"),
        // Only a maximum is set on nesting.
        Origin::Json => {
            let mut message = joined(&[head, ": expected JSON to nest at most "]);
            push_number(&mut message, limit);
            message += " levels";
            return Cow::Owned(message);
        }
        Origin::Unknown | Origin::Record => (origin.name(), ""),
    };
    let be = if unit.is_empty() { " to be " } else { "" };
    let mut message = joined(&[head, ": expected ", what, be, relation]);
    push_number(&mut message, limit);
    message += unit;
    Cow::Owned(message)
}

/// `invalid_value` for an enum of these string literals: `Invalid option: expected one of
/// "a"|"b"`, or, for one value, `Invalid input: expected "a"`. A macro, so that each of the model's
/// closed lists has its message as one literal (`wire_enum!` in `src/model/mod.rs`): no code to
/// build it in the module, and the glue caches it by address. The browser's module with every
/// schema makes it instead ([`one_of`]), as a new string for each issue.
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

/// The `invalid_value` message of a list, as [`invalid_value_message!`] writes it, made for its
/// issue by the browser's module with every schema (`cfg(made_enum_messages)`, build.rs): from the
/// names the module holds anyway, instead of a literal per list that repeats them (0.18 KB gzip of
/// that module, measured; the open-types module's one short list is cheaper as its literal).
#[cfg(any(made_enum_messages, test))]
fn one_of(values: &'static [&'static str]) -> String {
    let mut message = String::new();
    let mut before = match values {
        [_] => "Invalid input: expected \"",
        _ => "Invalid option: expected one of \"",
    };
    for value in values {
        message += before;
        message += value;
        before = "\"|\"";
    }
    message += "\"";
    message
}

/// `invalid_format` for `z.iso.datetime()`.
pub const INVALID_DATETIME: &str = "Invalid ISO datetime";

/// `invalid_format` for an IP address (`z.union([z.ipv4(), z.ipv6()])` would say the same).
pub const INVALID_IP: &str = "Invalid IPv4 or IPv6 address";

/// `invalid_key`: a record key failed the key schema.
const INVALID_KEY: &str = "Invalid key in record";

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
    use crate::value::Kind;

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
    fn made_enum_messages_are_the_literals() {
        use crate::model::{AuditLogAction, PlatformActor, PlatformEvent, PlatformResourceType};
        for (values, literal) in [
            (AuditLogAction::NAMES, AuditLogAction::INVALID_MESSAGE),
            (PlatformEvent::NAMES, PlatformEvent::INVALID_MESSAGE),
            (PlatformActor::NAMES, PlatformActor::INVALID_MESSAGE),
            (
                PlatformResourceType::NAMES,
                PlatformResourceType::INVALID_MESSAGE,
            ),
            (&["only"], invalid_value_message!("only")),
        ] {
            assert_eq!(one_of(values), literal);
        }
    }

    #[test]
    fn size_messages_name_what_was_measured() {
        assert_eq!(
            size(Origin::String, false, 1),
            "Too small: expected string to have >=1 characters"
        );
        assert_eq!(
            size(Origin::Array, true, 256),
            "Too big: expected array to have <=256 items"
        );
        assert_eq!(
            size(Origin::Unknown, false, 1),
            "Too small: expected unknown to be >=1"
        );
        assert_eq!(
            size(Origin::Json, true, 100),
            "Too big: expected JSON to nest at most 100 levels"
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

    #[test]
    fn invalid_type_names_every_kind_as_zod_does() {
        let zod_name = |kind| match kind {
            Kind::Undefined => "undefined",
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Number => "number",
            Kind::NaN => "NaN",
            Kind::Infinity => "Infinity",
            Kind::NegInfinity => "-Infinity",
            Kind::BigInt => "bigint",
            Kind::Symbol => "symbol",
            Kind::Function => "function",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        };
        for (expected, name) in [
            (Expected::String, "string"),
            (Expected::Object, "object"),
            (Expected::Record, "record"),
            (Expected::Array, "array"),
            (Expected::Json, "JSON value"),
        ] {
            for kind in Kind::ALL {
                assert_eq!(
                    invalid_type(expected, &Value::of_kind(kind)),
                    format!(
                        "Invalid input: expected {name}, received {}",
                        zod_name(kind)
                    )
                );
            }
        }
    }
}
