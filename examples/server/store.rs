//! Where the service keeps what it accepted: one SQLite file, created on first start, its schema
//! versioned by rusqlite_migration. Each log (entries, platform records) is a table appended to
//! and never changed; a row's position in it is its `index`, from 0.
//!
//! Both logs also feed one tamper-evident log (`auditlog::log`): the `leaves` table holds, at each
//! position, the leaf hash of a stored value's RFC 8785 text, written in the same transaction as
//! the value, and the service keeps the Merkle tree of those leaves in memory (loaded at start) to
//! sign checkpoints and make proofs.
//!
//! Writes go through one connection behind a mutex (SQLite has one writer at a time anyway), in
//! WAL mode with `synchronous = NORMAL`: a commit that returned survives the process being killed
//! (not a power cut, which would need `FULL`). Each append is one transaction, so a value and its
//! leaf are either both there or neither.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use auditlog::log::{Hash, MerkleLog, canonicalize, leaf_hash};
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
    ])
}

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

/// A stored value's leaf: the leaf hash of its canonical text (the value was validated before it
/// was stored, so its text is what `schema.canonicalize` gives for it).
pub fn leaf_of(data: &Value) -> Hash {
    leaf_hash(canonicalize(data).as_bytes())
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

/// The two logs the service keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    /// Open-types audit-log entries (`POST /audit-logs`).
    Entries,
    /// Platform audit-log records (`POST /platform-records`).
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

/// One stored value: its position in its log, when it arrived, the validated data, and its
/// position in the tamper-evident log (for `GET /proof/inclusion?index=`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stored {
    pub index: u64,
    pub received_at: String,
    pub data: Value,
    pub log_index: u64,
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

/// The database and the Merkle tree of its leaves, shared by the request handlers (cheap to clone).
#[derive(Clone)]
pub struct Store {
    inner: Arc<Mutex<Inner>>,
}

struct Inner {
    connection: Connection,
    tree: MerkleLog,
}

impl Store {
    /// Opens (or creates) the database file and brings its schema to the latest version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations().to_latest(&mut connection)?;
        let leaves = connection
            .prepare("SELECT hash FROM leaves ORDER BY position")?
            .query_map([], |row| row.get::<_, Vec<u8>>(0))?
            .map(|hash| Ok(Hash::try_from(hash?.as_slice()).unwrap_or_default()))
            .collect::<rusqlite::Result<Vec<Hash>>>()?;
        let tree = MerkleLog::from_leaves(leaves);
        Ok(Store {
            inner: Arc::new(Mutex::new(Inner { connection, tree })),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A handler that panicked while holding the lock left no half-done write: each is one
        // transaction, and the tree is appended to only after it committed.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        Ok(f(&self.lock().connection)?)
    }

    /// Appends validated data to a log and its leaf to the tamper-evident log, in one transaction;
    /// returns it as stored.
    pub fn append(&self, log: Log, data: Value) -> Result<Stored, StoreError> {
        let text = data.to_string();
        let leaf = leaf_of(&data);
        let sql = format!(
            "INSERT INTO {} (data) VALUES (?1) RETURNING id, received_at",
            log.table()
        );
        let mut inner = self.lock();
        let log_index = inner.tree.size();
        let tx = inner.connection.transaction()?;
        let (id, received_at): (i64, String) =
            tx.query_row(&sql, params![text], |row| Ok((row.get(0)?, row.get(1)?)))?;
        tx.execute(
            "INSERT INTO leaves (position, log, row, hash) VALUES (?1, ?2, ?3, ?4)",
            params![log_index as i64, log.table(), id, leaf.to_vec()],
        )?;
        tx.commit()?;
        inner.tree.append(leaf);
        Ok(Stored {
            index: index_of(id),
            received_at,
            data,
            log_index,
        })
    }

    /// Runs `f` on the tamper-evident log's tree as it is now.
    pub fn with_tree<T>(&self, f: impl FnOnce(&MerkleLog) -> T) -> T {
        f(&self.lock().tree)
    }

    /// The stored values in the order of the tamper-evident log, as their canonical text: one line
    /// each, whose leaf hash is the log's leaf at that position.
    pub fn export(&self) -> Result<String, StoreError> {
        let texts = self.with(|c| {
            c.prepare(
                "SELECT coalesce(e.data, r.data) FROM leaves l
                 LEFT JOIN entries e ON l.log = 'entries' AND e.id = l.row
                 LEFT JOIN records r ON l.log = 'records' AND r.id = l.row
                 ORDER BY l.position",
            )?
            .query_map([], |row| row.get::<_, String>(0))?
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

    /// Up to `limit` values of a log, newest first, starting below `before` (an index) if given.
    pub fn page(
        &self,
        log: Log,
        before: Option<u64>,
        limit: u32,
    ) -> Result<Vec<Stored>, StoreError> {
        let sql = format!(
            "SELECT id, received_at, data, l.position FROM {0} JOIN leaves l ON l.log = '{0}' AND l.row = id
             WHERE id <= ?1 ORDER BY id DESC LIMIT ?2",
            log.table()
        );
        // Index i is row id i + 1: "below index b" is "id <= b".
        let below = before.map_or(i64::MAX, |b| i64::try_from(b).unwrap_or(i64::MAX));
        let rows = self.with(|c| {
            c.prepare(&sql)?
                .query_map(params![below, limit], |row| {
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
            .map(|(id, received_at, text, position)| stored(id, received_at, &text, position))
            .collect()
    }

    /// The value at `index` of a log, if there is one.
    pub fn get(&self, log: Log, index: u64) -> Result<Option<Stored>, StoreError> {
        let sql = format!(
            "SELECT received_at, data, l.position FROM {0} JOIN leaves l ON l.log = '{0}' AND l.row = id
             WHERE id = ?1",
            log.table()
        );
        let id = i64::try_from(index).map_or(i64::MAX, |index| index.saturating_add(1));
        let row = self.with(|c| {
            c.query_row(&sql, params![id], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })
            .optional()
        })?;
        row.map(|(received_at, text, position)| stored(id, received_at, &text, position))
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

fn stored(id: i64, received_at: String, text: &str, position: i64) -> Result<Stored, StoreError> {
    let data = serde_json::from_str(text)
        .map_err(|error| StoreError(format!("row {id} holds data that is not JSON: {error}")))?;
    Ok(Stored {
        index: index_of(id),
        received_at,
        data,
        log_index: u64::try_from(position).unwrap_or(0),
    })
}
