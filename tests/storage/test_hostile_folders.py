"""`quotewire ingest` on folders it should not trust, and stopped by a signal midway.

Real files, a real FIFO, a real link to /dev/zero, and real processes: a reader that hangs
or reads without bound fails these tests by their timeouts instead of hanging the suite.
"""

import os
import re
import signal
import subprocess
import time

import pytest
from sqlalchemy import select

from articles import Article, ReadError, read_articles
from models.tables import ExtractionRun
from tests.storage.conftest import QUOTEWIRE, cli_env, count, run_cli
from tests.storage.corpus import write_corpus

GOOD = "“The reservoir is full for the first time in years,” said Wren Aldous, the keeper.\n"
OTHER = "“We open the sluices at dawn,” said Pim Hartell, who runs the weir.\n"


def runs(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(select(ExtractionRun).order_by(ExtractionRun.id)).all()


def hostile_folder(tmp_path):
    """Two good articles (one through a link) beside a FIFO, a link to it and /dev/zero."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "b-pipe.txt")
    (folder / "c-pipe-link.txt").symlink_to(folder / "b-pipe.txt")
    (tmp_path / "outside.txt").write_text(OTHER, encoding="utf-8")
    (folder / "d-good-link.txt").symlink_to(tmp_path / "outside.txt")
    (folder / "e-zero.json").symlink_to("/dev/zero")
    return folder


def test_fifos_and_devices_are_refused_and_the_good_documents_stored(cli_database, db_engine,
                                                                     tmp_path):
    folder = hostile_folder(tmp_path)
    result = run_cli(cli_database, "ingest", str(folder))  # times out if a read hangs
    assert result.returncode == 1, result.stderr
    assert f"{folder}/b-pipe.txt: refused: a FIFO (named pipe), not a regular file" \
        in result.stderr
    assert f"{folder}/c-pipe-link.txt: refused: a FIFO" in result.stderr
    assert f"{folder}/e-zero.json: refused: a character device" in result.stderr
    assert "documents: 2 new, 0 unchanged, 3 failed" in result.stdout
    assert count(db_engine, "documents") == 2
    [run] = runs(db_engine)
    assert (run.status, run.documents_new, run.documents_failed) == ("finished", 2, 3)
    assert run.finished_at is not None


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_a_read_stops_at_the_limit_even_when_the_file_claims_to_be_empty(tmp_path):
    # /proc files are regular files whose st_size is 0 whatever they hold.
    (tmp_path / "status.txt").symlink_to("/proc/self/status")
    assert os.stat(tmp_path / "status.txt").st_size == 0
    [item] = read_articles([tmp_path], max_bytes=100)
    assert isinstance(item, ReadError), item
    assert item.reason == "file is over the limit of 100 bytes"
    [article] = read_articles([tmp_path], max_bytes=1_000_000)
    assert isinstance(article, Article) and "Name:" in article.text


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_ingest_with_the_run_recorded_as_interrupted(cli_database, db_engine,
                                                                    tmp_path, signum):
    corpus = write_corpus(tmp_path / "corpus", 1500, per_file=500)
    process = subprocess.Popen([*QUOTEWIRE, "ingest", "--batch-size", "10", str(corpus)],
                               env=cli_env(cli_database), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    while count(db_engine, "documents") < 50 and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signum, stderr
    stored = count(db_engine, "documents")
    assert 50 <= stored < 1500, "ingest finished before the signal"
    [run] = runs(db_engine)
    assert run.status == "interrupted" and run.finished_at is not None
    assert run.documents_new == stored
    assert re.search(rf"interrupted by {signum.name}; documents: {stored} new, 0 unchanged, "
                     rf"0 failed; publications: {stored} new, 0 updated; quotes stored: \d+",
                     stdout), stdout
    assert "Traceback" not in stderr
