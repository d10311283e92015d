//! `make demo`, the Rust half: validates the same sample entries with the crate's native API.
//! Usage: cargo run --example validate -- examples/samples.json

use std::process::ExitCode;

use serde_json::Value;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/samples.json".to_owned());
    let samples: Vec<Value> = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(samples) => samples,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("auditlog (Rust): {} sample entries\n", samples.len());
    let mut valid = 0;
    for sample in &samples {
        let name = sample["name"].as_str().unwrap_or("?");
        match auditlog::parse_entry(&sample["entry"]) {
            Ok(entry) => {
                valid += 1;
                println!(
                    "  valid    {name}  ({} by {})",
                    entry.action.as_str(),
                    entry.actor_id
                );
            }
            Err(error) => {
                println!("  INVALID  {name}");
                for issue in &error.issues {
                    let path = match issue.path.as_slice() {
                        [] => "(entry)".to_owned(),
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
    println!("\n{valid} valid, {} invalid", samples.len() - valid);
    ExitCode::SUCCESS
}
