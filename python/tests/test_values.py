"""Python values JSON cannot carry, and hostile ones: each gets the answer python/README.md
documents, nothing raises but the input's own code, and the input is never changed."""

from __future__ import annotations

import copy
import datetime
import decimal
import threading
from typing import Any

import pytest

import auditlog

VALID = {
    "id": "audit_1",
    "action": "read",
    "actor_id": "user_1",
    "resource_type": "report",
    "resource_id": "r1",
    "timestamp": "2026-05-16T18:30:00Z",
}
RECORD = {
    "event": "workspace.update",
    "workspaceId": "ws_1",
    "display": "",
    "actorId": "system",
    "actorType": "system",
    "resources": [],
}


def id_message(value: Any) -> str:
    issues = auditlog.entry_schema.issues({**VALID, "id": value})
    # The first: an empty array also gets Zod's length issue after it.
    assert issues[0]["path"] == ["id"], issues
    message: str = issues[0]["message"]
    return message


def meta_issues(meta: Any) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = auditlog.platform_record_schema.issues({**RECORD, "actorMeta": meta})
    return issues


class Thing:
    pass


@pytest.mark.parametrize(
    ("value", "received"),
    [
        (None, "null"),
        (True, "boolean"),
        (5, "number"),
        (2**60, "number"),
        (10**400, "Infinity"),
        (-(10**400), "-Infinity"),
        (float("nan"), "NaN"),
        (float("inf"), "Infinity"),
        (float("-inf"), "-Infinity"),
        ([], "array"),
        ((), "array"),
        ({}, "object"),
        (b"x", "bytes"),
        (bytearray(b"x"), "bytearray"),
        ({1, 2}, "set"),
        (datetime.datetime(2026, 5, 16), "datetime"),
        (decimal.Decimal("1.5"), "Decimal"),
        (Thing(), "Thing"),
        (len, "function"),
        (Thing, "function"),
    ],
)
def test_each_python_type_is_received_as_documented(value: Any, received: str) -> None:
    assert id_message(value) == f"Invalid input: expected string, received {received}"


def test_str_subclasses_and_lone_surrogates_are_strings() -> None:
    class Name(str):
        def __str__(self) -> str:
            raise RuntimeError("never called")

    assert auditlog.entry_schema.safe_parse({**VALID, "id": Name("x")}).success
    # A lone surrogate counts as one character, as in JavaScript.
    assert auditlog.entry_schema.safe_parse({**VALID, "id": "\ud800"}).success
    issues = auditlog.entry_schema.issues({**VALID, "timestamp": "\ud800"})
    assert issues[0]["code"] == "invalid_format"


def test_json_rules_refuse_what_json_cannot_hold() -> None:
    assert meta_issues({"a": [1, "x", None, True, {"b": 2**60}]}) == []
    for value, received in [
        (float("nan"), "NaN"),
        (float("inf"), "Infinity"),
        (b"x", "bytes"),
        (datetime.date(2026, 1, 1), "date"),
        ({1, 2}, "set"),
    ]:
        issues = meta_issues({"k": value})
        assert [(i["code"], i["path"], i["message"]) for i in issues] == [
            ("invalid_type", ["actorMeta", "k"], f"Invalid input: expected JSON value, received {received}")
        ]
    # A dict with a key that is not a str is not a JSON object.
    issues = meta_issues({"k": {1: "one"}})
    assert issues[0]["message"] == "Invalid input: expected JSON value, received dict"
    assert meta_issues({1: "one"})[0]["message"] == "Invalid input: expected record, received dict"


def test_a_dict_that_contains_itself_is_a_circular_reference() -> None:
    meta: dict[str, Any] = {"a": 1}
    meta["self"] = meta
    issues = meta_issues(meta)
    assert [(i["path"], i["message"]) for i in issues] == [
        (["actorMeta", "self"], "Invalid input: expected JSON value, received a circular reference")
    ]
    # Anywhere else, a cycle is never walked: the rules' depth is the schema's.
    entry: dict[str, Any] = dict(VALID)
    entry["changes"] = {"x": {"old": entry, "new": entry}}
    result = auditlog.entry_schema.safe_parse(entry)
    assert result.success and result.data["changes"]["x"]["old"] is entry


def test_nesting_deeper_than_the_recursion_limit_stops_at_one_hundred_levels() -> None:
    deep: Any = 1
    for _ in range(100_000):
        deep = [deep]
    issues = meta_issues({"deep": deep})
    assert [(i["code"], len(i["path"])) for i in issues] == [("too_big", 101)]
    text = '{"deep":' + "[" * 100_000 + "]" * 100_000 + "}"
    assert auditlog.platform_record_schema.safe_parse_json(text).error.issues[0]["code"] == "invalid_json"


def test_methods_of_the_input_are_never_called() -> None:
    class Hostile(dict[str, Any]):
        def __getitem__(self, key: str) -> Any:
            raise RuntimeError("__getitem__")

        def __iter__(self) -> Any:
            raise RuntimeError("__iter__")

        def __len__(self) -> int:
            raise RuntimeError("__len__")

        def __str__(self) -> str:
            raise RuntimeError("__str__")

        def keys(self) -> Any:
            raise RuntimeError("keys")

    # Read as the dict it is.
    assert auditlog.entry_schema.safe_parse(Hostile(VALID)).success
    meta = Hostile({"a": 1})
    assert meta_issues({"m": meta}) == []

    class Opaque:
        def __getattr__(self, name: str) -> Any:
            raise RuntimeError(name)

    assert id_message(Opaque()) == "Invalid input: expected string, received Opaque"


def test_an_exception_raised_by_the_inputs_own_code_is_the_callers() -> None:
    class Key(str):
        def __hash__(self) -> int:
            return hash("id")

        def __eq__(self, other: object) -> bool:
            raise LookupError("my __eq__")

    with pytest.raises(LookupError, match="my __eq__"):
        auditlog.entry_schema.safe_parse({Key("zz"): 1})
    # One bad item of a batch costs only its own verdict.
    report = auditlog.entry_schema.validate_many([VALID, {Key("zz"): 1}, {"id": ""}])
    assert (report["total"], report["valid"], report["invalid"]) == (3, 1, 2)
    assert report["lines"][0] == {
        "index": 1,
        "issues": [{"code": "check_threw", "path": [], "message": "my __eq__"}],
    }
    assert report["lines"][1]["index"] == 2


def test_the_input_is_never_changed() -> None:
    entry = {**VALID, "changes": {"b": {"old": 1}, "10": {"new": [1]}, "__proto__": {}}, "x": 1}
    before = copy.deepcopy(entry)
    result = auditlog.entry_schema.safe_parse(entry)
    assert entry == before and list(entry) == list(before)
    # The data is new: unknown keys and __proto__ dropped, records in JavaScript's key order.
    assert "x" not in result.data and list(result.data["changes"]) == ["10", "b"]


def test_data_is_built_from_what_was_checked_even_for_shared_objects() -> None:
    # One change dict under two keys: each place gets its own new dict with the same content (the
    # second build of a shared object reads it again).
    change = {"old": [1], "new": {"a": 2}, "x": 3}
    entry = {**VALID, "changes": {"b": change, "a": change}}
    data = auditlog.entry_schema.parse(entry)
    assert data["changes"] == {"b": {"old": [1], "new": {"a": 2}}, "a": {"old": [1], "new": {"a": 2}}}
    assert data["changes"]["a"] is not data["changes"]["b"] and data["changes"]["a"] is not change
    assert data["changes"]["a"]["old"] is change["old"]  # z.unknown(): the caller's own object


def test_a_dict_changed_by_another_thread_during_a_batch() -> None:
    entries = [dict(VALID) for _ in range(2000)]
    stop = threading.Event()

    def mutate() -> None:
        while not stop.is_set():
            for entry in entries:
                entry["id"] = "" if entry["id"] else "audit_1"
                entry.pop("action", None)
                entry["action"] = "read"

    thread = threading.Thread(target=mutate)
    thread.start()
    try:
        for _ in range(20):
            report = auditlog.entry_schema.validate_many(entries)
            assert report["total"] == 2000
            for line in report["lines"]:
                # Each verdict is of one state the dict was in.
                assert [i["path"] for i in line["issues"]] in (
                    [["id"]],
                    [["action"]],
                    [["id"], ["action"]],
                )
    finally:
        stop.set()
        thread.join()


def test_memory_stays_flat_over_a_million_calls() -> None:
    import resource

    invalid = {**VALID, "id": "", "timestamp": "x"}
    for _ in range(50_000):
        auditlog.entry_schema.safe_parse(VALID)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(500_000):
        auditlog.entry_schema.safe_parse(VALID)
        auditlog.entry_schema.safe_parse(invalid)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB: a leak of even 16 bytes a call would add 16 MB.
    assert after - before < 8 * 1024, (before, after)
