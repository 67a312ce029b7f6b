"""Storage test helpers: hand-made extractor results, CLI runs, and store snapshots."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from extractors import Cue, Quote, Speaker

QUOTEWIRE = [sys.executable, "-m", "cli.main"]
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def said(text_: str, quote: str, name: str, *, mention: str | None = None,
         kind: str = "person", role: str | None = None) -> Quote:
    """A Quote of `quote` inside `text_`, attributed to `name` (found at `mention`)."""
    start = text_.index(quote)
    mention = mention or name
    at = text_.index(mention)
    return Quote(start=start, end=start + len(quote), text=quote, kind="full",
                 status="attributed",
                 speaker=Speaker(name=name, mention=mention, start=at, end=at + len(mention),
                                 type=kind, role=role),
                 cue=Cue("said", 0, 4), rule="quote-then-cue", confidence=0.9)


def cli_env(database_url: str) -> dict:
    """The environment for a `quotewire` subprocess writing to the test database."""
    return {**os.environ, "QUOTEWIRE_DATABASE_URL": database_url,
            "PYTHONPATH": str(PROJECT_ROOT)}


def run_cli(database_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*QUOTEWIRE, *args], env=cli_env(database_url), cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=300)


def snapshot(engine) -> dict:
    """Everything a run stores, without generated ids or times, for comparing two stores."""
    queries = {
        "documents": "SELECT d.id, d.sha256, d.external_id, d.title, d.url, d.author, "
                     "o.name AS outlet, d.published, d.text, d.source, d.extractor_version "
                     "FROM documents d LEFT JOIN outlets o ON o.id = d.outlet_id",
        "quotes": "SELECT q.id, q.document_id, s.normalized_name AS speaker, q.start, q.\"end\", "
                  "q.text, q.kind, q.status, q.reason, q.speaker_name, q.mention, "
                  "q.mention_start, q.mention_end, q.speaker_type, q.role, q.cue, q.cue_start, "
                  "q.cue_end, q.rule, q.confidence, q.extractor_version, q.published, "
                  "o.name AS outlet FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
                  "LEFT JOIN outlets o ON o.id = q.outlet_id",
        "speakers": "SELECT name, normalized_name, type FROM speakers",
        "publications": "SELECT p.document_id, o.name, p.url, p.title, p.author, p.published "
                        "FROM publications p LEFT JOIN outlets o ON o.id = p.outlet_id",
        # By first quote, not by id: statement ids follow speaker ids, which runs number.
        "statements": "SELECT first_quote_id, quote_count, first_published FROM statements",
        "aliases": "SELECT s.normalized_name, a.alias, a.normalized_alias "
                   "FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id",
    }
    with engine.connect() as connection:
        return {name: sorted(tuple(str(v) for v in row)
                             for row in connection.execute(text(query)))
                for name, query in queries.items()}


def count(engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


@pytest.fixture
def cli_database(database_url, db_engine):
    """The test database's URL, for subprocesses; emptied after the test like db_engine."""
    return database_url


def quote_count_errors(engine) -> list[tuple]:
    """(speaker id, stored quote_count, actual count) for every speaker whose count is wrong
    (a rejected quote counts for nobody)."""
    query = text("SELECT s.id, s.quote_count, (SELECT count(*) FROM quotes q "
                 "WHERE q.speaker_id = s.id AND q.status != 'rejected') AS actual "
                 "FROM speakers s")
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query) if row[1] != row[2]]


def statement_errors(engine) -> list[tuple]:
    """Statements whose stored count or first quote differ from their quotes', and quotes
    whose statement row is missing: [] when the writers kept them exact."""
    expected = text(
        "SELECT statement_id, count(*) AS n, min(CASE WHEN published IS NULL THEN 1 ELSE 0 END)"
        " AS undated FROM quotes GROUP BY statement_id")
    with engine.connect() as connection:
        stored = {row.id: row for row in connection.execute(text("SELECT * FROM statements"))}
        errors = []
        for statement_id, quotes, _ in connection.execute(expected):
            first = connection.execute(text(
                "SELECT id FROM quotes WHERE statement_id = :s ORDER BY "
                "CASE WHEN published IS NULL THEN 1 ELSE 0 END, published, id LIMIT 1"),
                {"s": statement_id}).scalar_one()
            row = stored.pop(statement_id, None)
            if row is None or (row.quote_count, row.first_quote_id) != (quotes, first):
                errors.append((statement_id, row and tuple(row), quotes, first))
        return errors + [("orphan", tuple(row)) for row in stored.values()]
