//! API keys: `alk_` and 43 base64url characters (32 random bytes from the operating system). The
//! database keeps only the SHA-256 of a key and its first 12 characters, the prefix it is found
//! by (an identifier, not a secret: it is what `auditlog keys list` shows and `revoke` takes);
//! the key itself is shown once, when it is made. A presented key is hashed and compared with the
//! stored hash in constant time.
//!
//! A key belongs to one workspace and has one scope: `read` (records, proofs, checkpoint, export
//! of its workspace) or `write` (storing values in its workspace, and reading it as `read` does:
//! a writer can check that its own values are in the log it is given).

use base64::Engine as _;
use rand_core::{OsRng, RngCore};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::store::StoreError;

/// What every key starts with (so that a leaked one can be recognized by scanners).
pub const KEY_PREFIX: &str = "alk_";
/// How many characters of a key the database keeps to find it by.
const LOOKUP_CHARS: usize = 12;
/// The length of a whole key: the prefix and 32 bytes in unpadded base64url.
const KEY_CHARS: usize = KEY_PREFIX.len() + 43;

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Read its workspace.
    Read,
    /// Store values in its workspace, and read it.
    Write,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }
}

/// Who a request comes from: a valid key's workspace and scope, and its prefix (its identifier,
/// for rate limits and logs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The key's workspace: the only one this caller sees.
    pub workspace: String,
    /// What the key may do.
    pub scope: Scope,
    /// The key's first characters, which identify it (never the key).
    pub key_id: String,
}

/// Whether `name` can be a workspace: 1 to 64 of `A-Z a-z 0-9 . _ : -`. A workspace names its
/// checkpoints' origin (`<origin>/<workspace>`), which must not hold spaces or `+`.
pub fn is_workspace_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b))
}

fn sha256(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// Makes a key for `workspace` with `scope`; stores its hash and prefix, and returns the key (the
/// only time it is seen).
pub fn create(
    connection: &Connection,
    workspace: &str,
    scope: Scope,
) -> Result<String, StoreError> {
    if !is_workspace_name(workspace) {
        return Err(StoreError::new(format!(
            "{workspace:?} is not a workspace name: 1 to 64 of A-Z a-z 0-9 . _ : -"
        )));
    }
    // A prefix already taken (one chance in 2^48 a key) draws again.
    for _ in 0..8 {
        let mut secret = [0u8; 32];
        OsRng.fill_bytes(&mut secret);
        let key = format!(
            "{KEY_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret)
        );
        let inserted = connection.execute(
            "INSERT INTO api_keys (prefix, hash, workspace, scope) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (prefix) DO NOTHING",
            params![
                &key[..LOOKUP_CHARS],
                sha256(&key).to_vec(),
                workspace,
                scope.name()
            ],
        )?;
        if inserted == 1 {
            return Ok(key);
        }
    }
    Err(StoreError::new("no free key prefix was drawn".to_owned()))
}

/// Revokes the key `id` (its prefix, or the whole key); whether there was such a key not yet
/// revoked.
pub fn revoke(connection: &Connection, id: &str) -> Result<bool, StoreError> {
    let prefix = id.get(..LOOKUP_CHARS).unwrap_or(id);
    let changed = connection.execute(
        "UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE prefix = ?1 AND revoked_at IS NULL",
        [prefix],
    )?;
    Ok(changed == 1)
}

/// A key as `auditlog keys list` shows it: never the key, nor its hash.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    /// The key's first characters.
    pub id: String,
    /// Its workspace.
    pub workspace: String,
    /// `read` or `write`.
    pub scope: String,
    /// When it was made (UTC).
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// Every key, oldest first.
pub fn list(connection: &Connection) -> Result<Vec<KeyInfo>, StoreError> {
    let keys = connection
        .prepare(
            "SELECT prefix, workspace, scope, created_at, revoked_at FROM api_keys
             ORDER BY created_at, prefix",
        )?
        .query_map([], |row| {
            Ok(KeyInfo {
                id: row.get(0)?,
                workspace: row.get(1)?,
                scope: row.get(2)?,
                created_at: row.get(3)?,
                revoked_at: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(keys)
}

/// The caller of a presented key, if it is a key the database has and has not revoked.
pub fn authenticate(connection: &Connection, key: &str) -> Result<Option<Caller>, StoreError> {
    if key.len() != KEY_CHARS || !key.starts_with(KEY_PREFIX) || !key.is_ascii() {
        return Ok(None);
    }
    let prefix = &key[..LOOKUP_CHARS];
    let row = connection
        .query_row(
            "SELECT hash, workspace, scope, revoked_at IS NOT NULL FROM api_keys WHERE prefix = ?1",
            [prefix],
            |row| {
                Ok((
                    row.get::<_, Vec<u8>>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, bool>(3)?,
                ))
            },
        )
        .optional()?;
    let presented = sha256(key);
    let Some((hash, workspace, scope, revoked)) = row else {
        return Ok(None);
    };
    let matches: bool = presented.as_slice().ct_eq(hash.as_slice()).into();
    if !matches || revoked {
        return Ok(None);
    }
    let scope = if scope == "write" {
        Scope::Write
    } else {
        Scope::Read
    };
    Ok(Some(Caller {
        workspace,
        scope,
        key_id: prefix.to_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::{Sync, open_database};

    #[test]
    fn a_key_works_until_revoked_and_only_its_hash_is_kept() {
        let dir = std::env::temp_dir().join(format!("auditlog-keys-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("keys.db");
        let connection = open_database(&db, Sync::Normal).unwrap();
        let key = create(&connection, "ws_1", Scope::Write).unwrap();
        assert_eq!(key.len(), KEY_CHARS);
        let caller = authenticate(&connection, &key).unwrap().unwrap();
        assert_eq!(caller.workspace, "ws_1");
        assert_eq!(caller.scope, Scope::Write);
        assert_eq!(caller.key_id, &key[..12]);
        // One character changed after the prefix: the same row, a different hash.
        let mut wrong = key.clone().into_bytes();
        wrong[KEY_CHARS - 1] = if wrong[KEY_CHARS - 1] == b'A' {
            b'B'
        } else {
            b'A'
        };
        let wrong = String::from_utf8(wrong).unwrap();
        assert_eq!(authenticate(&connection, &wrong).unwrap(), None);
        assert_eq!(authenticate(&connection, "alk_short").unwrap(), None);
        // The database holds neither the key nor its secret part.
        let stored: Vec<u8> = std::fs::read(&db).unwrap();
        let wal = std::fs::read(dir.join("keys.db-wal")).unwrap_or_default();
        for bytes in [stored, wal] {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(&key[LOOKUP_CHARS..]));
        }
        assert!(revoke(&connection, &key[..12]).unwrap());
        assert!(!revoke(&connection, &key[..12]).unwrap());
        assert_eq!(authenticate(&connection, &key).unwrap(), None);
        assert!(create(&connection, "no spaces", Scope::Read).is_err());
        drop(connection);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
