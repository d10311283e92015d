//! The platform-record API on raw bytes: never a panic; what it accepts it accepts again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match auditlog::parse_platform_record_str(text) {
        Ok(record) => {
            record
                .validate()
                .expect("a parsed record validates as a typed value");
            let again = serde_json::to_string(&record).expect("records serialize");
            assert_eq!(
                auditlog::parse_platform_record_str(&again).expect("its JSON parses again"),
                record
            );
        }
        Err(auditlog::ParseError::Invalid(error)) => assert!(!error.issues.is_empty()),
        Err(auditlog::ParseError::Json(_)) => {}
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = auditlog::parse_platform_resource(&json);
    }
});
