"""The README's Spark example (its one python block), run as written from the repository's root on
the tests' two-executor cluster (its getOrCreate takes the running session): it prints the text
block after it."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from typing import Any

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLE, OUTPUT = re.search(r"```python\n(.*?)```\n\n```text\n(.*?)```", README, re.S).groups()  # type: ignore[union-attr]


def test_the_readme_example_prints_what_the_readme_says(spark: Any) -> None:
    assert len(EXAMPLE.strip().splitlines()) == 10
    printed = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(EXAMPLE, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert printed.getvalue() == OUTPUT


def test_the_example_and_the_module_pass_mypy_strict() -> None:
    for args in (["-c", EXAMPLE], [str(REPO / "python" / "pysrc" / "auditlog" / "spark.py")]):
        run = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stdout + run.stderr
