//! IP addresses, as the standard library's `IpAddr` parser accepts them: dotted-quad IPv4 (no
//! leading zeros) and IPv6 in its textual forms (`::`, embedded IPv4), without zone ids.
//!
//! Written here rather than calling `str::parse::<IpAddr>`: std's parser and the number formatting
//! it pulls in weighed about 2 KB (0.7 KB gzip) of the browser's wasm module, which must stay smaller than the Zod
//! schema it replaces (`make bench` measures it). The grammar is std's, step for step, and a test holds it
//! to std's answers on a quarter of a million generated strings.
//!
//! ```
//! use serde_json::json;
//! // The platform record's `remoteIp`: an address, or "" when none is known.
//! let record = |ip| json!({ "event": "workspace.update", "workspaceId": "ws_1", "display": "",
//!     "actorId": "user_1", "actorType": "user", "resources": [], "remoteIp": ip });
//! for valid in ["192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1", ""] {
//!     assert!(auditlog::platform_record_issues(&record(valid)).is_empty(), "{valid}");
//! }
//! for invalid in ["01.2.3.4", "256.0.0.1", "fe80::1%eth0", "localhost"] {
//!     let issues = auditlog::platform_record_issues(&record(invalid));
//!     assert_eq!(issues[0].message, "Invalid IPv4 or IPv6 address", "{invalid}");
//! }
//! ```

use crate::value::Text;

/// Whether `text` is an IPv4 or IPv6 address.
pub(crate) fn is_ip_address(text: Text<'_>) -> bool {
    // No address is longer than this; longer text is not worth reading.
    const LONGEST: usize = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255".len();
    let mut bytes = [0u8; LONGEST];
    let text: &[u8] = match text {
        #[cfg(ndjson)]
        Text::Utf8(s) if s.len() <= LONGEST => s.as_bytes(),
        // Only ASCII can form an address: any other unit makes the text invalid.
        Text::Utf16(units) if units.len() <= LONGEST => {
            for (byte, &unit) in bytes.iter_mut().zip(units) {
                *byte = u8::try_from(unit).unwrap_or(0xFF);
            }
            &bytes[..units.len()]
        }
        _ => return false,
    };
    let mut cursor = Cursor { text, at: 0 };
    let address = cursor.ipv4().or_else(|| cursor.ipv6());
    address.is_some() && cursor.at == text.len()
}

/// A position in the text; every `read_*` that fails leaves it where it was.
struct Cursor<'a> {
    text: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    /// Runs `read`, and moves back to where it started if it fails.
    fn atomically<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.at;
        let result = read(self);
        if result.is_none() {
            self.at = start;
        }
        result
    }

    fn byte(&mut self, expected: u8) -> Option<()> {
        (self.text.get(self.at) == Some(&expected)).then(|| self.at += 1)
    }

    /// A number of 1 to `max_digits` digits in `radix` (more digits fail), no larger than `max`;
    /// with a leading zero only where `zero_prefix` allows it.
    fn number(&mut self, radix: u32, max_digits: usize, max: u32, zero_prefix: bool) -> Option<()> {
        self.atomically(|cursor| {
            let leading_zero = cursor.text.get(cursor.at) == Some(&b'0');
            let (mut value, mut digits) = (0u32, 0usize);
            while let Some(digit) = cursor
                .text
                .get(cursor.at)
                .and_then(|&b| char::from(b).to_digit(radix))
            {
                cursor.at += 1;
                value = value * radix + digit;
                digits += 1;
                if digits > max_digits || value > max {
                    return None;
                }
            }
            let valid = digits > 0 && (zero_prefix || !leading_zero || digits == 1);
            valid.then_some(())
        })
    }

    fn ipv4(&mut self) -> Option<()> {
        self.atomically(|cursor| {
            for part in 0..4 {
                if part > 0 {
                    cursor.byte(b'.')?;
                }
                cursor.number(10, 3, 255, false)?;
            }
            Some(())
        })
    }

    /// Up to `limit` groups separated by `:`, the last two of which may be an embedded IPv4
    /// address: how many groups were read, and whether they ended with IPv4.
    fn groups(&mut self, limit: usize) -> (usize, bool) {
        for i in 0..limit {
            let separator = |cursor: &mut Self| if i > 0 { cursor.byte(b':') } else { Some(()) };
            if i + 1 < limit
                && self
                    .atomically(|cursor| {
                        separator(cursor)?;
                        cursor.ipv4()
                    })
                    .is_some()
            {
                return (i + 2, true);
            }
            let group = self.atomically(|cursor| {
                separator(cursor)?;
                cursor.number(16, 4, 0xFFFF, true)
            });
            if group.is_none() {
                return (i, false);
            }
        }
        (limit, false)
    }

    fn ipv6(&mut self) -> Option<()> {
        self.atomically(|cursor| {
            let (head, head_ipv4) = cursor.groups(8);
            if head == 8 {
                return Some(());
            }
            // An embedded IPv4 address ends the address: no `::` after it.
            if head_ipv4 {
                return None;
            }
            cursor.byte(b':')?;
            cursor.byte(b':')?;
            // `::` stands for at least one group of zeros.
            cursor.groups(7 - head);
            Some(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        for ok in [
            "203.0.113.42",
            "0.0.0.0",
            "255.255.255.255",
            "::",
            "::1",
            "1::",
            "2001:db8::8a2e:370:7334",
            "::ffff:192.0.2.1",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7::",
            "fe80::1",
            "0000:0:0:0:0:0:0:FFFF",
        ] {
            assert!(is_ip_address(Text::Utf8(ok)), "{ok}");
        }
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3.04",
            " 1.2.3.4",
            "1.2.3.4 ",
            "fe80::1%eth0",
            ":::",
            "2001:db8::g",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6::1.2.3.4",
            "00000::",
            "localhost",
            "١.٢.٣.٤",
        ] {
            assert!(!is_ip_address(Text::Utf8(bad)), "{bad:?}");
        }
    }

    /// Generated strings over the characters addresses are made of: this grammar and std's parser
    /// give the same answer on every one, in UTF-8 and in UTF-16.
    #[test]
    fn same_answers_as_std() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut valid = 0;
        let mut pick = |from: &[u8]| char::from(from[(next() % from.len() as u64) as usize]);
        for _ in 0..250_000 {
            let mut text = String::new();
            // Parts of 1 to 5 digits (leading zeros, too many digits, hex) between separators.
            for _ in 0..(pick(b"123456789") as u8 - b'0') {
                for _ in 0..(pick(b"1112233345") as u8 - b'0') {
                    text.push(pick(b"000112559aAfFg"));
                }
                text.push_str(
                    ["", ".", ".", ":", ":", "::", " "][(pick(b"0123456") as u8 - b'0') as usize],
                );
            }
            let expected = text.parse::<std::net::IpAddr>().is_ok();
            valid += usize::from(expected);
            assert_eq!(is_ip_address(Text::Utf8(&text)), expected, "{text:?}");
            let units: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(
                is_ip_address(Text::Utf16(&units)),
                expected,
                "{text:?} as UTF-16"
            );
        }
        // The generator must reach valid addresses, or the comparison proves little.
        assert!(valid > 1_000, "only {valid} valid addresses generated");
    }
}
