//! The entry API on raw bytes: never a panic; what it accepts it accepts again, typed or as JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        assert!(auditlog::parse_entry_slice(data).is_err());
        return;
    };
    match auditlog::parse_entry_str(text) {
        Ok(entry) => {
            entry
                .validate()
                .expect("a parsed entry validates as a typed value");
            let again = serde_json::to_string(&entry).expect("entries serialize");
            assert_eq!(
                auditlog::parse_entry_str(&again).expect("its JSON parses again"),
                entry
            );
        }
        Err(auditlog::ParseError::Invalid(error)) => assert!(!error.issues.is_empty()),
        Err(auditlog::ParseError::Json(_)) => {}
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        let issues = auditlog::entry_issues(&json);
        assert_eq!(issues.is_empty(), auditlog::parse_entry(&json).is_ok());
        let _ = auditlog::parse_change(&json);
        let _ = auditlog::parse_action(&json);
    }
});
