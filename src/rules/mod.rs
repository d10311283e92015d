//! The rules: which values each schema accepts and which issues it reports otherwise, decided here
//! once for the native API and the wasm package alike.

pub mod datetime;
pub mod entry;
mod ip;
pub mod platform;
pub mod schema;

use std::borrow::Cow;

use crate::input::{Kind, Source, Value};
use crate::issues::{Issue, IssueCode, PathItem};

/// Zod's `invalid_type` message, `Invalid input: expected {expected}, received {type}`.
///
/// The common cases are static strings (no allocation, and the JS glue caches them by address);
/// only an instance of a named class needs a message built at run time.
pub(crate) fn invalid_type_message(expected: Expected, value: &Value<'_>) -> Cow<'static, str> {
    macro_rules! table {
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
                    Some(name) => {
                        return Cow::Owned(format!(
                            concat!("Invalid input: expected ", $expected, ", received {}"),
                            name.to_string_lossy()
                        ));
                    }
                    None => concat!("Invalid input: expected ", $expected, ", received object"),
                },
            }
        };
    }
    Cow::Borrowed(match expected {
        Expected::String => table!("string"),
        Expected::Object => table!("object"),
        Expected::Record => table!("record"),
        Expected::Array => table!("array"),
        Expected::Json => table!("JSON value"),
    })
}

/// The types an `invalid_type` issue can expect in these schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    String,
    Object,
    Record,
    Array,
    /// A JSON value (in a JSON object field): reported as `expected: "json"`.
    Json,
}

impl Expected {
    fn name(self) -> &'static str {
        match self {
            Expected::String => "string",
            Expected::Object => "object",
            Expected::Record => "record",
            Expected::Array => "array",
            Expected::Json => "json",
        }
    }
}

/// An `invalid_type` issue at `path`, with Zod's message unless the schema gives its own.
pub(crate) fn invalid_type(
    expected: Expected,
    value: &Value<'_>,
    path: Vec<PathItem>,
    custom_message: Option<&'static str>,
) -> Issue {
    Issue {
        code: IssueCode::InvalidType {
            expected: expected.name(),
        },
        path,
        message: custom_message
            .map_or_else(|| invalid_type_message(expected, value), Cow::Borrowed),
    }
}

/// Zod's `getLengthableOrigin`: what a length check calls the value it measured.
pub(crate) fn lengthable_origin(kind: Kind) -> &'static str {
    match kind {
        Kind::Array => "array",
        Kind::String => "string",
        _ => "unknown",
    }
}

/// Zod's `.min(n)` / `.max(n)` on a string or array schema. They run on any non-nullish value that
/// has a `length`, after the type check, whether or not that passed (Zod's `when`): `id: []` is both
/// "expected string" and "too small".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthLimits {
    /// The minimum, and the schema's own message for it if it has one.
    pub min: Option<(u32, Option<&'static str>)>,
    pub max: Option<u32>,
}

/// The length Zod's checks compare: a string's code points, else `Number(value.length)`.
fn measured_length(value: &Value<'_>) -> Option<f64> {
    match (value.kind, value.string_text()) {
        (Kind::String, Some(text)) => Some(text.code_points() as f64),
        (Kind::Undefined | Kind::Null, _) => None,
        _ => value.length,
    }
}

/// The `too_small` and `too_big` issues of `limits` for `value`, in Zod's order (min first).
pub(crate) fn check_lengths(
    value: &Value<'_>,
    limits: LengthLimits,
    path: impl Fn() -> Vec<PathItem>,
    issues: &mut Vec<Issue>,
) {
    let Some(length) = measured_length(value) else {
        return;
    };
    let origin = lengthable_origin(value.kind);
    // Compared as JavaScript does: any comparison with NaN is false, so NaN fails both checks.
    if let Some((minimum, message)) = limits.min
        && !matches!(
            length.partial_cmp(&f64::from(minimum)),
            Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
        )
    {
        issues.push(Issue {
            code: IssueCode::TooSmall {
                origin,
                minimum,
                inclusive: true,
            },
            path: path(),
            message: message.map_or_else(
                || size_message(origin, "Too small", ">=", minimum),
                Cow::Borrowed,
            ),
        });
    }
    if let Some(maximum) = limits.max
        && !matches!(
            length.partial_cmp(&f64::from(maximum)),
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
        )
    {
        issues.push(Issue {
            code: IssueCode::TooBig {
                origin,
                maximum,
                inclusive: true,
            },
            path: path(),
            message: size_message(origin, "Too big", "<=", maximum),
        });
    }
}

/// Zod's default size messages: `Too small: expected string to have >=1 characters`,
/// `Too big: expected array to have <=256 items`, `Too small: expected unknown to be >=1`.
fn size_message(origin: &str, head: &str, relation: &str, limit: u32) -> Cow<'static, str> {
    let text = match origin {
        "string" => format!("{head}: expected string to have {relation}{limit} characters"),
        "array" => format!("{head}: expected array to have {relation}{limit} items"),
        _ => format!("{head}: expected {origin} to be {relation}{limit}"),
    };
    Cow::Owned(text)
}

/// A schema that input is checked against at the top: an object schema, or a single value's rule.
#[derive(Debug, Clone, Copy)]
pub enum Root {
    Object(&'static schema::ObjectSchema),
    Value(schema::Rule),
}

/// Every schema the JS glue can ask for, by number: the package's five schemas.
pub fn root(id: u32) -> Option<Root> {
    match id {
        0 => Some(Root::Object(&entry::ENTRY)),
        1 => Some(Root::Object(&entry::CHANGE)),
        2 => Some(Root::Value(entry::ACTION)),
        3 => Some(Root::Object(&platform::RECORD)),
        4 => Some(Root::Object(&platform::RESOURCE)),
        _ => None,
    }
}

/// The issues of the input at hand against `root`, in Zod's order; empty when valid. `None` if the
/// input cannot be read (malformed facts).
pub fn check<'a>(root: Root, source: &mut dyn Source<'a>) -> Option<Vec<Issue>> {
    let mut issues = Vec::new();
    let at = schema::Location::ROOT;
    match root {
        Root::Object(schema) => {
            schema::check_object(schema, source, &at, &mut issues, false)?;
        }
        Root::Value(rule) => {
            schema::check_rule(&rule, source, &at, &mut issues, false)?;
        }
    }
    Some(issues)
}
