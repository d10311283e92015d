//! Signed checkpoints: a log's statement "I am `origin`, I have `size` records, and this is their
//! root", in the C2SP `tlog-checkpoint` text format, signed with Ed25519 as a C2SP `signed-note`,
//! the formats of Go's `sumdb/note` and the transparency-log tools built on them (the tests check
//! key handling against that package's published test key).
//!
//! ```text
//! auditlog.example/records        <- origin (also the signing key's name)
//! 4                               <- size
//! 0QLr3b8e0Uj8m0kR0CZbSHXWQnlvBvT4zOQd0Ws8oVs=   <- root, base64
//!                                 <- blank line
//! — auditlog.example/records J2Rc3bm4...          <- key id and signature, base64
//! ```
//!
//! What it promises: whoever holds the key said this root is the log at this size; with the
//! proofs of [`super::merkle`], every record of it is in it and every later checkpoint extends it.
//! What it does not: that the log recorded everything it was sent (an operator can refuse to log),
//! or anything at all if the key is not the operator's (check the verifier key out of band).
//!
//! The formats are the `signed_note` and `tlog_tiles` crates' (Cloudflare's ports of Go's `note`
//! and `tlog` packages).

use std::fmt;

use rand_core::CryptoRngCore;
use signed_note::{Note, Signer as _, StandardSigner, StandardVerifier, VerifierList};
use tlog_tiles::{Checkpoint as CheckpointText, Hash as TlogHash};

use super::merkle::Hash;

/// A log's size and root at some moment, under its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's name: who it is (`auditlog.example/records`).
    pub origin: String,
    /// How many records it had.
    pub size: u64,
    /// Their root (RFC 9162).
    pub root: Hash,
}

/// Why a checkpoint or a key was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointError {
    /// A signer or verifier key that is not in the signed-note key format.
    BadKey(&'static str),
    /// A note that is not a signed note (text, a blank line, signature lines).
    MalformedNote,
    /// A note whose text is not a checkpoint (origin, size, base64 root, extension lines).
    MalformedCheckpoint,
    /// A note with no signature by the given key.
    NotSignedByKey {
        /// The key's name.
        key: String,
    },
    /// A signature by the given key that does not verify: the note was changed after signing.
    BadSignature {
        /// The key's name.
        key: String,
    },
    /// An origin that cannot name a key (empty, or with a space or a `+`).
    BadOrigin,
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckpointError::BadKey(what) => write!(f, "the key is not a signed-note key: {what}"),
            CheckpointError::MalformedNote => {
                f.write_str("not a signed note (text, a blank line, then signature lines)")
            }
            CheckpointError::MalformedCheckpoint => {
                f.write_str("the note is not a checkpoint (origin, size, base64 root)")
            }
            CheckpointError::NotSignedByKey { key } => {
                write!(f, "the note has no signature by {key}")
            }
            CheckpointError::BadSignature { key } => write!(
                f,
                "the signature by {key} does not match the note: it was changed after signing"
            ),
            CheckpointError::BadOrigin => {
                f.write_str("a log's origin must be non-empty, without spaces or '+'")
            }
        }
    }
}

impl std::error::Error for CheckpointError {}

/// A log operator's Ed25519 key, which signs its checkpoints.
pub struct CheckpointSigner {
    signer: StandardSigner,
    verifier_key: String,
}

impl fmt::Debug for CheckpointSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the private key.
        f.debug_struct("CheckpointSigner")
            .field("verifier_key", &self.verifier_key)
            .finish_non_exhaustive()
    }
}

impl CheckpointSigner {
    /// A new key named `origin`: the signer, and its private key in signed-note text
    /// (`PRIVATE+KEY+<origin>+<id>+<base64>`, to keep secret and pass to [`Self::from_key`] later).
    pub fn generate(
        origin: &str,
        rng: &mut impl CryptoRngCore,
    ) -> Result<(CheckpointSigner, String), CheckpointError> {
        if !signed_note::is_key_name_valid(origin) {
            return Err(CheckpointError::BadOrigin);
        }
        let (private, verifier_key) = signed_note::generate_key(rng, origin);
        let signer = StandardSigner::new(&private)
            .map_err(|_| CheckpointError::BadKey("the generated key did not read back"))?;
        Ok((
            CheckpointSigner {
                signer,
                verifier_key,
            },
            private,
        ))
    }

    /// The signer of a private key in signed-note text.
    pub fn from_key(private_key: &str) -> Result<CheckpointSigner, CheckpointError> {
        let signer = StandardSigner::new(private_key.trim())
            .map_err(|_| CheckpointError::BadKey("expected PRIVATE+KEY+<name>+<id>+<base64>"))?;
        let verifier_key = verifier_key_of(private_key.trim())?;
        Ok(CheckpointSigner {
            signer,
            verifier_key,
        })
    }

    /// The key's name: the origin of the checkpoints it signs.
    pub fn origin(&self) -> &str {
        self.signer.name()
    }

    /// The public key in signed-note text (`<origin>+<id>+<base64>`), which verifiers pin.
    pub fn verifier_key(&self) -> &str {
        &self.verifier_key
    }

    /// The signed checkpoint of a log of `size` records with this root, as note text.
    pub fn sign(&self, size: u64, root: &Hash) -> Result<String, CheckpointError> {
        self.sign_as(self.origin(), size, root)
    }

    /// The same for a log named `origin` that this key signs for besides its own name (one key
    /// for several logs, each its own origin line, such as a service's per-tenant logs). A
    /// verifier must check the origin: the signature alone does not say which log it is.
    pub fn sign_as(&self, origin: &str, size: u64, root: &Hash) -> Result<String, CheckpointError> {
        if !signed_note::is_key_name_valid(origin) {
            return Err(CheckpointError::BadOrigin);
        }
        let text = CheckpointText::new(origin, size, TlogHash(*root), "")
            .map_err(|_| CheckpointError::BadOrigin)?;
        let mut note =
            Note::new(&text.to_bytes(), &[]).map_err(|_| CheckpointError::MalformedCheckpoint)?;
        note.add_sigs(&[&self.signer])
            .map_err(|_| CheckpointError::BadOrigin)?;
        String::from_utf8(note.to_bytes()).map_err(|_| CheckpointError::MalformedNote)
    }
}

/// The verifier key of a private key: the same name and id, and the public half.
fn verifier_key_of(private_key: &str) -> Result<String, CheckpointError> {
    use base64::Engine as _;
    let bad = || CheckpointError::BadKey("expected PRIVATE+KEY+<name>+<id>+<base64>");
    let mut parts = private_key.splitn(5, '+').skip(2);
    let (Some(name), Some(_id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let key = base64::engine::general_purpose::STANDARD
        .decode(key)
        .map_err(|_| bad())?;
    let seed: [u8; 32] = key
        .get(1..)
        .and_then(|seed| seed.try_into().ok())
        .ok_or_else(bad)?;
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    Ok(signed_note::new_ed25519_verifier_key(name, &public))
}

/// Reads a signed checkpoint and checks its signature by `verifier_key` (`<name>+<id>+<base64>`).
pub fn verify_checkpoint(note: &str, verifier_key: &str) -> Result<Checkpoint, CheckpointError> {
    let verifier = StandardVerifier::new(verifier_key.trim())
        .map_err(|_| CheckpointError::BadKey("expected <name>+<id>+<base64>"))?;
    let key = verifier_key.trim().to_owned();
    let parsed = Note::from_bytes(note.as_bytes()).map_err(|_| CheckpointError::MalformedNote)?;
    let known = VerifierList::new(vec![Box::new(verifier)]);
    match parsed.verify(&known) {
        Ok(_) => {}
        Err(signed_note::NoteError::InvalidSignature { .. }) => {
            return Err(CheckpointError::BadSignature { key });
        }
        Err(_) => return Err(CheckpointError::NotSignedByKey { key }),
    }
    let text = CheckpointText::from_bytes(parsed.text())
        .map_err(|_| CheckpointError::MalformedCheckpoint)?;
    Ok(Checkpoint {
        origin: text.origin().to_owned(),
        size: text.size(),
        root: text.hash().0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_signs_logs_of_other_origins_which_verifiers_tell_apart() {
        let signer = CheckpointSigner::from_key(GO_SIGNER).expect("a key");
        let root = [7u8; 32];
        let note = signer
            .sign_as("PeterNeumann/ws_1", 3, &root)
            .expect("signed");
        let read = verify_checkpoint(&note, GO_VERIFIER).expect("verified");
        assert_eq!(
            (read.origin.as_str(), read.size, read.root),
            ("PeterNeumann/ws_1", 3, root)
        );
        let own = verify_checkpoint(&signer.sign(3, &root).expect("signed"), GO_VERIFIER);
        assert_eq!(own.expect("verified").origin, "PeterNeumann");
        assert!(matches!(
            signer.sign_as("has space", 3, &root),
            Err(CheckpointError::BadOrigin)
        ));
    }

    /// The key and signed note of Go's `golang.org/x/mod/sumdb/note` tests (published test data).
    const GO_SIGNER: &str =
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    const GO_VERIFIER: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

    #[test]
    fn a_signer_reads_back_with_its_verifier_key() {
        let signer = CheckpointSigner::from_key(GO_SIGNER).unwrap();
        assert_eq!(signer.verifier_key(), GO_VERIFIER);
        assert_eq!(signer.origin(), "PeterNeumann");
        assert!(!format!("{signer:?}").contains("AYEKF"));
    }

    #[test]
    fn a_signed_checkpoint_verifies_and_any_change_is_caught() {
        let signer = CheckpointSigner::from_key(GO_SIGNER).unwrap();
        let root = [7u8; 32];
        let note = signer.sign(42, &root).unwrap();
        assert!(note.starts_with(
            "PeterNeumann\n42\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n\n— PeterNeumann "
        ));
        let checkpoint = verify_checkpoint(&note, GO_VERIFIER).unwrap();
        assert_eq!(
            checkpoint,
            Checkpoint {
                origin: "PeterNeumann".into(),
                size: 42,
                root
            }
        );
        let changed = note.replacen("\n42\n", "\n43\n", 1);
        assert_eq!(
            verify_checkpoint(&changed, GO_VERIFIER),
            Err(CheckpointError::BadSignature {
                key: GO_VERIFIER.into()
            })
        );
        assert_eq!(
            verify_checkpoint("nonsense", GO_VERIFIER),
            Err(CheckpointError::MalformedNote)
        );
        assert!(matches!(
            verify_checkpoint(&note, "nope"),
            Err(CheckpointError::BadKey(_))
        ));
        let other = "Other+00000000+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        assert!(verify_checkpoint(&note, other).is_err());
    }
}
