//! The service (feature `serve`): the crate's rules behind HTTP, answering with the same issues as
//! the npm package, keeping what it accepts in SQLite and in a signed Merkle log per workspace.
//! `auditlog serve` runs it ([`run`]); [`routes::router`] is its router, for tests and for
//! services that embed it. `auditlog keys create` makes the API keys it takes ([`keys`]).
//!
//! On SIGTERM or Ctrl-C it stops accepting, finishes the requests in progress, then exits;
//! everything it answered 201 to is in the database (and, with `synchronous = FULL`, on disk
//! before the 201, so that a kill or a power cut loses none of it).

pub mod auth;
pub mod keys;
pub mod openapi;
pub mod routes;
pub mod store;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use rand_core::OsRng;
use tokio::net::TcpListener;
use tracing::{debug, info, warn};

use crate::log::CheckpointSigner;
pub use routes::Limits;
pub use store::{Store, Sync};

/// Everything `auditlog serve` is told.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it listens (port 0: any free port; the log says which).
    pub addr: SocketAddr,
    /// The SQLite file, created on first start.
    pub db: PathBuf,
    /// The checkpoint signing key's file (signed-note text); created, readable by its owner
    /// only, when missing.
    pub signing_key: PathBuf,
    /// The key's name when one is created: each workspace's checkpoints have the origin
    /// `<origin>/<workspace>`.
    pub origin: String,
    /// How commits reach the disk.
    pub sync: Sync,
    /// Body size, concurrency, read timeout, rate limit.
    pub limits: Limits,
}

/// The default signing key file of a database: `<db>.key`.
pub fn default_signing_key(db: &Path) -> PathBuf {
    let mut path = db.as_os_str().to_owned();
    path.push(".key");
    path.into()
}

/// Runs the service until SIGTERM or Ctrl-C.
pub async fn run(config: Config) -> Result<(), String> {
    let store = Store::open(&config.db, config.sync)
        .map_err(|e| format!("cannot open the database {}: {e}", config.db.display()))?;
    info!(db = %config.db.display(), sync = ?config.sync, "database ready");
    let signer = signer(&config.signing_key, &config.origin)?;
    info!(verifier_key = signer.verifier_key(), "checkpoints signed");
    let app = routes::router(store, signer, &config.limits)?;
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let limits = &config.limits;
    info!(
        body_limit = limits.body_bytes,
        concurrency = limits.concurrent_requests,
        read_timeout_ms = limits.read_timeout.as_millis() as u64,
        rate_per_second = limits.rate.per_second.get(),
        burst = limits.rate.burst.get(),
        "listening on http://{addr}"
    );
    serve(listener, app, limits.read_timeout, shutdown_signal()).await;
    info!("stopped: every request in progress was answered");
    Ok(())
}

/// Serves HTTP/1.1 on `listener` until `shutdown` resolves, then finishes the requests in
/// progress. Its own loop rather than `axum::serve`, which sets no header read timeout: here a
/// client whose request headers take longer than `read_timeout` is cut off (the body's timeout is
/// the router's, [`openapi::BodyRules`]).
pub async fn serve(
    listener: TcpListener,
    app: axum::Router,
    read_timeout: std::time::Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(failure) => {
                    // Too many open files and the like: wait a moment rather than spin.
                    warn!(%failure, "accepting a connection");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(app.clone());
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(read_timeout);
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(failure) = connection.await {
                debug!(%failure, %remote, "connection ended");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The checkpoint signer of the key file, made (with a new key) when there is none: a log keeps
/// its key for life, since verifiers pin its verifier key.
pub fn signer(path: &Path, origin: &str) -> Result<CheckpointSigner, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => CheckpointSigner::from_key(&text)
            .map_err(|e| format!("the signing key in {}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let (signer, private_key) = CheckpointSigner::generate(origin, &mut OsRng)
                .map_err(|e| format!("the origin {origin:?}: {e}"))?;
            write_private(path, &private_key)
                .map_err(|e| format!("cannot write the signing key {}: {e}", path.display()))?;
            info!(key = %path.display(), "created a signing key");
            Ok(signer)
        }
        Err(e) => Err(format!(
            "cannot read the signing key {}: {e}",
            path.display()
        )),
    }
}

/// Writes a file only its owner can read (on Unix), failing if it exists.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

/// Resolves on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let terminate = async {
        #[cfg(unix)]
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(failure) => {
                warn!(%failure, "SIGTERM cannot be caught; stop with Ctrl-C");
                std::future::pending::<()>().await;
            }
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await;
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
    info!("shutting down: finishing the requests in progress");
}
