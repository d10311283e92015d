//! The facts the JS glue wrote about a JavaScript value, as the rules read them: one 4-slot
//! record per value (`[tag, number, text_at, text_len]`, the tag a [`Kind`] plus [`flag`] bits),
//! followed by what the schema reads inside it (`crate::wasm::protocol` says what the glue writes
//! for each rule). Plain Rust, tested and fuzzed natively: anything malformed is
//! [`Unreadable::MalformedFacts`], never a panic.

use super::{FieldNames, Read, Source, Unreadable};
use crate::value::{KeyKind, KeyRef, Kind, Text, Value};

constants! {
    /// Bits of a value record's tag, above the kind's four.
    flag {
        /// `number` is `Number(value.length)` (a non-string whose `length` is not `undefined`).
        HAS_LENGTH = 1 << 5,
        /// The object is plain (Zod's `isPlainObject`).
        PLAIN = 1 << 6,
        /// The text range holds the name of the object's class.
        NAMED = 1 << 7,
        /// The text range holds the string's contents.
        HAS_TEXT = 1 << 8,
        /// A JSON value that is one of its own ancestors.
        CYCLE = 1 << 9,
        /// A JSON value the glue did not read into: it nests deeper than the rules allow.
        TOO_DEEP = 1 << 10,
        /// The glue found the value valid with the field's fast check (`crate::wasm::protocol::fast`): the rules skip it, and
        /// nothing follows its record.
        VERIFIED = 1 << 11,
    }
}

constants! {
    /// The kind of a record key (see [`crate::value::KeyKind`]).
    key {
        /// A string.
        STRING = 0,
        /// The string `"__proto__"`.
        PROTO = 1,
        /// A symbol.
        SYMBOL = 2,
    }
}

/// The slots of a value record: `[tag, number, text_at, text_len]`.
pub const RECORD_SLOTS: usize = 4;

const MALFORMED: Unreadable = Unreadable::MalformedFacts;

/// Reads the facts the glue wrote, one value record after another.
pub struct FactReader<'a> {
    facts: &'a [f64],
    text: &'a [u16],
    at: usize,
    /// Record and JSON keys read so far: the glue numbers them in the same order.
    keys: u32,
}

impl<'a> FactReader<'a> {
    /// A reader at the start of `facts`, whose text ranges point into `text`.
    pub fn new(facts: &'a [f64], text: &'a [u16]) -> Self {
        FactReader {
            facts,
            text,
            at: 0,
            keys: 0,
        }
    }

    /// Whether every fact was read (facts left over mean the glue and the rules disagree).
    pub fn at_end(&self) -> bool {
        self.at == self.facts.len()
    }

    fn next(&mut self) -> Result<f64, Unreadable> {
        let fact = *self.facts.get(self.at).ok_or(MALFORMED)?;
        self.at += 1;
        Ok(fact)
    }

    fn next_u32(&mut self) -> Result<u32, Unreadable> {
        whole(self.next()?)
    }

    /// The next value record, as a source positioned on what follows it.
    pub fn next_source<'r>(&'r mut self) -> Result<FactSource<'r, 'a>, Unreadable> {
        let end = self.at.checked_add(RECORD_SLOTS).ok_or(MALFORMED)?;
        let record = self.facts.get(self.at..end).ok_or(MALFORMED)?;
        self.at = end;
        let (tag, number) = (whole(record[0])?, record[1]);
        let kind = Kind::from_code(tag & 0xF).ok_or(MALFORMED)?;
        let has = |bit: u32| tag & bit != 0;
        // The text range is read only where the flags say there is text.
        let range = || -> Result<&'a [u16], Unreadable> {
            let (at, len) = (whole(record[2])? as usize, whole(record[3])? as usize);
            self.text
                .get(at..at.checked_add(len).ok_or(MALFORMED)?)
                .ok_or(MALFORMED)
        };
        let text = match kind {
            Kind::String if has(flag::HAS_TEXT) => Some(Text::Utf16(range()?)),
            Kind::String => Some(Text::LengthOnly(whole(number)? as usize)),
            Kind::Object if has(flag::NAMED) => Some(Text::Utf16(range()?)),
            _ => None,
        };
        let value = Value {
            kind,
            text,
            length: has(flag::HAS_LENGTH).then_some(number),
            plain: has(flag::PLAIN),
        };
        Ok(FactSource {
            reader: self,
            value,
            tag,
        })
    }

    fn key_kind(&mut self) -> Result<KeyKind, Unreadable> {
        match self.next_u32()? {
            key::STRING => Ok(KeyKind::String),
            key::PROTO => Ok(KeyKind::Proto),
            key::SYMBOL => Ok(KeyKind::Symbol),
            _ => Err(MALFORMED),
        }
    }

    fn next_key(&mut self) -> KeyRef<'a> {
        self.keys += 1;
        KeyRef::Index(self.keys - 1)
    }

    /// A count the glue wrote; no more than the facts left could describe (each value is a record).
    fn count(&mut self) -> Result<u32, Unreadable> {
        let count = self.next_u32()?;
        if count as usize <= (self.facts.len() - self.at) / 4 {
            Ok(count)
        } else {
            Err(MALFORMED)
        }
    }
}

/// A fact that holds a whole number from 0 to `u32::MAX` (the float-to-int cast saturates, so any
/// other value, NaN included, does not survive the round trip).
fn whole(fact: f64) -> Result<u32, Unreadable> {
    let n = fact as u32;
    if f64::from(n) == fact {
        Ok(n)
    } else {
        Err(MALFORMED)
    }
}

/// One value of the fact stream: its record, and the reader, positioned on what follows it.
pub struct FactSource<'r, 'a> {
    reader: &'r mut FactReader<'a>,
    value: Value<'a>,
    tag: u32,
}

impl<'a> Source<'a> for FactSource<'_, 'a> {
    fn value(&self) -> Value<'a> {
        self.value
    }

    fn cycle(&self) -> bool {
        self.tag & flag::CYCLE != 0
    }

    fn too_deep(&self) -> bool {
        self.tag & flag::TOO_DEEP != 0
    }

    fn verified(&self) -> bool {
        self.tag & flag::VERIFIED != 0
    }

    fn fields(
        &mut self,
        names: &dyn FieldNames,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        for index in 0..names.count() {
            visit(index, &mut self.reader.next_source()?)?;
        }
        Ok(())
    }

    fn entries(
        &mut self,
        visit: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        for _ in 0..self.reader.count()? {
            let key_kind = self.reader.key_kind()?;
            let key = self.reader.next_key();
            visit(key_kind, key, &mut self.reader.next_source()?)?;
        }
        Ok(())
    }

    // The open-types module has no rule that reads an array (rules::check_rule_of): its copy of
    // this method, which only the vtable refers to, is the shortest that fails closed.
    #[cfg(all(target_arch = "wasm32", feature = "open-types-only"))]
    fn items(&mut self, _: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Read) -> Read {
        Err(MALFORMED)
    }

    #[cfg(not(all(target_arch = "wasm32", feature = "open-types-only")))]
    fn items(&mut self, visit: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Read) -> Read {
        for index in 0..self.reader.count()? {
            visit(index, &mut self.reader.next_source()?)?;
        }
        Ok(())
    }
}
