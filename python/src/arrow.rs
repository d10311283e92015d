//! Arrow arrays for engines (Spark, Ray, Dask, DuckDB, Polars), through the Arrow C Data Interface
//! (PyCapsules, `__arrow_c_array__`) or the C Stream Interface (`__arrow_c_stream__`: chunked
//! arrays, record batch readers and tables of one column, Polars series; one answer array a
//! chunk): the strings are read where the producer put them, never copied. Each row is one JSON
//! text, checked as an NDJSON line is (`auditlog::check_json_text`). A stream's answers go back as
//! a stream ([`ArrowStream`]), one chunk each.
//!
//! - `validate_arrow(array, schema)`: a struct array `{valid: bool, issues: string}`, `issues` the
//!   JSON text of the row's issues (`[]` when valid); a null row gives a null struct.
//! - `leaf_hashes_arrow(array, schema)`: `fixed_size_binary(32)`, the leaf hash of each valid row's
//!   canonical text, null for an invalid or null row.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi, to_ffi};
use arrow_array::ffi_stream::{ArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{Array, ArrayRef, FixedSizeBinaryArray, StructArray, make_array};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Fields};
use auditlog::files::Schema;
use auditlog::log::{Logged, canonical, leaf_hash};
use auditlog::rules::{Root, entry, platform};
use auditlog::source::tape::Scanner;
use auditlog::{AuditLogEntry, PlatformRecord};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use serde_json::Value as Json;

/// An array made here, handed to Python as the C Data Interface's two capsules
/// (`pyarrow.array(it)` takes them; so does any reader of `__arrow_c_array__`).
#[pyclass(module = "auditlog")]
pub struct ArrowArray {
    array: ArrayRef,
}

impl ArrowArray {
    fn of(array: ArrayRef) -> Self {
        ArrowArray { array }
    }
}

#[pymethods]
impl ArrowArray {
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema; // The array is given as it is.
        let (array, schema) = to_ffi(&self.array.to_data())
            .map_err(|error| PyValueError::new_err(error.to_string()))?;
        // The capsules own the structs; a consumer moves them out (leaving their release empty),
        // and what is not moved is released when the capsule goes.
        let schema = PyCapsule::new_with_value(py, schema, c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, array, c"arrow_array")?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }

    fn __len__(&self) -> usize {
        self.array.len()
    }
}

/// The answers for a stream, one array a chunk, handed to Python as the C Stream Interface's capsule
/// (`pyarrow.chunked_array(it)` takes it; so does any reader of `__arrow_c_stream__`). The chunks
/// are shared, not copied, with each stream made of them.
#[pyclass(module = "auditlog", frozen)]
pub struct ArrowStream {
    field: Field,
    chunks: Vec<ArrayRef>,
}

#[pymethods]
impl ArrowStream {
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema; // The stream is given as it is.
        let private = Box::new(Exported {
            field: self.field.clone(),
            chunks: self.chunks.clone().into_iter(),
            error: None,
        });
        // SAFETY: the callbacks below implement the C Stream Interface over `Exported`, which
        // `private_data` owns until `release_exported` frees it (once, then marks the stream
        // released).
        let stream = unsafe {
            FFI_ArrowArrayStream::new_unchecked(
                Some(get_schema_exported),
                Some(get_next_exported),
                Some(get_last_error_exported),
                Some(release_exported),
                Box::into_raw(private).cast(),
            )
        };
        // A consumer moves the stream out (leaving its release empty); what is not moved is
        // released when the capsule goes.
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// The answers, one array a chunk (each also readable through `__arrow_c_array__`).
    #[getter]
    fn chunks(&self) -> Vec<ArrowArray> {
        self.chunks.iter().cloned().map(ArrowArray::of).collect()
    }
}

/// What an exported stream owns.
struct Exported {
    field: Field,
    chunks: std::vec::IntoIter<ArrayRef>,
    error: Option<std::ffi::CString>,
}

/// The exported stream's own data, reached through the struct's C layout (`RawStream`), as the
/// consumer passes the struct back to each callback.
///
/// SAFETY (for the callers): `stream` is a stream made by `__arrow_c_stream__`, not yet released.
unsafe fn exported<'a>(stream: *mut FFI_ArrowArrayStream) -> Option<&'a mut Exported> {
    let raw = stream as *mut RawStream;
    unsafe { (raw.as_ref()?.private_data as *mut Exported).as_mut() }
}

unsafe extern "C" fn get_schema_exported(
    stream: *mut FFI_ArrowArrayStream,
    out: *mut FFI_ArrowSchema,
) -> std::ffi::c_int {
    let (Some(exported), false) = (unsafe { exported(stream) }, out.is_null()) else {
        return 22; // EINVAL
    };
    match FFI_ArrowSchema::try_from(&exported.field) {
        Ok(schema) => {
            unsafe { std::ptr::write(out, schema) };
            0
        }
        Err(error) => {
            exported.error = std::ffi::CString::new(error.to_string()).ok();
            5 // EIO
        }
    }
}

unsafe extern "C" fn get_next_exported(
    stream: *mut FFI_ArrowArrayStream,
    out: *mut FFI_ArrowArray,
) -> std::ffi::c_int {
    let (Some(exported), false) = (unsafe { exported(stream) }, out.is_null()) else {
        return 22; // EINVAL
    };
    // The end of the stream is a released (empty) array.
    let array = match exported.chunks.next() {
        Some(chunk) => FFI_ArrowArray::new(&chunk.to_data()),
        None => FFI_ArrowArray::empty(),
    };
    unsafe { std::ptr::write(out, array) };
    0
}

unsafe extern "C" fn get_last_error_exported(
    stream: *mut FFI_ArrowArrayStream,
) -> *const std::ffi::c_char {
    match unsafe { exported(stream) }.and_then(|exported| exported.error.as_ref()) {
        Some(message) => message.as_ptr(),
        None => std::ptr::null(),
    }
}

unsafe extern "C" fn release_exported(stream: *mut FFI_ArrowArrayStream) {
    let Some(raw) = (unsafe { (stream as *mut RawStream).as_mut() }) else {
        return;
    };
    if !raw.private_data.is_null() {
        drop(unsafe { Box::from_raw(raw.private_data as *mut Exported) });
    }
    // Released, as the interface marks it: no callbacks, no data.
    *raw = RawStream {
        get_schema: std::ptr::null(),
        get_next: std::ptr::null(),
        get_last_error: std::ptr::null(),
        release: std::ptr::null(),
        private_data: std::ptr::null_mut(),
    };
}

/// The array behind an object's `__arrow_c_array__`, imported without copying its buffers.
fn import(object: &Bound<'_, PyAny>) -> PyResult<ArrayRef> {
    if !object.hasattr("__arrow_c_array__")? {
        return Err(PyTypeError::new_err(
            "expected an Arrow array (an object with __arrow_c_array__, such as a pyarrow.Array)",
        ));
    }
    let pair = object.call_method0("__arrow_c_array__")?;
    let (schema, array): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = pair.extract()?;
    let schema_pointer = schema.pointer_checked(Some(c"arrow_schema"))?;
    let array_pointer = array.pointer_checked(Some(c"arrow_array"))?;
    // SAFETY: the capsules are named as the C Data Interface names them, so they point to its
    // structs. The schema is borrowed while its capsule lives (this function); the array is moved
    // out (`from_raw` leaves a released struct behind, which the capsule's destructor skips).
    let data = unsafe {
        let schema = &*(schema_pointer.as_ptr() as *const FFI_ArrowSchema);
        let array = FFI_ArrowArray::from_raw(array_pointer.as_ptr() as *mut FFI_ArrowArray);
        from_ffi(array, schema)
    }
    .map_err(|error| PyValueError::new_err(format!("not a valid Arrow array: {error}")))?;
    Ok(make_array(data))
}

/// An Arrow input: one array, or a stream of them (`__arrow_c_stream__`: a chunked array, a
/// record batch reader, a Polars series), read a chunk at a time.
enum Input {
    Array(ArrayRef),
    Stream(ArrayStreamReader),
}

/// The C stream struct as the interface lays it out: read to see that every callback is there
/// before arrow-array takes it (it would panic on a missing `get_next`).
#[repr(C)]
struct RawStream {
    get_schema: *const std::ffi::c_void,
    get_next: *const std::ffi::c_void,
    get_last_error: *const std::ffi::c_void,
    release: *const std::ffi::c_void,
    private_data: *mut std::ffi::c_void,
}

fn input(object: &Bound<'_, PyAny>) -> PyResult<Input> {
    if object.hasattr("__arrow_c_array__")? {
        return import(object).map(Input::Array);
    }
    if !object.hasattr("__arrow_c_stream__")? {
        return Err(PyTypeError::new_err(
            "expected an Arrow array or stream (an object with __arrow_c_array__ or \
             __arrow_c_stream__, such as a pyarrow.Array, ChunkedArray or RecordBatchReader, or a \
             Polars Series)",
        ));
    }
    let capsule = object
        .call_method0("__arrow_c_stream__")?
        .cast_into::<PyCapsule>()?;
    let pointer = capsule.pointer_checked(Some(c"arrow_array_stream"))?;
    let raw = pointer.as_ptr() as *mut FFI_ArrowArrayStream;
    // SAFETY: a capsule named as the C Stream Interface names it points to its struct, whose
    // layout RawStream repeats; it is only read here. A complete stream is then moved out of the
    // capsule (`from_raw` leaves a released struct, which the capsule's destructor skips).
    let complete = unsafe {
        let fields = &*(raw as *const RawStream);
        !(fields.get_schema.is_null()
            || fields.get_next.is_null()
            || fields.get_last_error.is_null()
            || fields.release.is_null())
    };
    if !complete {
        return Err(PyValueError::new_err(
            "not a valid Arrow stream: a callback is missing or it was released",
        ));
    }
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(raw) };
    ArrayStreamReader::try_new(stream)
        .map(Input::Stream)
        .map_err(|error| PyValueError::new_err(format!("not a valid Arrow stream: {error}")))
}

/// A stream's chunk as the array of JSON texts: itself, or a record batch's one column.
fn texts_of(chunk: ArrayRef) -> PyResult<ArrayRef> {
    let DataType::Struct(fields) = chunk.data_type() else {
        return Ok(chunk);
    };
    let struct_array = chunk.as_struct();
    match (fields.len(), struct_array.null_count()) {
        (1, 0) => Ok(struct_array.column(0).clone()),
        (1, _) => Err(PyTypeError::new_err(
            "expected one column of JSON texts, not a struct with null rows",
        )),
        (count, _) => Err(PyTypeError::new_err(format!(
            "expected one column of JSON texts, not {count} columns: select the column first"
        ))),
    }
}

/// What one call answers for its input: one result array, or one for each chunk of a stream.
fn each_chunk(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    field: Field,
    answer: impl Fn(Python<'_>, &ArrayRef) -> PyResult<ArrayRef>,
) -> PyResult<Py<PyAny>> {
    match input(object)? {
        Input::Array(array) => Ok(Py::new(py, ArrowArray::of(answer(py, &array)?))?.into_any()),
        Input::Stream(stream) => {
            // A chunk at a time (the reader's next batch is read, checked, then let go), so a
            // stream larger than memory is fine; only the answers are kept.
            let mut chunks = Vec::new();
            for chunk in stream {
                let chunk = chunk.map_err(|error| {
                    PyValueError::new_err(format!("the Arrow stream failed: {error}"))
                })?;
                chunks.push(answer(py, &texts_of(chunk)?)?);
            }
            Ok(Py::new(py, ArrowStream { field, chunks })?.into_any())
        }
    }
}

/// Each row's bytes (None for null), for the string and binary types.
fn rows(array: &ArrayRef) -> PyResult<Vec<Option<&[u8]>>> {
    Ok(match array.data_type() {
        DataType::Utf8 => array
            .as_string::<i32>()
            .iter()
            .map(|r| r.map(str::as_bytes))
            .collect(),
        DataType::LargeUtf8 => array
            .as_string::<i64>()
            .iter()
            .map(|r| r.map(str::as_bytes))
            .collect(),
        DataType::Utf8View => array
            .as_string_view()
            .iter()
            .map(|r| r.map(str::as_bytes))
            .collect(),
        DataType::Binary => array.as_binary::<i32>().iter().collect(),
        DataType::LargeBinary => array.as_binary::<i64>().iter().collect(),
        DataType::BinaryView => array.as_binary_view().iter().collect(),
        other => {
            return Err(PyTypeError::new_err(format!(
                "expected a string or binary array (one JSON text a row), not {other}"
            )));
        }
    })
}

fn schema_of(name: &str) -> PyResult<Schema> {
    match name {
        "entry" => Ok(Schema::Entry),
        "platform" => Ok(Schema::Platform),
        other => Err(PyValueError::new_err(format!(
            "schema must be 'entry' or 'platform', not {other:?}"
        ))),
    }
}

fn root_of(schema: Schema) -> Root {
    match schema {
        Schema::Entry => Root::Object(&entry::ENTRY),
        Schema::Platform => Root::Object(&platform::RECORD),
    }
}

/// The addresses of the value buffers of an array, or of each chunk of a stream (for tests that
/// show nothing was copied).
#[pyfunction]
fn _arrow_value_buffer_addresses(array: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let chunks = match input(array)? {
        Input::Array(array) => vec![array],
        Input::Stream(stream) => stream
            .map(|chunk| chunk.map_err(|error| PyValueError::new_err(error.to_string())))
            .map(|chunk| chunk.and_then(texts_of))
            .collect::<PyResult<Vec<_>>>()?,
    };
    Ok(chunks
        .iter()
        .flat_map(|chunk| chunk.to_data().buffers().to_vec())
        .map(|buffer| buffer.as_ptr() as usize)
        .collect())
}

/// `{valid, issues}` for each row, with the GIL released: one struct array for an array, a list of
/// them (one a chunk) for a stream.
#[pyfunction]
#[pyo3(signature = (array, schema = "entry"))]
fn validate_arrow(py: Python<'_>, array: &Bound<'_, PyAny>, schema: &str) -> PyResult<Py<PyAny>> {
    let root = root_of(schema_of(schema)?);
    let field = Field::new("validate_arrow", DataType::Struct(verdict_fields()), true);
    each_chunk(py, array, field, |py, array| validate_rows(py, root, array))
}

/// The fields of `validate_arrow`'s struct.
fn verdict_fields() -> Fields {
    Fields::from(vec![
        Field::new("valid", DataType::Boolean, true),
        Field::new("issues", DataType::Utf8, true),
    ])
}

fn validate_rows(py: Python<'_>, root: Root, array: &ArrayRef) -> PyResult<ArrayRef> {
    let rows = rows(array)?;
    let result = py.detach(|| {
        let mut scanner = Scanner::default();
        let mut valid = BooleanBuilder::with_capacity(rows.len());
        let mut issues = StringBuilder::with_capacity(rows.len(), rows.len() * 2);
        let mut nulls = Vec::with_capacity(rows.len());
        for row in &rows {
            match row {
                None => {
                    valid.append_null();
                    issues.append_null();
                    nulls.push(false);
                }
                Some(text) => {
                    match auditlog::check_json_text(root, &mut scanner, text) {
                        None => {
                            valid.append_value(true);
                            issues.append_value("[]");
                        }
                        Some(problem) => {
                            valid.append_value(false);
                            let text = serde_json::to_string(&problem.issues())
                                .unwrap_or_else(|_| "[]".to_string());
                            issues.append_value(text);
                        }
                    }
                    nulls.push(true);
                }
            }
        }
        let fields = verdict_fields();
        let columns: Vec<ArrayRef> = vec![Arc::new(valid.finish()), Arc::new(issues.finish())];
        StructArray::try_new(fields, columns, Some(NullBuffer::from(nulls)))
    });
    let array = result.map_err(|error| PyValueError::new_err(error.to_string()))?;
    Ok(Arc::new(array))
}

fn leaf_of<T: Logged>(text: &[u8]) -> Option<[u8; 32]> {
    let json: Json = serde_json::from_slice(text).ok()?;
    let canonical = canonical::<T>(&json).ok()?;
    Some(leaf_hash(canonical.as_bytes()))
}

/// The leaf hash of each valid row (`fixed_size_binary(32)`, null where invalid), GIL released;
/// for a stream, a list of them (one a chunk).
#[pyfunction]
#[pyo3(signature = (array, schema = "entry"))]
fn leaf_hashes_arrow(
    py: Python<'_>,
    array: &Bound<'_, PyAny>,
    schema: &str,
) -> PyResult<Py<PyAny>> {
    let schema = schema_of(schema)?;
    let field = Field::new("leaf_hashes_arrow", DataType::FixedSizeBinary(32), true);
    each_chunk(py, array, field, |py, array| leaf_rows(py, schema, array))
}

fn leaf_rows(py: Python<'_>, schema: Schema, array: &ArrayRef) -> PyResult<ArrayRef> {
    let rows = rows(array)?;
    let hashes = py.detach(|| {
        let hashes = rows.iter().map(|row| {
            row.and_then(|text| match schema {
                Schema::Entry => leaf_of::<AuditLogEntry>(text),
                Schema::Platform => leaf_of::<PlatformRecord>(text),
            })
        });
        FixedSizeBinaryArray::try_from_sparse_iter_with_size(hashes, 32)
    });
    let array = hashes.map_err(|error| PyValueError::new_err(error.to_string()))?;
    Ok(Arc::new(array))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ArrowArray>()?;
    m.add_class::<ArrowStream>()?;
    m.add_function(wrap_pyfunction!(validate_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(leaf_hashes_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(_arrow_value_buffer_addresses, m)?)?;
    Ok(())
}
