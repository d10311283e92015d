//! `auditlog log range` and `auditlog log merge` as a scheduler runs them: any split of an export
//! into slices, hashed by separate processes and merged in any order, gives the root of the whole
//! export's log (property test, seeded: LOG_RANGE_SEED=<seed> replays a failure).

use auditlog::AuditLogEntry;
use auditlog::log::{MerkleLog, leaves_of_ndjson};
use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;
use cli::{SAMPLE, gzip, run, temp_file};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// SplitMix64.
struct Random(u64);
impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn range(file: &str, start: u64, count: u64) -> String {
    let output = run(
        &[
            "log",
            "range",
            file,
            "--start",
            &start.to_string(),
            "--count",
            &count.to_string(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn merge(ranges: &str) -> Value {
    let output = run(&["log", "merge"], Some(ranges.as_bytes()));
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn any_split_into_ranges_merges_into_the_whole_exports_root() {
    let seed = std::env::var("LOG_RANGE_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(30);
    println!("range split test: LOG_RANGE_SEED={seed}");
    // 1,200 lines of the demo's sample: valid entries, invalid ones and lines that are not JSON.
    let sample = std::fs::read_to_string(SAMPLE).expect("the sample");
    let text: String = sample
        .lines()
        .take(1200)
        .map(|l| format!("{l}\r\n"))
        .collect();
    let leaves = leaves_of_ndjson::<AuditLogEntry>(text.as_bytes()).leaves;
    let records = leaves.len() as u64;
    assert!(records > 1000 && records < 1200, "{records} records");
    let expected = hex(&MerkleLog::from_leaves(leaves).root());
    let file = temp_file("export.ndjson.gz", &gzip(text.as_bytes()));

    let mut random = Random(seed);
    for round in 0..12 {
        let mut cuts: Vec<u64> = (0..random.below(6))
            .map(|_| random.below(records + 1))
            .collect();
        cuts.extend([0, records]);
        cuts.sort();
        let mut ranges: Vec<String> = cuts
            .windows(2)
            .map(|pair| range(&file, pair[0], pair[1] - pair[0]))
            .collect();
        // Merged in any order.
        for i in (1..ranges.len()).rev() {
            ranges.swap(i, random.below(i as u64 + 1) as usize);
        }
        let merged = merge(&ranges.concat());
        assert_eq!(
            merged,
            serde_json::json!({ "size": records, "root": expected }),
            "round {round} (seed {seed}), cuts {cuts:?}"
        );
    }
}

#[test]
fn the_empty_log_and_slices_that_do_not_fit() {
    let empty = temp_file("empty.ndjson", b"\n\nnot json\n");
    let whole = run(&["log", "range", &empty], None);
    assert_eq!(
        String::from_utf8_lossy(&whole.stdout).trim(),
        r#"{"start":0,"end":0,"hashes":[]}"#
    );
    assert_eq!(
        merge(&String::from_utf8_lossy(&whole.stdout))["root"],
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    let past = run(&["log", "range", &empty, "--start", "1"], None);
    assert_eq!(past.status.code(), Some(2), "{past:?}");
    assert!(String::from_utf8_lossy(&past.stderr).contains("past its 0 records"));

    let sample = temp_file(
        "some.ndjson",
        &std::fs::read(SAMPLE).expect("the sample")[..20_000],
    );
    let (first, last) = (range(&sample, 0, 3), range(&sample, 4, 2));
    let gap = run(&["log", "merge"], Some(format!("{first}{last}").as_bytes()));
    assert_eq!(gap.status.code(), Some(2), "{gap:?}");
    assert!(String::from_utf8_lossy(&gap.stderr).contains("ends at 3 and the next starts at 4"));
    let forged = run(
        &["log", "merge"],
        Some(br#"{"start":0,"end":3,"hashes":["00"]}"#),
    );
    assert_eq!(forged.status.code(), Some(2), "{forged:?}");
    assert!(String::from_utf8_lossy(&forged.stderr).contains("line 1: not a range"));
}

#[test]
fn exports_one_after_another_are_one_log_with_at() {
    let sample = std::fs::read_to_string(SAMPLE).expect("the sample");
    let lines: Vec<&str> = sample.lines().collect();
    let (first, second) = (lines[..300].join("\n"), lines[300..700].join("\n"));
    let mut leaves = leaves_of_ndjson::<AuditLogEntry>(first.as_bytes()).leaves;
    let in_first = leaves.len() as u64;
    leaves.extend(leaves_of_ndjson::<AuditLogEntry>(second.as_bytes()).leaves);
    let expected = serde_json::json!({
        "size": leaves.len(),
        "root": hex(&MerkleLog::from_leaves(leaves).root()),
    });
    let (a, b) = (
        temp_file("first.ndjson", first.as_bytes()),
        temp_file("second.ndjson", second.as_bytes()),
    );
    let at = in_first.to_string();
    let second_range = run(&["log", "range", &b, "--at", &at], None);
    assert_eq!(second_range.status.code(), Some(0), "{second_range:?}");
    let ranges = format!(
        "{}{}",
        String::from_utf8_lossy(&second_range.stdout),
        range(&a, 0, in_first)
    );
    assert_eq!(merge(&ranges), expected);
}
