"""Audit-log validators: the Rust crate ``auditlog`` for Python, with exactly the answers of the
Rust crate and of the npm package ``auditlog-wasm`` (for the open-types entry, Zod 4.6.7's).

``entry_schema`` and ``platform_record_schema`` (and ``change_schema``, ``action_schema``,
``platform_resource_schema``) validate Python values and JSON text; ``check_ndjson`` checks whole
exports; the log's functions hash and prove (``compact_range`` and ``merge_ranges`` hash slices of a
log apart, ``auditlog.spark`` on a Spark cluster); ``validate_arrow`` and ``leaf_hashes_arrow`` take
Arrow arrays and streams. python/README.md says how each Python type is read.
"""

from __future__ import annotations

from typing import Any

from ._native import (
    ArrowArray,
    ArrowStream,
    ExportError,
    SafeParseResult,
    Schema,
    ValidationError,
    action_schema,
    change_schema,
    check_ndjson,
    compact_range,
    consistency_proof,
    entry_schema,
    first_difference,
    hash_ndjson,
    inclusion_proof,
    leaf_hash,
    merge_ranges,
    merkle_root,
    most_common,
    platform_record_schema,
    platform_resource_schema,
    verify_checkpoint,
    verify_consistency,
    verify_inclusion,
)
from ._native import leaf_hashes_arrow as _leaf_hashes_arrow
from ._native import validate_arrow as _validate_arrow

__all__ = [
    "ArrowArray",
    "ArrowStream",
    "ExportError",
    "SafeParseResult",
    "Schema",
    "ValidationError",
    "action_schema",
    "change_schema",
    "check_ndjson",
    "compact_range",
    "consistency_proof",
    "entry_schema",
    "first_difference",
    "hash_ndjson",
    "inclusion_proof",
    "leaf_hash",
    "leaf_hashes_arrow",
    "merge_ranges",
    "merkle_root",
    "most_common",
    "platform_record_schema",
    "platform_resource_schema",
    "validate_arrow",
    "verify_checkpoint",
    "verify_consistency",
    "verify_inclusion",
]


def _as_pyarrow(result: ArrowArray | ArrowStream) -> Any:
    # pyarrow when it is installed (what engines pass in is one): an Array for an array, a
    # ChunkedArray for a stream, both on the buffers Rust made (no copy). Else the capsule holder,
    # which any reader of the Arrow PyCapsule interface takes.
    try:
        import pyarrow
    except ImportError:
        return result
    if isinstance(result, ArrowStream):
        return pyarrow.chunked_array(result)
    return pyarrow.array(result)


def validate_arrow(array: Any, schema: str = "entry") -> Any:
    """A struct array ``{valid: bool, issues: string}`` (issues as JSON text, ``[]`` when valid)
    for a string or binary Arrow array of JSON texts; a null row gives a null struct. A stream
    (``__arrow_c_stream__``: a ChunkedArray, a RecordBatchReader or table of one column, a Polars
    Series) gives a chunked array, one chunk for each of its chunks."""
    return _as_pyarrow(_validate_arrow(array, schema))


def leaf_hashes_arrow(array: Any, schema: str = "entry") -> Any:
    """``fixed_size_binary(32)``: each valid row's leaf hash, null for invalid or null rows (chunked
    for a stream)."""
    return _as_pyarrow(_leaf_hashes_arrow(array, schema))
