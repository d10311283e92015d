//! The hand-written timestamp grammar against Zod's regular expression itself, on any text.
#![no_main]

use std::sync::LazyLock;

use auditlog::rules::datetime::{DATETIME_PATTERN, is_iso_datetime};
use libfuzzer_sys::fuzz_target;
use regex::Regex;

static ZOD: LazyLock<Regex> = LazyLock::new(|| {
    // Zod's pattern, from `/^...$/` to a regex crate pattern; `\d` is ASCII-only in JavaScript.
    let body = DATETIME_PATTERN
        .trim_start_matches('/')
        .trim_end_matches('/');
    Regex::new(&body.replace(r"\d", "[0-9]")).expect("Zod's pattern compiles")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // `$` in the regex crate is the true end of text, as in JavaScript without the `m` flag.
    assert_eq!(
        is_iso_datetime(text.as_bytes()),
        ZOD.is_match(text),
        "{text:?}"
    );
    let units: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(is_iso_datetime(&units), is_iso_datetime(text.as_bytes()));
});
