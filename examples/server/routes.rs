//! The HTTP API. Every error is RFC 9457 problem details, with the issues `safeParse` gives in
//! JavaScript where a body was judged.
//!
//! | route | answer |
//! |---|---|
//! | `POST /audit-logs` (an entry), `POST /platform-records` (a platform record) | 201, the stored data; `Location` |
//! | `GET /audit-logs`, `GET /platform-records` (`?limit=1..500&before=index`) | 200, `{ items, next }`, newest first |
//! | `GET /audit-logs/{index}`, `GET /platform-records/{index}` | 200, `{ index, receivedAt, data }` |
//! | `GET /healthz` | 200 `{ "status": "ok" }`, or 503 when the database does not answer |
//! | `GET /checkpoint` | 200, the log's signed checkpoint now (C2SP tlog-checkpoint, signed-note) |
//! | `GET /checkpoint/key` | 200, the verifier key its signatures check against |
//! | `GET /proof/inclusion?index=&size=` | 200, `{ index, size, proof }`: value `index` (its `logIndex`) is in the log of `size` (default: now) |
//! | `GET /proof/consistency?from=&to=` | 200, `{ from, to, proof }`: the log of `to` (default: now) extends the log of `from` |
//! | `GET /export` | 200, NDJSON: every value in log order, as its canonical text (each line's leaf hash is the log's leaf) |
//!
//! Hashes in proofs are base64, as in checkpoints.

use std::collections::HashMap;
use std::sync::Arc;

use auditlog::axum::ValidJson;
use auditlog::log::{CheckpointSigner, Hash};
use auditlog::problem::Problem;
use auditlog::{AuditLogEntry, PlatformRecord};
use axum::extract::{DefaultBodyLimit, FromRef, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Value, json};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::{Level, error};

use crate::store::{Log, Store, StoreError, Stored};

/// The most values one page lists, and how many it lists unless asked.
const MAX_PAGE: u32 = 500;
const DEFAULT_PAGE: u32 = 50;

/// How the service is limited: the largest body it reads, and how many requests it handles at
/// once (the others wait their turn).
pub struct Limits {
    pub body_bytes: usize,
    pub concurrent_requests: usize,
}

/// What the handlers share: the database (with the log's tree) and the checkpoint signer.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    signer: Arc<CheckpointSigner>,
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Store {
        state.store.clone()
    }
}

pub fn router(store: Store, signer: CheckpointSigner, limits: &Limits) -> Router {
    let state = AppState {
        store,
        signer: Arc::new(signer),
    };
    Router::new()
        .route(
            "/audit-logs",
            get(|state, query| list(Log::Entries, state, query)).post(
                |state, ValidJson(entry): ValidJson<AuditLogEntry>| {
                    append(Log::Entries, state, entry)
                },
            ),
        )
        .route(
            "/audit-logs/{index}",
            get(|state, index| one(Log::Entries, state, index)),
        )
        .route(
            "/platform-records",
            get(|state, query| list(Log::Records, state, query)).post(
                |state, ValidJson(record): ValidJson<PlatformRecord>| {
                    append(Log::Records, state, record)
                },
            ),
        )
        .route(
            "/platform-records/{index}",
            get(|state, index| one(Log::Records, state, index)),
        )
        .route("/healthz", get(healthz))
        .route("/checkpoint", get(checkpoint))
        .route("/checkpoint/key", get(verifier_key))
        .route("/proof/inclusion", get(inclusion))
        .route("/proof/consistency", get(consistency))
        .route("/export", get(export))
        .fallback(|| async { problem(404, "Not Found", "There is nothing at this address.") })
        .method_not_allowed_fallback(|| async {
            problem(
                405,
                "Method Not Allowed",
                "This address does not take that method.",
            )
        })
        .with_state(state)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(GlobalConcurrencyLimitLayer::new(limits.concurrent_requests))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

fn problem(status: u16, title: &'static str, detail: &str) -> Problem {
    Problem {
        status,
        title,
        detail: detail.to_owned(),
        issues: None,
    }
}

/// Runs a database call off the async threads; a failure is logged and answered as a 500.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Problem> {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(failure)) => {
            error!(%failure, "database");
            Err(Problem::internal(
                "The database failed; nothing was changed.",
            ))
        }
        Err(failure) => {
            error!(%failure, "database task");
            Err(Problem::internal(
                "The database failed; nothing was changed.",
            ))
        }
    }
}

fn base(log: Log) -> &'static str {
    match log {
        Log::Entries => "/audit-logs",
        Log::Records => "/platform-records",
    }
}

/// Stores a value that passed every rule; answers 201 with it, as the npm package's `parse` returns it.
async fn append<T: Serialize>(
    log: Log,
    State(store): State<Store>,
    value: T,
) -> Result<Response, Problem> {
    let data = serde_json::to_value(&value)
        .map_err(|_| Problem::internal("The value could not be written as JSON."))?;
    let stored = blocking(move || store.append(log, data)).await?;
    let location = format!("{}/{}", base(log), stored.index);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(stored.data),
    )
        .into_response())
}

#[derive(Serialize)]
struct Page {
    items: Vec<Stored>,
    next: Option<String>,
}

/// A page of a log, newest first: `?limit=` (1 to 500, 50 unless given) and `?before=` (an index).
async fn list(
    log: Log,
    State(store): State<Store>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Page>, Problem> {
    let limit = match query.get("limit") {
        None => DEFAULT_PAGE,
        Some(text) => text
            .parse()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| {
                problem(
                    400,
                    "Bad Request",
                    "limit must be a whole number from 1 to 500.",
                )
            })?,
    };
    let before = match query.get("before") {
        None => None,
        Some(text) => Some(text.parse::<u64>().map_err(|_| {
            problem(
                400,
                "Bad Request",
                "before must be an index (a whole number).",
            )
        })?),
    };
    let items = blocking(move || store.page(log, before, limit)).await?;
    let next = match items.last() {
        Some(last) if items.len() == limit as usize && last.index > 0 => {
            Some(format!("{}?limit={limit}&before={}", base(log), last.index))
        }
        _ => None,
    };
    Ok(Json(Page { items, next }))
}

async fn one(
    log: Log,
    State(store): State<Store>,
    Path(index): Path<String>,
) -> Result<Json<Stored>, Problem> {
    let not_found = || problem(404, "Not Found", "There is no value at this index.");
    let index: u64 = index.parse().map_err(|_| not_found())?;
    blocking(move || store.get(log, index))
        .await?
        .map(Json)
        .ok_or_else(not_found)
}

async fn healthz(State(store): State<Store>) -> Result<Json<Value>, Problem> {
    blocking(move || store.ping())
        .await
        .map_err(|_| problem(503, "Service Unavailable", "The database does not answer."))?;
    Ok(Json(json!({ "status": "ok" })))
}

fn bad_request(detail: &str) -> Problem {
    problem(400, "Bad Request", detail)
}

/// A whole-number query parameter, or its default when absent.
fn number(
    query: &HashMap<String, String>,
    name: &str,
    default: Option<u64>,
) -> Result<u64, Problem> {
    match query.get(name) {
        Some(text) => text
            .parse()
            .map_err(|_| bad_request(&format!("{name} must be a whole number."))),
        None => default.ok_or_else(|| bad_request(&format!("{name} is required."))),
    }
}

fn base64_hashes(hashes: &[Hash]) -> Vec<String> {
    use base64::Engine as _;
    hashes
        .iter()
        .map(|hash| base64::engine::general_purpose::STANDARD.encode(hash))
        .collect()
}

const TEXT: [(header::HeaderName, &str); 1] = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];

async fn checkpoint(State(state): State<AppState>) -> Result<Response, Problem> {
    let (size, root) = state.store.with_tree(|tree| (tree.size(), tree.root()));
    let note = state.signer.sign(size, &root).map_err(|e| {
        error!(%e, "signing");
        Problem::internal("The checkpoint could not be signed.")
    })?;
    Ok((TEXT, note).into_response())
}

async fn verifier_key(State(state): State<AppState>) -> Response {
    (TEXT, format!("{}\n", state.signer.verifier_key())).into_response()
}

async fn inclusion(
    State(store): State<Store>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Problem> {
    let index = number(&query, "index", None)?;
    store.with_tree(|tree| {
        let size = number(&query, "size", Some(tree.size()))?;
        let proof = tree
            .inclusion_proof(index, size)
            .map_err(|e| bad_request(&format!("{e} (the log has {} values).", tree.size())))?;
        Ok(Json(
            json!({ "index": index, "size": size, "proof": base64_hashes(&proof) }),
        ))
    })
}

async fn consistency(
    State(store): State<Store>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Problem> {
    let from = number(&query, "from", None)?;
    store.with_tree(|tree| {
        let to = number(&query, "to", Some(tree.size()))?;
        let proof = tree
            .consistency_proof(from, to)
            .map_err(|e| bad_request(&format!("{e} (the log has {} values).", tree.size())))?;
        Ok(Json(
            json!({ "from": from, "to": to, "proof": base64_hashes(&proof) }),
        ))
    })
}

async fn export(State(store): State<Store>) -> Result<Response, Problem> {
    let text = blocking(move || store.export()).await?;
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], text).into_response())
}
