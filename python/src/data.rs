//! What `parse` returns for a valid Python value: a new value built by the schema, as Zod builds its
//! output (unknown keys dropped, fields in the schema's order, records' keys in JavaScript's order
//! without `__proto__`); `z.unknown()` values (`old`, `new`) are the caller's own objects, as Zod
//! returns them. Only called on values the rules accepted. And JSON to Python, for issues and for
//! what is parsed from JSON text.

use auditlog::rules::Root;
use auditlog::rules::schema::{ObjectSchema, Rule};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde_json::Value as Json;

use crate::source::{Memo, field_keys, field_values, js_ordered_items, schema_address};

/// The parsed value of an input that `root` accepted, from what the check read of it (`memo`).
pub fn build<'py>(
    root: Root,
    input: &Bound<'py, PyAny>,
    memo: &mut Memo<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    match root {
        Root::Object(schema) => build_object(schema, input, memo),
        Root::Value(rule) => build_rule(&rule, input, memo),
    }
}

fn build_object<'py>(
    schema: &ObjectSchema,
    input: &Bound<'py, PyAny>,
    memo: &mut Memo<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = input.py();
    let keys = field_keys(py, schema);
    let out = PyDict::new(py);
    let values = match input.cast::<PyDict>() {
        // What the check read; read again only for a dict it met twice (the same object in two
        // places), whose first build took the memo.
        Ok(dict) => match memo
            .objects
            .remove(&(dict.as_ptr() as usize, schema_address(schema)))
        {
            Some(values) => values,
            None => field_values(dict, schema)?,
        },
        Err(_) => std::array::from_fn(|_| None),
    };
    for ((index, field), value) in schema.fields.iter().enumerate().zip(values) {
        let key = keys.get(index, field.name);
        if let Some(value) = value {
            out.set_item(key, build_rule(&field.rule, &value, memo)?)?;
        }
    }
    Ok(out.into_any())
}

fn build_rule<'py>(
    rule: &Rule,
    input: &Bound<'py, PyAny>,
    memo: &mut Memo<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = input.py();
    match rule {
        Rule::Unknown | Rule::String(_) | Rule::Enum { .. } => Ok(input.clone()),
        Rule::Record(schema) => {
            let out = PyDict::new(py);
            if let Ok(dict) = input.cast::<PyDict>() {
                let items = match memo.records.remove(&(dict.as_ptr() as usize)) {
                    Some(items) => items,
                    None => js_ordered_items(dict),
                };
                for (key, value) in items {
                    if key.to_cow().is_ok_and(|key| key != "__proto__") {
                        out.set_item(key, build_object(schema, &value, memo)?)?;
                    }
                }
            }
            Ok(out.into_any())
        }
        Rule::Array { items } => {
            let built = sequence(input)?
                .iter()
                .map(|item| build_object(items, &item, memo))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, built)?.into_any())
        }
        Rule::JsonObject => copy_json(input),
    }
}

/// A list's or tuple's items, as a tuple (a snapshot).
fn sequence<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    if let Ok(list) = input.cast::<PyList>() {
        Ok(list.to_tuple())
    } else if let Ok(tuple) = input.cast::<PyTuple>() {
        Ok(tuple.clone())
    } else {
        Ok(PyTuple::empty(input.py()))
    }
}

/// A copy of a JSON value the rules accepted (at most 100 levels deep): new dicts and lists, in
/// the order the input has them (as the Rust crate keeps `actorMeta`), tuples as lists.
fn copy_json<'py>(input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = input.py();
    if let Ok(dict) = input.cast::<PyDict>() {
        let out = PyDict::new(py);
        for (key, value) in dict
            .items()
            .extract::<Vec<(Bound<'py, PyString>, Bound<'py, PyAny>)>>()?
        {
            out.set_item(key, copy_json(&value)?)?;
        }
        return Ok(out.into_any());
    }
    if input.is_instance_of::<PyList>() || input.is_instance_of::<PyTuple>() {
        let items = sequence(input)?
            .iter()
            .map(|item| copy_json(&item))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(py, items)?.into_any());
    }
    Ok(input.clone())
}

/// A JSON value as Python's `json.loads` gives it (objects as dicts in their order).
pub fn json_to_py<'py>(py: Python<'py>, json: &Json) -> PyResult<Bound<'py, PyAny>> {
    Ok(match json {
        Json::Null => py.None().into_bound(py),
        Json::Bool(b) => b.into_bound_py_any(py)?,
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)?
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?
            }
        }
        Json::String(s) => PyString::new(py, s).into_any(),
        Json::Array(items) => {
            let items = items
                .iter()
                .map(|item| json_to_py(py, item))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Json::Object(map) => {
            let dict = PyDict::new(py);
            for (key, value) in map {
                dict.set_item(key, json_to_py(py, value)?)?;
            }
            dict.into_any()
        }
    })
}
