"""Shared by the binding's tests: the repository's paths and the recordings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import auditlog

REPO = Path(__file__).resolve().parents[2]

# The abi3-py311 wheel reads strs and bytes-like objects in place; the abi3-py39 one copies them
# (make test-python runs the whole suite against each).
IN_PLACE = auditlog._native._ABI3_MINIMUM >= (3, 11)
FIXTURES = REPO / "tests" / "fixtures"

SCHEMAS = {
    "entry": auditlog.entry_schema,
    "change": auditlog.change_schema,
    "action": auditlog.action_schema,
    "record": auditlog.platform_record_schema,
    "resource": auditlog.platform_resource_schema,
}


def compact(value: Any) -> str:
    """JSON as serde_json::to_string writes it (compact, UTF-8 as is, key order kept)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def recorded(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return cases
