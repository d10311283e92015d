//! `auditlog check FILE...`: checks exports of audit-log entries or platform records, NDJSON (one
//! value a line) or a JSON array, plain or gzip, with the same rules and issues as the npm package.
//!
//! ```text
//! cargo install --path . --features cli
//! auditlog check export.ndjson.gz --schema platform --jobs 2
//! zcat export.gz | auditlog check - --format json
//! ```
//!
//! Exit status: 0 every value valid, 1 some invalid, 2 a file could not be read (missing, not
//! gzip where it says so, truncated).

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use auditlog::rules::{Root, entry, platform};
use auditlog::{BatchReport, Issue, check_ndjson_lines, entry_issues, platform_record_issues};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value as Json;

#[derive(Parser)]
#[command(
    name = "auditlog",
    version,
    about = "Checks audit logs with the rules of auditlog-wasm"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Checks NDJSON or JSON-array files of audit-log entries or platform records.
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The files; `-` reads standard input. Gzip input (`.gz`, or gzip bytes) is decompressed.
    #[arg(required = true)]
    files: Vec<String>,
    /// What each value must be: an open-types entry (`auditLogEntrySchema`) or a platform record
    /// (`platformRecordSchema`).
    #[arg(long, value_enum, default_value_t = SchemaName::Entry)]
    schema: SchemaName,
    /// `human` (a summary and the first invalid lines) or `json` (per file, one line of JSON: the
    /// npm package's report, with the file's name).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Threads to check with (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
    /// How many bytes are read and checked at a time (tests make it small to cut lines at block ends).
    #[arg(long, hide = true, default_value_t = 16 << 20)]
    block_bytes: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaName {
    Entry,
    Platform,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Format {
    Human,
    Json,
}

/// How many invalid lines the human report lists per file.
const LISTED: usize = 20;

fn main() -> ExitCode {
    let Command::Check(args) = Cli::parse().command;
    let schema = match args.schema {
        SchemaName::Entry => Schema {
            root: Root::Object(&entry::ENTRY),
            issues_of: entry_issues,
        },
        SchemaName::Platform => Schema {
            root: Root::Object(&platform::RECORD),
            issues_of: platform_record_issues,
        },
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let mut status = 0;
    for file in &args.files {
        let started = Instant::now();
        match check_file(file, schema, jobs, args.format, args.block_bytes.max(1)) {
            Ok((report, bytes)) => {
                if report.invalid_count() > 0 {
                    status = status.max(1);
                }
                print_report(
                    file,
                    &report,
                    args.format,
                    bytes,
                    started.elapsed().as_secs_f64(),
                );
            }
            Err(error) => {
                eprintln!("auditlog: {file}: {error}");
                status = 2;
            }
        }
    }
    ExitCode::from(status)
}

/// A schema, for NDJSON lines (scanned in place) and for the items of a JSON array.
#[derive(Clone, Copy)]
struct Schema {
    root: Root,
    issues_of: fn(&Json) -> Vec<Issue>,
}

/// What a file held: NDJSON lines, or the items of a JSON array.
enum Report {
    Lines(BatchReport),
    Items {
        total: usize,
        invalid: Vec<(usize, Vec<Issue>)>,
    },
}

impl Report {
    fn invalid_count(&self) -> usize {
        match self {
            Report::Lines(report) => report.invalid.len(),
            Report::Items { invalid, .. } => invalid.len(),
        }
    }

    fn total(&self) -> usize {
        match self {
            Report::Lines(report) => report.total,
            Report::Items { total, .. } => *total,
        }
    }

    /// The npm package's report: `validateNdjson`'s for lines, `validateMany`'s for an array.
    fn to_json(&self, file: &str) -> Json {
        let report = match self {
            Report::Lines(report) => serde_json::to_value(report).unwrap_or_default(),
            Report::Items { total, invalid } => {
                let lines: Vec<Json> = invalid
                    .iter()
                    .map(|(index, issues)| serde_json::json!({ "index": index, "issues": issues }))
                    .collect();
                serde_json::json!({
                    "total": total,
                    "valid": total - invalid.len(),
                    "invalid": invalid.len(),
                    "lines": lines,
                })
            }
        };
        let mut json = serde_json::Map::from_iter([("file".to_string(), Json::from(file))]);
        if let Json::Object(fields) = report {
            json.extend(fields);
        }
        Json::Object(json)
    }
}

fn open(file: &str) -> io::Result<(Box<dyn Read>, Option<u64>)> {
    let (raw, size): (Box<dyn Read>, Option<u64>) = if file == "-" {
        (Box::new(io::stdin().lock()), None)
    } else {
        let handle = std::fs::File::open(file)?;
        let size = handle.metadata().ok().map(|m| m.len());
        (Box::new(handle), size)
    };
    let mut reader = BufReader::with_capacity(1 << 20, raw);
    let gzip = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    if gzip || file.ends_with(".gz") {
        // The progress bar then counts decompressed bytes, whose total is not known.
        Ok((Box::new(flate2::read::MultiGzDecoder::new(reader)), None))
    } else {
        Ok((Box::new(reader), size))
    }
}

fn progress_bar(size: Option<u64>, format: Format) -> ProgressBar {
    // Drawn on a terminal only: nothing when standard error is piped or a file.
    let target = if io::stderr().is_terminal() && format == Format::Human {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(size, target);
    let template = if size.is_some() {
        "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {eta}"
    } else {
        "{spinner} {binary_bytes} {binary_bytes_per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Reads and checks one file; the number of (decompressed) bytes read. NDJSON is read and checked
/// a block of whole lines at a time: memory stays near one block (and the longest line), whatever
/// the file's size.
fn check_file(
    file: &str,
    schema: Schema,
    jobs: usize,
    format: Format,
    block: usize,
) -> io::Result<(Report, u64)> {
    let (mut input, size) = open(file)?;
    let bar = progress_bar(size, format);
    let mut report = BatchReport::default();
    let mut pending: Vec<u8> = Vec::with_capacity(block.saturating_mul(2));
    let (mut bytes, mut lines_before, mut first) = (0u64, 0usize, true);
    loop {
        let start = pending.len();
        // Appended without zeroing the buffer first (read_to_end does that), as a pipe gives it.
        (&mut input).take(block as u64).read_to_end(&mut pending)?;
        let read = pending.len() - start;
        bytes += read as u64;
        bar.set_position(bytes);
        if first {
            first = false;
            // Byte-order marks at the start are not part of the first line.
            let marks = pending.len() - auditlog::ndjson::without_byte_order_marks(&pending).len();
            pending.drain(..marks);
            if looks_like_array(&pending) {
                // A file that starts with `[` is read whole to try it as one JSON array; if it is
                // not one, its lines are NDJSON (whose lines may be arrays).
                bytes += input.read_to_end(&mut pending)? as u64;
                bar.finish_and_clear();
                let report = check_array(schema, &pending).unwrap_or_else(|| {
                    Report::Lines(check_block(schema.root, &pending, 0, jobs).0)
                });
                return Ok((report, bytes));
            }
        }
        if read == 0 {
            // The last line, without its `\n`.
            report.append(check_block(schema.root, &pending, lines_before, jobs).0);
            break;
        }
        // Only the bytes just read can hold the block's last `\n` (the rest had none).
        let Some(last) = pending[start..].iter().rposition(|&b| b == b'\n') else {
            continue;
        };
        let last = start + last;
        let (block_report, newlines) =
            check_block(schema.root, &pending[..=last], lines_before, jobs);
        report.append(block_report);
        lines_before += newlines;
        pending.drain(..=last);
    }
    bar.finish_and_clear();
    Ok((Report::Lines(report), bytes))
}

fn looks_like_array(bytes: &[u8]) -> bool {
    bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// The items of a JSON array, each checked (`validateMany`'s report); `None` if the input is not
/// one JSON array (then it is read as NDJSON, whose lines may be arrays).
fn check_array(schema: Schema, bytes: &[u8]) -> Option<Report> {
    let items: Vec<Json> = serde_json::from_slice(bytes).ok()?;
    let invalid = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let issues = (schema.issues_of)(item);
            (!issues.is_empty()).then_some((index, issues))
        })
        .collect();
    Some(Report::Items {
        total: items.len(),
        invalid,
    })
}

/// Whole lines, checked on `jobs` threads; lines numbered after the `lines_before` already read.
/// Also how many `\n` the block holds.
fn check_block(root: Root, block: &[u8], lines_before: usize, jobs: usize) -> (BatchReport, usize) {
    let (reports, newlines) = auditlog::ndjson::on_threads(block, jobs, |part, first_line| {
        check_ndjson_lines(root, part, lines_before + first_line)
    });
    let mut all = BatchReport::default();
    reports.into_iter().for_each(|report| all.append(report));
    (all, newlines)
}

fn print_report(file: &str, report: &Report, format: Format, bytes: u64, seconds: f64) {
    let mut out = io::stdout().lock();
    let written = match format {
        Format::Json => writeln!(out, "{}", report.to_json(file)),
        Format::Human => print_human(&mut out, file, report, bytes, seconds),
    };
    // A closed pipe (`| head`) is not an error worth a message.
    drop(written);
}

fn print_human(
    out: &mut impl Write,
    file: &str,
    report: &Report,
    bytes: u64,
    seconds: f64,
) -> io::Result<()> {
    let what = match report {
        Report::Lines(_) => "lines",
        Report::Items { .. } => "items",
    };
    let (total, invalid) = (report.total(), report.invalid_count());
    writeln!(
        out,
        "{file}: {total} {what}, {} valid, {invalid} invalid ({:.1} MB in {seconds:.2} s, {:.0} MB/s)",
        total - invalid,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds.max(1e-9),
    )?;
    let json = report.to_json(file);
    let listed = json["lines"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let key = if what == "lines" { "line" } else { "index" };
    // Which fields fail most, and how: the issues counted by their first path step and code.
    let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for issue in listed
        .iter()
        .flat_map(|entry| entry["issues"].as_array().into_iter().flatten())
    {
        let field = issue["path"][0]
            .as_str()
            .map_or_else(|| "(value)".into(), str::to_string);
        let code = issue["code"].as_str().unwrap_or_default().to_string();
        *counts.entry((field, code)).or_default() += 1;
    }
    let mut common: Vec<_> = counts.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if !common.is_empty() {
        let top: Vec<String> = common
            .iter()
            .take(6)
            .map(|((field, code), n)| format!("{field} {code} x{n}"))
            .collect();
        writeln!(out, "  most common: {}", top.join(", "))?;
    }
    for entry in listed.iter().take(LISTED) {
        for issue in entry["issues"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let path: Vec<String> = issue["path"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|step| {
                    step.as_str()
                        .map_or_else(|| step.to_string(), str::to_string)
                })
                .collect();
            let path = if path.is_empty() {
                "(value)".to_string()
            } else {
                path.join(".")
            };
            writeln!(
                out,
                "  {key} {}: {path}: {} [{}]",
                entry[key],
                issue["message"].as_str().unwrap_or_default(),
                issue["code"].as_str().unwrap_or_default(),
            )?;
        }
    }
    if listed.len() > LISTED {
        writeln!(
            out,
            "  ... and {} more ({key}s with issues); --format json lists all",
            listed.len() - LISTED
        )?;
    }
    Ok(())
}
