//! A line of NDJSON checked where it lies in memory, for the package's `validateNdjson`: its JSON is
//! scanned into a flat tape of nodes (no values are built, and nothing is allocated per line once the
//! buffers have grown), and the rules read the tape through [`Source`], as they read everything.
//!
//! The scanner answers only where its answer is certainly what `JSON.parse` followed by the rules
//! would give. A line it does not settle by itself is [`Line::Unsure`], and the JS glue checks that
//! line with `JSON.parse` as before: anything that is not JSON (the error message is V8's), invalid
//! UTF-8, keys with escapes, numbers with exponents (they may overflow to `Infinity`), a `length` key
//! (the rules would read `Number(length)`), array-index keys or duplicate keys in a record (JavaScript
//! reorders or merges them), records of more than 64 keys, and nesting deeper than [`MAX_DEPTH`].
//! Real audit logs rarely have any of these: in the browser demo's sample every line that is JSON is
//! settled here (a test below checks). This scanner only recognises JSON: it converts no numbers
//! and builds nothing (serde_json inside wasm would triple the module's size).

use alloc::vec::Vec;

use super::MAX_FIELDS;
use super::{FieldNames, Read, Source, Unreadable};
use crate::byte_search::{same, string_end, whitespace_end};
use crate::issues::Issue;
use crate::value::{KeyKind, KeyRef, Kind, Text, Value, array_index};

/// Containers nested deeper than this send the line to `JSON.parse`; the rules never read past 100
/// levels below a JSON field, and no field of these schemas is deeper than 2. 127 is also as deep as
/// serde_json reads, so the Rust paths that fall back to it (`check_ndjson`, the log's pipeline)
/// never settle a line it would refuse.
pub const MAX_DEPTH: u32 = 127;

/// Records with more keys than this send the line to `JSON.parse`: duplicate keys are looked for
/// by comparing each key with those before it.
const MAX_RECORD_KEYS: usize = 64;

/// What the tape cannot tell: `JSON.parse` decides the line.
const LEFT: Unreadable = Unreadable::LeftToJavaScript;

/// What the scanner says of one line.
#[derive(Debug, PartialEq)]
pub enum Line {
    /// The line holds a valid value.
    Valid,
    /// The line holds JSON the schema rejects, for these reasons.
    Invalid(Vec<Issue>),
    /// Left to `JSON.parse` and the rules in JavaScript (see the module's documentation).
    Unsure,
}

/// What the bulk paths' fast path found of a line's object that it did not accept (bit `i`: the
/// schema's field `i`): the rules need check only the fields that failed, and the missing ones
/// ([`Scanner::scan_split`]). It reads only a compact object of the schema's own keys, each once,
/// to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Split {
    /// The fields present.
    pub seen: u32,
    /// Those whose value failed its rule there (or that the fast path does not check, such as
    /// arrays).
    pub failed: u32,
    /// Where each failed field's value starts in the line.
    pub starts: [u32; MAX_FIELDS],
}

impl Split {
    /// The fields present whose value passed.
    pub fn verified(&self) -> u32 {
        self.seen & !self.failed
    }
}

/// The tape of the line being checked, kept between lines so its buffers are allocated once.
#[derive(Debug, Default)]
pub struct Scanner {
    nodes: Vec<Node>,
    /// Strings with escapes, decoded to UTF-16 (an escape may be a lone surrogate).
    units: Vec<u16>,
}

/// One JSON value on the tape. A container's children follow it: an array's items, an object's keys
/// (string nodes) each followed by its value; `next` is the index after the node and its children.
#[derive(Debug, Clone, Copy)]
struct Node {
    kind: Kind,
    /// A string's text: a byte range of the line, or, if `escaped`, a range of the decoded units.
    start: u32,
    end: u32,
    escaped: bool,
    /// An array's items or an object's keys.
    count: u32,
    next: u32,
}

impl Scanner {
    /// Scans one line into its tape; `None` for what is left to `JSON.parse`.
    pub(crate) fn scan<'s>(&'s mut self, line: &'s [u8]) -> Option<Tape<'s>> {
        // SIMD validation: several times core's on a line of a few hundred bytes.
        let line = simdutf8::basic::from_utf8(line).ok()?;
        let mut parser = self.parser(line);
        if parser.value(0).is_none() || !parser.at_end() {
            return None;
        }
        Some(self.tape(line))
    }

    /// A parser at the start of `line`, writing into the scanner's buffers, emptied.
    fn parser<'s>(&'s mut self, line: &'s str) -> Parser<'s, 's> {
        self.nodes.clear();
        self.units.clear();
        Parser {
            line: line.as_bytes(),
            at: 0,
            nodes: &mut self.nodes,
            units: &mut self.units,
        }
    }

    /// The tape the last parser wrote for `line`.
    fn tape<'s>(&'s self, line: &'s str) -> Tape<'s> {
        Tape {
            line,
            nodes: &self.nodes,
            units: &self.units,
        }
    }

    /// The values of a line's fields that the fast path found failing ([`Split`]), each scanned
    /// where it lies, with the node of each field's value (`count`: the schema's fields); `None`
    /// where one cannot be (the whole line is then scanned).
    pub(crate) fn scan_split<'s>(
        &'s mut self,
        line: &'s str,
        split: &Split,
        count: usize,
    ) -> Option<(Tape<'s>, [Option<u32>; MAX_FIELDS])> {
        let mut parser = self.parser(line);
        let mut values = [None; MAX_FIELDS];
        for (index, value) in values.iter_mut().enumerate().take(count) {
            if split.failed & (1 << index) != 0 {
                parser.at = *split.starts.get(index)? as usize;
                *value = Some(u32::try_from(parser.nodes.len()).ok()?);
                parser.value(1)?;
            }
        }
        Some((self.tape(line), values))
    }
}

/// Builds the tape; `None` for anything that is not JSON or that the module leaves to `JSON.parse`.
struct Parser<'l, 's> {
    line: &'l [u8],
    at: usize,
    nodes: &'s mut Vec<Node>,
    units: &'s mut Vec<u16>,
}

impl Parser<'_, '_> {
    /// Skips whitespace to the next structural character or value. Compact lines have none, and
    /// pay one comparison; indented ones are skipped 16 bytes at a time.
    fn whitespace(&mut self) {
        if let Some(b' ' | b'\t' | b'\n' | b'\r') = self.line.get(self.at) {
            let rest = self.line.get(self.at + 1..).unwrap_or_default();
            self.at += 1 + whitespace_end(rest);
        }
    }

    fn at_end(&mut self) -> bool {
        self.whitespace();
        self.at == self.line.len()
    }

    fn peek(&self) -> Option<u8> {
        self.line.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// `true`, `false` or `null`; its node keeps its text.
    fn literal(&mut self, word: &[u8], kind: Kind) -> Option<()> {
        let (start, end) = (self.at, self.at + word.len());
        (self.line.get(start..end)? == word).then_some(())?;
        self.at = end;
        self.push(kind, start, end).map(drop)
    }

    fn push(&mut self, kind: Kind, start: usize, end: usize) -> Option<usize> {
        let index = self.nodes.len();
        self.nodes.push(Node {
            kind,
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
            escaped: false,
            count: 0,
            next: u32::try_from(index + 1).ok()?,
        });
        Some(index)
    }

    /// Closes a container: its child count, and where its subtree ends.
    fn close(&mut self, index: usize, count: u32) -> Option<()> {
        let next = u32::try_from(self.nodes.len()).ok()?;
        let node = self.nodes.get_mut(index)?;
        node.count = count;
        node.next = next;
        Some(())
    }

    fn value(&mut self, depth: u32) -> Option<()> {
        self.whitespace();
        match self.peek()? {
            b'{' => self.container(Kind::Object, depth),
            b'[' => self.container(Kind::Array, depth),
            b'"' => self.string(false),
            b't' => self.literal(b"true", Kind::Boolean),
            b'f' => self.literal(b"false", Kind::Boolean),
            b'n' => self.literal(b"null", Kind::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// An object or an array, at its opening bracket: its members, then its node's count and end.
    fn container(&mut self, kind: Kind, depth: u32) -> Option<()> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let closing = if kind == Kind::Object { b'}' } else { b']' };
        self.at += 1;
        let index = self.push(kind, 0, 0)?;
        let mut count = 0;
        self.whitespace();
        if self.peek()? == closing {
            self.at += 1;
            return self.close(index, count);
        }
        loop {
            if kind == Kind::Object {
                self.whitespace();
                if self.peek()? != b'"' {
                    return None;
                }
                self.string(true)?;
                self.expect(b':')?;
            }
            self.value(depth + 1)?;
            count += 1;
            self.whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                byte if byte == closing => {
                    self.at += 1;
                    return self.close(index, count);
                }
                _ => return None,
            }
        }
    }

    /// A string at the opening quote. A key may not have escapes, nor be `length`. Inlined into its
    /// callers: for the short strings of audit records, a call costs as much as the scan.
    #[inline(always)]
    fn string(&mut self, key: bool) -> Option<()> {
        self.at += 1;
        let start = self.at;
        // Most strings have no escapes: find the closing quote, in one tight loop.
        let rest = self.line.get(start..)?;
        let stop = string_end(rest);
        self.at += stop;
        match *rest.get(stop)? {
            b'"' => {}
            b'\\' if !key => return self.escaped_string(start),
            _ => return None,
        }
        let end = self.at;
        self.at += 1;
        if key && &self.line[start..end] == b"length" {
            return None;
        }
        self.push(Kind::String, start, end).map(drop)
    }

    /// A string with escapes, from its first byte: decoded to UTF-16 into `units`.
    fn escaped_string(&mut self, start: usize) -> Option<()> {
        let units_start = self.units.len();
        let mut run = start;
        loop {
            self.at += string_end(self.line.get(self.at..)?);
            let byte = self.peek()?;
            if byte < 0x20 {
                return None;
            }
            // The plain run before the quote or backslash, as UTF-16.
            let plain = core::str::from_utf8(&self.line[run..self.at]).ok()?;
            self.units.extend(plain.encode_utf16());
            self.at += 1;
            if byte == b'"' {
                break;
            }
            let unit = match self.peek()? {
                b'"' => u16::from(b'"'),
                b'\\' => u16::from(b'\\'),
                b'/' => u16::from(b'/'),
                b'b' => 0x08,
                b'f' => 0x0C,
                b'n' => u16::from(b'\n'),
                b'r' => u16::from(b'\r'),
                b't' => u16::from(b'\t'),
                b'u' => {
                    let hex = self.line.get(self.at + 1..self.at + 5)?;
                    let hex = core::str::from_utf8(hex).ok()?;
                    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    self.at += 4;
                    u16::from_str_radix(hex, 16).ok()?
                }
                _ => return None,
            };
            self.units.push(unit);
            self.at += 1;
            run = self.at;
        }
        let index = self.push(Kind::String, units_start, self.units.len())?;
        self.nodes[index].escaped = true;
        Some(())
    }

    /// A number in JSON's grammar (see [`number_len`]).
    fn number(&mut self) -> Option<()> {
        let start = self.at;
        self.at += number_len(self.line.get(start..)?)?;
        self.push(Kind::Number, start, self.at).map(drop)
    }
}

/// The length of the JSON number at the start of `bytes`, if it is one this scanner settles: one
/// with an exponent, or very long, is left to `JSON.parse` (it could overflow to `Infinity`, which
/// the rules tell apart from a number). The fast path reads numbers with it too.
pub(crate) fn number_len(bytes: &[u8]) -> Option<usize> {
    let digits = |at: usize| {
        at + bytes
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count()
    };
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    at = match bytes.get(at)? {
        b'0' => at + 1,
        b'1'..=b'9' => digits(at),
        _ => return None,
    };
    if bytes.get(at) == Some(&b'.') {
        let fraction = at + 1;
        at = digits(fraction);
        if at == fraction {
            return None;
        }
    }
    (!matches!(bytes.get(at), Some(b'e' | b'E')) && at <= 300).then_some(at)
}

/// A scanned line, read-only while the rules (or a writer, such as the log's canonical writer)
/// walk it. Nodes are numbered in the order of the text; the line's value is node 0.
#[derive(Clone, Copy)]
pub(crate) struct Tape<'a> {
    line: &'a str,
    nodes: &'a [Node],
    units: &'a [u16],
}

impl<'a> Tape<'a> {
    /// The line's value, as the rules read it (`Scanner::check_line`, in `crate::rules`).
    pub(crate) fn source(self) -> impl Source<'a> {
        TapeSource::new(self, Some(0))
    }

    fn node(&self, index: u32) -> Option<Node> {
        self.nodes.get(index as usize).copied()
    }

    /// Whether an escaped string holds a lone surrogate (`"\ud800"`): `JSON.parse` reads one, and
    /// the rules take it as it reads it, but serde_json refuses the line.
    #[cfg(feature = "std")]
    pub(crate) fn has_lone_surrogate(&self) -> bool {
        !self.units.is_empty()
            && self.nodes.iter().filter(|node| node.escaped).any(|node| {
                let units = self.units.get(node.start as usize..node.end as usize);
                char::decode_utf16(units.unwrap_or_default().iter().copied()).any(|c| c.is_err())
            })
    }

    /// The kind of a node.
    pub(crate) fn kind(&self, index: u32) -> Option<Kind> {
        self.node(index).map(|node| node.kind)
    }

    /// The text of a number, `true`, `false` or `null` node, as the line spells it.
    #[cfg(feature = "log")]
    pub(crate) fn literal(&self, index: u32) -> Option<&'a str> {
        let node = self.node(index)?;
        let scalar = matches!(node.kind, Kind::Number | Kind::Boolean | Kind::Null);
        scalar.then(|| self.line.get(node.start as usize..node.end as usize))?
    }

    /// A string node's text: as the line holds it when it has no escapes (then it holds no quote,
    /// backslash or control character either), else decoded to UTF-16.
    #[cfg(feature = "log")]
    pub(crate) fn string(&self, index: u32) -> Option<Text<'a>> {
        let node = self.node(index)?;
        (node.kind == Kind::String).then(|| self.text(node))?
    }

    fn text(&self, node: Node) -> Option<Text<'a>> {
        let range = node.start as usize..node.end as usize;
        if node.escaped {
            self.units.get(range).map(Text::Utf16)
        } else {
            self.line.get(range).map(Text::Utf8)
        }
    }

    /// A container's children: `(key node, value node)` for an object (`key` is `None` in an array).
    pub(crate) fn children(
        &self,
        index: u32,
    ) -> impl Iterator<Item = Option<(Option<u32>, u32)>> + '_ {
        let (is_object, count) = match self.node(index) {
            Some(node) => (node.kind == Kind::Object, node.count),
            None => (false, 0),
        };
        let mut at = Some(index + 1);
        (0..count).map(move |_| {
            let here = at?;
            let (key, value) = if is_object {
                (Some(here), here + 1)
            } else {
                (None, here)
            };
            at = self.node(value).map(|node| node.next);
            at.map(|_| (key, value))
        })
    }

    /// An object key's text (keys on the tape have no escapes).
    pub(crate) fn key(&self, index: Option<u32>) -> Option<&'a str> {
        let node = self.node(index?)?;
        self.line.get(node.start as usize..node.end as usize)
    }

    /// The value node of each of an object schema's fields, in the schema's order (`None` where
    /// absent); a later duplicate key wins, as in `JSON.parse`. `None` if `object` is no object.
    pub(crate) fn field_values(
        &self,
        object: u32,
        names: &dyn FieldNames,
    ) -> Option<[Option<u32>; MAX_FIELDS]> {
        if self.kind(object)? != Kind::Object {
            return None;
        }
        // Keys mostly come in the schema's order, so the search starts after the last field found.
        let count = names.count().min(MAX_FIELDS);
        let mut values = [None; MAX_FIELDS];
        let mut next = 0;
        for child in self.children(object) {
            let (key, value) = child?;
            let key = self.key(key)?;
            let found = (next..count).chain(0..next).find(|&field| {
                names
                    .name(field)
                    .is_some_and(|name| same(name.as_bytes(), key.as_bytes()))
            });
            if let Some(field) = found {
                values[field] = Some(value);
                next = field + 1;
            }
        }
        Some(values)
    }
}

/// A line's object as the fast path split it ([`Scanner::scan_split`]): the fields it verified are
/// skipped by the rules, the others read from their own scan, the missing ones `undefined`.
pub(crate) struct SplitSource<'a> {
    tape: Tape<'a>,
    values: [Option<u32>; MAX_FIELDS],
    verified: u32,
}

impl<'a> SplitSource<'a> {
    pub(crate) fn new(tape: Tape<'a>, values: [Option<u32>; MAX_FIELDS], verified: u32) -> Self {
        SplitSource {
            tape,
            values,
            verified,
        }
    }
}

impl<'a> Source<'a> for SplitSource<'a> {
    fn value(&self) -> Value<'a> {
        Value::plain_object(None)
    }

    fn fields(
        &mut self,
        names: &dyn FieldNames,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        // A field the fast path verified is not visited: it has no issue, and the schemas it
        // splits have no refinement that would read it (Scanner::check_split).
        for (index, &node) in self.values.iter().enumerate().take(names.count()) {
            if self.verified & (1 << index) == 0 {
                visit(index, &mut TapeSource::new(self.tape, node))?;
            }
        }
        Ok(())
    }

    // The line's value is an object schema's: the rules read it by its fields only.
    fn entries(
        &mut self,
        _: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        Err(LEFT)
    }

    fn items(&mut self, _: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Read) -> Read {
        Err(LEFT)
    }
}

/// A value on the tape; `node: None` is a missing field (JavaScript's `undefined`).
struct TapeSource<'a> {
    tape: Tape<'a>,
    node: Option<u32>,
}

impl<'a> TapeSource<'a> {
    fn new(tape: Tape<'a>, node: Option<u32>) -> Self {
        TapeSource { tape, node }
    }

    fn at(&self, node: Option<u32>) -> Self {
        TapeSource::new(self.tape, node)
    }

    /// The node's index if it is a container of this kind.
    fn container(&self, kind: Kind) -> Option<u32> {
        let index = self.node?;
        (self.tape.node(index)?.kind == kind).then_some(index)
    }
}

impl<'a> Source<'a> for TapeSource<'a> {
    fn value(&self) -> Value<'a> {
        let Some(node) = self.node.and_then(|index| self.tape.node(index)) else {
            return Value::undefined();
        };
        match node.kind {
            // Only valid text reaches the tape, so a string always has it.
            Kind::String => self
                .tape
                .text(node)
                .map_or(Value::undefined(), Value::string),
            Kind::Array => Value {
                length: Some(f64::from(node.count)),
                ..Value::of_kind(Kind::Array)
            },
            // A parsed object is plain, and has no `length` key (such lines are left to JSON.parse).
            Kind::Object => Value::plain_object(None),
            kind => Value::of_kind(kind),
        }
    }

    fn fields(
        &mut self,
        names: &dyn FieldNames,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        let Some(object) = self.container(Kind::Object) else {
            return Ok(());
        };
        let values = self.tape.field_values(object, names).ok_or(LEFT)?;
        for (index, value) in values.iter().take(names.count()).enumerate() {
            visit(index, &mut self.at(*value))?;
        }
        Ok(())
    }

    fn entries(
        &mut self,
        visit: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        let Some(object) = self.container(Kind::Object) else {
            return Ok(());
        };
        let mut seen: [&str; MAX_RECORD_KEYS] = [""; MAX_RECORD_KEYS];
        for (index, child) in self.tape.children(object).enumerate() {
            let (key, value) = child.ok_or(LEFT)?;
            let key = self.tape.key(key).ok_or(LEFT)?;
            // JavaScript lists array-index keys first and merges duplicates: JSON.parse decides those.
            let earlier = seen.get(..index).ok_or(LEFT)?;
            if array_index(key).is_some() || earlier.contains(&key) {
                return Err(LEFT);
            }
            *seen.get_mut(index).ok_or(LEFT)? = key;
            let kind = if key == "__proto__" {
                KeyKind::Proto
            } else {
                KeyKind::String
            };
            visit(kind, KeyRef::Name(key), &mut self.at(Some(value)))?;
        }
        Ok(())
    }

    fn items(&mut self, visit: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Read) -> Read {
        let Some(array) = self.container(Kind::Array) else {
            return Ok(());
        };
        for (index, child) in (0u32..).zip(self.tape.children(array)) {
            let (_, value) = child.ok_or(LEFT)?;
            visit(index, &mut self.at(Some(value)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ndjson::{lines, trims_to_nothing};
    use crate::rules::{Root, check, entry};
    use crate::source::json::JsonSource;

    fn check_entry(line: &str) -> Line {
        Scanner::default().check_line(Root::Object(&entry::ENTRY), line.as_bytes())
    }

    #[test]
    fn settles_plain_lines() {
        let valid = r#"{"id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#;
        assert_eq!(check_entry(valid), Line::Valid);
        assert!(matches!(check_entry(r#"{"id":""}"#), Line::Invalid(_)));
        assert!(matches!(
            check_entry("[1, 2.5, -0, true, null]"),
            Line::Invalid(_)
        ));
    }

    #[test]
    fn leaves_the_rest_to_json_parse() {
        for line in [
            "",
            "{",
            "{\"id\":1,}",
            "[1,]",
            "01",
            "1e400",
            "{\"id\\u0020\":1}",
            "{\"length\":1}",
            "{\"changes\":{\"1\":{}}}",
            "{\"changes\":{\"a\":{},\"a\":{}}}",
            "\"\u{1}\"",
            "nul",
            "{} x",
            "\u{a0}",
        ] {
            assert_eq!(check_entry(line), Line::Unsure, "{line:?}");
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(check_entry(&deep), Line::Unsure);
        assert_eq!(
            Scanner::default().check_line(Root::Object(&entry::ENTRY), b"\"\xFF\""),
            Line::Unsure
        );
    }

    /// The scanner's byte searches go 16 bytes at a time (SSE2 here, simd128 in wasm): string
    /// ends, escapes, controls, multi-byte characters and whitespace runs at every offset of two
    /// blocks give serde_json's reading and the rules' issues, or are left to JSON.parse.
    #[test]
    fn answers_as_serde_json_at_every_offset_of_two_blocks() {
        let root = Root::Object(&entry::ENTRY);
        let base = r#"{"id":"ID","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#;
        let specials = [
            r#"\""#,
            r"\\",
            r"\n",
            r"\u0041",
            r"\ud83d\ude00",
            r"\ud800",
            "é",
            "😀",
            "\u{1}",
            "\u{1f}",
            " ",
            "\u{7f}",
            "\"",
            "",
        ];
        let mut scanner = Scanner::default();
        let (mut settled, mut compared) = (0, 0);
        for k in 0..40 {
            // Whitespace of every kind at every offset of the run, not only at its start.
            let pad: String = (0..k).map(|i| [' ', '\t', '\n', '\r'][i % 4]).collect();
            for special in specials {
                let line = base.replace("ID", &format!("{}{special}y", "x".repeat(k)));
                let indented = line
                    .replace("\":", &format!("\":{pad}"))
                    .replace(",\"", &format!("{pad},{pad}\""));
                for line in [line.clone(), format!("{pad}{line}{pad}"), indented] {
                    let found = scanner.check_line(root, line.as_bytes());
                    if found == Line::Unsure {
                        continue;
                    }
                    settled += 1;
                    // serde_json refuses lone surrogates, which JSON.parse reads.
                    let Ok(json) = serde_json::from_str::<serde_json::Value>(&line) else {
                        assert!(line.contains(r"\ud800"), "{line:?}");
                        continue;
                    };
                    compared += 1;
                    let expected = check(root, &mut JsonSource::of(&json)).unwrap_or_default();
                    match found {
                        Line::Valid => assert!(expected.is_empty(), "{line:?}"),
                        Line::Invalid(issues) => assert_eq!(issues, expected, "{line:?}"),
                        Line::Unsure => {}
                    }
                }
            }
        }
        // Raw controls and a raw quote are not JSON, and left to JSON.parse; the rest is settled.
        assert_eq!((settled, compared), (40 * 11 * 3, 40 * 10 * 3));
    }

    #[test]
    fn lone_surrogates_are_found_in_each_escaped_string() {
        let mut scanner = Scanner::default();
        let mut lone = |line: &str| {
            scanner
                .scan(line.as_bytes())
                .map(|tape| tape.has_lone_surrogate())
        };
        assert_eq!(lone(r#"{"a":"\ud83d\ude00","b":"\n"}"#), Some(false));
        assert_eq!(lone(r#"{"a":"x\ud800y"}"#), Some(true));
        assert_eq!(lone(r#"{"a":"\udc00"}"#), Some(true));
        // A high surrogate ending one string and a low one starting the next are two lone ones.
        assert_eq!(lone(r#"["\ud83d","\ude00"]"#), Some(true));
        assert_eq!(lone(r#"{"a":"plain"}"#), Some(false));
    }

    #[test]
    fn settles_every_json_line_of_the_sample() {
        let sample = include_bytes!("../../www/public/samples/entries-5000.ndjson");
        let mut scanner = Scanner::default();
        let (mut settled, mut unsure) = (0, Vec::new());
        for (number, _, line) in lines(sample) {
            if trims_to_nothing(line) {
                continue;
            }
            match scanner.check_line(Root::Object(&entry::ENTRY), line) {
                Line::Unsure => unsure.push(number),
                _ => settled += 1,
            }
        }
        // The sample's one line that is not JSON, and nothing else, goes to JSON.parse.
        assert_eq!(unsure.len(), 1, "lines left to JSON.parse: {unsure:?}");
        let line = lines(sample)
            .find(|(n, _, _)| *n == unsure[0])
            .map(|(_, _, l)| l);
        assert!(serde_json::from_slice::<serde_json::Value>(line.unwrap_or_default()).is_err());
        assert_eq!(settled, 5000);
    }
}
