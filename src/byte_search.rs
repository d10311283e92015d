//! The byte searches the NDJSON framing ([`crate::ndjson`]) and the NDJSON scanner
//! ([`crate::source::tape`]) spend most of their time in: where a string's plain run ends, where a
//! line ends, and where whitespace ends (the next structural character or value). 16 bytes at a
//! time with SIMD: wasm's simd128 in the server and log modules, SSE2 on x86_64 (part of every
//! x86_64 CPU, so no detection at run time). Elsewhere (and in the browser module, which has no
//! scanner and is built without simd128), 8 bytes a word.

/// What a search stops at.
#[derive(Clone, Copy)]
enum Stop {
    /// `"`, `\` or a control character (below 0x20): where a JSON string's plain run ends.
    StringEnd,
    /// `\n`.
    LineEnd,
    /// Any byte but JSON's whitespace (space, tab, `\n`, `\r`).
    NotWhitespace,
}

impl Stop {
    fn stops(self, b: u8) -> bool {
        match self {
            Stop::StringEnd => b == b'"' || b == b'\\' || b < 0x20,
            Stop::LineEnd => b == b'\n',
            Stop::NotWhitespace => !matches!(b, b' ' | b'\t' | b'\n' | b'\r'),
        }
    }
}

/// The index of the first `"`, `\` or control character (below 0x20), or the length: where a JSON
/// string's plain run ends.
pub(crate) fn string_end(bytes: &[u8]) -> usize {
    first(bytes, Stop::StringEnd)
}

/// The index of the first `\n`, or the length.
pub(crate) fn line_end(bytes: &[u8]) -> usize {
    first(bytes, Stop::LineEnd)
}

/// The index of the first byte that is not JSON whitespace, or the length.
pub(crate) fn whitespace_end(bytes: &[u8]) -> usize {
    first(bytes, Stop::NotWhitespace)
}

/// Whether two short names are equal: compared in words of 8 bytes, 4 or 1, inline (a call to
/// `memcmp` costs more than the compare, for a key of a dozen bytes).
#[inline(always)]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let word8 = |s: &[u8], at: usize| s.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok());
    let word4 = |s: &[u8], at: usize| s.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok());
    match len {
        // Two words that overlap cover 8 to 16 bytes, and 4 to 8.
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, len - 8) == word8(b, len - 8),
        4..8 => word4(a, 0) == word4(b, 0) && word4(a, len - 4) == word4(b, len - 4),
        // Bytes 0, 1 and the last cover 1 to 3.
        0..4 => a.first() == b.first() && a.get(1) == b.get(1) && a.last() == b.last(),
        _ => a == b,
    }
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

/// The index of the first byte `stop` stops at, or the length: a block of 16 bytes at a time, then
/// the last bytes one by one.
#[cfg(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    all(target_arch = "x86_64", target_feature = "sse2")
))]
fn first(bytes: &[u8], stop: Stop) -> usize {
    let mut blocks = bytes.chunks_exact(16);
    let mut at = 0;
    for block in &mut blocks {
        let Ok(block) = <&[u8; 16]>::try_from(block) else {
            break;
        };
        let mask = simd::stops(block, stop);
        if mask != 0 {
            return at + mask.trailing_zeros() as usize;
        }
        at += 16;
    }
    let rest = blocks.remainder();
    at + rest
        .iter()
        .position(|&b| stop.stops(b))
        .unwrap_or(rest.len())
}

#[cfg(not(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    all(target_arch = "x86_64", target_feature = "sse2")
)))]
fn first(bytes: &[u8], stop: Stop) -> usize {
    words::first(bytes, stop)
}

/// A bit per byte of the block (bit `i` for byte `i`), set where `stop` stops: wasm simd128.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::Stop;
    use core::arch::wasm32::*;

    pub fn stops(b: &[u8; 16], stop: Stop) -> u32 {
        let v = u8x16(
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
            b[14], b[15],
        );
        let is = |byte: u8| u8x16_eq(v, u8x16_splat(byte));
        let marked = match stop {
            Stop::StringEnd => {
                v128_or(v128_or(is(b'"'), is(b'\\')), u8x16_lt(v, u8x16_splat(0x20)))
            }
            Stop::LineEnd => is(b'\n'),
            Stop::NotWhitespace => v128_not(v128_or(
                v128_or(is(b' '), is(b'\t')),
                v128_or(is(b'\n'), is(b'\r')),
            )),
        };
        u32::from(u8x16_bitmask(marked))
    }
}

/// A bit per byte of the block (bit `i` for byte `i`), set where `stop` stops: x86_64 SSE2, through
/// `safe_arch` (std's SSE2 intrinsics need `unsafe` outside functions marked with the feature).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod simd {
    use super::Stop;
    use safe_arch::*;

    pub fn stops(b: &[u8; 16], stop: Stop) -> u32 {
        let v = m128i::from(*b);
        let is = |byte: u8| cmp_eq_mask_i8_m128i(v, set_splat_i8_m128i(byte.cast_signed()));
        let marked = match stop {
            // SSE2 compares bytes as signed only: a byte is below 0x20 where min(b, 0x1F) is b.
            Stop::StringEnd => {
                is(b'"')
                    | is(b'\\')
                    | cmp_eq_mask_i8_m128i(min_u8_m128i(v, set_splat_i8_m128i(0x1F)), v)
            }
            Stop::LineEnd => is(b'\n'),
            Stop::NotWhitespace => !(is(b' ') | is(b'\t') | is(b'\n') | is(b'\r')),
        };
        move_mask_i8_m128i(marked).cast_unsigned()
    }
}

/// Eight bytes a word, with the bit tricks that find a zero byte: where no SIMD is built in (and in
/// the tests, against the SIMD searches).
#[cfg(any(
    test,
    not(any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        all(target_arch = "x86_64", target_feature = "sse2")
    ))
))]
mod words {
    use super::Stop;

    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

    /// Whether any byte of the word is `byte` (a zero byte, after an XOR).
    fn has_byte(word: u64, byte: u8) -> bool {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGH_BITS != 0
    }

    /// Whether any byte of the word is below `limit` (at most 0x80).
    fn has_byte_below(word: u64, limit: u8) -> bool {
        word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH_BITS != 0
    }

    /// Whether the search may stop in this word.
    fn may_stop(word: u64, stop: Stop) -> bool {
        match stop {
            Stop::StringEnd => {
                has_byte(word, b'"') || has_byte(word, b'\\') || has_byte_below(word, 0x20)
            }
            Stop::LineEnd => has_byte(word, b'\n'),
            // Whitespace runs are short (indentation): any word that is not all spaces.
            Stop::NotWhitespace => word != ONES * u64::from(b' '),
        }
    }

    /// Eight bytes at a time while the search does not stop in them, then byte by byte.
    pub fn first(bytes: &[u8], stop: Stop) -> usize {
        let mut at = 0;
        for chunk in bytes.chunks_exact(8) {
            let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
            if may_stop(word, stop) {
                break;
            }
            at += 8;
        }
        let rest = bytes.get(at..).unwrap_or_default();
        at + rest
            .iter()
            .position(|&b| stop.stops(b))
            .unwrap_or(rest.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STOPS: [Stop; 3] = [Stop::StringEnd, Stop::LineEnd, Stop::NotWhitespace];

    #[test]
    fn same_is_equality_at_every_length_and_difference() {
        let text: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..text.len() {
            let a = &text[..len];
            assert!(same(a, a), "{len}");
            assert!(!same(a, &text[..len + 1]), "{len}");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same(a, &b), "{len} {at}");
            }
        }
    }

    /// Every search, SIMD and word at a time, on texts of 0 to 79 bytes (five blocks) with one
    /// special byte at every offset, among bytes that are close to the specials but not them.
    #[test]
    fn searches_find_the_first_byte_at_every_offset() {
        let fillers: [&[u8]; 2] = [
            &[b' ', b'!', b'#', b']', 0x80, 0xFF, 0x20, 0x21, 0x7F],
            b" \t\r  \t",
        ];
        for filler in fillers {
            for len in 0..80 {
                for at in 0..=len {
                    for special in [b'"', b'\\', b'\n', b'\r', b'\t', b' ', 0, 0x1F, b'x', 0xC3] {
                        let mut bytes: Vec<u8> =
                            (0..len).map(|i| filler[i % filler.len()]).collect();
                        if at < len {
                            bytes[at] = special;
                        }
                        for stop in STOPS {
                            let expected = bytes.iter().position(|&b| stop.stops(b)).unwrap_or(len);
                            assert_eq!(first(&bytes, stop), expected, "{bytes:?}");
                            assert_eq!(words::first(&bytes, stop), expected, "{bytes:?}");
                        }
                    }
                }
            }
        }
        assert_eq!(string_end(b"ab\"c"), 2);
        assert_eq!(line_end(b"ab\nc"), 2);
        assert_eq!(whitespace_end(b" \r\n\t{"), 4);
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
}
