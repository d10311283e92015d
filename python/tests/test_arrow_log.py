"""Arrow arrays (zero-copy, the same answers as per-value calls) and the log (the same hashes and
proofs as the Rust crate's and the package's)."""

from __future__ import annotations

import ctypes
import json

import pyarrow as pa
import pytest
from conftest import compact

import auditlog

ENTRY = {
    "id": "audit_1",
    "action": "read",
    "actor_id": "user_1",
    "resource_type": "report",
    "resource_id": "r1",
    "timestamp": "2026-05-16T18:30:00Z",
}


def texts(count: int) -> list[str | None]:
    rows: list[str | None] = []
    for i in range(count):
        if i % 10 == 3:
            rows.append(None)
        elif i % 10 == 7:
            rows.append(json.dumps({**ENTRY, "id": ""}))
        elif i % 10 == 9:
            rows.append("{")
        else:
            rows.append(json.dumps({**ENTRY, "id": f"audit_{i}"}))
    return rows


def test_a_million_rows_without_copying_the_strings() -> None:
    rows = texts(1_000_000)
    array = pa.array(rows, type=pa.string())
    ours = auditlog._native._arrow_value_buffer_addresses(array)
    theirs = [buffer.address for buffer in array.buffers() if buffer is not None]
    assert ours[-1] == theirs[-1]  # the character data is read where pyarrow put it
    result = auditlog.validate_arrow(array)
    assert len(result) == 1_000_000
    valid = result.field("valid").to_pylist()
    assert valid.count(True) == 700_000 and valid.count(False) == 200_000 and valid.count(None) == 100_000
    assert result.is_null().to_pylist()[3] is True


def test_the_same_answers_as_per_value_calls() -> None:
    rows = texts(200)
    for kind in (pa.string(), pa.large_string(), pa.binary(), pa.large_binary()):
        array = pa.array([None if r is None else (r.encode() if "binary" in str(kind) else r) for r in rows], type=kind)
        result = auditlog.validate_arrow(array).to_pylist()
        for row, answer in zip(rows, result):
            if row is None:
                assert answer is None
                continue
            expected = auditlog.entry_schema.safe_parse_json(row)
            assert answer["valid"] == expected.success
            assert answer["issues"] == ("[]" if expected.success else compact(expected.error.issues))
        hashes = auditlog.leaf_hashes_arrow(array).to_pylist()
        assert auditlog.leaf_hashes_arrow(array).type == pa.binary(32)
        for row, leaf in zip(rows, hashes):
            if row is None or not auditlog.entry_schema.safe_parse_json(row).success:
                assert leaf is None
            else:
                assert leaf == auditlog.entry_schema.leaf_hash(json.loads(row))


def test_streams_give_chunked_answers_without_copying() -> None:
    rows = texts(3000)
    expected = auditlog.validate_arrow(pa.array(rows, type=pa.string())).to_pylist()
    expected_leaves = auditlog.leaf_hashes_arrow(pa.array(rows, type=pa.string())).to_pylist()
    chunked = pa.chunked_array([pa.array(rows[:1000]), pa.array(rows[1000:1001]), pa.array(rows[1001:])])
    result = auditlog.validate_arrow(chunked)
    assert isinstance(result, pa.ChunkedArray) and result.num_chunks == 3
    assert result.to_pylist() == expected
    leaves = auditlog.leaf_hashes_arrow(chunked)
    assert leaves.type == pa.binary(32) and leaves.to_pylist() == expected_leaves
    # A record batch reader (or table) of one column, read a batch at a time; large_string too.
    table = pa.table({"line": pa.array(rows, type=pa.large_string())})
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=700))
    assert auditlog.validate_arrow(reader).to_pylist() == expected
    assert auditlog.validate_arrow(table).num_chunks == len(table.to_batches())
    # No rows at all: an empty chunked array of the answer's type.
    empty = auditlog.validate_arrow(pa.chunked_array([], type=pa.string()))
    assert len(empty) == 0 and empty.type == result.type
    # The stream of answers itself, without pyarrow's help: its chunks, and a stream any Arrow
    # reader takes, as often as asked.
    native = auditlog._native.validate_arrow(chunked)
    assert [len(chunk) for chunk in native.chunks] == [1000, 1, 1999]
    assert pa.chunked_array(native).to_pylist() == expected == pa.chunked_array(native).to_pylist()
    # The input's chunks are read where pyarrow put them.
    addresses = set(auditlog._native._arrow_value_buffer_addresses(chunked))
    assert {chunk.buffers()[-1].address for chunk in chunked.chunks} <= addresses
    # What cannot be one column of JSON texts is refused, never a crash.
    with pytest.raises(TypeError, match="select the column"):
        auditlog.validate_arrow(pa.table({"a": ["{}"], "b": ["{}"]}))
    with pytest.raises(TypeError, match="string or binary"):
        auditlog.validate_arrow(pa.chunked_array([pa.array([1, 2])]))


def test_a_stream_without_callbacks_is_refused() -> None:
    # A released (all-zero) C stream struct in a capsule: refused before arrow-rs, which would
    # panic calling a missing get_next.
    struct = ctypes.create_string_buffer(5 * ctypes.sizeof(ctypes.c_void_p))
    name = b"arrow_array_stream"
    new_capsule = ctypes.pythonapi.PyCapsule_New
    new_capsule.restype = ctypes.py_object
    new_capsule.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]

    class Released:
        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            return new_capsule(ctypes.addressof(struct), name, None)

    with pytest.raises(ValueError, match="callback is missing"):
        auditlog.validate_arrow(Released())


def test_the_log_answers_as_the_package() -> None:
    # docs/log.md's and the npm README's example: the same canonical text.
    record = {"resources": [{"type": "key", "id": "key_1"}], "event": "key.create", "workspaceId": "ws_1", "display": "", "actorId": "user_1", "actorType": "user"}
    assert auditlog.platform_record_schema.canonicalize(record) == (
        '{"actorId":"user_1","actorType":"user","display":"","event":"key.create","resources":[{"id":"key_1","type":"key"}],"workspaceId":"ws_1"}'
    )
    leaves = [auditlog.entry_schema.leaf_hash({**ENTRY, "id": f"audit_{i}"}) for i in range(7)]
    root = auditlog.merkle_root(leaves)
    for index in range(7):
        proof = auditlog.inclusion_proof(leaves, index)
        assert auditlog.verify_inclusion(leaves[index], index, 7, proof, root) == {"valid": True}
    bad = auditlog.verify_inclusion(leaves[0], 1, 7, auditlog.inclusion_proof(leaves, 0), root)
    assert bad["valid"] is False and bad["reason"]
    assert auditlog.verify_inclusion(b"short", 0, 7, [], root) == {"valid": False, "reason": "leaf_hash is 5 bytes long, not 32"}
    old_root = auditlog.merkle_root(leaves[:3])
    proof = auditlog.consistency_proof(leaves, 3)
    assert auditlog.verify_consistency(3, 7, old_root, root, proof) == {"valid": True}
    assert auditlog.verify_consistency(3, 7, root, root, proof)["valid"] is False
    # The first difference of a copy whose record 4 was changed.
    copy = list(leaves)
    copy[4] = auditlog.leaf_hash(b"tampered")
    assert auditlog.first_difference(copy, 7, root, lambda k: auditlog.consistency_proof(leaves, k)) == 4
    assert auditlog.first_difference(leaves, 7, root, lambda k: auditlog.consistency_proof(leaves, k)) is None
    # hash_ndjson: the same leaves, the invalid lines by number.
    text = "\n".join(json.dumps({**ENTRY, "id": f"audit_{i}"}) for i in range(7)) + "\n{}\n"
    found = auditlog.hash_ndjson(text)
    assert (found["size"], found["root"], found["leaf_hashes"], found["invalid_lines"]) == (7, root, leaves, [8])
    assert auditlog.verify_checkpoint("not a note", "key")["valid"] is False
