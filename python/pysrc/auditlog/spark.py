"""Audit-log exports checked and hashed on a Spark cluster, with the CLI's answers.

Every answer comes from the wheel's Rust code, run on the executors (the wheel must be installed
in the executors' Python, as pyarrow is): files are read as raw bytes (``binaryFiles``, never
Spark's JSON reader, which loses key order, duplicate keys and number spelling: Spark's
``binaryFile`` source, so each file is at most 2 GB), one task per file, so line numbers are
exactly the CLI's.

- ``check(spark, paths)``: ``auditlog check --format json`` on each file, and the totals;
- ``read_ndjson(spark, paths)``: a DataFrame ``(file, line, value)`` of the files' non-blank lines;
- ``validate(df, column)``: the columns ``valid`` and ``issues`` beside a column of JSON text;
- ``merkle_root(df, order_by)``: the RFC 9162 root of the valid records in that order, equal to
  the Rust ``MerkleLog``'s: each partition's slice of the log is hashed into a compact range where
  it lies, and the driver merges the ranges (``auditlog log range`` / ``log merge`` for other
  engines).
"""

from __future__ import annotations

import json
import os
import posixpath
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, TypedDict, Union
from urllib.parse import urlparse

from . import _native

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

    from ._native import SchemaName

Paths = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]


class FileError(TypedDict):
    file: str
    error: str


class CheckResult(TypedDict):
    files: list[dict[str, Any]]
    errors: list[FileError]
    total: int
    valid: int
    invalid: int
    most_common: list[tuple[str, str, int]]
    exit_status: int


class MerkleResult(TypedDict):
    size: int
    root: bytes
    invalid: int


def _key(name: str) -> tuple[str, str]:
    # Spark names local files file:/abs/path; a path given without a scheme is local.
    parsed = urlparse(name)
    if parsed.scheme in ("", "file"):
        return ("file", posixpath.normpath(os.path.abspath(parsed.path if parsed.scheme else name)))
    return (parsed.scheme + "://" + parsed.netloc, posixpath.normpath(parsed.path))


def _given(paths: Paths) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def _files(spark: SparkSession, given: list[str]) -> Any:
    """An RDD of (name, bytes), one partition per file (so one task per file), name as the caller
    gave the file (Spark's name for files found in a folder or by a glob)."""
    shown = {_key(path): path for path in given}
    # A relative local path is the driver Python's, whose working folder may not be the JVM's.
    located = [os.path.abspath(path) if urlparse(path).scheme == "" else path for path in given]
    # Files are packed into partitions by size plus an opening cost each: a cost larger than any
    # partition puts each file in its own. The partitions are fixed once the RDD is made.
    cost = "spark.sql.files.openCostInBytes"
    before = spark.conf.get(cost, None)
    spark.conf.set(cost, str(1 << 50))
    try:
        rows = spark.read.format("binaryFile").load(located).select("path", "content").rdd
        rows.getNumPartitions()
    finally:
        if before is None:
            spark.conf.unset(cost)
        else:
            spark.conf.set(cost, before)
    return rows.map(lambda row: (shown.get(_key(row[0]), row[0]), row[1]))


def _order(given: list[str]) -> Any:
    position = {path: index for index, path in enumerate(given)}
    return lambda name: (position.get(name, len(given)), name)


def check(spark: SparkSession, paths: Paths, schema: SchemaName = "entry") -> CheckResult:
    """``auditlog check --format json`` on each file (NDJSON or a JSON array, plain or gzip),
    one Spark task per file: ``files`` holds each file's report as that command prints it (in the
    order the paths were given), ``errors`` the files it would refuse (exit status 2, with its
    message), then the totals, the most common (field, code, count) over every file and the
    command's exit status. One unreadable file costs only its own report."""
    if schema not in ("entry", "platform"):
        raise ValueError(f"schema must be 'entry' or 'platform', not {schema!r}")
    given = _given(paths)

    def check_each(items: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, str, bool]]:
        from auditlog import _native as native

        for name, data in items:
            try:
                yield name, native.check_file_json(bytes(data), name, schema, 1), True
            except (ValueError, OSError) as error:
                yield name, str(error), False

    found = sorted(_files(spark, given).mapPartitions(check_each).collect(), key=lambda row: _order(given)(row[0]))
    texts = [text for _, text, ok in found if ok]
    reports = [json.loads(text) for text in texts]
    errors: list[FileError] = [{"file": name, "error": text} for name, text, ok in found if not ok]
    invalid = sum(report["invalid"] for report in reports)
    total = sum(report["total"] for report in reports)
    return {
        "files": reports,
        "errors": errors,
        "total": total,
        "valid": total - invalid,
        "invalid": invalid,
        "most_common": _native.most_common(texts),
        "exit_status": 2 if errors else (1 if invalid else 0),
    }


def read_ndjson(spark: SparkSession, paths: Paths) -> DataFrame:
    """The non-blank lines of NDJSON files (plain or gzip) as ``(file: string, line: long, value:
    binary)``, every byte of each line kept (byte-order marks at a file's start and a ``\\r``
    before ``\\n`` dropped, as the CLI and the log frame lines), numbered as ``auditlog check``
    numbers them. One task per file."""
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    def lines_of(items: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, int, bytes]]:
        from auditlog import _native as native

        for name, data in items:
            for number, line in native.ndjson_lines(bytes(data), name):
                yield name, number, line

    schema = StructType(
        [
            StructField("file", StringType(), False),
            StructField("line", LongType(), False),
            StructField("value", BinaryType(), False),
        ]
    )
    return spark.createDataFrame(_files(spark, _given(paths)).mapPartitions(lines_of), schema)


def validate(df: DataFrame, column: str, schema: SchemaName = "entry") -> DataFrame:
    """``df`` with two columns more: ``valid`` (boolean) and ``issues`` (the issues as JSON text,
    ``[]`` when valid), for a string or binary column of JSON texts; null for a null value. Through
    ``mapInArrow`` and the wheel's ``validate_arrow``: no row is parsed in Python."""
    from pyspark.sql.types import BooleanType, StringType, StructField, StructType

    for taken in ("valid", "issues"):
        if taken in df.columns:
            raise ValueError(f"validate adds a column {taken!r}, which the DataFrame already has")
    index = df.columns.index(column)
    result = StructType(
        [*df.schema.fields, StructField("valid", BooleanType(), True), StructField("issues", StringType(), True)]
    )

    def verdicts(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow  # type: ignore[import-untyped, unused-ignore]

        from auditlog import validate_arrow

        for batch in batches:
            valid, issues = validate_arrow(batch.column(index), schema).flatten()
            yield pyarrow.RecordBatch.from_arrays(
                [*batch.columns, valid, issues], names=[*batch.schema.names, "valid", "issues"]
            )

    return df.mapInArrow(verdicts, result)


def merkle_root(
    df: DataFrame,
    order_by: Union[str, Column, Sequence[Union[str, Column]]],
    column: str = "value",
    schema: SchemaName = "entry",
) -> MerkleResult:
    """The RFC 9162 root of the log of ``df``'s valid records (``column``: JSON text, string or
    binary) in the order ``order_by`` sorts them, equal to the Rust ``MerkleLog``'s root of the same
    records in the same order: ``{"size", "root", "invalid"}``. A record's leaf is the log's: the
    SHA-256 leaf hash of the RFC 8785 text of the validated value (unknown keys dropped); invalid and
    null values are not records (``invalid`` counts them). ``order_by`` must order the rows totally
    (ties have no defined order, so neither has the root).

    In parallel: the rows are sorted, each partition counts its records, the counts say where each
    partition's slice begins in the log, each partition hashes its slice into a compact range (the
    roots of the complete subtrees that cover it), and the driver merges the ranges."""
    from pyspark import StorageLevel
    from pyspark.sql.types import BinaryType, StructField, StructType

    keys = [order_by] if isinstance(order_by, str) or not isinstance(order_by, Sequence) else list(order_by)
    ordered = df.orderBy(*keys).select(column)

    def leaves(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow  # type: ignore[import-untyped, unused-ignore]

        from auditlog import leaf_hashes_arrow

        for batch in batches:
            hashes = leaf_hashes_arrow(batch.column(0), schema).cast(pyarrow.binary())
            yield pyarrow.RecordBatch.from_arrays([hashes], names=["leaf"])

    hashed = ordered.mapInArrow(leaves, StructType([StructField("leaf", BinaryType(), True)]))
    rows = hashed.rdd.map(lambda row: row[0]).persist(StorageLevel.MEMORY_AND_DISK)
    try:

        def count(index: int, items: Iterable[Any]) -> Iterator[tuple[int, int, int]]:
            valid = invalid = 0
            for leaf in items:
                if leaf is None:
                    invalid += 1
                else:
                    valid += 1
            yield index, valid, invalid

        counts = sorted(rows.mapPartitionsWithIndex(count).collect())
        starts: dict[int, int] = {}
        at = 0
        for index, valid, _ in counts:
            starts[index] = at
            at += valid

        def hash_slice(index: int, items: Iterable[Any]) -> Iterator[Any]:
            from auditlog import _native as native

            yield native.compact_range([bytes(leaf) for leaf in items if leaf is not None], starts[index])

        merged = _native.merge_ranges(rows.mapPartitionsWithIndex(hash_slice).collect())
    finally:
        rows.unpersist()
    return {"size": merged["size"], "root": merged["root"], "invalid": sum(c[2] for c in counts)}


__all__ = ["CheckResult", "FileError", "MerkleResult", "check", "merkle_root", "read_ndjson", "validate"]
