//! The HTTP API. Every error is RFC 9457 problem details, with the issues `safeParse` gives in
//! JavaScript where a body was judged.
//!
//! Every route but `/healthz`, `/openapi.json` and `/docs` needs an API key (`auth.rs`), and
//! sees only the key's workspace: its values, indices, log, checkpoint and export. An index where
//! the workspace has no value is 404 whether another workspace has one there or not (indices are
//! counted per workspace, so nothing about other workspaces shows, not even their number).
//!
//! | route | answer |
//! |---|---|
//! | `POST /audit-logs` (an entry), `POST /platform-records` (a platform record) | 201, the stored data; `Location` |
//! | `GET /audit-logs`, `GET /platform-records` (`?limit=1..500&before=index`) | 200, `{ items, next }`, newest first |
//! | `GET /audit-logs/{index}`, `GET /platform-records/{index}` | 200, `{ index, receivedAt, data }` |
//! | `GET /healthz` | 200 `{ "status": "ok" }`, or 503 when the database does not answer |
//! | `GET /checkpoint` | 200, the workspace log's signed checkpoint now (C2SP tlog-checkpoint, signed-note; origin `<key name>/<workspace>`) |
//! | `GET /checkpoint/key` | 200, the verifier key its signatures check against |
//! | `GET /proof/inclusion?index=&size=` | 200, `{ index, size, proof }`: value `index` (its `logIndex`) is in the log of `size` (default: now) |
//! | `GET /proof/consistency?from=&to=` | 200, `{ from, to, proof }`: the log of `to` (default: now) extends the log of `from` |
//! | `GET /export` | 200, NDJSON: every value of the workspace in log order, as its canonical text (each line's leaf hash is the log's leaf) |
//! | `GET /openapi.json` | 200, the OpenAPI 3.1 document of all of these (`openapi.rs`) |
//! | `GET /docs` | 200, a page that shows it (Swagger UI, compiled in: nothing is fetched from elsewhere) |
//!
//! Hashes in proofs are base64, as in checkpoints.
//!
//! Every route is added with `api_route`, so that the document describes it: what a handler
//! takes and answers documents the operation, and its transform adds the words and the problems
//! the handler itself answers with.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use std::time::Duration;

use aide::axum::ApiRouter;
use aide::axum::routing::get_with;
use aide::swagger::Swagger;
use aide::transform::TransformOperation;
use axum::extract::{FromRef, State};
use axum::{Extension, Json, Router};
use schemars::JsonSchema;
use serde::Serialize;
use tokio::sync::Semaphore;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::{Level, error};

use super::auth::{self, Limiter, RateLimit, Reader, Writer};
use super::openapi::{
    self, ApiProblem, Body, BodyRules, Created, DATABASE_FAILED, FromQuery, Index, JsonAs, Output,
    Params, Permits, Text, TextKind, answer, bad_request, problems,
};
use super::store::{Log, Store, StoreError, Stored};
use crate::log::{CheckpointSigner, Hash};
use crate::problem::Problem;
use crate::{AuditLogEntry, PlatformRecord, Validated};

/// The most values one page lists, and how many it lists unless asked.
const MAX_PAGE: u32 = 500;
const DEFAULT_PAGE: u32 = 50;

/// How the service is limited.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest body it reads (larger: 413).
    pub body_bytes: usize,
    /// How many requests it handles at once (the others wait their turn).
    pub concurrent_requests: usize,
    /// How long a request's headers, and then its body, may take to arrive.
    pub read_timeout: Duration,
    /// How many requests each key may make.
    pub rate: RateLimit,
    /// Whether a 201 tells how long its steps took (`Server-Timing`), for `make bench`.
    pub server_timing: bool,
}

/// What the handlers share: the database (with the workspaces' trees), the checkpoint signer and
/// the keys' rate limiter.
#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Store,
    signer: Arc<CheckpointSigner>,
    pub(crate) limiter: Arc<Limiter>,
    server_timing: bool,
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Store {
        state.store.clone()
    }
}

impl auth::KeyState for AppState {
    fn store(&self) -> &Store {
        &self.store
    }

    fn limiter(&self) -> &Limiter {
        &self.limiter
    }
}

/// One of the two logs: where its values are kept, and what they are.
trait Kept: Send + Sync + 'static {
    const LOG: Log;
    type Value: Validated + Serialize + JsonSchema + Send + 'static;
    /// The workspace a value names, if it names one.
    fn workspace(value: &Self::Value) -> Option<&str>;
}

struct Entries;
struct Records;

impl Kept for Entries {
    const LOG: Log = Log::Entries;
    type Value = AuditLogEntry;
    fn workspace(_: &AuditLogEntry) -> Option<&str> {
        None
    }
}

impl Kept for Records {
    const LOG: Log = Log::Records;
    type Value = PlatformRecord;
    fn workspace(record: &PlatformRecord) -> Option<&str> {
        Some(&record.workspace_id)
    }
}

/// The 400 of the proofs.
const PROOF_REFUSED: &str = "A parameter is missing or not a whole number, or the log has no \
     such proof (an index beyond the size, a size beyond the log).";

/// The service's routes, with their OpenAPI document at `GET /openapi.json`; an error if the
/// document cannot be made (aide noticed a mistake in a route's documentation).
pub fn router(store: Store, signer: CheckpointSigner, limits: &Limits) -> Result<Router, String> {
    let state = AppState {
        store,
        signer: Arc::new(signer),
        limiter: Arc::new(auth::limiter(limits.rate)),
        server_timing: limits.server_timing,
    };
    let routes = openapi::document(|| {
        ApiRouter::new()
            .api_route(
                "/audit-logs",
                get_with(list::<Entries>, |op| {
                    listing(
                        op,
                        "audit-logs",
                        "listAuditLogs",
                        "Lists the audit-log entries",
                    )
                })
                .post_with(append::<Entries>, |op| {
                    appending(
                        op,
                        "audit-logs",
                        "createAuditLog",
                        "Stores an audit-log entry",
                    )
                }),
            )
            .api_route(
                "/audit-logs/{index}",
                get_with(one::<Entries>, |op| {
                    reading(op, "audit-logs", "getAuditLog", "An audit-log entry")
                }),
            )
            .api_route(
                "/platform-records",
                get_with(list::<Records>, |op| {
                    listing(
                        op,
                        "platform-records",
                        "listPlatformRecords",
                        "Lists the platform records",
                    )
                })
                .post_with(append::<Records>, |op| {
                    appending(
                        op,
                        "platform-records",
                        "createPlatformRecord",
                        "Stores a platform record",
                    )
                }),
            )
            .api_route(
                "/platform-records/{index}",
                get_with(one::<Records>, |op| {
                    reading(
                        op,
                        "platform-records",
                        "getPlatformRecord",
                        "A platform record",
                    )
                }),
            )
            .api_route(
                "/healthz",
                get_with(healthz, |op| {
                    let op = op
                        .id("health")
                        .tag("service")
                        .summary("Whether the service and its database answer");
                    let op = answer(op, 200, "The service and its database answer.");
                    problems(op, &[(503, "The database does not answer.")])
                }),
            )
            .api_route(
                "/checkpoint",
                get_with(checkpoint, |op| {
                    let op = op
                        .id("getCheckpoint")
                        .tag("log")
                        .summary("The signed checkpoint of the key's workspace's log now");
                    problems(op, &[(500, "The checkpoint could not be signed.")])
                }),
            )
            .api_route(
                "/checkpoint/key",
                get_with(verifier_key, |op| {
                    op.id("getVerifierKey")
                        .tag("log")
                        .summary("The verifier key checkpoints are signed for")
                }),
            )
            .api_route(
                "/proof/inclusion",
                get_with(inclusion, |op| {
                    let op = op
                        .id("proveInclusion")
                        .tag("log")
                        .summary("Proves that a value is in the log of a given size");
                    let op = answer(op, 200, "The proof: hashes in base64, as in checkpoints.");
                    answer(op, 400, PROOF_REFUSED)
                }),
            )
            .api_route(
                "/proof/consistency",
                get_with(consistency, |op| {
                    let op = op.id("proveConsistency").tag("log").summary(
                        "Proves that the log of one size extends the log of a smaller size",
                    );
                    let op = answer(op, 200, "The proof: hashes in base64, as in checkpoints.");
                    answer(op, 400, PROOF_REFUSED)
                }),
            )
            .api_route(
                "/export",
                get_with(export, |op| {
                    let op = op
                        .id("export")
                        .tag("log")
                        .summary("Every value of the key's workspace in log order, one canonical JSON text a line");
                    problems(op, &[DATABASE_FAILED])
                }),
            )
            .api_route(
                openapi::DOCUMENT_PATH,
                get_with(openapi::serve_document, |op| {
                    op.id("openapi")
                        .tag("service")
                        .summary("This OpenAPI document")
                }),
            )
            .api_route(
                openapi::PAGE_PATH,
                get_with(
                    Swagger::new(openapi::DOCUMENT_PATH)
                        .with_title("auditlog service")
                        .axum_handler(),
                    |op| {
                        let op = op
                            .id("docs")
                            .tag("service")
                            .summary("This document as a page (Swagger UI)");
                        answer(op, 200, "The page, with everything it needs in it.")
                    },
                ),
            )
    })?;
    Ok(routes
        .fallback(|| async { problem(404, "Not Found", "There is nothing at this address.") })
        .method_not_allowed_fallback(|| async {
            problem(
                405,
                "Method Not Allowed",
                "This address does not take that method.",
            )
        })
        .with_state(state)
        .layer(axum::middleware::from_fn(take_a_slot))
        .layer(Extension(BodyRules {
            timeout: limits.read_timeout,
            body_bytes: limits.body_bytes,
        }))
        .layer(Extension(Permits(Arc::new(Semaphore::new(
            limits.concurrent_requests.max(1),
        )))))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        ))
}

/// Holds one of the service's request slots ([`Permits`]) while a request is handled, so that at
/// most `Limits::concurrent_requests` are handled at once and the others wait their turn. A POST
/// (the writes: a body) passes without one: its [`Body`] takes one once the body has arrived, so
/// that a body that is slow or never comes holds no slot while it waits for the read timeout.
async fn take_a_slot(
    Extension(permits): Extension<Permits>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if request.method() == axum::http::Method::POST {
        return next.run(request).await;
    }
    let Some(_permit) = permits.acquire().await else {
        return Problem::internal("The service is shutting down.").into_response();
    };
    next.run(request).await
}

fn listing<'t>(
    op: TransformOperation<'t>,
    tag: &str,
    id: &str,
    summary: &str,
) -> TransformOperation<'t> {
    let op = op.id(id).tag(tag).summary(summary);
    let op = answer(
        op,
        200,
        "A page of the log, newest first; `next` is the address of the page after it, if any.",
    );
    problems(op, &[DATABASE_FAILED])
}

fn appending<'t>(
    op: TransformOperation<'t>,
    tag: &str,
    id: &str,
    summary: &str,
) -> TransformOperation<'t> {
    let op = op.id(id).tag(tag).summary(summary).description(
        "The body is stored only if it passes every rule of its schema; otherwise the answer is \
         problem details whose `issues` are what the npm package's `safeParse` reports. It is \
         stored in the key's workspace; a platform record whose `workspaceId` is another is \
         refused (403).",
    );
    problems(op, &[DATABASE_FAILED])
}

fn reading<'t>(
    op: TransformOperation<'t>,
    tag: &str,
    id: &str,
    summary: &str,
) -> TransformOperation<'t> {
    let op = op.id(id).tag(tag).summary(summary);
    let op = answer(
        op,
        200,
        "The value, when it arrived, and its position in the tamper-evident log.",
    );
    problems(op, &[DATABASE_FAILED])
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
            Err(Problem::internal(DATABASE_FAILED.1))
        }
        Err(failure) => {
            error!(%failure, "database task");
            Err(Problem::internal(DATABASE_FAILED.1))
        }
    }
}

fn base(log: Log) -> &'static str {
    match log {
        Log::Entries => "/audit-logs",
        Log::Records => "/platform-records",
    }
}

/// Stores a value that passed every rule in the key's workspace; answers 201 with it, as the npm
/// package's `parse` returns it.
async fn append<K: Kept>(
    State(state): State<AppState>,
    Writer(caller): Writer,
    Body(value, validation, _slot): Body<K::Value>,
) -> Result<Created<K::Value>, ApiProblem> {
    if K::workspace(&value).is_some_and(|named| named != caller.workspace) {
        return Err(problem(
            403,
            "Forbidden",
            "The record's workspaceId is not the API key's workspace.",
        )
        .into());
    }
    let data = serde_json::to_value(&value)
        .map_err(|_| Problem::internal("The value could not be written as JSON."))?;
    let store = state.store.clone();
    let (stored, times) = blocking(move || store.append(&caller.workspace, K::LOG, data)).await?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let timing = state.server_timing.then(|| {
        format!(
            "validate;dur={:.3}, leaf;dur={:.3}, db;dur={:.3}",
            ms(validation),
            ms(times.leaf),
            ms(times.transaction)
        )
    });
    Ok(Created {
        location: format!("{}/{}", base(K::LOG), stored.index),
        data: stored.data,
        timing,
        kind: PhantomData,
    })
}

#[derive(Serialize)]
struct Page {
    items: Vec<Stored>,
    next: Option<String>,
}

// Never made: what a `Page` of `T`s is written as, for the document.
/// A page of a log, newest first.
#[derive(JsonSchema)]
#[schemars(rename = "{T}Page")]
#[allow(dead_code)]
struct PageOf<T: JsonSchema> {
    /// The values, newest first.
    items: Vec<StoredOf<T>>,
    /// The address of the next page (older values), or null on the last.
    #[schemars(required, extend("type" = ["string", "null"], "format" = "uri-reference"))]
    next: Option<String>,
}

// Never made: what a `Stored` `T` is written as, for the document.
/// A stored value: its position in its log, when it arrived, the value, and its position in the
/// tamper-evident log.
#[derive(JsonSchema)]
#[schemars(rename = "Stored{T}", rename_all = "camelCase")]
#[allow(dead_code)]
struct StoredOf<T: JsonSchema> {
    /// Its position in its log, from 0.
    index: u64,
    /// When it arrived (UTC).
    #[schemars(extend("format" = "date-time"))]
    received_at: String,
    /// The value as it was stored.
    data: Output<T>,
    /// Its position in the tamper-evident log (`GET /proof/inclusion?index=`).
    log_index: u64,
}

/// `?limit=&before=`: a page of a log.
#[derive(JsonSchema)]
struct PageQuery {
    /// How many values the page lists: 1 to 500 (50 unless given).
    #[schemars(range(min = 1, max = 500))]
    limit: Option<u32>,
    /// Lists the values before this index (the `next` address of a page gives it).
    before: Option<u64>,
}

impl FromQuery for PageQuery {
    fn from_query(query: &HashMap<String, String>) -> Result<Self, Problem> {
        let limit = match query.get("limit") {
            None => None,
            Some(text) => Some(
                text.parse()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE).contains(n))
                    .ok_or_else(|| bad_request("limit must be a whole number from 1 to 500."))?,
            ),
        };
        // An index beyond any (even beyond u64, which the document allows) lists from the
        // newest, as the largest would.
        let before = match query.get("before") {
            None => None,
            Some(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                Some(text.parse::<u64>().unwrap_or(u64::MAX))
            }
            Some(_) => return Err(bad_request("before must be an index (a whole number).")),
        };
        Ok(PageQuery { limit, before })
    }
}

/// A page of a log, newest first.
async fn list<K: Kept>(
    State(store): State<Store>,
    Reader(caller): Reader,
    Params(query): Params<PageQuery>,
) -> Result<JsonAs<Page, PageOf<K::Value>>, ApiProblem> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    let before = query.before;
    let items = blocking(move || store.page(&caller.workspace, K::LOG, before, limit)).await?;
    let next = match items.last() {
        Some(last) if items.len() == limit as usize && last.index > 0 => Some(format!(
            "{}?limit={limit}&before={}",
            base(K::LOG),
            last.index
        )),
        _ => None,
    };
    Ok(JsonAs::new(Page { items, next }))
}

async fn one<K: Kept>(
    State(store): State<Store>,
    Reader(caller): Reader,
    Index(index): Index,
) -> Result<JsonAs<Stored, StoredOf<K::Value>>, ApiProblem> {
    let stored = blocking(move || store.get(&caller.workspace, K::LOG, index))
        .await?
        .ok_or_else(openapi::not_at_index)?;
    Ok(JsonAs::new(stored))
}

#[derive(Serialize, JsonSchema)]
struct Health {
    #[schemars(extend("const" = "ok"))]
    status: &'static str,
}

async fn healthz(State(store): State<Store>) -> Result<Json<Health>, ApiProblem> {
    blocking(move || store.ping())
        .await
        .map_err(|_| problem(503, "Service Unavailable", "The database does not answer."))?;
    Ok(Json(Health { status: "ok" }))
}

/// A whole-number query parameter, if given.
fn number(query: &HashMap<String, String>, name: &str) -> Result<Option<u64>, Problem> {
    query
        .get(name)
        .map(|text| {
            text.parse()
                .map_err(|_| bad_request(&format!("{name} must be a whole number.")))
        })
        .transpose()
}

fn base64_hashes(hashes: &[Hash]) -> Vec<String> {
    use base64::Engine as _;
    hashes
        .iter()
        .map(|hash| base64::engine::general_purpose::STANDARD.encode(hash))
        .collect()
}

/// A signed note (C2SP tlog-checkpoint).
struct CheckpointNote;

impl TextKind for CheckpointNote {
    const MEDIA_TYPE: &'static str = "text/plain; charset=utf-8";
    const DESCRIPTION: &'static str =
        "The checkpoint: the log's size and root hash, signed (C2SP tlog-checkpoint, signed-note).";
}

/// A signed-note verifier key.
struct VerifierKey;

impl TextKind for VerifierKey {
    const MEDIA_TYPE: &'static str = "text/plain; charset=utf-8";
    const DESCRIPTION: &'static str =
        "The verifier key (signed-note) that checkpoint signatures check against, and a newline.";
}

/// Canonical JSON texts, one a line.
struct Ndjson;

impl TextKind for Ndjson {
    const MEDIA_TYPE: &'static str = "application/x-ndjson";
    const DESCRIPTION: &'static str = "Every value in log order, each as its RFC 8785 canonical \
         text: each line's leaf hash is the log's leaf.";
}

/// The origin of a workspace's checkpoints: the key's name, then the workspace.
fn origin(signer: &CheckpointSigner, workspace: &str) -> String {
    format!("{}/{workspace}", signer.origin())
}

async fn checkpoint(
    State(state): State<AppState>,
    Reader(caller): Reader,
) -> Result<Text<CheckpointNote>, ApiProblem> {
    let (size, root) = state
        .store
        .with_tree(&caller.workspace, |tree| (tree.size(), tree.root()));
    let origin = origin(&state.signer, &caller.workspace);
    let note = state.signer.sign_as(&origin, size, &root).map_err(|e| {
        error!(%e, "signing");
        Problem::internal("The checkpoint could not be signed.")
    })?;
    Ok(Text::new(note))
}

async fn verifier_key(State(state): State<AppState>, Reader(_): Reader) -> Text<VerifierKey> {
    Text::new(format!("{}\n", state.signer.verifier_key()))
}

/// `?index=&size=`: which value, in the log of how many.
#[derive(JsonSchema)]
struct InclusionQuery {
    /// The value's position in the tamper-evident log (its `logIndex`).
    index: u64,
    /// The size of the log it is proved to be in (the log's size now unless given).
    size: Option<u64>,
}

impl FromQuery for InclusionQuery {
    fn from_query(query: &HashMap<String, String>) -> Result<Self, Problem> {
        Ok(InclusionQuery {
            index: number(query, "index")?.ok_or_else(|| bad_request("index is required."))?,
            size: number(query, "size")?,
        })
    }
}

#[derive(Serialize, JsonSchema)]
struct InclusionProof {
    /// The value's position in the log.
    index: u64,
    /// The size of the log it is in.
    size: u64,
    /// The audit path (RFC 9162), hashes in base64.
    proof: Vec<String>,
}

async fn inclusion(
    State(store): State<Store>,
    Reader(caller): Reader,
    Params(query): Params<InclusionQuery>,
) -> Result<Json<InclusionProof>, ApiProblem> {
    let index = query.index;
    store
        .with_tree(&caller.workspace, |tree| {
            let size = query.size.unwrap_or(tree.size());
            let proof = tree
                .inclusion_proof(index, size)
                .map_err(|e| bad_request(&format!("{e} (the log has {} values).", tree.size())))?;
            Ok(Json(InclusionProof {
                index,
                size,
                proof: base64_hashes(&proof),
            }))
        })
        .map_err(|problem: Problem| ApiProblem::from(problem))
}

/// `?from=&to=`: which two sizes of the log.
#[derive(JsonSchema)]
struct ConsistencyQuery {
    /// The size of the older log.
    from: u64,
    /// The size of the newer log (the log's size now unless given).
    to: Option<u64>,
}

impl FromQuery for ConsistencyQuery {
    fn from_query(query: &HashMap<String, String>) -> Result<Self, Problem> {
        Ok(ConsistencyQuery {
            from: number(query, "from")?.ok_or_else(|| bad_request("from is required."))?,
            to: number(query, "to")?,
        })
    }
}

#[derive(Serialize, JsonSchema)]
struct ConsistencyProof {
    /// The size of the older log.
    from: u64,
    /// The size of the newer log.
    to: u64,
    /// The consistency proof (RFC 9162), hashes in base64.
    proof: Vec<String>,
}

async fn consistency(
    State(store): State<Store>,
    Reader(caller): Reader,
    Params(query): Params<ConsistencyQuery>,
) -> Result<Json<ConsistencyProof>, ApiProblem> {
    let from = query.from;
    store
        .with_tree(&caller.workspace, |tree| {
            let to = query.to.unwrap_or(tree.size());
            let proof = tree
                .consistency_proof(from, to)
                .map_err(|e| bad_request(&format!("{e} (the log has {} values).", tree.size())))?;
            Ok(Json(ConsistencyProof {
                from,
                to,
                proof: base64_hashes(&proof),
            }))
        })
        .map_err(|problem: Problem| ApiProblem::from(problem))
}

async fn export(
    State(store): State<Store>,
    Reader(caller): Reader,
) -> Result<Text<Ndjson>, ApiProblem> {
    Ok(Text::new(
        blocking(move || store.export(&caller.workspace)).await?,
    ))
}
