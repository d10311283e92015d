"""Which wheel is under test: make test-python runs the suite against the abi3-py311 wheel (in
target/venv, where pip chose it from both) and the abi3-py39 one (target/venv-py39), and says which
through AUDITLOG_EXPECT_ABI3, so a wrong install fails here rather than testing the same code twice."""

from __future__ import annotations

import importlib.metadata
import os

import pytest

import auditlog


def test_the_wheel_installed_is_the_one_meant() -> None:
    expected = os.environ.get("AUDITLOG_EXPECT_ABI3")
    if expected is None:
        pytest.skip("AUDITLOG_EXPECT_ABI3 unset: make test-python sets it for each wheel")
    major, minor = auditlog._native._ABI3_MINIMUM
    assert f"{major}.{minor}" == expected
    # The code's abi3 minimum is the wheel's tag: cp39-abi3 or cp311-abi3.
    wheel = importlib.metadata.distribution("auditlog-rs").read_text("WHEEL") or ""
    tags = [line.split(": ", 1)[1] for line in wheel.splitlines() if line.startswith("Tag: ")]
    assert tags and all(tag.startswith(f"cp{major}{minor}-abi3-") for tag in tags), tags
