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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_answers_by_key_and_forgets_what_it_must() {
        let mut answers = SameAnswers::default();
        assert_eq!(answers.get(b"a"), None);
        answers.insert(b"a", Some((1, 2)));
        answers.insert(b"b", None);
        assert_eq!(answers.get(b"a"), Some(Some((1, 2))));
        assert_eq!(answers.get(b"b"), Some(None));
        // Keys that differ only past their last full word, or in length, are other keys.
        answers.insert(b"12345678\0", Some((3, 4)));
        assert_eq!(answers.get(b"12345678"), None);
        assert_eq!(answers.get(b"12345678\0\0"), None);
        assert_eq!(answers.get(b"12345678\0"), Some(Some((3, 4))));
        // A key of another slot's line takes its slot: of SLOTS + 1 keys, one is gone.
        let keys: Vec<[u8; 4]> = (0..=SLOTS as u32).map(u32::to_le_bytes).collect();
        keys.iter().for_each(|key| answers.insert(key, None));
        let kept = keys
            .iter()
            .filter(|key| answers.get(&key[..]).is_some())
            .count();
        assert!(kept <= SLOTS, "{kept}");
        // A key too large to keep is not kept, and empties nothing.
        answers.insert(b"kept", Some((5, 6)));
        answers.insert(&[7; MAX_KEY_BYTES / 4 + 1], None);
        assert_eq!(answers.get(&[7; MAX_KEY_BYTES / 4 + 1]), None);
        assert_eq!(answers.get(b"kept"), Some(Some((5, 6))));
        // Past its room for keys, it starts again.
        for n in 0..(MAX_KEY_BYTES / 1000 + 1) as u32 {
            answers.insert(&[&n.to_le_bytes()[..], &[0; 996]].concat(), None);
        }
        assert_eq!(answers.get(b"kept"), None);
        assert!(answers.keys.len() < MAX_KEY_BYTES);
    }

    #[test]
    fn stops_being_asked_where_lines_are_not_found() {
        let mut answers = SameAnswers::default();
        for n in 0..TRIAL {
            assert!(answers.worth_asking());
            answers.get(&n.to_le_bytes());
        }
        assert!(!answers.worth_asking());
        // One line in four found keeps it asked.
        let mut answers = SameAnswers::default();
        answers.insert(b"same", None);
        for n in 0..4 * TRIAL {
            assert!(answers.worth_asking(), "{n}");
            let key = if n % 4 == 0 {
                &b"same"[..]
            } else {
                &b"other"[..]
            };
            answers.get(key);
        }
    }
}
