//! The model's schemars schemas (Cargo feature `schemars`) are the crate's JSON Schemas, in each
//! dialect and io mode a generator asks for: what an OpenAPI document built with schemars shows.
#![cfg(feature = "schemars")]

use auditlog::json_schema::{self, Io, Target};
use auditlog::{AuditLogEntry, PlatformRecord};
use schemars::SchemaGenerator;
use schemars::generate::{Contract, SchemaSettings};
use serde_json::Value;

fn without_schema_uri(mut value: Value) -> Value {
    value.as_object_mut().unwrap().remove("$schema");
    value
}

#[test]
fn each_dialect_and_contract_gets_the_crates_json_schema() {
    let settings = [
        (SchemaSettings::draft2020_12(), Target::Draft2020_12),
        (SchemaSettings::draft07(), Target::Draft07),
        (SchemaSettings::openapi3(), Target::OpenApi30),
    ];
    for (settings, target) in settings {
        for (contract, io) in [
            (Contract::Deserialize, Io::Input),
            (Contract::Serialize, Io::Output),
        ] {
            let mut generator =
                SchemaGenerator::new(settings.clone().with(|s| s.contract = contract.clone()));
            let entry = generator.subschema_for::<AuditLogEntry>();
            let record = generator.subschema_for::<PlatformRecord>();
            // The document refers to them by name; the definitions are the crate's schemas.
            assert_eq!(
                entry
                    .get("$ref")
                    .and_then(Value::as_str)
                    .map(|r| r.ends_with("/AuditLogEntry")),
                Some(true)
            );
            let definitions = generator.definitions();
            assert_eq!(
                definitions["AuditLogEntry"],
                without_schema_uri(json_schema::entry(target, io)),
                "{target:?} {io:?}"
            );
            assert_eq!(
                definitions["PlatformRecord"],
                without_schema_uri(json_schema::platform_record(target, io)),
                "{target:?} {io:?}"
            );
            assert!(record.get("$ref").is_some());
        }
    }
}
