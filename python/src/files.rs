//! `check_ndjson`: an export (NDJSON or a JSON array, plain or gzip) from bytes, text, a path or a
//! binary file object, checked by the crate's `files` module (what `auditlog check` runs) with the
//! GIL released, a block at a time.

use std::io::{self, Read};
use std::path::PathBuf;

use auditlog::files::{self as shared, DEFAULT_BLOCK, Schema};
#[cfg(Py_3_11)]
use pyo3::buffer::PyBuffer;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::data::json_to_py;

pyo3::create_exception!(
    auditlog,
    ExportError,
    PyValueError,
    "Input that is not an export: not NDJSON or a JSON array, or a truncated gzip stream (what \
     `auditlog check` exits 2 for)."
);

/// A binary file object read a block at a time, the GIL taken for each read only.
struct PyReader {
    file: Py<PyAny>,
}

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Python::attach(|py| {
            let chunk = self
                .file
                .bind(py)
                .call_method1("read", (buf.len(),))
                .map_err(io::Error::other)?;
            let bytes: &[u8] = if let Ok(bytes) = chunk.cast::<PyBytes>() {
                bytes.as_bytes()
            } else if chunk.is_instance_of::<PyString>() {
                return Err(io::Error::other(PyTypeError::new_err(
                    "check_ndjson reads binary files: open the file with 'rb'",
                )));
            } else if let Ok(array) = chunk.cast::<PyByteArray>() {
                let copy = array.to_vec();
                let count = copy.len().min(buf.len());
                buf[..count].copy_from_slice(&copy[..count]);
                return Ok(count);
            } else {
                return Err(io::Error::other(PyTypeError::new_err(
                    "the file's read() returned neither bytes nor bytearray",
                )));
            };
            // A read() that returns more than asked is cut (what is left over is lost: refused).
            if bytes.len() > buf.len() {
                return Err(io::Error::other(PyValueError::new_err(
                    "the file's read(n) returned more than n bytes",
                )));
            }
            buf[..bytes.len()].copy_from_slice(bytes);
            Ok(bytes.len())
        })
    }
}

/// What the input is. Bytes, text (from 3.10) and buffers (from 3.11) are read where they lie
/// (memory stays flat whatever their size); only what has no place to read from is copied first.
/// Before 3.10 a str, before 3.11 a bytes-like object, is copied: the abi3 API has no in-place
/// read of them (the answers are the same).
enum Input<'py> {
    Bytes(Bound<'py, PyBytes>),
    /// A `str` with UTF-8: CPython's own (the characters themselves for ASCII; for other text,
    /// the UTF-8 that CPython makes once and keeps with the str).
    #[cfg(Py_3_10)]
    Text(Bound<'py, PyString>),
    /// A contiguous buffer of bytes (bytearray, memoryview, mmap, array('B')), held exported for
    /// the call: a bytearray cannot be resized meanwhile (Python raises BufferError).
    #[cfg(Py_3_11)]
    Buffer(PyBuffer<u8>),
    Owned(Vec<u8>),
    Path(PathBuf),
    File(Py<PyAny>),
}

fn input<'py>(source: &Bound<'py, PyAny>) -> PyResult<Input<'py>> {
    if let Ok(bytes) = source.cast::<PyBytes>() {
        return Ok(Input::Bytes(bytes.clone()));
    }
    if let Ok(text) = source.cast::<PyString>() {
        #[cfg(Py_3_10)]
        if text.to_str().is_ok() {
            return Ok(Input::Text(text.clone()));
        }
        // Lone surrogates, which no UTF-8 holds (a copy with U+FFFD for them), or any str before
        // 3.10: a copy.
        return Ok(Input::Owned(
            text.to_string_lossy().into_owned().into_bytes(),
        ));
    }
    #[cfg(not(Py_3_11))]
    if let Some(bytes) = buffer_copy(source)? {
        return Ok(Input::Bytes(bytes));
    }
    #[cfg(Py_3_11)]
    if let Ok(buffer) = PyBuffer::<u8>::get(source) {
        return Ok(if buffer.as_slice_ptr().is_some() {
            Input::Buffer(buffer)
        } else {
            // A strided view (`view[::2]`): its bytes gathered into one copy.
            Input::Owned(buffer.to_vec(source.py())?)
        });
    }
    if source.hasattr("__fspath__")? {
        return Ok(Input::Path(source.extract::<PathBuf>()?));
    }
    if source.hasattr("read")? {
        return Ok(Input::File(source.clone().unbind()));
    }
    // A buffer of wider items (memoryview of array('i')): its bytes, as before.
    if let Ok(view) = source.getattr("tobytes").and_then(|f| f.call0()) {
        return Ok(Input::Owned(view.extract::<Vec<u8>>()?));
    }
    Err(PyTypeError::new_err(
        "check_ndjson takes bytes, str (the NDJSON text), a bytes-like object, an os.PathLike path or a binary file object",
    ))
}

/// Before 3.11 (no buffer protocol in the abi3 API): the bytes of what 3.11 reads in place, copied
/// through a memoryview (`bytes(memoryview(source))`, so a strided view is gathered as there), or
/// None for what is no buffer of bytes, which then goes on as on 3.11 (a path, a file, `tobytes`).
#[cfg(not(Py_3_11))]
fn buffer_copy<'py>(source: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let Ok(view) = pyo3::types::PyMemoryView::from(source) else {
        return Ok(None);
    };
    let format: String = view.getattr("format")?.extract()?;
    if !is_byte_format(&format) {
        return Ok(None);
    }
    let bytes = view.call_method0("tobytes")?.cast_into::<PyBytes>()?;
    // Let a bytearray be resized again now, not when the view is collected.
    view.call_method0("release")?;
    Ok(Some(bytes))
}

/// Whether `PyBuffer::<u8>::get` (the 3.11 path) takes a buffer of this struct format: 'B' or 'c',
/// alone or after '@', '=' or '>' (or '!' on big-endian targets): PyO3's rule, kept exactly so
/// that both wheels take and refuse the same objects.
#[cfg(not(Py_3_11))]
fn is_byte_format(format: &str) -> bool {
    let item = match format.as_bytes() {
        [item] | [b'@' | b'=' | b'>', item] => *item,
        [b'!', item] if cfg!(target_endian = "big") => *item,
        _ => return false,
    };
    matches!(item, b'B' | b'c')
}

/// An I/O error as Python's: a Python exception from a file object as itself, input that is not an
/// export (or a truncated gzip stream) as `ExportError`, the rest as `OSError`.
fn to_py_error(error: io::Error) -> PyErr {
    match error.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => {
            ExportError::new_err(error.to_string())
        }
        _ if error.get_ref().is_some_and(|inner| inner.is::<PyErr>()) => {
            match error.into_inner().map(|inner| inner.downcast::<PyErr>()) {
                Some(Ok(python)) => *python,
                _ => PyValueError::new_err("unreadable input"),
            }
        }
        // FileNotFoundError, PermissionError and the rest, by errno.
        _ => PyErr::from(error),
    }
}

/// `check_ndjson(source, schema="entry", jobs=None)`: the report `auditlog check --format json`
/// prints (with `file` only for a path).
#[pyfunction]
#[pyo3(signature = (source, schema = "entry", jobs = None, block_bytes = None))]
fn check_ndjson<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    schema: &str,
    jobs: Option<usize>,
    block_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let schema = match schema {
        "entry" => Schema::Entry,
        "platform" => Schema::Platform,
        other => {
            return Err(PyValueError::new_err(format!(
                "schema must be 'entry' or 'platform', not {other:?}"
            )));
        }
    };
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let block = block_bytes.unwrap_or(DEFAULT_BLOCK).max(1);
    let input = input(source)?;
    let mut file_name = None;
    let checked = match &input {
        Input::Bytes(bytes) => {
            let bytes = bytes.as_bytes();
            py.detach(|| check_slice(bytes, schema, jobs, block))
        }
        #[cfg(Py_3_10)]
        Input::Text(text) => {
            let text = text.to_str()?;
            py.detach(|| check_slice(text.as_bytes(), schema, jobs, block))
        }
        #[cfg(Py_3_11)]
        Input::Buffer(buffer) => {
            let bytes = match buffer.as_slice_ptr() {
                // SAFETY: the buffer stays exported until `buffer` drops, after this call: its
                // memory is not freed or moved (a bytearray refuses to resize while exported).
                // Writing into it from another thread meanwhile is the caller's race, as with
                // any reader of a shared buffer: the answer is then about some of both bytes.
                Some(pointer) => unsafe { pointer.as_ref() },
                None => &[],
            };
            py.detach(|| check_slice(bytes, schema, jobs, block))
        }
        Input::Owned(bytes) => py.detach(|| check_slice(bytes, schema, jobs, block)),
        Input::Path(path) => {
            file_name = Some(path.to_string_lossy().into_owned());
            py.detach(|| {
                let gz = path.extension().is_some_and(|extension| extension == "gz");
                let file = std::fs::File::open(path)?;
                let (mut reader, _) = shared::decompressed(file, gz)?;
                shared::check_reader(&mut *reader, schema, jobs, block, &mut |_| {})
            })
        }
        Input::File(file) => {
            let file = file.clone_ref(py);
            py.detach(|| {
                let (mut reader, _) = shared::decompressed(PyReader { file }, false)?;
                shared::check_reader(&mut *reader, schema, jobs, block, &mut |_| {})
            })
        }
    };
    let (report, _) = checked.map_err(to_py_error)?;
    json_to_py(py, &report.to_json(file_name.as_deref()))
}

fn check_slice(
    bytes: &[u8],
    schema: Schema,
    jobs: usize,
    block: usize,
) -> io::Result<(shared::Report, u64)> {
    let (mut reader, _) = shared::decompressed(bytes, false)?;
    shared::check_reader(&mut *reader, schema, jobs, block, &mut |_| {})
}

fn schema_named(schema: &str) -> PyResult<Schema> {
    match schema {
        "entry" => Ok(Schema::Entry),
        "platform" => Ok(Schema::Platform),
        other => Err(PyValueError::new_err(format!(
            "schema must be 'entry' or 'platform', not {other:?}"
        ))),
    }
}

/// One file's bytes as read from storage, checked as `auditlog check --format json FILE` checks
/// it (gzip when its name ends in `.gz` or its bytes say so): the line that command prints,
/// without its `\n`, as text, or `ExportError` with its message. What `auditlog.spark.check` runs
/// on an executor for each file.
#[pyfunction]
#[pyo3(signature = (data, file, schema = "entry", jobs = 1))]
fn check_file_json(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    file: &str,
    schema: &str,
    jobs: usize,
) -> PyResult<String> {
    let schema = schema_named(schema)?;
    let bytes = data.as_bytes();
    let gz = file.ends_with(".gz");
    let checked = py.detach(|| {
        let (mut reader, _) = shared::decompressed(bytes, gz)?;
        shared::check_reader(
            &mut *reader,
            schema,
            jobs.max(1),
            DEFAULT_BLOCK,
            &mut |_| {},
        )
    });
    let (report, _) = checked.map_err(to_py_error)?;
    Ok(report.to_json(Some(file)).to_string())
}

/// The most common (field, code, count) over reports given as JSON text (as `check_file_json`
/// makes them): what `auditlog check` prints as "most common", for all of them together.
#[pyfunction]
fn most_common(reports: Vec<String>) -> PyResult<Vec<(String, String, usize)>> {
    let parsed = reports
        .iter()
        .map(|text| serde_json::from_str::<serde_json::Value>(text))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| {
            PyValueError::new_err(format!("most_common: a report is not JSON: {error}"))
        })?;
    Ok(shared::most_common(&parsed))
}

/// The lines of one NDJSON file's bytes as the log frames them (gzip when its name ends in `.gz`
/// or its bytes say so; byte-order marks at the start dropped, a `\r` before `\n` dropped, blank
/// lines skipped): `[(line_number, bytes), ...]`, numbered from 1 as `auditlog check` numbers
/// them. What `auditlog.spark.read_ndjson` runs on an executor for each file.
#[pyfunction]
fn ndjson_lines<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyBytes>,
    file: &str,
) -> PyResult<Vec<(usize, Bound<'py, PyBytes>)>> {
    let bytes = data.as_bytes();
    let gz = file.ends_with(".gz");
    let mut text = Vec::new();
    py.detach(|| {
        let (mut reader, _) = shared::decompressed(bytes, gz)?;
        reader.read_to_end(&mut text)
    })
    .map_err(to_py_error)?;
    let text = auditlog::ndjson::without_byte_order_marks(&text);
    auditlog::ndjson::lines(text)
        .filter(|(_, _, line)| !auditlog::ndjson::trims_to_nothing(line))
        .map(|(number, _, line)| Ok((number, PyBytes::new(py, line))))
        .collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_ndjson, m)?)?;
    m.add_function(wrap_pyfunction!(ndjson_lines, m)?)?;
    m.add_function(wrap_pyfunction!(check_file_json, m)?)?;
    m.add_function(wrap_pyfunction!(most_common, m)?)
}
