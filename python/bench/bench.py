"""auditlog against Pydantic v2 and jsonschema on the same schema (the open-types entry), in one run
on this machine: ratios, never a failure. `make bench-python`."""

from __future__ import annotations

import datetime
import importlib.metadata
import ipaddress
import json
import platform
import time
from pathlib import Path
from typing import Any, Callable, Literal, Optional

import jsonschema
import pydantic

import auditlog

REPO = Path(__file__).resolve().parents[2]
SAMPLE = (REPO / "www" / "public" / "samples" / "entries-5000.ndjson").read_bytes()
SCHEMA = json.loads((REPO / "tests" / "fixtures" / "zod-json-schemas.json").read_text())


class Change(pydantic.BaseModel):
    old: Any = None
    new: Any = None


class Entry(pydantic.BaseModel):
    id: str = pydantic.Field(min_length=1)
    action: Literal["create", "read", "update", "delete"]
    actor_id: str = pydantic.Field(min_length=1)
    actor_type: Optional[str] = None
    resource_type: str = pydantic.Field(min_length=1)
    resource_id: str = pydantic.Field(min_length=1)
    changes: Optional[dict[str, Change]] = None
    ip_address: Optional[str] = None
    user_agent: Optional[str] = None
    timestamp: datetime.datetime

    @pydantic.field_validator("ip_address")
    @classmethod
    def ip(cls, value: Optional[str]) -> Optional[str]:
        if value:
            ipaddress.ip_address(value)
        return value


def best(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def entry_json_schema() -> dict[str, Any]:
    # The JSON Schema Zod writes for the entry (draft 2020-12, input), as the package gives it.
    for case in SCHEMA:
        if (case["schema"], case["target"], case["io"]) == ("entry", "draft-2020-12", "input"):
            found: dict[str, Any] = json.loads(case["json"]) if isinstance(case["json"], str) else case["json"]
            return found
    raise SystemExit("no entry schema in tests/fixtures/zod-json-schemas.json")


def main() -> None:
    lines = [line for line in SAMPLE.splitlines() if line.strip()]
    validator = jsonschema.Draft202012Validator(entry_json_schema(), format_checker=jsonschema.FormatChecker())

    def pydantic_lines() -> None:
        for line in lines:
            try:
                Entry.model_validate_json(line)
            except pydantic.ValidationError:
                pass

    def jsonschema_lines() -> None:
        for line in lines:
            try:
                validator.validate(json.loads(line))
            except (ValueError, jsonschema.ValidationError):
                pass

    # Best of many: a few milliseconds each, so one run's figure is not another process's pause.
    ours_file = best(lambda: auditlog.check_ndjson(SAMPLE, jobs=1), repeat=30)
    pyd_file = best(pydantic_lines, repeat=10)
    js_file = best(jsonschema_lines, repeat=2)

    entry = json.loads(lines[0])
    calls = 100_000
    def ours_loop() -> None:
        for _ in range(calls):
            auditlog.entry_schema.safe_parse(entry)

    ours_dict = best(ours_loop, 3)

    def pyd_one() -> None:
        try:
            Entry.model_validate(entry)
        except pydantic.ValidationError:
            pass

    def pyd_loop() -> None:
        for _ in range(calls):
            pyd_one()

    pyd_dict = best(pyd_loop, 3)

    print(f"auditlog Python benchmark: {platform.python_implementation()} {platform.python_version()}, "
          f"pydantic {pydantic.VERSION}, jsonschema {importlib.metadata.version('jsonschema')}, "
          f"the abi3-py3{auditlog._native._ABI3_MINIMUM[1]} wheel")
    print(f"{'case':58} {'auditlog':>12} {'other':>12} {'ratio':>7}")
    rows = [
        (f"NDJSON, {len(lines)} lines: check_ndjson(bytes, jobs=1) vs pydantic validate_json", ours_file, pyd_file),
        (f"NDJSON, {len(lines)} lines: check_ndjson(bytes, jobs=1) vs jsonschema", ours_file, js_file),
        (f"a dict, {calls} calls: safe_parse vs pydantic validate_python", ours_dict, pyd_dict),
    ]
    for name, ours, other in rows:
        print(f"{name:58.58} {ours * 1e3:10.1f}ms {other * 1e3:10.1f}ms {other / ours:6.1f}x")


if __name__ == "__main__":
    main()
