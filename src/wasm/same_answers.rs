//! The answers of the split NDJSON lines checked so far in one [`super::check_ndjson`] call, by
//! what decides them ([`crate::source::tape::Split::answer_key`]). A file's invalid lines mostly
//! fail alike (a field null, a value of a retired enum): a line that fails as one before it did is
//! listed with that line's tokens, neither scanned nor checked again.
//!
//! A cache of [`SLOTS`] entries, each key in one slot chosen by its hash: a line whose slot holds
//! another key is checked, and takes the slot. A hash map (hashbrown) made the server module 7.5 KB
//! larger; a B-tree compared keys byte by byte, which is slow in wasm (its `memcmp` is a loop).

use alloc::vec::Vec;
use core::hash::BuildHasher;

/// How many answers are kept at once.
const SLOTS: usize = 64;

/// The keys' bytes are forgotten, with the answers, past this size (a call checks one chunk of
/// lines, so this is rarely reached).
const MAX_KEY_BYTES: usize = 1 << 16;

/// A split line's answer: `None` valid, or where its issues' tokens start and how many there are.
pub type Answer = Option<(u32, u32)>;

#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    /// Where its key is in `keys`.
    start: u32,
    end: u32,
    answer: Answer,
}

/// The answers kept, for one call.
pub struct SameAnswers {
    slots: [Option<Slot>; SLOTS],
    keys: Vec<u8>,
    hasher: foldhash::fast::FixedState,
}

impl Default for SameAnswers {
    fn default() -> Self {
        SameAnswers {
            slots: [None; SLOTS],
            keys: Vec::new(),
            hasher: foldhash::fast::FixedState::with_seed(0),
        }
    }
}

impl SameAnswers {
    /// The answer of the line whose key is `key`, if kept.
    pub fn get(&self, key: &[u8]) -> Option<Answer> {
        let hash = self.hasher.hash_one(key);
        let slot = (*self.slots.get(hash as usize % SLOTS)?)?;
        let kept = self.keys.get(slot.start as usize..slot.end as usize)?;
        (slot.hash == hash && kept == key).then_some(slot.answer)
    }

    /// Keeps `answer` for `key`, in place of the key that had its slot.
    pub fn insert(&mut self, key: &[u8], answer: Answer) {
        if self.keys.len() + key.len() > MAX_KEY_BYTES {
            self.keys.clear();
            self.slots = [None; SLOTS];
        }
        let hash = self.hasher.hash_one(key);
        let start = self.keys.len();
        self.keys.extend_from_slice(key);
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(self.keys.len())) else {
            return;
        };
        if let Some(slot) = self.slots.get_mut(hash as usize % SLOTS) {
            *slot = Some(Slot {
                hash,
                start,
                end,
                answer,
            });
        }
    }
}
