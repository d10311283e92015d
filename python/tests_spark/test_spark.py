"""auditlog.spark on a two-executor local-cluster (make test-spark): check equals the CLI's report,
merkle_root equals the Rust log's root, and both stay so when an executor process is killed in the
middle of a job. The files are generated from the demo's sample with a fixed, printed seed
(AUDITLOG_SPARK_SEED=<seed> replays another)."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

import auditlog
from auditlog import spark as aspark

from conftest import CLI, SAMPLE, SEED


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, check=False)


def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Several exports: gzip NDJSON with a byte-order mark and blank lines, CRLF, lines that are not
    JSON, a JSON array, an empty file, and a truncated gzip file (which the CLI refuses)."""
    folder = tmp_path_factory.mktemp("exports")
    generator = random.Random(SEED)
    lines = sample_lines()
    print(f"exports generated with seed {SEED}")

    def pick(count: int) -> list[str]:
        return [generator.choice(lines) for _ in range(count)]

    def with_blanks(chosen: list[str]) -> list[str]:
        return [line if generator.random() > 0.05 else "  " for line in chosen]

    written: dict[str, bytes] = {
        "a.ndjson.gz": gzip.compress(b"\xef\xbb\xbf" + "\n".join(with_blanks(pick(2500))).encode()),
        "b.ndjson.gz": gzip.compress(("\r\n".join(pick(1800)) + "\r\n").encode()),
        "c.ndjson": "\n".join(pick(900) + ["not json", "{\"id\": 1", "[]"] + pick(100)).encode(),
        "d.json": ("[" + ",\n".join(line for line in pick(400) if line.startswith("{")) + "]").encode(),
        "e.ndjson.gz": gzip.compress(b""),
        "f.ndjson.gz": gzip.compress("\n".join(pick(300)).encode())[:-200],
    }
    paths = []
    for name, data in written.items():
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    return paths


def cli_reports(paths: list[str]) -> tuple[list[dict[str, Any]], list[str], int]:
    run = cli("check", "--format", "json", *paths)
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    errors = [line.strip() for line in run.stderr.splitlines() if line.strip()]
    return reports, errors, run.returncode


def assert_same_as_cli(result: aspark.CheckResult, paths: list[str]) -> None:
    reports, errors, status = cli_reports(paths)
    assert result["files"] == reports
    # Byte for byte: each report as the CLI prints it.
    printed = cli("check", "--format", "json", *paths).stdout.splitlines()
    assert [json.dumps(r, separators=(",", ":"), ensure_ascii=False) for r in result["files"]] == printed
    assert [f"auditlog: {e['file']}: {e['error']}" for e in result["errors"]] == errors
    assert result["exit_status"] == status
    assert result["total"] == sum(r["total"] for r in reports)
    assert result["invalid"] == sum(r["invalid"] for r in reports)
    # The CLI's "most common" of one file is the same count over that file alone.
    first = aspark.check.__globals__["_native"].most_common([printed[0]])
    human = cli("check", paths[0]).stdout
    top = ", ".join(f"{field} {code} x{n}" for field, code, n in first[:6])
    assert f"most common: {top}\n" in human


def test_check_gives_the_clis_report(spark: Any, files: list[str], tmp_path: Path) -> None:
    result = aspark.check(spark, files)
    assert_same_as_cli(result, files)
    assert len(result["files"]) == 5 and len(result["errors"]) == 1
    assert result["invalid"] > 100 and result["most_common"][0][2] > 10
    # A file given alone, by a file: URI, and by its folder: the same report, named as given (in a
    # folder, as Spark names the file it found).
    alone = aspark.check(spark, files[1])
    assert alone["files"] == cli_reports([files[1]])[0]
    uri = "file://" + os.path.abspath(files[1])
    by_uri = aspark.check(spark, uri)
    assert [report["file"] for report in by_uri["files"]] == [uri]
    assert [{**report, "file": files[1]} for report in by_uri["files"]] == alone["files"]
    folder = tmp_path / "one-file"
    folder.mkdir()
    (folder / Path(files[1]).name).write_bytes(Path(files[1]).read_bytes())
    in_folder = aspark.check(spark, str(folder))
    assert len(in_folder["files"]) == 1
    assert in_folder["files"][0]["file"].endswith("/one-file/" + Path(files[1]).name)
    assert {**in_folder["files"][0], "file": files[1]} == alone["files"][0]
    with pytest.raises(ValueError, match="schema must be"):
        aspark.check(spark, files[1], schema="platfrom")  # type: ignore[arg-type]


def records(count: int, generator: random.Random) -> list[str]:
    """`count` valid entries (distinct ids), with invalid and blank lines among them."""
    valid = [json.loads(line) for line in sample_lines() if auditlog.entry_schema.safe_parse_json(line).success]
    out = []
    for index in range(count):
        entry = dict(generator.choice(valid))
        entry["id"] = f"e{index}"
        out.append(json.dumps(entry))
        if generator.random() < 0.01:
            out.append(generator.choice(['{"id": ""}', "", "nope"]))
    return out


def rust_root(paths: list[str]) -> dict[str, Any]:
    """The Rust CLI's root of the files' records, one after another: `log range --at` per file,
    then `log merge`."""
    ranges, at = [], 0
    for path in paths:
        whole = json.loads(cli("log", "range", path).stdout)
        ranges.append(cli("log", "range", path, "--at", str(at)).stdout)
        at += whole["end"]
    merged = subprocess.run([str(CLI), "log", "merge"], input="".join(ranges), capture_output=True, text=True, check=True)
    return json.loads(merged.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("count", [0, 1, 255, 256, 257, 65_537])
def test_merkle_root_is_the_rust_logs(spark: Any, tmp_path: Path, count: int) -> None:
    text = "\n".join(records(count, random.Random(SEED + count))).encode()
    path = tmp_path / f"log-{count}.ndjson.gz"
    path.write_bytes(gzip.compress(text))
    expected = rust_root([str(path)])
    assert expected["size"] == count
    assert expected["root"] == auditlog.hash_ndjson(text)["root"].hex()
    # Rows in several partitions, in another order than the log's.
    df = aspark.read_ndjson(spark, str(path)).repartition(3)
    result = aspark.merkle_root(df, "line")
    assert (result["size"], result["root"].hex()) == (count, expected["root"])


def test_merkle_root_of_several_files_in_a_stated_order(spark: Any, files: list[str]) -> None:
    # The log: the NDJSON files in the order of their names, each file's records in line order.
    ndjson = sorted(path for path in files if ".ndjson" in path and not path.endswith("f.ndjson.gz"))
    expected = rust_root(ndjson)
    df = aspark.read_ndjson(spark, ndjson)
    result = aspark.merkle_root(df, ["file", "line"])
    assert (result["size"], result["root"].hex()) == (expected["size"], expected["root"])
    assert result["invalid"] > 0


def test_validate_adds_the_issues_of_each_row(spark: Any) -> None:
    lines = sample_lines()[:3000]
    df = spark.createDataFrame([(i, line) for i, line in enumerate(lines)], "n long, value string")
    rows = aspark.validate(df, "value").orderBy("n").collect()
    for row, line in zip(rows, lines):
        issues = auditlog.entry_schema.safe_parse_json(line)
        expected = [] if issues.success else issues.error.issues
        assert (row["valid"], json.loads(row["issues"])) == (issues.success, expected)


def executor_pids() -> list[int]:
    found = subprocess.run(["pgrep", "-f", "CoarseGrainedExecutorBackend.*auditlog"], capture_output=True, text=True)
    pids = [int(pid) for pid in found.stdout.split()]
    if not pids:
        found = subprocess.run(["pgrep", "-f", "CoarseGrainedExecutorBackend"], capture_output=True, text=True)
        pids = [int(pid) for pid in found.stdout.split()]
    return pids


def kill_an_executor_when_tasks_run(spark: Any, killed: list[int]) -> threading.Thread:
    """A thread that SIGKILLs one executor JVM as soon as a task of the next job is running."""
    tracker = spark.sparkContext.statusTracker()
    before = set(tracker.getJobIdsForGroup())

    def watch() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for stage in tracker.getActiveStageIds():
                info = tracker.getStageInfo(stage)
                if info and info.numActiveTasks > 0 and set(tracker.getJobIdsForGroup()) - before:
                    pid = executor_pids()[0]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return
            time.sleep(0.02)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_a_killed_executor_changes_neither_report_nor_root(spark: Any, files: list[str], tmp_path: Path) -> None:
    # Enough work that tasks are running when the executor dies: the files many times over (30,
    # under the count at which Spark lists files in a job of its own).
    many = []
    for copy in range(5):
        for path in files:
            target = tmp_path / f"{copy}-{Path(path).name}"
            target.write_bytes(Path(path).read_bytes())
            many.append(str(target))
    killed: list[int] = []
    watcher = kill_an_executor_when_tasks_run(spark, killed)
    result = aspark.check(spark, many)
    watcher.join()
    assert killed, "no executor was killed while tasks ran"
    print(f"killed executor JVM {killed[0]} during check")
    assert_same_as_cli(result, many)

    text = "\n".join(records(20_000, random.Random(SEED))).encode()
    path = tmp_path / "log.ndjson.gz"
    path.write_bytes(gzip.compress(text))
    expected = rust_root([str(path)])
    df = aspark.read_ndjson(spark, str(path)).repartition(4)
    killed.clear()
    watcher = kill_an_executor_when_tasks_run(spark, killed)
    result = aspark.merkle_root(df, "line")
    watcher.join()
    assert killed, "no executor was killed while tasks ran"
    print(f"killed executor JVM {killed[0]} during merkle_root")
    assert (result["size"], result["root"].hex()) == (expected["size"], expected["root"])
