//! The service's OpenAPI document (`GET /openapi.json`, src/server/openapi.rs): valid OpenAPI 3.1
//! by the official schema; every route the router has is in it and every operation in it is
//! routed, each answering only statuses, media types, headers and bodies that the document lists
//! for it (401, 403 and 429 included); and its request bodies are the crate's own JSON Schemas.
//!
//! The router is the service's own (`auditlog::server`), asked in-process.
#![cfg(feature = "serve")]

use auditlog::server::{keys, openapi, routes, store};

use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use auditlog::json_schema::{self, Io, Target};
use auditlog::log::CheckpointSigner;
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use rand_core::OsRng;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The body limit of the services made here: small, so that a 413 is cheap to get.
const BODY_LIMIT: usize = 4096;

/// A service on a database of its own, removed when it is dropped, with a write key and a read
/// key of the workspace `ws_1`.
struct Service {
    router: Router,
    dir: PathBuf,
    write_key: String,
    read_key: String,
}

impl Service {
    fn new() -> Service {
        Service::with_rate(1000, 1000)
    }

    fn with_rate(per_second: u32, burst: u32) -> Service {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "auditlog-service-openapi-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let store = store::Store::open(&dir.join("log.db"), store::Sync::Normal).unwrap();
        let (write_key, read_key) = store
            .with_keys(|c| {
                Ok((
                    keys::create(c, "ws_1", keys::Scope::Write)?,
                    keys::create(c, "ws_1", keys::Scope::Read)?,
                ))
            })
            .unwrap();
        let (signer, _key) =
            CheckpointSigner::generate("auditlog.example/openapi-test", &mut OsRng).unwrap();
        let limits = routes::Limits {
            body_bytes: BODY_LIMIT,
            concurrent_requests: 4,
            read_timeout: Duration::from_secs(5),
            rate: auditlog::server::auth::RateLimit {
                per_second: NonZeroU32::new(per_second).unwrap(),
                burst: NonZeroU32::new(burst).unwrap(),
            },
            server_timing: false,
        };
        let router = routes::router(store, signer, &limits).unwrap();
        Service {
            router,
            dir,
            write_key,
            read_key,
        }
    }

    /// Sends a request as it is, without a key unless it has one.
    async fn send_as_is(&self, request: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers: BTreeMap<String, String> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap().to_owned()))
            .collect();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            content_type: headers.get("content-type").cloned(),
            location: headers.get("location").cloned(),
            headers,
            text: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    /// Sends a request with the write key.
    async fn send(&self, mut request: Request<Body>) -> Answer {
        let bearer = format!("Bearer {}", self.write_key);
        request
            .headers_mut()
            .insert(header::AUTHORIZATION, bearer.parse().unwrap());
        self.send_as_is(request).await
    }

    async fn get(&self, uri: &str) -> Answer {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    async fn document(&self) -> Value {
        let answer = self.get("/openapi.json").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.content_type.as_deref(), Some("application/json"));
        serde_json::from_str(&answer.text).unwrap()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(Debug)]
struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    location: Option<String>,
    headers: BTreeMap<String, String>,
    text: String,
}

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/openapi-3.1/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Validates documents against the official OpenAPI 3.1 schema `name` (`schema.json`: the
/// document; `schema-base.json`: also each Schema Object, by the OpenAPI dialect of JSON Schema).
fn openapi_validator(name: &str) -> jsonschema::Validator {
    let mut registry = jsonschema::Registry::new();
    for file in ["schema.json", "dialect.json", "meta.json"] {
        let schema = fixture(file);
        let id = schema["$id"].as_str().unwrap().to_owned();
        registry = registry.add(id, schema).unwrap();
    }
    let registry = registry.prepare().unwrap();
    jsonschema::options()
        .with_registry(&registry)
        .build(&fixture(name))
        .unwrap()
}

fn openapi_errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[tokio::test]
async fn the_document_is_valid_openapi_3_1_by_the_official_schema() {
    let document = Service::new().document().await;
    assert_eq!(document["openapi"], "3.1.0");
    for name in ["schema.json", "schema-base.json"] {
        let validator = openapi_validator(name);
        assert_eq!(openapi_errors(&validator, &document), Vec::<String>::new());
    }

    // The validator does look: a response without its description is not OpenAPI, and (with the
    // dialect) neither is a Schema Object with a `type` that is not a type.
    let mut no_description = document.clone();
    no_description["paths"]["/healthz"]["get"]["responses"]["200"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    let mut bad_schema = document.clone();
    bad_schema["components"]["schemas"]["AuditLogEntry"]["type"] = json!("entry");
    let (document_only, with_schemas) = (
        openapi_validator("schema.json"),
        openapi_validator("schema-base.json"),
    );
    assert!(!openapi_errors(&document_only, &no_description).is_empty());
    assert!(!openapi_errors(&with_schemas, &no_description).is_empty());
    assert!(openapi_errors(&document_only, &bad_schema).is_empty());
    assert!(!openapi_errors(&with_schemas, &bad_schema).is_empty());
}

/// What `routes.rs` says the service answers (its table), and the document's own two routes.
/// All but these three need a key.
const PUBLIC: [&str; 3] = ["/healthz", "/openapi.json", "/docs"];

const ROUTES: [(&str, &str); 14] = [
    ("get", "/audit-logs"),
    ("post", "/audit-logs"),
    ("get", "/audit-logs/{index}"),
    ("get", "/platform-records"),
    ("post", "/platform-records"),
    ("get", "/platform-records/{index}"),
    ("get", "/healthz"),
    ("get", "/checkpoint"),
    ("get", "/checkpoint/key"),
    ("get", "/proof/inclusion"),
    ("get", "/proof/consistency"),
    ("get", "/export"),
    ("get", "/openapi.json"),
    ("get", "/docs"),
];

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The document's operations: (method, path).
fn operations(document: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            assert!(METHODS.contains(&method.as_str()), "{method} {path}");
            found.insert((method.clone(), path.clone()));
        }
    }
    found
}

/// Resolves a `$ref` within the document.
fn resolve<'d>(document: &'d Value, value: &'d Value) -> &'d Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(pointer) => document
            .pointer(pointer.strip_prefix('#').unwrap())
            .unwrap_or_else(|| panic!("{pointer} is not in the document")),
        None => value,
    }
}

/// The media type without its parameters.
fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap().trim()
}

/// Holds an answer to what the document lists for it: `response` (a Response Object or a
/// reference to one) has its media type, a body valid by that media type's schema, and the
/// headers it requires.
fn assert_documented_answer(document: &Value, what: &str, response: &Value, answer: &Answer) {
    let response = resolve(document, response);
    let content = response["content"].as_object().unwrap();
    let content_type = answer.content_type.as_deref().unwrap_or_default();
    let (media_type, media) = content
        .iter()
        .find(|(media_type, _)| essence(media_type) == essence(content_type))
        .unwrap_or_else(|| panic!("{what}: {content_type} is not among {content:?}"));
    let schema = &media["schema"];
    let json = essence(media_type) == "application/json" || essence(media_type).ends_with("+json");
    let body = if json {
        serde_json::from_str(&answer.text)
            .unwrap_or_else(|e| panic!("{what}: {e}: {}", answer.text))
    } else {
        Value::String(answer.text.clone())
    };
    // The schema with the document's components beside it, where its references point.
    let mut root = json!({ "allOf": [schema], "components": document["components"] });
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    let validator = jsonschema::validator_for(&root).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:?} in {body}");
    if essence(media_type) == "application/problem+json" {
        assert_eq!(body["status"], answer.status.as_u16(), "{what}");
    }
    if let Some(headers) = response.get("headers").and_then(Value::as_object) {
        for (name, header) in headers {
            if header["required"] == true {
                assert!(
                    answer.headers.contains_key(&name.to_ascii_lowercase()),
                    "{what}: no {name} header"
                );
            }
        }
    }
}

/// Holds an answer to the operation's documented responses; returns the status.
fn assert_operation_answer(
    document: &Value,
    method: &str,
    path: &str,
    request: &str,
    answer: &Answer,
) -> u16 {
    let status = answer.status.as_u16();
    let what = format!("{request} answered {status}");
    let responses = &document["paths"][path][method]["responses"];
    let response = responses
        .get(status.to_string())
        .unwrap_or_else(|| panic!("{what}, which {method} {path} does not list: {answer:?}"));
    assert_documented_answer(document, &what, response, answer);
    status
}

/// A value the service takes for a documented parameter, so that the operation can succeed.
fn good_value(name: &str) -> &'static str {
    match name {
        "index" | "before" => "0",
        "limit" | "size" | "from" | "to" => "1",
        _ => panic!("the test knows no value for the parameter {name}"),
    }
}

/// The request URI of an operation with its path parameters filled in, and query parameters:
/// its required ones, and `extra`.
fn uri_of(path: &str, path_value: &str, query: &[(String, String)]) -> String {
    let mut uri = path.replace("{index}", path_value);
    for (i, (name, value)) in query.iter().enumerate() {
        uri.push(if i == 0 { '?' } else { '&' });
        uri.push_str(&format!("{name}={value}"));
    }
    uri
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

#[tokio::test]
async fn every_route_is_documented_and_answers_only_as_documented() {
    let service = Service::new();
    let document = service.document().await;
    let documented = operations(&document);
    let expected: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(documented, expected);

    // The POSTs first, so that there are values to read, prove and export.
    let good_bodies = [
        (
            "/audit-logs",
            json!({ "id": "audit_min_005", "action": "read", "actor_id": "user_321",
                    "resource_type": "report", "resource_id": "report_001",
                    "timestamp": "2026-05-16T18:30:00Z", "unknown": "dropped" }),
        ),
        (
            "/platform-records",
            json!({ "event": "workspace.update", "workspaceId": "ws_1", "display": "billing",
                    "actorId": "system", "actorType": "system", "resources": [] }),
        ),
    ];
    let mut seen: BTreeSet<(String, String, u16)> = BTreeSet::new();
    for (path, good) in &good_bodies {
        let what = |case: &str| format!("POST {path} ({case})");
        let check = |case: &str, answer: &Answer| {
            assert_operation_answer(&document, "post", path, &what(case), answer)
        };
        let stored = service
            .send(post(path, "application/json", good.to_string()))
            .await;
        assert_eq!(check("a valid body", &stored), 201, "{stored:?}");
        // Where the 201 says it is, the value is, as the 201 gave it.
        let location = stored.location.clone().unwrap();
        assert!(location.starts_with(&format!("{path}/")), "{location}");
        let read = service.get(&location).await;
        let read_path = format!("{path}/{{index}}");
        assert_eq!(
            assert_operation_answer(&document, "get", &read_path, &location, &read),
            200
        );
        let read: Value = serde_json::from_str(&read.text).unwrap();
        assert_eq!(
            read["data"],
            serde_json::from_str::<Value>(&stored.text).unwrap()
        );

        let cases = [
            (
                "a body its schema rejects",
                post(path, "application/json", json!({ "id": "" }).to_string()),
                422,
            ),
            (
                "a body that is not JSON",
                post(path, "application/json", "{\"id\": "),
                400,
            ),
            (
                "a body not sent as JSON",
                post(path, "text/plain", good.to_string()),
                415,
            ),
            (
                "a body over the limit",
                post(
                    path,
                    "application/json",
                    json!({ "id": "x".repeat(BODY_LIMIT) }).to_string(),
                ),
                413,
            ),
        ];
        for (case, request, status) in cases {
            let answer = service.send(request).await;
            assert_eq!(check(case, &answer), status, "{}: {answer:?}", what(case));
            if status == 422 {
                let body: Value = serde_json::from_str(&answer.text).unwrap();
                assert!(!body["issues"].as_array().unwrap().is_empty());
            }
        }
        seen.insert(("post".to_owned(), path.to_string(), 201));
    }

    for (method, path) in documented.iter().filter(|(method, _)| method == "get") {
        let operation = &document["paths"][path][method];
        let parameters: Vec<&Value> = operation
            .get("parameters")
            .and_then(Value::as_array)
            .map(|list| list.iter().collect())
            .unwrap_or_default();
        let required: Vec<(String, String)> = parameters
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| {
                let name = p["name"].as_str().unwrap();
                (name.to_owned(), good_value(name).to_owned())
            })
            .collect();

        // With what it needs, each operation succeeds.
        let uri = uri_of(path, "0", &required);
        let answer = service.get(&uri).await;
        let status = assert_operation_answer(&document, method, path, &uri, &answer);
        assert_eq!(status, 200, "GET {uri}: {answer:?}");
        seen.insert((method.clone(), path.clone(), status));
        // HEAD is answered as GET is, without the body.
        let head = service
            .send(Request::head(&uri).body(Body::empty()).unwrap())
            .await;
        assert_eq!(head.status, answer.status, "HEAD {uri}");
        assert!(head.text.is_empty());

        for parameter in &parameters {
            let name = parameter["name"].as_str().unwrap();
            match parameter["in"].as_str().unwrap() {
                // Every documented query parameter is read: each one alone with a good value
                // succeeds, and with a value that is not a whole number answers 400.
                "query" => {
                    for (value, status) in [(good_value(name), 200), ("x", 400)] {
                        let mut query = required.clone();
                        query.retain(|(n, _)| n != name);
                        query.push((name.to_owned(), value.to_owned()));
                        let uri = uri_of(path, "0", &query);
                        let answer = service.get(&uri).await;
                        let got = assert_operation_answer(&document, method, path, &uri, &answer);
                        assert_eq!(got, status, "GET {uri}: {answer:?}");
                    }
                }
                // And the path's index is read: one where no value is, or that is not an index,
                // answers 404.
                "path" => {
                    assert_eq!(name, "index");
                    for value in ["999", "x", "-1"] {
                        let uri = uri_of(path, value, &required);
                        let answer = service.get(&uri).await;
                        let got = assert_operation_answer(&document, method, path, &uri, &answer);
                        assert_eq!(got, 404, "GET {uri}: {answer:?}");
                    }
                }
                other => panic!("{name} in {other}"),
            }
        }
        // A required parameter that is missing is a documented 400.
        for (name, _) in &required {
            let mut query = required.clone();
            query.retain(|(n, _)| n != name);
            let uri = uri_of(path, "0", &query);
            let answer = service.get(&uri).await;
            let got = assert_operation_answer(&document, method, path, &uri, &answer);
            assert_eq!(got, 400, "GET {uri}: {answer:?}");
        }
    }
    // Every operation but the three public ones declares the bearer key, and without one (or
    // with a key that is not one) answers the documented 401 with its challenge.
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"],
        json!({ "type": "http", "scheme": "bearer",
                "bearerFormat": "alk_ and 43 base64url characters",
                "description": document["components"]["securitySchemes"]["bearer"]["description"] })
    );
    for (method, path) in &documented {
        let operation = &document["paths"][path][method];
        let public = PUBLIC.contains(&path.as_str());
        let security = operation.get("security").cloned().unwrap_or(json!([]));
        assert_eq!(
            security,
            if public {
                json!([])
            } else {
                json!([{ "bearer": [] }])
            },
            "{method} {path}"
        );
        if public {
            continue;
        }
        let uri = uri_of(path, "0", &[]);
        let bad = "Bearer alk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for authorization in [None, Some(bad), Some("Basic dXNlcjpwYXNz")] {
            let mut request = Request::builder()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
                .uri(&uri)
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(value) = authorization {
                request = request.header(header::AUTHORIZATION, value);
            }
            let answer = service
                .send_as_is(request.body(Body::from("{}")).unwrap())
                .await;
            let what = format!("{method} {uri} with {authorization:?}");
            let status = assert_operation_answer(&document, method, path, &what, &answer);
            assert_eq!(status, 401, "{what}: {answer:?}");
            assert!(answer.headers["www-authenticate"].starts_with("Bearer realm="));
        }
    }
    // A read key that writes, and a record that names another workspace: the documented 403.
    for (path, good) in &good_bodies {
        let mut request = post(path, "application/json", good.to_string());
        let bearer = format!("Bearer {}", service.read_key);
        request
            .headers_mut()
            .insert(header::AUTHORIZATION, bearer.parse().unwrap());
        let answer = service.send_as_is(request).await;
        let what = format!("POST {path} with a read key");
        assert_eq!(
            assert_operation_answer(&document, "post", path, &what, &answer),
            403
        );
        assert_eq!(
            answer.headers["www-authenticate"],
            "Bearer realm=\"auditlog\", error=\"insufficient_scope\""
        );
    }
    let elsewhere = json!({ "event": "workspace.update", "workspaceId": "ws_2", "display": "",
                            "actorId": "system", "actorType": "system", "resources": [] });
    let answer = service
        .send(post(
            "/platform-records",
            "application/json",
            elsewhere.to_string(),
        ))
        .await;
    let what = "POST /platform-records naming another workspace";
    assert_eq!(
        assert_operation_answer(&document, "post", "/platform-records", what, &answer),
        403
    );

    assert_eq!(
        seen.iter()
            .map(|(m, p, _)| (m.clone(), p.clone()))
            .collect::<BTreeSet<_>>(),
        documented,
        "every operation succeeded once"
    );

    // Every method that a documented path does not list answers 405, as the document says.
    let paths: BTreeSet<&String> = documented.iter().map(|(_, path)| path).collect();
    for path in paths {
        let uri = uri_of(path, "0", &[]);
        for method in ["get", "post", "put", "patch", "delete", "options", "trace"] {
            if documented.contains(&(method.to_owned(), path.clone())) {
                continue;
            }
            let request = Request::builder()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
                .uri(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let answer = service.send(request).await;
            assert_eq!(answer.status, 405, "{method} {uri}: {answer:?}");
            let what = format!("{method} {uri}");
            let response = &document["components"]["responses"]["MethodNotAllowed"];
            assert_documented_answer(&document, &what, response, &answer);
        }
    }
    // A path that is not in the document is not there.
    for uri in [
        "/",
        "/nothing-here",
        "/audit-logs/0/more",
        "/proof",
        "/openapi.yaml",
    ] {
        let answer = service.get(uri).await;
        assert_eq!(answer.status, 404, "{uri}: {answer:?}");
        let response = &document["components"]["responses"]["NotFound"];
        assert_documented_answer(&document, uri, response, &answer);
    }
}

/// A key over its rate gets the documented 429 with `Retry-After`; the other keys do not.
#[tokio::test]
async fn a_key_over_its_rate_gets_the_documented_429() {
    let service = Service::with_rate(1, 2);
    let document = service.document().await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let answer = service.get("/checkpoint").await;
        statuses.push(assert_operation_answer(
            &document,
            "get",
            "/checkpoint",
            "GET /checkpoint",
            &answer,
        ));
        if answer.status == 429 {
            assert_eq!(answer.headers["retry-after"], "1");
        }
    }
    assert_eq!(statuses, [200, 200, 429]);
    // The read key has a rate of its own.
    let mut request = Request::get("/checkpoint").body(Body::empty()).unwrap();
    let bearer = format!("Bearer {}", service.read_key);
    request
        .headers_mut()
        .insert(header::AUTHORIZATION, bearer.parse().unwrap());
    assert_eq!(service.send_as_is(request).await.status, 200);
}

/// The router can only be given routes that are documented: the service adds every route with
/// aide's `api_route`, none with axum's own `route`, `nest` or `merge`, which would not be in
/// the document.
#[test]
fn the_service_adds_no_route_the_document_cannot_see() {
    let dir = format!("{}/src/server", env!("CARGO_MANIFEST_DIR"));
    let mut api_routes = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for undocumented in [
            ".route(",
            ".route_service(",
            ".route_with_tsr(",
            ".nest(",
            ".nest_service(",
            ".nest_api_service(",
            ".merge(",
        ] {
            assert!(
                !source.contains(undocumented),
                "{} adds a route with {undocumented}",
                path.display()
            );
        }
        api_routes += source.matches(".api_route(").count();
    }
    // One per path of the document.
    let paths: BTreeSet<&str> = ROUTES.iter().map(|(_, path)| *path).collect();
    assert_eq!(api_routes, paths.len());
}

/// A mistake aide notices while documenting (here, an answer given twice) stops the service from
/// being made, rather than leaving the document wrong.
#[test]
fn a_mistake_in_the_document_is_an_error() {
    use aide::axum::ApiRouter;
    use aide::axum::routing::get_with;

    async fn nothing() -> openapi::JsonAs<(), ()> {
        openapi::JsonAs::new(())
    }
    let twice = openapi::document(|| {
        ApiRouter::<()>::new().api_route(
            "/twice",
            get_with(nothing, |op| {
                let op = openapi::problems(op, &[(500, "once")]);
                openapi::problems(op, &[(500, "twice")])
            }),
        )
    });
    let mistake = twice.err().unwrap();
    assert!(mistake.contains("500"), "{mistake}");
    let once = openapi::document(|| {
        ApiRouter::<()>::new().api_route(
            "/once",
            get_with(nothing, |op| openapi::problems(op, &[(500, "once")])),
        )
    });
    assert!(once.is_ok());
}

fn without_schema_uri(mut schema: Value) -> Value {
    schema.as_object_mut().unwrap().remove("$schema");
    schema
}

#[tokio::test]
async fn the_bodies_are_the_crates_json_schemas() {
    let document = Service::new().document().await;
    let schema_at = |pointer: &str| {
        let at = document
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{pointer}"));
        resolve(&document, at).clone()
    };
    // OpenAPI 3.1's Schema Objects are JSON Schema 2020-12: the crate's schemas for that target,
    // the input (what is accepted) for request bodies, the output (what parsing returns, as
    // stored) for answers.
    let entry_input = without_schema_uri(json_schema::entry(Target::Draft2020_12, Io::Input));
    let entry_output = without_schema_uri(json_schema::entry(Target::Draft2020_12, Io::Output));
    let record_input = without_schema_uri(json_schema::platform_record(
        Target::Draft2020_12,
        Io::Input,
    ));
    let record_output = without_schema_uri(json_schema::platform_record(
        Target::Draft2020_12,
        Io::Output,
    ));
    assert_ne!(entry_input, entry_output);
    let body = "/requestBody/content/application~1json/schema";
    let created = "/responses/201/content/application~1json/schema";
    assert_eq!(
        schema_at(&format!("/paths/~1audit-logs/post{body}")),
        entry_input
    );
    assert_eq!(
        schema_at(&format!("/paths/~1audit-logs/post{created}")),
        entry_output
    );
    assert_eq!(
        schema_at(&format!("/paths/~1platform-records/post{body}")),
        record_input
    );
    assert_eq!(
        schema_at(&format!("/paths/~1platform-records/post{created}")),
        record_output
    );
    // What is read back is the output too.
    let stored = schema_at(
        "/paths/~1audit-logs~1{index}/get/responses/200/content/application~1json/schema",
    );
    assert_eq!(
        resolve(&document, &stored["properties"]["data"]),
        &entry_output
    );
    let stored = schema_at(
        "/paths/~1platform-records~1{index}/get/responses/200/content/application~1json/schema",
    );
    assert_eq!(
        resolve(&document, &stored["properties"]["data"]),
        &record_output
    );
}

#[tokio::test]
async fn the_docs_page_has_everything_it_needs_in_it() {
    let service = Service::new();
    let page = service.get("/docs").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    // Swagger UI, shown the service's document, with its script and styles in the page: no
    // script, style sheet or font is loaded from anywhere, and its layout has no validator badge
    // (which would send the document's address to an online validator).
    assert!(page.text.contains("SwaggerUIBundle({"));
    assert!(page.text.contains("url: '/openapi.json'"));
    assert!(page.text.contains("\"layout\": \"BaseLayout\""));
    for loads in ["<script src", "<link", "@import", "@font-face"] {
        assert!(!page.text.contains(loads), "{loads}");
    }
    // The style sheet's images are data: URLs.
    let styles = page.text.split("<style>").nth(1).unwrap();
    let styles = styles.split("</style>").next().unwrap();
    assert!(styles.len() > 100_000);
    for (at, _) in styles.match_indices("url(") {
        let target = styles[at + 4..].trim_start_matches(['"', '\'']);
        assert!(target.starts_with("data:"), "{}", &styles[at..at + 40]);
    }
}
