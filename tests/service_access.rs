//! Who may call the service (src/server/auth.rs) and what each caller sees: the access matrix (no
//! key, a wrong key, a revoked key, a read key writing, a write key reading another workspace, a
//! record naming another workspace), that nothing a caller is answered depends on what other
//! workspaces hold, and the limits over real TCP on 127.0.0.1: a client that sends a byte a second
//! is cut off at the read timeout, bodies that stall do not hold back other clients, and a burst
//! over a key's rate gets 429 and later requests pass.
#![cfg(feature = "serve")]

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use auditlog::log::CheckpointSigner;
use auditlog::server::auth::RateLimit;
use auditlog::server::keys::{self, Scope};
use auditlog::server::{Limits, routes, store};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, header};
use http_body_util::BodyExt;
use rand_core::OsRng;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

struct Service {
    router: Router,
    dir: PathBuf,
    keys: BTreeMap<&'static str, String>,
}

fn limits(per_second: u32, burst: u32, read_timeout: Duration) -> Limits {
    Limits {
        body_bytes: 16 * 1024,
        concurrent_requests: 16,
        read_timeout,
        rate: RateLimit {
            per_second: NonZeroU32::new(per_second).unwrap(),
            burst: NonZeroU32::new(burst).unwrap(),
        },
        server_timing: false,
    }
}

impl Service {
    /// Keys: `a-write`, `a-read`, `a-revoked` (workspace ws_a), `b-write` (ws_b).
    fn new(limits: Limits) -> Service {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "auditlog-service-access-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let store = store::Store::open(&dir.join("log.db"), store::Sync::Normal).unwrap();
        let mut keys = BTreeMap::new();
        store
            .with_keys(|c| {
                keys.insert("a-write", keys::create(c, "ws_a", Scope::Write)?);
                keys.insert("a-read", keys::create(c, "ws_a", Scope::Read)?);
                keys.insert("a-revoked", keys::create(c, "ws_a", Scope::Write)?);
                keys.insert("b-write", keys::create(c, "ws_b", Scope::Write)?);
                assert!(keys::revoke(c, &keys["a-revoked"][..12])?);
                Ok(())
            })
            .unwrap();
        let (signer, _) = CheckpointSigner::generate("auditlog.test/log", &mut OsRng).unwrap();
        let router = routes::router(store, signer, &limits).unwrap();
        Service { router, dir, keys }
    }

    async fn call(
        &self,
        method: &str,
        uri: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(uri);
        if let Some(key) = key {
            request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
        }
        let body = match body {
            Some(body) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(body.to_string())
            }
            None => Body::empty(),
        };
        let response = self
            .router
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status().as_u16();
        let challenge = response
            .headers()
            .get(header::WWW_AUTHENTICATE)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            challenge,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    async fn as_key(&self, name: &str, method: &str, uri: &str, body: Option<Value>) -> Answer {
        let key = self.keys[name].clone();
        self.call(method, uri, Some(&key), body).await
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Answer {
    status: u16,
    challenge: Option<String>,
    body: String,
}

fn record(workspace: &str, n: usize) -> Value {
    json!({ "event": "workspace.update", "workspaceId": workspace, "display": format!("{workspace} #{n}"),
            "actorId": "system", "actorType": "system", "resources": [] })
}

fn entry(n: usize) -> Value {
    json!({ "id": format!("audit_{n}"), "action": "read", "actor_id": "user_1",
            "resource_type": "report", "resource_id": "report_1", "timestamp": "2026-05-16T18:30:00Z",
            "ip_address": "10.0.0.1" })
}

/// Every read a caller can make, with indices on both sides of what its workspace holds.
const READS: [&str; 12] = [
    "/audit-logs",
    "/audit-logs/0",
    "/audit-logs/3",
    "/platform-records",
    "/platform-records/1",
    "/platform-records/4",
    "/checkpoint",
    "/checkpoint/key",
    "/proof/inclusion?index=1",
    "/proof/inclusion?index=5",
    "/proof/consistency?from=1",
    "/export",
];

#[tokio::test]
async fn the_access_matrix() {
    let service = Service::new(limits(1000, 1000, Duration::from_secs(5)));
    for n in 0..2 {
        let stored = service
            .as_key(
                "a-write",
                "POST",
                "/platform-records",
                Some(record("ws_a", n)),
            )
            .await;
        assert_eq!(stored.status, 201, "{stored:?}");
    }

    // No key, a key that is not one, a wrong key with a real key's prefix, a revoked key: the
    // same 401 for each of the last three, on reads and writes alike.
    let real = service.keys["a-write"].clone();
    let mut wrong = real.clone();
    wrong.replace_range(
        20..24,
        if &real[20..24] == "AAAA" {
            "BBBB"
        } else {
            "AAAA"
        },
    );
    let revoked = service.keys["a-revoked"].clone();
    let unknown = "alk_0000000000000000000000000000000000000000000".to_owned();
    for (method, uri, body) in [
        ("GET", "/platform-records", None),
        ("GET", "/export", None),
        ("POST", "/platform-records", Some(record("ws_a", 9))),
        ("POST", "/audit-logs", Some(entry(9))),
    ] {
        let none = service.call(method, uri, None, body.clone()).await;
        assert_eq!(none.status, 401, "{method} {uri}");
        assert_eq!(none.challenge.as_deref(), Some("Bearer realm=\"auditlog\""));
        let answers: Vec<Answer> = futures_join(
            [&unknown, &wrong, &revoked, &"not-a-key".to_owned()]
                .map(|key| service.call(method, uri, Some(key), body.clone())),
        )
        .await;
        for answer in &answers {
            assert_eq!(answer, &answers[0], "{method} {uri}");
        }
        assert_eq!(answers[0].status, 401);
        assert_eq!(
            answers[0].challenge.as_deref(),
            Some("Bearer realm=\"auditlog\", error=\"invalid_token\"")
        );
        assert!(!answers[0].body.contains(&real[..12]));
    }

    // A read key that writes: 403 with insufficient_scope, and nothing stored.
    for (uri, body) in [
        ("/platform-records", record("ws_a", 7)),
        ("/audit-logs", entry(7)),
    ] {
        let answer = service.as_key("a-read", "POST", uri, Some(body)).await;
        assert_eq!(answer.status, 403);
        assert_eq!(
            answer.challenge.as_deref(),
            Some("Bearer realm=\"auditlog\", error=\"insufficient_scope\"")
        );
    }
    // A read key reads; a record naming another workspace is refused (403) and not stored in
    // either workspace; an entry (which names none) goes to the key's workspace.
    let elsewhere = service
        .as_key(
            "a-write",
            "POST",
            "/platform-records",
            Some(record("ws_b", 0)),
        )
        .await;
    assert_eq!(elsewhere.status, 403, "{elsewhere:?}");
    let problem: Value = serde_json::from_str(&elsewhere.body).unwrap();
    assert_eq!(
        (problem["status"].as_u64(), problem["title"].as_str()),
        (Some(403), Some("Forbidden"))
    );
    let entry_stored = service
        .as_key("a-write", "POST", "/audit-logs", Some(entry(0)))
        .await;
    assert_eq!(entry_stored.status, 201);
    let listed: Value = serde_json::from_str(
        &service
            .as_key("a-read", "GET", "/platform-records", None)
            .await
            .body,
    )
    .unwrap();
    let displays: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["data"]["display"].as_str().unwrap())
        .collect();
    assert_eq!(displays, ["ws_a #1", "ws_a #0"]);
    let b_view = service
        .as_key("b-write", "GET", "/platform-records", None)
        .await;
    assert_eq!(
        serde_json::from_str::<Value>(&b_view.body).unwrap()["items"],
        json!([])
    );
    let b_checkpoint = service.as_key("b-write", "GET", "/checkpoint", None).await;
    assert!(
        b_checkpoint.body.starts_with("auditlog.test/log/ws_b\n0\n"),
        "{}",
        b_checkpoint.body
    );

    // What A is answered does not depend on what B holds: every read, before and after B
    // stores values at the indices A asks for (and beyond), is the same, status and body.
    let before: Vec<Answer> =
        futures_join(READS.map(|uri| service.as_key("a-write", "GET", uri, None))).await;
    for n in 0..6 {
        let stored = service
            .as_key(
                "b-write",
                "POST",
                "/platform-records",
                Some(record("ws_b", n)),
            )
            .await;
        assert_eq!(stored.status, 201);
        let stored = service
            .as_key("b-write", "POST", "/audit-logs", Some(entry(100 + n)))
            .await;
        assert_eq!(stored.status, 201);
    }
    let after: Vec<Answer> =
        futures_join(READS.map(|uri| service.as_key("a-write", "GET", uri, None))).await;
    for ((uri, before), after) in READS.iter().zip(&before).zip(&after) {
        assert_eq!(before, after, "{uri}");
    }
    // B's record 4 exists; A asking for its own index 4 gets the same 404 as for an index no
    // workspace has.
    let index = READS
        .iter()
        .position(|u| *u == "/platform-records/4")
        .unwrap();
    assert_eq!(after[index].status, 404);
    let nowhere = service
        .as_key("a-write", "GET", "/platform-records/999", None)
        .await;
    assert_eq!(nowhere, after[index]);
    let b_has_it = service
        .as_key("b-write", "GET", "/platform-records/4", None)
        .await;
    assert_eq!(b_has_it.status, 200);
    // A's export and checkpoint are A's alone: 3 values, none of B's (B's entries carry the same
    // IP address as A's: what separates them is the workspace, not the content).
    let export = &after[READS.iter().position(|u| *u == "/export").unwrap()].body;
    assert_eq!(export.lines().count(), 3);
    assert!(!export.contains("ws_b"));
    assert!(!export.contains("audit_100"));
    let checkpoint = &after[READS.iter().position(|u| *u == "/checkpoint").unwrap()].body;
    assert!(
        checkpoint.starts_with("auditlog.test/log/ws_a\n3\n"),
        "{checkpoint}"
    );
}

/// Runs the futures one after another (the router is in-process; order does not matter).
async fn futures_join<F: std::future::Future<Output = Answer>, const N: usize>(
    futures: [F; N],
) -> Vec<Answer> {
    let mut out = Vec::with_capacity(N);
    for future in futures {
        out.push(future.await);
    }
    out
}

/// The service on a free loopback port, served by `auditlog::server::serve`; stops when dropped.
struct Running {
    addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _service: Service,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn running(limits: Limits) -> Running {
    let service = Service::new(limits);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(auditlog::server::serve(
        listener,
        service.router.clone(),
        limits.read_timeout,
        async {
            let _ = stopped.await;
        },
    ));
    Running {
        addr,
        stop: Some(stop),
        _service: service,
    }
}

/// One request on a connection of its own; the status and the whole answer.
async fn http(addr: std::net::SocketAddr, method: &str, path: &str, key: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nhost: test\r\nauthorization: Bearer {key}\r\nconnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).await.unwrap();
    let status = text[9..12].parse().unwrap();
    (status, text)
}

/// Sends `bytes` one a second until the service closes the connection; returns how long that
/// took, how many bytes were sent, and what the service answered before closing.
async fn drip(addr: std::net::SocketAddr, head: &str, bytes: &[u8]) -> (Duration, usize, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut sent = 0;
    for byte in bytes {
        if stream.write_all(&[*byte]).await.is_err() {
            break;
        }
        sent += 1;
        let mut buffer = [0u8; 4096];
        match tokio::time::timeout(Duration::from_secs(1), stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => {
                answer.extend_from_slice(&buffer[..n]);
                // The answer came: read on to the end, which must come.
                let mut rest = Vec::new();
                let closed =
                    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest))
                        .await;
                assert!(
                    closed.is_ok(),
                    "the connection stayed open after the answer"
                );
                answer.extend(rest);
                break;
            }
            Err(_) => {} // a second passed: the next byte
        }
    }
    (
        started.elapsed(),
        sent,
        String::from_utf8_lossy(&answer).into_owned(),
    )
}

#[tokio::test]
async fn a_client_that_sends_a_byte_a_second_is_cut_off_at_the_read_timeout() {
    let timeout = Duration::from_secs(2);
    let service = running(limits(1000, 1000, timeout)).await;
    let key = service._service.keys["a-write"].clone();

    // Headers a byte a second: the connection is closed at the timeout, the request unfinished.
    let request =
        format!("GET /healthz HTTP/1.1\r\nhost: test\r\nauthorization: Bearer {key}\r\n\r\n");
    let headers = drip(service.addr, "", request.as_bytes());
    // A body a byte a second, after headers that came at once: 408, and the connection closed.
    let body = entry(1).to_string();
    let head = format!(
        "POST /audit-logs HTTP/1.1\r\nhost: test\r\nauthorization: Bearer {key}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let slow_body = drip(service.addr, &head, body.as_bytes());
    // Meanwhile, others are answered.
    let others = async {
        tokio::time::sleep(Duration::from_millis(500)).await;
        http(service.addr, "GET", "/checkpoint", &key).await
    };
    let ((took, sent, answer), (body_took, body_sent, body_answer), (other, _)) =
        tokio::join!(headers, slow_body, others);
    println!(
        "headers: cut off after {took:?} and {sent} bytes; body: after {body_took:?} and {body_sent} bytes"
    );
    assert!(
        sent < request.len(),
        "the whole request went through: {answer}"
    );
    assert!(
        took >= timeout - Duration::from_millis(100) && took < timeout * 3,
        "{took:?}"
    );
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(body_sent < body.len());
    assert!(
        body_took >= timeout - Duration::from_millis(100) && body_took < timeout * 3,
        "{body_took:?}"
    );
    assert!(body_answer.starts_with("HTTP/1.1 408 "), "{body_answer}");
    assert!(
        body_answer
            .to_ascii_lowercase()
            .contains("connection: close"),
        "{body_answer}"
    );
    assert!(body_answer.contains("\"status\":408"), "{body_answer}");
    assert_eq!(other, 200);
    // Nothing was stored from the slow body.
    let (_, export) = http(service.addr, "GET", "/export", &key).await;
    assert!(!export.contains("audit_1"), "{export}");
}

#[tokio::test]
async fn stalled_bodies_do_not_hold_back_other_clients() {
    // As many writers as the service handles requests at once send their headers and half a
    // body, then stall: while they wait out the read timeout, others are answered at once.
    let timeout = Duration::from_secs(5);
    let limits = limits(1000, 1000, timeout);
    let service = running(limits).await;
    let key = service._service.keys["a-write"].clone();
    let body = entry(1).to_string();
    let head = format!(
        "POST /audit-logs HTTP/1.1\r\nhost: test\r\nauthorization: Bearer {key}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let mut stalled = Vec::new();
    for _ in 0..limits.concurrent_requests + 2 {
        let mut stream = TcpStream::connect(service.addr).await.unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        stream
            .write_all(&body.as_bytes()[..body.len() / 2])
            .await
            .unwrap();
        stalled.push(stream);
    }
    // Time for the service to take them all in.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for path in ["/checkpoint", "/audit-logs", "/healthz"] {
        let started = Instant::now();
        let answered = tokio::time::timeout(
            Duration::from_secs(2),
            http(service.addr, "GET", path, &key),
        )
        .await;
        let took = started.elapsed();
        println!("GET {path} beside stalled bodies: {took:?}");
        let (status, _) = answered
            .unwrap_or_else(|_| panic!("GET {path} was not answered within 2 s (timeout 5 s)"));
        assert_eq!(status, 200, "GET {path}");
    }
    // A complete write is answered too, and the stalled ones still get their 408.
    let (status, text) = tokio::time::timeout(Duration::from_secs(2), async {
        let mut stream = TcpStream::connect(service.addr).await.unwrap();
        let body = entry(2).to_string();
        let request = format!(
            "POST /audit-logs HTTP/1.1\r\nhost: test\r\nauthorization: Bearer {key}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).await.unwrap();
        (text[9..12].parse::<u16>().unwrap(), text)
    })
    .await
    .expect("a complete write beside stalled bodies was not answered within 2 s");
    assert_eq!(status, 201, "{text}");
    for mut stream in stalled {
        let mut answer = String::new();
        tokio::time::timeout(timeout * 2, stream.read_to_string(&mut answer))
            .await
            .expect("a stalled body was never cut off")
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    }
}

#[tokio::test]
async fn a_burst_over_the_rate_gets_429_and_later_requests_pass() {
    // 2 a second, 5 at once.
    let service = running(limits(2, 5, Duration::from_secs(5))).await;
    let key = service._service.keys["a-read"].clone();
    let other = service._service.keys["b-write"].clone();
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..8 {
        let (status, text) = http(service.addr, "GET", "/checkpoint", &key).await;
        if status == 429 {
            let line = text
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("retry-after:"))
                .expect("Retry-After");
            retry_after = Some(line[12..].trim().parse::<u64>().unwrap());
        }
        statuses.push(status);
    }
    println!("a burst of 8: {statuses:?}, Retry-After {retry_after:?}");
    assert_eq!(&statuses[..5], [200; 5]);
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");
    let retry_after = retry_after.unwrap();
    assert!((1..=2).contains(&retry_after));
    // Another key is not limited by this one's burst.
    assert_eq!(
        http(service.addr, "GET", "/checkpoint", &other).await.0,
        200
    );
    // After the wait it was told, the key is answered again.
    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    assert_eq!(http(service.addr, "GET", "/checkpoint", &key).await.0, 200);
}
