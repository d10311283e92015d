//! The rules: which values each schema accepts and which issues it reports otherwise, decided here
//! once for the native API and the wasm package alike.

pub mod datetime;
pub mod entry;

use std::borrow::Cow;

use crate::input::{Kind, Value};
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
                Kind::Object => match value.type_name {
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
    })
}

/// The types an `invalid_type` issue can expect in these schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    String,
    Object,
    Record,
}

impl Expected {
    fn name(self) -> &'static str {
        match self {
            Expected::String => "string",
            Expected::Object => "object",
            Expected::Record => "record",
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
