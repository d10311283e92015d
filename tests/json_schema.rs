//! The crate's JSON Schemas against the ones Zod 4.6.7 writes for the same schemas
//! (tests/fixtures/zod-json-schemas.json, recorded from Zod by tests/js/record-json-schemas.mjs and
//! kept up to date by the JS tests): byte for byte, for every target and io mode.

use auditlog::json_schema::{self, Io, Target};
use serde_json::Value;

#[test]
fn every_json_schema_is_zods_byte_for_byte() {
    let recorded: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/zod-json-schemas.json")).unwrap();
    assert_eq!(recorded.len(), 3 * 6 * 3);
    for case in &recorded {
        let target = Target::from_name(case["target"].as_str());
        // Zod writes the output's schema unless told "input".
        let io = if case["io"] == "input" {
            Io::Input
        } else {
            Io::Output
        };
        let ours = match case["schema"].as_str().unwrap() {
            "entry" => json_schema::entry(target, io),
            "change" => json_schema::change(target, io),
            "action" => json_schema::action(target, io),
            other => panic!("unknown schema {other}"),
        };
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            case["json"].as_str().unwrap(),
            "{case}"
        );
    }
}

#[test]
fn the_platform_record_names_what_json_schema_cannot_say() {
    let schema = json_schema::platform_record(Target::Draft2020_12, Io::Output);
    let description = schema["description"].as_str().unwrap();
    for rule in [
        "workspace.* event (too_small)",
        "missing_resource",
        "duplicate_resource_id",
        "100 levels",
    ] {
        assert!(description.contains(rule), "{rule}");
    }
    let properties = &schema["properties"];
    assert_eq!(properties["event"]["enum"].as_array().unwrap().len(), 42);
    assert_eq!(properties["workspaceId"]["maxLength"], 256);
    // How many resources a record needs depends on its event: the description says so.
    assert!(properties["resources"].get("minItems").is_none());
    assert_eq!(properties["resources"]["type"], "array");
    assert_eq!(
        properties["resources"]["items"]["properties"]["type"]["enum"]
            .as_array()
            .unwrap()
            .len(),
        13
    );
    assert_eq!(properties["remoteIp"]["anyOf"][1]["format"], "ipv4");
    assert_eq!(properties["actorMeta"]["type"], "object");
    let resource = json_schema::platform_resource(Target::OpenApi30, Io::Input);
    assert!(resource.get("$schema").is_none() && resource.get("additionalProperties").is_none());
}
