//! The axum extractor (`auditlog::axum::ValidJson`, feature `axum`) through a real router with
//! `tower::ServiceExt::oneshot`: every status it answers, and on every recorded case the same
//! answer as the npm package for the same JSON (the issues of a 422 are `entry_issues` /
//! `platform_record_issues`, which the recordings hold to Zod's and the package's answers).

mod common;

use auditlog::axum::ValidJson;
use auditlog::{
    AuditLogAction, AuditLogChange, AuditLogEntry, PlatformRecord, PlatformResource, entry_issues,
    platform_record_issues,
};
use axum::body::{Body, Bytes};
use axum::extract::DefaultBodyLimit;
use axum::http::{Request, StatusCode, header};
use axum::routing::post;
use axum::{Json, Router};
use http_body_util::BodyExt;
use serde::Serialize;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The body limit of the router under test: larger than every recorded case.
const LIMIT: usize = 1 << 20;

async fn echo<T: Serialize>(ValidJson(value): ValidJson<T>) -> Json<T> {
    Json(value)
}

fn router(limit: usize) -> Router {
    Router::new()
        .route("/entry", post(echo::<AuditLogEntry>))
        .route("/change", post(echo::<AuditLogChange>))
        .route("/action", post(echo::<AuditLogAction>))
        .route("/record", post(echo::<PlatformRecord>))
        .route("/resource", post(echo::<PlatformResource>))
        .layer(DefaultBodyLimit::max(limit))
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: Value,
}

async fn send(request: Request<Body>) -> Answer {
    send_limited(request, LIMIT).await
}

async fn send_limited(request: Request<Body>, limit: usize) -> Answer {
    let response = router(limit)
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        content_type,
        body,
    }
}

fn post_json(path: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap()
}

fn assert_problem(answer: &Answer, status: u16, title: &str) {
    assert_eq!(answer.status.as_u16(), status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/problem+json");
    assert_eq!(answer.body["type"], "about:blank");
    assert_eq!(answer.body["title"], title);
    assert_eq!(answer.body["status"], status);
    assert!(answer.body["detail"].is_string());
}

/// Posts a recorded input and checks the answer is the recorded one, over HTTP.
async fn check_recorded(
    schema: &str,
    case: &Value,
    issues_of: Option<fn(&Value) -> Vec<auditlog::Issue>>,
) {
    let input = &case["input"];
    let expected = &case["expected"];
    let answer = send(post_json(&format!("/{schema}"), input.to_string())).await;
    let name = &case["name"];
    if expected["success"] == true {
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{schema}: {name}: {}",
            answer.body
        );
        assert_eq!(answer.body, expected["data"], "{schema}: {name}");
    } else {
        assert_problem(&answer, 422, "Unprocessable Content");
        assert_eq!(
            answer.body["issues"], expected["issues"],
            "{schema}: {name}"
        );
        if let Some(issues_of) = issues_of {
            let direct = serde_json::to_value(issues_of(input)).unwrap();
            assert_eq!(answer.body["issues"], direct, "{schema}: {name}");
        }
    }
}

#[tokio::test]
async fn every_recorded_zod_case_gets_the_recorded_answer_over_http() {
    let cases = common::recorded();
    assert!(cases.len() > 1500, "only {} cases", cases.len());
    for case in &cases {
        let schema = case["schema"].as_str().unwrap();
        let direct = (schema == "entry").then_some(entry_issues as fn(&Value) -> _);
        check_recorded(schema, case, direct).await;
    }
}

#[tokio::test]
async fn every_recorded_platform_case_gets_the_recorded_answer_over_http() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/platform-recorded.json")).unwrap();
    assert!(cases.len() > 1000, "only {} cases", cases.len());
    for case in &cases {
        let schema = case["schema"].as_str().unwrap();
        let direct = (schema == "record").then_some(platform_record_issues as fn(&Value) -> _);
        check_recorded(schema, case, direct).await;
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_400_with_one_invalid_json_issue_and_no_echo() {
    let answer = send(post_json(
        "/entry",
        r#"{"id": "secret-value", "action": tru"#,
    ))
    .await;
    assert_problem(&answer, 400, "Bad Request");
    let issues = answer.body["issues"].as_array().unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0]["code"], "invalid_json");
    assert_eq!(issues[0]["path"], json!([]));
    assert!(
        issues[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Invalid JSON: ")
    );
    assert!(!answer.body.to_string().contains("secret-value"));

    let empty = send(post_json("/entry", "")).await;
    assert_problem(&empty, 400, "Bad Request");
    assert_eq!(empty.body["issues"][0]["code"], "invalid_json");
}

#[tokio::test]
async fn a_body_not_declared_as_json_is_415() {
    let entry = json!({ "id": "a" }).to_string();
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut request = Request::post("/entry");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let answer = send(request.body(Body::from(entry.clone())).unwrap()).await;
        assert_problem(&answer, 415, "Unsupported Media Type");
        assert!(answer.body.get("issues").is_none());
    }
    // A +json type with parameters is JSON.
    let request = Request::post("/action")
        .header(
            header::CONTENT_TYPE,
            "application/vnd.auditlog+json; charset=utf-8",
        )
        .body(Body::from("\"read\""))
        .unwrap();
    let answer = send(request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, "read");
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_whether_or_not_its_length_is_declared() {
    const SMALL: usize = 4096;
    let large = format!(r#"{{"id": "{}"}}"#, "x".repeat(SMALL));
    let declared = send_limited(post_json("/entry", large.clone()), SMALL).await;
    assert_problem(&declared, 413, "Content Too Large");

    // Streamed in chunks, without a Content-Length: the limit still holds.
    let chunks: Vec<Result<Bytes, std::io::Error>> = large
        .into_bytes()
        .chunks(512)
        .map(|chunk| Ok(Bytes::copy_from_slice(chunk)))
        .collect();
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    let streamed = send_limited(post_json("/entry", body), SMALL).await;
    assert_problem(&streamed, 413, "Content Too Large");

    // Just under the limit, a body is judged.
    let small = send_limited(post_json("/entry", json!({ "id": "x" }).to_string()), SMALL).await;
    assert_problem(&small, 422, "Unprocessable Content");
}

#[tokio::test]
async fn a_body_the_client_stops_sending_is_400() {
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"{\"id\": ")),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "gone",
        )),
    ];
    let answer = send(post_json(
        "/entry",
        Body::from_stream(futures_util::stream::iter(chunks)),
    ))
    .await;
    assert_problem(&answer, 400, "Bad Request");
    assert!(answer.body.get("issues").is_none());
}

#[tokio::test]
async fn a_valid_record_reaches_the_handler_typed_and_comes_back_as_the_package_returns_it() {
    let record = json!({
        "event": "workspace.update", "workspaceId": "ws_1", "display": "billing", "actorId": "system",
        "actorType": "system", "resources": [], "unknown": "dropped"
    });
    let answer = send(post_json("/record", record.to_string())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.body,
        json!({ "event": "workspace.update", "workspaceId": "ws_1", "display": "billing",
                "actorId": "system", "actorType": "system", "resources": [] })
    );
}
