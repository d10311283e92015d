//! String limits and formats through each of the rules' three sources: JSON values (the Rust API),
//! the facts the JS glue writes (the npm package; here written as `src/js/facts.js` writes them, by
//! the same tables), and an NDJSON line scanned in place (`validateNdjson`, the CLI). Every
//! combination of a minimum of 0 to 3, a maximum or none, and a format (none, ISO datetime, IP
//! address) meets strings whose UTF-16 length and code point count differ: astral characters,
//! combining marks, lone surrogates. The three sources must give the same issues, and those of
//! Zod 4.6.7 where it has the rule (recorded by `tests/js/record-string-limits.mjs`).

use auditlog::rules::length::LengthLimits;
use auditlog::rules::schema::{Format, Rule, StringRule};
use auditlog::rules::{Root, check};
use auditlog::source::facts::{FactReader, flag};
use auditlog::source::json::JsonSource;
use auditlog::source::tape::{Line, Scanner};
use auditlog::value::Kind;
use auditlog::wasm::protocol::needs;
use serde_json::Value;

/// An issue as the recording has it: its code and message.
type Found = Vec<(String, String)>;

fn found(issues: &[auditlog::Issue]) -> Found {
    issues
        .iter()
        .map(|issue| (issue.code.name().to_owned(), issue.message.to_string()))
        .collect()
}

/// What the glue writes for a string at the top of the input (facts.js `value`): its record, with
/// the text where the rule's needs send it, else its UTF-16 length where they send that, else 0.
fn through_facts(rule: Rule, units: &[u16]) -> Found {
    let (needs, _) = needs(&rule, false);
    let kind = Kind::String as u32;
    let len = units.len() as f64;
    let facts = if needs.sends_text() {
        [f64::from(kind | flag::HAS_TEXT), len, 0.0, len]
    } else {
        let length = if needs.sends_length() { len } else { 0.0 };
        [f64::from(kind), length, 0.0, 0.0]
    };
    let mut reader = FactReader::new(&facts, units);
    let issues = {
        let mut source = reader.next_source().expect("a readable record");
        check(Root::Value(rule), &mut source).expect("readable facts")
    };
    assert!(reader.at_end(), "facts left over");
    found(&issues)
}

/// The string as a JSON line, escaped two ways: `\uXXXX` for every non-ASCII unit, and raw UTF-8
/// where the string is valid Unicode.
fn json_lines(units: &[u16]) -> Vec<String> {
    let escaped: String = units
        .iter()
        .map(|&u| match u {
            0x20..=0x7e if u != u16::from(b'"') && u != u16::from(b'\\') => {
                char::from(u as u8).to_string()
            }
            _ => format!("\\u{u:04x}"),
        })
        .collect();
    let mut lines = vec![format!("\"{escaped}\"")];
    if let Ok(text) = String::from_utf16(units) {
        lines.push(Value::String(text).to_string());
    }
    lines
}

fn through_tape(rule: Rule, units: &[u16], scanner: &mut Scanner) -> Vec<Found> {
    json_lines(units)
        .into_iter()
        .map(
            |line| match scanner.check_line(Root::Value(rule), line.as_bytes()) {
                Line::Valid => Vec::new(),
                Line::Invalid(issues) => found(&issues),
                Line::Unsure => panic!("the scanner left {line} to JSON.parse"),
            },
        )
        .collect()
}

fn through_json(rule: Rule, units: &[u16]) -> Option<Found> {
    // A lone surrogate has no `serde_json` string (nor any Rust string).
    let value = Value::String(String::from_utf16(units).ok()?);
    let issues = check(Root::Value(rule), &mut JsonSource::of(&value)).expect("a JSON value");
    Some(found(&issues))
}

fn limit(value: &Value) -> Option<u32> {
    value.as_u64().map(|n| u32::try_from(n).unwrap())
}

#[test]
fn every_string_limit_and_format_answers_alike_through_every_source_and_as_zod() {
    let recording: Value =
        serde_json::from_str(include_str!("fixtures/zod-string-limits.json")).unwrap();
    let strings: Vec<Vec<u16>> = serde_json::from_value(recording["strings"].clone()).unwrap();
    let mut scanner = Scanner::default();
    let mut compared_with_zod = 0;
    for recorded in recording["rules"].as_array().unwrap() {
        let (min, max) = (limit(&recorded["min"]), limit(&recorded["max"]));
        let zod_format = recorded["format"].as_str();
        // The recording's formats, and the IP address format (no Zod schema of one string) beside
        // the recording's unformatted rules.
        let formats = match zod_format {
            None => vec![None, Some(Format::IpOrEmpty)],
            Some("datetime") => vec![Some(Format::Datetime)],
            Some(other) => panic!("a format this test does not know: {other}"),
        };
        for format in formats {
            let rule = Rule::String(StringRule {
                limits: LengthLimits {
                    min: min.map(|min| (min, None)),
                    max,
                },
                format,
                message: None,
            });
            for (index, units) in strings.iter().enumerate() {
                let what = format!(
                    "min {min:?}, max {max:?}, {format:?}, {:?}",
                    String::from_utf16_lossy(units)
                );
                let facts = through_facts(rule, units);
                for tape in through_tape(rule, units, &mut scanner) {
                    assert_eq!(tape, facts, "the NDJSON line and the glue's facts: {what}");
                }
                if let Some(json) = through_json(rule, units) {
                    assert_eq!(json, facts, "a JSON value and the glue's facts: {what}");
                }
                if format != Some(Format::IpOrEmpty) {
                    let zod: Vec<(String, String)> =
                        serde_json::from_value(recorded["issues"][index].clone()).unwrap();
                    assert_eq!(facts, zod, "Zod's answer: {what}");
                    compared_with_zod += 1;
                }
            }
        }
    }
    assert_eq!(compared_with_zod, 50 * strings.len());
}
