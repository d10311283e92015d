//! `auditlog check` as a user runs it: exit codes, NDJSON and JSON arrays, standard input, gzip
//! (a truncated file is unreadable: exit 2), the JSON report, and the same answer on any --jobs;
//! input that is not NDJSON or a JSON array (binary, pretty-printed objects) refused in one line,
//! the exit statuses in --help, and counts said in the singular for 1.
//! tests/js/cli.test.mjs holds its JSON report to the npm package's.

use std::process::Output;

use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;
use cli::{SAMPLE, gzip, run, temp_file};

const VALID: &str = r#"{"id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#;

fn json_report(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("--format json prints JSON")
}

#[test]
fn exit_status_says_valid_invalid_or_unreadable() {
    let valid = temp_file("valid.ndjson", format!("{VALID}\n{VALID}").as_bytes());
    let ok = run(&["check", &valid], None);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    assert!(String::from_utf8_lossy(&ok.stdout).contains("2 lines, 2 valid, 0 invalid"));

    let some_invalid = run(&["check", SAMPLE], None);
    assert_eq!(some_invalid.status.code(), Some(1));
    let missing = run(&["check", "/nonexistent/file.ndjson"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/file.ndjson"));
    // Unreadable wins over invalid, whatever the order of the files.
    assert_eq!(
        run(&["check", SAMPLE, "/nonexistent"], None).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--schema", "nope", SAMPLE], None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn standard_input_gzip_and_json_arrays_give_the_same_report() {
    let sample = std::fs::read(SAMPLE).expect("the sample");
    let expected = json_report(&run(&["check", "--format", "json", SAMPLE], None));
    assert_eq!(expected["total"], 5001);
    assert!(expected["invalid"].as_u64().unwrap() > 100);

    let from_stdin = json_report(&run(&["check", "--format", "json", "-"], Some(&sample)));
    let gz = temp_file("sample.ndjson.gz", &gzip(&sample));
    let from_gzip = json_report(&run(&["check", "--format", "json", &gz], None));
    let gzip_stdin = json_report(&run(
        &["check", "--format", "json", "-"],
        Some(&gzip(&sample)),
    ));
    for (name, report) in [
        ("stdin", from_stdin),
        ("gzip", from_gzip),
        ("gzip on stdin", gzip_stdin),
    ] {
        assert_eq!(report["lines"], expected["lines"], "{name}");
        assert_eq!(report["total"], expected["total"], "{name}");
    }

    // The same values as one JSON array: items by index, as validateMany reports them.
    let values: Vec<Value> = sample
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect();
    let array = temp_file("sample.json", &serde_json::to_vec(&values).unwrap());
    let items = json_report(&run(&["check", "--format", "json", &array], None));
    assert_eq!(items["total"], values.len());
    assert_eq!(
        items["invalid"].as_u64().unwrap() + 1,
        expected["invalid"].as_u64().unwrap()
    );
    assert!(items["lines"][0]["index"].is_u64());

    // Lines that start with `[` but are not one array together: NDJSON, by line.
    let lines_of_arrays = temp_file("arrays.ndjson", format!("[1]\n{VALID}\n[]").as_bytes());
    let report = json_report(&run(&["check", "--format", "json", &lines_of_arrays], None));
    assert_eq!(
        (report["total"].as_u64(), report["valid"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(report["lines"][1]["line"], 3);
}

#[test]
fn a_truncated_gzip_file_is_unreadable() {
    let packed = gzip(format!("{VALID}\n").repeat(2000).as_bytes());
    let truncated = temp_file("cut.ndjson.gz", &packed[..packed.len() / 2]);
    let output = run(&["check", &truncated], None);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(!output.stderr.is_empty());
    // The same when the error comes while pieces are on the checking threads (small reads: the
    // first read is far from the cut).
    for jobs in ["1", "2", "3"] {
        let args = ["check", "--jobs", jobs, "--block-bytes", "4096", &truncated];
        let output = run(&args, None);
        assert_eq!(output.status.code(), Some(2), "--jobs {jobs}: {output:?}");
        assert!(!output.stderr.is_empty());
    }
    let not_gzip = temp_file("plain.gz", b"not gzip at all\n");
    assert_eq!(run(&["check", &not_gzip], None).status.code(), Some(2));
}

#[test]
fn every_number_of_jobs_and_block_border_gives_one_report() {
    // Lines long enough that blocks and parts end mid-file, a byte-order mark, CRLF, a last line
    // without a newline, a line that is not JSON.
    let mut text = String::from("\u{feff}");
    for i in 0..3000 {
        match i % 7 {
            0 => text.push_str("{\"id\":\"\"}\r\n"),
            1 => text.push_str("not json\n"),
            _ => text.push_str(&format!("{VALID}\n")),
        }
    }
    text.push_str(VALID);
    let file = temp_file("mixed.ndjson", text.as_bytes());
    let one = json_report(&run(
        &["check", "--format", "json", "--jobs", "1", &file],
        None,
    ));
    assert_eq!(one["total"], 3001);
    for jobs in ["1", "2", "3", "8"] {
        for block in ["4096", "1000", "7"] {
            let args = [
                "check",
                "--format",
                "json",
                "--jobs",
                jobs,
                "--block-bytes",
                block,
                &file,
            ];
            assert_eq!(
                json_report(&run(&args, None)),
                one,
                "--jobs {jobs}, blocks of {block}"
            );
        }
    }
    let lines: Vec<u64> = one["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = (0..3000).filter(|i| i % 7 < 2).map(|i| i + 1).collect();
    assert_eq!(lines, expected);
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The one line on standard error, and nothing on standard output, of a file refused with exit
/// status 2, in either format.
fn refused(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut message = None;
    for format in ["human", "json"] {
        let mut with_format = vec!["check", "--format", format];
        with_format.extend_from_slice(&args[1..]);
        let output = run(&with_format, stdin);
        assert_eq!(output.status.code(), Some(2), "{format}: {output:?}");
        assert!(output.stdout.is_empty(), "{format}: {output:?}");
        let stderr = text(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{format}: {stderr}");
        assert_eq!(*message.get_or_insert_with(|| stderr.clone()), stderr);
    }
    message.unwrap_or_default()
}

const EXPECTED: &str = "expected one JSON value per line, or one JSON array of values";

/// Bytes as a file of random bytes has them (xorshift, so the test is the same each run).
fn random_bytes(count: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect()
}

#[test]
fn binary_input_is_refused_in_one_line() {
    let binary = format!("not NDJSON or a JSON array (it looks like binary data); {EXPECTED}\n");
    // A PNG: its signature, NUL bytes in its first chunk's length, then compressed bytes.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(random_bytes(200_000));
    let file = temp_file("photo.png", &png);
    assert_eq!(
        refused(&["check", &file], None),
        format!("auditlog: {file}: {binary}")
    );
    // The same from standard input, gzip or not, and from a gzip file.
    assert_eq!(
        refused(&["check", "-"], Some(&png)),
        format!("auditlog: -: {binary}")
    );
    assert_eq!(
        refused(&["check", "-"], Some(&gzip(&png))),
        format!("auditlog: -: {binary}")
    );
    let packed = temp_file("photo.png.gz", &gzip(&png));
    assert_eq!(
        refused(&["check", &packed], None),
        format!("auditlog: {packed}: {binary}")
    );
    // Valid UTF-8 with a few NUL bytes (1 in 28), and with many other control bytes.
    let nul = temp_file("nul.bin", &b"abcdefghijklmnopqrstuvwxyz\0\n".repeat(100));
    assert_eq!(
        refused(&["check", &nul], None),
        format!("auditlog: {nul}: {binary}")
    );
    let controls = temp_file("controls.bin", &b"\x01\x02\x1b\x7f abcdefgh\n".repeat(50));
    assert_eq!(
        refused(&["check", &controls], None),
        format!("auditlog: {controls}: {binary}")
    );

    // Bytes that are not UTF-8, without NUL or control bytes: another encoding, or binary.
    let latin1 = temp_file("latin1.csv", &b"caf\xe9;z\xfcrich;\xa9\n".repeat(100));
    assert_eq!(
        refused(&["check", &latin1], None),
        format!(
            "auditlog: {latin1}: not NDJSON or a JSON array (it is not UTF-8: binary data, or text \
             in another encoding); {EXPECTED}, in UTF-8\n"
        )
    );
    // NDJSON saved as UTF-16 (as Windows PowerShell's `>` writes it), with and without its mark.
    let utf16: Vec<u8> = format!("\u{feff}{VALID}\n{VALID}\n")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    for (name, bytes) in [("marked", &utf16[..]), ("unmarked", &utf16[2..])] {
        let file = temp_file(&format!("{name}.utf16.ndjson"), bytes);
        assert_eq!(
            refused(&["check", &file], None),
            format!(
                "auditlog: {file}: not NDJSON or a JSON array (it looks like UTF-16 text); \
                 {EXPECTED}, in UTF-8 (convert the file to UTF-8)\n"
            ),
            "{name}"
        );
    }
}

#[test]
fn ndjson_with_a_few_binary_lines_is_still_checked_line_by_line() {
    // NUL bytes (as a crash leaves them), bytes that are not UTF-8 and control bytes, on lines
    // between valid entries: those lines are invalid JSON, the others are checked.
    let mut bytes = format!("{VALID}\n").into_bytes();
    bytes.extend(b"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\n");
    bytes.extend(b"\xff\xfe\x01\x02\x03\n");
    bytes.extend(format!("{VALID}\n").as_bytes());
    let file = temp_file("damaged.ndjson", &bytes);
    let output = run(&["check", "--format", "json", &file], None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report = json_report(&output);
    assert_eq!(
        (report["total"].as_u64(), report["valid"].as_u64()),
        (Some(4), Some(2))
    );
    let lines: Vec<(u64, &str)> = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["line"].as_u64().unwrap(),
                l["issues"][0]["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, [(2, "invalid_json"), (3, "invalid_json")]);

    // A first line longer than the bytes sniffed, whose character is cut where they end: UTF-8.
    let prefix = r#"{"id":""#;
    let start = prefix.len() + usize::from((65536 - prefix.len()).is_multiple_of(2));
    let long = format!(
        "{}{}{}\",\"action\":\"read\"}}\n{VALID}\n",
        prefix,
        "x".repeat(start - prefix.len()),
        "é".repeat(40_000)
    );
    assert_eq!((65536 - start) % 2, 1, "an é is cut at byte 65536");
    let file = temp_file("long-first-line.ndjson", long.as_bytes());
    let output = run(&["check", "--format", "json", &file], None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report = json_report(&output);
    assert_eq!(
        (report["total"].as_u64(), report["valid"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(report["lines"][0]["issues"][0]["code"], "invalid_type");

    // A first line longer than the bytes sniffed, damaged by a NUL byte and a byte that is not
    // UTF-8 within them: a line like any other (invalid JSON), not a refused file.
    let mut long = format!(r#"{{"id":"{}"#, "x".repeat(70_000)).into_bytes();
    long[100] = 0;
    long[200] = 0xFF;
    long.extend(format!("\"}}\n{VALID}\n").as_bytes());
    let file = temp_file("long-damaged-first-line.ndjson", &long);
    let output = run(&["check", "--format", "json", &file], None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report = json_report(&output);
    assert_eq!(
        (report["total"].as_u64(), report["valid"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(report["lines"][0]["issues"][0]["code"], "invalid_json");
}

#[test]
fn pretty_printed_objects_are_refused_in_one_line() {
    let entry: Value = serde_json::from_str(VALID).unwrap();
    let pretty = serde_json::to_string_pretty(&entry).unwrap();
    let one = format!(
        "not NDJSON or a JSON array (a single JSON object spread over several lines); {EXPECTED} \
         (for one value, put it on one line or in [ ])\n"
    );
    let file = temp_file("pretty.json", format!("{pretty}\n").as_bytes());
    assert_eq!(
        refused(&["check", &file], None),
        format!("auditlog: {file}: {one}")
    );
    // Gzip, standard input, blocks that end mid-object, blank lines and a byte-order mark before.
    let packed = temp_file("pretty.json.gz", &gzip(pretty.as_bytes()));
    assert_eq!(
        refused(&["check", &packed], None),
        format!("auditlog: {packed}: {one}")
    );
    assert_eq!(
        refused(&["check", "-"], Some(pretty.as_bytes())),
        format!("auditlog: -: {one}")
    );
    assert_eq!(
        refused(&["check", "-"], Some(&gzip(pretty.as_bytes()))),
        format!("auditlog: -: {one}")
    );
    assert_eq!(
        refused(&["check", "--block-bytes", "7", "--jobs", "3", &file], None),
        format!("auditlog: {file}: {one}")
    );
    let blank_first = temp_file(
        "blank-first.json",
        format!("\u{feff}\n \r\n\t\n{pretty}").as_bytes(),
    );
    assert_eq!(
        refused(&["check", "--block-bytes", "3", &blank_first], None),
        format!("auditlog: {blank_first}: {one}")
    );
    // Several (as `jq .` prints them), over many blocks, also after NDJSON lines of objects.
    let many = format!("{pretty}\n").repeat(2000);
    let file = temp_file("jq.json", many.as_bytes());
    let several = format!(
        "not NDJSON or a JSON array (2000 JSON objects, not one per line); {EXPECTED} (put each \
         object on a line of its own, as `jq -c .` does)\n"
    );
    assert_eq!(
        refused(&["check", "--block-bytes", "1000", &file], None),
        format!("auditlog: {file}: {several}")
    );
    let mixed = format!("{pretty}\n{}", format!("{VALID}\n").repeat(1999));
    assert_eq!(
        refused(&["check", "-"], Some(mixed.as_bytes())),
        format!("auditlog: -: {several}")
    );
}

#[test]
fn a_pretty_printed_array_is_checked_as_an_array() {
    let values: Vec<Value> = vec![
        serde_json::from_str(VALID).unwrap(),
        serde_json::json!({ "id": "" }),
    ];
    let pretty = serde_json::to_string_pretty(&values).unwrap();
    assert!(pretty.lines().count() > 10);
    let file = temp_file("pretty-array.json", pretty.as_bytes());
    let output = run(&["check", &file], None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let human = text(&output.stdout);
    assert!(
        human.starts_with(&format!("{file}: 2 items, 1 valid, 1 invalid (")),
        "{human}"
    );
    assert!(human.contains("\n  index 1: id: "), "{human}");
    let report = json_report(&run(
        &["check", "--format", "json", "-"],
        Some(pretty.as_bytes()),
    ));
    assert_eq!(
        (report["total"].as_u64(), report["invalid"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(report["lines"][0]["index"], 1);
}

#[test]
fn ndjson_with_some_invalid_lines_keeps_its_report() {
    // A first line that opens an object but is not one (a pretty-printed object starts so), then
    // valid, not JSON and invalid lines; and a pretty-printed object followed by something else.
    let entry: Value = serde_json::from_str(VALID).unwrap();
    let pretty = serde_json::to_string_pretty(&entry).unwrap();
    for (name, text_of_file, expected) in [
        (
            "broken-first.ndjson",
            format!("{{\"id\":\"a\",\n{VALID}\nnot json\n{{\"id\":\"\"}}\n{VALID}"),
            vec![1, 3, 4],
        ),
        (
            "brace-first.ndjson",
            format!("{{\n{VALID}\n{VALID}\n"),
            vec![1],
        ),
        (
            "pretty-then-text.json",
            format!("{pretty}\nnot json\n"),
            (1..=pretty.lines().count() + 1).collect(),
        ),
    ] {
        let file = temp_file(name, text_of_file.as_bytes());
        for block in ["7", "65536"] {
            let output = run(
                &["check", "--format", "json", "--block-bytes", block, &file],
                None,
            );
            assert_eq!(output.status.code(), Some(1), "{name}: {output:?}");
            let report = json_report(&output);
            let lines: Vec<usize> = report["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["line"].as_u64().unwrap() as usize)
                .collect();
            assert_eq!(lines, expected, "{name}");
            assert_eq!(
                report["lines"][0]["issues"][0]["code"], "invalid_json",
                "{name}"
            );
        }
    }
    // The human report of the first: the summary, the counts, each line's issue.
    let file = temp_file(
        "some-invalid.ndjson",
        format!("{{\"id\":\"a\",\n{VALID}\nnot json\n{VALID}").as_bytes(),
    );
    let output = run(&["check", &file], None);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let human = text(&output.stdout);
    let lines: Vec<&str> = human.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{file}: 4 lines, 2 valid, 2 invalid (")),
        "{human}"
    );
    assert_eq!(lines[1], "  most common: (value) invalid_json x2");
    assert!(
        lines[2].starts_with("  line 1: (value): Invalid JSON: "),
        "{human}"
    );
    assert!(
        lines[3].starts_with("  line 3: (value): Invalid JSON: "),
        "{human}"
    );
    assert_eq!(lines.len(), 4, "{human}");
    assert!(output.stderr.is_empty());
}

#[test]
fn help_lists_the_exit_statuses() {
    let statuses = "Exit status:
  0  every value in every file is valid
  1  some value is invalid (the report says which)
  2  a file could not be read as an export: missing or unreadable, not gzip where it says so,
     truncated, or not NDJSON or a JSON array (binary data, text not in UTF-8, JSON objects
     spread over several lines); or the arguments are wrong
";
    for args in [
        &["--help"][..],
        &["-h"],
        &["check", "--help"],
        &["check", "-h"],
    ] {
        let output = run(args, None);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let help = text(&output.stdout);
        assert!(help.ends_with(statuses), "{args:?}: {help}");
    }
    // The long help of `check` says when a file is refused, and in which unit sizes are.
    let help = text(&run(&["check", "--help"], None).stdout);
    assert!(
        help.contains("its first 65536 bytes (after gzip) hold a NUL byte"),
        "{help}"
    );
    assert!(
        help.contains("Sizes are in MB (10^6 bytes), or in bytes under 1 MB."),
        "{help}"
    );
}

#[test]
fn counts_are_singular_for_one_and_plural_otherwise() {
    let summary = |bytes: &[u8]| {
        let output = run(&["check", "-"], Some(bytes));
        text(&output.stdout)
    };
    assert!(
        summary(format!("{VALID}\n").as_bytes()).starts_with(&format!(
            "-: 1 line, 1 valid, 0 invalid ({} bytes in ",
            VALID.len() + 1
        ))
    );
    assert!(
        summary(format!("{VALID}\n{VALID}").as_bytes()).starts_with(&format!(
            "-: 2 lines, 2 valid, 0 invalid ({} bytes in ",
            2 * VALID.len() + 1
        ))
    );
    assert!(summary(b"\n").starts_with("-: 0 lines, 0 valid, 0 invalid (1 byte in "));
    assert!(summary(format!("[{VALID}]").as_bytes()).starts_with("-: 1 item, 1 valid, 0 invalid"));
    assert!(
        summary(format!("[{VALID},{VALID}]").as_bytes())
            .starts_with("-: 2 items, 2 valid, 0 invalid")
    );
    // Beyond the 20 listed: 1 more line, 2 more lines, 1 more item.
    let more = |invalid: usize, array: bool| {
        let values = vec!["{\"id\":\"\"}"; invalid];
        let input = if array {
            format!("[{}]", values.join(","))
        } else {
            values.join("\n")
        };
        summary(input.as_bytes())
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    let tail = "with issues; --format json lists all";
    assert_eq!(more(21, false), format!("  ... and 1 more line {tail}"));
    assert_eq!(more(22, false), format!("  ... and 2 more lines {tail}"));
    assert_eq!(more(21, true), format!("  ... and 1 more item {tail}"));
    assert_eq!(more(22, true), format!("  ... and 2 more items {tail}"));
    // 1 MB and more: MB (10^6 bytes) and MB/s.
    let output = text(&run(&["check", SAMPLE], None).stdout);
    let size = std::fs::metadata(SAMPLE).unwrap().len() as f64 / 1e6;
    assert!(size >= 1.0);
    assert!(
        output.starts_with(&format!("{SAMPLE}: 5001 lines, ")),
        "{output}"
    );
    assert!(
        output.contains(&format!(" invalid ({size:.1} MB in ")),
        "{output}"
    );
    assert!(
        output.lines().next().unwrap().ends_with(" MB/s)"),
        "{output}"
    );
}
