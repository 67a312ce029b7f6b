"""One Spark session per test module (there is one): local[2], no UI, few shuffle partitions.

Spark needs Java. Without it the tests are skipped with the reason, except under CI
(CI=true), where a missing Java is a broken setup and fails them.
"""

import os

import pyarrow.parquet as pq
import pytest

from cli.spark import JAVA_MISSING, java_available

QUOTE_FIELDS = ("start", "end", "text", "kind", "status", "reason", "speaker", "cue", "rule",
                "confidence", "extractor_version")


@pytest.fixture(scope="module")
def spark():
    if not java_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Java is required under CI: {JAVA_MISSING}")
        pytest.skip(JAVA_MISSING)
    from jobs.spark_extract import make_session

    session = make_session("local[2]", {
        "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
        "spark.driver.memory": "1g"})
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def contract_records(output) -> list[dict]:
    """The job's quotes as `quotewire extract` writes them, in input order."""
    table = pq.read_table(output / "quotes")
    rows = sorted(table.to_pylist(), key=lambda row: (row["ordinal"], row["quote_index"]))
    return [{"document": row["document"], **{name: row[name] for name in QUOTE_FIELDS}}
            for row in rows]

