"""`quotewire ingest` and `quotewire reextract`, run in-process through click's runner."""

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from cli.ingest import summary
from cli.main import main
from ingest.runs import RunCounts
from models.tables import Document, ExtractionRun, Quote
from tests.storage.conftest import count, snapshot
from tests.storage.corpus import write_corpus

GOOD_TXT = """Title: Quay wall repairs begin
Outlet: The Harbour Ledger
Published: 2025-04-01

“The wall has held for a century and it will hold for another,” said Bram Tolley, the port's
chief engineer, as the first barges arrived on Monday.
"""


@pytest.fixture
def quotewire(database_url, db_engine, monkeypatch):
    """Run `quotewire …` in-process against the test database; returns (exit code, output)."""
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)

    def run(*args: str):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.output

    return run


def test_ingesting_a_folder_twice_changes_nothing(quotewire, db_engine, tmp_path):
    write_corpus(tmp_path / "corpus", 40, per_file=15)
    code, output = quotewire("ingest", str(tmp_path / "corpus"))
    assert code == 0, output
    assert "documents: 40 new, 0 unchanged, 0 failed" in output
    first = snapshot(db_engine)
    code, output = quotewire("ingest", "--workers", "2", str(tmp_path / "corpus"))
    assert code == 0
    assert ("documents: 0 new, 40 unchanged, 0 failed; publications: 0 new, 0 updated; "
            "quotes stored: 0; speakers new: 0") in output
    assert snapshot(db_engine) == first
    with db_engine.connect() as connection:
        runs = connection.execute(select(ExtractionRun).order_by(ExtractionRun.id)).all()
    assert [(r.documents_new, r.documents_unchanged) for r in runs] == [(40, 0), (0, 40)]
    assert runs[0].quotes_added == count(db_engine, "quotes") > 0
    assert all(r.finished_at is not None for r in runs)


def test_workers_store_exactly_what_a_single_process_stores(quotewire, db_engine, tmp_path):
    write_corpus(tmp_path / "corpus", 30, per_file=30)
    quotewire("ingest", str(tmp_path / "corpus"))
    single = snapshot(db_engine)
    with db_engine.begin() as connection:
        for table in ("statements", "publications", "quotes", "documents", "speaker_aliases",
                      "speakers", "outlets"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    quotewire("ingest", "--workers", "2", "--batch-size", "7", str(tmp_path / "corpus"))
    assert snapshot(db_engine) == single


def test_bad_input_is_reported_and_everything_else_stored(quotewire, db_engine, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"fine\n\xff\xfe broken\n")
    (tmp_path / "big.txt").write_text("word " * 400, encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav>Home</nav></body></html>")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "a", "text": "“Keep going,” said Una Pell."}) + "\n{oops\n"
        + json.dumps({"id": "c", "text": "“Stop,” said Ivo Grahn."}) + "\n", encoding="utf-8")
    code, output = quotewire("ingest", "--max-file-bytes", "1000", str(tmp_path))
    assert code == 1
    for expected in ["empty.txt: empty file", "bad.txt:2: not valid UTF-8",
                     "big.txt: file is 2000 bytes, over the limit of 1000",
                     "nav.html: no article text", "lines.jsonl:2: invalid JSON"]:
        assert f"{tmp_path}/{expected}" in output
    assert "documents: 3 new, 0 unchanged, 5 failed" in output
    with db_engine.connect() as connection:
        sources = set(connection.execute(select(Document.source)).scalars())
    assert sources == {f"{tmp_path}/good.txt", f"{tmp_path}/lines.jsonl:1",
                       f"{tmp_path}/lines.jsonl:3"}


def test_ingest_without_a_schema_says_to_migrate(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path)])
    assert result.exit_code == 1
    assert "quotewire migrate" in result.output


def test_reextract_keeps_ids_of_unchanged_quotes(quotewire, db_engine, tmp_path):
    write_corpus(tmp_path / "corpus", 12, per_file=12)
    quotewire("ingest", str(tmp_path / "corpus"))
    before = snapshot(db_engine)
    with db_engine.begin() as connection:  # what an older extractor might have left behind
        quotes = connection.execute(select(Quote.id).order_by(Quote.id)).scalars().all()
        missing, altered = quotes[0], quotes[1]
        connection.execute(Quote.__table__.delete().where(Quote.id == missing))
        connection.execute(update(Quote).where(Quote.id == altered)
                           .values(confidence=0.01, rule="old-rule"))
        connection.execute(update(Document).values(extractor_version="0.0-old"))
    code, output = quotewire("reextract")
    assert code == 0, output
    assert "documents: 12 re-extracted, 0 failed; quotes: 1 added, 0 removed, 1 changed" in output
    assert snapshot(db_engine) == before
    code, output = quotewire("reextract")
    assert "documents: 0 re-extracted" in output


def test_reextract_removes_quotes_the_extractor_no_longer_finds(quotewire, db_engine, tmp_path):
    write_corpus(tmp_path / "corpus", 3, per_file=3)
    quotewire("ingest", str(tmp_path / "corpus"))
    before = snapshot(db_engine)
    with db_engine.begin() as connection:
        document_id = connection.execute(select(Document.id).limit(1)).scalar_one()
        bogus = dict(connection.execute(select(Quote.__table__).where(
            Quote.document_id == document_id).limit(1)).mappings().one())
        bogus.update(id="00000000000000aa", fts_rowid=-5, start=0, end=3)
        connection.execute(Quote.__table__.insert(), bogus)
    code, output = quotewire("reextract", "--all")
    assert code == 0
    assert "quotes: 0 added, 1 removed, 0 changed" in output
    assert snapshot(db_engine) == before


def test_the_summary_gives_short_runs_in_milliseconds():
    counts = RunCounts(documents_new=12)
    assert summary(counts, 0.047).endswith("time: 47 ms (255 documents/s)")
    assert summary(counts, 2.04).endswith("time: 2.0 s (6 documents/s)")
