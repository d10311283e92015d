//! The example service: the crate's rules behind HTTP, answering with the same issues as the npm
//! package, and keeping what it accepts in SQLite. `make serve` starts it;
//! `make demo` starts it with the browser demo, whose forms submit to it.
//!
//! ```text
//! cargo run --example server --features axum,log,schemars
//! ```
//!
//! Settings (environment):
//!
//! | variable | default | |
//! |---|---|---|
//! | `AUDITLOG_ADDR` | `127.0.0.1:8080` | where it listens (port 0: any free port; the log says which) |
//! | `AUDITLOG_DB` | `auditlog.db` | the SQLite file, created on first start |
//! | `AUDITLOG_BODY_LIMIT` | `65536` | the largest request body, in bytes (larger: 413) |
//! | `AUDITLOG_CONCURRENCY` | `64` | requests handled at once (the others wait) |
//! | `AUDITLOG_SIGNING_KEY` | `<db>.key` | the file with the checkpoint signing key (signed-note text); created, readable by its owner only, when missing |
//! | `AUDITLOG_ORIGIN` | `auditlog.example/log` | the log's name in checkpoints, when a key is created |
//! | `RUST_LOG` | `info` | what it logs (`tracing` filter) |
//!
//! SIGTERM or Ctrl-C stops it gracefully: it stops accepting, finishes the requests in progress,
//! then exits; everything it answered 201 to is in the database.

mod openapi;
mod routes;
mod store;

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use auditlog::log::CheckpointSigner;
use rand_core::OsRng;
use tokio::net::TcpListener;
use tracing::{error, info, warn};
use tracing_subscriber::EnvFilter;

use routes::Limits;
use store::Store;

struct Config {
    addr: SocketAddr,
    db: PathBuf,
    key: PathBuf,
    origin: String,
    limits: Limits,
}

impl Config {
    fn from_env() -> Result<Config, String> {
        fn var<T: std::str::FromStr>(name: &str, default: &str, what: &str) -> Result<T, String> {
            let text = std::env::var(name).unwrap_or_else(|_| default.to_owned());
            text.parse()
                .map_err(|_| format!("{name}={text:?} is not {what}"))
        }
        let db: PathBuf = var("AUDITLOG_DB", "auditlog.db", "a file path")?;
        let mut default_key = db.clone().into_os_string();
        default_key.push(".key");
        Ok(Config {
            key: std::env::var_os("AUDITLOG_SIGNING_KEY").map_or(default_key.into(), PathBuf::from),
            origin: var("AUDITLOG_ORIGIN", "auditlog.example/log", "a log name")?,
            db,
            addr: var(
                "AUDITLOG_ADDR",
                "127.0.0.1:8080",
                "an address such as 127.0.0.1:8080",
            )?,
            limits: Limits {
                body_bytes: var("AUDITLOG_BODY_LIMIT", "65536", "a number of bytes")?,
                concurrent_requests: var::<usize>("AUDITLOG_CONCURRENCY", "64", "a number")?.max(1),
            },
        })
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_ansi(std::io::stdout().is_terminal())
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            error!("{failure}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env()?;
    let store = Store::open(&config.db)
        .map_err(|e| format!("cannot open the database {}: {e}", config.db.display()))?;
    info!(db = %config.db.display(), "database ready");
    let signer = signer(&config)?;
    info!(verifier_key = signer.verifier_key(), "checkpoints signed");
    let app = routes::router(store, signer, &config.limits)?;
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    info!(
        body_limit = config.limits.body_bytes,
        concurrency = config.limits.concurrent_requests,
        "listening on http://{addr}"
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("serving: {e}"))?;
    info!("stopped: every request in progress was answered");
    Ok(())
}

/// The checkpoint signer of the key file, made (with a new key) when there is none: a log keeps
/// its key for life, since verifiers pin its verifier key.
fn signer(config: &Config) -> Result<CheckpointSigner, String> {
    let path = &config.key;
    match std::fs::read_to_string(path) {
        Ok(text) => CheckpointSigner::from_key(&text)
            .map_err(|e| format!("the signing key in {}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let (signer, private_key) = CheckpointSigner::generate(&config.origin, &mut OsRng)
                .map_err(|e| format!("AUDITLOG_ORIGIN={:?}: {e}", config.origin))?;
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
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
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
