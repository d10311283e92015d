//! The model's types as [`schemars::JsonSchema`] (Cargo feature `schemars`), so that a Rust service
//! documents them in its OpenAPI document with the same JSON Schemas as [`crate::json_schema`]:
//! schemars is the JSON Schema crate the Rust web ecosystem builds OpenAPI documents from (aide for
//! axum, okapi for Rocket, dropshot), and its `Schema` holds any JSON, so the document carries the
//! schema exactly. (utoipa's typed model cannot: it has no `{}` for "anything" and drops an `anyOf`
//! beside a `type`.)
//!
//! The generator's settings choose the dialect (draft 2020-12, draft-07, OpenAPI 3.0) and its
//! contract the io mode: what is deserialized (accepted) is the input, what is serialized the output.
//!
//! ```
//! # #[cfg(feature = "schemars")] {
//! let schema = schemars::SchemaGenerator::default().into_root_schema_for::<auditlog::AuditLogEntry>();
//! assert_eq!(schema.get("required").unwrap()[0], "id");
//! # }
//! ```

use std::borrow::Cow;

use schemars::generate::{Contract, SchemaGenerator};
use schemars::{JsonSchema, Schema};

use crate::json_schema::{self, Io, Target};
use crate::model::{
    AuditLogAction, AuditLogChange, AuditLogEntry, PlatformRecord, PlatformResource,
};
use crate::rules::{Root, entry, platform};

/// The target the generator's meta-schema stands for.
fn target_of(generator: &SchemaGenerator) -> Target {
    match generator.settings().meta_schema.as_deref() {
        None | Some("https://json-schema.org/draft/2020-12/schema") => Target::Draft2020_12,
        Some("http://json-schema.org/draft-07/schema#") => Target::Draft07,
        Some(uri) if uri.starts_with("https://spec.openapis.org/oas/3.0") => Target::OpenApi30,
        Some(_) => Target::Other,
    }
}

/// The schema of `root` for this generator, without `$schema` (the generator writes its own).
fn schema_for(root: Root, generator: &SchemaGenerator) -> Schema {
    // What is serialized is the output; what is deserialized (and any contract schemars may add)
    // is what the schema accepts.
    let io = if matches!(generator.contract(), Contract::Serialize) {
        Io::Output
    } else {
        Io::Input
    };
    let mut value = json_schema::of(root, target_of(generator), io);
    if let Some(object) = value.as_object_mut() {
        object.remove("$schema");
    }
    // Every schema written is a JSON object, which schemars takes as it is.
    Schema::try_from(value).unwrap_or_default()
}

macro_rules! json_schema_of {
    ($($model:ty => $name:literal, $root:expr;)*) => {$(
        impl JsonSchema for $model {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }

            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                schema_for($root, generator)
            }
        }
    )*};
}

json_schema_of! {
    AuditLogEntry => "AuditLogEntry", Root::Object(&entry::ENTRY);
    AuditLogChange => "AuditLogChange", Root::Object(&entry::CHANGE);
    AuditLogAction => "AuditLogAction", Root::Value(entry::ACTION);
    PlatformRecord => "PlatformRecord", Root::Object(&platform::RECORD);
    PlatformResource => "PlatformResource", Root::Object(&platform::RESOURCE);
}
