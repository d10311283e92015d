"""check_ndjson: the report `auditlog check --format json` prints (target/debug/auditlog, built by
`cargo build --all-features --bin auditlog`), on generated exports (hypothesis, fixed seed), from
bytes, text, a path, a gzip file and a file object; input that is not an export; the GIL released."""

from __future__ import annotations

import array
import gzip
import io
import json
import mmap
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import IN_PLACE, REPO
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import auditlog

CLI = REPO / "target" / "debug" / "auditlog"
SAMPLE = REPO / "www" / "public" / "samples" / "entries-5000.ndjson"
ENTRY = {
    "id": "audit_1",
    "action": "read",
    "actor_id": "user_1",
    "resource_type": "report",
    "resource_id": "r1",
    "timestamp": "2026-05-16T18:30:00Z",
}


def cli_report(path: Path, schema: str) -> dict[str, Any]:
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: cargo build --all-features --bin auditlog")
    run = subprocess.run(
        [str(CLI), "check", "--format", "json", "--schema", schema, str(path)],
        capture_output=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    report: dict[str, Any] = json.loads(run.stdout)
    return report


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(max_size=6),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=6,
)
field = st.one_of(st.sampled_from(["", "x", "read", "2026-05-16T18:30:00Z", "203.0.113.1"]), json_values)
entries = st.fixed_dictionaries(
    {},
    optional={name: field for name in [*ENTRY, "changes", "ip_address", "event", "resources", "actorMeta"]},
)
lines = st.one_of(
    entries.map(lambda e: json.dumps({**ENTRY, **e})),
    entries.map(json.dumps),
    st.sampled_from(["", "   ", "{", "[1,2]", "null", "\ufeff", '{"id":"\\ud800"}']),
)


@seed(29)
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(lines, max_size=30), st.sampled_from(["entry", "platform"]), st.sampled_from(["\n", "\r\n"]))
def test_generated_exports_get_the_clis_report(tmp_path: Path, lines: list[str], schema: str, end: str) -> None:
    text = end.join(lines)
    path = tmp_path / "export.ndjson"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    expected = cli_report(path, schema)
    assert auditlog.check_ndjson(path, schema=schema) == expected
    del expected["file"]
    data = path.read_bytes()
    assert auditlog.check_ndjson(data, schema=schema, jobs=3, block_bytes=7) == expected
    assert auditlog.check_ndjson(io.BytesIO(data), schema=schema) == expected


def test_the_sample_from_every_kind_of_source(tmp_path: Path) -> None:
    expected = cli_report(SAMPLE, "entry")
    assert auditlog.check_ndjson(SAMPLE) == expected
    del expected["file"]
    data = SAMPLE.read_bytes()
    zipped = tmp_path / "sample.gz"
    zipped.write_bytes(gzip.compress(data))
    assert auditlog.check_ndjson(data) == expected
    assert auditlog.check_ndjson(data.decode()) == expected
    assert auditlog.check_ndjson(bytearray(data)) == expected
    assert auditlog.check_ndjson(memoryview(data)) == expected
    assert {**auditlog.check_ndjson(zipped), "file": None} == {**expected, "file": None}
    with zipped.open("rb") as file:
        assert auditlog.check_ndjson(file, block_bytes=4096) == expected


def test_buffers_are_read_in_place_and_held_for_the_call(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    expected = auditlog.check_ndjson(data)
    # Any contiguous buffer of bytes, a strided view (gathered into a copy), a view of wider items,
    # an array of signed bytes (through its tobytes), a memory-mapped file (all of it, not read()
    # from its position): the same answers from the abi3-py39 wheel, which copies them.
    assert auditlog.check_ndjson(memoryview(bytearray(data))[: len(data)]) == expected
    assert auditlog.check_ndjson(array.array("B", data)) == expected
    assert auditlog.check_ndjson(array.array("b", data)) == expected
    strided = bytearray(len(data) * 2)
    strided[::2] = data
    assert auditlog.check_ndjson(memoryview(strided)[::2]) == expected
    assert auditlog.check_ndjson(memoryview(array.array("b", data)).cast("B")) == expected
    assert auditlog.check_ndjson(memoryview(data).cast("c")) == expected
    path = tmp_path / "sample.ndjson"
    path.write_bytes(data)
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        mapped.seek(len(data) // 2)
        assert auditlog.check_ndjson(mapped) == expected
    # While Rust reads a bytearray (the GIL released), the abi3-py311 wheel keeps the buffer
    # exported: another thread cannot resize it (BufferError), so the memory read cannot move or be
    # freed. The abi3-py39 wheel reads a copy made first (3.9's stable ABI has no buffer protocol),
    # so there the resizes go through; the answer is the same, about the bytes the call was given.
    big = bytearray(data * 40)
    before = bytes(big)
    inside = threading.Event()
    refused: list[int] = []
    done = threading.Event()

    def resize() -> None:
        inside.wait(5)
        grown = False  # a newline appended and not yet popped
        while not done.is_set() or grown:
            try:
                if grown:
                    big.pop()
                else:
                    big.append(10)
                grown = not grown
            except BufferError:
                refused.append(1)
            time.sleep(0)

    thread = threading.Thread(target=resize)
    thread.start()
    inside.set()
    report = auditlog.check_ndjson(big, jobs=1)
    done.set()
    thread.join()
    if IN_PLACE:
        assert refused, "no resize was refused while the call held the buffer"
    else:
        assert not refused, "a resize was refused: the abi3-py39 wheel should have read a copy"
    assert big == before
    # A newline that was there when the call began is an empty line, which counts for nothing.
    assert (report["total"], report["invalid"]) == (expected["total"] * 40, expected["invalid"] * 40)


def test_text_is_read_as_its_utf8() -> None:
    # ASCII, other text and lone surrogates (U+FFFD for them): CPython's UTF-8 of the str in the
    # abi3-py311 wheel, a copy in the abi3-py39 one; the same answers as the bytes.
    lines = [
        '{"id":"audit_1","action":"read","actor_id":"u","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}',
        '{"id":"audit_ü","action":"löschen","actor_id":"ユーザー","resource_type":"r","resource_id":"x","timestamp":"2026-05-16T18:30:00Z"}',
        '{"id":"\ud800","action":"read","actor_id":"\ud800","resource_type":"r","resource_id":"x","timestamp":"x"}',
    ]
    text = "\n".join(lines) + "\n"
    report = auditlog.check_ndjson(text)
    assert report == auditlog.check_ndjson(text.encode("utf-8", "surrogatepass").replace(b"\xed\xa0\x80", "\ufffd".encode()))
    assert (report["total"], report["invalid"]) == (3, 2)
    # The unpaired surrogate became U+FFFD before the check: a one-character id, not invalid JSON.
    assert [issue["path"] for issue in report["lines"][1]["issues"]] == [["timestamp"]]


def test_what_is_not_an_export_is_refused(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.gz"
    truncated.write_bytes(gzip.compress(SAMPLE.read_bytes())[:5000])
    with pytest.raises(auditlog.ExportError):
        auditlog.check_ndjson(truncated)
    with pytest.raises(auditlog.ExportError, match="binary data"):
        auditlog.check_ndjson(bytes(range(256)) * 10)
    with pytest.raises(auditlog.ExportError, match="not NDJSON"):
        auditlog.check_ndjson(b'{\n  "id": 1\n}\n')
    with pytest.raises(FileNotFoundError):
        auditlog.check_ndjson(tmp_path / "missing.ndjson")
    with pytest.raises(ValueError, match="schema"):
        auditlog.check_ndjson(b"", schema="other")

    class Failing(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        auditlog.check_ndjson(Failing())
    # Invalid UTF-8 on a line: that line is not JSON, the others are checked.
    report = auditlog.check_ndjson(json.dumps(ENTRY).encode() + b"\n\xff\xfe{}\n")
    assert (report["total"], report["valid"], report["lines"][0]["issues"][0]["code"]) == (2, 1, "invalid_json")


def test_the_gil_is_released_while_rust_checks() -> None:
    # While one thread is inside check_ndjson, another runs Python code: were the GIL held, the
    # counter could not move between the call's start and end. Valid lines only, so that the call's
    # time is the check's (a report of many invalid lines is built into Python objects with the GIL).
    data = (json.dumps(ENTRY) + "\n").encode() * 200_000
    ticks: list[float] = []
    done = threading.Event()

    def count() -> None:
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0)

    thread = threading.Thread(target=count)
    thread.start()
    time.sleep(0.05)
    start = time.monotonic()
    auditlog.check_ndjson(data, jobs=1)
    end = time.monotonic()
    done.set()
    thread.join()
    third = (end - start) / 3
    inside = [t for t in ticks if start + third < t < end - third]
    assert end - start > 0.01
    assert len(inside) > 10, (len(inside), end - start)


def test_two_threads_are_inside_rust_at_once() -> None:
    # Two file objects whose read() meets in a barrier: each call can only go on when the other is
    # also inside check_ndjson, reading (a deadlock, failed by the timeout, if calls were serial).
    barrier = threading.Barrier(2, timeout=30)
    results: list[Any] = [None, None]

    class Meeting(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data, self.met = io.BytesIO(data), False

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            if not self.met:
                self.met = True
                barrier.wait()
            return self.data.read(size)

    data = SAMPLE.read_bytes()

    def run(slot: int) -> None:
        results[slot] = auditlog.check_ndjson(Meeting(data))

    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results[0] == results[1] == auditlog.check_ndjson(data)
