//! The NDJSON scanner of the server package (src/source/tape.rs) against the serde_json path: on every line
//! the scanner settles, serde_json must read the same JSON and the rules must report the same issues.
//! Lines the scanner leaves to JSON.parse (`Unsure`) are not compared; lines serde_json rejects but the
//! scanner accepts are lone-surrogate escapes, which serde_json refuses and JSON.parse reads.
#![no_main]

use auditlog::ndjson::{is_blank, lines};
use auditlog::source::tape::{Line, Scanner};
use auditlog::wasm::protocol::schema;
use auditlog::{LineProblem, check_ndjson};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut scanner = Scanner::default();
    // Every schema: the entry, change, action, platform record and resource.
    for id in 0..5 {
        let Some(root) = schema(id) else {
            panic!("schema {id} exists");
        };
        for (_, _, line) in lines(data) {
            if is_blank(line) {
                continue;
            }
            let expected = match check_ndjson(root, line).invalid.pop() {
                None => Vec::new(),
                Some((_, LineProblem::Invalid(issues))) => issues,
                Some((_, LineProblem::NotJson(_))) => {
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
