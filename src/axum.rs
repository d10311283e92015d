//! An axum 0.8 extractor that validates a JSON request body with the crate's rules (Cargo feature
//! `axum`): a handler that takes `ValidJson<AuditLogEntry>` runs only for a valid entry, and every
//! other request is answered with RFC 9457 problem details ([`crate::problem`]) whose `issues` are
//! what the npm package's `safeParse` reports for the same JSON.
//!
//! ```no_run
//! use auditlog::axum::ValidJson;
//! use auditlog::AuditLogEntry;
//! use axum::{Json, Router, extract::DefaultBodyLimit, routing::post};
//!
//! async fn create(ValidJson(entry): ValidJson<AuditLogEntry>) -> Json<AuditLogEntry> {
//!     Json(entry) // store it; it passed every rule
//! }
//!
//! let app: Router = Router::new()
//!     .route("/audit-logs", post(create))
//!     .layer(DefaultBodyLimit::max(64 * 1024)); // larger bodies: 413
//! ```
//!
//! | request | answer |
//! |---|---|
//! | `Content-Type` not `application/json` (or `application/*+json`), or none | 415 |
//! | a body over axum's `DefaultBodyLimit` (2 MB unless the router sets one) | 413 |
//! | a body that is not JSON | 400, one `invalid_json` issue |
//! | JSON the schema rejects | 422, the schema's issues |
//!
//! JSON is read by serde_json, which refuses a few texts `JSON.parse` accepts (a lone surrogate
//! escape, a number beyond `f64`, nesting deeper than 128 levels): those are 400 here.

use ::axum::body::Bytes;
use ::axum::extract::{FromRequest, Request};
use ::axum::http::{HeaderMap, StatusCode, header};
use ::axum::response::{IntoResponse, Response};

use crate::native::Validated;
use crate::problem::{self, Problem};

/// A request body that passed every rule of `T`'s schema (an entry, a platform record, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidJson<T>(pub T);

impl<S, T> FromRequest<S> for ValidJson<T>
where
    S: Send + Sync,
    T: Validated,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        if !is_json(request.headers()) {
            return Err(Problem::not_json_content_type());
        }
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => Problem::too_large(),
                    _ => Problem::unreadable(),
                })?;
        let json: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|error| Problem::not_json(&error))?;
        T::from_json(&json)
            .map(ValidJson)
            .map_err(|error| Problem::invalid(T::WHAT, error))
    }
}

/// `application/json`, or a `+json` type such as `application/merge-patch+json`, with any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    let subtype = subtype.to_ascii_lowercase();
    kind.eq_ignore_ascii_case("application") && (subtype == "json" || subtype.ends_with("+json"))
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (
            status,
            [(header::CONTENT_TYPE, problem::CONTENT_TYPE)],
            self.to_json(),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_type(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
        headers
    }

    #[test]
    fn json_media_types_are_recognised_with_parameters_and_in_any_case() {
        for json in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/problem+json",
            "application/merge-patch+json ; q=1",
        ] {
            assert!(is_json(&with_type(json)), "{json}");
        }
        for other in [
            "text/json",
            "application/jsonl",
            "application/x-ndjson",
            "text/plain",
            "application",
            "",
            "json",
        ] {
            assert!(!is_json(&with_type(other)), "{other}");
        }
        assert!(!is_json(&HeaderMap::new()));
    }
}
