//! `make demo`, the Rust half: validates the same samples with the crate's native API.
//! Usage: cargo run --example validate -- [examples/samples.json] [examples/records.json]

use std::process::ExitCode;

use auditlog::ValidationError;
use serde_json::Value;

fn read(path: &str) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path} is not a JSON list: {e}"))
}

/// Prints each sample's verdict; `check` validates the sample's value and names what it found.
fn report(
    title: &str,
    samples: &[Value],
    key: &str,
    check: impl Fn(&Value) -> Result<String, ValidationError>,
) {
    println!("{title}: {} samples\n", samples.len());
    let mut valid = 0;
    for sample in samples {
        let name = sample["name"].as_str().unwrap_or("?");
        match check(&sample[key]) {
            Ok(summary) => {
                valid += 1;
                println!("  valid    {name}  ({summary})");
            }
            Err(error) => {
                println!("  INVALID  {name}");
                for issue in &error.issues {
                    let path = match issue.path.as_slice() {
                        [] => "(root)".to_owned(),
                        items => items
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("."),
                    };
                    println!(
                        "             {path}: {}  [{}]",
                        issue.message,
                        issue.code.name()
                    );
                }
            }
        }
    }
    println!("\n  {valid} valid, {} invalid\n", samples.len() - valid);
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let entries = read(args.first().map_or("examples/samples.json", String::as_str));
    let records = read(args.get(1).map_or("examples/records.json", String::as_str));
    let (entries, records) = match (entries, records) {
        (Ok(entries), Ok(records)) => (entries, records),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    println!("auditlog (Rust)\n");
    report(
        "Audit-log entries (AuditLogEntry)",
        &entries,
        "entry",
        |value| {
            auditlog::parse_entry(value)
                .map(|entry| format!("{} by {}", entry.action.as_str(), entry.actor_id))
        },
    );
    report(
        "Platform records (PlatformRecord)",
        &records,
        "record",
        |value| {
            auditlog::parse_platform_record(value)
                .map(|record| format!("{} in {}", record.event.as_str(), record.workspace_id))
        },
    );
    ExitCode::SUCCESS
}
