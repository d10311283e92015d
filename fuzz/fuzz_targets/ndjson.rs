//! The NDJSON scanner of the server package (src/source/tape.rs), and `check_ndjson_lines` which uses it,
//! against the serde_json path: on every line
//! the scanner settles, serde_json must read the same JSON and the rules must report the same issues.
//! Lines the scanner leaves to JSON.parse (`Unsure`) are not compared; lines serde_json rejects but the
//! scanner accepts are lone-surrogate escapes, which serde_json refuses and JSON.parse reads.
#![no_main]

use auditlog::ndjson::{lines, trims_to_nothing};
use auditlog::rules::{Root, check};
use auditlog::source::json::JsonSource;
use auditlog::source::tape::{Line, Scanner};
use auditlog::wasm::protocol::schema;
use auditlog::{Issue, LineProblem, check_ndjson_lines};
use libfuzzer_sys::fuzz_target;

/// The serde_json path: the line's issues, or `None` where serde_json does not read it as JSON.
fn serde_issues(root: Root, line: &[u8]) -> Option<Vec<Issue>> {
    let json: serde_json::Value = serde_json::from_slice(line).ok()?;
    check(root, &mut JsonSource::of(&json)).ok()
}

fuzz_target!(|data: &[u8]| {
    let mut scanner = Scanner::default();
    // Every schema: the entry, change, action, platform record and resource.
    for id in 0..5 {
        let Some(root) = schema(id) else {
            panic!("schema {id} exists");
        };
        for (_, _, line) in lines(data) {
            // The lines validateNdjson skips (JavaScript's `trim` leaves nothing of them).
            if trims_to_nothing(line) {
                continue;
            }
            // check_ndjson_lines (the scanner, then serde_json for what it leaves) answers as serde_json.
            let expected = serde_issues(root, line);
            let report = check_ndjson_lines(root, line, 1);
            match (&expected, report.invalid.first()) {
                (Some(issues), None) => assert!(issues.is_empty()),
                (Some(issues), Some((_, LineProblem::Invalid(found)))) => assert_eq!(found, issues),
                (None, Some((_, LineProblem::NotJson(_)))) => {}
                (expected, found) => panic!(
                    "check_ndjson {found:?}, serde_json {expected:?} on {:?}",
                    String::from_utf8_lossy(line)
                ),
            }
            let expected = match expected {
                Some(issues) => issues,
                None => {
                    let escapes_surrogate = line.windows(3).any(|w| w == b"\\ud" || w == b"\\uD");
                    let settled = scanner.check_line(root, line) != Line::Unsure;
                    assert!(
                        !settled || escapes_surrogate,
                        "the scanner settled a line serde_json rejects: {:?}",
                        String::from_utf8_lossy(line)
                    );
                    continue;
                }
            };
            match scanner.check_line(root, line) {
                Line::Valid => assert!(
                    expected.is_empty(),
                    "valid to the scanner only: {:?}",
                    String::from_utf8_lossy(line)
                ),
                Line::Invalid(issues) => {
                    assert_eq!(issues, expected, "on {:?}", String::from_utf8_lossy(line))
                }
                Line::Unsure => {}
            }
        }
    }
});
