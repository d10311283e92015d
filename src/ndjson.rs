//! NDJSON framing, as the package's `validateNdjson` frames it: lines end at `\n`, a `\r` before it
//! is dropped, lines are numbered from 1. Also the byte searches the framing and the NDJSON scanner
//! ([`crate::source::tape`]) spend most of their time in: 16 bytes at a time with wasm's simd128 in
//! the server and log modules, 8 bytes a word elsewhere. (Natively, SSE2 would need `unsafe`
//! loads, which this crate has none of; a version written for the compiler to vectorize was not
//! faster on audit records, whose strings are short.)

/// Splits NDJSON into its lines as the glue does: at `\n`, without a `\r` before it, numbered from 1,
/// each with the offset where it starts. Blank lines are listed too: see [`is_blank`].
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

#[cfg(any(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
const ONES: u64 = 0x0101_0101_0101_0101;
#[cfg(any(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of the word is `byte` (the bit trick that finds a zero byte, after an XOR).
#[cfg(any(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
fn has_byte(word: u64, byte: u8) -> bool {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGH_BITS != 0
}

/// Whether any byte of the word is below `limit` (at most 0x80).
#[cfg(any(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
fn has_byte_below(word: u64, limit: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH_BITS != 0
}

/// The index of the first `"`, `\\` or control character (below 0x20), or the length: where a
/// JSON string's plain run ends. In wasm built with 128-bit SIMD, 16 bytes at a time.
pub(crate) fn string_end(bytes: &[u8]) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::first_of(bytes, simd::string_stops)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        find_first(
            bytes,
            |word| has_byte(word, b'"') || has_byte(word, b'\\') || has_byte_below(word, 0x20),
            |b| b == b'"' || b == b'\\' || b < 0x20,
        )
    }
}

/// The index of the first `\n`, or the length. In wasm built with 128-bit SIMD, 16 bytes at a time.
pub(crate) fn line_end(bytes: &[u8]) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd::first_of(bytes, simd::newlines)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        find_first(bytes, |word| has_byte(word, b'\n'), |b| b == b'\n')
    }
}

/// Blocks of 16 bytes compared at once with wasm's simd128.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;

    /// The 16 bytes as a vector (the compiler reads them with one `v128.load`).
    fn load(b: &[u8; 16]) -> v128 {
        u8x16(
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
            b[14], b[15],
        )
    }

    pub fn string_stops(v: v128) -> v128 {
        let quote = u8x16_eq(v, u8x16_splat(b'"'));
        let backslash = u8x16_eq(v, u8x16_splat(b'\\'));
        let control = u8x16_lt(v, u8x16_splat(0x20));
        v128_or(v128_or(quote, backslash), control)
    }

    pub fn newlines(v: v128) -> v128 {
        u8x16_eq(v, u8x16_splat(b'\n'))
    }

    /// The index of the first byte `stops` marks, or the length. The last bytes are padded with
    /// 0xFF, which neither predicate marks.
    pub fn first_of(bytes: &[u8], stops: fn(v128) -> v128) -> usize {
        let mut blocks = bytes.chunks_exact(16);
        let mut at = 0;
        for block in &mut blocks {
            let Ok(block) = <&[u8; 16]>::try_from(block) else {
                break;
            };
            let mask = u8x16_bitmask(stops(load(block)));
            if mask != 0 {
                return at + mask.trailing_zeros() as usize;
            }
            at += 16;
        }
        let rest = blocks.remainder();
        let mut last = [0xFF; 16];
        last[..rest.len()].copy_from_slice(rest);
        let mask = u8x16_bitmask(stops(load(&last)));
        at + if mask != 0 {
            (mask.trailing_zeros() as usize).min(rest.len())
        } else {
            rest.len()
        }
    }
}

/// The index of the first byte that `stops` (or the length): eight bytes at a time while
/// `word_stops` says none of them does, then byte by byte. Most of NDJSON's bytes are read here.
#[cfg(any(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
fn find_first(bytes: &[u8], word_stops: impl Fn(u64) -> bool, stops: impl Fn(u8) -> bool) -> usize {
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
    fn string_and_line_ends_are_found_at_every_offset() {
        for len in 0..70 {
            for at in 0..=len {
                for special in [b'"', b'\\', b'\n', 0, 0x1F] {
                    let mut bytes: Vec<u8> = (0..len)
                        .map(|i| [b' ', b'!', b'#', b']', 0x80, 0xFF, 0x20][i % 7])
                        .collect();
                    if at < len {
                        bytes[at] = special;
                    }
                    let stop = |b: u8| b == b'"' || b == b'\\' || b < 0x20;
                    assert_eq!(
                        string_end(&bytes),
                        bytes.iter().position(|&b| stop(b)).unwrap_or(len)
                    );
                    assert_eq!(
                        line_end(&bytes),
                        bytes.iter().position(|&b| b == b'\n').unwrap_or(len)
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
