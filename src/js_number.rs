//! JavaScript's `Number(x)` for JSON values, which Zod's length check applies (through `>=`) to the
//! `length` of a non-string: `{"id": {"length": "2"}}` passes that check, `{"length": "x"}` fails it.

use serde_json::Value;

/// `Number(value)` for a value that came from JSON.
pub fn to_number(value: &Value) -> f64 {
    match value {
        Value::Null => 0.0,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::String(s) => string_to_number(s),
        // ToPrimitive of an array is `array.join(",")`: `[]` is "", `[5]` is "5", `[1,2]` is "1,2".
        Value::Array(items) => match items.as_slice() {
            [] => 0.0,
            [only] => match only {
                Value::Null => 0.0,
                Value::Array(_) | Value::Number(_) | Value::String(_) | Value::Bool(_) => {
                    to_number(&Value::String(join_for_to_primitive(only)))
                }
                Value::Object(_) => f64::NAN,
            },
            _ => f64::NAN, // "a,b" never parses as a number
        },
        // "[object Object]"
        Value::Object(_) => f64::NAN,
    }
}

/// `String(value)` of a JSON array element as `Array.prototype.join` writes it.
fn join_for_to_primitive(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => js_number_string(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(join_for_to_primitive)
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".to_owned(),
    }
}

/// A JSON number as JavaScript prints it; only whether it reads back as a number >= 1 matters, and
/// Rust's shortest round-trip form reads back to the same value.
fn js_number_string(n: &serde_json::Number) -> String {
    n.as_f64().map_or_else(String::new, |f| f.to_string())
}

/// JavaScript's StringToNumber: surrounding white space ignored, "" is 0, decimal literals with an
/// optional sign, `Infinity`, and unsigned `0x`/`0o`/`0b` integers; anything else is NaN.
pub fn string_to_number(s: &str) -> f64 {
    let s = s.trim_matches(is_js_whitespace);
    if s.is_empty() {
        return 0.0;
    }
    let radix_digits = |prefix_len: usize, radix: u32| -> f64 {
        let digits = &s[prefix_len..];
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return f64::NAN;
        }
        digits.chars().fold(0.0, |acc, c| {
            acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
        })
    };
    match s.get(..2) {
        Some("0x" | "0X") => return radix_digits(2, 16),
        Some("0o" | "0O") => return radix_digits(2, 8),
        Some("0b" | "0B") => return radix_digits(2, 2),
        _ => {}
    }
    let (sign, unsigned) = match s.as_bytes()[0] {
        b'+' => (1.0, &s[1..]),
        b'-' => (-1.0, &s[1..]),
        _ => (1.0, s),
    };
    if unsigned == "Infinity" {
        return sign * f64::INFINITY;
    }
    if is_decimal_literal(unsigned) {
        // Rust's parser is correctly rounded, as JavaScript's is, on this grammar.
        unsigned.parse::<f64>().map_or(f64::NAN, |f| sign * f)
    } else {
        f64::NAN
    }
}

/// `digits [. digits] [e[+-]digits]` or `. digits [exponent]`, with at least one mantissa digit.
fn is_decimal_literal(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    let count_digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = count_digits(&mut i);
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        mantissa += count_digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        if count_digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

/// JavaScript's WhiteSpace and LineTerminator characters, which `Number(string)` trims.
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{A}' | '\u{B}' | '\u{C}' | '\u{D}' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_convert_like_javascript() {
        let cases: [(&str, f64); 16] = [
            ("", 0.0),
            ("  ", 0.0),
            ("5", 5.0),
            (" 5\n", 5.0),
            ("+1.5", 1.5),
            ("-2", -2.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e3", 1000.0),
            ("0x10", 16.0),
            ("0b11", 3.0),
            ("0o17", 15.0),
            ("Infinity", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("\u{FEFF}7", 7.0),
            ("1E-1", 0.1),
        ];
        for (text, expected) in cases {
            assert_eq!(string_to_number(text), expected, "Number({text:?})");
        }
        for nan in [
            "x", "1x", "inf", "nan", "NaN", "-0x10", "1_0", "e5", ".", "1e", "0x", "--1",
        ] {
            assert!(
                string_to_number(nan).is_nan(),
                "Number({nan:?}) should be NaN"
            );
        }
    }

    #[test]
    fn json_values_convert_like_javascript() {
        assert_eq!(to_number(&json!(null)), 0.0);
        assert_eq!(to_number(&json!(true)), 1.0);
        assert_eq!(to_number(&json!([])), 0.0);
        assert_eq!(to_number(&json!([7])), 7.0);
        assert_eq!(to_number(&json!([["8"]])), 8.0);
        assert_eq!(to_number(&json!([null])), 0.0);
        assert!(to_number(&json!([1, 2])).is_nan());
        assert!(to_number(&json!([true])).is_nan());
        assert!(to_number(&json!({})).is_nan());
    }
}
