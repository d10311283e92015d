//! Python values as the rules read them: a [`Source`] over the objects themselves, with no JSON
//! text in between. What each Python type is, in JavaScript's terms (python/README.md lists it):
//!
//! - `None` null; `bool` a boolean; `int` a number, as JSON.parse reads the same digits (rounded
//!   beyond 2^53; beyond the float range, ±Infinity); `float` a number, NaN, Infinity or -Infinity;
//! - `str` (and subclasses) a string, lone surrogates kept as JavaScript keeps them;
//! - `list` and `tuple` (and subclasses) arrays;
//! - `dict` (and subclasses) a plain object when every key is a `str`; with any other key it is an
//!   object but not a plain one (JSON has no such object): its `str` keys are still fields;
//! - anything callable a function; anything else an object that is not plain, named by its type
//!   (`received datetime`), with no fields (`bytes`, `set`, `datetime`, `Decimal`, instances).
//!
//! Reading never runs the input's own methods (`__getitem__`, `__iter__`, `__len__`, `__str__`
//! are not called; dicts and lists are read through their C API), and nothing is changed. A lookup
//! in a dict may run a key's `__eq__` (a key whose hash equals a field name's): if that raises,
//! the check stops and the exception is the caller's, as a throwing getter's is with Zod.

use std::cell::RefCell;

use auditlog::js_number::to_number;
use auditlog::source::{FieldNames, Read, Source, Unreadable};
use auditlog::value::{KeyKind, KeyRef, Kind, Text, Value, array_index};
use pyo3::exceptions::PyUnicodeEncodeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value as Json;
use typed_arena::Arena;

/// What one check keeps alive while the rules hold references into it: each string's UTF-8 (or
/// UTF-16, for a string with lone surrogates), and the first Python exception met.
pub struct Reading<'py> {
    utf8: Arena<Bound<'py, PyBytes>>,
    utf16: Arena<Vec<u16>>,
    keys: Arena<String>,
    error: RefCell<Option<PyErr>>,
}

impl<'py> Reading<'py> {
    pub fn new() -> Self {
        Reading {
            utf8: Arena::new(),
            utf16: Arena::new(),
            keys: Arena::new(),
            error: RefCell::new(None),
        }
    }

    /// Keeps the first exception; the check stops (the rules see an unreadable source).
    fn fail(&self, error: PyErr) -> Unreadable {
        let mut slot = self.error.borrow_mut();
        if slot.is_none() {
            *slot = Some(error);
        }
        Unreadable::MalformedFacts
    }

    /// The exception that stopped the check, if one did.
    pub fn take_error(&self) -> Option<PyErr> {
        self.error.borrow_mut().take()
    }

    /// A string's text, as the rules read it.
    pub fn text<'a>(&'a self, string: &Bound<'py, PyString>) -> PyResult<Text<'a>> {
        match string.encode_utf8() {
            Ok(bytes) => {
                let bytes: &'a Bound<'py, PyBytes> = self.utf8.alloc(bytes);
                // Python's UTF-8 encoder only writes valid UTF-8.
                std::str::from_utf8(bytes.as_bytes())
                    .map(Text::Utf8)
                    .map_err(|error| PyUnicodeEncodeError::new_err(error.to_string()))
            }
            // Lone surrogates: the UTF-16 code units, as a JavaScript string holds them.
            Err(_) => {
                let units = string
                    .call_method1("encode", ("utf-16-le", "surrogatepass"))?
                    .cast_into::<PyBytes>()?;
                let units: Vec<u16> = units
                    .as_bytes()
                    .chunks_exact(2)
                    .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                    .collect();
                Ok(Text::Utf16(self.utf16.alloc(units)))
            }
        }
    }

    /// A key as a path item or record key: its text (lone surrogates as U+FFFD).
    fn key<'a>(&'a self, key: &Bound<'py, PyString>) -> PyResult<&'a str> {
        Ok(match self.text(key)? {
            Text::Utf8(text) => text,
            other => self.keys.alloc(other.to_string_lossy()),
        })
    }
}

/// The containers on the way from the input to a value (to tell a cycle).
struct Ancestors<'s> {
    pointer: usize,
    up: Option<&'s Ancestors<'s>>,
}

fn is_ancestor(ancestors: Option<&Ancestors<'_>>, pointer: usize) -> bool {
    let mut at = ancestors;
    while let Some(here) = at {
        if here.pointer == pointer {
            return true;
        }
        at = here.up;
    }
    false
}

/// One Python value (or a missing one) as the rules read it.
pub struct PySource<'s, 'a, 'py> {
    object: Option<Bound<'py, PyAny>>,
    value: Value<'a>,
    cycle: bool,
    reading: &'a Reading<'py>,
    ancestors: Option<&'s Ancestors<'s>>,
}

impl<'s, 'a, 'py> PySource<'s, 'a, 'py> {
    /// The source of a whole input.
    pub fn of(object: &Bound<'py, PyAny>, reading: &'a Reading<'py>) -> PyResult<Self> {
        Self::new(Some(object.clone()), reading, None)
    }

    fn new(
        object: Option<Bound<'py, PyAny>>,
        reading: &'a Reading<'py>,
        ancestors: Option<&'s Ancestors<'s>>,
    ) -> PyResult<Self> {
        let value = match &object {
            None => Value::undefined(),
            Some(object) => describe(object, reading)?,
        };
        let cycle = object
            .as_ref()
            .is_some_and(|object| is_ancestor(ancestors, object.as_ptr() as usize));
        Ok(PySource {
            object,
            value,
            cycle,
            reading,
            ancestors,
        })
    }
}

/// What the rules need to know about a Python value itself.
fn describe<'a, 'py>(object: &Bound<'py, PyAny>, reading: &'a Reading<'py>) -> PyResult<Value<'a>> {
    if object.is_none() {
        return Ok(Value::of_kind(Kind::Null));
    }
    if let Ok(string) = object.cast::<PyString>() {
        return Ok(Value::string(reading.text(string)?));
    }
    if object.is_instance_of::<PyBool>() {
        return Ok(Value::of_kind(Kind::Boolean));
    }
    if let Ok(int) = object.cast::<PyInt>() {
        // As JSON.parse reads the same digits: a number (rounded beyond 2^53), or, beyond the
        // float range, an infinity.
        if int.extract::<f64>().is_ok() {
            return Ok(Value::of_kind(Kind::Number));
        }
        let negative = int.lt(0).unwrap_or(false);
        return Ok(Value::of_kind(if negative {
            Kind::NegInfinity
        } else {
            Kind::Infinity
        }));
    }
    if let Ok(float) = object.cast::<PyFloat>() {
        let n = float.value();
        return Ok(Value::of_kind(if n.is_nan() {
            Kind::NaN
        } else if n == f64::INFINITY {
            Kind::Infinity
        } else if n == f64::NEG_INFINITY {
            Kind::NegInfinity
        } else {
            Kind::Number
        }));
    }
    if let Ok(list) = object.cast::<PyList>() {
        return Ok(array(list.len()));
    }
    if let Ok(tuple) = object.cast::<PyTuple>() {
        return Ok(array(tuple.len()));
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let length = dict.get_item("length")?.map(|length| number_of(&length));
        let plain = dict
            .keys()
            .iter()
            .all(|key| key.is_instance_of::<PyString>());
        let mut value = Value::plain_object(length);
        if !plain {
            value.plain = false;
            value.text = Some(Text::Utf8("dict"));
        }
        return Ok(value);
    }
    if object.is_callable() {
        return Ok(Value::of_kind(Kind::Function));
    }
    // Zod names a class instance's constructor; here, the type's name. A type whose name cannot be
    // read (a metaclass that raises) is reported as a plain "object".
    let name = object
        .get_type()
        .name()
        .ok()
        .and_then(|name| reading.text(&name).ok());
    Ok(Value {
        text: name,
        ..Value::of_kind(Kind::Object)
    })
}

fn array(len: usize) -> Value<'static> {
    Value {
        length: Some(len as f64),
        ..Value::of_kind(Kind::Array)
    }
}

/// `Number(value)` of a dict's `length`, as JavaScript converts it; NaN for what JSON cannot be.
fn number_of(value: &Bound<'_, PyAny>) -> f64 {
    to_json(value, 0).map_or(f64::NAN, |json| to_number(&json))
}

/// A JSON value of a Python value, if it is one (for `Number(length)` only; shallow enough).
fn to_json(value: &Bound<'_, PyAny>, depth: u32) -> Option<Json> {
    if depth > 32 {
        return None;
    }
    if value.is_none() {
        return Some(Json::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Some(Json::Bool(b.is_true()));
    }
    if let Ok(int) = value.cast::<PyInt>() {
        return match int.extract::<i64>() {
            Ok(n) => Some(Json::from(n)),
            // Beyond the float range `Number` is an infinity, which no JSON number is.
            Err(_) => int
                .extract::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Json::Number),
        };
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        return serde_json::Number::from_f64(float.value()).map(Json::Number);
    }
    if let Ok(string) = value.cast::<PyString>() {
        return Some(Json::String(string.to_cow().ok()?.into_owned()));
    }
    if let Ok(list) = value.cast::<PyList>() {
        let items: Option<Vec<Json>> = list.iter().map(|item| to_json(&item, depth + 1)).collect();
        return items.map(Json::Array);
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        let items: Option<Vec<Json>> = tuple.iter().map(|item| to_json(&item, depth + 1)).collect();
        return items.map(Json::Array);
    }
    if value.is_instance_of::<PyDict>() {
        // `Number({...})` is NaN whatever the object holds.
        return Some(Json::Object(serde_json::Map::new()));
    }
    None
}

/// A dict's items with `str` keys, in JavaScript's order: array indices ascending, then the rest as
/// inserted. A snapshot (`dict.items()`), so that nothing the walk does can change what it walks.
pub fn js_ordered_items<'py>(
    dict: &Bound<'py, PyDict>,
) -> Vec<(Bound<'py, PyString>, Bound<'py, PyAny>)> {
    let mut indices = Vec::new();
    let mut named = Vec::new();
    for item in dict.items().iter() {
        let Ok((key, value)) = item.extract::<(Bound<'py, PyAny>, Bound<'py, PyAny>)>() else {
            continue;
        };
        let Ok(key) = key.cast_into::<PyString>() else {
            continue;
        };
        match key.to_cow().ok().as_deref().and_then(array_index) {
            Some(index) => indices.push((index, key, value)),
            None => named.push((key, value)),
        }
    }
    indices.sort_by_key(|(index, _, _)| *index);
    indices
        .into_iter()
        .map(|(_, key, value)| (key, value))
        .chain(named)
        .collect()
}

impl<'a> Source<'a> for PySource<'_, 'a, '_> {
    fn value(&self) -> Value<'a> {
        self.value
    }

    fn cycle(&self) -> bool {
        self.cycle
    }

    fn fields(
        &mut self,
        names: &dyn FieldNames,
        visit: &mut dyn FnMut(usize, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        let reading = self.reading;
        let Some(object) = &self.object else {
            return Ok(());
        };
        // Only a dict has fields; any other object reads as one without them.
        let dict = object.cast::<PyDict>().ok();
        let here = Ancestors {
            pointer: object.as_ptr() as usize,
            up: self.ancestors,
        };
        for index in 0..names.count() {
            let field = match (dict, names.name(index)) {
                (Some(dict), Some(name)) => dict.get_item(name).map_err(|e| reading.fail(e))?,
                _ => None,
            };
            let mut source =
                PySource::new(field, reading, Some(&here)).map_err(|e| reading.fail(e))?;
            visit(index, &mut source)?;
        }
        Ok(())
    }

    fn entries(
        &mut self,
        visit: &mut dyn FnMut(KeyKind, KeyRef<'a>, &mut dyn Source<'a>) -> Read,
    ) -> Read {
        let reading = self.reading;
        let Some(dict) = self.object.as_ref().and_then(|o| o.cast::<PyDict>().ok()) else {
            return Ok(());
        };
        let here = Ancestors {
            pointer: dict.as_ptr() as usize,
            up: self.ancestors,
        };
        for (key, value) in js_ordered_items(dict) {
            let name = reading.key(&key).map_err(|e| reading.fail(e))?;
            let kind = if name == "__proto__" {
                KeyKind::Proto
            } else {
                KeyKind::String
            };
            let mut source =
                PySource::new(Some(value), reading, Some(&here)).map_err(|e| reading.fail(e))?;
            visit(kind, KeyRef::Name(name), &mut source)?;
        }
        Ok(())
    }

    fn items(&mut self, visit: &mut dyn FnMut(u32, &mut dyn Source<'a>) -> Read) -> Read {
        let reading = self.reading;
        let Some(object) = &self.object else {
            return Ok(());
        };
        let here = Ancestors {
            pointer: object.as_ptr() as usize,
            up: self.ancestors,
        };
        // A snapshot of the items (a new tuple): the walk reads what was there when it began.
        let items = if let Ok(list) = object.cast::<PyList>() {
            list.to_tuple()
        } else if let Ok(tuple) = object.cast::<PyTuple>() {
            tuple.clone()
        } else {
            return Ok(());
        };
        for (index, item) in (0u32..).zip(items.iter()) {
            let mut source =
                PySource::new(Some(item), reading, Some(&here)).map_err(|e| reading.fail(e))?;
            visit(index, &mut source)?;
        }
        Ok(())
    }
}
