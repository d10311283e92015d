//! NDJSON framing, as the package's `validateNdjson` frames it: lines end at `\n`, a `\r` before it
//! is dropped, lines are numbered from 1. Also the word-at-a-time byte search the framing and the
//! NDJSON scanner ([`crate::source::tape`]) both use.

/// Splits NDJSON into its lines as the glue does: at `\n`, without a `\r` before it, numbered from 1,
/// each with the offset where it starts. Blank lines are listed too: see [`is_blank`].
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, usize, &[u8])> {
    let mut start = Some(0);
    (1usize..).map_while(move |number| {
        let at = start?;
        let rest = bytes.get(at..)?;
        let len = find_first(rest, |word| has_byte(word, b'\n'), |b| b == b'\n');
        start = (len < rest.len()).then_some(at + len + 1);
        let line = &rest[..len];
        Some((number, at, line.strip_suffix(b"\r").unwrap_or(line)))
    })
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

/// `check(part, first_line)` on each of about `jobs` parts of whole lines of `bytes` ([`parts`]),
/// each part on a thread of its own (in wasm, which has no threads here, one after another); the
/// answers in order, and how many `\n` `bytes` holds. `first_line` is the number, from 1, that the
/// part's first line has in `bytes`.
pub fn on_threads<R: Send>(
    bytes: &[u8],
    jobs: usize,
    check: impl Fn(&[u8], usize) -> R + Sync,
) -> (Vec<R>, usize) {
    let parts = parts(bytes, jobs);
    let mut first_lines = Vec::with_capacity(parts.len());
    let mut newlines = 0;
    for part in &parts {
        first_lines.push(newlines + 1);
        newlines += count_newlines(part);
    }
    let work = parts.iter().copied().zip(first_lines);
    if cfg!(target_arch = "wasm32") || parts.len() <= 1 {
        return (
            work.map(|(part, first)| check(part, first)).collect(),
            newlines,
        );
    }
    let check = &check;
    let answers = std::thread::scope(|scope| {
        let workers: Vec<_> = work
            .map(|(part, first)| scope.spawn(move || check(part, first)))
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
    });
    (answers, newlines)
}

/// How many `\n` the bytes hold. Counted in runs of 255 bytes into a byte-sized sum, a loop the
/// compiler turns into SIMD compares and adds (several times faster than counting one by one).
pub fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|run| {
            let in_run: u8 = run.iter().map(|&b| u8::from(b == b'\n')).sum();
            usize::from(in_run)
        })
        .sum()
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of the word is `byte` (the bit trick that finds a zero byte, after an XOR).
pub(crate) fn has_byte(word: u64, byte: u8) -> bool {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGH_BITS != 0
}

/// Whether any byte of the word is below `limit` (at most 0x80).
pub(crate) fn has_byte_below(word: u64, limit: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH_BITS != 0
}

/// The index of the first byte that `stops` (or the length): eight bytes at a time while
/// `word_stops` says none of them does, then byte by byte. Most of NDJSON's bytes are read here.
pub(crate) fn find_first(
    bytes: &[u8],
    word_stops: impl Fn(u64) -> bool,
    stops: impl Fn(u8) -> bool,
) -> usize {
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        if word_stops(word) {
            break;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest.iter().position(|&b| stops(b)).unwrap_or(rest.len())
}

/// A line of spaces, tabs and `\r` only, which the glue skips (other blank lines are not JSON, and
/// `Unsure`: JavaScript's `trim` decides them).
pub fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_at_a_time_search_finds_the_first_byte() {
        let string_stop = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
        for len in 0..40 {
            for at in 0..=len {
                for special in [b'"', b'\\', b'\n', 0, 0x1F, b'\r'] {
                    // Every other byte is harmless, including bytes near the specials and non-ASCII.
                    let mut bytes: Vec<u8> = (0..len)
                        .map(|i| [b' ', b'!', b'#', b']', 0x80, 0xFF][i % 6])
                        .collect();
                    if at < len {
                        bytes[at] = special;
                    }
                    let expected = bytes.iter().position(|&b| string_stop(b)).unwrap_or(len);
                    let found = find_first(
                        &bytes,
                        |w| has_byte(w, b'"') || has_byte(w, b'\\') || has_byte_below(w, 0x20),
                        string_stop,
                    );
                    assert_eq!(found, expected, "{bytes:?}");
                    let newline = bytes.iter().position(|&b| b == b'\n').unwrap_or(len);
                    assert_eq!(
                        find_first(&bytes, |w| has_byte(w, b'\n'), |b| b == b'\n'),
                        newline
                    );
                }
            }
        }
    }

    #[test]
    fn newlines_are_counted() {
        let text: Vec<u8> = (0..2000)
            .map(|i| if i % 7 == 0 { b'\n' } else { b'x' })
            .collect();
        for end in [0, 1, 254, 255, 256, 511, 2000] {
            let expected = text[..end].iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_newlines(&text[..end]), expected, "{end}");
        }
    }

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
        assert!(is_blank(b" \t\r") && !is_blank(b" x"));
    }
}
