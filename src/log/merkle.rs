//! The Merkle tree of RFC 9162 section 2.1 (Certificate Transparency 2.0, as Sigstore's Rekor and
//! Go's checksum database use it): a log's root commits to every record in order, an inclusion
//! proof shows one record is in it, a consistency proof that a later log extends an earlier one.
//!
//! ```text
//! leaf hash  = SHA-256(0x00 || record's bytes)
//! node hash  = SHA-256(0x01 || left || right)
//! root of n  = node hash of the roots of the first k and the last n - k leaves,
//!              k the largest power of two below n (the empty tree: SHA-256 of nothing)
//! ```
//!
//! Proofs are made from leaf hashes (a [`MerkleLog`] keeps the hashes of every complete subtree,
//! so a proof costs O(log n) hashes) and checked by the algorithms of RFC 9162 2.1.3.2 and
//! 2.1.4.2. A proof of the wrong length, for an index beyond the tree or sizes out of order, is
//! rejected with what is wrong before any hashing; the conventions for the corner cases (equal
//! sizes, an empty first tree) are transparency-dev/merkle's, whose test data `tests/log.rs` runs.
//!
//! The algorithms are written here rather than taken from a crate: the proofs are made from leaf
//! hashes kept in the service's own database, and each rejection must say which rule failed. SHA-256
//! is the `sha2` crate's, which uses the CPU's SHA extensions where it has them.

use std::fmt;

use sha2::{Digest, Sha256};

/// A SHA-256 hash: a leaf's, a node's, or a root.
pub type Hash = [u8; 32];

/// The hash of a record: SHA-256 of `0x00` and its bytes (its canonical JSON, for this crate's logs).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(data);
    hasher.finalize().into()
}

/// The hash of an inner node: SHA-256 of `0x01`, the left child and the right child.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x01]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The root of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The root of a tree with these leaf hashes, in O(log n) memory.
pub fn root(leaves: &[Hash]) -> Hash {
    let mut builder = RootBuilder::default();
    for leaf in leaves {
        builder.push(*leaf);
    }
    builder.root()
}

/// A root computed as leaves arrive, keeping only the roots of the complete subtrees so far (one per
/// set bit of the size): for a stream of records that is never held in memory whole.
#[derive(Debug, Clone, Default)]
pub struct RootBuilder {
    /// `(height, hash)` of each complete subtree, tallest (leftmost) first.
    stack: Vec<(u32, Hash)>,
    size: u64,
}

impl RootBuilder {
    /// Adds the next leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        let mut node = (0, leaf);
        while let Some(&(height, left)) = self.stack.last() {
            if height != node.0 {
                break;
            }
            self.stack.pop();
            node = (height + 1, node_hash(&left, &node.1));
        }
        self.stack.push(node);
        self.size += 1;
    }

    /// How many leaves so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The root of the leaves so far: the complete subtrees joined from the right.
    pub fn root(&self) -> Hash {
        let mut nodes = self.stack.iter().rev();
        let Some(&(_, mut hash)) = nodes.next() else {
            return empty_root();
        };
        for (_, left) in nodes {
            hash = node_hash(left, &hash);
        }
        hash
    }
}

/// Why a proof was not accepted, or could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofError {
    /// An inclusion proof for an index at or beyond the tree's size.
    IndexBeyondSize {
        /// The leaf's index.
        index: u64,
        /// The tree's size.
        size: u64,
    },
    /// A consistency proof whose first tree is larger than its second.
    SizesOutOfOrder {
        /// The first tree's size.
        size1: u64,
        /// The second tree's size.
        size2: u64,
    },
    /// A consistency proof from the empty tree, which proves nothing.
    EmptyFirstTree,
    /// A proof with the wrong number of hashes for its index and sizes.
    WrongLength {
        /// Hashes the proof must have.
        expected: usize,
        /// Hashes it has.
        actual: usize,
    },
    /// A hash that is not 32 bytes (where hashes arrive as bytes: the npm package).
    MalformedHash {
        /// Which hash ("the root", "proof hash 3", ...).
        what: &'static str,
        /// Its length in bytes.
        length: usize,
    },
    /// The proof leads to another root than the one given.
    RootMismatch,
    /// A consistency proof that does not lead back to the first tree's root.
    FirstRootMismatch,
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProofError::IndexBeyondSize { index, size } => {
                write!(f, "index {index} is not in a tree of size {size}")
            }
            ProofError::SizesOutOfOrder { size1, size2 } => {
                write!(
                    f,
                    "the first tree (size {size1}) is larger than the second (size {size2})"
                )
            }
            ProofError::EmptyFirstTree => {
                f.write_str("a consistency proof from the empty tree proves nothing")
            }
            ProofError::WrongLength { expected, actual } => write!(
                f,
                "the proof has {actual} hashes where it must have {expected}"
            ),
            ProofError::MalformedHash { what, length } => {
                write!(f, "{what} is {length} bytes long, not 32")
            }
            ProofError::RootMismatch => f.write_str("the proof does not lead to the given root"),
            ProofError::FirstRootMismatch => {
                f.write_str("the proof does not lead back to the first tree's root")
            }
        }
    }
}

impl std::error::Error for ProofError {}

/// The number of hashes of an inclusion proof for `index` in a tree of `size` (`index < size`):
/// the levels where the paths to `index` and to the last leaf differ, then one per left subtree
/// above them.
fn inclusion_length(index: u64, size: u64) -> usize {
    let inner = u64::BITS - (index ^ (size - 1)).leading_zeros();
    let border = (index >> inner).count_ones();
    (inner + border) as usize
}

/// Checks that `leaf` is at `index` of the tree of `size` leaves whose root is `root`
/// (RFC 9162 2.1.3.2).
pub fn verify_inclusion(
    leaf: &Hash,
    index: u64,
    size: u64,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexBeyondSize { index, size });
    }
    let expected = inclusion_length(index, size);
    if proof.len() != expected {
        return Err(ProofError::WrongLength {
            expected,
            actual: proof.len(),
        });
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    // The length check above makes s reach 0 exactly here.
    if s == 0 && &r == root {
        Ok(())
    } else {
        Err(ProofError::RootMismatch)
    }
}

/// The number of hashes of a consistency proof from `size1` to `size2` (`0 < size1 < size2`).
fn consistency_length(size1: u64, size2: u64) -> usize {
    let shift = size1.trailing_zeros();
    let inner = u64::BITS - ((size1 - 1) ^ (size2 - 1)).leading_zeros() - shift;
    let border = ((size1 - 1) >> (inner + shift)).count_ones();
    let seed = usize::from(!size1.is_power_of_two());
    seed + (inner + border) as usize
}

/// Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with
/// root `root1` (RFC 9162 2.1.4.2). Equal sizes need an empty proof and equal roots; a first tree
/// of size 0 is refused (it is consistent with anything, so such a proof proves nothing).
pub fn verify_consistency(
    size1: u64,
    size2: u64,
    root1: &Hash,
    root2: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if size1 > size2 {
        return Err(ProofError::SizesOutOfOrder { size1, size2 });
    }
    if size1 == 0 {
        return Err(ProofError::EmptyFirstTree);
    }
    if size1 == size2 {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength {
                expected: 0,
                actual: proof.len(),
            });
        }
        return if root1 == root2 {
            Ok(())
        } else {
            Err(ProofError::RootMismatch)
        };
    }
    let expected = consistency_length(size1, size2);
    if proof.len() != expected {
        return Err(ProofError::WrongLength {
            expected,
            actual: proof.len(),
        });
    }
    // Step 2: a first tree that is a complete subtree is the proof's implicit first hash.
    let seed = if size1.is_power_of_two() {
        root1
    } else {
        &proof[0]
    };
    let rest = if size1.is_power_of_two() {
        proof
    } else {
        &proof[1..]
    };
    let (mut f, mut s) = (size1 - 1, size2 - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (*seed, *seed);
    for c in rest {
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if &fr != root1 {
        Err(ProofError::FirstRootMismatch)
    } else if s != 0 || &sr != root2 {
        Err(ProofError::RootMismatch)
    } else {
        Ok(())
    }
}

/// A log's leaf hashes, with the hash of every complete subtree kept as leaves arrive, so that
/// roots of any earlier size and proofs cost O(log n) hashes.
#[derive(Debug, Clone, Default)]
pub struct MerkleLog {
    /// `levels[h][i]`: the root of the complete subtree of 2^h leaves starting at leaf i * 2^h.
    levels: Vec<Vec<Hash>>,
}

impl MerkleLog {
    /// An empty log.
    pub fn new() -> MerkleLog {
        MerkleLog::default()
    }

    /// A log of these leaf hashes, in order.
    pub fn from_leaves(leaves: impl IntoIterator<Item = Hash>) -> MerkleLog {
        let mut log = MerkleLog::new();
        for leaf in leaves {
            log.append(leaf);
        }
        log
    }

    /// Appends a leaf hash; returns its index.
    pub fn append(&mut self, leaf: Hash) -> u64 {
        if self.levels.is_empty() {
            self.levels.push(Vec::new());
        }
        self.levels[0].push(leaf);
        let index = self.levels[0].len() - 1;
        // Each level that now ends with a complete pair completes a node one level up.
        let mut height = 0;
        let mut position = index;
        while position % 2 == 1 {
            let pair = &self.levels[height][position - 1..=position];
            let parent = node_hash(&pair[0], &pair[1]);
            height += 1;
            if self.levels.len() == height {
                self.levels.push(Vec::new());
            }
            self.levels[height].push(parent);
            position /= 2;
        }
        index as u64
    }

    /// Appends a record's bytes (hashed as a leaf); returns its index.
    pub fn append_data(&mut self, data: &[u8]) -> u64 {
        self.append(leaf_hash(data))
    }

    /// How many leaves the log has.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |leaves| leaves.len() as u64)
    }

    /// The leaf hashes, in order.
    pub fn leaves(&self) -> &[Hash] {
        self.levels.first().map_or(&[], Vec::as_slice)
    }

    /// The root of the whole log.
    pub fn root(&self) -> Hash {
        self.subtree(0, self.size())
    }

    /// The root the log had when it had `size` leaves.
    pub fn root_at(&self, size: u64) -> Result<Hash, ProofError> {
        if size > self.size() {
            return Err(ProofError::IndexBeyondSize {
                index: size,
                size: self.size(),
            });
        }
        Ok(self.subtree(0, size))
    }

    /// The root of leaves `start..end` of the log, where `start` is a multiple of the largest
    /// power of two below `end - start` (as every subtree the RFC's recursion visits is).
    fn subtree(&self, start: u64, end: u64) -> Hash {
        let n = end - start;
        if n == 0 {
            return empty_root();
        }
        if n.is_power_of_two() && start.is_multiple_of(n) {
            let height = n.trailing_zeros() as usize;
            return self.levels[height][(start / n) as usize];
        }
        let k = split(n);
        node_hash(
            &self.subtree(start, start + k),
            &self.subtree(start + k, end),
        )
    }

    /// The inclusion proof of the leaf at `index` in the tree of the first `size` leaves
    /// (RFC 9162 2.1.3.1).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        if size > self.size() || index >= size {
            return Err(ProofError::IndexBeyondSize { index, size });
        }
        let mut proof = Vec::new();
        self.path(index, 0, size, &mut proof);
        Ok(proof)
    }

    /// PATH(m, D[start:end]), appended to `proof` from the leaf up.
    fn path(&self, m: u64, start: u64, end: u64, proof: &mut Vec<Hash>) {
        let n = end - start;
        if n <= 1 {
            return;
        }
        let k = split(n);
        if m < k {
            self.path(m, start, start + k, proof);
            proof.push(self.subtree(start + k, end));
        } else {
            self.path(m - k, start + k, end, proof);
            proof.push(self.subtree(start, start + k));
        }
    }

    /// The consistency proof from the tree of the first `size1` leaves to that of the first
    /// `size2` (RFC 9162 2.1.4.1); empty for equal sizes.
    pub fn consistency_proof(&self, size1: u64, size2: u64) -> Result<Vec<Hash>, ProofError> {
        if size2 > self.size() {
            return Err(ProofError::IndexBeyondSize {
                index: size2,
                size: self.size(),
            });
        }
        if size1 > size2 {
            return Err(ProofError::SizesOutOfOrder { size1, size2 });
        }
        if size1 == 0 {
            return Err(ProofError::EmptyFirstTree);
        }
        let mut proof = Vec::new();
        self.subproof(size1, 0, size2, true, &mut proof);
        Ok(proof)
    }

    /// SUBPROOF(m, D[start:end], b), appended to `proof`.
    fn subproof(&self, m: u64, start: u64, end: u64, whole: bool, proof: &mut Vec<Hash>) {
        let n = end - start;
        if m == n {
            if !whole {
                proof.push(self.subtree(start, end));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            self.subproof(m, start, start + k, whole, proof);
            proof.push(self.subtree(start + k, end));
        } else {
            self.subproof(m - k, start + k, end, false, proof);
            proof.push(self.subtree(start, start + k));
        }
    }
}

/// The largest power of two below `n` (`n >= 2`).
fn split(n: u64) -> u64 {
    1 << (u64::BITS - 1 - (n - 1).leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_of(n: u64) -> MerkleLog {
        MerkleLog::from_leaves((0..n).map(|i| leaf_hash(&i.to_le_bytes())))
    }

    /// MTH as RFC 9162 defines it, straight from the recursion.
    fn reference_root(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
            }
        }
    }

    #[test]
    fn roots_match_the_definition_at_every_size() {
        let log = log_of(70);
        let mut builder = RootBuilder::default();
        for size in 0..=70u64 {
            let expected = reference_root(&log.leaves()[..size as usize]);
            assert_eq!(log.root_at(size).unwrap(), expected, "{size}");
            assert_eq!(root(&log.leaves()[..size as usize]), expected, "{size}");
            assert_eq!(builder.root(), expected, "{size}");
            if size < 70 {
                builder.push(log.leaves()[size as usize]);
            }
        }
    }

    #[test]
    fn every_inclusion_and_consistency_proof_verifies_and_has_the_predicted_length() {
        let log = log_of(33);
        for size in 1..=33 {
            let root = log.root_at(size).unwrap();
            for index in 0..size {
                let proof = log.inclusion_proof(index, size).unwrap();
                assert_eq!(proof.len(), inclusion_length(index, size));
                let leaf = log.leaves()[index as usize];
                assert_eq!(verify_inclusion(&leaf, index, size, &proof, &root), Ok(()));
                let other = leaf_hash(b"other");
                assert_eq!(
                    verify_inclusion(&other, index, size, &proof, &root),
                    Err(ProofError::RootMismatch)
                );
            }
            for size1 in 1..=size {
                let proof = log.consistency_proof(size1, size).unwrap();
                if size1 < size {
                    assert_eq!(proof.len(), consistency_length(size1, size));
                }
                let root1 = log.root_at(size1).unwrap();
                assert_eq!(
                    verify_consistency(size1, size, &root1, &root, &proof),
                    Ok(()),
                    "{size1} -> {size}"
                );
            }
        }
    }

    #[test]
    fn malformed_proofs_say_what_is_wrong() {
        let log = log_of(8);
        let root = log.root();
        let proof = log.inclusion_proof(3, 8).unwrap();
        let leaf = log.leaves()[3];
        assert_eq!(
            verify_inclusion(&leaf, 8, 8, &proof, &root),
            Err(ProofError::IndexBeyondSize { index: 8, size: 8 })
        );
        assert_eq!(
            verify_inclusion(&leaf, 3, 8, &proof[..2], &root),
            Err(ProofError::WrongLength {
                expected: 3,
                actual: 2
            })
        );
        let root4 = log.root_at(4).unwrap();
        assert_eq!(
            verify_consistency(8, 4, &root, &root4, &[]),
            Err(ProofError::SizesOutOfOrder { size1: 8, size2: 4 })
        );
        assert_eq!(
            verify_consistency(0, 4, &empty_root(), &root4, &[]),
            Err(ProofError::EmptyFirstTree)
        );
        let consistency = log.consistency_proof(3, 8).unwrap();
        let root3 = log.root_at(3).unwrap();
        assert_eq!(
            verify_consistency(3, 8, &root4, &root, &consistency),
            Err(ProofError::FirstRootMismatch)
        );
        assert_eq!(
            verify_consistency(3, 8, &root3, &root4, &consistency),
            Err(ProofError::RootMismatch)
        );
        assert!(log.inclusion_proof(8, 8).is_err() && log.consistency_proof(2, 9).is_err());
    }
}
