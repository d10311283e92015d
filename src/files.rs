//! Exports read from files and streams of any size: NDJSON (one value a line) or a JSON array,
//! plain or gzip (recognised by its bytes), checked a block of whole lines at a time on several
//! threads. The command-line tool (`auditlog check`) and the Python binding share it, so both give
//! the same report and refuse the same input (feature `files`).

use std::io::{self, BufRead, BufReader, Read};
use std::sync::{Arc, Mutex, mpsc};

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value as Json;

use crate::rules::{Root, entry, platform};
use crate::{BatchReport, Issue, entry_issues, platform_record_issues};

/// How much of the input is held at a time by default, in pieces read and checked one after
/// another (half a block each on one thread, less on several): buffers small enough to stay in
/// the cache and cost few page faults, reads large enough to be few.
pub const DEFAULT_BLOCK: usize = 4 << 20;

/// What each value of an export must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// An open-types audit-log entry (`auditLogEntrySchema`).
    Entry,
    /// A platform record (`platformRecordSchema`).
    Platform,
}

impl Schema {
    fn root(self) -> Root {
        match self {
            Schema::Entry => Root::Object(&entry::ENTRY),
            Schema::Platform => Root::Object(&platform::RECORD),
        }
    }

    fn issues_of(self, json: &Json) -> Vec<Issue> {
        match self {
            Schema::Entry => entry_issues(json),
            Schema::Platform => platform_record_issues(json),
        }
    }
}

/// What an export held: NDJSON lines, or the items of a JSON array.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// NDJSON: the lines' report.
    Lines(BatchReport),
    /// A JSON array: how many items, and the invalid ones by index (from 0).
    Items {
        /// How many items the array held.
        total: usize,
        /// The invalid items, by index, with their issues.
        invalid: Vec<(usize, Vec<Issue>)>,
    },
}

impl Report {
    /// How many values were invalid.
    pub fn invalid_count(&self) -> usize {
        match self {
            Report::Lines(report) => report.invalid.len(),
            Report::Items { invalid, .. } => invalid.len(),
        }
    }

    /// How many values there were.
    pub fn total(&self) -> usize {
        match self {
            Report::Lines(report) => report.total,
            Report::Items { total, .. } => *total,
        }
    }

    /// The npm package's report (`validateNdjson`'s for lines, `validateMany`'s for an array),
    /// with `file` first when given: what `auditlog check --format json` prints.
    pub fn to_json(&self, file: Option<&str>) -> Json {
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
        let mut json = serde_json::Map::new();
        if let Some(file) = file {
            json.insert("file".to_string(), Json::from(file));
        }
        if let Json::Object(fields) = report {
            json.extend(fields);
        }
        Json::Object(json)
    }
}

/// Which fields fail most, and how: the issues of the reports' listed lines (or items), counted
/// by their first path step (`(value)` for the value itself) and code; most first, then by field
/// and code. What `auditlog check` prints as "most common", and `auditlog.spark.check` over files.
pub fn most_common<'a>(
    reports: impl IntoIterator<Item = &'a Json>,
) -> Vec<(String, String, usize)> {
    let listed = reports
        .into_iter()
        .flat_map(|report| report["lines"].as_array().into_iter().flatten());
    ranked(
        listed
            .flat_map(|entry| entry["issues"].as_array().into_iter().flatten())
            .map(|issue| {
                (
                    issue["path"][0].as_str().unwrap_or("(value)"),
                    issue["code"].as_str().unwrap_or_default(),
                )
            }),
    )
}

/// [`most_common`] of issues as the crate reports them (the CLI counts a report's issues so,
/// without turning them into JSON).
pub fn most_common_issues<'a>(
    issues: impl IntoIterator<Item = &'a crate::Issue>,
) -> Vec<(String, String, usize)> {
    ranked(issues.into_iter().map(|issue| {
        let field = match issue.path.first() {
            Some(crate::PathItem::Field(name)) => name,
            Some(crate::PathItem::Key(key)) => key.as_str(),
            _ => "(value)",
        };
        (field, issue.code.name())
    }))
}

/// (field, code) pairs counted, most common first, then by field and code. Counted on the
/// borrowed names: only the distinct pairs are copied.
fn ranked<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String, usize)> {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for pair in pairs {
        *counts.entry(pair).or_default() += 1;
    }
    let mut common: Vec<_> = counts
        .into_iter()
        .map(|((field, code), count)| (field.to_string(), code.to_string(), count))
        .collect();
    common.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
    common
}

/// The input, decompressed if it is gzip (its first bytes say so, or `gzip` is true: a `.gz`
/// name). A truncated gzip input is an error when read ([`io::ErrorKind::UnexpectedEof`]).
pub fn decompressed<'a>(
    input: impl Read + 'a,
    gzip: bool,
) -> io::Result<(Box<dyn Read + 'a>, bool)> {
    // Small: reads of at least its size pass by its buffer, and a piece's reads grow past it
    // (read_to_end's), so a plain file is not copied a second time. With a 1 MiB buffer every byte
    // was: `auditlog check --jobs 1` on a file in the page cache took 20% longer.
    let mut reader = BufReader::with_capacity(SNIFFED, input);
    let gzip = gzip || reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    if gzip {
        Ok((Box::new(flate2::read::MultiGzDecoder::new(reader)), true))
    } else {
        Ok((Box::new(reader), false))
    }
}

/// How many bytes, at the start of the input (after gzip and byte-order marks), say whether it is
/// text at all (see [`not_text`]). The first read is at least this long.
pub const SNIFFED: usize = 1 << 16;

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

/// Reads and checks one input (already decompressed: [`decompressed`]); the report, and how many
/// bytes were read. NDJSON is read and checked a piece of whole lines at a time, so memory stays
/// near one block (and a few times the longest line) whatever the input's size. On several
/// threads (`jobs` > 1), pieces of a fraction of a block go to `jobs` workers as they are read,
/// and their reports are joined in file order: no thread waits for another at each block's end.
/// `progress` is told the bytes read so far after each read (on several threads, pieces read are
/// still being checked).
pub fn check_reader(
    input: &mut dyn Read,
    schema: Schema,
    jobs: usize,
    block: usize,
    progress: &mut dyn FnMut(u64),
) -> io::Result<(Report, u64)> {
    let jobs = jobs.max(1);
    let block = block.max(1);
    // Pieces in memory at once, about one block in all: on one thread, the one checked and the
    // one read next; on several, up to `2 * jobs + 2`.
    let piece = if jobs == 1 {
        block / 2
    } else {
        block / (2 * jobs + 2)
    }
    .max(1);
    let first = piece.max(SNIFFED);
    let mut pending: Vec<u8> = Vec::with_capacity(first.saturating_mul(2));
    let read = read_block(input, &mut pending, first)?;
    let mut bytes = read as u64;
    progress(bytes);
    // Byte-order marks at the start are not part of the first line.
    let marks = pending.len() - crate::ndjson::without_byte_order_marks(&pending).len();
    pending.drain(..marks);
    let sniffed = &pending[..pending.len().min(SNIFFED)];
    if let Some(why) = not_text(sniffed, read < first && sniffed.len() == pending.len()) {
        return Err(why.error());
    }
    let root = schema.root();
    if looks_like_array(&pending) {
        // A file that starts with `[` is read whole to try it as one JSON array; if it is not
        // one, its lines are NDJSON (whose lines may be arrays).
        bytes += input.read_to_end(&mut pending)? as u64;
        let report = check_array(schema, &pending)
            .unwrap_or_else(|| Report::Lines(check_block(root, &pending, 0, jobs).0));
        return Ok((report, bytes));
    }
    let mut lines = Lines {
        input,
        pending,
        read,
        bytes,
        piece,
        progress,
    };
    let report = if read == first && jobs > 1 {
        check_on_workers(root, jobs, &mut lines)?
    } else {
        // One thread, or all of the input in one read (split among the threads).
        check_here(root, jobs, &mut lines)?
    };
    Ok((Report::Lines(report), lines.bytes))
}

/// The input's whole lines checked on this thread, a piece at a time (each split among `jobs`
/// threads).
fn check_here(root: Root, jobs: usize, lines: &mut Lines) -> io::Result<BatchReport> {
    let mut report = BatchReport::default();
    let mut lines_before = 0;
    lines.each(&mut |mut whole| {
        let (checked, newlines) = check_block(root, &whole, lines_before, jobs);
        report.append(checked);
        lines_before += newlines;
        whole.clear();
        Ok(whole)
    })?;
    Ok(report)
}

/// The input's whole lines, a piece at a time, handed to `jobs` worker threads as they are read;
/// the reports joined in file order. Where no thread can start, this thread checks.
fn check_on_workers(root: Root, jobs: usize, lines: &mut Lines) -> io::Result<BatchReport> {
    let piece = lines.piece;
    std::thread::scope(|scope| {
        // Numbered pieces out; reports, and the pieces' buffers to read into again, back. Only the
        // workers hold the pieces' receiver: were they all to end (a panic, which the scope then
        // passes on), sending fails at once instead of waiting for ever.
        let (to_workers, pieces) = mpsc::sync_channel::<(usize, Vec<u8>)>(jobs);
        let pieces = Arc::new(Mutex::new(pieces));
        let (to_reader, checked) = mpsc::channel::<(usize, BatchReport, usize, Vec<u8>)>();
        let mut started = 0;
        for _ in 0..jobs {
            let (pieces, to_reader) = (Arc::clone(&pieces), to_reader.clone());
            let worker = std::thread::Builder::new()
                .name("check".into())
                .spawn_scoped(scope, move || {
                    // The lock is held only to take the next piece; a worker that finds the
                    // channel closed stops.
                    let next = || pieces.lock().ok().and_then(|pieces| pieces.recv().ok());
                    while let Some((number, whole)) = next() {
                        let (report, newlines) = crate::native::check_lines(root, &whole, 1);
                        if to_reader.send((number, report, newlines, whole)).is_err() {
                            break;
                        }
                    }
                });
            // A thread that cannot start: those that did do the work.
            if worker.is_err() {
                break;
            }
            started += 1;
        }
        drop((pieces, to_reader));
        if started == 0 {
            return check_here(root, 1, lines);
        }
        let mut joined = InOrder::default();
        let mut spare: Vec<Vec<u8>> = Vec::new();
        let (mut sent, mut back) = (0usize, 0usize);
        let mut take_back = |checked: (usize, BatchReport, usize, Vec<u8>),
                             spare: &mut Vec<Vec<u8>>,
                             back: &mut usize| {
            let (number, report, newlines, mut whole) = checked;
            joined.add(number, report, newlines);
            // A buffer that grew for a long line is let go rather than kept for every piece.
            if whole.capacity() <= 2 * piece {
                whole.clear();
                spare.push(whole);
            }
            *back += 1;
        };
        let outcome = lines.each(&mut |whole| {
            // The reports in first, their pieces' buffers to read into again; no more than
            // `2 * jobs` pieces out at once, so that memory stays near one block.
            while let Ok(done) = checked.try_recv() {
                take_back(done, &mut spare, &mut back);
            }
            if sent - back >= 2 * jobs
                && let Ok(done) = checked.recv()
            {
                take_back(done, &mut spare, &mut back);
            }
            to_workers
                .send((sent, whole))
                .map_err(|_| io::Error::other("the checking threads stopped"))?;
            sent += 1;
            Ok(spare.pop().unwrap_or_default())
        });
        drop(to_workers);
        for done in checked.iter() {
            take_back(done, &mut spare, &mut back);
        }
        outcome?;
        Ok(joined.report)
    })
}

/// Pieces' reports, numbered from their first line and arriving in any order, joined in file order.
#[derive(Default)]
struct InOrder {
    report: BatchReport,
    lines_before: usize,
    next: usize,
    waiting: std::collections::BTreeMap<usize, (BatchReport, usize)>,
}

impl InOrder {
    fn add(&mut self, number: usize, report: BatchReport, newlines: usize) {
        self.waiting.insert(number, (report, newlines));
        while let Some((mut report, newlines)) = self.waiting.remove(&self.next) {
            report.renumber_after(self.lines_before);
            self.report.append(report);
            self.lines_before += newlines;
            self.next += 1;
        }
    }
}

/// An NDJSON input read a piece of whole lines at a time, after its first read.
struct Lines<'a> {
    input: &'a mut dyn Read,
    /// Bytes read and not yet handed on: the first read's, then an unfinished line and what follows.
    pending: Vec<u8>,
    /// How many bytes the last read gave (0: the input has ended).
    read: usize,
    /// How many bytes were read in all.
    bytes: u64,
    /// How many bytes each read asks for.
    piece: usize,
    progress: &'a mut dyn FnMut(u64),
}

impl Lines<'_> {
    /// Hands each run of whole lines, in order, to `take`, which gives back an empty buffer to read
    /// the next into (the one it was given, or another). The input's last line, if it has no
    /// `\n`, comes last alone. JSON objects over several lines (pretty-printed) are refused.
    fn each(&mut self, take: &mut dyn FnMut(Vec<u8>) -> io::Result<Vec<u8>>) -> io::Result<()> {
        let mut spare: Vec<u8> = Vec::new();
        // `start`: where the bytes just read begin in `pending`.
        let mut start = 0usize;
        // Whether the input may be JSON objects over several lines, not yet known (`None`), not
        // (`Some(None)`), or being parsed as such alongside (`Some(Some(_))`).
        let mut objects: Option<Option<ObjectStream>> = None;
        loop {
            let pending = &self.pending;
            let still_objects = match &mut objects {
                Some(Some(stream)) => stream.feed(&pending[start..]),
                Some(None) => false,
                // Until the first line is whole, only blank lines before it can have been drained:
                // `pending` is the input, as JSON reads it. It is whole at a `\n` or the end.
                None if self.read == 0 || pending[start..].contains(&b'\n') => {
                    objects = first_line_opens_an_object(pending, self.read == 0).map(|opens| {
                        if opens {
                            ObjectStream::start(pending)
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
            if self.read == 0 {
                // The last line, without its `\n`.
                if !self.pending.is_empty() {
                    take(std::mem::take(&mut self.pending))?;
                }
                break;
            }
            // Only the bytes just read can hold the last `\n` (the rest had none).
            if let Some(last) = self.pending[start..].iter().rposition(|&b| b == b'\n') {
                let last = start + last;
                spare.extend_from_slice(&self.pending[last + 1..]);
                self.pending.truncate(last + 1);
                let whole = std::mem::replace(&mut self.pending, spare);
                spare = take(whole)?;
            }
            start = self.pending.len();
            self.pending.reserve(self.piece);
            self.read = read_block(self.input, &mut self.pending, self.piece)?;
            self.bytes += self.read as u64;
            (self.progress)(self.bytes);
        }
        if let Some(count) = objects.flatten().and_then(ObjectStream::finish) {
            return Err(NotAnExport::Objects(count).error());
        }
        Ok(())
    }
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
            let issues = schema.issues_of(item);
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
    let (reports, newlines) = crate::ndjson::on_threads(
        block,
        jobs,
        |part| crate::native::check_lines(root, part, lines_before + 1),
        BatchReport::renumber_after,
    );
    let mut all = BatchReport::default();
    reports.into_iter().for_each(|report| all.append(report));
    (all, newlines)
}
