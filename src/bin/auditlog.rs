//! `auditlog check FILE...`: checks exports of audit-log entries or platform records, NDJSON (one
//! value a line) or a JSON array, plain or gzip, with the same rules and issues as the npm package.
//!
//! ```text
//! cargo install --path . --features cli
//! auditlog check export.ndjson.gz --schema platform --jobs 2
//! zcat export.gz | auditlog check - --format json
//! ```
//!
//! Exit status: 0 every value valid, 1 some invalid, 2 a file could not be read as an export
//! (missing, not gzip where it says so, truncated, or not NDJSON or a JSON array: see
//! `auditlog::files` for the rule), or the arguments are wrong.
//!
//! Sizes are printed in MB, 10^6 bytes (the progress bar too), or in bytes under 1 MB.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use auditlog::LineProblem;
use auditlog::files::{
    DEFAULT_BLOCK, Report, Schema, check_reader, decompressed, most_common_issues,
};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// The exit statuses, at the end of `--help` (and of `check --help`).
macro_rules! exit_status {
    () => {
        "Exit status:
  0  every value in every file is valid
  1  some value is invalid (the report says which)
  2  a file could not be read as an export: missing or unreadable, not gzip where it says so,
     truncated, or not NDJSON or a JSON array (binary data, text not in UTF-8, JSON objects
     spread over several lines); or the arguments are wrong"
    };
}

/// What `check --help` says of the input, before the exit statuses.
macro_rules! input_rule {
    () => {
        "Input: NDJSON (one JSON value per line; blank lines are skipped) or one JSON array of values,
plain or gzip. A file is refused as not NDJSON or a JSON array (exit status 2: one line on
standard error and, as for a missing file, no report, in --format json too) when:
  - its first 65536 bytes (after gzip) hold a NUL byte, bytes that are not UTF-8, or more than
    1 control byte in 10, and none of their whole lines is a JSON object or array; or
  - it starts with `{`, its first line alone is not JSON, and the whole input is JSON objects and
    whitespace: one object spread over several lines, or several (as `jq .` prints them).
A file with some lines that are not JSON is NDJSON with invalid lines: they are reported.

Sizes are in MB (10^6 bytes), or in bytes under 1 MB.

"
    };
}

#[derive(Parser)]
#[command(
    name = "auditlog",
    version,
    about = "Checks audit logs with the rules of auditlog-wasm",
    after_help = exit_status!()
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Checks NDJSON or JSON-array files of audit-log entries or platform records.
    #[command(
        after_help = exit_status!(),
        after_long_help = concat!(input_rule!(), exit_status!())
    )]
    Check(CheckArgs),
    /// Hashes slices of an export's log apart and merges them into its root (feature `log`), so
    /// that any scheduler can fan the hashing out.
    #[cfg(feature = "log")]
    Log {
        #[command(subcommand)]
        command: log::LogCommand,
    },
    /// Runs the service: the rules behind HTTP, with API keys per workspace, SQLite and a signed
    /// Merkle log per workspace (feature `serve`).
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Makes, lists and revokes the service's API keys (feature `serve`).
    #[cfg(feature = "serve")]
    Keys {
        #[command(subcommand)]
        command: serve::KeysCommand,
    },
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
    #[arg(long, hide = true, default_value_t = DEFAULT_BLOCK)]
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
    // With `serve` and `log` there are four commands; without them, `check` alone.
    #[cfg_attr(
        not(any(feature = "serve", feature = "log")),
        allow(clippy::infallible_destructuring_match)
    )]
    let args = match Cli::parse().command {
        Command::Check(args) => args,
        #[cfg(feature = "log")]
        Command::Log { command } => return log::run(command),
        #[cfg(feature = "serve")]
        Command::Serve(args) => return serve::serve(args),
        #[cfg(feature = "serve")]
        Command::Keys { command } => return serve::keys(command),
    };
    let schema = match args.schema {
        SchemaName::Entry => Schema::Entry,
        SchemaName::Platform => Schema::Platform,
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let mut status = 0;
    for (index, file) in args.files.iter().enumerate() {
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
                // The last file's report is left to the process's exit: freeing the issues of
                // many invalid lines one by one costs a share of checking them.
                if index + 1 == args.files.len() {
                    std::mem::forget(report);
                }
            }
            Err(error) => {
                eprintln!("auditlog: {file}: {error}");
                status = 2;
            }
        }
    }
    ExitCode::from(status)
}

fn open(file: &str) -> io::Result<(Box<dyn Read>, Option<u64>)> {
    let (raw, size): (Box<dyn Read>, Option<u64>) = if file == "-" {
        (Box::new(io::stdin().lock()), None)
    } else {
        let handle = std::fs::File::open(file)?;
        let size = handle.metadata().ok().map(|m| m.len());
        (Box::new(handle), size)
    };
    let (reader, gzip) = decompressed(raw, file.ends_with(".gz"))?;
    // Gzip: the progress bar counts decompressed bytes, whose total is not known.
    Ok((reader, if gzip { None } else { size }))
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
        "{bar:40} {size}/{total_size} {rate} {eta}"
    } else {
        "{spinner} {size} {rate}"
    };
    // Sizes as the summary prints them: MB (10^6 bytes), or bytes under 1 MB.
    let style = ProgressStyle::with_template(template).map(|style| {
        style
            .with_key(
                "size",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{}", size_text(state.pos()));
                },
            )
            .with_key(
                "total_size",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{}", size_text(state.len().unwrap_or_default()));
                },
            )
            .with_key(
                "rate",
                |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                    let _ = write!(out, "{:.1} MB/s", state.per_sec() / 1e6);
                },
            )
    });
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// A size: MB (10^6 bytes) with one decimal, or the bytes under 1 MB.
fn size_text(bytes: u64) -> String {
    if bytes < 1_000_000 {
        counted(bytes, "byte", "bytes")
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// `1 line`, `2 lines`, `0 lines`.
fn counted(count: impl Into<u64>, one: &str, many: &str) -> String {
    let count = count.into();
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Reads and checks one file ([`auditlog::files::check_reader`]); the number of (decompressed)
/// bytes read.
fn check_file(
    file: &str,
    schema: Schema,
    jobs: usize,
    format: Format,
    block: usize,
) -> io::Result<(Report, u64)> {
    let (mut input, size) = open(file)?;
    let bar = progress_bar(size, format);
    let checked = check_reader(&mut *input, schema, jobs, block, &mut |bytes| {
        bar.set_position(bytes)
    });
    bar.finish_and_clear();
    checked
}

fn print_report(file: &str, report: &Report, format: Format, bytes: u64, seconds: f64) {
    let mut out = io::stdout().lock();
    let written = match format {
        Format::Json => writeln!(out, "{}", report.to_json(Some(file))),
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
    let (one, many) = match report {
        Report::Lines(_) => ("line", "lines"),
        Report::Items { .. } => ("item", "items"),
    };
    let (total, invalid) = (report.total(), report.invalid_count());
    // The speed of a file under 1 MB says more of starting up than of checking.
    let speed = if bytes < 1_000_000 {
        String::new()
    } else {
        format!(", {:.1} MB/s", bytes as f64 / 1e6 / seconds.max(1e-9))
    };
    writeln!(
        out,
        "{file}: {}, {} valid, {invalid} invalid ({} in {seconds:.2} s{speed})",
        counted(total as u64, one, many),
        total - invalid,
        size_text(bytes),
    )?;
    // Which fields fail most, and how: the issues counted by their first path step and code, read
    // from the report itself (only the lines listed below are turned into JSON).
    // Borrowed from the report: a file of many invalid lines holds many issues.
    let mut issues: Vec<&auditlog::Issue> = Vec::new();
    let mut not_json: Vec<auditlog::Issue> = Vec::new();
    let (shown, all) = match report {
        Report::Lines(lines) => {
            for (_, problem) in &lines.invalid {
                match problem {
                    LineProblem::Invalid(found) => issues.extend(found),
                    LineProblem::NotJson(_) => not_json.extend(problem.issues()),
                }
            }
            let shown = auditlog::BatchReport {
                total: lines.total,
                valid: lines.valid,
                invalid: lines.invalid.iter().take(LISTED).cloned().collect(),
            };
            (Report::Lines(shown), lines.invalid.len())
        }
        Report::Items { total, invalid } => {
            invalid.iter().for_each(|(_, found)| issues.extend(found));
            let shown = invalid.iter().take(LISTED).cloned().collect();
            (
                Report::Items {
                    total: *total,
                    invalid: shown,
                },
                invalid.len(),
            )
        }
    };
    let json = shown.to_json(Some(file));
    let listed = json["lines"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let key = if one == "line" { "line" } else { "index" };
    let common = most_common_issues(issues.into_iter().chain(&not_json));
    if !common.is_empty() {
        let top: Vec<String> = common
            .iter()
            .take(6)
            .map(|(field, code, n)| format!("{field} {code} x{n}"))
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
    if all > LISTED {
        let more = (all - LISTED) as u64;
        writeln!(
            out,
            "  ... and {} with issues; --format json lists all",
            counted(more, &format!("more {one}"), &format!("more {many}"))
        )?;
    }
    Ok(())
}

/// `auditlog log range` and `auditlog log merge`: compact ranges (`auditlog::log::range`) as JSON,
/// one a line, hashes in lowercase hex.
#[cfg(feature = "log")]
mod log {
    use std::io::{self, BufRead, Read};
    use std::process::ExitCode;

    use auditlog::files::decompressed;
    use auditlog::log::{CompactRange, Hash, NdjsonLeaves, leaves_of_ndjson, root_of_ranges};
    use auditlog::{AuditLogEntry, PlatformRecord};
    use clap::Subcommand;

    use super::SchemaName;

    #[derive(Subcommand)]
    pub enum LogCommand {
        /// Prints the compact range of records `start..start + count` of an NDJSON export (plain
        /// or gzip): `{"start":N,"end":M,"hashes":[...]}`, the roots of the fewest complete
        /// subtrees that cover them. The records are the export's valid values in line order
        /// (blank and invalid lines are not records), leaf-hashed as the log hashes them (RFC 8785
        /// text of the validated value); record 0 is the export's first.
        Range {
            /// The export; `-` reads standard input.
            file: String,
            /// The first record of the slice.
            #[arg(long, default_value_t = 0)]
            start: u64,
            /// How many records (default: to the end).
            #[arg(long)]
            count: Option<u64>,
            /// The index in the whole log of the export's record 0, when the log is several
            /// exports one after another (the sum of the records of those before it).
            #[arg(long, default_value_t = 0)]
            at: u64,
            /// What each value must be to be a record.
            #[arg(long, value_enum, default_value_t = SchemaName::Entry)]
            schema: SchemaName,
        },
        /// Reads ranges (as `log range` prints them, one a line, in any order) from the files or
        /// standard input, and prints the size and root of the log they cover:
        /// `{"size":N,"root":"..."}`. They must cover records 0..N without gap or overlap.
        Merge {
            /// Files of ranges (default: standard input).
            files: Vec<String>,
        },
    }

    pub fn run(command: LogCommand) -> ExitCode {
        let printed = match command {
            LogCommand::Range {
                file,
                start,
                count,
                at,
                schema,
            } => range(&file, start, count, at, schema),
            LogCommand::Merge { files } => merge(&files),
        };
        match printed {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(failure) => {
                eprintln!("auditlog: {failure}");
                ExitCode::from(2)
            }
        }
    }

    fn hex(hash: &Hash) -> String {
        hash.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    fn unhex(text: &str) -> Option<Hash> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let mut hash = [0u8; 32];
        for (byte, pair) in hash.iter_mut().zip(bytes.chunks(2)) {
            *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
        }
        Some(hash)
    }

    fn range(
        file: &str,
        start: u64,
        count: Option<u64>,
        at: u64,
        schema: SchemaName,
    ) -> Result<String, String> {
        let raw: Box<dyn Read> = if file == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?)
        };
        let mut bytes = Vec::new();
        decompressed(raw, file.ends_with(".gz"))
            .and_then(|(mut input, _)| input.read_to_end(&mut bytes))
            .map_err(|e| format!("{file}: {e}"))?;
        let NdjsonLeaves { leaves, .. } = match schema {
            SchemaName::Entry => leaves_of_ndjson::<AuditLogEntry>(&bytes),
            SchemaName::Platform => leaves_of_ndjson::<PlatformRecord>(&bytes),
        };
        let total = leaves.len() as u64;
        let end = match count {
            Some(count) => start.checked_add(count),
            None => Some(total.max(start)),
        };
        let slice = end
            .filter(|&end| start <= total && end <= total)
            .map(|end| &leaves[start as usize..end as usize])
            .ok_or_else(|| {
                format!("{file}: the slice is past its {total} records (--start {start})")
            })?;
        let first = at
            .checked_add(start)
            .ok_or_else(|| format!("{file}: --at {at} is past any log"))?;
        let range = CompactRange::of_leaves(first, slice).map_err(|e| e.to_string())?;
        let hashes: Vec<String> = range.hashes().iter().map(hex).collect();
        Ok(
            serde_json::json!({ "start": range.start(), "end": range.end(), "hashes": hashes })
                .to_string(),
        )
    }

    fn parse_range(line: &str) -> Option<CompactRange> {
        let json: serde_json::Value = serde_json::from_str(line).ok()?;
        let hashes = json["hashes"]
            .as_array()?
            .iter()
            .map(|hash| hash.as_str().and_then(unhex))
            .collect::<Option<Vec<Hash>>>()?;
        CompactRange::from_parts(json["start"].as_u64()?, json["end"].as_u64()?, hashes).ok()
    }

    fn merge(files: &[String]) -> Result<String, String> {
        let mut ranges = Vec::new();
        let mut read = |name: &str, input: &mut dyn BufRead| -> Result<(), String> {
            for (number, line) in input.lines().enumerate() {
                let line = line.map_err(|e| format!("{name}: {e}"))?;
                if line.trim().is_empty() {
                    continue;
                }
                ranges.push(parse_range(&line).ok_or_else(|| {
                    format!(
                        "{name}: line {}: not a range as `auditlog log range` prints it",
                        number + 1
                    )
                })?);
            }
            Ok(())
        };
        if files.is_empty() {
            read("-", &mut io::stdin().lock())?;
        }
        for file in files {
            let handle = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
            read(file, &mut io::BufReader::new(handle))?;
        }
        let (size, root) = root_of_ranges(ranges).map_err(|e| e.to_string())?;
        Ok(serde_json::json!({ "size": size, "root": hex(&root) }).to_string())
    }
}

/// `auditlog serve` and `auditlog keys`.
#[cfg(feature = "serve")]
mod serve {
    use std::io::IsTerminal;
    use std::net::SocketAddr;
    use std::num::NonZeroU32;
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::time::Duration;

    use auditlog::server::auth::RateLimit;
    use auditlog::server::keys::{self, Scope};
    use auditlog::server::store::open_database;
    use auditlog::server::{Config, Limits, Sync, default_signing_key, run};
    use clap::{Args, Subcommand, ValueEnum};

    #[derive(Args)]
    pub struct ServeArgs {
        /// The SQLite file, created on first start.
        #[arg(long, env = "AUDITLOG_DB", default_value = "auditlog.db")]
        db: PathBuf,
        /// Where to listen (port 0: any free port; the log says which).
        #[arg(long, env = "AUDITLOG_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// The checkpoint signing key's file (default: the database's path and `.key`); created,
        /// readable by its owner only, when missing.
        #[arg(long, env = "AUDITLOG_SIGNING_KEY")]
        signing_key: Option<PathBuf>,
        /// The signing key's name when it is created; workspace W's checkpoints have the origin
        /// `<origin>/W`.
        #[arg(long, env = "AUDITLOG_ORIGIN", default_value = "auditlog.example/log")]
        origin: String,
        /// The largest request body, in bytes (larger: 413).
        #[arg(long, env = "AUDITLOG_BODY_LIMIT", default_value_t = 65536)]
        body_limit: usize,
        /// Requests handled at once (the others wait).
        #[arg(long, env = "AUDITLOG_CONCURRENCY", default_value_t = 64)]
        concurrency: usize,
        /// Seconds a request's headers, and then its body, may take to arrive (slower: the
        /// connection is closed; a late body is answered 408).
        #[arg(long, env = "AUDITLOG_READ_TIMEOUT", default_value_t = 10.0)]
        read_timeout: f64,
        /// Requests per second each API key may make, on average (more: 429 with Retry-After).
        #[arg(long, env = "AUDITLOG_RATE", default_value_t = NonZeroU32::new(50).unwrap_or(NonZeroU32::MIN))]
        rate: NonZeroU32,
        /// Requests each API key may make at once, after a quiet moment.
        #[arg(long, env = "AUDITLOG_BURST", default_value_t = NonZeroU32::new(100).unwrap_or(NonZeroU32::MIN))]
        burst: NonZeroU32,
        /// `full`: each commit is on disk before the answer (survives a power cut); `normal`:
        /// survives the process being killed, not a power cut, and writes faster.
        #[arg(long, env = "AUDITLOG_SYNC", value_enum, default_value_t = SyncArg::Full)]
        sync: SyncArg,
        /// Tells, in each 201's Server-Timing header, how long validation, the leaf and the SQLite
        /// transaction took (for `make bench`).
        #[arg(long, env = "AUDITLOG_SERVER_TIMING")]
        server_timing: bool,
    }

    #[derive(Clone, Copy, ValueEnum)]
    pub enum SyncArg {
        Full,
        Normal,
    }

    #[derive(Subcommand)]
    pub enum KeysCommand {
        /// Makes a key and prints it, once: the database keeps only its SHA-256 and its first 12
        /// characters (its id).
        Create {
            /// The SQLite file (created if missing).
            #[arg(long, env = "AUDITLOG_DB", default_value = "auditlog.db")]
            db: PathBuf,
            /// The workspace the key stores into and reads: 1 to 64 of A-Z a-z 0-9 . _ : -
            #[arg(long)]
            workspace: String,
            /// `read`: reads the workspace; `write`: stores values in it, and reads it.
            #[arg(long, value_enum)]
            scope: ScopeArg,
        },
        /// Revokes a key, by its id (its first 12 characters, as `keys list` shows) or whole;
        /// the service refuses it from its next request on.
        Revoke {
            /// The SQLite file.
            #[arg(long, env = "AUDITLOG_DB", default_value = "auditlog.db")]
            db: PathBuf,
            /// The key's id, or the key.
            id: String,
        },
        /// Lists the keys (ids, workspaces, scopes, dates; never the keys), one JSON object a line.
        List {
            /// The SQLite file.
            #[arg(long, env = "AUDITLOG_DB", default_value = "auditlog.db")]
            db: PathBuf,
        },
    }

    #[derive(Clone, Copy, ValueEnum)]
    pub enum ScopeArg {
        Read,
        Write,
    }

    pub fn serve(args: ServeArgs) -> ExitCode {
        tracing_subscriber::fmt()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_default_env()
                    .unwrap_or_else(|_| "info".into()),
            )
            .with_ansi(std::io::stdout().is_terminal())
            .init();
        let Some(read_timeout) = Duration::try_from_secs_f64(args.read_timeout)
            .ok()
            .filter(|t| !t.is_zero())
        else {
            eprintln!("auditlog: --read-timeout must be a positive number of seconds");
            return ExitCode::from(2);
        };
        let config = Config {
            signing_key: args
                .signing_key
                .unwrap_or_else(|| default_signing_key(&args.db)),
            db: args.db,
            addr: args.addr,
            origin: args.origin,
            sync: match args.sync {
                SyncArg::Full => Sync::Full,
                SyncArg::Normal => Sync::Normal,
            },
            limits: Limits {
                body_bytes: args.body_limit,
                concurrent_requests: args.concurrency.max(1),
                read_timeout,
                rate: RateLimit {
                    per_second: args.rate,
                    burst: args.burst,
                },
                server_timing: args.server_timing,
            },
        };
        let runtime = match tokio::runtime::Runtime::new() {
            Ok(runtime) => runtime,
            Err(failure) => {
                eprintln!("auditlog: cannot start the runtime: {failure}");
                return ExitCode::FAILURE;
            }
        };
        match runtime.block_on(run(config)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => {
                tracing::error!("{failure}");
                ExitCode::FAILURE
            }
        }
    }

    pub fn keys(command: KeysCommand) -> ExitCode {
        let outcome = match command {
            KeysCommand::Create {
                db,
                workspace,
                scope,
            } => open_database(&db, Sync::Full).and_then(|connection| {
                let scope = match scope {
                    ScopeArg::Read => Scope::Read,
                    ScopeArg::Write => Scope::Write,
                };
                let key = keys::create(&connection, &workspace, scope)?;
                // The key alone on standard output (for `KEY=$(auditlog keys create ...)`).
                println!("{key}");
                eprintln!(
                    "auditlog: a {} key {} for the workspace {workspace}: it is shown only now",
                    match scope {
                        Scope::Read => "read",
                        Scope::Write => "write",
                    },
                    &key[..12]
                );
                Ok(true)
            }),
            KeysCommand::Revoke { db, id } => open_database(&db, Sync::Full).and_then(|c| {
                let revoked = keys::revoke(&c, &id)?;
                if revoked {
                    eprintln!("auditlog: revoked {}", id.get(..12).unwrap_or(&id));
                } else {
                    eprintln!("auditlog: no key {} to revoke", id.get(..12).unwrap_or(&id));
                }
                Ok(revoked)
            }),
            KeysCommand::List { db } => open_database(&db, Sync::Full).and_then(|c| {
                for key in keys::list(&c)? {
                    println!("{}", serde_json::to_string(&key).unwrap_or_default());
                }
                Ok(true)
            }),
        };
        match outcome {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(failure) => {
                eprintln!("auditlog: {failure}");
                ExitCode::from(2)
            }
        }
    }
}
