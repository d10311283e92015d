//! The JSON Schema of each schema, derived from the same tables the validators use, in the form
//! Zod 4.6.7's `z.toJSONSchema` writes for the open-types schemas (key order, `$schema`,
//! `additionalProperties`, `required`, `propertyNames`, the datetime `format` and `pattern`; custom
//! error messages left out, as Zod leaves them out). Tools read it to build forms, OpenAPI
//! documents and LLM tool definitions.
//!
//! ```
//! use auditlog::json_schema::{self, Io, Target};
//! let schema = json_schema::entry(Target::Draft2020_12, Io::Output);
//! assert_eq!(schema["properties"]["id"]["minLength"], 1);
//! ```
//!
//! What JSON Schema cannot say, consumers of these schemas do not check: the platform record's
//! rules across fields (an event names the resources it acts on; resource ids are unique), that
//! metadata values are JSON nested at most 100 levels, and Zod's length quirk on non-strings. The
//! record's `description` names them.

use serde_json::Value;

use crate::rules::datetime::DATETIME_REGEX;
use crate::rules::schema::{Format, ObjectSchema, Rule, StringRule};
use crate::rules::{Root, entry, platform};

/// The JSON Schema dialect to write, as Zod names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Target {
    /// `draft-2020-12`, the default.
    Draft2020_12,
    /// `draft-07`.
    Draft07,
    /// `draft-04`.
    Draft04,
    /// `openapi-3.0`: OpenAPI 3.0's dialect of JSON Schema (no `$schema`).
    OpenApi30,
    /// Any other name: Zod writes no `$schema` and nothing newer than draft-04.
    Other,
}

impl Target {
    /// Every target, in the order of their numbers (the wasm protocol's).
    pub const ALL: [Target; 5] = [
        Target::Draft2020_12,
        Target::Draft07,
        Target::Draft04,
        Target::OpenApi30,
        Target::Other,
    ];

    /// Every name Zod knows a target by (its old names `draft-4` and `draft-7` included).
    pub const NAMES: [(&'static str, Target); 6] = [
        ("draft-2020-12", Target::Draft2020_12),
        ("draft-07", Target::Draft07),
        ("draft-7", Target::Draft07),
        ("draft-04", Target::Draft04),
        ("draft-4", Target::Draft04),
        ("openapi-3.0", Target::OpenApi30),
    ];

    /// The target a name stands for (`None` is the default, draft 2020-12), as Zod reads it.
    pub fn from_name(name: Option<&str>) -> Target {
        let Some(name) = name else {
            return Target::Draft2020_12;
        };
        Self::NAMES
            .iter()
            .find(|(known, _)| *known == name)
            .map_or(Target::Other, |(_, target)| *target)
    }

    /// Its name, as Zod spells it (`None` for [`Target::Other`]).
    pub const fn name(self) -> Option<&'static str> {
        match self {
            Target::Draft2020_12 => Some("draft-2020-12"),
            Target::Draft07 => Some("draft-07"),
            Target::Draft04 => Some("draft-04"),
            Target::OpenApi30 => Some("openapi-3.0"),
            Target::Other => None,
        }
    }

    /// The `$schema` it writes first, if any.
    pub const fn schema_uri(self) -> Option<&'static str> {
        match self {
            Target::Draft2020_12 => Some("https://json-schema.org/draft/2020-12/schema"),
            Target::Draft07 => Some("http://json-schema.org/draft-07/schema#"),
            Target::Draft04 => Some("http://json-schema.org/draft-04/schema#"),
            Target::OpenApi30 | Target::Other => None,
        }
    }

    /// `propertyNames` came with draft 06.
    const fn has_property_names(self) -> bool {
        matches!(self, Target::Draft2020_12 | Target::Draft07)
    }
}

/// Whether the schema describes what is accepted (`Input`) or what parsing returns (`Output`, the
/// default): the output has no keys the schema does not know (`additionalProperties: false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Io {
    /// What the schema accepts.
    Input = 0,
    /// What parsing returns.
    Output = 1,
}

/// The members of a JSON object being written: the commas between them, and the braces around.
struct Members<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> Members<'o> {
    fn open(out: &'o mut String) -> Self {
        out.push('{');
        Members { out, empty: true }
    }

    /// Writes `"key":` (after a comma if a member came before) and returns where its value goes.
    // Not inlined, here and below: every schema writes dozens of keys, and inlined copies of these
    // few lines would weigh kilobytes of the browser's module.
    #[inline(never)]
    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        string(self.out, key);
        self.out.push(':');
        self.out
    }

    fn close(self) {
        self.out.push('}');
    }
}

/// A JSON string literal. The schemas' strings (names, the datetime pattern, descriptions) hold no
/// quotes or control characters, so backslashes are all there is to escape (a test holds every
/// schema to serde_json's writing of it).
#[inline(never)]
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

fn strings(out: &mut String, list: &[&str]) {
    out.push('[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, s);
    }
    out.push(']');
}

/// The JSON Schema of a schema, as JSON text (no spaces), with `$schema` first where the target
/// has one.
pub fn text(root: Root, target: Target, io: Io) -> String {
    write_text(root, target, io, target.schema_uri())
}

/// [`text`] without `$schema`, which the npm package's glue puts back (it carries these texts, and
/// most targets differ only there).
pub fn text_without_schema_uri(root: Root, target: Target, io: Io) -> String {
    write_text(root, target, io, None)
}

fn write_text(root: Root, target: Target, io: Io, uri: Option<&str>) -> String {
    let mut out = String::new();
    let mut members = Members::open(&mut out);
    if let Some(uri) = uri {
        string(members.key("$schema"), uri);
    }
    match root {
        Root::Object(schema) => object(schema, &mut members, target, io),
        Root::Value(rule) => rule_schema(&rule, &mut members, target, io),
    }
    members.close();
    out
}

/// The JSON Schema of a schema, as a `serde_json::Value` (its keys in order).
pub fn of(root: Root, target: Target, io: Io) -> Value {
    // The text is JSON by construction (a test parses every schema in every form).
    serde_json::from_str(&text(root, target, io)).unwrap_or_default()
}

fn nested(out: &mut String, write: &mut dyn FnMut(&mut Members<'_>)) {
    let mut members = Members::open(out);
    write(&mut members);
    members.close();
}

fn object(schema: &ObjectSchema, members: &mut Members<'_>, target: Target, io: Io) {
    string(members.key("type"), "object");
    nested(members.key("properties"), &mut |properties| {
        for field in schema.fields {
            nested(properties.key(field.name), &mut |m| {
                rule_schema(&field.rule, m, target, io)
            });
        }
    });
    let required: Vec<&str> = schema
        .fields
        .iter()
        .filter(|field| !field.optional)
        .map(|field| field.name)
        .collect();
    if !required.is_empty() {
        strings(members.key("required"), &required);
    }
    if io == Io::Output {
        members.key("additionalProperties").push_str("false");
    }
    if let Some(description) = schema.description {
        string(members.key("description"), description);
    }
}

fn rule_schema(rule: &Rule, members: &mut Members<'_>, target: Target, io: Io) {
    match rule {
        Rule::Unknown => {}
        Rule::String(rule) => string_schema(rule, members),
        Rule::Enum { values, .. } => {
            string(members.key("type"), "string");
            strings(members.key("enum"), values);
        }
        Rule::Record(schema) => {
            string(members.key("type"), "object");
            if target.has_property_names() {
                nested(members.key("propertyNames"), &mut |m| {
                    string(m.key("type"), "string")
                });
            }
            nested(members.key("additionalProperties"), &mut |m| {
                object(schema, m, target, io)
            });
        }
        Rule::Array { items } => {
            string(members.key("type"), "array");
            nested(members.key("items"), &mut |m| object(items, m, target, io));
        }
        Rule::JsonObject => {
            string(members.key("type"), "object");
            let description = "A JSON object: every value survives JSON.parse(JSON.stringify(value)), nested at most 100 levels.";
            string(members.key("description"), description);
        }
    }
}

fn string_schema(rule: &StringRule, members: &mut Members<'_>) {
    string(members.key("type"), "string");
    if let Some((min, _)) = rule.limits.min {
        crate::messages::push_number(members.key("minLength"), min);
    }
    if let Some(max) = rule.limits.max {
        crate::messages::push_number(members.key("maxLength"), max);
    }
    match rule.format {
        Some(Format::Datetime) => {
            string(members.key("format"), "date-time");
            string(members.key("pattern"), DATETIME_REGEX);
        }
        // The empty string (no address known), or an address.
        Some(Format::IpOrEmpty) => {
            members
                .key("anyOf")
                .push_str(r#"[{"maxLength":0},{"format":"ipv4"},{"format":"ipv6"}]"#);
        }
        None => {}
    }
}

/// `auditLogEntrySchema`'s JSON Schema.
pub fn entry(target: Target, io: Io) -> Value {
    of(Root::Object(&entry::ENTRY), target, io)
}

/// `auditLogChangeSchema`'s JSON Schema.
pub fn change(target: Target, io: Io) -> Value {
    of(Root::Object(&entry::CHANGE), target, io)
}

/// `auditLogActionSchema`'s JSON Schema.
pub fn action(target: Target, io: Io) -> Value {
    of(Root::Value(entry::ACTION), target, io)
}

/// The platform record's JSON Schema (its `description` names the rules JSON Schema cannot say).
pub fn platform_record(target: Target, io: Io) -> Value {
    of(Root::Object(&platform::RECORD), target, io)
}

/// The JSON Schema of one resource of the platform record.
pub fn platform_resource(target: Target, io: Io) -> Value {
    of(Root::Object(&platform::RESOURCE), target, io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_in_every_form_is_json() {
        let roots = [
            Root::Object(&entry::ENTRY),
            Root::Object(&entry::CHANGE),
            Root::Value(entry::ACTION),
            Root::Object(&platform::RECORD),
            Root::Object(&platform::RESOURCE),
        ];
        for root in roots {
            for target in Target::ALL {
                for io in [Io::Input, Io::Output] {
                    let text = text(root, target, io);
                    let value: Value =
                        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
                    assert_eq!(value.to_string(), text, "written as serde_json writes it");
                }
            }
        }
    }

    #[test]
    fn strings_and_numbers_are_written_as_json_stringify_does() {
        let mut out = String::new();
        string(&mut out, "a\\b\\\\c/é");
        assert_eq!(out, Value::from("a\\b\\\\c/é").to_string());
        for n in [0, 7, 10, 256, u32::MAX] {
            let mut out = String::new();
            crate::messages::push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn targets_are_read_as_zod_reads_them() {
        assert_eq!(Target::from_name(None), Target::Draft2020_12);
        for target in Target::ALL {
            if let Some(name) = target.name() {
                assert_eq!(Target::from_name(Some(name)), target);
            }
        }
        assert_eq!(Target::from_name(Some("draft-2019-09")), Target::Other);
        assert_eq!(Target::from_name(Some("draft-7")), Target::Draft07);
        assert!(entry(Target::Other, Io::Input).get("$schema").is_none());
    }
}
