"""python/README.md's Python example, run as written: it prints the text block after it; the
stubs type-check it (mypy --strict)."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys

from conftest import REPO

README = (REPO / "python" / "README.md").read_text(encoding="utf-8")
EXAMPLE, OUTPUT = re.search(r"```python\n(.*?)```\n\n```text\n(.*?)```", README, re.S).groups()  # type: ignore[union-attr]


def test_the_example_prints_what_the_readme_says() -> None:
    assert len(EXAMPLE.strip().splitlines()) == 10
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(EXAMPLE, "README.md", "exec"), {})
    assert printed.getvalue() == OUTPUT


def test_the_example_passes_mypy_strict(tmp_path: object) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-c", EXAMPLE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
