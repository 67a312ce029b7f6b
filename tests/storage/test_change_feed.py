"""The change feed under concurrent writers: three processes write at once (two
`quotewire ingest`, one `quotewire reextract`) while this test follows /v1/changes a small
page at a time; it must see every change exactly once, in the order of the log, on SQLite and
on PostgreSQL (where sequence ids are not visible in commit order: ingest.change_log)."""

import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text, update

from ingest import change_log
from ingest.transactions import write_transaction
from models.tables import Document, Quote
from tests.storage.conftest import QUOTEWIRE, cli_env, run_cli

ARTICLES_PER_WRITER = 12
PAGE = 7


def write_articles(folder: Path, writer: str) -> Path:
    """Small articles of our own; every writer quotes Mara Quist, so they share a speaker."""
    folder.mkdir()
    for number in range(ARTICLES_PER_WRITER):
        (folder / f"{writer}-{number:02}.txt").write_text(
            f"Harbour notes {writer} {number}.\n\n“The {writer} crane number {number} is "
            f"back in service,” said engineer Mara Quist.\n\n“We lifted {number} boxes before "
            f"noon,” said foreman {writer.capitalize()} Oyelaran.\n", encoding="utf-8")
    return folder


def follow(client, after: str | None) -> tuple[list[dict], str | None]:
    url = f"/v1/changes?limit={PAGE}" + (f"&after={after}" if after else "")
    response = client.get(url)
    assert response.status_code == 200, response.json
    return response.json["items"], response.json["next"]


def test_a_follower_sees_every_change_exactly_once(client, cli_database, db_engine, tmp_path):
    seeded = run_cli(cli_database, "ingest", str(write_articles(tmp_path / "seed", "seed")))
    assert seeded.returncode == 0, seeded.stderr
    with db_engine.begin() as connection:  # the seed is stale: reextract rewrites it
        for table in (Document, Quote):
            connection.execute(update(table).values(extractor_version="0.0-old"))
    commands = [
        ["ingest", str(write_articles(tmp_path / "north", "north")), "--batch-size", "1"],
        ["ingest", str(write_articles(tmp_path / "south", "south")), "--batch-size", "1"],
        ["reextract", "--batch-size", "1"],
    ]
    logs = [tmp_path / f"writer-{number}.log" for number in range(len(commands))]
    writers = []
    for command, log in zip(commands, logs, strict=True):
        with log.open("w") as stderr:  # a file, not a pipe nobody reads while they run
            writers.append(subprocess.Popen([*QUOTEWIRE, *command], env=cli_env(cli_database),
                                            stdout=subprocess.DEVNULL, stderr=stderr))
    seen, after = [], None
    while any(writer.poll() is None for writer in writers):
        items, after = follow(client, after)
        seen += items
        if not items:
            time.sleep(0.02)  # caught up: let the writers get on
    for writer, log in zip(writers, logs, strict=True):
        assert writer.wait() == 0, log.read_text()
    while True:
        items, after = follow(client, after)
        if not items:
            break
        seen += items
    positions = [change["position"] for change in seen]
    assert positions == sorted(set(positions)), "a change was repeated or came out of order"
    with db_engine.connect() as connection:
        logged = connection.execute(text("SELECT id FROM changes ORDER BY id")).scalars().all()
        quotes = set(connection.execute(text("SELECT id FROM quotes")).scalars())
    assert positions == logged, "the follower skipped a change"
    created = [c["quote_id"] for c in seen if c["change"] == "created"]
    assert sorted(created) == sorted(quotes) and len(quotes) == 3 * 2 * ARTICLES_PER_WRITER
    updated = {c["quote_id"] for c in seen if c["cause"] == "reextract"}
    assert len(updated) == 2 * ARTICLES_PER_WRITER  # every seed quote moved version once


WAITING_FOR_ADVISORY_LOCK = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")


def test_on_postgresql_no_change_is_visible_before_an_earlier_one(db_engine):
    """Deterministic, where the processes above only make it likely: a writer that logs while
    an earlier writer's change is uncommitted waits, so no reader can see its larger id
    first and move past the smaller one."""
    if db_engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: its ids are in commit order already")
    first = db_engine.connect()
    first.begin()
    change_log.record(first, change_log.CREATED, "test", [("a" * 16, "d" * 16)])
    change_log.flush(first)  # id taken, not committed
    finished = threading.Event()

    def second_writer():
        with write_transaction(db_engine) as connection:
            change_log.record(connection, change_log.CREATED, "test", [("b" * 16, "d" * 16)])
        finished.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    with db_engine.connect() as reader:
        while not finished.is_set() and not reader.scalar(WAITING_FOR_ADVISORY_LOCK):
            thread.join(0.01)
        visible = reader.execute(text("SELECT quote_id FROM changes")).scalars().all()
    assert not finished.is_set() and visible == [], "a later change was visible first"
    first.commit()
    first.close()
    thread.join()
    with db_engine.connect() as reader:
        logged = reader.execute(text("SELECT quote_id FROM changes ORDER BY id")).scalars()
        assert list(logged) == ["a" * 16, "b" * 16]
