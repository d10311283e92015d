//! The wasm side of the npm package: the JS glue (`src/js/core.js`) reads each input value once,
//! writes what the rules need to know about it into a scratch area in wasm memory, and calls
//! [`check`] once; the issues come back as a token stream that the glue turns into Zod-shaped objects.
//!
//! Why not serde-wasm-bindgen for the input: every field read through it is a boundary crossing plus
//! a UTF-16 to UTF-8 copy and an allocation, which made it 3 to 5 times slower than Zod itself
//! (`shared/reference/boundary-costs.md`). Here a valid entry costs one call and no allocation in JS.
//!
//! Facts (`f64`, written by the glue), one 4-slot record per value: `[tag, number, text_at, text_len]`.
//! `tag` is the [`Kind`] in its low 4 bits plus the `FLAG_*` bits; `number` is a string's UTF-16 length
//! or `Number(value.length)`; the text range points into the `u16` text area (a string's contents, or
//! an instance's constructor name). An object schema sends the value's record, then one record per
//! schema field; a record field holding a plain object is followed by its entry count and, per entry,
//! the key's kind and the value's record.
//!
//! Tokens (`u32`, written here), see the `TOKEN_*` constants: an array of issues, each an object.

use std::borrow::Cow;
use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::input::{Entry, Field, KeyKind, KeyRef, Kind, ObjectInput, Text, Value};
use crate::issues::{Issue, IssueValue, PathItem};
use crate::rules::entry::{
    ENTRY_FIELDS, FieldSpec, Needs, check_action, check_change, check_entry,
};

const FLAG_PRESENT: u32 = 1 << 4;
const FLAG_HAS_LENGTH: u32 = 1 << 5;
const FLAG_PLAIN: u32 = 1 << 6;
const FLAG_NAMED: u32 = 1 << 7;
const FLAG_HAS_TEXT: u32 = 1 << 8;

const KEY_STRING: u32 = 0;
const KEY_PROTO: u32 = 1;
const KEY_SYMBOL: u32 = 2;

/// `[n]` then n values.
const TOKEN_ARRAY: u32 = 1;
/// `[n]` then n pairs of a key (a string token) and a value.
const TOKEN_OBJECT: u32 = 2;
/// `[address, length]` of UTF-8 in wasm memory that never changes: the glue may cache it by address.
const TOKEN_STATIC_STR: u32 = 3;
/// `[address, length]` of UTF-8 that is valid until the next call.
const TOKEN_STR: u32 = 4;
/// `[n]`: a whole number.
const TOKEN_NUMBER: u32 = 5;
const TOKEN_TRUE: u32 = 6;
const TOKEN_FALSE: u32 = 7;
/// `[i]`: the i-th record key the glue read (it may be a symbol).
const TOKEN_KEY: u32 = 8;

/// Returned by [`check`] when the facts are malformed: a bug in the glue, reported, never a panic.
const MALFORMED: u32 = u32::MAX;

const SCHEMA_ENTRY: u32 = 0;
const SCHEMA_CHANGE: u32 = 1;
const SCHEMA_ACTION: u32 = 2;

#[derive(Default)]
struct Scratch {
    facts: Vec<f64>,
    text: Vec<u16>,
    tokens: Vec<u32>,
    /// Dynamic strings the tokens point into, kept until the next call.
    strings: Vec<String>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Makes room for `len` facts and returns where the glue writes them. The address changes only here.
#[wasm_bindgen]
pub fn facts_area(len: usize) -> *mut f64 {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.facts.resize(len, 0.0);
            scratch.facts.as_mut_ptr()
        }
        Err(_) => std::ptr::null_mut(),
    })
}

/// Makes room for `len` UTF-16 code units of text and returns where the glue writes them.
#[wasm_bindgen]
pub fn text_area(len: usize) -> *mut u16 {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.text.resize(len, 0);
            scratch.text.as_mut_ptr()
        }
        Err(_) => std::ptr::null_mut(),
    })
}

/// Where the tokens of the last [`check`] are.
#[wasm_bindgen]
pub fn tokens_area() -> *const u32 {
    SCRATCH.with(|scratch| match scratch.try_borrow() {
        Ok(scratch) => scratch.tokens.as_ptr(),
        Err(_) => std::ptr::null(),
    })
}

/// Writes, as tokens, what the glue must send for each field of `schema`, in order: an array of
/// strings `name:K` (the value's kind), `name:L` (also a string's length or a non-string's `length`),
/// `name:T` (a string's text), `name:E` (a record's entries). Returns the number of tokens.
#[wasm_bindgen]
pub fn schema_fields(schema: u32) -> u32 {
    let fields: &[FieldSpec] = match schema {
        SCHEMA_ENTRY => &ENTRY_FIELDS,
        _ => &[],
    };
    SCRATCH.with(|scratch| {
        let Ok(mut scratch) = scratch.try_borrow_mut() else {
            return MALFORMED;
        };
        let Scratch {
            tokens, strings, ..
        } = &mut *scratch;
        tokens.clear();
        strings.clear();
        let mut writer = TokenWriter { tokens, strings };
        writer.tokens.extend([TOKEN_ARRAY, fields.len() as u32]);
        for field in fields {
            let code = match field.rule.needs() {
                Needs::Kind => "K",
                Needs::Length => "L",
                Needs::Text => "T",
                Needs::Entries => "E",
            };
            writer.owned_str(format!("{}:{code}", field.name));
        }
        u32::try_from(tokens.len()).unwrap_or(MALFORMED)
    })
}

/// Checks the facts the glue wrote (`facts_len` of them, `text_len` units of text) against `schema`.
/// Returns the number of tokens describing the issues: 0 when the value is valid.
#[wasm_bindgen]
pub fn check(schema: u32, facts_len: usize, text_len: usize) -> u32 {
    SCRATCH.with(|scratch| {
        let Ok(mut scratch) = scratch.try_borrow_mut() else {
            return MALFORMED;
        };
        let Scratch {
            facts,
            text,
            tokens,
            strings,
        } = &mut *scratch;
        let (Some(facts), Some(text)) = (facts.get(..facts_len), text.get(..text_len)) else {
            return MALFORMED;
        };
        let mut reader = FactReader { facts, text, at: 0 };
        let mut issues = Vec::new();
        let read = match schema {
            SCHEMA_ENTRY => reader
                .object(&ENTRY_FIELDS.map(|spec| spec.rule.needs()))
                .map(|input| check_entry(&input, &mut issues)),
            SCHEMA_CHANGE => reader
                .value()
                .map(|value| check_change(&value, &mut issues)),
            SCHEMA_ACTION => reader
                .value()
                .map(|value| check_action(&value, &mut issues)),
            _ => None,
        };
        if read.is_none() {
            return MALFORMED;
        }
        tokens.clear();
        strings.clear();
        if issues.is_empty() {
            return 0;
        }
        let mut writer = TokenWriter { tokens, strings };
        writer.issues(&issues);
        u32::try_from(tokens.len()).unwrap_or(MALFORMED)
    })
}

/// Reads the facts the glue wrote; `None` on anything malformed.
struct FactReader<'a> {
    facts: &'a [f64],
    text: &'a [u16],
    at: usize,
}

impl<'a> FactReader<'a> {
    fn next(&mut self) -> Option<f64> {
        let fact = *self.facts.get(self.at)?;
        self.at += 1;
        Some(fact)
    }

    fn next_u32(&mut self) -> Option<u32> {
        let fact = self.next()?;
        (fact >= 0.0 && fact <= f64::from(u32::MAX) && fact.fract() == 0.0).then_some(fact as u32)
    }

    fn text_range(&mut self) -> Option<&'a [u16]> {
        let (at, len) = (self.next_u32()? as usize, self.next_u32()? as usize);
        self.text.get(at..at.checked_add(len)?)
    }

    /// One value record; also returns whether the field holding it was present.
    fn record(&mut self) -> Option<(Value<'a>, bool)> {
        let tag = self.next_u32()?;
        let number = self.next()?;
        let range = self.text_range()?;
        let kind = Kind::from_code(tag & 0xF)?;
        let flag = |bit: u32| tag & bit != 0;
        let value = Value {
            kind,
            text: (kind == Kind::String).then(|| {
                if flag(FLAG_HAS_TEXT) {
                    Text::Utf16(range)
                } else {
                    Text::LengthOnly(number as usize)
                }
            }),
            length: flag(FLAG_HAS_LENGTH).then_some(number),
            plain: flag(FLAG_PLAIN),
            type_name: flag(FLAG_NAMED).then_some(Text::Utf16(range)),
        };
        Some((value, flag(FLAG_PRESENT)))
    }

    fn value(&mut self) -> Option<Value<'a>> {
        self.record().map(|(value, _)| value)
    }

    fn object(&mut self, fields: &[Needs]) -> Option<ObjectInput<'a>> {
        let value = self.value()?;
        if !value.is_object() {
            return Some(ObjectInput {
                value,
                fields: Vec::new(),
            });
        }
        let fields = fields
            .iter()
            .map(|needs| {
                let (value, present) = self.record()?;
                let mut entries = Vec::new();
                if *needs == Needs::Entries && value.plain {
                    let count = self.next_u32()?;
                    for index in 0..count {
                        let key_kind = match self.next_u32()? {
                            KEY_STRING => KeyKind::String,
                            KEY_PROTO => KeyKind::Proto,
                            KEY_SYMBOL => KeyKind::Symbol,
                            _ => return None,
                        };
                        let value = self.value()?;
                        entries.push(Entry {
                            key_kind,
                            key: KeyRef::Index(index),
                            value,
                        });
                    }
                }
                Some(Field {
                    present,
                    value,
                    entries,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ObjectInput { value, fields })
    }
}

/// Writes issues as tokens.
struct TokenWriter<'a> {
    tokens: &'a mut Vec<u32>,
    strings: &'a mut Vec<String>,
}

impl TokenWriter<'_> {
    fn issues(&mut self, issues: &[Issue]) {
        self.tokens.extend([TOKEN_ARRAY, issues.len() as u32]);
        for issue in issues {
            let count_at = self.tokens.len() + 1;
            self.tokens.extend([TOKEN_OBJECT, 0]);
            let mut count = 0;
            issue.visit(|key, value| {
                count += 1;
                self.static_str(key);
                match value {
                    IssueValue::Str(s) => self.static_str(s),
                    IssueValue::Message(Cow::Borrowed(s)) => self.static_str(s),
                    IssueValue::Message(Cow::Owned(s)) => self.owned_str(s.clone()),
                    IssueValue::Number(n) => self.tokens.extend([TOKEN_NUMBER, n]),
                    IssueValue::Bool(b) => {
                        self.tokens.push(if b { TOKEN_TRUE } else { TOKEN_FALSE })
                    }
                    IssueValue::StrList(list) => {
                        self.tokens.extend([TOKEN_ARRAY, list.len() as u32]);
                        for s in list {
                            self.static_str(s);
                        }
                    }
                    IssueValue::Path(path) => {
                        self.tokens.extend([TOKEN_ARRAY, path.len() as u32]);
                        for item in path {
                            match item {
                                PathItem::Field(name) => self.static_str(name),
                                PathItem::Key(key) => self.owned_str(key.clone()),
                                PathItem::KeyIndex(index) => {
                                    self.tokens.extend([TOKEN_KEY, *index])
                                }
                            }
                        }
                    }
                    IssueValue::Issues(nested) => self.issues(nested),
                }
            });
            self.tokens[count_at] = count;
        }
    }

    fn static_str(&mut self, s: &'static str) {
        self.tokens
            .extend([TOKEN_STATIC_STR, s.as_ptr() as u32, s.len() as u32]);
    }

    fn owned_str(&mut self, s: String) {
        self.tokens
            .extend([TOKEN_STR, s.as_ptr() as u32, s.len() as u32]);
        // Moving a String does not move its heap buffer, so the address stays valid.
        self.strings.push(s);
    }
}
