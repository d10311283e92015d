"""The Spark tests' cluster: one SparkSession for the whole run (starting one takes about ten
seconds), a real local-cluster of two executor JVMs with Python workers of their own, on loopback."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / "target" / "debug" / "auditlog"
SAMPLE = REPO / "www" / "public" / "samples" / "entries-5000.ndjson"
SEED = int(os.environ.get("AUDITLOG_SPARK_SEED", "30"))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    started = time.monotonic()
    session = (
        SparkSession.builder.master("local-cluster[2,1,1024]")
        .appName("auditlog-spark-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    # Both executors up before the first job (the cluster starts them one after the other).
    while session.sparkContext._jsc.sc().getExecutorMemoryStatus().size() < 3:
        time.sleep(0.2)
    print(f"\nSpark local-cluster[2,1,1024] up in {time.monotonic() - started:.1f} s; seed {SEED}")
    yield session
    session.stop()
