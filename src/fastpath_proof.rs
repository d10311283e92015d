//! The fast path against the rules, on generated lines: shared by the unit tests, the wasm suite
//! (tests/common/wasm_suite.rs) and the `fastpath` fuzz target, so that each runs the same oracle.
//! The one property: where the fast path says "valid", the scanner and the rules (and serde_json
//! where they leave a line) say valid too.

use crate::fastpath::{
    Fast, answer_key, is_utf8, is_valid, lines as fast_lines, string_passes, valid_line,
};
use crate::native::check_json_text;
use crate::ndjson::lines;
use crate::rules::schema::{Format, ObjectSchema, Rule, StringRule};
use crate::rules::{Root, length::LengthLimits};
use crate::source::tape::{Line, Scanner, Split};
use crate::value::{Text, Value};
use crate::wasm::protocol::schema;
use alloc::collections::BTreeMap;

/// Every schema the package checks (entry, change, action, platform record, resource).
pub fn roots() -> impl Iterator<Item = Root> {
    (0..).map_while(schema)
}

/// Checks one line against `root`: `Err` with a description if the fast path accepts a line the
/// rules do not. `Ok(true)` when the fast path accepted it.
pub fn agrees(root: Root, scanner: &mut Scanner, line: &[u8]) -> Result<bool, String> {
    let fast = is_valid(root, line, false);
    // Given UTF-8 known for the block, it answers the same on UTF-8 lines.
    if is_utf8(line) && is_valid(root, line, true) != fast {
        return Err(format!("block UTF-8 changes the answer: {:?}", lossy(line)));
    }
    if !fast {
        return fields_agree(root, scanner, line).map(|_| false);
    }
    if let Some(problem) = check_json_text(root, scanner, line) {
        return Err(format!(
            "fast path valid, rules {problem:?}: {:?}",
            lossy(line)
        ));
    }
    if let Line::Invalid(issues) = scanner.check_line(root, line) {
        return Err(format!(
            "fast path valid, scanner {issues:?}: {:?}",
            lossy(line)
        ));
    }
    Ok(true)
}

/// For each line of `block` that the fast path does not accept but splits ([`Fast::Unsure`]): the
/// rules on the fields it did not verify give the issues the rules give on the whole line. The
/// splits found (so a test can tell it is not vacuous).
pub fn fields_agree(root: Root, scanner: &mut Scanner, block: &[u8]) -> Result<Vec<Split>, String> {
    let mut splits = Vec::new();
    for (_, _, line, fast) in fast_lines(root, block) {
        let Fast::Unsure(Some((split, text))) = fast else {
            continue;
        };
        let Some(after) = scanner.check_split(root, text, &split) else {
            continue;
        };
        let every = scanner.check_line(root, line);
        if after != every {
            return Err(format!(
                "{split:?}: rules {after:?}, on the whole line {every:?}: {:?}",
                lossy(line)
            ));
        }
        splits.push(split);
    }
    Ok(splits)
}

/// For each line of `block` that the fast path splits: the lines met before with the same answer
/// key ([`answer_key`]; `answers` holds the answer given for each key, `None` included) got the
/// same answer, which is what lets `check_ndjson` list a line with an earlier one's. How many
/// lines met a key again (so a test can tell it is not vacuous).
pub fn keys_decide(
    root: Root,
    scanner: &mut Scanner,
    block: &[u8],
    answers: &mut BTreeMap<Vec<u8>, String>,
) -> Result<usize, String> {
    let mut again = 0;
    for (_, _, line, fast) in fast_lines(root, block) {
        let Fast::Unsure(Some((split, text))) = fast else {
            continue;
        };
        let mut key = Vec::new();
        answer_key(&split, line, &mut key).ok_or_else(|| format!("no key: {:?}", lossy(line)))?;
        // `None` (the line is scanned whole) too: a key must not answer for one line and not for
        // another.
        let answer = format!("{:?}", scanner.check_split(root, text, &split));
        match answers.get(&key) {
            Some(before) if *before != answer => {
                return Err(format!(
                    "one key, two answers: {before} and {answer}: {:?}",
                    lossy(line)
                ));
            }
            Some(_) => again += 1,
            None => {
                answers.insert(key, answer);
            }
        }
    }
    Ok(again)
}

/// The line followed by each kind of line end (and by none, and by other bytes), read as the
/// start of a block with [`framing_agrees_in`].
pub fn framing_agrees(root: Root, line: &[u8]) -> Result<(), String> {
    const ENDS: &[&[u8]] = &[
        b"", b"\n", b"\r\n", b"\r", b"\r\r\n", b"\n\n", b"\n{}", b"\r\nx", b"\rx", b"x", b" \n",
    ];
    for end in ENDS {
        framing_agrees_in(root, &[line, end].concat())?;
    }
    Ok(())
}

/// The fast path's framing of a block ([`crate::fastpath::lines`], which finds the end of a line it
/// reads whole, valid or split, by reading it) against [`crate::ndjson::lines`]: the same lines at
/// the same offsets, a split line with that line as its text, each called valid exactly when
/// [`is_valid`] calls that line valid; and [`valid_line`] on the block frames its first line as
/// `lines` does.
pub fn framing_agrees_in(root: Root, block: &[u8]) -> Result<(), String> {
    let mut plain = lines(block);
    for (number, at, line, valid) in fast_lines(root, block) {
        if plain.next() != Some((number, at, line)) {
            return Err(format!(
                "line {number} framed otherwise: {:?}",
                lossy(block)
            ));
        }
        if let Fast::Unsure(Some((_, text))) = &valid
            && text.as_bytes() != line
        {
            return Err(format!(
                "line {number} split with another text: {:?}",
                lossy(block)
            ));
        }
        if (valid == Fast::Valid) != is_valid(root, line, false) {
            return Err(format!(
                "line {number} decided otherwise: {:?}",
                lossy(block)
            ));
        }
    }
    if plain.next().is_some() {
        return Err(format!("lines left out: {:?}", lossy(block)));
    }
    if is_utf8(block)
        && let Some((len, next)) = valid_line(root, block)
    {
        let mut plain = lines(block);
        let first = plain.next().map(|(_, _, line)| line);
        let second = plain.next().map(|(_, at, _)| at);
        if first.map(<[u8]>::len) != Some(len) || second != next {
            return Err(format!("first line framed otherwise: {:?}", lossy(block)));
        }
    }
    Ok(())
}

fn lossy(line: &[u8]) -> String {
    String::from_utf8_lossy(line).into_owned()
}

/// A small deterministic generator (xorshift64*): the same lines for the same seed everywhere.
pub struct Random(u64);

impl Random {
    /// A generator from `seed` (any value).
    pub fn new(seed: u64) -> Self {
        Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn number(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.number() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strings at the borders of every rule: empty, one character of each width, the record's 256
/// code points and either side, escapes (lone surrogates too), and texts that are no JSON string.
fn strings(random: &mut Random) -> String {
    let lengths = |n: usize, c: &&str| c.repeat(n);
    let s = match random.below(16) {
        0 => String::new(),
        1 => random.pick(&["a", "é", "€", "😀", " ", "Z"]).to_string(),
        2 => lengths(255 + random.below(3), random.pick(&["a", "é", "€", "😀"])),
        3 => lengths(random.below(70), &"x"),
        4 => random
            .pick(&[
                r"\n",
                r#"\""#,
                r"\\",
                r"\u0041",
                r"\ud800",
                r"\ud83d\ude00",
                r"\/",
            ])
            .to_string(),
        5 => random.pick(DATETIMES).to_string(),
        6 => random.pick(ADDRESSES).to_string(),
        7 => random.pick(NAMES).to_string(),
        8 => format!(
            "{}{}",
            lengths(random.below(20), &"y"),
            random.pick(&["\u{1}", "\u{7f}", "\u{a0}"])
        ),
        _ => random
            .pick(&["audit_1", "user_9", "report", "res_1", "Mozilla/5.0 (X11)"])
            .to_string(),
    };
    format!("\"{s}\"")
}

/// Timestamps around every part of Zod's grammar.
pub const DATETIMES: &[&str] = &[
    "2026-05-16T18:30:00Z",
    "2026-05-16T18:30:00.1Z",
    "2026-05-16T18:30:00.123456789012Z",
    "2024-02-29T00:00:00Z",
    "2000-02-29T23:59:59Z",
    "1900-02-29T00:00:00Z",
    "2026-02-29T00:00:00Z",
    "2026-02-28T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-12-31T23:59:59Z",
    "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z",
    "2026-05-00T00:00:00Z",
    "2026-05-16T24:00:00Z",
    "2026-05-16T23:60:00Z",
    "2026-05-16T23:59:60Z",
    "2026-05-16T18:30:00.Z",
    "2026-05-16T18:30:00+02:00",
    "2026-05-16T18:30:00z",
    "2026-05-16t18:30:00Z",
    "2026-05-16 18:30:00Z",
    "2026-05-16T18:30Z",
    "2026-05-16",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "+02026-05-16T18:30:00Z",
    "2026-05-16T18:30:00ZZ",
    "２026-05-16T18:30:00Z",
];

/// IP addresses and near misses.
pub const ADDRESSES: &[&str] = &[
    "203.0.113.42",
    "0.0.0.0",
    "255.255.255.255",
    "256.1.1.1",
    "01.2.3.4",
    "1.2.3",
    "::",
    "::1",
    "1::",
    "::ffff:192.0.2.1",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7:8:9",
    "fe80::1%eth0",
    ":::",
    "00000::",
    " 1.2.3.4",
    "1.2.3.4 ",
    "١.٢.٣.٤",
];

/// Enum names and near misses.
const NAMES: &[&str] = &[
    "create",
    "read",
    "update",
    "delete",
    "Create",
    "reads",
    "rea",
    "delete ",
    "user",
    "system",
    "rootkey",
    "workspace.created",
    "key.created",
    "",
];

/// Values of any kind, JSON or not quite.
fn any_value(random: &mut Random, depth: u32) -> String {
    match random.below(if depth > 3 { 8 } else { 12 }) {
        0 => strings(random),
        1 => random
            .pick(&[
                "0",
                "-0",
                "1",
                "-1.5",
                "10",
                "01",
                "1.",
                ".5",
                "-",
                "1e5",
                "1E-2",
                "12345678901234567890",
            ])
            .to_string(),
        2 => random
            .pick(&["true", "false", "null", "nul", "tru"])
            .to_string(),
        3 => "9".repeat(295 + random.below(125)),
        4 => random
            .pick(&["[]", "{}", "[1,]", "{\"length\":1}", "{\"a\":1,\"a\":2}"])
            .to_string(),
        5 => "[".repeat(30 + random.below(5)) + &"]".repeat(30 + random.below(5)),
        6 => format!(
            "{{\"old\":{},\"new\":{}}}",
            any_value(random, depth + 1),
            any_value(random, depth + 1)
        ),
        7 => "{\"old\":1}".to_string(),
        8 => format!(
            "[{},{}]",
            any_value(random, depth + 1),
            any_value(random, depth + 1)
        ),
        9 => format!("{{{}:{}}}", strings(random), any_value(random, depth + 1)),
        10 => changes(random, depth + 1),
        _ => format!("{{\"old\":{}}}", any_value(random, depth + 1)),
    }
}

/// A `changes` record, often well formed.
fn changes(random: &mut Random, depth: u32) -> String {
    let count = random.below(4);
    let entries: Vec<String> = (0..count)
        .map(|i| {
            let key = random
                .pick(&[
                    "\"status\"",
                    "\"version\"",
                    "\"a\"",
                    "\"__proto__\"",
                    "\"0\"",
                    "\"length\"",
                    "\"01\"",
                ])
                .to_string();
            let key = if random.below(3) == 0 {
                format!("\"k{i}\"")
            } else {
                key
            };
            let value = match random.below(4) {
                0 => any_value(random, depth + 1),
                1 => "{}".to_string(),
                _ => format!(
                    "{{\"old\":{},\"new\":{}}}",
                    any_value(random, depth + 1),
                    any_value(random, depth + 1)
                ),
            };
            format!("{key}:{value}")
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// A value for a field with `rule`: mostly one that passes, often a border.
fn field_value(random: &mut Random, rule: &Rule) -> String {
    if random.below(6) == 0 {
        return any_value(random, 0);
    }
    match rule {
        Rule::Unknown => any_value(random, 0),
        Rule::String(StringRule {
            format: Some(Format::Datetime),
            ..
        }) if random.below(3) > 0 => {
            format!("\"{}\"", random.pick(DATETIMES))
        }
        Rule::String(StringRule {
            format: Some(Format::IpOrEmpty),
            ..
        }) if random.below(3) > 0 => {
            format!("\"{}\"", random.pick(ADDRESSES))
        }
        Rule::String(_) => strings(random),
        Rule::Enum { values, .. } if random.below(3) > 0 => format!("\"{}\"", random.pick(values)),
        Rule::Enum { .. } => strings(random),
        Rule::Record(_) => changes(random, 0),
        Rule::Array { items } => {
            let count = random.below(3);
            let items: Vec<String> = (0..count).map(|_| object(random, items)).collect();
            format!("[{}]", items.join(","))
        }
        Rule::JsonObject => any_value(random, 0),
    }
}

/// An object for `schema`: its fields in a random order, some left out, some repeated, an unknown
/// key now and then.
pub fn object(random: &mut Random, schema: &ObjectSchema) -> String {
    let mut members = Vec::new();
    for field in schema.fields {
        if (field.optional && random.below(3) == 0) || random.below(40) == 0 {
            continue;
        }
        let value = field_value(random, &field.rule);
        members.push(format!("\"{}\":{}", field.name, value));
    }
    if random.below(10) == 0 {
        let extra = random.pick(&[
            "\"extra\":1",
            "\"length\":2",
            "\"__proto__\":{}",
            "\"id\":\"x\"",
        ]);
        members.push(extra.to_string());
    }
    if random.below(10) == 0 && !members.is_empty() {
        let copy = members[random.below(members.len())].clone();
        members.push(copy);
    }
    if random.below(2) == 0 {
        for i in (1..members.len()).rev() {
            members.swap(i, random.below(i + 1));
        }
    }
    format!("{{{}}}", members.join(","))
}

/// A line for `root`, then sometimes whitespace, an escape or a stray byte put in.
pub fn line(random: &mut Random, root: Root) -> Vec<u8> {
    let text = match root {
        Root::Object(schema) => object(random, schema),
        Root::Value(rule) => field_value(random, &rule),
    };
    let mut bytes = text.into_bytes();
    if random.below(4) == 0 && !bytes.is_empty() {
        let at = random.below(bytes.len() + 1);
        let insert: &[u8] = random.pick::<&[u8]>(&[
            b" ", b"\t", b"\\n", b"\\u0061", b"\r", b"\n", b"\"", b"\xC3", b"\xFF", b"\0",
        ]);
        bytes.splice(at..at, insert.iter().copied());
    }
    bytes
}

/// `count` generated lines for `root`, each ended by a `\n`: a block, as the bulk paths read them.
pub fn block(random: &mut Random, root: Root, count: usize) -> Vec<u8> {
    (0..count)
        .flat_map(|_| {
            let mut line = line(random, root);
            line.push(b'\n');
            line
        })
        .collect()
}

/// `count` generated lines per schema, each checked with [`agrees`]; how many the fast path
/// accepted (so a test can tell it is not vacuous).
pub fn generated(seed: u64, count: usize) -> Result<usize, String> {
    let mut random = Random::new(seed);
    let mut scanner = Scanner::default();
    let mut accepted = 0;
    for root in roots() {
        for _ in 0..count {
            let line = line(&mut random, root);
            accepted += usize::from(agrees(root, &mut scanner, &line)?);
            framing_agrees(root, &line)?;
        }
    }
    Ok(accepted)
}

/// Each byte of `line` replaced by each of a few bytes that matter to JSON, deleted and doubled,
/// every variant checked with [`agrees`] against every schema; how many the fast path accepted.
pub fn every_offset(line: &[u8]) -> Result<usize, String> {
    const BYTES: &[u8] = b"\"\\ \t{}[],:0-.eZx\x01\x7f\xC3\xFF";
    let mut scanner = Scanner::default();
    let mut accepted = 0;
    let roots: Vec<Root> = roots().collect();
    let mut block = Vec::new();
    let mut check = |variant: &[u8]| -> Result<(), String> {
        // Framed in a block too: after a `\r\n`, before a `\n`.
        block.clear();
        block.extend_from_slice(b"\r\n");
        block.extend_from_slice(variant);
        block.extend_from_slice(b"\n");
        for root in &roots {
            accepted += usize::from(agrees(*root, &mut scanner, variant)?);
            framing_agrees_in(*root, &block)?;
        }
        Ok(())
    };
    check(line)?;
    let mut variant = Vec::with_capacity(line.len() + 1);
    for at in 0..line.len() {
        for &byte in BYTES {
            variant.clear();
            variant.extend_from_slice(line);
            variant[at] = byte;
            check(&variant)?;
        }
        variant.clear();
        variant.extend_from_slice(line);
        variant.remove(at);
        check(&variant)?;
        variant.insert(at, line[at]);
        variant.insert(at, line[at]);
        check(&variant)?;
    }
    Ok(accepted)
}

/// Every string rule of every schema's table (nested ones too), plus an IP rule and limits around
/// the record's, on the border strings: the fast path's string check against the rules' own.
pub fn string_rules(seed: u64, count: usize) -> Result<usize, String> {
    let mut rules = vec![
        StringRule {
            format: Some(Format::IpOrEmpty),
            ..StringRule::ANY
        },
        StringRule {
            limits: LengthLimits {
                min: Some((2, None)),
                max: Some(3),
            },
            ..StringRule::ANY
        },
    ];
    let collect = |schema: &ObjectSchema, rules: &mut Vec<StringRule>| {
        for field in schema.fields {
            if let Rule::String(rule) = field.rule {
                rules.push(rule);
            }
        }
    };
    for root in roots() {
        match root {
            Root::Object(schema) => {
                collect(schema, &mut rules);
                for field in schema.fields {
                    if let Rule::Array { items: nested } | Rule::Record(nested) = field.rule {
                        collect(nested, &mut rules);
                    }
                }
            }
            Root::Value(Rule::String(rule)) => rules.push(rule),
            Root::Value(_) => {}
        }
    }
    let mut random = Random::new(seed);
    let mut accepted = 0;
    for _ in 0..count {
        let quoted = strings(&mut random);
        // Only the plain strings: escapes never reach this check.
        let Some(text) = quoted.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
            continue;
        };
        if text.contains('\\') {
            continue;
        }
        for rule in &rules {
            let mut issues = Vec::new();
            let at = crate::rules::schema::Location::ROOT;
            crate::rules::string::check(rule, &Value::string(Text::Utf8(text)), &at, &mut issues);
            let fast = string_passes(rule, text.as_bytes());
            if fast != issues.is_empty() {
                return Err(format!(
                    "{rule:?} on {text:?}: fast path {fast}, rules {issues:?}"
                ));
            }
            accepted += usize::from(fast);
        }
    }
    Ok(accepted)
}
