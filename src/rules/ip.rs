//! IP addresses, as the standard library parses them: dotted-quad IPv4 (no leading zeros) and IPv6
//! in its textual forms (`::`, embedded IPv4), without zone ids.

use std::net::IpAddr;

use crate::input::Text;

/// Whether `text` is an IPv4 or IPv6 address.
pub(crate) fn is_ip_address(text: Text<'_>) -> bool {
    // No address is longer than this; longer text is not worth converting.
    const LONGEST: usize = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255".len();
    match text {
        Text::Utf8(s) => s.len() <= LONGEST && s.parse::<IpAddr>().is_ok(),
        // Non-ASCII never forms an address, so the lossy conversion cannot make one valid.
        Text::Utf16(units) => {
            units.len() <= LONGEST && String::from_utf16_lossy(units).parse::<IpAddr>().is_ok()
        }
        Text::LengthOnly(_) => false,
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
            "2001:db8::8a2e:370:7334",
            "::ffff:192.0.2.1",
            "fe80::1",
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
            "localhost",
            "١.٢.٣.٤",
        ] {
            assert!(!is_ip_address(Text::Utf8(bad)), "{bad:?}");
        }
    }
}
