//! Where the service keeps what it accepted: one SQLite file, created on first start, its schema
//! versioned by rusqlite_migration.
//!
//! Each workspace has its own tamper-evident log: the table `kept` holds, at each `position` of a
//! workspace's log, the stored value (an entry or a platform record), its position among the
//! workspace's values of that kind (`idx`, the `index` of the API) and its leaf hash (the RFC 8785
//! text's), all in one row, so a value and its leaf are written by one statement: both or neither.
//! The service keeps each workspace's Merkle tree in memory (loaded at start) to sign checkpoints
//! and make proofs, and appends to it only after the row committed.
//!
//! Writes go through one connection behind a mutex (SQLite has one writer at a time anyway), in
//! WAL mode. With `synchronous = FULL` (the default) each commit is on disk before the service
//! answers 201, so neither a killed process nor a power cut loses it; `NORMAL` survives the
//! process being killed but may lose the last commits on a power cut.
//!
//! API keys (`api_keys`) are kept as their SHA-256 and a short prefix to find them by (see
//! `keys.rs`); they are read through a second connection, so authenticating does not wait for
//! a write.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::log::{Hash, MerkleLog, canonicalize, leaf_hash};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rusqlite_migration::{HookResult, M, Migrations};
use serde::Serialize;
use serde_json::Value;

/// The schema, one migration per version; a new version is a new entry at the end.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(TABLES),
        // The log came after the tables: values stored before it are its first leaves, in the
        // order they arrived.
        M::up_with_hook(LEAVES, hash_stored_values),
        // Workspaces and keys: every value moves to its workspace's own log (a platform record to
        // its `workspaceId`, an entry, which names none, to `default`), in the order it had.
        M::up_with_hook(WORKSPACES, move_to_workspaces),
    ])
}

const TABLES: &str = "CREATE TABLE entries (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         data TEXT NOT NULL CHECK (json_valid(data))
     ) STRICT;
     CREATE TABLE records (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         data TEXT NOT NULL CHECK (json_valid(data))
     ) STRICT;";

const LEAVES: &str = "CREATE TABLE leaves (
     position INTEGER PRIMARY KEY,
     log TEXT NOT NULL CHECK (log IN ('entries', 'records')),
     row INTEGER NOT NULL,
     hash BLOB NOT NULL CHECK (length(hash) = 32)
 ) STRICT;";

fn hash_stored_values(tx: &Transaction) -> HookResult {
    let rows = tx
        .prepare(
            "SELECT 'entries', id, received_at, data FROM entries
             UNION ALL SELECT 'records', id, received_at, data FROM records
             ORDER BY received_at, 1, id",
        )?
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (position, (log, row, text)) in rows.into_iter().enumerate() {
        let data: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        tx.execute(
            "INSERT INTO leaves (position, log, row, hash) VALUES (?1, ?2, ?3, ?4)",
            params![position as i64, log, row, leaf_of(&data).to_vec()],
        )?;
    }
    Ok(())
}

const WORKSPACES: &str = "CREATE TABLE kept (
         workspace TEXT NOT NULL,
         position INTEGER NOT NULL CHECK (position >= 0),
         log TEXT NOT NULL CHECK (log IN ('entries', 'records')),
         idx INTEGER NOT NULL CHECK (idx >= 0),
         received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         data TEXT NOT NULL CHECK (json_valid(data)),
         hash BLOB NOT NULL CHECK (length(hash) = 32),
         PRIMARY KEY (workspace, position),
         UNIQUE (workspace, log, idx)
     ) STRICT, WITHOUT ROWID;
     CREATE TABLE api_keys (
         prefix TEXT PRIMARY KEY,
         hash BLOB NOT NULL CHECK (length(hash) = 32),
         workspace TEXT NOT NULL,
         scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
         created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         revoked_at TEXT
     ) STRICT;";

/// Where values stored before workspaces go when they name none.
pub const DEFAULT_WORKSPACE: &str = "default";

fn move_to_workspaces(tx: &Transaction) -> HookResult {
    let rows = tx
        .prepare(
            "SELECT l.log, coalesce(e.received_at, r.received_at), coalesce(e.data, r.data)
             FROM leaves l
             LEFT JOIN entries e ON l.log = 'entries' AND e.id = l.row
             LEFT JOIN records r ON l.log = 'records' AND r.id = l.row
             ORDER BY l.position",
        )?
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut positions: HashMap<String, i64> = HashMap::new();
    let mut indices: HashMap<(String, String), i64> = HashMap::new();
    for (log, received_at, text) in rows {
        let data: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let workspace = match (
            log.as_str(),
            data.get("workspaceId").and_then(Value::as_str),
        ) {
            ("records", Some(workspace)) => workspace.to_owned(),
            _ => DEFAULT_WORKSPACE.to_owned(),
        };
        let position = positions.entry(workspace.clone()).or_default();
        let idx = indices.entry((workspace.clone(), log.clone())).or_default();
        tx.execute(
            "INSERT INTO kept (workspace, position, log, idx, received_at, data, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                workspace,
                *position,
                log,
                *idx,
                received_at,
                text,
                leaf_of(&data).to_vec()
            ],
        )?;
        *position += 1;
        *idx += 1;
    }
    tx.execute_batch("DROP TABLE leaves; DROP TABLE entries; DROP TABLE records;")?;
    Ok(())
}

/// A stored value's leaf: the leaf hash of its canonical text (the value was validated before it
/// was stored, so its text is what `schema.canonicalize` gives for it).
pub fn leaf_of(data: &Value) -> Hash {
    leaf_hash(canonicalize(data).as_bytes())
}

/// The two kinds of value the service keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    /// Open-types audit-log entries (`POST /audit-logs`).
    Entries,
    /// Platform audit-log records (`POST /platform-records`).
    Records,
}

impl Log {
    fn name(self) -> &'static str {
        match self {
            Log::Entries => "entries",
            Log::Records => "records",
        }
    }
}

/// One stored value: its position among its workspace's values of its kind, when it arrived, the
/// validated data, and its position in the workspace's tamper-evident log (for
/// `GET /proof/inclusion?index=`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    /// Its position among the workspace's values of its kind, from 0.
    pub index: u64,
    /// When it arrived (UTC, RFC 3339).
    pub received_at: String,
    /// The value as stored.
    pub data: Value,
    /// Its position in the workspace's tamper-evident log.
    pub log_index: u64,
}

/// How long the parts of one append took: the leaf (canonical text and hash), and the SQLite
/// statement with its commit (waiting for the writer's lock not included).
#[derive(Debug, Clone, Copy, Default)]
pub struct AppendTimes {
    /// Canonicalizing and hashing the value.
    pub leaf: Duration,
    /// The insert and its commit (with the sync to disk).
    pub transaction: Duration,
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

impl StoreError {
    /// A failure described in words.
    pub(crate) fn new(what: String) -> StoreError {
        StoreError(what)
    }
}

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

/// How commits reach the disk (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sync {
    /// Each commit is synced before it returns: survives a power cut.
    #[default]
    Full,
    /// The WAL is synced at checkpoints: survives the process being killed, not a power cut.
    Normal,
}

/// Opens (or creates) the database file with the service's settings and brings its schema to the
/// latest version.
pub fn open_database(path: &Path, sync: Sync) -> Result<Connection, StoreError> {
    let mut connection = Connection::open(path)?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    let level = match sync {
        Sync::Full => "FULL",
        Sync::Normal => "NORMAL",
    };
    connection.pragma_update(None, "synchronous", level)?;
    connection.busy_timeout(Duration::from_secs(5))?;
    migrations().to_latest(&mut connection)?;
    Ok(connection)
}

/// The database and the Merkle tree of each workspace, shared by the request handlers (cheap to
/// clone).
#[derive(Clone)]
pub struct Store {
    inner: Arc<Mutex<Inner>>,
    keys: Arc<Mutex<Connection>>,
}

struct Inner {
    connection: Connection,
    trees: HashMap<String, MerkleLog>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked while holding the lock left no half-done write: each is one
    // statement, and a tree is appended to only after its row committed.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Store {
    /// Opens (or creates) the database file, brings its schema to the latest version and loads
    /// each workspace's tree.
    pub fn open(path: &Path, sync: Sync) -> Result<Store, StoreError> {
        let connection = open_database(path, sync)?;
        let keys = open_database(path, sync)?;
        let mut trees: HashMap<String, MerkleLog> = HashMap::new();
        {
            let mut rows = connection.prepare(
                "SELECT workspace, position, hash FROM kept ORDER BY workspace, position",
            )?;
            let mut rows = rows.query([])?;
            while let Some(row) = rows.next()? {
                let workspace: String = row.get(0)?;
                let position: i64 = row.get(1)?;
                let hash: Vec<u8> = row.get(2)?;
                let tree = trees.entry(workspace.clone()).or_default();
                // The positions of a workspace are 0, 1, 2, ...: anything else is a database
                // that was changed behind the service's back, which it must not sign.
                if u64::try_from(position).ok() != Some(tree.size()) {
                    return Err(StoreError(format!(
                        "workspace {workspace:?} has no value at position {} of its log",
                        tree.size()
                    )));
                }
                let hash = Hash::try_from(hash.as_slice())
                    .map_err(|_| StoreError("a leaf hash is not 32 bytes".to_owned()))?;
                tree.append(hash);
            }
        }
        Ok(Store {
            inner: Arc::new(Mutex::new(Inner { connection, trees })),
            keys: Arc::new(Mutex::new(keys)),
        })
    }

    /// Runs `f` on the connection that reads and writes API keys.
    pub fn with_keys<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        f(&lock(&self.keys))
    }

    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        Ok(f(&lock(&self.inner).connection)?)
    }

    /// Appends validated data to a workspace's log, with its leaf; returns it as stored, and how
    /// long its leaf and its transaction took.
    pub fn append(
        &self,
        workspace: &str,
        log: Log,
        data: Value,
    ) -> Result<(Stored, AppendTimes), StoreError> {
        let started = Instant::now();
        let text = data.to_string();
        let leaf = leaf_of(&data);
        let leaf_time = started.elapsed();
        let mut inner = lock(&self.inner);
        let log_index = inner.trees.get(workspace).map_or(0, MerkleLog::size);
        let started = Instant::now();
        // One statement: the value, its index among its kind and its leaf are written together.
        let (idx, received_at): (i64, String) = inner.connection.query_row(
            "INSERT INTO kept (workspace, position, log, idx, data, hash)
             SELECT ?1, ?2, ?3, coalesce(max(idx) + 1, 0), ?4, ?5
             FROM kept WHERE workspace = ?1 AND log = ?3
             RETURNING idx, received_at",
            params![workspace, log_index as i64, log.name(), text, leaf.to_vec()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let transaction = started.elapsed();
        inner
            .trees
            .entry(workspace.to_owned())
            .or_default()
            .append(leaf);
        Ok((
            Stored {
                index: u64::try_from(idx).unwrap_or(0),
                received_at,
                data,
                log_index,
            },
            AppendTimes {
                leaf: leaf_time,
                transaction,
            },
        ))
    }

    /// Runs `f` on a workspace's tree as it is now (an empty one for a workspace with nothing).
    pub fn with_tree<T>(&self, workspace: &str, f: impl FnOnce(&MerkleLog) -> T) -> T {
        let inner = lock(&self.inner);
        match inner.trees.get(workspace) {
            Some(tree) => f(tree),
            None => f(&MerkleLog::new()),
        }
    }

    /// A workspace's values in the order of its log, as their canonical text: one line each,
    /// whose leaf hash is the log's leaf at that position.
    pub fn export(&self, workspace: &str) -> Result<String, StoreError> {
        let texts = self.with(|c| {
            c.prepare("SELECT data FROM kept WHERE workspace = ?1 ORDER BY position")?
                .query_map([workspace], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })?;
        let mut out = String::new();
        for text in texts {
            let data: Value = serde_json::from_str(&text)
                .map_err(|error| StoreError(format!("a stored value is not JSON: {error}")))?;
            out.push_str(&canonicalize(&data));
            out.push('\n');
        }
        Ok(out)
    }

    /// Up to `limit` values of a kind in a workspace, newest first, starting below `before` (an
    /// index) if given.
    pub fn page(
        &self,
        workspace: &str,
        log: Log,
        before: Option<u64>,
        limit: u32,
    ) -> Result<Vec<Stored>, StoreError> {
        let below = before.map_or(i64::MAX, |b| i64::try_from(b).unwrap_or(i64::MAX));
        let rows = self.with(|c| {
            c.prepare(
                "SELECT idx, received_at, data, position FROM kept
                 WHERE workspace = ?1 AND log = ?2 AND idx < ?3 ORDER BY idx DESC LIMIT ?4",
            )?
            .query_map(params![workspace, log.name(), below, limit], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<(i64, String, String, i64)>>>()
        })?;
        rows.into_iter()
            .map(|(idx, received_at, text, position)| stored(idx, received_at, &text, position))
            .collect()
    }

    /// The value at `index` of a kind in a workspace, if there is one.
    pub fn get(&self, workspace: &str, log: Log, index: u64) -> Result<Option<Stored>, StoreError> {
        let Ok(idx) = i64::try_from(index) else {
            return Ok(None);
        };
        let row = self.with(|c| {
            c.query_row(
                "SELECT received_at, data, position FROM kept
                 WHERE workspace = ?1 AND log = ?2 AND idx = ?3",
                params![workspace, log.name(), idx],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)?,
                    ))
                },
            )
            .optional()
        })?;
        row.map(|(received_at, text, position)| stored(idx, received_at, &text, position))
            .transpose()
    }

    /// Whether the database answers (for the health check).
    pub fn ping(&self) -> Result<(), StoreError> {
        self.with(|c| c.query_row("SELECT 1", [], |_| Ok(())))
    }
}

fn stored(idx: i64, received_at: String, text: &str, position: i64) -> Result<Stored, StoreError> {
    let data = serde_json::from_str(text)
        .map_err(|error| StoreError(format!("value {idx} holds data that is not JSON: {error}")))?;
    Ok(Stored {
        index: u64::try_from(idx).unwrap_or(0),
        received_at,
        data,
        log_index: u64::try_from(position).unwrap_or(0),
    })
}
