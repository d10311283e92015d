//! Answers as tokens (see [`token`]): what the module writes and the glue turns into JavaScript
//! values. Strings are not copied: a token points at UTF-8 in module memory.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::issues::{Issue, IssueValue, PathItem};

constants! {
    /// The tokens of an answer.
    token {
        /// `[n]` then n values.
        ARRAY = 1,
        /// `[n]` then n pairs of a key (a string token) and a value.
        OBJECT = 2,
        /// `[address, length]` of UTF-8 in module memory that never changes: the glue may cache it.
        STATIC_STR = 3,
        /// `[address, length]` of UTF-8 that is valid until the next call.
        STR = 4,
        /// `[n]`: a whole number.
        NUMBER = 5,
        /// `true`.
        TRUE = 6,
        /// `false`.
        FALSE = 7,
        /// `[i]`: the i-th record key the glue read (it may be a symbol).
        KEY = 8,
    }
}

/// What every call answers when its input cannot be read (malformed facts, an unknown schema): a
/// bug in the glue, reported, never a panic.
pub const MALFORMED: u32 = u32::MAX;

/// The tokens of the last answer, and the strings they point into (kept until the next call, so the
/// addresses in the tokens stay valid).
#[derive(Debug, Default)]
pub struct Tokens {
    /// The tokens.
    pub tokens: Vec<u32>,
    /// The strings made for this answer, which [`token::STR`] tokens point into.
    pub strings: Vec<String>,
}

impl Tokens {
    /// Forgets the last answer.
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.strings.clear();
    }

    /// Replaces the tokens with what `write` writes; returns their number.
    pub fn write(&mut self, write: impl FnOnce(&mut TokenWriter<'_>)) -> u32 {
        self.clear();
        self.append(write).1
    }

    /// Adds what `write` writes after the tokens there are; returns where it starts and its length.
    pub fn append(&mut self, write: impl FnOnce(&mut TokenWriter<'_>)) -> (u32, u32) {
        let start = self.tokens.len();
        write(&mut TokenWriter {
            tokens: &mut self.tokens,
            strings: &mut self.strings,
        });
        let len = self.tokens.len() - start;
        (
            u32::try_from(start).unwrap_or(MALFORMED),
            u32::try_from(len).unwrap_or(MALFORMED),
        )
    }
}

/// Writes values as tokens.
pub struct TokenWriter<'a> {
    tokens: &'a mut Vec<u32>,
    strings: &'a mut Vec<String>,
}

impl TokenWriter<'_> {
    /// The issues, as an array of objects with Zod's keys in Zod's order.
    pub fn issues(&mut self, issues: &[Issue]) {
        self.array(issues.len());
        for issue in issues {
            self.issue(issue);
        }
    }

    fn issue(&mut self, issue: &Issue) {
        let count_at = self.tokens.len() + 1;
        self.put([token::OBJECT, 0]);
        let mut count = 0;
        // Through `dyn`: one call per key, not the closure's body at each of `visit`'s keys.
        let entry: &mut dyn FnMut(&'static str, IssueValue<'_>) = &mut |key, value| {
            count += 1;
            self.entry(key, value);
        };
        issue.visit(entry);
        // Always there (written above); `get_mut` keeps a panic's message out of the module.
        if let Some(slot) = self.tokens.get_mut(count_at) {
            *slot = count;
        }
    }

    /// One key and its value. Not inlined: `visit` calls it from every key of every issue code.
    #[inline(never)]
    fn entry(&mut self, key: &'static str, value: IssueValue<'_>) {
        self.static_str(key);
        match value {
            IssueValue::Str(s) => self.static_str(s),
            IssueValue::Message(Cow::Borrowed(s)) => self.static_str(s),
            IssueValue::Message(Cow::Owned(s)) => self.owned_str(s.clone()),
            IssueValue::Number(n) => self.number(n),
            IssueValue::Bool(b) => self.boolean(b),
            IssueValue::StrList(list) => self.static_strs(list),
            IssueValue::Path(path) => self.path(path),
            IssueValue::Issues(nested) => self.issues(nested),
        }
    }

    fn path(&mut self, path: &[PathItem]) {
        self.array(path.len());
        for item in path {
            match item {
                PathItem::Field(name) => self.static_str(name),
                PathItem::Key(key) => self.owned_str(key.clone()),
                PathItem::KeyIndex(index) => self.put([token::KEY, *index]),
                PathItem::Index(index) => self.number(*index),
            }
        }
    }

    /// Appends tokens: an array, not a slice, where speed matters (the server's module, which
    /// inlines it): a slice's copy is a call to `memcpy`, slower for these few words.
    #[cfg(feature = "ndjson-export")]
    #[inline(always)]
    fn put<const N: usize>(&mut self, words: [u32; N]) {
        self.tokens.extend(words);
    }

    /// Appends tokens, through one copy of the code for every number of them ([`Self::put_slice`]).
    #[cfg(not(feature = "ndjson-export"))]
    fn put<const N: usize>(&mut self, words: [u32; N]) {
        self.put_slice(&words);
    }

    /// Appends tokens. Not inlined in the browser's modules: each inlined copy of the growth check
    /// weighs more than a call.
    #[cfg(not(feature = "ndjson-export"))]
    #[inline(never)]
    fn put_slice(&mut self, words: &[u32]) {
        self.tokens.extend_from_slice(words);
    }

    /// The header of an array of `len` values.
    pub fn array(&mut self, len: usize) {
        self.put([token::ARRAY, u32::try_from(len).unwrap_or(MALFORMED)]);
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, b: bool) {
        self.put([if b { token::TRUE } else { token::FALSE }]);
    }

    /// A whole number.
    pub fn number(&mut self, n: u32) {
        self.put([token::NUMBER, n]);
    }

    /// An array of strings that live as long as the module.
    pub fn static_strs(&mut self, list: &[&'static str]) {
        self.array(list.len());
        for s in list {
            self.static_str(s);
        }
    }

    /// A string that lives as long as the module: the glue may cache it by address.
    pub fn static_str(&mut self, s: &'static str) {
        self.put([token::STATIC_STR, s.as_ptr() as u32, s.len() as u32]);
    }

    /// A string made for this answer.
    pub fn owned_str(&mut self, s: String) {
        self.put([token::STR, s.as_ptr() as u32, s.len() as u32]);
        // Moving a String does not move its heap buffer, so the address stays valid.
        self.strings.push(s);
    }
}

/// Whether `tokens` is one complete value in the token grammar the glue reads: what the tests and
/// the fuzzer hold every answer to.
pub fn well_formed(tokens: &[u32]) -> bool {
    fn value(tokens: &[u32], at: &mut usize, depth: u32) -> bool {
        let Some(&head) = tokens.get(*at) else {
            return false;
        };
        *at += 1;
        let mut take = |n: usize| {
            *at += n;
            *at <= tokens.len()
        };
        match head {
            token::ARRAY | token::OBJECT => {
                let Some(&n) = tokens.get(*at) else {
                    return false;
                };
                *at += 1;
                let items = if head == token::OBJECT { 2 * n } else { n };
                depth < 8 && (0..items).all(|_| value(tokens, at, depth + 1))
            }
            token::STATIC_STR | token::STR => take(2),
            token::NUMBER | token::KEY => take(1),
            token::TRUE | token::FALSE => true,
            _ => false,
        }
    }
    let mut at = 0;
    value(tokens, &mut at, 0) && at == tokens.len()
}
