//! Where the service keeps what it accepted: one SQLite file, created on first start, its schema
//! versioned by rusqlite_migration. Each log (entries, platform records) is a table appended to
//! and never changed; a row's position in it is its `index`, from 0.
//!
//! Writes go through one connection behind a mutex (SQLite has one writer at a time anyway), in
//! WAL mode with `synchronous = NORMAL`: a commit that returned survives the process being killed
//! (not a power cut, which would need `FULL`). Each append is one statement, so a row is either
//! all there or not there.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Connection, OptionalExtension, params};
use rusqlite_migration::{M, Migrations};
use serde::Serialize;
use serde_json::Value;

/// The schema, one migration per version; a new version is a new entry at the end.
const MIGRATIONS: &[M<'static>] = &[M::up(
    "CREATE TABLE entries (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         data TEXT NOT NULL CHECK (json_valid(data))
     ) STRICT;
     CREATE TABLE records (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         data TEXT NOT NULL CHECK (json_valid(data))
     ) STRICT;",
)];

/// The two logs the service keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    /// Open-types audit-log entries (`POST /audit-logs`).
    Entries,
    /// Platform audit-log records (`POST /records`).
    Records,
}

impl Log {
    fn table(self) -> &'static str {
        match self {
            Log::Entries => "entries",
            Log::Records => "records",
        }
    }
}

/// One stored value: its position in its log, when it arrived, and the validated data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    pub index: u64,
    pub received_at: String,
    pub data: Value,
}

/// What went wrong in the database, for the log (never shown to clients).
#[derive(Debug)]
pub struct StoreError(String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError(error.to_string())
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(error: rusqlite_migration::Error) -> Self {
        StoreError(format!("migrating the database: {error}"))
    }
}

/// The database, shared by the request handlers (cheap to clone).
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (or creates) the database file and brings its schema to the latest version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut connection)?;
        Ok(Store {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        // A handler that panicked while holding the lock left no half-done write: each is one
        // statement. The connection is still good.
        let connection = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Ok(f(&connection)?)
    }

    /// Appends validated data to a log; returns it as stored.
    pub fn append(&self, log: Log, data: Value) -> Result<Stored, StoreError> {
        let text = data.to_string();
        let sql = format!(
            "INSERT INTO {} (data) VALUES (?1) RETURNING id, received_at",
            log.table()
        );
        let (id, received_at): (i64, String) =
            self.with(|c| c.query_row(&sql, params![text], |row| Ok((row.get(0)?, row.get(1)?))))?;
        Ok(Stored {
            index: index_of(id),
            received_at,
            data,
        })
    }

    /// Up to `limit` values of a log, newest first, starting below `before` (an index) if given.
    pub fn page(
        &self,
        log: Log,
        before: Option<u64>,
        limit: u32,
    ) -> Result<Vec<Stored>, StoreError> {
        let sql = format!(
            "SELECT id, received_at, data FROM {} WHERE id <= ?1 ORDER BY id DESC LIMIT ?2",
            log.table()
        );
        // Index i is row id i + 1: "below index b" is "id <= b".
        let below = before.map_or(i64::MAX, |b| i64::try_from(b).unwrap_or(i64::MAX));
        let rows = self.with(|c| {
            c.prepare(&sql)?
                .query_map(params![below, limit], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get(1)?, row.get::<_, String>(2)?))
                })?
                .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()
        })?;
        rows.into_iter()
            .map(|(id, received_at, text)| stored(id, received_at, &text))
            .collect()
    }

    /// The value at `index` of a log, if there is one.
    pub fn get(&self, log: Log, index: u64) -> Result<Option<Stored>, StoreError> {
        let sql = format!(
            "SELECT received_at, data FROM {} WHERE id = ?1",
            log.table()
        );
        let id = i64::try_from(index).map_or(i64::MAX, |index| index.saturating_add(1));
        let row = self.with(|c| {
            c.query_row(&sql, params![id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .optional()
        })?;
        row.map(|(received_at, text)| stored(id, received_at, &text))
            .transpose()
    }

    /// Whether the database answers (for the health check).
    pub fn ping(&self) -> Result<(), StoreError> {
        self.with(|c| c.query_row("SELECT 1", [], |_| Ok(())))
    }
}

/// Row ids count from 1, indices from 0.
fn index_of(id: i64) -> u64 {
    u64::try_from(id.saturating_sub(1)).unwrap_or(0)
}

fn stored(id: i64, received_at: String, text: &str) -> Result<Stored, StoreError> {
    let data = serde_json::from_str(text)
        .map_err(|error| StoreError(format!("row {id} holds data that is not JSON: {error}")))?;
    Ok(Stored {
        index: index_of(id),
        received_at,
        data,
    })
}
