//! `auditlog._native`: the crate's validators for Python (the package `auditlog` re-exports them).
//! Python values are read by the rules where they lie ([`source`]); JSON text and NDJSON go through
//! the crate's own readers, so every answer is the Rust crate's and the npm package's.

mod arrow;
mod data;
mod files;
mod log;
mod source;

use auditlog::model::{
    AuditLogAction, AuditLogChange, AuditLogEntry, PlatformRecord, PlatformResource,
};
use auditlog::rules::{Root, entry, platform};
use auditlog::{Issue, LineProblem, Validated};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use serde_json::Value as Json;

use crate::source::{PySource, Reading};

pyo3::create_exception!(
    auditlog,
    ValidationError,
    PyValueError,
    "A value the schema rejects: `.issues` lists why, as the npm package and the Rust crate report it."
);

/// Which schema, and what it can do.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Entry,
    Change,
    Action,
    Platform,
    Resource,
}

impl Which {
    fn root(self) -> Root {
        match self {
            Which::Entry => Root::Object(&entry::ENTRY),
            Which::Change => Root::Object(&entry::CHANGE),
            Which::Action => Root::Value(entry::ACTION),
            Which::Platform => Root::Object(&platform::RECORD),
            Which::Resource => Root::Object(&platform::RESOURCE),
        }
    }

    /// The typed value of valid JSON, as JSON (what the crate's `parse_*` gives, serialized).
    fn parse_json(self, json: &Json) -> Result<Json, auditlog::ValidationError> {
        fn typed<T: Validated + serde::Serialize>(
            json: &Json,
        ) -> Result<Json, auditlog::ValidationError> {
            // The model's types serialize to JSON without fail (string keys, finite numbers).
            T::from_json(json).map(|value| serde_json::to_value(value).unwrap_or(Json::Null))
        }
        match self {
            Which::Entry => typed::<AuditLogEntry>(json),
            Which::Change => typed::<AuditLogChange>(json),
            Which::Action => typed::<AuditLogAction>(json),
            Which::Platform => typed::<PlatformRecord>(json),
            Which::Resource => typed::<PlatformResource>(json),
        }
    }
}

/// Issues as Python dicts whose `json.dumps(..., separators=(",", ":"), ensure_ascii=False)` is
/// byte for byte `serde_json::to_string` of them.
pub(crate) fn issues_to_py<'py>(py: Python<'py>, issues: &[Issue]) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(issues).unwrap_or(Json::Array(Vec::new()));
    data::json_to_py(py, &json)
}

/// The `ValidationError` for these issues: its message is Zod's (indented JSON), `.issues` the list.
pub(crate) fn validation_error(py: Python<'_>, issues: Vec<Issue>) -> PyResult<PyErr> {
    let list = issues_to_py(py, &issues)?;
    let message = auditlog::ValidationError { issues }.to_string();
    let error = ValidationError::new_err(message);
    error.value(py).setattr("issues", list)?;
    Ok(error)
}

/// What `safe_parse` returns: `success`, the parsed `data` (None on failure) and the `error`
/// (a `ValidationError`, None on success).
#[pyclass(frozen, get_all, module = "auditlog")]
pub struct SafeParseResult {
    success: bool,
    data: Py<PyAny>,
    error: Py<PyAny>,
}

#[pymethods]
impl SafeParseResult {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        if self.success {
            Ok(format!(
                "SafeParseResult(success=True, data={})",
                self.data.bind(py).repr()?
            ))
        } else {
            let issues = self.error.bind(py).getattr("issues")?;
            Ok(format!(
                "SafeParseResult(success=False, issues={})",
                issues.repr()?
            ))
        }
    }
}

/// The issues of a Python value, or the exception its own code raised while it was read.
fn check_value<'py>(which: Which, value: &Bound<'py, PyAny>) -> PyResult<Vec<Issue>> {
    check_reading(which, value, &Reading::new())
}

fn check_reading<'py>(
    which: Which,
    value: &Bound<'py, PyAny>,
    reading: &Reading<'py>,
) -> PyResult<Vec<Issue>> {
    let checked = {
        let mut source = PySource::of(value, reading)?;
        auditlog::rules::check(which.root(), &mut source)
    };
    match (checked, reading.take_error()) {
        (_, Some(error)) => Err(error),
        (Ok(issues), None) => Ok(issues),
        // Python values are always readable to the end; were they not, the binding is wrong.
        (Err(why), None) => Err(PyValueError::new_err(format!(
            "auditlog: internal error: the value could not be read ({why:?})"
        ))),
    }
}

/// The parsed value of a valid Python value, built from what its check read; or its issues.
pub(crate) fn parsed<'py>(
    which: Which,
    value: &Bound<'py, PyAny>,
) -> PyResult<Result<Bound<'py, PyAny>, Vec<Issue>>> {
    let reading = Reading::keeping();
    let issues = check_reading(which, value, &reading)?;
    if issues.is_empty() {
        let mut memo = reading.take_memo();
        Ok(Ok(data::build(which.root(), value, &mut memo)?))
    } else {
        Ok(Err(issues))
    }
}

/// Text or bytes of JSON: the value, or the one `invalid_json` issue the NDJSON report gives.
fn read_json(text: &Bound<'_, PyAny>) -> PyResult<Result<Json, Vec<Issue>>> {
    let parsed = if let Ok(string) = text.cast::<PyString>() {
        match string.to_cow() {
            Ok(text) => serde_json::from_str::<Json>(&text),
            // Lone surrogates: no UTF-8 for them, as serde_json refuses their escapes.
            Err(_) => {
                return Ok(Err(LineProblem::NotJson(
                    "the text holds a lone surrogate".into(),
                )
                .issues()));
            }
        }
    } else if let Ok(bytes) = text.cast::<PyBytes>() {
        serde_json::from_slice::<Json>(bytes.as_bytes())
    } else if let Ok(bytes) = text.cast::<PyByteArray>() {
        serde_json::from_slice::<Json>(&bytes.to_vec())
    } else if let Ok(view) = text.getattr("tobytes").and_then(|f| f.call0()) {
        let bytes = view.cast_into::<PyBytes>()?;
        serde_json::from_slice::<Json>(bytes.as_bytes())
    } else {
        return Err(PyTypeError::new_err(
            "parse_json takes str, bytes, bytearray or memoryview",
        ));
    };
    Ok(parsed.map_err(|error| LineProblem::NotJson(error.to_string()).issues()))
}

/// A schema: `safe_parse`, `parse`, `parse_json`, `issues`, `validate_many` (and, for the entry and
/// the platform record, the log's `canonicalize` and `leaf_hash`).
#[pyclass(frozen, module = "auditlog")]
pub struct Schema {
    which: Which,
    #[pyo3(get)]
    name: &'static str,
}

impl Schema {
    fn outcome<'py>(
        &self,
        value: &Bound<'py, PyAny>,
    ) -> PyResult<Result<Bound<'py, PyAny>, Vec<Issue>>> {
        parsed(self.which, value)
    }

    fn outcome_json<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Result<Bound<'py, PyAny>, Vec<Issue>>> {
        let json = match read_json(text)? {
            Ok(json) => json,
            Err(issues) => return Ok(Err(issues)),
        };
        match self.which.parse_json(&json) {
            Ok(data) => Ok(Ok(data::json_to_py(py, &data)?)),
            Err(error) => Ok(Err(error.issues)),
        }
    }

    fn result(
        py: Python<'_>,
        outcome: Result<Bound<'_, PyAny>, Vec<Issue>>,
    ) -> PyResult<SafeParseResult> {
        Ok(match outcome {
            Ok(data) => SafeParseResult {
                success: true,
                data: data.unbind(),
                error: py.None(),
            },
            Err(issues) => SafeParseResult {
                success: false,
                data: py.None(),
                error: validation_error(py, issues)?.into_value(py).into_any(),
            },
        })
    }

    fn raise<'py>(
        py: Python<'py>,
        outcome: Result<Bound<'py, PyAny>, Vec<Issue>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match outcome {
            Ok(data) => Ok(data),
            Err(issues) => Err(validation_error(py, issues)?),
        }
    }
}

#[pymethods]
impl Schema {
    /// `{success, data, error}`: never raises for a value the schema rejects.
    fn safe_parse(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<SafeParseResult> {
        Self::result(py, self.outcome(value)?)
    }

    /// The parsed value, or `ValidationError`.
    fn parse<'py>(
        &self,
        py: Python<'py>,
        value: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        Self::raise(py, self.outcome(value)?)
    }

    /// `safe_parse` of JSON text or bytes (not JSON: one `invalid_json` issue).
    fn safe_parse_json(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
    ) -> PyResult<SafeParseResult> {
        Self::result(py, self.outcome_json(py, text)?)
    }

    /// `parse` of JSON text or bytes.
    fn parse_json<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        Self::raise(py, self.outcome_json(py, text)?)
    }

    /// The issues of a value (an empty list when it is valid).
    fn issues<'py>(
        &self,
        py: Python<'py>,
        value: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        issues_to_py(py, &check_value(self.which, value)?)
    }

    /// The npm package's `validateMany` report of an iterable of values: `{total, valid, invalid,
    /// lines: [{index, issues}]}`. An item whose own code raises gets one `check_threw` issue with
    /// the exception's message; the others are judged as ever.
    fn validate_many<'py>(
        &self,
        py: Python<'py>,
        values: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let lines = PyList::empty(py);
        let (mut total, mut invalid) = (0usize, 0usize);
        for (index, item) in values.try_iter()?.enumerate() {
            total += 1;
            let issues = match item.and_then(|item| check_value(self.which, &item)) {
                Ok(issues) if issues.is_empty() => continue,
                Ok(issues) => issues_to_py(py, &issues)?,
                Err(error) => {
                    let issue = PyDict::new(py);
                    issue.set_item("code", "check_threw")?;
                    issue.set_item("path", PyList::empty(py))?;
                    issue.set_item("message", error.value(py).str()?.to_string())?;
                    PyList::new(py, [issue])?.into_any()
                }
            };
            invalid += 1;
            let line = PyDict::new(py);
            line.set_item("index", index)?;
            line.set_item("issues", issues)?;
            lines.append(line)?;
        }
        let report = PyDict::new(py);
        report.set_item("total", total)?;
        report.set_item("valid", total - invalid)?;
        report.set_item("invalid", invalid)?;
        report.set_item("lines", lines)?;
        Ok(report.into_any())
    }

    /// RFC 8785 text of the parsed value (entry and platform record only); `ValidationError` when
    /// the value is invalid.
    fn canonicalize(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<String> {
        log::canonicalize(py, self.which, value)
    }

    /// The leaf hash (32 bytes) of `canonicalize(value)`.
    fn leaf_hash<'py>(
        &self,
        py: Python<'py>,
        value: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let text = log::canonicalize(py, self.which, value)?;
        Ok(PyBytes::new(py, &auditlog::log::leaf_hash(text.as_bytes())))
    }

    fn __repr__(&self) -> String {
        format!("<auditlog schema {}>", self.name)
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("ExportError", py.get_type::<files::ExportError>())?;
    m.add_class::<Schema>()?;
    m.add_class::<SafeParseResult>()?;
    for (attr, which, name) in [
        ("entry_schema", Which::Entry, "auditLogEntrySchema"),
        ("change_schema", Which::Change, "auditLogChangeSchema"),
        ("action_schema", Which::Action, "auditLogActionSchema"),
        (
            "platform_record_schema",
            Which::Platform,
            "platformRecordSchema",
        ),
        (
            "platform_resource_schema",
            Which::Resource,
            "platformResourceSchema",
        ),
    ] {
        m.add(attr, Schema { which, name })?;
    }
    // The abi3 minimum the wheel was built for ((3, 9) or (3, 11) as the Makefile builds them):
    // the tests use it to know which paths (copies or in-place reads) the wheel under test has.
    let minor = if cfg!(Py_3_11) {
        11
    } else if cfg!(Py_3_10) {
        10
    } else {
        9
    };
    m.add("_ABI3_MINIMUM", (3, minor))?;
    files::register(m)?;
    log::register(m)?;
    arrow::register(m)?;
    Ok(())
}
