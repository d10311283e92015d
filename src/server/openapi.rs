//! The service's OpenAPI 3.1 document (`GET /openapi.json`, shown by `GET /docs`), built by aide
//! from the routes themselves: each route is added with `api_route`, and what its handler takes
//! and answers documents it. The extractors and answers below are the service's own, so each
//! carries its part of the document: the request body (`Body<T>`: `T`'s JSON Schema, which is
//! the crate's, with the problems the body can get), the query and path parameters (`Params<D>`,
//! `Index`: the fields of the type they are parsed into), and the answers (`Created<T>`,
//! `JsonAs<B, D>`, `ApiProblem`).
//!
//! Schemas are JSON Schema draft 2020-12, OpenAPI 3.1's dialect: aide's generator writes draft-07
//! unless told, and the crate's `schemars` types write the schema of the generator's dialect
//! (`src/openapi.rs`). Request bodies are the input schemas (what is accepted, unknown keys
//! included), answers the output schemas (what parsing returns: `AuditLogEntryOutput`, ...).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::marker::PhantomData;
use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::Validated;
use crate::axum::ValidJson;
use crate::problem::{self, Problem};
use aide::axum::ApiRouter;
use aide::generate::{self, GenContext};
use aide::openapi::{
    Components, Header, HeaderStyle, MediaType, OpenApi, Operation, ParameterSchemaOrContent,
    ReferenceOr, RequestBody, Response, SchemaObject, StatusCode, Tag,
};
use aide::operation::{ParamLocation, add_parameters, parameters_from_schema, set_body};
use aide::transform::{TransformOpenApi, TransformOperation};
use aide::{OperationInput, OperationOutput};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{self, HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response as HttpResponse};
use axum::{Extension, Json, Router};
use schemars::generate::{Contract, SchemaGenerator, SchemaSettings};
use schemars::{JsonSchema, Schema, json_schema};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The name of the security scheme in the OpenAPI document.
pub const SCHEME: &str = "bearer";

/// Where the document is served.
pub const DOCUMENT_PATH: &str = "/openapi.json";
/// Where the page that shows it is.
pub const PAGE_PATH: &str = "/docs";

/// The 500 of every route that reads or writes the database.
pub const DATABASE_FAILED: (u16, &str) = (500, "The database failed; nothing was changed.");

/// The document as served: JSON text, made once.
#[derive(Clone)]
pub struct Document(Bytes);

/// Builds the routes that `routes` makes and the document that describes them: the router
/// answers `GET /openapi.json` with it. Any mistake aide reports while documenting (a response
/// or parameter given twice, an operation added twice) is an error, so that the service does not
/// start with a document that is wrong.
pub fn document<S>(routes: impl FnOnce() -> ApiRouter<S>) -> Result<Router<S>, String>
where
    S: Clone + Send + Sync + 'static,
{
    // aide keeps its settings per thread: start this thread's over, in OpenAPI 3.1's dialect.
    generate::reset_context();
    generate::in_context(|ctx| {
        ctx.schema = SchemaGenerator::new(SchemaSettings::draft2020_12().with(|settings| {
            settings.definitions_path = "#/components/schemas/".into();
        }));
    });
    let mistakes = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = Rc::clone(&mistakes);
    generate::on_error(move |mistake| sink.borrow_mut().push(mistake.to_string()));

    let mut api = OpenApi::default();
    let router = routes().finish_api_with(&mut api, describe_service);
    // Finishing resets aide's settings (and drops the error handler) on this thread.
    let mistakes = mistakes.take();
    if !mistakes.is_empty() {
        return Err(format!(
            "the OpenAPI document is wrong: {}",
            mistakes.join("; ")
        ));
    }
    let text = serde_json::to_string(&api)
        .map_err(|e| format!("the OpenAPI document cannot be written: {e}"))?;
    Ok(router.layer(Extension(Document(Bytes::from(text)))))
}

/// The document's parts that belong to no route.
fn describe_service(api: TransformOpenApi<'_>) -> TransformOpenApi<'_> {
    let api = api
        .title("auditlog service")
        .version(env!("CARGO_PKG_VERSION"))
        .description(
            "Audit-log entries and platform records, validated with the same rules as the npm \
             package `auditlog-wasm` and kept in a tamper-evident log per workspace. Every \
             operation but the health check, this document and its page needs an API key \
             (`Authorization: Bearer <key>`, made with `auditlog keys create`), which belongs to \
             one workspace: the caller stores into and sees only that workspace. A read key \
             reads; a write key stores and reads. Every error is RFC 9457 problem details \
             (`application/problem+json`); a rejected body's problem has `issues`, exactly what \
             the package's `safeParse` reports for the same JSON. A path not listed here answers \
             404, and a method a path does not list answers 405 (the responses `NotFound` and \
             `MethodNotAllowed`). `HEAD` is answered wherever `GET` is.",
        )
        .security_scheme(
            SCHEME,
            aide::openapi::SecurityScheme::Http {
                scheme: "bearer".to_owned(),
                bearer_format: Some("alk_ and 43 base64url characters".to_owned()),
                description: Some(
                    "An API key made with `auditlog keys create`: shown once, kept by the \
                     service only as its SHA-256."
                        .to_owned(),
                ),
                extensions: Default::default(),
            },
        );
    let tags = [
        ("audit-logs", "Open-types audit-log entries."),
        ("platform-records", "Platform audit-log records."),
        (
            "log",
            "The key's workspace's tamper-evident log of both: checkpoints, proofs, export.",
        ),
        ("service", "The service itself."),
    ];
    let mut api = tags.into_iter().fold(api, |api, (name, description)| {
        api.tag(Tag {
            name: name.to_owned(),
            description: Some(description.to_owned()),
            ..Tag::default()
        })
    });
    let answers = generate::in_context(|ctx| {
        [
            (
                "NotFound",
                problem_response(ctx, "Nothing is at this path.", false),
            ),
            (
                "MethodNotAllowed",
                problem_response(ctx, "The path does not take this method.", false),
            ),
        ]
    });
    let components = api
        .inner_mut()
        .components
        .get_or_insert_with(Components::default);
    for (name, answer) in answers {
        components
            .responses
            .insert(name.to_owned(), ReferenceOr::Item(answer));
    }
    api
}

/// `GET /openapi.json`.
pub async fn serve_document(Extension(document): Extension<Document>) -> DocumentJson {
    DocumentJson(document)
}

/// The document as an answer.
pub struct DocumentJson(Document);

impl IntoResponse for DocumentJson {
    fn into_response(self) -> HttpResponse {
        ([(header::CONTENT_TYPE, "application/json")], self.0.0).into_response()
    }
}

impl OperationOutput for DocumentJson {
    type Inner = ();

    fn operation_response(_ctx: &mut GenContext, _operation: &mut Operation) -> Option<Response> {
        Some(json_response(
            "This document.",
            json_schema!({ "type": "object", "required": ["openapi", "info", "paths"] }),
        ))
    }

    fn inferred_responses(
        ctx: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        Self::operation_response(ctx, operation)
            .map(|answer| (Some(StatusCode::Code(200)), answer))
            .into_iter()
            .collect()
    }
}

fn json_response(description: &str, schema: Schema) -> Response {
    media_response(description, "application/json", schema)
}

fn media_response(description: &str, media_type: &str, schema: Schema) -> Response {
    Response {
        description: description.to_owned(),
        content: [(media_type.to_owned(), media(schema))]
            .into_iter()
            .collect(),
        ..Response::default()
    }
}

fn media(json_schema: Schema) -> MediaType {
    MediaType {
        schema: Some(SchemaObject {
            json_schema,
            example: None,
            external_docs: None,
        }),
        ..MediaType::default()
    }
}

/// RFC 9457 problem details as `auditlog::problem::Problem` writes them.
enum ProblemDetails {}

impl JsonSchema for ProblemDetails {
    fn schema_name() -> Cow<'static, str> {
        "Problem".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let issue = generator.subschema_for::<IssueSchema>();
        json_schema!({
            "description": "RFC 9457 problem details. The type is always `about:blank`: each problem means what its status means, and its title is the status's phrase.",
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": { "const": "about:blank" },
                "title": { "type": "string" },
                "status": { "type": "integer", "minimum": 400, "maximum": 599 },
                "detail": { "type": "string", "description": "What went wrong, for people." },
                "issues": {
                    "description": "What is wrong with the body, for programs: the schema's issues as the npm package's `safeParse` reports them, or one `invalid_json` issue. Absent where no body was judged.",
                    "type": "array",
                    "minItems": 1,
                    "items": issue
                }
            }
        })
    }
}

/// One issue (`auditlog::Issue`): Zod's issue shape, with the members its code has.
enum IssueSchema {}

impl JsonSchema for IssueSchema {
    fn schema_name() -> Cow<'static, str> {
        "Issue".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One issue, as Zod 4 reports it; each code has its own further members (`expected`, `minimum`, `values`, ...).",
            "type": "object",
            "required": ["code", "path", "message"],
            "properties": {
                "code": {
                    "enum": [
                        "invalid_type", "too_small", "too_big", "invalid_value", "invalid_format",
                        "invalid_key", "missing_resource", "duplicate_resource_id", "invalid_json",
                        "custom"
                    ]
                },
                "path": {
                    "description": "Where in the body: keys and array indexes.",
                    "type": "array",
                    "items": { "type": ["string", "integer"] }
                },
                "message": { "type": "string" }
            }
        })
    }
}

/// A problem-details answer with a header it always has.
pub fn problem_response_with_header(
    ctx: &mut GenContext,
    description: &str,
    name: &str,
    header_description: &str,
) -> Response {
    let mut answer = problem_response(ctx, description, false);
    answer.headers.insert(
        name.to_owned(),
        ReferenceOr::Item(string_header(header_description, true)),
    );
    answer
}

fn string_header(description: &str, required: bool) -> Header {
    Header {
        description: Some(description.to_owned()),
        style: HeaderStyle::Simple,
        required,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(SchemaObject {
            json_schema: json_schema!({ "type": "string" }),
            example: None,
            external_docs: None,
        }),
        example: None,
        examples: Default::default(),
        extensions: Default::default(),
    }
}

/// A problem-details answer; `issues`: whether it always has them.
pub fn problem_response(ctx: &mut GenContext, description: &str, issues: bool) -> Response {
    let problem = ctx.schema.subschema_for::<ProblemDetails>();
    let schema = if issues {
        json_schema!({ "allOf": [problem, { "required": ["issues"] }] })
    } else {
        problem
    };
    media_response(description, problem::CONTENT_TYPE, schema)
}

/// A handler's error: problem details (`auditlog::problem::Problem`), with headers of its own
/// (`WWW-Authenticate`, `Retry-After`). The statuses each route answers with are listed by the
/// route ([`problems`]) or by its extractors.
pub struct ApiProblem {
    /// The answer's body and status.
    pub problem: Problem,
    /// Headers it has besides `Content-Type`.
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiProblem {
    /// A problem with headers of its own.
    pub fn with_headers(problem: Problem, headers: Vec<(HeaderName, HeaderValue)>) -> ApiProblem {
        ApiProblem { problem, headers }
    }
}

impl From<Problem> for ApiProblem {
    fn from(problem: Problem) -> Self {
        ApiProblem {
            problem,
            headers: Vec::new(),
        }
    }
}

impl IntoResponse for ApiProblem {
    fn into_response(self) -> HttpResponse {
        let mut response = self.problem.into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

impl OperationOutput for ApiProblem {
    type Inner = ();

    fn operation_response(ctx: &mut GenContext, _operation: &mut Operation) -> Option<Response> {
        Some(problem_response(ctx, "", false))
    }
}

/// Adds problem-details answers to an operation: `(status, when)`.
pub fn problems<'t>(
    mut operation: TransformOperation<'t>,
    answers: &[(u16, &str)],
) -> TransformOperation<'t> {
    generate::in_context(|ctx| {
        let responses = operation
            .inner_mut()
            .responses
            .get_or_insert_with(Default::default);
        for &(status, description) in answers {
            let answer = problem_response(ctx, description, false);
            let code = StatusCode::Code(status);
            if responses
                .responses
                .insert(code.clone(), ReferenceOr::Item(answer))
                .is_some()
            {
                ctx.error(aide::Error::ResponseExists(code));
            }
        }
    });
    operation
}

/// Describes an answer an operation already has (from its handler's type).
pub fn answer<'t>(
    mut operation: TransformOperation<'t>,
    status: u16,
    description: &str,
) -> TransformOperation<'t> {
    let found = operation
        .inner_mut()
        .responses
        .as_mut()
        .and_then(|responses| responses.responses.get_mut(&StatusCode::Code(status)))
        .and_then(ReferenceOr::as_item_mut);
    match found {
        Some(response) => response.description = description.to_owned(),
        None => generate::in_context(|ctx| {
            ctx.error(aide::Error::Other(Box::new(std::io::Error::other(
                format!("no {status} answer to describe"),
            ))));
        }),
    }
    operation
}

/// How a request's body is read: within `timeout` of its headers' arrival, and at most
/// `body_bytes` long (the router's `Extension`). A client that sends it slower is answered 408
/// and its connection closed, so that it cannot hold the connection (hyper's header read timeout
/// does the same for headers); a longer body is answered 413.
#[derive(Debug, Clone, Copy)]
pub struct BodyRules {
    /// How long the body may take to arrive.
    pub timeout: Duration,
    /// The largest body, in bytes.
    pub body_bytes: usize,
}

/// The service's request slots (`Limits::concurrent_requests`), as a router `Extension`. A
/// request without a body takes one before it is handled ([`routes::router`]'s middleware); a
/// request with one takes it only once its body has arrived ([`Body`]), so that clients whose
/// bodies are slow or never come do not keep others waiting until the read timeout.
///
/// [`routes::router`]: super::routes::router
#[derive(Debug, Clone)]
pub struct Permits(pub std::sync::Arc<tokio::sync::Semaphore>);

impl Permits {
    /// Waits for a free slot; `None` only if the slots were closed (they never are).
    pub async fn acquire(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        self.0.clone().acquire_owned().await.ok()
    }
}

/// A request body that passed every rule of `T`'s schema (the crate's `ValidJson<T>`),
/// documented as `T`'s JSON Schema with the problems the extractor answers; how long its
/// checking took once it had arrived (JSON parsing and validation); and the request's slot
/// ([`Permits`]), taken once the body had arrived, to hold while the handler works.
pub struct Body<T>(
    pub T,
    pub Duration,
    pub Option<tokio::sync::OwnedSemaphorePermit>,
);

impl<S: Send + Sync, T: Validated> FromRequest<S> for Body<T> {
    type Rejection = ApiProblem;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiProblem> {
        let rules = request
            .extensions()
            .get::<BodyRules>()
            .copied()
            .unwrap_or(BodyRules {
                timeout: Duration::from_secs(10),
                body_bytes: 64 * 1024,
            });
        let (parts, body) = request.into_parts();
        // The whole body first, within the timeout and the limit; then parsing and checking.
        let limited = http_body_util::Limited::new(body, rules.body_bytes);
        let read = tokio::time::timeout(rules.timeout, http_body_util::BodyExt::collect(limited));
        let bytes = match read.await {
            Ok(Ok(collected)) => collected.to_bytes(),
            Ok(Err(failure)) => {
                return Err(if failure.is::<http_body_util::LengthLimitError>() {
                    Problem::too_large()
                } else {
                    Problem::unreadable()
                }
                .into());
            }
            Err(_) => {
                return Err(ApiProblem::with_headers(
                    Problem {
                        status: 408,
                        title: "Request Timeout",
                        detail: format!(
                            "The body did not arrive within {} ms.",
                            rules.timeout.as_millis()
                        ),
                        issues: None,
                    },
                    vec![(header::CONNECTION, HeaderValue::from_static("close"))],
                ));
            }
        };
        // The body is here: now it waits for a slot, and its checking and storing count
        // against the limit (without the router's `Permits`, as in some tests: no limit).
        let permit = match parts.extensions.get::<Permits>() {
            Some(permits) => Some(
                permits
                    .acquire()
                    .await
                    .ok_or_else(|| Problem::internal("The service is shutting down."))?,
            ),
            None => None,
        };
        let started = Instant::now();
        let request = Request::from_parts(parts, axum::body::Body::from(bytes));
        let ValidJson(value) = ValidJson::<T>::from_request(request, state).await?;
        Ok(Body(value, started.elapsed(), permit))
    }
}

impl<T: Validated + JsonSchema> OperationInput for Body<T> {
    fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
        let schema = ctx.schema.subschema_for::<T>();
        let body = RequestBody {
            description: Some(format!(
                "The {} to store. Its schema is what is accepted; keys it does not know are \
                 dropped.",
                T::WHAT
            )),
            content: [("application/json".to_owned(), media(schema))]
                .into_iter()
                .collect(),
            required: true,
            ..RequestBody::default()
        };
        set_body(ctx, operation, body);
    }

    fn inferred_early_responses(
        ctx: &mut GenContext,
        _operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        [
            (
                400,
                "The body is not JSON (one `invalid_json` issue), or could not be read.",
                false,
            ),
            (
                408,
                "The body did not arrive within the service's read timeout; the connection is \
                 closed.",
                false,
            ),
            (413, "The body is larger than the service takes.", false),
            (
                415,
                "The body is not sent as JSON (`Content-Type: application/json`).",
                false,
            ),
            (
                422,
                "The body is JSON that the schema rejects: `issues`.",
                true,
            ),
        ]
        .into_iter()
        .map(|(status, description, issues)| {
            (
                Some(StatusCode::Code(status)),
                problem_response(ctx, description, issues),
            )
        })
        .collect()
    }
}

/// Query parameters that can be read from the query's text, answering a problem when they cannot.
pub trait FromQuery: Sized {
    /// The parameters of the query's text, or the problem (400) that answers it.
    fn from_query(query: &HashMap<String, String>) -> Result<Self, Problem>;
}

/// The query parameters of `D`, which documents them (each field a parameter).
pub struct Params<D>(pub D);

impl<S: Send + Sync, D: FromQuery> FromRequestParts<S> for Params<D> {
    type Rejection = ApiProblem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiProblem> {
        let Query(query) = Query::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| bad_request("The query string cannot be read."))?;
        Ok(Params(D::from_query(&query)?))
    }
}

impl<D: JsonSchema> OperationInput for Params<D> {
    fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
        // Inline: the parameters are documented one by one, not as a schema of their own.
        let schema = D::json_schema(&mut ctx.schema);
        let parameters = parameters_from_schema(ctx, schema, ParamLocation::Query);
        add_parameters(ctx, operation, parameters);
    }

    fn inferred_early_responses(
        ctx: &mut GenContext,
        _operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        vec![(
            Some(StatusCode::Code(400)),
            problem_response(
                ctx,
                "A parameter is missing, not a whole number, or out of range.",
                false,
            ),
        )]
    }
}

/// A 400 with `detail`.
pub fn bad_request(detail: &str) -> Problem {
    Problem {
        status: 400,
        title: "Bad Request",
        detail: detail.to_owned(),
        issues: None,
    }
}

/// The `{index}` of a path: a value's position in its log. Anything else is not there (404).
pub struct Index(pub u64);

/// What [`Index`] is read from, and documented as.
#[derive(Deserialize, JsonSchema)]
struct IndexPath {
    /// The value's position in its log, from 0.
    index: u64,
}

/// The 404 of an index where the caller's workspace has no value: the same whether another
/// workspace has one there or not.
pub fn not_at_index() -> Problem {
    Problem {
        status: 404,
        title: "Not Found",
        detail: "There is no value at this index.".to_owned(),
        issues: None,
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Index {
    type Rejection = ApiProblem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiProblem> {
        let Path(IndexPath { index }) = Path::from_request_parts(parts, state)
            .await
            .map_err(|_| not_at_index())?;
        Ok(Index(index))
    }
}

impl OperationInput for Index {
    fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
        let schema = IndexPath::json_schema(&mut ctx.schema);
        let parameters = parameters_from_schema(ctx, schema, ParamLocation::Path);
        add_parameters(ctx, operation, parameters);
    }

    fn inferred_early_responses(
        ctx: &mut GenContext,
        _operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        vec![(
            Some(StatusCode::Code(404)),
            problem_response(ctx, "There is no value at this index.", false),
        )]
    }
}

/// `T` as the service writes it: its JSON Schema for what is serialized (the crate's output mode,
/// without unknown keys), named `<T>Output`. The crate's schemas have no subschemas of their own,
/// so the schema is whole.
pub struct Output<T>(PhantomData<T>);

impl<T: JsonSchema> JsonSchema for Output<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}Output", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let settings = generator
            .settings()
            .clone()
            .with(|settings| settings.contract = Contract::Serialize);
        T::json_schema(&mut SchemaGenerator::new(settings))
    }
}

/// 201: a value stored at `location`, answered as it was stored (`T`'s output).
pub struct Created<T> {
    /// Where it is (`GET` it there).
    pub location: String,
    /// The value as stored.
    pub data: Value,
    /// `Server-Timing`, when the service is asked to tell how long each step took.
    pub timing: Option<String>,
    /// What kind of value it is, for the document.
    pub kind: PhantomData<fn() -> T>,
}

impl<T> IntoResponse for Created<T> {
    fn into_response(self) -> HttpResponse {
        let mut response = (
            http::StatusCode::CREATED,
            [(header::LOCATION, self.location)],
            Json(self.data),
        )
            .into_response();
        if let Some(timing) = self.timing.and_then(|t| HeaderValue::from_str(&t).ok()) {
            response
                .headers_mut()
                .insert(HeaderName::from_static("server-timing"), timing);
        }
        response
    }
}

impl<T: JsonSchema> OperationOutput for Created<T> {
    type Inner = ();

    fn operation_response(ctx: &mut GenContext, _operation: &mut Operation) -> Option<Response> {
        let mut answer = json_response(
            "Stored: the value as the npm package's `parse` returns it (no unknown keys).",
            ctx.schema.subschema_for::<Output<T>>(),
        );
        let location = Header {
            description: Some("Where the stored value is: `GET` it there.".to_owned()),
            style: HeaderStyle::Simple,
            required: true,
            deprecated: None,
            format: ParameterSchemaOrContent::Schema(SchemaObject {
                json_schema: json_schema!({ "type": "string", "format": "uri-reference" }),
                example: None,
                external_docs: None,
            }),
            example: None,
            examples: Default::default(),
            extensions: Default::default(),
        };
        answer
            .headers
            .insert("Location".to_owned(), ReferenceOr::Item(location));
        answer.headers.insert(
            "Server-Timing".to_owned(),
            ReferenceOr::Item(string_header(
                "Only when the service runs with `--server-timing`: how long the value's checking \
                 (`validate`), its leaf (`leaf`) and its SQLite transaction (`db`) took, in ms.",
                false,
            )),
        );
        Some(answer)
    }

    fn inferred_responses(
        ctx: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        Self::operation_response(ctx, operation)
            .map(|answer| (Some(StatusCode::Code(201)), answer))
            .into_iter()
            .collect()
    }
}

/// 200: `B` as JSON, documented as `D` (a type whose schema says more than `B`'s would, such as
/// which log's values a page holds).
pub struct JsonAs<B, D>(pub B, PhantomData<fn() -> D>);

impl<B, D> JsonAs<B, D> {
    /// `body`, to be documented as `D`.
    pub fn new(body: B) -> Self {
        JsonAs(body, PhantomData)
    }
}

impl<B: Serialize, D> IntoResponse for JsonAs<B, D> {
    fn into_response(self) -> HttpResponse {
        Json(self.0).into_response()
    }
}

impl<B, D: JsonSchema> OperationOutput for JsonAs<B, D> {
    type Inner = D;

    fn operation_response(ctx: &mut GenContext, operation: &mut Operation) -> Option<Response> {
        <Json<D> as OperationOutput>::operation_response(ctx, operation)
    }

    fn inferred_responses(
        ctx: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        <Json<D> as OperationOutput>::inferred_responses(ctx, operation)
    }
}

/// 200: text of a media type, `K` saying which.
pub struct Text<K>(pub String, PhantomData<fn() -> K>);

impl<K> Text<K> {
    /// `text`, to be answered as `K`.
    pub fn new(text: String) -> Self {
        Text(text, PhantomData)
    }
}

/// What a [`Text`] answer is.
pub trait TextKind {
    /// Its `Content-Type`.
    const MEDIA_TYPE: &'static str;
    /// What it is, for the document.
    const DESCRIPTION: &'static str;
}

impl<K: TextKind> IntoResponse for Text<K> {
    fn into_response(self) -> HttpResponse {
        ([(header::CONTENT_TYPE, K::MEDIA_TYPE)], self.0).into_response()
    }
}

impl<K: TextKind> OperationOutput for Text<K> {
    type Inner = String;

    fn operation_response(_ctx: &mut GenContext, _operation: &mut Operation) -> Option<Response> {
        Some(media_response(
            K::DESCRIPTION,
            K::MEDIA_TYPE,
            json_schema!({ "type": "string" }),
        ))
    }

    fn inferred_responses(
        ctx: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<StatusCode>, Response)> {
        Self::operation_response(ctx, operation)
            .map(|answer| (Some(StatusCode::Code(200)), answer))
            .into_iter()
            .collect()
    }
}
