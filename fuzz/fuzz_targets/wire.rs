//! The wasm fact decoder on arbitrary facts (what a broken or hostile glue could write): never a
//! panic, and every answer is MALFORMED, valid (0), or a well-formed token stream.
#![no_main]

use auditlog::wasm::{self, protocol::MALFORMED, tokens::Tokens};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&schema, rest)) = data.split_first() else {
        return;
    };
    // Small numbers are what real facts hold: read a byte as a small integer most of the time.
    let facts: Vec<f64> = rest
        .iter()
        .map(|&b| match b {
            0..=200 => f64::from(b),
            201 => f64::NAN,
            202 => -1.0,
            203 => 1.5,
            204 => f64::INFINITY,
            _ => f64::from(b) * 65536.0,
        })
        .collect();
    let text: Vec<u16> = rest.iter().map(|&b| u16::from(b) * 0x101).collect();
    let mut out = Tokens::default();
    let count = wasm::check(u32::from(schema % 6), &facts, &text, &mut out);
    match count {
        MALFORMED | 0 => {}
        n => {
            assert_eq!(n as usize, out.tokens.len());
            assert!(wasm::tokens::well_formed(&out.tokens));
        }
    }
});
