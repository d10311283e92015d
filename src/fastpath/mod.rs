//! The common NDJSON line decided valid without the scanner: compact JSON whose keys are the
//! schema's own, each once, whose strings have no escapes, and whose every field passes its rule.
//! It answers only "valid" or "not sure"; on anything else (whitespace, an escape, an unknown or
//! repeated key, an exponent, a failing rule) the line goes to the scanner and the rules
//! ([`crate::source::tape`]), which stay the only source of issues.
//!
//! The path is read from the schema tables themselves ([`ObjectSchema`], [`Rule`], [`StringRule`]),
//! and every match on them is exhaustive: a new rule, format or table field does not compile until it
//! is handled here (or sent to the scanner), so this path cannot silently accept what a rule refuses.
//! The checks on a value are the rules' own primitives ([`is_iso_datetime`], the IP grammar,
//! the enum's names), applied to the bytes of the line, with no `Value` and no dynamic dispatch.

use crate::byte_search::string_end;
use crate::rules::Root;
use crate::rules::datetime::is_iso_datetime;
use crate::rules::length::LengthLimits;
use crate::rules::schema::{Format, MAX_FIELDS, ObjectSchema, Rule, StringRule};
use crate::source::tape::number_len;
use crate::value::Text;

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
    let mut cursor = Cursor { line, at: 0 };
    let read = match root {
        Root::Object(schema) => cursor.object(schema, 0),
        Root::Value(rule) => cursor.value(&rule, 0),
    };
    read.is_some() && cursor.at == line.len()
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
        let mut seen = 0u32;
        if self.peek()? == b'}' {
            self.at += 1;
        } else {
            // Keys mostly come in the same order line after line: the search starts after the
            // last field found.
            let mut next = 0;
            loop {
                // The key compared in place with each name, from the one expected: equal bytes
                // then a quote (names have no quote, backslash or control character).
                self.byte(b'"')?;
                let rest = self.line.get(self.at..)?;
                let is_key = |name: &[u8]| {
                    rest.get(name.len()) == Some(&b'"')
                        && rest.get(..name.len()).is_some_and(|key| same(name, key))
                };
                let index = (next..fields.len())
                    .chain(0..next)
                    .find(|&i| fields.get(i).is_some_and(|f| is_key(f.name.as_bytes())))?;
                self.at += fields.get(index)?.name.len() + 1;
                let bit = 1u32 << index;
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                next = index + 1;
                self.byte(b':')?;
                self.value(&fields.get(index)?.rule, depth + 1)?;
                match self.peek()? {
                    b',' => self.at += 1,
                    b'}' => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        let missing = fields
            .iter()
            .enumerate()
            .any(|(i, field)| !field.optional && seen & (1 << i) == 0);
        (!missing).then_some(())
    }

    /// A value that `rule` accepts.
    fn value(&mut self, rule: &Rule, depth: u32) -> Option<()> {
        match rule {
            Rule::Unknown => self.any_json(depth),
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

/// Whether two short names are equal: compared in words of 8 bytes, 4 or 1, inline (a call to
/// `memcmp` costs more than the compare, for a key of a dozen bytes).
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let word8 = |s: &[u8], at: usize| s.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok());
    let word4 = |s: &[u8], at: usize| s.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok());
    match len {
        // Two words that overlap cover 8 to 16 bytes, and 4 to 8.
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, len - 8) == word8(b, len - 8),
        4..8 => word4(a, 0) == word4(b, 0) && word4(a, len - 4) == word4(b, len - 4),
        _ => a == b,
    }
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
            Some(Format::Datetime) => is_iso_datetime(text),
            Some(Format::IpOrEmpty) => {
                text.is_empty()
                    || core::str::from_utf8(text).is_ok_and(|s| {
                        crate::rules::string::format_matches(Format::IpOrEmpty, Text::Utf8(s))
                    })
            }
        }
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
    fn string_rules_answer_as_the_rules_on_border_strings() {
        println!("seed {SEED}");
        let accepted = proof::string_rules(SEED, 20_000).unwrap_or_else(|e| panic!("{e}"));
        assert!(accepted > 1_000, "{accepted}");
    }
}
