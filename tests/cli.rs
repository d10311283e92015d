//! `auditlog check` as a user runs it: exit codes, NDJSON and JSON arrays, standard input, gzip
//! (a truncated file is unreadable: exit 2), the JSON report, and the same answer on any --jobs.
//! tests/js/cli.test.mjs holds its JSON report to the npm package's.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/www/public/samples/entries-5000.ndjson"
);
const VALID: &str = r#"{"id":"a","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}"#;

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_auditlog"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    input
        .write_all(stdin.unwrap_or_default())
        .expect("stdin takes the input");
    drop(input);
    child.wait_with_output().expect("the binary ends")
}

fn json_report(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("--format json prints JSON")
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("auditlog-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the file is written");
    path.to_string_lossy().into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
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
