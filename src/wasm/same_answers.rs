//! The answers of the split NDJSON lines checked so far in one [`super::check_ndjson`] call, by
//! what decides them ([`crate::fastpath::answer_key`]). A file's invalid lines mostly
//! fail alike (a field null, a value of a retired enum): a line that fails as one before it did is
//! listed with that line's tokens, neither scanned nor checked again.
//!
//! A table of up to [`MAX_KEPT`] answers, open-addressed (each key in the first free slot from the
//! one its hash picks): keys never push each other out, so the few ways a chunk's lines fail are
//! all kept, however their hashes fall. When the table or the keys' room is full, it starts again.
//! Measured in the server module: a hash map (hashbrown) made it 7.5 KB larger, foldhash's hash
//! alone 1.9 KB (its 128-bit products are long code in wasm), and a B-tree compared keys byte by
//! byte, which is slow in wasm (its `memcmp` is a loop); the hash here is FxHash's step (rustc's),
//! on eight bytes at a time.

use alloc::vec::Vec;

/// The table's slots: `1 << SLOT_BITS`.
const SLOT_BITS: u32 = 7;
const SLOTS: usize = 1 << SLOT_BITS;

/// How many answers are kept at once: in a table at most half full, a key, or the free slot that
/// says it is not kept, is found in a few steps (about 2.5 slots on average for a key not kept).
const MAX_KEPT: usize = SLOTS / 2;

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
    kept: usize,
    keys: Vec<u8>,
    /// Lines asked about, and those found.
    asked: u32,
    found: u32,
}

impl Default for SameAnswers {
    fn default() -> Self {
        SameAnswers {
            slots: [None; SLOTS],
            kept: 0,
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
        let answer = self
            .probe(hash)
            .find(|slot| {
                slot.hash == hash
                    && self.keys.get(slot.start as usize..slot.end as usize) == Some(key)
            })?
            .answer;
        self.found = self.found.saturating_add(1);
        Some(answer)
    }

    /// Keeps `answer` for `key` (a key not kept, as `get` found). A key of over a quarter of the
    /// keys' room (a large value that failed) is not kept: each would empty the table.
    pub fn insert(&mut self, key: &[u8], answer: Answer) {
        if key.len() > MAX_KEY_BYTES / 4 {
            return;
        }
        if self.kept == MAX_KEPT || self.keys.len() + key.len() > MAX_KEY_BYTES {
            self.keys.clear();
            self.slots = [None; SLOTS];
            self.kept = 0;
        }
        let hash = hash(key);
        let start = self.keys.len();
        self.keys.extend_from_slice(key);
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(self.keys.len())) else {
            return;
        };
        let Some((before, after)) = self.slots.split_at_mut_checked(slot_of(hash)) else {
            return;
        };
        if let Some(slot) = after.iter_mut().chain(before).find(|slot| slot.is_none()) {
            *slot = Some(Slot {
                hash,
                start,
                end,
                answer,
            });
            self.kept += 1;
        }
    }

    /// The slots a key of this hash may be in, in order, up to the first free one (which ends the
    /// search: keys are never removed one by one, so no key lies past a free slot).
    fn probe(&self, hash: u64) -> impl Iterator<Item = &Slot> {
        let (before, after) = self
            .slots
            .split_at_checked(slot_of(hash))
            .unwrap_or_default();
        after.iter().chain(before).map_while(Option::as_ref)
    }
}

/// The first slot for a key of this hash: its top bits, which a multiplicative hash mixes best (in
/// its low bits, every input bit above them is lost).
fn slot_of(hash: u64) -> usize {
    (hash >> (u64::BITS - SLOT_BITS)) as usize
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
    use crate::fastpath::Fast;

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
        // MAX_KEPT keys are all kept, some of them sharing a first slot (checked below); one
        // more, and the table starts again with it alone.
        let mut answers = SameAnswers::default();
        let keys: Vec<[u8; 4]> = (0..=MAX_KEPT as u32).map(u32::to_le_bytes).collect();
        keys.iter().for_each(|key| answers.insert(key, None));
        let kept = |answers: &mut SameAnswers| {
            keys.iter()
                .filter(|key| answers.get(&key[..]).is_some())
                .count()
        };
        assert_eq!(kept(&mut answers), 1);
        let mut answers = SameAnswers::default();
        keys.iter()
            .take(MAX_KEPT)
            .for_each(|key| answers.insert(key, None));
        assert_eq!(kept(&mut answers), MAX_KEPT);
        let first_slots: alloc::collections::BTreeSet<usize> = keys
            .iter()
            .take(MAX_KEPT)
            .map(|key| slot_of(hash(&key[..])))
            .collect();
        assert!(
            first_slots.len() < MAX_KEPT,
            "no two keys share a first slot, so probing is not tested"
        );
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

    /// The sample's invalid lines, in a chunk of their own: every split line whose answer key a line
    /// before it had is listed with that line's tokens (some of the keys share a first slot), so the
    /// chunk writes one answer per key.
    #[test]
    fn a_chunk_writes_one_answer_per_way_its_lines_fail() {
        use crate::source::tape::Scanner;
        use crate::wasm::protocol::{line, listed, report as header, schema};
        use crate::wasm::tokens::Tokens;
        use alloc::collections::BTreeSet;
        let sample = include_bytes!("../../www/public/samples/entries-5000.ndjson");
        let root = schema(0).unwrap();
        let (mut report, mut out, mut scanner) =
            (Vec::new(), Tokens::default(), Scanner::default());
        // Lines listed (not valid) and their token ranges, from a check of `block`.
        let mut listed_in = |block: &[u8]| {
            let length = super::super::check_ndjson(0, block, &mut scanner, &mut report, &mut out);
            report[header::LISTED as usize..length as usize]
                .chunks(listed::SLOTS as usize)
                .map(|entry| {
                    let at = |slot: u32| entry[slot as usize];
                    (
                        at(listed::NUMBER),
                        at(listed::KIND),
                        at(listed::FROM),
                        at(listed::TO),
                    )
                })
                .collect::<Vec<_>>()
        };
        let sample_lines: Vec<&[u8]> = crate::ndjson::lines(sample)
            .map(|(_, _, line)| line)
            .collect();
        let invalid: Vec<&[u8]> = listed_in(&sample[..])
            .iter()
            .filter(|&&(_, kind, _, _)| kind == line::INVALID)
            .map(|&(number, ..)| sample_lines[number as usize - 1])
            .collect();
        let block: Vec<u8> = invalid
            .iter()
            .cycle()
            .take(1000)
            .flat_map(|line| [line, &b"\n"[..]].concat())
            .collect();
        // The answer keys of the split lines, by line number.
        let mut keys = alloc::collections::BTreeMap::new();
        for (number, _, line, fast) in crate::fastpath::lines(root, &block) {
            let mut key = Vec::new();
            match fast {
                Fast::Unsure(Some((split, _))) => {
                    crate::fastpath::answer_key(&split, line, &mut key).unwrap();
                    keys.insert(number as u32, key);
                }
                Fast::Unsure(None) => {}
                Fast::Valid => panic!("{:?}", core::str::from_utf8(line)),
            }
        }
        let ranges: BTreeSet<(u32, u32)> = listed_in(&block)
            .iter()
            .filter(|&&(number, kind, _, _)| kind == line::INVALID && keys.contains_key(&number))
            .map(|&(_, _, from, to)| (from, to))
            .collect();
        let distinct: BTreeSet<&Vec<u8>> = keys.values().collect();
        assert!(
            distinct.len() > 8 && distinct.len() <= MAX_KEPT,
            "{}",
            distinct.len()
        );
        assert_eq!(ranges.len(), distinct.len(), "answers written, and keys");
        let first_slots: BTreeSet<usize> = distinct.iter().map(|key| slot_of(hash(key))).collect();
        assert!(
            first_slots.len() < distinct.len(),
            "no two keys share a first slot"
        );
    }
}
