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

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use auditlog::js_number::to_number;
use auditlog::rules::schema::{MAX_FIELDS, ObjectSchema};
use auditlog::rules::{entry, platform};
use auditlog::source::{FieldNames, Read, Source, Unreadable};
use auditlog::value::{KeyKind, KeyRef, Kind, Text, Value, array_index};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{ffi, intern};
use serde_json::Value as Json;
use typed_arena::Arena;

/// What holds a string's UTF-8 for the check: from 3.10 the str itself (CPython keeps its UTF-8
/// with it); before, the abi3 API has no such read, so a bytes copy (PyUnicode_AsUTF8String).
#[cfg(Py_3_10)]
type Utf8<'py> = Bound<'py, PyString>;
#[cfg(not(Py_3_10))]
type Utf8<'py> = Bound<'py, PyBytes>;

/// What one check keeps alive while the rules hold references into it: the strings whose UTF-8
/// they read (or each one's UTF-16, for a string with lone surrogates), and the first Python
/// exception met.
pub struct Reading<'py> {
    /// Kept only when `data` is built from the check ([`Reading::keeping`]).
    memo: Option<RefCell<Memo<'py>>>,
    strings: Arena<Utf8<'py>>,
    // Rare (lone surrogates): made on first use, so a check of ordinary text allocates neither.
    utf16: OnceCell<Arena<Vec<u16>>>,
    keys: OnceCell<Arena<String>>,
    error: RefCell<Option<PyErr>>,
}

impl<'py> Reading<'py> {
    pub fn new() -> Self {
        Reading {
            memo: None,
            // An entry has a dozen strings: one allocation holds them.
            strings: Arena::with_capacity(16),
            utf16: OnceCell::new(),
            keys: OnceCell::new(),
            error: RefCell::new(None),
        }
    }

    /// A reading that keeps what the check read of each object and record, for the build of `data`.
    pub fn keeping() -> Self {
        Reading {
            memo: Some(RefCell::new(Memo::default())),
            ..Reading::new()
        }
    }

    /// What the check read (empty unless made by [`Reading::keeping`]).
    pub fn take_memo(&self) -> Memo<'py> {
        self.memo
            .as_ref()
            .map(|memo| std::mem::take(&mut *memo.borrow_mut()))
            .unwrap_or_default()
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
        // From 3.10 the str's own UTF-8 (PyUnicode_AsUTF8AndSize: no copy for ASCII; CPython
        // caches it in the object otherwise), valid while the str lives: the arena keeps it.
        #[cfg(Py_3_10)]
        let utf8 = self.strings.alloc(string.clone()).to_str();
        // Before, a UTF-8 copy in a bytes object, which the arena keeps (Python's encoder only
        // writes valid UTF-8, so the check below never fails).
        #[cfg(not(Py_3_10))]
        let utf8 = string.encode_utf8().and_then(|bytes| {
            let kept: &'a Bound<'py, PyBytes> = self.strings.alloc(bytes);
            std::str::from_utf8(kept.as_bytes())
                .map_err(|error| pyo3::exceptions::PyUnicodeError::new_err(error.to_string()))
        });
        match utf8 {
            Ok(text) => Ok(Text::Utf8(text)),
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
                let arena = self.utf16.get_or_init(Arena::new);
                Ok(Text::Utf16(arena.alloc(units)))
            }
        }
    }

    /// A key as a path item or record key: its text (lone surrogates as U+FFFD).
    fn key<'a>(&'a self, key: &Bound<'py, PyString>) -> PyResult<&'a str> {
        Ok(match self.text(key)? {
            Text::Utf8(text) => text,
            other => self
                .keys
                .get_or_init(Arena::new)
                .alloc(other.to_string_lossy()),
        })
    }
}

/// What the check read of each object (its fields, by the dict's address and the schema's) and of
/// each record (its items in JavaScript's order, by the dict's address): the build of `data` takes
/// them from here, so it reads nothing twice and returns exactly what was checked.
#[derive(Default)]
pub struct Memo<'py> {
    pub objects: HashMap<(usize, usize), Fields<'py>, BuildHasherDefault<AddressHasher>>,
    pub records: HashMap<usize, Items<'py>, BuildHasherDefault<AddressHasher>>,
}

pub type Fields<'py> = [Option<Bound<'py, PyAny>>; MAX_FIELDS];
pub type Items<'py> = Vec<(Bound<'py, PyString>, Bound<'py, PyAny>)>;

/// Addresses as hash keys: a multiply and a fold, as their low bits are always zero.
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// The schemas' field names as Python strings, made once: a lookup with one of them hashes nothing
/// and allocates nothing. Keyed by the schema's address (the schemas are statics).
static FIELD_KEYS: PyOnceLock<Vec<(usize, Vec<Py<PyString>>)>> = PyOnceLock::new();

pub fn schema_address(names: &dyn FieldNames) -> usize {
    std::ptr::from_ref(names).cast::<()>() as usize
}

/// The Python strings of a schema's field names, in its order.
pub fn field_keys<'py>(py: Python<'py>, names: &dyn FieldNames) -> FieldKeys<'py> {
    let known = FIELD_KEYS.get_or_init(py, || {
        [
            &entry::ENTRY,
            &entry::CHANGE,
            &platform::RECORD,
            &platform::RESOURCE,
        ]
        .into_iter()
        .map(|schema: &'static ObjectSchema| {
            let keys = schema
                .fields
                .iter()
                .map(|field| PyString::intern(py, field.name).unbind())
                .collect();
            (schema_address(schema), keys)
        })
        .collect()
    });
    let address = schema_address(names);
    let keys = known
        .iter()
        .find(|(schema, _)| *schema == address)
        .map(|(_, keys)| keys.as_slice());
    FieldKeys { py, keys }
}

/// See [`field_keys`]; a schema not in the table (none today) gets its names interned per lookup.
pub struct FieldKeys<'py> {
    py: Python<'py>,
    keys: Option<&'static [Py<PyString>]>,
}

impl<'py> FieldKeys<'py> {
    pub fn get(&self, index: usize, name: &str) -> Bound<'py, PyString> {
        match self.keys.and_then(|keys| keys.get(index)) {
            Some(key) => key.bind(self.py).clone(),
            None => PyString::intern(self.py, name),
        }
    }
}

/// A dict's items, one at a time, each key and value held (owned) while it is looked at.
fn for_each_item<'py>(
    dict: &Bound<'py, PyDict>,
    mut each: impl FnMut(Bound<'py, PyAny>, Bound<'py, PyAny>) -> bool,
) {
    let py = dict.py();
    let mut position: ffi::Py_ssize_t = 0;
    let mut key = std::ptr::null_mut();
    let mut value = std::ptr::null_mut();
    // SAFETY: PyDict_Next lends references to live objects; they are made owned at once, so
    // nothing `each` does can free them. (PyO3's own dict iterator panics if the dict changes size;
    // this loop just ends, as PyDict_Next checks its position against the dict as it is.)
    while unsafe { ffi::PyDict_Next(dict.as_ptr(), &mut position, &mut key, &mut value) } != 0 {
        let (key, value) = unsafe {
            (
                Bound::from_borrowed_ptr(py, key),
                Bound::from_borrowed_ptr(py, value),
            )
        };
        if !each(key, value) {
            break;
        }
    }
}

/// What a dict is: whether every key is a `str` (a plain object), read in one pass over its items
/// (no list of its keys), and its `length`.
fn dict_facts<'py>(dict: &Bound<'py, PyDict>) -> PyResult<(bool, Option<Bound<'py, PyAny>>)> {
    let mut plain = true;
    for_each_item(dict, |key, _| {
        plain = key.is_instance_of::<PyString>();
        plain
    });
    Ok((plain, dict.get_item(intern!(dict.py(), "length"))?))
}

/// An object's fields, in the schema's order, as `dict.get(name)` finds them (a lookup with the
/// interned name: measured faster than matching the keys' text in one pass over the items).
pub fn field_values<'py>(
    dict: &Bound<'py, PyDict>,
    names: &dyn FieldNames,
) -> PyResult<[Option<Bound<'py, PyAny>>; MAX_FIELDS]> {
    let mut values: [Option<Bound<'py, PyAny>>; MAX_FIELDS] = std::array::from_fn(|_| None);
    let keys = field_keys(dict.py(), names);
    for (index, slot) in values.iter_mut().enumerate().take(names.count()) {
        if let Some(name) = names.name(index) {
            *slot = dict.get_item(keys.get(index, name))?;
        }
    }
    Ok(values)
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
        let (plain, length) = dict_facts(dict)?;
        let length = length.map(|length| number_of(&length));
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
/// inserted. A snapshot, so that nothing the walk does can change what it walks.
pub fn js_ordered_items<'py>(dict: &Bound<'py, PyDict>) -> Items<'py> {
    let mut indices = Vec::new();
    let mut named = Vec::with_capacity(dict.len());
    for_each_item(dict, |key, value| {
        if let Ok(key) = key.cast_into::<PyString>() {
            // to_cow: the str's own UTF-8 from 3.10, a copy before.
            let index = key.to_cow().ok().as_deref().and_then(array_index);
            match index {
                Some(index) => indices.push((index, key, value)),
                None => named.push((key, value)),
            }
        }
        true
    });
    if indices.is_empty() {
        return named;
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
        let mut values = match object.cast::<PyDict>() {
            Ok(dict) => field_values(dict, names).map_err(|e| reading.fail(e))?,
            Err(_) => std::array::from_fn(|_| None),
        };
        if let Some(memo) = &reading.memo {
            let key = (object.as_ptr() as usize, schema_address(names));
            memo.borrow_mut().objects.insert(key, values.clone());
        }
        let here = Ancestors {
            pointer: object.as_ptr() as usize,
            up: self.ancestors,
        };
        for index in 0..names.count() {
            let field = values.get_mut(index).and_then(Option::take);
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
        let items = js_ordered_items(dict);
        if let Some(memo) = &reading.memo {
            let key = dict.as_ptr() as usize;
            memo.borrow_mut().records.insert(key, items.clone());
        }
        for (key, value) in items {
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
