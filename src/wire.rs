//! The wire between the JS glue (`src/js/core.js`) and the rules: the glue reads each input value
//! once and writes what the rules need to know about it as facts; [`check`] decodes them, runs the
//! rules, and writes the issues as tokens that the glue turns into Zod-shaped objects. Plain Rust on
//! every target (the wasm exports in `bindings.rs` only hold the buffers), so it is tested and
//! fuzzed natively: malformed facts are reported as [`MALFORMED`], never a panic.
//!
//! Why not serde-wasm-bindgen for the input: every field read through it is a boundary crossing plus
//! a UTF-16 to UTF-8 copy and an allocation, which `shared/reference/boundary-costs.md` measured at 3
//! to 5 times slower than Zod itself. Here an input costs one call into wasm, and the rules allocate
//! nothing for a valid one.
//!
//! Facts (`f64`, written by the glue), one 4-slot record per value: `[tag, number, text_at, text_len]`.
//! `tag` is the [`Kind`] in its low 4 bits plus the `FLAG_*` bits; `number` is a string's UTF-16 length
//! or `Number(value.length)`; the text range points into the `u16` text area (a string's contents, or
//! an instance's constructor name). What follows a record depends on what the schema reads there
//! ([`Needs`], which [`schema_fields`] tells the glue): an object's value record is followed by one
//! node per schema field; a record's (plain object's) by its entry count and, per entry, the key's
//! kind and the value's node; an array's by its item count and the items' nodes; a JSON value's by
//! its children (count, then per child an object key's kind and the child's node).
//!
//! Tokens (`u32`, written here), see the `TOKEN_*` constants: an array of issues, each an object.

use std::borrow::Cow;

use crate::input::{KeyKind, KeyRef, Kind, Source, Text, Value};
use crate::issues::{Issue, IssueValue, PathItem};
use crate::model::{AuditLogAction, AuditLogActor, AuditLogEvent, AuditLogResourceType};
use crate::ndjson::{self, Line, Scanner};
use crate::rules::schema::{MAX_JSON_DEPTH, Needs, ObjectSchema};

use crate::rules::{Root, check as check_root, root};

// Bit 4 is free: it once marked a present field, which only the glue needs (to build the result).
const FLAG_HAS_LENGTH: u32 = 1 << 5;
const FLAG_PLAIN: u32 = 1 << 6;
const FLAG_NAMED: u32 = 1 << 7;
const FLAG_HAS_TEXT: u32 = 1 << 8;
const FLAG_CYCLE: u32 = 1 << 9;
const FLAG_TOO_DEEP: u32 = 1 << 10;

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
pub const MALFORMED: u32 = u32::MAX;

/// What [`check`] and the other writers answer with: tokens, and the strings they point into (kept
/// until the next call, so the addresses in the tokens stay valid).
#[derive(Debug, Default)]
pub struct Tokens {
    pub tokens: Vec<u32>,
    pub strings: Vec<String>,
}

impl Tokens {
    /// Replaces the tokens with what `write` writes; returns their number.
    fn write(&mut self, write: impl FnOnce(&mut TokenWriter<'_>)) -> u32 {
        self.tokens.clear();
        self.strings.clear();
        self.append(write).1
    }

    /// Adds what `write` writes after the tokens there are; returns where it starts and its length.
    fn append(&mut self, write: impl FnOnce(&mut TokenWriter<'_>)) -> (u32, u32) {
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

/// Checks `facts` (and `text`, the UTF-16 area they point into) against schema `id`. Returns the
/// number of tokens describing the issues: 0 when the value is valid, [`MALFORMED`] when the facts
/// cannot be read.
pub fn check(id: u32, facts: &[f64], text: &[u16], out: &mut Tokens) -> u32 {
    let Some(root) = root(id) else {
        return MALFORMED;
    };
    let mut reader = FactReader {
        facts,
        text,
        at: 0,
        keys: 0,
    };
    let Some(mut source) = reader.next_source() else {
        return MALFORMED;
    };
    let Some(issues) = check_root(root, &mut source) else {
        return MALFORMED;
    };
    // Facts left over mean the glue and the rules disagree on what was sent.
    if reader.at != facts.len() {
        return MALFORMED;
    }
    if issues.is_empty() {
        out.tokens.clear();
        out.strings.clear();
        return 0;
    }
    out.write(|writer| writer.issues(&issues))
}

/// What the report of [`check_ndjson`] says of a listed line: its issues are in the tokens.
pub const LINE_INVALID: u32 = 0;
/// What the report of [`check_ndjson`] says of a listed line: the glue checks it with `JSON.parse`.
pub const LINE_UNSURE: u32 = 1;

/// Checks NDJSON `bytes` against schema `id`, line by line (see [`crate::ndjson`]), and writes the
/// report: `[newlines, total, valid]`, then per line that is not valid, in order,
/// `[line number, LINE_INVALID, token start, token count]` (the issues, as one token value) or
/// `[line number, LINE_UNSURE, byte start, byte end]`. `total` and `valid` count the lines the
/// scanner settled. Returns the report's length, or [`MALFORMED`] for an unknown schema.
pub fn check_ndjson(
    id: u32,
    bytes: &[u8],
    scanner: &mut Scanner,
    report: &mut Vec<u32>,
    out: &mut Tokens,
) -> u32 {
    let Some(root) = root(id) else {
        return MALFORMED;
    };
    out.tokens.clear();
    out.strings.clear();
    report.clear();
    report.extend([0, 0, 0]);
    let (mut total, mut valid, mut lines) = (0u32, 0u32, 0u32);
    for (number, start, line) in ndjson::lines(bytes) {
        let Ok(number) = u32::try_from(number) else {
            return MALFORMED;
        };
        lines = number;
        if ndjson::is_blank(line) {
            continue;
        }
        match scanner.check_line(root, line) {
            Line::Valid => {
                total += 1;
                valid += 1;
            }
            Line::Invalid(issues) => {
                total += 1;
                let (start, len) = out.append(|writer| writer.issues(&issues));
                report.extend([number, LINE_INVALID, start, len]);
            }
            Line::Unsure => {
                let end = start + line.len();
                let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) else {
                    return MALFORMED;
                };
                report.extend([number, LINE_UNSURE, start, end]);
            }
        }
    }
    // Lines are counted from 1, so the last one's number is one more than the newlines before it.
    report[0] = lines.saturating_sub(1);
    report[1] = total;
    report[2] = valid;
    u32::try_from(report.len()).unwrap_or(MALFORMED)
}

/// Whether `tokens` is one complete value in the token grammar the glue reads (an array of issue
/// objects, or of names): what the tests and the fuzzer hold every answer to.
pub fn tokens_well_formed(tokens: &[u32]) -> bool {
    fn value(tokens: &[u32], at: &mut usize, depth: u32) -> bool {
        let Some(&token) = tokens.get(*at) else {
            return false;
        };
        *at += 1;
        let mut take = |n: usize| {
            *at += n;
            *at <= tokens.len()
        };
        match token {
            TOKEN_ARRAY | TOKEN_OBJECT => {
                let Some(&n) = tokens.get(*at) else {
                    return false;
                };
                *at += 1;
                let items = if token == TOKEN_OBJECT { 2 * n } else { n };
                depth < 8 && (0..items).all(|_| value(tokens, at, depth + 1))
            }
            TOKEN_STATIC_STR | TOKEN_STR => take(2),
            TOKEN_NUMBER | TOKEN_KEY => take(1),
            TOKEN_TRUE | TOKEN_FALSE => true,
            _ => false,
        }
    }
    let mut at = 0;
    value(tokens, &mut at, 0) && at == tokens.len()
}

/// Writes, as tokens, how the glue reads input for schema `id`: an array of strings, first `"object"`
/// or `"value"`, then `name:code` per field (a value schema has one field with an empty name). The
/// codes: `U` nothing (the value is passed through), `K` the kind only, `L` also a string's length or
/// a non-string's `length`, `T` a string's text, `S` a string's text or a non-string's `length`,
/// `R<id>` a record of objects of schema `id`, `A<id>` an array of them (and a non-array's `length`),
/// `J<depth>` a JSON tree down to `depth`. Returns the number of tokens.
pub fn schema_fields(id: u32, out: &mut Tokens) -> u32 {
    let fields: Vec<String> = match root(id) {
        Some(Root::Object(schema)) => std::iter::once("object".to_owned())
            .chain(
                schema
                    .fields
                    .iter()
                    .map(|f| format!("{}:{}", f.name, needs_code(f.rule.needs()))),
            )
            .collect(),
        Some(Root::Value(rule)) => {
            vec!["value".to_owned(), format!(":{}", needs_code(rule.needs()))]
        }
        None => Vec::new(),
    };
    out.write(|writer| {
        writer.tokens.extend([TOKEN_ARRAY, fields.len() as u32]);
        for field in fields {
            writer.owned_str(field);
        }
    })
}

/// Writes, as tokens, an array of the wire names of a closed list of the model: 0 the actions,
/// 1 the events, 2 the actor types, 3 the resource types. Returns the number of tokens.
pub fn enum_names(which: u32, out: &mut Tokens) -> u32 {
    let names: &[&'static str] = match which {
        0 => AuditLogAction::NAMES,
        1 => AuditLogEvent::NAMES,
        2 => AuditLogActor::NAMES,
        3 => AuditLogResourceType::NAMES,
        _ => &[],
    };
    out.write(|writer| {
        writer.tokens.extend([TOKEN_ARRAY, names.len() as u32]);
        for name in names {
            writer.static_str(name);
        }
    })
}

fn needs_code(needs: Needs) -> String {
    match needs {
        Needs::Nothing => "U".to_owned(),
        Needs::Kind => "K".to_owned(),
        Needs::Length => "L".to_owned(),
        Needs::Text => "T".to_owned(),
        Needs::TextAndLength => "S".to_owned(),
        Needs::Record(id) => format!("R{id}"),
        Needs::Array(id) => format!("A{id}"),
        Needs::Json => format!("J{MAX_JSON_DEPTH}"),
    }
}

/// Reads the facts the glue wrote; `None` on anything malformed.
struct FactReader<'a> {
    facts: &'a [f64],
    text: &'a [u16],
    at: usize,
    /// Record and JSON keys read so far: the glue numbers them in the same order.
    keys: u32,
}

impl<'a> FactReader<'a> {
    fn next(&mut self) -> Option<f64> {
        let fact = *self.facts.get(self.at)?;
        self.at += 1;
        Some(fact)
    }

    fn next_u32(&mut self) -> Option<u32> {
        whole(self.next()?)
    }

    /// The next value record, as a source positioned on what follows it.
    fn next_source<'r>(&'r mut self) -> Option<FactSource<'r, 'a>> {
        let record = self.facts.get(self.at..self.at.checked_add(4)?)?;
        self.at += 4;
        let (tag, number) = (whole(record[0])?, record[1]);
        let kind = Kind::from_code(tag & 0xF)?;
        let flag = |bit: u32| tag & bit != 0;
        // The text range is read only where the flags say there is text.
        let range = || -> Option<&'a [u16]> {
            let (at, len) = (whole(record[2])? as usize, whole(record[3])? as usize);
            self.text.get(at..at.checked_add(len)?)
        };
        let text = match kind {
            Kind::String if flag(FLAG_HAS_TEXT) => Some(Text::Utf16(range()?)),
            Kind::String => Some(Text::LengthOnly(whole(number)? as usize)),
            Kind::Object if flag(FLAG_NAMED) => Some(Text::Utf16(range()?)),
            _ => None,
        };
        let value = Value {
            kind,
            text,
            length: flag(FLAG_HAS_LENGTH).then_some(number),
            plain: flag(FLAG_PLAIN),
        };
        Some(FactSource {
            reader: self,
            value,
            tag,
        })
    }

    fn key_kind(&mut self) -> Option<KeyKind> {
        match self.next_u32()? {
            KEY_STRING => Some(KeyKind::String),
            KEY_PROTO => Some(KeyKind::Proto),
            KEY_SYMBOL => Some(KeyKind::Symbol),
            _ => None,
        }
    }

    fn next_key(&mut self) -> KeyRef<'a> {
        self.keys += 1;
        KeyRef::Index(self.keys - 1)
    }

    /// A count the glue wrote; no more than the facts left could describe (each value is a record).
    fn count(&mut self) -> Option<u32> {
        let count = self.next_u32()?;
        (count as usize <= (self.facts.len() - self.at) / 4).then_some(count)
    }
}

/// A fact that holds a whole number from 0 to `u32::MAX` (the float-to-int cast saturates, so any
/// other value, NaN included, does not survive the round trip).
fn whole(fact: f64) -> Option<u32> {
    let n = fact as u32;
    (f64::from(n) == fact).then_some(n)
}

/// One value of the fact stream: its record, and the reader, positioned on what follows it.
struct FactSource<'r, 'a> {
    reader: &'r mut FactReader<'a>,
    value: Value<'a>,
    tag: u32,
}

impl<'a> Source<'a> for FactSource<'_, 'a> {
    fn value(&self) -> Value<'a> {
        self.value
    }

    fn cycle(&self) -> bool {
        self.tag & FLAG_CYCLE != 0
    }

    fn too_deep(&self) -> bool {
        self.tag & FLAG_TOO_DEEP != 0
    }

    fn fields(
        &mut self,
        schema: &ObjectSchema,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Option<()>,
    ) -> Option<()> {
        for index in 0..schema.fields.len() {
            visit(index, &mut self.reader.next_source()?)?;
        }
        Some(())
    }

    fn entries(
        &mut self,
        visit: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Option<()>,
    ) -> Option<()> {
        for _ in 0..self.reader.count()? {
            let key_kind = self.reader.key_kind()?;
            let key = self.reader.next_key();
            visit(key_kind, key, &mut self.reader.next_source()?)?;
        }
        Some(())
    }

    fn items(
        &mut self,
        visit: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Option<()>,
    ) -> Option<()> {
        for index in 0..self.reader.count()? {
            visit(index, &mut self.reader.next_source()?)?;
        }
        Some(())
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
                                PathItem::Index(index) => {
                                    self.tokens.extend([TOKEN_NUMBER, *index])
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
