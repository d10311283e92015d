//! `.min(n)` / `.max(n)` on a string or an array: `too_small` and `too_big`.
//!
//! ```
//! use serde_json::json;
//! // `id: z.string().min(1, { error: "Audit log ID is required" })` in the entry schema.
//! let entry = json!({ "id": "", "action": "read", "actor_id": "user_1",
//!     "resource_type": "report", "resource_id": "report_1", "timestamp": "2026-05-16T18:30:00Z" });
//! assert_eq!(
//!     serde_json::to_value(auditlog::entry_issues(&entry)).unwrap(),
//!     json!([{ "origin": "string", "code": "too_small", "minimum": 1, "inclusive": true,
//!              "path": ["id"], "message": "Audit log ID is required" }])
//! );
//! // An array is measured too, after its invalid_type.
//! let codes: Vec<_> = auditlog::entry_issues(&json!({ "id": [] })).iter().take(2).map(|i| i.code.name()).collect();
//! assert_eq!(codes, ["invalid_type", "too_small"]);
//! ```
//!
//! Zod runs these checks on any non-nullish value that has a `length`, after the type check, whether
//! or not that passed (its `when`): `id: []` is both "expected string" and "too small". A string is
//! measured in code points, anything else by `Number(value.length)`.

use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::issues::{Issue, Origin, PathItem, push_issue};
use crate::value::{Kind, Value};

/// The limits of a length check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthLimits {
    /// The minimum, and the schema's own message for it if it has one.
    pub min: Option<(u32, Option<&'static str>)>,
    /// The maximum.
    pub max: Option<u32>,
}

impl LengthLimits {
    /// No limit.
    pub const NONE: LengthLimits = LengthLimits {
        min: None,
        max: None,
    };
}

/// What the length checks read of a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthReads {
    /// Nothing: there is no limit.
    Nothing,
    /// Its UTF-16 length: enough where the answer is the same in code points.
    Utf16Length,
    /// Its text, whose code points are counted.
    CodePoints,
}

/// What `limits` read of a string. Its UTF-16 length decides only a minimum of at most 1 with no
/// maximum: a string has at least one code point exactly when it has at least one unit, while
/// `"😀"` is 2 units and 1 code point, so any other limit counts code points in the text.
pub const fn reads(limits: LengthLimits) -> LengthReads {
    match (limits.min, limits.max) {
        (None, None) => LengthReads::Nothing,
        (Some((0 | 1, _)), None) => LengthReads::Utf16Length,
        _ => LengthReads::CodePoints,
    }
}

/// The length Zod's checks compare: a string's code points, else `Number(value.length)`. A
/// string's are counted up to `enough` only: past it, no limit's answer changes.
fn measured_length(value: &Value<'_>, enough: usize) -> Option<f64> {
    match (value.kind, value.string_text()) {
        (Kind::String, Some(text)) => Some(text.code_points_up_to(enough) as f64),
        (Kind::Undefined | Kind::Null, _) => None,
        _ => value.length,
    }
}

/// The `too_small` and `too_big` issues of `limits` for `value`, in Zod's order (min first).
pub(crate) fn check(
    value: &Value<'_>,
    limits: LengthLimits,
    path: impl Fn() -> Vec<PathItem>,
    issues: &mut Vec<Issue>,
) {
    if limits.min.is_none() && limits.max.is_none() {
        return;
    }
    // A string's count can stop past both limits: at `max + 1`, or at `min`.
    let enough = limits.min.map_or(0, |(min, _)| min as usize);
    let enough = limits
        .max
        .map_or(enough, |max| enough.max((max as usize).saturating_add(1)));
    let Some(length) = measured_length(value, enough) else {
        return;
    };
    let origin = Origin::of_length(value.kind);
    // Compared as JavaScript does: any comparison with NaN is false, so NaN fails both checks.
    let compared = |limit: u32| length.partial_cmp(&f64::from(limit));
    if let Some((minimum, message)) = limits.min
        && !matches!(compared(minimum), Some(Ordering::Greater | Ordering::Equal))
    {
        push_issue(issues, Issue::too_small(origin, minimum, path(), message));
    }
    if let Some(maximum) = limits.max
        && !matches!(compared(maximum), Some(Ordering::Less | Ordering::Equal))
    {
        push_issue(issues, Issue::too_big(origin, maximum, path()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issues::IssueCode;
    use crate::value::Text;

    fn issues_of(value: Value<'_>, limits: LengthLimits) -> Vec<IssueCode> {
        let mut issues = Vec::new();
        check(&value, limits, Vec::new, &mut issues);
        issues.into_iter().map(|issue| issue.code).collect()
    }

    const ONE_TO_TWO: LengthLimits = LengthLimits {
        min: Some((1, None)),
        max: Some(2),
    };

    #[test]
    fn strings_are_measured_in_code_points() {
        assert!(issues_of(Value::string(Text::Utf8("😀😀")), ONE_TO_TWO).is_empty());
        let too_big = IssueCode::TooBig {
            origin: Origin::String,
            maximum: 2,
            inclusive: true,
        };
        assert_eq!(
            issues_of(Value::string(Text::Utf8("abc")), ONE_TO_TWO),
            std::slice::from_ref(&too_big)
        );
        // Counted only as far as the limits need, on either side of each limit.
        let units: Vec<u16> = "a😀bcd".encode_utf16().collect();
        for (text, small, big) in [
            ("", true, false),
            ("é", false, false),
            ("😀é", false, false),
            ("abc", false, true),
            ("a😀bcd", false, true),
        ] {
            let expected: Vec<IssueCode> = [
                small.then_some(IssueCode::TooSmall {
                    origin: Origin::String,
                    minimum: 1,
                    inclusive: true,
                }),
                big.then(|| too_big.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            assert_eq!(
                issues_of(Value::string(Text::Utf8(text)), ONE_TO_TWO),
                expected,
                "{text:?}"
            );
        }
        assert_eq!(
            issues_of(Value::string(Text::Utf16(&units)), ONE_TO_TWO),
            [too_big]
        );
        let at_least_three = LengthLimits {
            min: Some((3, None)),
            max: None,
        };
        assert!(issues_of(Value::string(Text::Utf8("a😀b")), at_least_three).is_empty());
        assert_eq!(
            issues_of(Value::string(Text::Utf8("a😀")), at_least_three).len(),
            1
        );
        assert!(issues_of(Value::string(Text::Utf8("")), LengthLimits::NONE).is_empty());
        // `.min(0)` still fails a non-string whose length is negative or NaN, as Zod's does.
        let at_least_zero = LengthLimits {
            min: Some((0, None)),
            max: None,
        };
        let negative = Value {
            length: Some(-1.0),
            ..Value::of_kind(Kind::Object)
        };
        assert_eq!(issues_of(negative, at_least_zero).len(), 1);
        assert!(issues_of(Value::string(Text::Utf8("")), at_least_zero).is_empty());
        let at_most_all = LengthLimits {
            min: None,
            max: Some(u32::MAX),
        };
        assert!(issues_of(Value::string(Text::Utf8("abc")), at_most_all).is_empty());
    }

    #[test]
    fn anything_with_a_length_is_measured_and_nan_fails_both_limits() {
        let array = Value {
            length: Some(0.0),
            ..Value::of_kind(Kind::Array)
        };
        assert_eq!(
            issues_of(array, ONE_TO_TWO),
            [IssueCode::TooSmall {
                origin: Origin::Array,
                minimum: 1,
                inclusive: true
            }]
        );
        let nan = Value {
            length: Some(f64::NAN),
            ..Value::of_kind(Kind::Object)
        };
        assert_eq!(issues_of(nan, ONE_TO_TWO).len(), 2);
        assert!(issues_of(Value::of_kind(Kind::Null), ONE_TO_TWO).is_empty());
        assert!(
            issues_of(Value::of_kind(Kind::Number), ONE_TO_TWO).is_empty(),
            "no length, no check"
        );
    }
}
