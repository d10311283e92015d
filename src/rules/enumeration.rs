//! `z.enum([...])`: the value is one of a closed list of strings.
//!
//! ```
//! use serde_json::json;
//! assert_eq!(
//!     serde_json::to_value(auditlog::parse_action(&json!("remove")).unwrap_err().issues).unwrap(),
//!     json!([{ "code": "invalid_value", "values": ["create", "read", "update", "delete"], "path": [],
//!              "message": "Invalid option: expected one of \"create\"|\"read\"|\"update\"|\"delete\"" }])
//! );
//! ```

use alloc::vec::Vec;

use super::schema::{Location, Reads};
use crate::issues::{Issue, push_issue};
use crate::value::Value;

/// What the rule reads: a string's text (anything else is not one of the values).
pub(crate) const READS: Reads = Reads::Text;

/// The `invalid_value` issue of `value` if it is not one of `values`.
pub(crate) fn check(
    values: &'static [&'static str],
    #[cfg(not(made_enum_messages))] message: &'static str,
    value: &Value<'_>,
    at: &Location<'_, '_>,
    issues: &mut Vec<Issue>,
) {
    if !is_one_of(value, values) {
        #[cfg(not(made_enum_messages))]
        push_issue(issues, Issue::invalid_value(values, message, at.path()));
        #[cfg(made_enum_messages)]
        push_issue(issues, Issue::invalid_value(values, at.path()));
    }
}

/// Whether the value is a string equal to one of `values`.
pub(crate) fn is_one_of(value: &Value<'_>, values: &[&str]) -> bool {
    value
        .string_text()
        .is_some_and(|text| values.iter().any(|name| text.equals_ascii(name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Kind, Text};

    #[test]
    fn only_the_listed_strings_pass() {
        const ACTIONS: &[&str] = &["create", "read"];
        let units: Vec<u16> = "read".encode_utf16().collect();
        assert!(is_one_of(&Value::string(Text::Utf16(&units)), ACTIONS));
        assert!(!is_one_of(&Value::string(Text::Utf8("Read")), ACTIONS));
        assert!(!is_one_of(&Value::of_kind(Kind::Null), ACTIONS));
        let mut issues = Vec::new();
        check(
            ACTIONS,
            "message",
            &Value::string(Text::Utf8("x")),
            &Location::ROOT,
            &mut issues,
        );
        assert_eq!(issues[0].message, "message");
    }
}
