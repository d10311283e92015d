"""The recordings the Rust tests hold the crate to (tests/native.rs, tests/platform.rs): Zod 4.6.7's
answers for the open-types schemas, the npm package's for the platform record. Each case given as a
Python value and as JSON text gets exactly the recorded issues (as JSON text, byte for byte) and
data."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SCHEMAS, compact, recorded

import auditlog

ZOD = recorded("zod-recorded.json")
PLATFORM = recorded("platform-recorded.json")


def as_javascript_numbers(value: Any) -> Any:
    """Integers beyond 2^53 as the doubles JavaScript holds (JSON text read by serde_json gives a
    float for an integer beyond 2^64, json.loads an int: the same JavaScript number)."""
    if isinstance(value, dict):
        return {key: as_javascript_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_javascript_numbers(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return float(value)
    return value


def outcome(result: auditlog.SafeParseResult) -> dict[str, Any]:
    if result.success:
        return {"success": True, "data": as_javascript_numbers(result.data)}
    return {"success": False, "issues": result.error.issues}


@pytest.mark.parametrize("cases", [ZOD, PLATFORM], ids=["zod", "platform"])
def test_every_recorded_case_as_a_python_value_and_as_json_text(cases: list[dict[str, Any]]) -> None:
    assert len(cases) > 1000
    failures = []
    for case in cases:
        schema = SCHEMAS[case["schema"]]
        expected = compact(as_javascript_numbers(case["expected"]))
        from_value = compact(outcome(schema.safe_parse(case["input"])))
        from_text = compact(outcome(schema.safe_parse_json(compact(case["input"]))))
        from_bytes = compact(outcome(schema.safe_parse_json(compact(case["input"]).encode())))
        for how, actual in (("value", from_value), ("text", from_text), ("bytes", from_bytes)):
            if actual != expected:
                failures.append(f"{case['schema']} {case['name']} ({how}):\n  {actual}\n  {expected}")
    assert not failures, f"{len(failures)} cases differ:\n" + "\n".join(failures[:10])


def test_parse_raises_a_value_error_with_the_issues() -> None:
    case = next(c for c in ZOD if c["schema"] == "entry" and not c["expected"]["success"])
    with pytest.raises(auditlog.ValidationError) as caught:
        auditlog.entry_schema.parse(case["input"])
    assert isinstance(caught.value, ValueError)
    assert compact(caught.value.issues) == compact(case["expected"]["issues"])
    # The message is Zod's: the issues as indented JSON.
    assert str(caught.value).startswith("[\n  {\n")
    with pytest.raises(auditlog.ValidationError):
        auditlog.entry_schema.parse_json(compact(case["input"]))


def test_json_that_is_not_json_is_one_invalid_json_issue() -> None:
    result = auditlog.entry_schema.safe_parse_json("{")
    assert not result.success
    assert [issue["code"] for issue in result.error.issues] == ["invalid_json"]
    assert auditlog.entry_schema.safe_parse_json(b"\xff").error.issues[0]["code"] == "invalid_json"
