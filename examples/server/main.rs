//! The example service: the crate's rules behind HTTP, answering with the same issues as the npm
//! package, and keeping what it accepts in SQLite. `make serve` starts it;
//! `make demo` starts it with the browser demo, whose forms submit to it.
//!
//! ```text
//! cargo run --example server --features axum
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
//! | `RUST_LOG` | `info` | what it logs (`tracing` filter) |
//!
//! SIGTERM or Ctrl-C stops it gracefully: it stops accepting, finishes the requests in progress,
//! then exits; everything it answered 201 to is in the database.

mod routes;
mod store;

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use tokio::net::TcpListener;
use tracing::{error, info, warn};
use tracing_subscriber::EnvFilter;

use routes::Limits;
use store::Store;

struct Config {
    addr: SocketAddr,
    db: PathBuf,
    limits: Limits,
}

impl Config {
    fn from_env() -> Result<Config, String> {
        fn var<T: std::str::FromStr>(name: &str, default: &str, what: &str) -> Result<T, String> {
            let text = std::env::var(name).unwrap_or_else(|_| default.to_owned());
            text.parse()
                .map_err(|_| format!("{name}={text:?} is not {what}"))
        }
        Ok(Config {
            addr: var(
                "AUDITLOG_ADDR",
                "127.0.0.1:8080",
                "an address such as 127.0.0.1:8080",
            )?,
            db: var("AUDITLOG_DB", "auditlog.db", "a file path")?,
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
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    info!(
        body_limit = config.limits.body_bytes,
        concurrency = config.limits.concurrent_requests,
        "listening on http://{addr}"
    );
    axum::serve(listener, routes::router(store, &config.limits))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("serving: {e}"))?;
    info!("stopped: every request in progress was answered");
    Ok(())
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
