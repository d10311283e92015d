"""make bench: the same gzip NDJSON files through `auditlog check --jobs 2` and through
auditlog.spark.check on a two-executor local-cluster (one core each), as MB/s of decompressed
NDJSON per core; Spark's start-up and per-job overhead stated apart. Never fails."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / "target" / "release" / "auditlog"
SAMPLE = (REPO / "www" / "public" / "samples" / "entries-5000.ndjson").read_bytes()
FILES, COPIES = 8, 20  # 8 files of 20 samples each


def main() -> None:
    from pyspark.sql import SparkSession

    from auditlog import spark as audit

    folder = Path(tempfile.mkdtemp(prefix="auditlog-spark-bench-"))
    paths = []
    for index in range(FILES):
        path = folder / f"export-{index}.ndjson.gz"
        path.write_bytes(gzip.compress(SAMPLE * COPIES, compresslevel=6))
        paths.append(str(path))
    megabytes = len(SAMPLE) * COPIES * FILES / 1e6

    started = time.perf_counter()
    subprocess.run([str(CLI), "check", "--jobs", "2", "--format", "json", *paths], capture_output=True, check=False)
    cli = time.perf_counter() - started

    started = time.perf_counter()
    spark = SparkSession.builder.master("local-cluster[2,1,1024]").config("spark.ui.enabled", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    while spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() < 3:
        time.sleep(0.2)
    start_up = time.perf_counter() - started
    audit.check(spark, paths[:1])  # the executors' Python workers started, the wheel imported
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        audit.check(spark, paths)
        runs.append(time.perf_counter() - started)
    tiny_file = folder / "tiny.ndjson"
    tiny_file.write_bytes(b"{}\n")
    tiny = []
    for _ in range(3):
        started = time.perf_counter()
        audit.check(spark, [str(tiny_file)])
        tiny.append(time.perf_counter() - started)
    spark.stop()
    best, job = min(runs), min(tiny)
    print(f"auditlog.spark.check vs auditlog check --jobs 2: {FILES} gzip files, {megabytes:.0f} MB of NDJSON")
    print(f"  CLI --jobs 2:              {cli:6.2f} s  {megabytes / cli:7.1f} MB/s  {megabytes / cli / 2:7.1f} MB/s per core")
    print(f"  Spark, 2 executors x 1:    {best:6.2f} s  {megabytes / best:7.1f} MB/s  {megabytes / best / 2:7.1f} MB/s per core (best of 3)")
    print(f"  Spark's overhead: cluster start {start_up:.1f} s (once); a job on a 3-byte file {job:.2f} s;")
    print(f"  the same work takes {best / cli:.1f}x the CLI's time on the same two cores")
    sys.stdout.flush()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


if __name__ == "__main__":
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    main()
