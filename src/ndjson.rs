//! NDJSON framing, as the package's `validateNdjson` frames it: lines end at `\n`, a `\r` before it
//! is dropped, lines are numbered from 1. Lines are found with [`crate::byte_search`].

use alloc::vec::Vec;

pub use crate::byte_search::count_newlines;
use crate::byte_search::line_end;

/// Splits NDJSON into its lines as the glue does: at `\n`, without a `\r` before it, numbered from 1,
/// each with the offset where it starts. Blank lines are listed too: see [`trims_to_nothing`].
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, usize, &[u8])> {
    let mut start = Some(0);
    (1usize..).map_while(move |number| {
        let at = start?;
        let rest = bytes.get(at..)?;
        let len = line_end(rest);
        start = (len < rest.len()).then_some(at + len + 1);
        let line = &rest[..len];
        Some((number, at, line.strip_suffix(b"\r").unwrap_or(line)))
    })
}

/// The bytes without the byte-order marks `validateNdjson` drops at the start of bytes: up to two,
/// since decoding drops one and the decoded text's first U+FEFF is dropped too. A third is part of
/// the first line.
pub fn without_byte_order_marks(bytes: &[u8]) -> &[u8] {
    const MARK: &[u8] = b"\xEF\xBB\xBF";
    let once = bytes.strip_prefix(MARK).unwrap_or(bytes);
    once.strip_prefix(MARK).unwrap_or(once)
}

/// Cuts NDJSON into at most `count` parts of about equal size, each cut just after a `\n`, so that
/// every line is whole in one part (for checking parts on several threads). The parts, joined,
/// are `bytes`; a line's number is its number in its part plus the `\n`s of the parts before.
pub fn parts(bytes: &[u8], count: usize) -> Vec<&[u8]> {
    let size = bytes.len().div_ceil(count.max(1)).max(1);
    let mut parts = Vec::with_capacity(count);
    let mut rest = bytes;
    while !rest.is_empty() {
        let cut = match rest.get(size..) {
            Some(after) => {
                size + after
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(after.len(), |i| i + 1)
            }
            None => rest.len(),
        };
        let (part, after) = rest.split_at(cut);
        parts.push(part);
        rest = after;
    }
    parts
}

/// `check(part)` on each of about `jobs` parts of whole lines of `bytes` ([`parts`]), each part on a
/// thread of its own (in wasm, which has no threads here, one after another); the answers in order,
/// and how many `\n` `bytes` holds. `check` numbers a part's lines from 1 and answers how many `\n`
/// the part holds (the line loop counts them, so no pass of its own is needed); then
/// `renumber(answer, lines_before)` moves each later part's numbers after the lines before it.
#[cfg(feature = "std")]
pub fn on_threads<R: Send>(
    bytes: &[u8],
    jobs: usize,
    check: impl Fn(&[u8]) -> (R, usize) + Sync,
    renumber: impl Fn(&mut R, usize),
) -> (Vec<R>, usize) {
    let parts = parts(bytes, jobs);
    let checked: Vec<(R, usize)> = if cfg!(target_arch = "wasm32") || parts.len() <= 1 {
        parts.iter().map(|part| check(part)).collect()
    } else {
        let check = &check;
        std::thread::scope(|scope| {
            let workers: Vec<_> = parts
                .iter()
                .map(|part| scope.spawn(move || check(part)))
                .collect();
            // A panic in `check` would be a bug; it goes on to the caller as it is.
            workers
                .into_iter()
                .map(|worker| {
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    let mut newlines = 0;
    let answers = checked
        .into_iter()
        .map(|(mut answer, part_newlines)| {
            if newlines > 0 {
                renumber(&mut answer, newlines);
            }
            newlines += part_newlines;
            answer
        })
        .collect();
    (answers, newlines)
}

/// Whether JavaScript's `trim` leaves nothing of the line: the lines `validateNdjson` skips, form
/// feeds, no-break spaces and line separators included. JavaScript's whitespace (ECMA-262's
/// WhiteSpace and LineTerminator) is Unicode's White_Space without U+0085, plus U+FEFF; matched on
/// the UTF-8 bytes, so a line is decided at its first other character (most lines: their first byte).
pub fn trims_to_nothing(mut line: &[u8]) -> bool {
    loop {
        let width = match line {
            [] => return true,
            [b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C, ..] => 1,
            // U+00A0
            [0xC2, 0xA0, ..] => 2,
            // U+1680; U+2000 to U+200A, U+2028, U+2029, U+202F; U+205F; U+3000; U+FEFF
            [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
            | [0xEF, 0xBB, 0xBF, ..] => 3,
            _ => return false,
        };
        line = line.get(width..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_end_at_line_ends_and_join_back() {
        let text = b"aa\nb\n\ncccc\r\nd";
        for count in 0..10 {
            let parts = parts(text, count);
            assert_eq!(parts.concat(), text, "{count}");
            assert!(parts.len() <= count.max(1), "{count}");
            for part in &parts[..parts.len().saturating_sub(1)] {
                assert_eq!(part.last(), Some(&b'\n'), "{count}");
            }
        }
        assert!(parts(b"", 2).is_empty());
    }

    #[cfg(feature = "std")]
    #[test]
    fn parts_on_threads_count_lines_and_number_them_as_one_part() {
        use crate::rules::{Root, entry};
        let root = Root::Object(&entry::ENTRY);
        let sample = include_bytes!("../www/public/samples/entries-5000.ndjson");
        // Cut inside a line, with blank and `\r\n` lines among the others.
        let bytes = [&sample[..150_000], b"\n\n \r\n", &sample[150_000..300_001]].concat();
        let whole = crate::check_ndjson_lines(root, &bytes, 1);
        assert!(!whole.invalid.is_empty());
        for jobs in 1..6 {
            let (reports, newlines) = on_threads(
                &bytes,
                jobs,
                |part| crate::native::check_lines(root, part, 1),
                crate::BatchReport::renumber_after,
            );
            assert_eq!(newlines, count_newlines(&bytes), "{jobs}");
            let mut all = crate::BatchReport::default();
            reports.into_iter().for_each(|report| all.append(report));
            assert_eq!(all, whole, "{jobs}");
        }
    }

    #[test]
    fn lines_are_numbered_from_one_without_their_carriage_return() {
        let numbered: Vec<_> = lines(b"a\r\n\nb")
            .map(|(n, at, line)| (n, at, line.to_vec()))
            .collect();
        assert_eq!(
            numbered,
            [
                (1, 0, b"a".to_vec()),
                (2, 3, Vec::new()),
                (3, 4, b"b".to_vec())
            ]
        );
        let mark = "\u{feff}";
        for (marks, left) in [(0, ""), (1, ""), (2, ""), (3, mark)] {
            let bytes = format!("{}{{}}", mark.repeat(marks));
            let rest = without_byte_order_marks(bytes.as_bytes());
            assert_eq!(rest, format!("{left}{{}}").as_bytes(), "{marks} marks");
        }
        // Every character, alone and between others, against the definition by Unicode property.
        let js_whitespace = |c: char| c == '\u{FEFF}' || (c.is_whitespace() && c != '\u{85}');
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                trims_to_nothing(format!(" {c}\u{3000}").as_bytes()),
                js_whitespace(c),
                "{c:?}"
            );
        }
        for blank in [
            "",
            " \t\r",
            "\u{b}\u{c}",
            "\u{a0}\u{2028}\u{3000}",
            "\u{feff}",
        ] {
            assert!(trims_to_nothing(blank.as_bytes()), "{blank:?}");
        }
        for not_blank in ["\u{85}", "\u{200b}", " x", "\u{0}"] {
            assert!(!trims_to_nothing(not_blank.as_bytes()), "{not_blank:?}");
        }
        assert!(!trims_to_nothing(b" \xFF"));
    }
}
