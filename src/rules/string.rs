//! `z.string()`, with its length limits and format.
//!
//! ```
//! use serde_json::json;
//! let entry = |timestamp| json!({ "id": "audit_1", "action": "read", "actor_id": "user_1",
//!     "resource_type": "report", "resource_id": "report_1", "timestamp": timestamp });
//! // `z.iso.datetime({ error: "Invalid timestamp" })`: the schema's message replaces Zod's.
//! let issues = auditlog::entry_issues(&entry(json!("2026-05-16")));
//! assert_eq!((issues[0].code.name(), issues[0].message.as_ref()), ("invalid_format", "Invalid timestamp"));
//! let issues = auditlog::entry_issues(&entry(json!(5)));
//! assert_eq!((issues[0].code.name(), issues[0].message.as_ref()), ("invalid_type", "Invalid timestamp"));
//! assert!(auditlog::entry_issues(&entry(json!("2026-05-16T18:30:00Z"))).is_empty());
//! ```
//!
//! A string is checked for its lengths, then its format; anything else gets `invalid_type` and is
//! still measured if it has a `length` (see [`super::length`]).

use alloc::vec::Vec;

use super::length;
use super::length::LengthReads;
use super::schema::{Format, Location, Reads, Shortcut, StringRule};
use crate::issues::{Expected, Issue, PathItem, push_issue};
use crate::messages;
use crate::value::{Text, Value};

/// What the rule reads: the text where a format or the length limits need it, else what the
/// limits need ([`length::reads`]), else the kind.
pub(crate) const fn reads(rule: &StringRule) -> Reads {
    match (rule.format.is_some(), length::reads(rule.limits)) {
        (false, LengthReads::Nothing) => Reads::Kind,
        (false, LengthReads::Utf16Length) => Reads::Utf16Length,
        (true, LengthReads::Nothing) => Reads::Text,
        (true, LengthReads::Utf16Length) | (_, LengthReads::CodePoints) => Reads::TextAndLength,
    }
}

/// The check a front end may run by itself: the length limits as bounds on UTF-16 units (a string
/// of n units has from ceil(n / 2) to n code points), and a datetime's pattern. None for an IP
/// address, which no regular expression of the glue's decides.
pub(crate) const fn shortcut(rule: &StringRule) -> Shortcut {
    let pattern = match rule.format {
        None => "",
        Some(Format::Datetime) => super::datetime::DATETIME_REGEX,
        Some(Format::IpOrEmpty) => return Shortcut::None,
    };
    let min_units = match rule.limits.min {
        Some((min, _)) => (2 * min as u64).saturating_sub(1),
        None => 0,
    };
    Shortcut::String {
        min_units: if min_units > u32::MAX as u64 {
            u32::MAX
        } else {
            min_units as u32
        },
        max_units: match rule.limits.max {
            Some(max) => max,
            None => u32::MAX,
        },
        pattern,
    }
}

/// The issues of `value` against `rule`, in Zod's order.
pub(crate) fn check(
    rule: &StringRule,
    value: &Value<'_>,
    at: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    // In Zod's order: a non-string's type, then the lengths (of anything with one), then a
    // string's format. One call of the length checks, not one per arm: they are inlined.
    let text = value.string_text();
    if text.is_none() {
        push_issue(
            issues,
            Issue::invalid_type(Expected::String, value, at.path(), rule.message),
        );
    }
    length::check(value, rule.limits, || at.path(), issues);
    if let (Some(text), Some(format)) = (text, rule.format)
        && !format_matches(format, text)
    {
        push_issue(issues, format_issue(format, rule.message, at.path()));
    }
}

/// Whether `text` has `format` (also read by the bulk paths' fast path, `crate::fastpath`).
pub(crate) fn format_matches(format: Format, text: Text<'_>) -> bool {
    match format {
        Format::Datetime => match text {
            #[cfg(ndjson)]
            Text::Utf8(s) => super::datetime::is_iso_datetime(s.as_bytes()),
            Text::Utf16(units) => super::datetime::is_iso_datetime(units),
            // A formatted string's text is always read (`reads`).
            Text::LengthOnly(_) => false,
        },
        Format::IpOrEmpty => text.is_empty() || is_ip_address(text),
    }
}

#[cfg(not(all(target_arch = "wasm32", feature = "open-types-only")))]
use super::ip::is_ip_address;

/// The browser's open-types module has no schema with an IP address (src/wasm/protocol.rs checks
/// so at compile time), so it leaves out the check, and its code, and fails closed.
#[cfg(all(target_arch = "wasm32", feature = "open-types-only"))]
fn is_ip_address(_: Text<'_>) -> bool {
    false
}

fn format_issue(format: Format, message: Option<&'static str>, path: Vec<PathItem>) -> Issue {
    match format {
        Format::Datetime => Issue::invalid_format(
            "datetime",
            Some(super::datetime::DATETIME_PATTERN),
            messages::INVALID_DATETIME,
            path,
            message,
        ),
        Format::IpOrEmpty => Issue::invalid_format("ip", None, messages::INVALID_IP, path, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issues::IssueCode;
    use crate::rules::length::LengthLimits;
    use crate::value::Kind;

    fn issues(rule: StringRule, value: Value<'_>) -> Vec<Issue> {
        let mut issues = Vec::new();
        check(&rule, &value, &Location::ROOT, &mut issues);
        issues
    }

    const TIMESTAMP: StringRule = StringRule {
        limits: LengthLimits::NONE,
        format: Some(Format::Datetime),
        message: Some("Invalid timestamp"),
    };

    #[test]
    fn a_schema_message_replaces_the_type_and_format_messages() {
        let wrong_type = issues(TIMESTAMP, Value::of_kind(Kind::Number));
        assert_eq!(wrong_type[0].message, "Invalid timestamp");
        let wrong_format = issues(TIMESTAMP, Value::string(Text::Utf8("2026-05-16")));
        assert_eq!(wrong_format[0].message, "Invalid timestamp");
        assert!(matches!(
            wrong_format[0].code,
            IssueCode::InvalidFormat {
                format: "datetime",
                pattern: Some(_),
                ..
            }
        ));
        assert!(issues(TIMESTAMP, Value::string(Text::Utf8("2026-05-16T18:30:00Z"))).is_empty());
    }

    #[test]
    fn a_non_string_with_a_length_is_both_the_wrong_type_and_measured() {
        let rule = StringRule {
            limits: LengthLimits {
                min: Some((1, Some("required"))),
                max: None,
            },
            ..StringRule::ANY
        };
        let empty_array = Value {
            length: Some(0.0),
            ..Value::of_kind(Kind::Array)
        };
        let codes: Vec<&str> = issues(rule, empty_array)
            .iter()
            .map(|i| i.code.name())
            .collect();
        assert_eq!(codes, ["invalid_type", "too_small"]);
    }

    #[test]
    fn the_empty_string_is_an_allowed_ip_address() {
        let ip = StringRule {
            format: Some(Format::IpOrEmpty),
            ..StringRule::ANY
        };
        assert!(issues(ip, Value::string(Text::Utf8(""))).is_empty());
        assert_eq!(
            issues(ip, Value::string(Text::Utf8("300.1.1.1")))[0].message,
            messages::INVALID_IP
        );
    }
}
