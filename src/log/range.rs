//! Compact ranges: a slice of a log's leaves, `start..end`, kept as the roots of the fewest
//! complete subtrees that cover it (at most two per level). A complete subtree's root depends on
//! its leaves alone, so slices hashed apart (by separate processes, machines or Spark tasks) merge
//! into exactly the root of the whole log: what `auditlog log range` and `auditlog log merge` and
//! the Python package's `auditlog.spark.merkle_root` do. The same idea as transparency-dev's
//! `compact.Range`.

use std::fmt;

use super::merkle::{Hash, empty_root, node_hash};

/// Leaves `start..end` of a log, as the roots of the complete subtrees that cover them, left to
/// right: the largest aligned subtree at each step ([`CompactRange::sizes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactRange {
    start: u64,
    end: u64,
    hashes: Vec<Hash>,
    /// Each subtree's height (its size is 2^height).
    heights: Vec<u32>,
}

/// Why ranges could not be made or merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    /// `end` before `start`, or past 2^63 leaves.
    BadBounds {
        /// The first leaf.
        start: u64,
        /// One past the last leaf.
        end: u64,
    },
    /// Not as many hashes as the range's subtrees.
    WrongLength {
        /// Subtrees `start..end` has.
        expected: usize,
        /// Hashes given.
        actual: usize,
    },
    /// Two ranges merged that do not touch: the first ends where the second does not start.
    NotAdjacent {
        /// Where the first ends.
        end: u64,
        /// Where the second starts.
        start: u64,
    },
    /// A root asked of ranges that do not start at leaf 0.
    NotFromZero {
        /// Where they start.
        start: u64,
    },
}

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeError::BadBounds { start, end } => {
                write!(f, "the range {start}..{end} is not a range of leaves")
            }
            RangeError::WrongLength { expected, actual } => write!(
                f,
                "the range has {actual} hashes where it must have {expected}"
            ),
            RangeError::NotAdjacent { end, start } => write!(
                f,
                "a range ends at {end} and the next starts at {start}: leaves are missing or repeated"
            ),
            RangeError::NotFromZero { start } => write!(
                f,
                "the ranges start at leaf {start}, not 0: a root covers the log from its first leaf"
            ),
        }
    }
}

impl std::error::Error for RangeError {}

/// The largest power of two that divides `start` and fits in `end - start` (`start < end`).
fn step(start: u64, end: u64) -> u64 {
    let fits = 1u64 << (63 - (end - start).leading_zeros());
    if start == 0 {
        fits
    } else {
        fits.min(1u64 << start.trailing_zeros())
    }
}

fn check_bounds(start: u64, end: u64) -> Result<(), RangeError> {
    if end < start || end > 1 << 63 {
        Err(RangeError::BadBounds { start, end })
    } else {
        Ok(())
    }
}

impl CompactRange {
    /// The empty range at `start`.
    pub fn empty(start: u64) -> CompactRange {
        CompactRange {
            start,
            end: start,
            hashes: Vec::new(),
            heights: Vec::new(),
        }
    }

    /// The range of these leaf hashes, the first being leaf `start` of the log.
    pub fn of_leaves(start: u64, leaves: &[Hash]) -> Result<CompactRange, RangeError> {
        let end = start.saturating_add(leaves.len() as u64);
        check_bounds(start, end)?;
        let mut range = CompactRange::empty(start);
        for leaf in leaves {
            range.push(0, *leaf);
        }
        Ok(range)
    }

    /// A range from its parts (as `auditlog log range` prints them), checked for its length.
    pub fn from_parts(start: u64, end: u64, hashes: Vec<Hash>) -> Result<CompactRange, RangeError> {
        check_bounds(start, end)?;
        let heights: Vec<u32> = CompactRange::sizes(start, end)
            .iter()
            .map(|size| size.trailing_zeros())
            .collect();
        if hashes.len() != heights.len() {
            return Err(RangeError::WrongLength {
                expected: heights.len(),
                actual: hashes.len(),
            });
        }
        Ok(CompactRange {
            start,
            end,
            hashes,
            heights,
        })
    }

    /// The sizes of the subtrees that cover `start..end`, left to right.
    pub fn sizes(start: u64, end: u64) -> Vec<u64> {
        let mut sizes = Vec::new();
        let mut at = start;
        while at < end {
            let size = step(at, end);
            sizes.push(size);
            at += size;
        }
        sizes
    }

    /// The first leaf.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// One past the last leaf.
    pub fn end(&self) -> u64 {
        self.end
    }

    /// The subtrees' roots, left to right.
    pub fn hashes(&self) -> &[Hash] {
        &self.hashes
    }

    /// Appends the root of a complete subtree of `2^height` leaves starting at `self.end` (which
    /// is a multiple of its size), joining it with the subtree to its left while that is its
    /// sibling: the same size, and the left child of their parent (an even index at that level).
    fn push(&mut self, height: u32, hash: Hash) {
        let (mut height, mut hash) = (height, hash);
        let mut at = self.end;
        self.end += 1 << height;
        while (at >> height) & 1 == 1 && self.heights.last() == Some(&height) {
            let (Some(left), Some(_)) = (self.hashes.pop(), self.heights.pop()) else {
                break;
            };
            at -= 1 << height;
            hash = node_hash(&left, &hash);
            height += 1;
        }
        self.hashes.push(hash);
        self.heights.push(height);
    }

    /// The range `self.start..next.end`: `next` must start where `self` ends.
    pub fn merge(&self, next: &CompactRange) -> Result<CompactRange, RangeError> {
        if self.end != next.start {
            return Err(RangeError::NotAdjacent {
                end: self.end,
                start: next.start,
            });
        }
        let mut merged = self.clone();
        for (height, hash) in next.heights.iter().zip(&next.hashes) {
            merged.push(*height, *hash);
        }
        Ok(merged)
    }

    /// The root of the log of the first `end` leaves (the range must start at 0): the subtrees
    /// joined from the right, as RFC 9162 joins them.
    pub fn root(&self) -> Result<Hash, RangeError> {
        if self.start != 0 {
            return Err(RangeError::NotFromZero { start: self.start });
        }
        let mut hashes = self.hashes.iter().rev();
        let Some(&last) = hashes.next() else {
            return Ok(empty_root());
        };
        Ok(hashes.fold(last, |right, left| node_hash(left, &right)))
    }
}

/// The ranges, in any order, merged into one (they must cover `0..n` without gap or overlap), and
/// its size and root.
pub fn root_of_ranges(mut ranges: Vec<CompactRange>) -> Result<(u64, Hash), RangeError> {
    // Empty ranges cover nothing; they may sit anywhere, as an engine's empty partitions do.
    ranges.retain(|range| range.start != range.end);
    ranges.sort_by_key(|range| range.start);
    let mut merged = CompactRange::empty(0);
    for range in &ranges {
        merged = merged.merge(range)?;
    }
    Ok((merged.end, merged.root()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::merkle::{MerkleLog, leaf_hash};

    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    #[test]
    fn a_range_from_zero_has_the_logs_root() {
        for n in 0..70 {
            let leaves = leaves(n);
            let range = CompactRange::of_leaves(0, &leaves).unwrap();
            assert_eq!(
                range.root().unwrap(),
                MerkleLog::from_leaves(leaves).root(),
                "{n}"
            );
            assert_eq!(range.hashes().len(), n.count_ones() as usize);
        }
    }

    #[test]
    fn every_split_in_two_and_three_merges_into_the_whole() {
        let all = leaves(40);
        for a in 0..=40 {
            for b in a..=40 {
                let ab = CompactRange::of_leaves(a as u64, &all[a..b]).unwrap();
                assert_eq!(
                    ab.hashes().len(),
                    CompactRange::sizes(a as u64, b as u64).len()
                );
                for c in b..=40 {
                    let bc = CompactRange::of_leaves(b as u64, &all[b..c]).unwrap();
                    let ac = CompactRange::of_leaves(a as u64, &all[a..c]).unwrap();
                    assert_eq!(ab.merge(&bc).unwrap(), ac, "{a}..{b}..{c}");
                }
            }
        }
    }

    #[test]
    fn ranges_that_do_not_fit_are_refused() {
        let all = leaves(8);
        let first = CompactRange::of_leaves(0, &all[..3]).unwrap();
        let later = CompactRange::of_leaves(4, &all[4..]).unwrap();
        assert_eq!(
            first.merge(&later),
            Err(RangeError::NotAdjacent { end: 3, start: 4 })
        );
        assert_eq!(
            root_of_ranges(vec![later.clone()]),
            Err(RangeError::NotAdjacent { end: 0, start: 4 })
        );
        assert_eq!(later.root(), Err(RangeError::NotFromZero { start: 4 }));
        assert_eq!(
            CompactRange::from_parts(4, 8, vec![]),
            Err(RangeError::WrongLength {
                expected: 1,
                actual: 0
            })
        );
        assert_eq!(
            CompactRange::from_parts(5, 4, vec![]),
            Err(RangeError::BadBounds { start: 5, end: 4 })
        );
        assert_eq!(root_of_ranges(vec![]), Ok((0, empty_root())));
    }
}
