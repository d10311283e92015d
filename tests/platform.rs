//! The platform record through the Rust API: the same answers as the npm package for the same
//! JSON (tests/fixtures/platform-recorded.json, recorded from the package and kept up to date by the
//! JS tests), and the typed API.

mod common;

use auditlog::{
    ParseError, PlatformActor, PlatformEvent, PlatformRecord, PlatformResource,
    PlatformResourceType, parse_platform_record, parse_platform_record_str,
    parse_platform_resource, platform_record_issues,
};
use serde_json::{Value, json};

fn outcome(schema: &str, input: &Value) -> Value {
    let result = match schema {
        "record" => {
            parse_platform_record(input).map(|record| serde_json::to_value(record).unwrap())
        }
        "resource" => {
            parse_platform_resource(input).map(|resource| serde_json::to_value(resource).unwrap())
        }
        other => panic!("unknown schema {other}"),
    };
    match result {
        Ok(data) => json!({ "success": true, "data": data }),
        Err(error) => json!({ "success": false, "issues": error }),
    }
}

#[test]
fn the_rust_api_answers_as_the_npm_package_does() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/platform-recorded.json")).unwrap();
    assert!(cases.len() > 1000, "only {} cases", cases.len());
    for case in &cases {
        let schema = case["schema"].as_str().unwrap();
        let actual = outcome(schema, &case["input"]);
        assert_eq!(
            actual.to_string(),
            case["expected"].to_string(),
            "{schema}: {} (look at {})",
            case["name"],
            common::rules_behind(&case["expected"], &actual)
        );
    }
}

fn record_for(event: PlatformEvent) -> PlatformRecord {
    PlatformRecord {
        event,
        workspace_id: "ws_1".into(),
        display: String::new(),
        actor_id: "user_1".into(),
        actor_type: PlatformActor::User,
        actor_name: None,
        actor_meta: None,
        resources: event
            .required_resources()
            .iter()
            .enumerate()
            .map(|(i, &resource_type)| PlatformResource {
                id: format!("r{i}"),
                resource_type,
                name: None,
                display_name: None,
                meta: None,
            })
            .collect(),
        remote_ip: Some("2001:db8::1".into()),
        user_agent: None,
    }
}

#[test]
fn every_event_is_valid_with_the_resources_it_names() {
    assert_eq!(PlatformEvent::ALL.len(), 42);
    for &event in PlatformEvent::ALL {
        let record = record_for(event);
        record
            .validate()
            .unwrap_or_else(|e| panic!("{event:?}: {e}"));
        let text = serde_json::to_string(&record).unwrap();
        assert_eq!(parse_platform_record_str(&text).unwrap(), record);
    }
    assert_eq!(
        PlatformEvent::from_name("authorization.disconnect_role_and_permissions"),
        Some(PlatformEvent::AuthDisconnectRolePermission)
    );
    assert_eq!(PlatformResourceType::ALL.len(), 13);
}

#[test]
fn typed_records_are_checked_by_the_same_rules() {
    let mut record = record_for(PlatformEvent::KeyCreate);
    record.resources.push(record.resources[0].clone());
    record.remote_ip = Some("not an address".into());
    record.workspace_id = "w".repeat(257);
    let error = record.validate().unwrap_err();
    let codes: Vec<(&str, String)> = error
        .issues
        .iter()
        .map(|i| (i.code.name(), serde_json::to_string(&i.path).unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("too_big", r#"["workspaceId"]"#.to_owned()),
            ("invalid_format", r#"["remoteIp"]"#.to_owned()),
            (
                "duplicate_resource_id",
                r#"["resources",1,"id"]"#.to_owned()
            ),
        ]
    );
}

#[test]
fn json_metadata_deeper_than_100_levels_is_an_issue() {
    let mut meta = json!(1);
    for _ in 0..101 {
        meta = json!({ "x": meta });
    }
    let mut record = serde_json::to_value(record_for(PlatformEvent::RoleCreate)).unwrap();
    record["actorMeta"] = meta;
    let issues = platform_record_issues(&record);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code.name(), "too_big");
    assert_eq!(issues[0].path.len(), 101);
}

#[test]
fn bad_json_text_is_a_json_error() {
    assert!(matches!(
        parse_platform_record_str("{\"event\":"),
        Err(ParseError::Json(_))
    ));
}

#[test]
fn the_demo_records_are_what_their_names_say() {
    let samples: Vec<Value> =
        serde_json::from_str(include_str!("../examples/records.json")).unwrap();
    for sample in &samples {
        let name = sample["name"].as_str().unwrap();
        assert_eq!(
            parse_platform_record(&sample["record"]).is_ok(),
            name.starts_with("valid:"),
            "{name}"
        );
    }
}
