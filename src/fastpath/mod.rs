//! The common NDJSON line decided valid without the scanner: compact JSON whose keys are the
//! schema's own, each once, whose strings have no escapes, and whose every field passes its rule.
//! It answers only "valid" or "not sure"; on anything else (whitespace, an escape, an unknown or
//! repeated key, an exponent, a failing rule) the line goes to the scanner and the rules
//! ([`crate::source::tape`]), which stay the only source of issues. A line whose only surprise is
//! values that fail their rule is still read to its end, each such value skipped as JSON: then the
//! path tells which fields passed and where the others start ([`Split`]), and the rules check only
//! those others, each scanned where it lies, so an invalid line costs little more than a valid one.
//!
//! The path is read from the schema tables themselves ([`ObjectSchema`], [`Rule`], [`StringRule`]),
//! and every match on them is exhaustive: a new rule, format or table field does not compile until it
//! is handled here (or sent to the scanner), so this path cannot silently accept what a rule refuses.
//! The checks on a value are the rules' own primitives ([`is_iso_datetime`], the IP grammar,
//! the enum's names), applied to the bytes of the line, with no `Value` and no dynamic dispatch.

use crate::byte_search::{line_end, same, string_end};
use crate::rules::Root;
use crate::rules::datetime::{days_in_month, is_iso_datetime};
use crate::rules::length::LengthLimits;
use crate::rules::schema::{Format, MAX_FIELDS, ObjectSchema, Rule, StringRule};
use crate::source::tape::{Split, number_len};
use crate::value::Text;
use alloc::vec::Vec;

/// Containers nested deeper than this (from the line's value) go to the scanner.
const MAX_DEPTH: u32 = 32;

/// Records (`changes`) with more keys than this go to the scanner: repeated keys are looked for by
/// comparing each with those before it.
const MAX_RECORD_KEYS: usize = 16;

/// Whether `line` (one NDJSON line, without its `\n` or `\r`) certainly holds a value `root`
/// accepts, as [`crate::source::tape`] and the rules would answer. `false` means "not decided
/// here". `utf8`: the caller has validated the line as UTF-8 (a block at once: [`is_utf8`]); if
/// not, it is validated here.
pub fn is_valid(root: Root, line: &[u8], utf8: bool) -> bool {
    if !utf8 && !is_utf8(line) {
        return false;
    }
    matches!(valid_line(root, line), Some((len, _)) if len == line.len())
}

/// What the path says of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fast<'a> {
    /// The line holds a valid value.
    Valid,
    /// Not decided here; what was found of its fields where the line is one compact object of the
    /// schema's own keys, each once, read to its end, with the line as text (validated as UTF-8
    /// with its block, so the rules' scan need not again).
    Unsure(Option<(Split, &'a str)>),
}

/// Every field passed and every required one is there.
fn all_pass(found: &Split, schema: &ObjectSchema) -> bool {
    found.failed == 0
        && schema
            .fields
            .iter()
            .enumerate()
            .all(|(i, field)| field.optional || found.seen & (1 << i) != 0)
}

/// The first line of `rest` (UTF-8 already validated), if the path decides it valid: its length
/// without its `\n` or `\r\n`, and where the next line starts (`None`: it was the last, `\r` or
/// not), as [`crate::ndjson::lines`] frames lines. The line's end is found by reading it, so valid
/// lines are not searched for their `\n` first: nothing the path accepts inside a line is a `\n`
/// or a `\r` (strings stop at control characters).
#[inline]
pub fn valid_line(root: Root, rest: &[u8]) -> Option<(usize, Option<usize>)> {
    first_line(root, rest).ok()
}

/// A line the path read to its end without deciding it valid: what it found of the fields, then
/// the line's length and where the next line starts, as [`valid_line`] gives them.
type SplitLine = (Split, usize, Option<usize>);

/// [`valid_line`], or, for a line it does not decide: `Err(Some(..))` where it read the line to its
/// end (what it found of the fields, for [`Fast::Unsure`], and the line's framing), `Err(None)`
/// where it did not.
#[inline]
fn first_line(root: Root, rest: &[u8]) -> Result<(usize, Option<usize>), Option<SplitLine>> {
    let mut cursor = Cursor { line: rest, at: 0 };
    // `Err(split)`: read to the object's end, and not valid.
    let outcome = match root {
        Root::Object(schema) => {
            let split = cursor.top_object(schema).ok_or(None)?;
            if all_pass(&split, schema) {
                Ok(())
            } else {
                Err(Some(split))
            }
        }
        Root::Value(rule) => cursor.value(&rule, 0).ok_or(None),
    };
    let len = cursor.at;
    // What was found counts only for a line that ends with the object.
    let next = match rest.get(len..).ok_or(None)? {
        [] | [b'\r'] => None,
        [b'\n', ..] => Some(len + 1),
        [b'\r', b'\n', ..] => Some(len + 2),
        _ => return Err(None),
    };
    outcome.map_err(|split| split.map(|split| (split, len, next)))?;
    Ok((len, next))
}

/// The lines of `bytes` as [`crate::ndjson::lines`] gives them (number from 1, offset, bytes
/// without `\r`), each with what the path says of it: UTF-8 validated for the whole block at once,
/// and a line the path reads to its end (valid, or split) framed by the path itself.
pub fn lines(root: Root, bytes: &[u8]) -> impl Iterator<Item = (usize, usize, &[u8], Fast<'_>)> {
    let text = simdutf8::basic::from_utf8(bytes).ok();
    let mut start = Some(0);
    (1usize..).map_while(move |number| {
        let at = start?;
        let rest = bytes.get(at..)?;
        if let Some(block) = text {
            match first_line(root, rest) {
                Ok((len, next)) => {
                    start = next.map(|next| at + next);
                    return Some((number, at, rest.get(..len)?, Fast::Valid));
                }
                // Framed by the path too: its end is not searched for again.
                Err(Some((split, len, next))) => {
                    start = next.map(|next| at + next);
                    let line = rest.get(..len)?;
                    let split = block.get(at..at + len).map(|text| (split, text));
                    return Some((number, at, line, Fast::Unsure(split)));
                }
                Err(None) => {}
            }
        }
        let mut split = None;
        let len = line_end(rest);
        start = (len < rest.len()).then_some(at + len + 1);
        let line = rest.get(..len)?;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        // A `\n` never splits a character, so a line of a UTF-8 block is text; where the block is
        // not UTF-8, each line is validated by itself, then read as above.
        let line_text = match text {
            Some(block) => block.get(at..at + line.len()),
            None => simdutf8::basic::from_utf8(line).ok(),
        };
        if text.is_none() && line_text.is_some() {
            split = match first_line(root, line) {
                Ok((len, _)) if len == line.len() => {
                    return Some((number, at, line, Fast::Valid));
                }
                Ok(_) => None,
                Err(found) => found.map(|(split, ..)| split),
            };
        }
        Some((number, at, line, Fast::Unsure(split.zip(line_text))))
    })
}

/// Writes into `key` (emptied first) all that decides the rules' answer on a line `split` was found
/// of ([`crate::source::tape::Scanner::check_split`]): the fields present, those that failed, and
/// each failed value's bytes. The rules read nothing else of a split line (the verified fields are
/// not visited, and a schema with a refinement, which would read them, is not split), so two lines
/// of one schema with equal keys get the same answer. `None` where the split does not fit the line.
pub fn answer_key(split: &Split, line: &[u8], key: &mut Vec<u8>) -> Option<()> {
    key.clear();
    key.extend_from_slice(&split.seen.to_le_bytes());
    key.extend_from_slice(&split.failed.to_le_bytes());
    for (index, &start) in split.starts.iter().enumerate() {
        if split.failed & (1 << index) != 0 {
            // Each value is skipped again: the path keeps where values start, not where they end,
            // so that a valid line writes less.
            let mut cursor = Cursor {
                line,
                at: start as usize,
            };
            cursor.any_json(1)?;
            let value = line.get(start as usize..cursor.at)?;
            // Lengths first: numbers, unlike strings, do not show where they end.
            key.extend_from_slice(&u32::try_from(value.len()).ok()?.to_le_bytes());
            key.extend_from_slice(value);
        }
    }
    Some(())
}

/// Whether `bytes` are UTF-8: SIMD chosen at run time natively, simd128 in the server's wasm.
pub fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

/// Where the path is in the line. Every method returns `None` on a surprise.
struct Cursor<'l> {
    line: &'l [u8],
    at: usize,
}

impl<'l> Cursor<'l> {
    fn byte(&mut self, expected: u8) -> Option<()> {
        (*self.line.get(self.at)? == expected).then(|| self.at += 1)
    }

    fn peek(&self) -> Option<u8> {
        self.line.get(self.at).copied()
    }

    /// A string without escapes or control characters, at its opening quote: its bytes.
    #[inline(always)]
    fn string(&mut self) -> Option<&'l [u8]> {
        self.byte(b'"')?;
        let start = self.at;
        let rest = self.line.get(start..)?;
        let len = string_end(rest);
        // A backslash or a control character stops the search too: not for this path.
        (*rest.get(len)? == b'"').then_some(())?;
        self.at = start + len + 1;
        rest.get(..len)
    }

    /// `{` then the schema's fields, each once, in any order, then `}`; every required field present.
    fn object(&mut self, schema: &ObjectSchema, depth: u32) -> Option<()> {
        let mut found = Split::default();
        self.members(schema, depth, &mut found, &mut |cursor, _, _, rule| {
            cursor.field_value(rule, depth + 1)?;
            Some(true)
        })?;
        all_pass(&found, schema).then_some(())
    }

    /// The line's object, read to its `}` past values that fail their rule (each skipped as JSON),
    /// so that a line with a few bad fields still tells which others passed.
    fn top_object(&mut self, schema: &ObjectSchema) -> Option<Split> {
        let mut found = Split::default();
        self.members(schema, 0, &mut found, &mut |cursor, found, index, rule| {
            let start = cursor.at;
            if cursor.field_value(rule, 1).is_some() {
                return Some(true);
            }
            *found.starts.get_mut(index)? = u32::try_from(start).ok()?;
            cursor.at = start;
            cursor.any_json(1).map(|()| false)
        })?;
        Some(found)
    }

    /// `{` then the schema's keys, each once, in any order, each value read by `value` (given what
    /// was found so far, the field's index and its rule; `true`: it passed), then `}`.
    #[inline(always)]
    fn members(
        &mut self,
        schema: &ObjectSchema,
        depth: u32,
        found: &mut Split,
        value: &mut impl FnMut(&mut Self, &mut Split, usize, &Rule) -> Option<bool>,
    ) -> Option<()> {
        let ObjectSchema {
            fields,
            refine,
            description: _,
        } = schema;
        // Rules across fields read `Value`s: the scanner's work.
        if refine.is_some() || depth >= MAX_DEPTH || fields.len() > MAX_FIELDS {
            return None;
        }
        self.byte(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        // Keys mostly come in the same order line after line: the field after the last one
        // found is tried first, then all of them.
        let mut next = 0;
        loop {
            let rest = self.line.get(self.at..)?;
            let index = match fields.get(next) {
                Some(field) if is_key(rest, field.name.as_bytes()) => next,
                _ => fields
                    .iter()
                    .position(|field| is_key(rest, field.name.as_bytes()))?,
            };
            let field = fields.get(index)?;
            self.at += field.name.len() + 3;
            let bit = 1u32 << index;
            if found.seen & bit != 0 {
                return None;
            }
            found.seen |= bit;
            next = index + 1;
            if !value(self, found, index, &field.rule)? {
                found.failed |= bit;
            }
            // Written out here, in `record` and in `any_json`: one shared helper for the separator
            // measured 4% more instructions a valid line (callgrind).
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A value that `rule` accepts: strings and enums (most fields) here, inline in the field loop;
    /// the rest in [`Cursor::value`].
    #[inline(always)]
    fn field_value(&mut self, rule: &Rule, depth: u32) -> Option<()> {
        match rule {
            Rule::String(rule) => {
                let text = self.string()?;
                string_passes(rule, text).then_some(())
            }
            Rule::Enum { values, message: _ } => {
                let text = self.string()?;
                values
                    .iter()
                    .any(|name| same(name.as_bytes(), text))
                    .then_some(())
            }
            rule => self.value(rule, depth),
        }
    }

    /// A value that `rule` accepts.
    fn value(&mut self, rule: &Rule, depth: u32) -> Option<()> {
        match rule {
            Rule::Unknown => self.any_json(depth),
            Rule::String(_) | Rule::Enum { .. } => self.field_value(rule, depth),
            Rule::Record(schema) => self.record(schema, depth),
            // Arrays of objects feed the refinements, and JSON metadata has its own rules (depth,
            // keys): the scanner's work.
            Rule::Array { items: _ } | Rule::JsonObject => None,
        }
    }

    /// `z.record(z.string(), schema)`: an object whose keys are plain names (no array index, which
    /// JavaScript reorders, no `__proto__`, which Zod skips, no `length`), each once, and whose
    /// values are `schema` objects.
    fn record(&mut self, schema: &ObjectSchema, depth: u32) -> Option<()> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.byte(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        let mut keys: [&[u8]; MAX_RECORD_KEYS] = [b""; MAX_RECORD_KEYS];
        let mut count = 0;
        loop {
            let key = self.string()?;
            // All digits: a superset of the array indexes.
            if key == b"__proto__" || key == b"length" || key.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let earlier = keys.get(..count)?;
            if earlier.contains(&key) {
                return None;
            }
            *keys.get_mut(count)? = key;
            count += 1;
            self.byte(b':')?;
            self.object(schema, depth + 1)?;
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Any JSON value in compact form (for `z.unknown()`), in the scanner's reading: strings
    /// without escapes, numbers without exponents and of at most 300 characters (longer, or with
    /// an exponent, they may overflow to `Infinity`), keys neither escaped nor `length`.
    fn any_json(&mut self, depth: u32) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'n' => self.word(b"null"),
            b'[' | b'{' if depth >= MAX_DEPTH => None,
            b'[' => {
                self.at += 1;
                if self.peek()? == b']' {
                    self.at += 1;
                    return Some(());
                }
                loop {
                    self.any_json(depth + 1)?;
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.at += 1;
                if self.peek()? == b'}' {
                    self.at += 1;
                    return Some(());
                }
                loop {
                    if self.string()? == b"length" {
                        return None;
                    }
                    self.byte(b':')?;
                    self.any_json(depth + 1)?;
                    match self.peek()? {
                        b',' => self.at += 1,
                        b'}' => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    fn word(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at + word.len();
        (self.line.get(self.at..end)? == word).then(|| self.at = end)
    }

    /// A number, as the scanner reads numbers (no exponent, at most 300 characters).
    fn number(&mut self) -> Option<()> {
        self.at += number_len(self.line.get(self.at..)?)?;
        Some(())
    }
}

/// Whether `rest` starts with `"name":`, the key `name` and its colon (names have no quote,
/// backslash or control character, so the key has no escape).
#[inline(always)]
fn is_key(rest: &[u8], name: &[u8]) -> bool {
    let len = name.len();
    rest.first() == Some(&b'"')
        && rest.get(len + 1..len + 3) == Some(b"\":")
        && rest.get(1..len + 1).is_some_and(|key| same(name, key))
}

/// Whether a string (its UTF-8 bytes, with no escapes) passes `z.string()` with these checks.
#[inline(always)]
pub(crate) fn string_passes(rule: &StringRule, text: &[u8]) -> bool {
    let StringRule {
        limits,
        format,
        message: _,
    } = rule;
    within(*limits, text)
        && match format {
            None => true,
            Some(Format::Datetime) => datetime(text),
            Some(Format::IpOrEmpty) => {
                text.is_empty()
                    || core::str::from_utf8(text).is_ok_and(|s| {
                        crate::rules::string::format_matches(Format::IpOrEmpty, Text::Utf8(s))
                    })
            }
        }
}

/// [`is_iso_datetime`], with its common form (`YYYY-MM-DDTHH:MM:SSZ`, 20 bytes) read at fixed
/// places: the same grammar and calendar, without the general parse. Other forms go to the rule.
#[inline(always)]
fn datetime(text: &[u8]) -> bool {
    let Ok(
        &[
            y0,
            y1,
            y2,
            y3,
            b'-',
            m0,
            m1,
            b'-',
            d0,
            d1,
            b'T',
            h0,
            h1,
            b':',
            i0,
            i1,
            b':',
            s0,
            s1,
            b'Z',
        ],
    ) = <&[u8; 20]>::try_from(text)
    else {
        return is_iso_datetime(text);
    };
    let digits =
        [y0, y1, y2, y3, m0, m1, d0, d1, h0, h1, i0, i1, s0, s1].map(|b| b.wrapping_sub(b'0'));
    if digits.iter().any(|&d| d > 9) {
        return false;
    }
    let [y0, y1, y2, y3, m0, m1, d0, d1, h0, h1, i0, i1, s0, s1] = digits.map(u32::from);
    let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    let day = d0 * 10 + d1;
    (1..=days_in_month(year, m0 * 10 + m1)).contains(&day)
        && h0 * 10 + h1 <= 23
        && i0 * 10 + i1 <= 59
        && s0 * 10 + s1 <= 59
}

/// Whether a string's length in code points is within `limits`. Its bytes bound it: at most one
/// code point a byte, at least one in four; counted only when those bounds do not decide.
#[inline(always)]
fn within(limits: LengthLimits, text: &[u8]) -> bool {
    let LengthLimits { min, max } = limits;
    let bytes = text.len();
    let surely_long_enough = min.is_none_or(|(min, _)| bytes.div_ceil(4) >= min as usize);
    let surely_short_enough = max.is_none_or(|max| bytes <= max as usize);
    if surely_long_enough && surely_short_enough {
        return true;
    }
    // Valid UTF-8: a code point is a byte that does not continue one (0b10xx_xxxx).
    let code_points = text.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    min.is_none_or(|(min, _)| code_points >= min as usize)
        && max.is_none_or(|max| code_points <= max as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fastpath_proof::{self as proof, Random};
    use crate::ndjson::lines;
    use crate::rules::entry;

    const SEED: u64 = 20261206;

    #[test]
    fn accepts_the_common_line_and_leaves_the_rest() {
        let root = Root::Object(&entry::ENTRY);
        let valid = br#"{"id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z","changes":{"s":{"old":[1,-0.5,{"a":null}],"new":true}}}"#;
        assert!(is_valid(root, valid, false));
        for line in [
            &br#"{"id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z" }"#[..],
            br#"{"id":"","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#,
            br#"{"id":"a","id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#,
            br#"{"id":"\u0061","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#,
            br#"{"action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#,
            br#"{"id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z","changes":{"s":{"old":1e400}}}"#,
        ] {
            assert!(!is_valid(root, line, false), "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn never_valid_where_the_rules_are_not_on_generated_lines() {
        println!("seed {SEED}");
        let accepted = proof::generated(SEED, 20_000).unwrap_or_else(|e| panic!("{e}"));
        // Not vacuous: the fast path decides a good share of the lines.
        assert!(accepted > 5_000, "{accepted}");
    }

    #[test]
    fn never_valid_where_the_rules_are_with_a_byte_changed_at_every_offset() {
        let sample = include_bytes!("../../www/public/samples/entries-5000.ndjson");
        let mut accepted = 0;
        // Lines with and without `changes`, and a valid one of each schema.
        for (number, _, line) in lines(sample).filter(|(n, _, _)| n % 500 == 1 || *n == 5) {
            accepted += proof::every_offset(line).unwrap_or_else(|e| panic!("line {number}: {e}"));
        }
        let mut random = Random::new(SEED);
        for root in proof::roots() {
            let line = (0..1000)
                .map(|_| proof::line(&mut random, root))
                .find(|line| is_valid(root, line, false));
            if let Some(line) = line {
                accepted += proof::every_offset(&line).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        assert!(accepted > 1_000, "{accepted}");
    }

    #[test]
    fn a_line_it_leaves_tells_which_fields_passed() {
        let root = Root::Object(&entry::ENTRY);
        fn verdict(line: &[u8]) -> Option<Fast<'_>> {
            let root = Root::Object(&entry::ENTRY);
            super::lines(root, line).next().map(|(_, _, _, fast)| fast)
        }
        // id, action and actor_id (fields 0 to 2) pass; actor_type (3) is no string; the
        // timestamp (9) is a day that does not exist; the rest are missing.
        let line = br#"{"id":"a","action":"read","actor_id":"u","actor_type":5,"timestamp":"2026-02-30T10:00:00Z"}"#;
        let Some(Fast::Unsure(Some((split, _)))) = verdict(line) else {
            panic!("{:?}", verdict(line));
        };
        assert_eq!((split.seen, split.failed), (0b10_0000_1111, 0b10_0000_1000));
        assert_eq!((split.starts[3], split.starts[9]), (54, 68));
        let mut scanner = crate::source::tape::Scanner::default();
        assert_eq!(
            proof::fields_agree(root, &mut scanner, line),
            Ok(vec![split])
        );
        // A value that is not even compact JSON, a repeated key, an unknown key, a space after the
        // object, a key with an escape: nothing is known.
        for line in [
            &br#"{"id":"a","action":"read","actor_id":[1, 2]}"#[..],
            br#"{"id":"a","action":"read","id":"b"}"#,
            br#"{"id":"a","action":"read","extra":1}"#,
            br#"{"id":"a","action":"bad"} "#,
            br#"{"id":"a","action":"bad","\u0069d":""}"#,
        ] {
            assert_eq!(
                verdict(line),
                Some(Fast::Unsure(None)),
                "{}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn split_lines_get_the_issues_of_every_field_checked_on_generated_lines() {
        println!("seed {SEED}");
        let mut random = Random::new(SEED);
        let mut scanner = crate::source::tape::Scanner::default();
        let (mut split, mut several_failed) = (0, 0);
        for root in proof::roots() {
            // Blocks of 20 lines: each line split where it lies in its block.
            for _ in 0..1_000 {
                let block = proof::block(&mut random, root, 20);
                let found = proof::fields_agree(root, &mut scanner, &block)
                    .unwrap_or_else(|e| panic!("{e}"));
                split += found.len();
                several_failed += found.iter().filter(|s| s.failed.count_ones() >= 2).count();
            }
        }
        // Not vacuous: many of the lines left to the rules were split, some with several fields
        // failing.
        assert!(
            split > 5_000 && several_failed > 500,
            "{split} {several_failed}"
        );
    }

    #[test]
    fn lines_with_one_answer_key_get_one_answer() {
        println!("seed {SEED}");
        let mut random = Random::new(SEED);
        let mut scanner = crate::source::tape::Scanner::default();
        let mut again = 0;
        for root in proof::roots() {
            let mut answers = alloc::collections::BTreeMap::new();
            for _ in 0..1_000 {
                let block = proof::block(&mut random, root, 20);
                again += proof::keys_decide(root, &mut scanner, &block, &mut answers)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        assert!(again > 1_000, "{again}");
    }

    #[test]
    fn the_answer_key_holds_what_failed_and_only_that() {
        let root = Root::Object(&entry::ENTRY);
        let key = |line: &[u8]| {
            let Some((_, _, _, Fast::Unsure(Some((split, _))))) = super::lines(root, line).next()
            else {
                panic!("not split: {}", String::from_utf8_lossy(line));
            };
            let mut key = Vec::new();
            answer_key(&split, line, &mut key).map(|()| key)
        };
        let line = |id: &str, action: &str, changes: &str| {
            format!(
                r#"{{"id":"{id}","action":{action},"actor_id":"u","resource_type":"t","resource_id":"r","timestamp":"2026-02-03T10:00:00Z"{changes}}}"#
            )
        };
        let base = key(line("a", "1", "").as_bytes());
        // Another value of a field that passed: the same key.
        assert_eq!(key(line("bb", "1", "").as_bytes()), base);
        // Another failing value, one of another length, one that fails too but is not a number,
        // another field failing too, a field missing: each its own key.
        for other in [
            line("a", "2", ""),
            line("a", "12", ""),
            line("a", "\"1\"", ""),
            line("", "1", ""),
            line("a", "1", r#","changes":{"s":1}"#),
            line("a", "1", "").replace(r#","actor_id":"u""#, ""),
        ] {
            assert_ne!(key(other.as_bytes()), base, "{other}");
        }
        // The bytes of both failing values, each after its length.
        let key = key(line("", "[1,2]", "").as_bytes()).expect("a key");
        assert!(key.ends_with(b"\x02\0\0\0\"\"\x05\0\0\0[1,2]"), "{key:?}");
    }

    #[test]
    fn the_common_datetime_form_answers_as_the_rule() {
        let mut checked = 0;
        let mut check = |text: &[u8]| {
            assert_eq!(
                datetime(text),
                is_iso_datetime(text),
                "{}",
                String::from_utf8_lossy(text)
            );
            checked += 1;
        };
        // Every month and day (0 to 32) of leap and common years, centuries included.
        for year in [0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    check(format!("{year:04}-{month:02}-{day:02}T12:34:56Z").as_bytes());
                }
            }
        }
        // Each byte of a valid one replaced with bytes around the digits and the punctuation.
        let valid = *b"2024-02-29T23:59:59Z";
        for at in 0..valid.len() {
            for byte in [
                b'0', b'1', b'2', b'3', b'5', b'6', b'9', b'/', b':', b'-', b'T', b'Z', b'.', b' ',
                0xFF,
            ] {
                let mut text = valid;
                text[at] = byte;
                check(&text);
            }
        }
        for text in [
            &b"2024-02-29T23:59:59.5Z"[..],
            b"2024-02-29T23:59:59",
            b"",
            b"2024-02-29T24:00:00Z",
        ] {
            check(text);
        }
        assert!(checked > 5_000);
    }

    #[test]
    fn string_rules_answer_as_the_rules_on_border_strings() {
        println!("seed {SEED}");
        let accepted = proof::string_rules(SEED, 20_000).unwrap_or_else(|e| panic!("{e}"));
        assert!(accepted > 1_000, "{accepted}");
    }
}
