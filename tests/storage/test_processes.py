"""Real `quotewire ingest` processes: killed mid-run and resumed, and several at once.

Both compare the store with what one clean run leaves: the same documents and quotes, row for
row (ids included), the same speakers and aliases.
"""

import re
import signal
import subprocess
import time

import pytest

from tests.conftest import empty_all_tables
from tests.storage.conftest import (
    QUOTEWIRE,
    cli_env,
    count,
    quote_count_errors,
    run_cli,
    snapshot,
    statement_errors,
)
from tests.storage.corpus import write_corpus

pytestmark = pytest.mark.slow

CRASH_ARTICLES = 1200
CONCURRENT_ARTICLES = 300


def without_speaker(quote_rows: list[tuple]) -> list[tuple]:
    """Quote rows less the linked speaker (the third column of snapshot()["quotes"])."""
    return sorted(row[:2] + row[3:] for row in quote_rows)


def clean_run(cli_database, db_engine, corpus) -> dict:
    """What one uninterrupted ingest stores; the database is emptied again afterwards."""
    result = run_cli(cli_database, "ingest", str(corpus))
    assert result.returncode == 0, result.stderr
    expected = snapshot(db_engine)
    empty_all_tables(db_engine)
    return expected


def test_killed_ingest_then_rerun_stores_what_a_clean_run_stores(cli_database, db_engine,
                                                                  tmp_path):
    corpus = write_corpus(tmp_path / "corpus", CRASH_ARTICLES, per_file=300, reprints=True)
    expected = clean_run(cli_database, db_engine, corpus)
    # Every fourth article reprinted, half of them as the same text by another outlet.
    assert len(expected["documents"]) == CRASH_ARTICLES * 9 // 8
    assert len(expected["publications"]) == CRASH_ARTICLES * 5 // 4

    process = subprocess.Popen([*QUOTEWIRE, "ingest", "--batch-size", "20", str(corpus)],
                               env=cli_env(cli_database), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while count(db_engine, "documents") < 100 and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL, "ingest finished before the kill"
    stored_at_kill = count(db_engine, "publications")  # one for each article line stored
    assert 0 < stored_at_kill < CRASH_ARTICLES

    result = run_cli(cli_database, "ingest", str(corpus))
    assert result.returncode == 0, result.stderr
    lines = len(expected["publications"])
    assert f"publications: {lines - stored_at_kill} new, 0 updated" in result.stdout
    assert snapshot(db_engine) == expected
    assert quote_count_errors(db_engine) == []
    assert statement_errors(db_engine) == []


def test_three_concurrent_ingests_store_each_article_once(cli_database, db_engine, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", CONCURRENT_ARTICLES, per_file=100, reprints=True)
    expected = clean_run(cli_database, db_engine, corpus)

    processes = [subprocess.Popen([*QUOTEWIRE, "ingest", "--batch-size", "10", str(corpus)],
                                  env=cli_env(cli_database), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
    new_counts = [int(re.search(r"documents: (\d+) new", out).group(1)) for out, _ in outputs]
    assert sum(new_counts) == CONCURRENT_ARTICLES * 9 // 8

    stored = snapshot(db_engine)
    assert stored["documents"] == expected["documents"]
    assert stored["publications"] == expected["publications"]
    # Which speaker a bare surname joins may depend on which writer got there first; the
    # quotes themselves, and the absence of duplicates, may not.
    assert without_speaker(stored["quotes"]) == without_speaker(expected["quotes"])
    names = [row[1] for row in stored["speakers"]]
    assert len(names) == len(set(names))
    assert len(stored["aliases"]) == len(set(stored["aliases"]))
    assert quote_count_errors(db_engine) == []
    assert statement_errors(db_engine) == []
