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
//! [`not_text`] and [`first_line_opens_an_object`] for the rule), or the arguments are wrong.
//!
//! Sizes are printed in MB, 10^6 bytes (the progress bar too), or in bytes under 1 MB.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

use auditlog::rules::{Root, entry, platform};
use auditlog::{BatchReport, Issue, check_ndjson_lines, entry_issues, platform_record_issues};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value as Json;

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
    // With `serve` there are three commands; without it, `check` alone.
    #[cfg_attr(not(feature = "serve"), allow(clippy::infallible_destructuring_match))]
    let args = match Cli::parse().command {
        Command::Check(args) => args,
        #[cfg(feature = "serve")]
        Command::Serve(args) => return serve::serve(args),
        #[cfg(feature = "serve")]
        Command::Keys { command } => return serve::keys(command),
    };
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

/// How many bytes, at the start of the input (after gzip and byte-order marks), say whether it is
/// text at all (see [`not_text`]). The first read is at least this long.
const SNIFFED: usize = 1 << 16;

/// Why an input is not NDJSON or a JSON array (exit status 2, as an unreadable file).
#[derive(Debug, Clone, Copy, PartialEq)]
enum NotAnExport {
    /// NUL bytes, or many control bytes.
    Binary,
    /// A UTF-16 byte-order mark, or NUL bytes every other byte at the start.
    Utf16,
    /// Bytes that are not UTF-8, without NUL bytes or many control bytes.
    NotUtf8,
    /// This many JSON objects and nothing else, the first over several lines.
    Objects(usize),
}

impl NotAnExport {
    fn error(self) -> io::Error {
        let (what, hint) = match self {
            NotAnExport::Binary => ("it looks like binary data".to_string(), ""),
            NotAnExport::Utf16 => (
                "it looks like UTF-16 text".to_string(),
                ", in UTF-8 (convert the file to UTF-8)",
            ),
            NotAnExport::NotUtf8 => (
                "it is not UTF-8: binary data, or text in another encoding".to_string(),
                ", in UTF-8",
            ),
            NotAnExport::Objects(1) => (
                "a single JSON object spread over several lines".to_string(),
                " (for one value, put it on one line or in [ ])",
            ),
            NotAnExport::Objects(count) => (
                format!("{count} JSON objects, not one per line"),
                " (put each object on a line of its own, as `jq -c .` does)",
            ),
        };
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not NDJSON or a JSON array ({what}); expected one JSON value per line, or one \
                 JSON array of values{hint}"
            ),
        )
    }
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
    let checked = read_and_check(&mut *input, &bar, schema, jobs, block);
    bar.finish_and_clear();
    checked
}

fn read_and_check(
    input: &mut dyn Read,
    bar: &ProgressBar,
    schema: Schema,
    jobs: usize,
    block: usize,
) -> io::Result<(Report, u64)> {
    let mut pending: Vec<u8> = Vec::with_capacity(block.max(SNIFFED).saturating_mul(2));
    let first = block.max(SNIFFED);
    let mut read = read_block(input, &mut pending, first)?;
    let mut bytes = read as u64;
    bar.set_position(bytes);
    // Byte-order marks at the start are not part of the first line.
    let marks = pending.len() - auditlog::ndjson::without_byte_order_marks(&pending).len();
    pending.drain(..marks);
    let sniffed = &pending[..pending.len().min(SNIFFED)];
    if let Some(why) = not_text(sniffed, read < first && sniffed.len() == pending.len()) {
        return Err(why.error());
    }
    if looks_like_array(&pending) {
        // A file that starts with `[` is read whole to try it as one JSON array; if it is not
        // one, its lines are NDJSON (whose lines may be arrays).
        bytes += input.read_to_end(&mut pending)? as u64;
        let report = check_array(schema, &pending)
            .unwrap_or_else(|| Report::Lines(check_block(schema.root, &pending, 0, jobs).0));
        return Ok((report, bytes));
    }
    let mut report = BatchReport::default();
    // `start`: where the bytes just read begin in `pending`.
    let (mut lines_before, mut start) = (0usize, 0usize);
    // Whether the input may be JSON objects over several lines, not yet known (`None`), not
    // (`Some(None)`), or being parsed as such alongside (`Some(Some(_))`).
    let mut objects: Option<Option<ObjectStream>> = None;
    loop {
        let still_objects = match &mut objects {
            Some(Some(stream)) => stream.feed(&pending[start..]),
            Some(None) => false,
            // Until the first line is whole, only blank lines before it can have been drained:
            // `pending` is the input, as JSON reads it. It is whole at a `\n` or the end.
            None if read == 0 || pending[start..].contains(&b'\n') => {
                objects = first_line_opens_an_object(&pending, read == 0).map(|opens| {
                    if opens {
                        ObjectStream::start(&pending)
                    } else {
                        None
                    }
                });
                true
            }
            None => true,
        };
        if !still_objects {
            // The parser stopped: not only objects (its thread has ended).
            objects = Some(None);
        }
        if read == 0 {
            // The last line, without its `\n`.
            report.append(check_block(schema.root, &pending, lines_before, jobs).0);
            break;
        }
        // Only the bytes just read can hold the block's last `\n` (the rest had none).
        if let Some(last) = pending[start..].iter().rposition(|&b| b == b'\n') {
            let last = start + last;
            let (block_report, newlines) =
                check_block(schema.root, &pending[..=last], lines_before, jobs);
            report.append(block_report);
            lines_before += newlines;
            pending.drain(..=last);
        }
        start = pending.len();
        read = read_block(input, &mut pending, block)?;
        bytes += read as u64;
        bar.set_position(bytes);
    }
    if let Some(count) = objects.flatten().and_then(ObjectStream::finish) {
        return Err(NotAnExport::Objects(count).error());
    }
    Ok((Report::Lines(report), bytes))
}

/// Appends up to `limit` bytes to `pending`, without zeroing the buffer first (read_to_end does
/// that), as a pipe gives them; how many.
fn read_block(input: &mut dyn Read, pending: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    Read::take(input, limit as u64).read_to_end(pending)
}

/// Whether the first `SNIFFED` bytes of an input (`whole`: all of it) are not text that NDJSON or a
/// JSON array can be, and why: they hold a NUL byte, bytes that are not UTF-8 (a character cut at
/// the end of the bytes sniffed aside), or more than one control byte in ten (U+0000 to U+001F but
/// tab, line feed, vertical tab, form feed and carriage return); and none of their whole lines is
/// a JSON object or array. That last condition keeps an NDJSON file whose lines are damaged by
/// a few such bytes (a crash's NUL bytes) a file of valid and invalid lines, as before.
fn not_text(sniffed: &[u8], whole: bool) -> Option<NotAnExport> {
    let controls = sniffed
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        .count();
    let binary = sniffed.contains(&0) || controls * 10 > sniffed.len();
    let utf8 = match std::str::from_utf8(sniffed) {
        Ok(_) => true,
        // A character cut where the sniffed bytes end, not where the input does.
        Err(error) => error.error_len().is_none() && !whole,
    };
    if !binary && utf8 {
        return None;
    }
    let lines_end = if whole {
        sniffed.len()
    } else {
        sniffed
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |last| last + 1)
    };
    // No whole line in the sniffed bytes: a first line longer than them that opens like JSON is
    // given the benefit of the doubt, and checked as a line like any other.
    let opens_like_json = matches!(sniffed.trim_ascii_start().first(), Some(b'{' | b'['));
    if lines_end == 0 && opens_like_json {
        return None;
    }
    let json_line = sniffed[..lines_end].split(|&b| b == b'\n').any(|line| {
        let line = line.trim_ascii();
        matches!(line.first(), Some(b'{' | b'['))
            && serde_json::from_slice::<IgnoredAny>(line).is_ok()
    });
    if json_line {
        return None;
    }
    let utf16 = sniffed.starts_with(&[0xFF, 0xFE])
        || sniffed.starts_with(&[0xFE, 0xFF])
        || matches!(sniffed, [a, 0, b, 0, ..] | [0, a, 0, b, ..] if *a != 0 && *b != 0);
    Some(if utf16 {
        NotAnExport::Utf16
    } else if binary {
        NotAnExport::Binary
    } else {
        NotAnExport::NotUtf8
    })
}

/// Whether the input may be JSON objects spread over lines (pretty-printed): its first line that is
/// not JSON whitespace starts with `{` and is not JSON alone. `None` while that line is not whole
/// (`at_end`: the input ends with `bytes`). The input is then parsed as JSON objects alongside
/// ([`ObjectStream`]); only if all of it is, it is refused.
fn first_line_opens_an_object(bytes: &[u8], at_end: bool) -> Option<bool> {
    let Some(start) = bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    else {
        return at_end.then_some(false);
    };
    let rest = &bytes[start..];
    if rest[0] != b'{' {
        return Some(false);
    }
    let line = match rest.iter().position(|&b| b == b'\n') {
        Some(end) => &rest[..end],
        None if at_end => rest,
        None => return None,
    };
    Some(serde_json::from_slice::<IgnoredAny>(line).is_err())
}

/// The input, parsed on a thread of its own as JSON objects one after another, as it is read: so
/// that a pretty-printed object is known without holding the whole file. The blocks wait in a
/// channel of one.
struct ObjectStream {
    blocks: mpsc::SyncSender<Vec<u8>>,
    parser: std::thread::JoinHandle<Option<usize>>,
}

impl ObjectStream {
    /// `None` if no thread can be started (then nothing is diagnosed).
    fn start(bytes: &[u8]) -> Option<ObjectStream> {
        let (blocks, received) = mpsc::sync_channel(1);
        let parser = std::thread::Builder::new()
            .name("objects".into())
            .spawn(move || {
                let input = BufReader::with_capacity(
                    1 << 16,
                    Received {
                        blocks: received,
                        block: Vec::new(),
                        at: 0,
                    },
                );
                let mut count = 0;
                for object in serde_json::Deserializer::from_reader(input).into_iter::<AnObject>() {
                    object.ok()?;
                    count += 1;
                }
                Some(count)
            })
            .ok()?;
        let mut stream = ObjectStream { blocks, parser };
        stream.feed(bytes).then_some(stream)
    }

    /// False once the parser has stopped: the input is not only JSON objects.
    fn feed(&mut self, bytes: &[u8]) -> bool {
        bytes.is_empty() || self.blocks.send(bytes.to_vec()).is_ok()
    }

    /// How many objects the input was, if it was nothing else.
    fn finish(self) -> Option<usize> {
        drop(self.blocks);
        self.parser.join().ok().flatten()
    }
}

/// The blocks sent to an [`ObjectStream`], read in order; the end when the sender is dropped.
struct Received {
    blocks: mpsc::Receiver<Vec<u8>>,
    block: Vec<u8>,
    at: usize,
}

impl Read for Received {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.block.len() {
            match self.blocks.recv() {
                Ok(block) => (self.block, self.at) = (block, 0),
                Err(_) => return Ok(0),
            }
        }
        let count = buf.len().min(self.block.len() - self.at);
        buf[..count].copy_from_slice(&self.block[self.at..self.at + count]);
        self.at += count;
        Ok(count)
    }
}

/// A JSON object, its content skipped; any other value is an error.
struct AnObject;

impl<'de> Deserialize<'de> for AnObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(AnObject)
    }
}

impl<'de> Visitor<'de> for AnObject {
    type Value = AnObject;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnObject, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(AnObject)
    }
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
    let json = report.to_json(file);
    let listed = json["lines"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let key = if one == "line" { "line" } else { "index" };
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
        let more = (listed.len() - LISTED) as u64;
        writeln!(
            out,
            "  ... and {} with issues; --format json lists all",
            counted(more, &format!("more {one}"), &format!("more {many}"))
        )?;
    }
    Ok(())
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
