//! What an HTTP service answers when a request body is not an acceptable entry or record: RFC 9457
//! problem details (`application/problem+json`) whose `issues` member is exactly the list the npm
//! package's `safeParse` reports for the same JSON, so a front end shows a service's issues beside
//! the same fields as its own. Framework-free (a status code and a serializable body); the axum
//! extractor ([`crate::axum`]) answers with it.
//!
//! ```text
//! 422 { "type": "about:blank", "title": "Unprocessable Content", "status": 422,
//!       "detail": "The audit-log entry has 2 issues.", "issues": [{ "code": "too_small", ... }, ...] }
//! 400 { ..., "detail": "The request body is not JSON.",
//!       "issues": [{ "code": "invalid_json", "path": [], "message": "Invalid JSON: ..." }] }
//! 413, 415: type, title, status and detail only
//! ```
//!
//! The problem type is `about:blank` (RFC 9457 section 4.2.1): each problem means what its status
//! code means, and the title is that status's phrase. Nothing of the request is echoed back beyond
//! what the issues say (serde_json's messages name a line and column, never the text).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::issues::{Issue, ValidationError};

/// The media type of a problem's body.
pub const CONTENT_TYPE: &str = "application/problem+json";

/// One problem: its status, what went wrong in words, and the issues where there are some.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The HTTP status code: 400, 413, 415, 422 or 500.
    pub status: u16,
    /// The status's phrase (RFC 9110), as RFC 9457 asks for the type `about:blank`.
    pub title: &'static str,
    /// What went wrong, for people.
    pub detail: String,
    /// What is wrong with the body, for programs: the schema's issues as `safeParse` reports
    /// them, or one `invalid_json` issue; absent where the body was never judged.
    pub issues: Option<Vec<Issue>>,
}

impl Problem {
    /// 422: JSON that the schema of `what` (e.g. "audit-log entry") rejects.
    pub fn invalid(what: &str, error: ValidationError) -> Problem {
        let count = error.issues.len();
        let plural = if count == 1 { "" } else { "s" };
        Problem {
            status: 422,
            title: "Unprocessable Content",
            detail: format!("The {what} has {count} issue{plural}."),
            issues: Some(error.issues),
        }
    }

    /// 400: a body that is not JSON: one `invalid_json` issue with the parser's message (the shape
    /// of a line that is not JSON in `validateNdjson`).
    pub fn not_json(error: &serde_json::Error) -> Problem {
        Problem {
            status: 400,
            title: "Bad Request",
            detail: "The request body is not JSON.".to_owned(),
            issues: Some(vec![Issue::invalid_json(&error.to_string())]),
        }
    }

    /// 400: a body that could not be read (the client stopped sending it).
    pub fn unreadable() -> Problem {
        Problem {
            status: 400,
            title: "Bad Request",
            detail: "The request body could not be read.".to_owned(),
            issues: None,
        }
    }

    /// 413: a body larger than the service accepts.
    pub fn too_large() -> Problem {
        Problem {
            status: 413,
            title: "Content Too Large",
            detail: "The request body is larger than this service accepts.".to_owned(),
            issues: None,
        }
    }

    /// 415: a body that is not declared as JSON.
    pub fn not_json_content_type() -> Problem {
        Problem {
            status: 415,
            title: "Unsupported Media Type",
            detail: "The request body must be JSON, sent with Content-Type: application/json."
                .to_owned(),
            issues: None,
        }
    }

    /// 500: the service failed; `detail` says what failed without internals.
    pub fn internal(detail: impl Into<String>) -> Problem {
        Problem {
            status: 500,
            title: "Internal Server Error",
            detail: detail.into(),
            issues: None,
        }
    }

    /// The body as JSON text.
    pub fn to_json(&self) -> String {
        // A map of strings, numbers and issues always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", "about:blank")?;
        map.serialize_entry("title", self.title)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("detail", &self.detail)?;
        if let Some(issues) = &self.issues {
            map.serialize_entry("issues", issues)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_rejected_entry_carries_the_issues_as_the_package_reports_them() {
        let error = crate::parse_entry(&json!({ "id": "" })).unwrap_err();
        let issues = serde_json::to_value(&error).unwrap();
        let body: serde_json::Value =
            serde_json::from_str(&Problem::invalid("audit-log entry", error).to_json()).unwrap();
        assert_eq!(body["type"], "about:blank");
        assert_eq!(body["title"], "Unprocessable Content");
        assert_eq!(body["status"], 422);
        assert_eq!(
            body["detail"],
            format!(
                "The audit-log entry has {} issues.",
                issues.as_array().unwrap().len()
            )
        );
        assert_eq!(body["issues"], issues);
    }

    #[test]
    fn a_body_that_is_not_json_is_one_invalid_json_issue_without_the_text() {
        let error = serde_json::from_str::<serde_json::Value>("{\"secret\": tru").unwrap_err();
        let body: serde_json::Value =
            serde_json::from_str(&Problem::not_json(&error).to_json()).unwrap();
        assert_eq!(body["status"], 400);
        let issues = body["issues"].as_array().unwrap();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0]["code"], "invalid_json");
        assert_eq!(issues[0]["path"], json!([]));
        let message = issues[0]["message"].as_str().unwrap();
        assert!(message.starts_with("Invalid JSON: "), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn problems_without_a_body_to_judge_have_no_issues() {
        for problem in [
            Problem::too_large(),
            Problem::not_json_content_type(),
            Problem::unreadable(),
        ] {
            let body: serde_json::Value = serde_json::from_str(&problem.to_json()).unwrap();
            let keys: Vec<&str> = body
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["type", "title", "status", "detail"]);
        }
    }
}
