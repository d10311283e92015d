//! Zod 4.6.7's default `z.iso.datetime()` grammar, decided without a regex engine (which would
//! multiply the wasm's size): `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with a real calendar date.
//!
//! It is exactly the regular expression [`DATETIME_PATTERN`], which Zod reports as the issue's
//! `pattern`:
//!
//! ```
//! use auditlog::rules::datetime::is_iso_datetime;
//! assert!(is_iso_datetime(b"2024-02-29T23:59:59.123Z"));
//! assert!(!is_iso_datetime(b"2023-02-29T00:00:00Z")); // 2023 is no leap year
//! assert!(!is_iso_datetime(b"2026-05-16T18:30:00+01:00")); // an offset is not Z
//! assert!(!is_iso_datetime(b"2026-05-16 18:30:00Z"));
//! ```

/// Zod's regular expression, without the slashes of its literal: what the JSON Schema's `pattern`
/// holds, and what the glue tests strings with before it asks the rules (`protocol::fast`).
macro_rules! datetime_regex {
    () => {
        r"^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z))$"
    };
}

/// [`DATETIME_PATTERN`] without its slashes.
pub const DATETIME_REGEX: &str = datetime_regex!();

/// The pattern Zod reports in the `invalid_format` issue of a bad timestamp.
pub const DATETIME_PATTERN: &str = concat!("/", datetime_regex!(), "/");

/// Whether `units` (UTF-8 bytes or UTF-16 code units) match [`DATETIME_PATTERN`].
///
/// Only ASCII can match, so a multi-byte UTF-8 sequence or a surrogate never passes for a digit.
pub fn is_iso_datetime<U: Copy + Into<u32>>(units: &[U]) -> bool {
    // The fixed part is 20 units: "YYYY-MM-DDTHH:MM:SS" and the final "Z".
    let Some((head, rest)) = units.split_first_chunk::<19>() else {
        return false;
    };
    let at = |i: usize| head[i].into();
    let number = |from: usize, len: usize| number(&head[from..from + len]);
    let punctuation_ok = at(4) == u32::from(b'-')
        && at(7) == u32::from(b'-')
        && at(10) == u32::from(b'T')
        && at(13) == u32::from(b':')
        && at(16) == u32::from(b':');
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        number(0, 4),
        number(5, 2),
        number(8, 2),
        number(11, 2),
        number(14, 2),
        number(17, 2),
    ) else {
        return false;
    };
    punctuation_ok
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 59
        && is_fraction_then_z(rest)
}

/// The number the units spell in decimal digits, if they are all digits. Not inlined in the
/// browser's modules: one copy of the loop, not one for each of the six numbers.
#[cfg_attr(browser_module, inline(never))]
fn number<U: Copy + Into<u32>>(units: &[U]) -> Option<u32> {
    units
        .iter()
        .try_fold(0, |acc, &unit| Some(acc * 10 + digit_value(unit.into())?))
}

/// `(?:\.\d+)?Z$`: an optional dot with at least one digit, then `Z` as the very last unit.
fn is_fraction_then_z<U: Copy + Into<u32>>(rest: &[U]) -> bool {
    let Some((last, body)) = rest.split_last() else {
        return false;
    };
    if (*last).into() != u32::from(b'Z') {
        return false;
    }
    match body.split_first() {
        None => true,
        Some((dot, digits)) => {
            (*dot).into() == u32::from(b'.')
                && !digits.is_empty()
                && digits.iter().all(|&u| digit_value(u.into()).is_some())
        }
    }
}

fn digit_value(unit: u32) -> Option<u32> {
    unit.checked_sub(u32::from(b'0')).filter(|d| *d <= 9)
}

/// Days in `month` of `year` in the proleptic Gregorian calendar; 0 for a month that is not 1 to 12.
pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> bool {
        let utf8 = is_iso_datetime(text.as_bytes());
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            utf8,
            is_iso_datetime(&utf16),
            "UTF-8 and UTF-16 disagree on {text:?}"
        );
        utf8
    }

    #[test]
    fn accepts_what_zod_accepts() {
        for ok in [
            "2026-05-16T18:30:00Z",
            "2026-05-16T18:30:00.1Z",
            "2026-05-16T18:30:00.123456789Z",
            "2024-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "0000-02-29T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert!(both(ok), "{ok} should be accepted");
        }
    }

    #[test]
    fn rejects_what_zod_rejects() {
        for bad in [
            "",
            "2026-05-16T18:30:00+02:00",
            "2026-05-16T18:30Z",
            "2026-05-16T18:30:00.Z",
            "2026-05-16T18:30:00z",
            "2026-05-16t18:30:00Z",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-00-10T00:00:00Z",
            "2026-13-10T00:00:00Z",
            "2026-01-00T00:00:00Z",
            "2026-05-16T24:00:00Z",
            "2026-05-16T23:60:00Z",
            "2026-05-16T23:59:60Z",
            "2026-05-16 18:30:00Z",
            "2026-05-16",
            "2026-05-16T18:30:00",
            " 2026-05-16T18:30:00Z",
            "2026-05-16T18:30:00Z ",
            "2026-05-16T18:30:00Z\n",
            "2026-05-16T18:30:00ZZ",
            "２０２６-05-16T18:30:00Z",
            "+2026-05-16T18:30:00Z",
            "2026-5-16T18:30:00Z",
            "2026-05-16T18:30:00.1.2Z",
        ] {
            assert!(!both(bad), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn lone_surrogates_never_match() {
        let mut units: Vec<u16> = "2026-05-16T18:30:00Z".encode_utf16().collect();
        units[0] = 0xD800;
        assert!(!is_iso_datetime(&units));
    }
}
