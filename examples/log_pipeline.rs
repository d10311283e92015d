//! Hashes an NDJSON export of platform records (or entries) into the tamper-evident log: every line
//! validated, canonicalized (RFC 8785) and leaf-hashed, then the Merkle root (RFC 9162). Prints the
//! size, the root and the lines that are not valid records, and how long it took.
//!
//! ```text
//! cargo run --release --example log_pipeline --features log -- export.ndjson [platform|entry] [jobs]
//! ```
//!
//! `jobs` is how many threads share the work (default: one per core).

use std::time::Instant;

use auditlog::log::{NdjsonLeaves, leaves_of_ndjson_parallel, root};
use auditlog::{AuditLogEntry, PlatformRecord};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: log_pipeline <file.ndjson> [platform|entry]")?;
    let kind = args.next().unwrap_or_else(|| "platform".into());
    let jobs = match args.next() {
        Some(jobs) => jobs.parse()?,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let bytes = std::fs::read(&path)?;
    let started = Instant::now();
    let NdjsonLeaves {
        leaves,
        invalid_lines,
    } = match kind.as_str() {
        "platform" => leaves_of_ndjson_parallel::<PlatformRecord>(&bytes, jobs),
        "entry" => leaves_of_ndjson_parallel::<AuditLogEntry>(&bytes, jobs),
        _ => return Err("the kind is platform or entry".into()),
    };
    let root = root(&leaves);
    let seconds = started.elapsed().as_secs_f64();
    let hex: String = root.iter().map(|b| format!("{b:02x}")).collect();
    println!("jobs {jobs}");
    println!("size {}", leaves.len());
    println!("root {hex}");
    println!(
        "invalid lines {} {:?}",
        invalid_lines.len(),
        &invalid_lines[..invalid_lines.len().min(10)]
    );
    println!(
        "seconds {seconds:.3} ({:.0} MB/s, {:.2} µs per line)",
        bytes.len() as f64 / seconds / 1e6,
        seconds * 1e6 / (leaves.len() + invalid_lines.len()).max(1) as f64
    );
    Ok(())
}
