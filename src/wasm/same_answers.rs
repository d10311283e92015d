//! The answers of the split NDJSON lines checked so far in one [`super::check_ndjson`] call, by
//! what decides them ([`crate::fastpath::answer_key`]). A file's invalid lines mostly
//! fail alike (a field null, a value of a retired enum): a line that fails as one before it did is
//! listed with that line's tokens, neither scanned nor checked again.
//!
//! A cache of [`SLOTS`] entries, each key in one slot chosen by its hash: a line whose slot holds
//! another key is checked, and takes the slot. Measured in the server module: a hash map
//! (hashbrown) made it 7.5 KB larger, foldhash's hash alone 1.9 KB (its 128-bit products are long
//! code in wasm), and a B-tree compared keys byte by byte, which is slow in wasm (its `memcmp` is a
//! loop); the hash here is FxHash's step (rustc's), on eight bytes at a time.

use alloc::vec::Vec;

/// How many answers are kept at once.
const SLOTS: usize = 64;

/// The keys' bytes are forgotten, with the answers, past this size (a call checks one chunk of
/// lines, so this is rarely reached).
const MAX_KEY_BYTES: usize = 1 << 16;

/// After this many lines asked about in a call, the cache is asked only while at least one in
/// four was found there: lines that all fail differently then stop paying for keys and lookups.
const TRIAL: u32 = 64;

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
    /// Lines asked about, and those found.
    asked: u32,
    found: u32,
}

impl Default for SameAnswers {
    fn default() -> Self {
        SameAnswers {
            slots: [None; SLOTS],
            keys: Vec::new(),
            asked: 0,
            found: 0,
        }
    }
}

impl SameAnswers {
    /// Whether the lines of this call have been found here often enough to go on asking.
    pub fn worth_asking(&self) -> bool {
        self.asked < TRIAL || self.found.saturating_mul(4) >= self.asked
    }

    /// The answer of the line whose key is `key`, if kept.
    pub fn get(&mut self, key: &[u8]) -> Option<Answer> {
        self.asked = self.asked.saturating_add(1);
        let hash = hash(key);
        let slot = (*self.slots.get(hash as usize % SLOTS)?)?;
        let kept = self.keys.get(slot.start as usize..slot.end as usize)?;
        let answer = (slot.hash == hash && kept == key).then_some(slot.answer)?;
        self.found = self.found.saturating_add(1);
        Some(answer)
    }

    /// Keeps `answer` for `key`, in place of the key that had its slot. A key of over a quarter of
    /// the keys' room (a large value that failed) is not kept: each would empty the cache.
    pub fn insert(&mut self, key: &[u8], answer: Answer) {
        if key.len() > MAX_KEY_BYTES / 4 {
            return;
        }
        if self.keys.len() + key.len() > MAX_KEY_BYTES {
            self.keys.clear();
            self.slots = [None; SLOTS];
        }
        let hash = hash(key);
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

/// FxHash over `key`, eight bytes at a time (the last word padded with zeros; the key's length is
/// mixed in, so that padding does not make two keys one).
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(K);
    let mut words = key.chunks_exact(8);
    let mut hash = step(0, key.len() as u64);
    for word in &mut words {
        hash = step(
            hash,
            u64::from_le_bytes(word.try_into().unwrap_or_default()),
        );
    }
    let rest = words.remainder();
    let mut last = [0; 8];
    if let Some(room) = last.get_mut(..rest.len()) {
        room.copy_from_slice(rest);
    }
    step(hash, u64::from_le_bytes(last))
}
