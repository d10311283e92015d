//! A `serde_json::Value` as the rules read it: described the way the JS glue describes the value
//! `JSON.parse` would give for the same text, so that the Rust API and the npm package answer alike.

use serde_json::{Map, Value as Json};

use super::{FieldNames, Read, Source};
use crate::js_number::to_number;
use crate::value::{KeyKind, KeyRef, Kind, Text, Value, array_index};

/// A JSON value; `None` is a missing key (JavaScript's `undefined`).
pub struct JsonSource<'a> {
    json: Option<&'a Json>,
}

impl<'a> JsonSource<'a> {
    /// The source of a whole JSON value.
    pub fn of(json: &'a Json) -> Self {
        JsonSource { json: Some(json) }
    }
}

/// What the rules need to know about a JSON value itself.
fn describe(json: &Json) -> Value<'_> {
    match json {
        Json::Null => Value::of_kind(Kind::Null),
        Json::Bool(_) => Value::of_kind(Kind::Boolean),
        // serde_json holds finite numbers only.
        Json::Number(_) => Value::of_kind(Kind::Number),
        Json::String(s) => Value::string(Text::Utf8(s)),
        Json::Array(items) => Value {
            length: Some(items.len() as f64),
            ..Value::of_kind(Kind::Array)
        },
        Json::Object(object) => Value::plain_object(object.get("length").map(to_number)),
    }
}

impl<'a> Source<'a> for JsonSource<'a> {
    fn value(&self) -> Value<'a> {
        self.json.map_or(Value::undefined(), describe)
    }

    fn fields(
        &mut self,
        names: &dyn FieldNames,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        if let Some(Json::Object(object)) = self.json {
            for index in 0..names.count() {
                let json = names.name(index).and_then(|name| object.get(name));
                visit(index, &mut JsonSource { json })?;
            }
        }
        Ok(())
    }

    fn entries(
        &mut self,
        visit: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        if let Some(Json::Object(object)) = self.json {
            for (key, value) in js_order(object) {
                let key_kind = if key == "__proto__" {
                    KeyKind::Proto
                } else {
                    KeyKind::String
                };
                visit(key_kind, KeyRef::Name(key), &mut JsonSource::of(value))?;
            }
        }
        Ok(())
    }

    fn items(&mut self, visit: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Read) -> Read {
        if let Some(Json::Array(items)) = self.json {
            for (index, item) in (0u32..).zip(items) {
                visit(index, &mut JsonSource::of(item))?;
            }
        }
        Ok(())
    }
}

/// A JSON object's keys in JavaScript's order: array indices ascending, then the rest as written.
pub(crate) fn js_order(record: &Map<String, Json>) -> impl Iterator<Item = (&str, &Json)> {
    let mut indices: Vec<(u32, &str, &Json)> = record
        .iter()
        .filter_map(|(key, value)| array_index(key).map(|index| (index, key.as_str(), value)))
        .collect();
    indices.sort_unstable_by_key(|(index, _, _)| *index);
    let named = record
        .iter()
        .filter(|(key, _)| array_index(key).is_none())
        .map(|(key, value)| (key.as_str(), value));
    indices
        .into_iter()
        .map(|(_, key, value)| (key, value))
        .chain(named)
}
