//! Who may call: the extractors [`Reader`] and [`Writer`] take the request's
//! `Authorization: Bearer <key>`, find the key (`keys.rs`), apply the key's rate limit, and hand
//! the handler the caller (its workspace). Each documents what it does in the OpenAPI document:
//! the bearer security requirement and its 401, 403 and 429 answers.
//!
//! | request | answer (problem details) |
//! |---|---|
//! | no `Authorization`, or not `Bearer` | 401, `WWW-Authenticate: Bearer realm="auditlog"` |
//! | a key that is unknown, wrong or revoked (one answer for all three) | 401, `... error="invalid_token"` |
//! | more requests than the key's rate | 429, `Retry-After: <seconds>` |
//! | a read key where a write key is needed | 403, `... error="insufficient_scope"` |

use std::num::NonZeroU32;

use aide::OperationInput;
use aide::generate::GenContext;
use aide::openapi::{Operation, Response, StatusCode};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, header};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use indexmap::IndexMap;
use tracing::error;

use super::keys::{self, Caller, Scope};
use super::openapi::{self, ApiProblem, SCHEME};
use super::store::Store;
use crate::problem::Problem;

/// How many requests a key may make: `per_second` on average, `burst` at once.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    /// Requests per second, on average.
    pub per_second: NonZeroU32,
    /// Requests at once, after a quiet moment.
    pub burst: NonZeroU32,
}

/// The per-key limiter (GCRA, from `governor`), keyed by the key's identifier.
pub type Limiter = DefaultKeyedRateLimiter<String>;

/// A limiter for `limit`.
pub fn limiter(limit: RateLimit) -> Limiter {
    RateLimiter::keyed(Quota::per_second(limit.per_second).allow_burst(limit.burst))
}

/// A caller with a valid key of either scope.
pub struct Reader(pub Caller);

/// A caller with a valid write key.
pub struct Writer(pub Caller);

fn challenge(error: Option<&str>) -> (HeaderName, HeaderValue) {
    let text = match error {
        None => "Bearer realm=\"auditlog\"".to_owned(),
        Some(error) => format!("Bearer realm=\"auditlog\", error=\"{error}\""),
    };
    (
        header::WWW_AUTHENTICATE,
        HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("Bearer")),
    )
}

fn unauthorized(detail: &str, error: Option<&str>) -> ApiProblem {
    ApiProblem::with_headers(problem(401, "Unauthorized", detail), vec![challenge(error)])
}

fn problem(status: u16, title: &'static str, detail: &str) -> Problem {
    Problem {
        status,
        title,
        detail: detail.to_owned(),
        issues: None,
    }
}

/// The presented key, if the request has `Authorization: Bearer <key>`.
fn bearer(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, key) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| key.trim().to_owned())
}

/// What the key checks need of the application's state (the service's `AppState` gives both).
pub trait KeyState: Send + Sync {
    /// The database that holds the keys.
    fn store(&self) -> &Store;
    /// The keys' rate limiter.
    fn limiter(&self) -> &Limiter;
}

async fn caller(parts: &Parts, state: &impl KeyState) -> Result<Caller, ApiProblem> {
    let Some(key) = bearer(parts) else {
        return Err(unauthorized(
            "This needs an API key: `Authorization: Bearer <key>`.",
            None,
        ));
    };
    let store = state.store().clone();
    let found = tokio::task::spawn_blocking(move || {
        store.with_keys(|connection| keys::authenticate(connection, &key))
    })
    .await;
    let caller = match found {
        Ok(Ok(caller)) => caller,
        Ok(Err(failure)) => {
            error!(%failure, "database (keys)");
            return Err(Problem::internal(openapi::DATABASE_FAILED.1).into());
        }
        Err(failure) => {
            error!(%failure, "database task (keys)");
            return Err(Problem::internal(openapi::DATABASE_FAILED.1).into());
        }
    };
    // Unknown, wrong and revoked keys get the same answer: it tells nothing about other keys.
    let caller = caller.ok_or_else(|| {
        unauthorized(
            "The API key is not valid (unknown, wrong or revoked).",
            Some("invalid_token"),
        )
    })?;
    if let Err(not_until) = state.limiter().check_key(&caller.key_id) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        return Err(ApiProblem::with_headers(
            problem(
                429,
                "Too Many Requests",
                "This key has made more requests than its rate allows: try again after \
                 `Retry-After` seconds.",
            ),
            vec![(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)))],
        ));
    }
    Ok(caller)
}

impl<S: KeyState> FromRequestParts<S> for Reader {
    type Rejection = ApiProblem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiProblem> {
        Ok(Reader(caller(parts, state).await?))
    }
}

impl<S: KeyState> FromRequestParts<S> for Writer {
    type Rejection = ApiProblem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiProblem> {
        let caller = caller(parts, state).await?;
        if caller.scope != Scope::Write {
            return Err(ApiProblem::with_headers(
                problem(403, "Forbidden", "This API key may read, not write."),
                vec![challenge(Some("insufficient_scope"))],
            ));
        }
        Ok(Writer(caller))
    }
}

fn require_key(ctx: &mut GenContext, operation: &mut Operation) {
    let _ = ctx;
    operation
        .security
        .push(IndexMap::from([(SCHEME.to_owned(), Vec::new())]));
}

fn answers(ctx: &mut GenContext, write: bool) -> Vec<(Option<StatusCode>, Response)> {
    let mut answers = vec![
        (
            401,
            openapi::problem_response_with_header(
                ctx,
                "No API key, or one that is unknown, wrong or revoked.",
                "WWW-Authenticate",
                "The Bearer challenge (RFC 6750).",
            ),
        ),
        (
            429,
            openapi::problem_response_with_header(
                ctx,
                "The key made more requests than its rate allows.",
                "Retry-After",
                "Seconds to wait before the next request.",
            ),
        ),
    ];
    if write {
        answers.push((
            403,
            openapi::problem_response(
                ctx,
                "A read key cannot store values (its answer has `WWW-Authenticate: Bearer \
                 error=\"insufficient_scope\"`); or the platform record names another workspace \
                 than the key's.",
                false,
            ),
        ));
    }
    answers
        .into_iter()
        .map(|(status, response)| (Some(StatusCode::Code(status)), response))
        .collect()
}

impl OperationInput for Reader {
    fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
        require_key(ctx, operation);
    }

    fn inferred_early_responses(
        ctx: &mut GenContext,
        _operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        answers(ctx, false)
    }
}

impl OperationInput for Writer {
    fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
        require_key(ctx, operation);
    }

    fn inferred_early_responses(
        ctx: &mut GenContext,
        _operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        answers(ctx, true)
    }
}
