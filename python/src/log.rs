//! The log (the crate's feature `log`): canonical text, leaf hashes, roots, proofs and their
//! verification, checkpoints and the first difference, with the npm package's answers. Hashes are
//! 32-byte `bytes`; verifications answer `{"valid": True}` or `{"valid": False, "reason": ...}`
//! and never raise, as `verifyInclusion` and the others never throw.

use auditlog::log::{
    CompactRange, Hash, MerkleLog, ProofError, RangeError, canonicalize as canonical_text,
    leaf_hash as hash_leaf, root, root_of_ranges, verify_checkpoint as check_checkpoint,
    verify_consistency as check_consistency, verify_inclusion as check_inclusion,
};
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde_json::Value as Json;

use crate::Which;

/// The canonical text (RFC 8785) of a valid entry or platform record: its parsed value as JSON.
pub fn canonicalize(py: Python<'_>, which: Which, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if !matches!(which, Which::Entry | Which::Platform) {
        return Err(PyTypeError::new_err(
            "only entries and platform records are logged",
        ));
    }
    let data = match crate::parsed(which, value)? {
        Ok(data) => data,
        Err(issues) => return Err(crate::validation_error(py, issues)?),
    };
    // The parsed value is JSON but for `old`/`new`, which hold what the caller gave: written as
    // `json.dumps` writes them, NaN and the infinities refused, as the package's JSON.stringify
    // with its replacer refuses them.
    let kwargs = PyDict::new(py);
    kwargs.set_item("allow_nan", false)?;
    let text: String = py
        .import("json")?
        .call_method("dumps", (data,), Some(&kwargs))
        .and_then(|text| text.extract())
        .map_err(|error| {
            PyTypeError::new_err(format!(
                "canonicalize: the value is not JSON ({})",
                error.value(py)
            ))
        })?;
    let parsed: Json = serde_json::from_str(&text)
        .map_err(|error| PyValueError::new_err(format!("canonicalize: {error}")))?;
    Ok(canonical_text(&parsed))
}

fn hash_of(value: &Bound<'_, PyAny>, what: &str) -> Result<Hash, String> {
    match value.cast::<PyBytes>() {
        Ok(bytes) => bytes
            .as_bytes()
            .try_into()
            .map_err(|_| format!("{what} is {} bytes long, not 32", bytes.as_bytes().len())),
        Err(_) => Err(format!("{what} is not bytes of length 32")),
    }
}

fn hashes_of(list: &Bound<'_, PyAny>, what: &str) -> Result<Vec<Hash>, String> {
    let Ok(items) = list.try_iter() else {
        return Err(format!("{what} is not a list of 32-byte bytes"));
    };
    items
        .enumerate()
        .map(|(index, item)| {
            let item = item.map_err(|error| error.to_string())?;
            hash_of(&item, &format!("{what}[{index}]"))
        })
        .collect()
}

fn whole(value: &Bound<'_, PyAny>, what: &str) -> Result<u64, String> {
    match value.extract::<u64>() {
        Ok(n) if n < (1 << 53) && !value.is_instance_of::<pyo3::types::PyBool>() => Ok(n),
        _ => Err(format!("{what} must be a whole number from 0 to 2^53 - 1")),
    }
}

fn hash_list<'py>(py: Python<'py>, list: &[Hash]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, list.iter().map(|hash| PyBytes::new(py, hash)))
}

fn verdict(py: Python<'_>, outcome: Result<(), String>) -> PyResult<Bound<'_, PyDict>> {
    let answer = PyDict::new(py);
    match outcome {
        Ok(()) => answer.set_item("valid", true)?,
        Err(reason) => {
            answer.set_item("valid", false)?;
            answer.set_item("reason", reason)?;
        }
    }
    Ok(answer)
}

/// The leaf hash of bytes (a str is hashed as its UTF-8): SHA-256(0x00 ‖ bytes).
#[pyfunction]
fn leaf_hash<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let hash = if let Ok(bytes) = data.cast::<PyBytes>() {
        hash_leaf(bytes.as_bytes())
    } else if let Ok(text) = data.cast::<PyString>() {
        hash_leaf(text.to_cow()?.as_bytes())
    } else {
        return Err(PyTypeError::new_err(
            "leaf_hash takes bytes (or a str, hashed as UTF-8)",
        ));
    };
    Ok(PyBytes::new(py, &hash))
}

fn leaves(list: &Bound<'_, PyAny>) -> PyResult<Vec<Hash>> {
    hashes_of(list, "leaf_hashes").map_err(PyTypeError::new_err)
}

/// The Merkle tree hash of leaves, in order.
#[pyfunction]
fn merkle_root<'py>(
    py: Python<'py>,
    leaf_hashes: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let leaves = leaves(leaf_hashes)?;
    Ok(PyBytes::new(py, &py.detach(|| root(&leaves))))
}

fn proof_error(error: ProofError) -> PyErr {
    PyIndexError::new_err(error.to_string())
}

/// The inclusion proof of leaf `index` in the tree of all `leaf_hashes`; IndexError beyond it.
#[pyfunction]
fn inclusion_proof<'py>(
    py: Python<'py>,
    leaf_hashes: &Bound<'py, PyAny>,
    index: u64,
) -> PyResult<Bound<'py, PyList>> {
    let log = MerkleLog::from_leaves(leaves(leaf_hashes)?);
    let proof = log
        .inclusion_proof(index, log.size())
        .map_err(proof_error)?;
    hash_list(py, &proof)
}

/// The consistency proof from the tree of the first `size1` leaves to the tree of all of them.
#[pyfunction]
fn consistency_proof<'py>(
    py: Python<'py>,
    leaf_hashes: &Bound<'py, PyAny>,
    size1: u64,
) -> PyResult<Bound<'py, PyList>> {
    let log = MerkleLog::from_leaves(leaves(leaf_hashes)?);
    let proof = log
        .consistency_proof(size1, log.size())
        .map_err(proof_error)?;
    hash_list(py, &proof)
}

/// Is the leaf at `index` in the tree of `size` leaves with this root? Never raises.
#[pyfunction]
fn verify_inclusion<'py>(
    py: Python<'py>,
    leaf_hash: &Bound<'py, PyAny>,
    index: &Bound<'py, PyAny>,
    size: &Bound<'py, PyAny>,
    proof: &Bound<'py, PyAny>,
    root: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let outcome = (|| {
        let leaf = hash_of(leaf_hash, "leaf_hash")?;
        let root = hash_of(root, "root")?;
        let proof = hashes_of(proof, "proof")?;
        let (index, size) = (whole(index, "index")?, whole(size, "size")?);
        check_inclusion(&leaf, index, size, &proof, &root).map_err(|error| error.to_string())
    })();
    verdict(py, outcome)
}

/// Does the tree of `size2` leaves extend the tree of `size1` leaves? Never raises.
#[pyfunction]
fn verify_consistency<'py>(
    py: Python<'py>,
    size1: &Bound<'py, PyAny>,
    size2: &Bound<'py, PyAny>,
    root1: &Bound<'py, PyAny>,
    root2: &Bound<'py, PyAny>,
    proof: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let outcome = (|| {
        let root1 = hash_of(root1, "root1")?;
        let root2 = hash_of(root2, "root2")?;
        let proof = hashes_of(proof, "proof")?;
        let (size1, size2) = (whole(size1, "size1")?, whole(size2, "size2")?);
        check_consistency(size1, size2, &root1, &root2, &proof).map_err(|error| error.to_string())
    })();
    verdict(py, outcome)
}

/// A C2SP checkpoint checked by `verifier_key`: `{"valid": True, "checkpoint": {origin, size,
/// root}}` or `{"valid": False, "reason": ...}`. Never raises.
#[pyfunction]
fn verify_checkpoint<'py>(
    py: Python<'py>,
    note: &Bound<'py, PyAny>,
    verifier_key: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let text = |value: &Bound<'py, PyAny>, what: &str| -> Result<String, String> {
        value
            .cast::<PyString>()
            .ok()
            .and_then(|s| s.to_cow().ok().map(|s| s.into_owned()))
            .ok_or_else(|| format!("the {what} is not text"))
    };
    let checked = text(note, "checkpoint").and_then(|note| {
        let key = text(verifier_key, "verifier key")?;
        check_checkpoint(&note, &key).map_err(|error| error.to_string())
    });
    match checked {
        Ok(checkpoint) => {
            let answer = verdict(py, Ok(()))?;
            let inner = PyDict::new(py);
            inner.set_item("origin", checkpoint.origin)?;
            inner.set_item("size", checkpoint.size)?;
            inner.set_item("root", PyBytes::new(py, &checkpoint.root))?;
            answer.set_item("checkpoint", inner)?;
            Ok(answer)
        }
        Err(reason) => verdict(py, Err(reason)),
    }
}

/// Where `copy` (leaf hashes) first differs from the log of `size` leaves with root `root`, asking
/// `consistency_proof(k)` (a proof from size k to `size`) O(log n) times; None when it is that log.
#[pyfunction]
fn first_difference(
    copy: &Bound<'_, PyAny>,
    size: u64,
    root: &Bound<'_, PyAny>,
    consistency_proof: &Bound<'_, PyAny>,
) -> PyResult<Option<u64>> {
    let copy = hashes_of(copy, "copy").map_err(PyTypeError::new_err)?;
    let root = hash_of(root, "root").map_err(PyTypeError::new_err)?;
    auditlog::log::first_difference(&copy, size, &root, |k| {
        let proof = consistency_proof.call1((k,))?;
        hashes_of(&proof, "the proof").map_err(PyTypeError::new_err)
    })
}

/// Validates, canonicalizes and leaf-hashes every line of an NDJSON export (bytes or str):
/// `{"size", "root", "leaf_hashes", "invalid_lines"}`, with the GIL released.
#[pyfunction]
#[pyo3(signature = (data, schema = "entry", jobs = None))]
fn hash_ndjson<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    schema: &str,
    jobs: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    use auditlog::log::leaves_of_ndjson_parallel;
    use auditlog::{AuditLogEntry, PlatformRecord};
    let owned;
    let bytes: &[u8] = if let Ok(bytes) = data.cast::<PyBytes>() {
        bytes.as_bytes()
    } else if let Ok(text) = data.cast::<PyString>() {
        owned = text.to_string_lossy().into_owned();
        owned.as_bytes()
    } else {
        return Err(PyTypeError::new_err("hash_ndjson takes bytes or str"));
    };
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let found = match schema {
        "entry" => py.detach(|| leaves_of_ndjson_parallel::<AuditLogEntry>(bytes, jobs)),
        "platform" => py.detach(|| leaves_of_ndjson_parallel::<PlatformRecord>(bytes, jobs)),
        other => {
            return Err(PyValueError::new_err(format!(
                "schema must be 'entry' or 'platform', not {other:?}"
            )));
        }
    };
    let answer = PyDict::new(py);
    answer.set_item("size", found.leaves.len())?;
    answer.set_item("root", PyBytes::new(py, &root(&found.leaves)))?;
    answer.set_item("leaf_hashes", hash_list(py, &found.leaves)?)?;
    answer.set_item("invalid_lines", found.invalid_lines)?;
    Ok(answer)
}

fn range_to_py<'py>(py: Python<'py>, range: &CompactRange) -> PyResult<Bound<'py, PyDict>> {
    let answer = PyDict::new(py);
    answer.set_item("start", range.start())?;
    answer.set_item("end", range.end())?;
    answer.set_item("hashes", hash_list(py, range.hashes())?)?;
    Ok(answer)
}

fn range_error(error: RangeError) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// The compact range of leaves `start..start + len(leaf_hashes)` of a log:
/// `{"start", "end", "hashes"}`, the roots of the fewest complete subtrees that cover them (what
/// `auditlog log range` prints, with bytes for hex). Slices hashed apart merge into the whole log's
/// root with `merge_ranges`.
#[pyfunction]
#[pyo3(signature = (leaf_hashes, start = None))]
fn compact_range<'py>(
    py: Python<'py>,
    leaf_hashes: &Bound<'py, PyAny>,
    start: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let start = match start {
        Some(start) => whole(start, "start").map_err(PyValueError::new_err)?,
        None => 0,
    };
    let leaves = leaves(leaf_hashes)?;
    let range = py
        .detach(|| CompactRange::of_leaves(start, &leaves))
        .map_err(range_error)?;
    range_to_py(py, &range)
}

/// Ranges (as `compact_range` makes them, in any order; empty ones anywhere) that together cover
/// leaves `0..n`, merged: `{"size": n, "root"}`. ValueError for a gap, an overlap or a range whose
/// hashes do not fit its bounds.
#[pyfunction]
fn merge_ranges<'py>(py: Python<'py>, ranges: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let mut parsed = Vec::new();
    for (index, item) in ranges.try_iter()?.enumerate() {
        let item = item?;
        let field = |name: &str| {
            item.get_item(name)
                .map_err(|_| PyValueError::new_err(format!("ranges[{index}] has no {name:?}")))
        };
        let start = whole(&field("start")?, "start").map_err(PyValueError::new_err)?;
        let end = whole(&field("end")?, "end").map_err(PyValueError::new_err)?;
        let hashes = hashes_of(&field("hashes")?, &format!("ranges[{index}].hashes"))
            .map_err(PyTypeError::new_err)?;
        parsed.push(CompactRange::from_parts(start, end, hashes).map_err(range_error)?);
    }
    let (size, root) = py.detach(|| root_of_ranges(parsed)).map_err(range_error)?;
    let answer = PyDict::new(py);
    answer.set_item("size", size)?;
    answer.set_item("root", PyBytes::new(py, &root))?;
    Ok(answer)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(compact_range, m)?)?;
    m.add_function(wrap_pyfunction!(merge_ranges, m)?)?;
    m.add_function(wrap_pyfunction!(leaf_hash, m)?)?;
    m.add_function(wrap_pyfunction!(merkle_root, m)?)?;
    m.add_function(wrap_pyfunction!(inclusion_proof, m)?)?;
    m.add_function(wrap_pyfunction!(consistency_proof, m)?)?;
    m.add_function(wrap_pyfunction!(verify_inclusion, m)?)?;
    m.add_function(wrap_pyfunction!(verify_consistency, m)?)?;
    m.add_function(wrap_pyfunction!(verify_checkpoint, m)?)?;
    m.add_function(wrap_pyfunction!(first_difference, m)?)?;
    m.add_function(wrap_pyfunction!(hash_ndjson, m)?)?;
    Ok(())
}
