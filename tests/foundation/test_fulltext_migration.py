"""Migration 0011 on a store filled at 0010, on both engines: SQLite's quotes_fts is rebuilt
keyed by day and finds the same quotes, newest first; down again, the 0002 table finds them."""

from datetime import date

from alembic import command
from sqlalchemy import text
from sqlalchemy.orm import Session

from models.engine import make_engine
from models.migrate import alembic_config, upgrade
from models.queries.quotes import QuoteFilters, quote_page
from models.tables import fts_rowid_for

QUOTES = [  # id, published, text
    ("1000000000000001", "2025-03-02", "The pier will be rebuilt"),
    ("2000000000000002", "2025-03-02", "The pier is closed"),
    ("3000000000000003", None, "Nobody dated this pier"),
    ("f000000000000004", "2025-03-05", "The ferry is late"),
    ("8000000000000005", "1960-07-01", "An old pier story"),
]


def fill_at_0010(engine) -> None:
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO documents (id, sha256, text, extractor_version, ingested_at) "
            "VALUES ('d000000000000001', :sha, '-', 'old', '2025-03-06 10:00:00')"),
            {"sha": "0" * 64})
        for n, (quote_id, published, words) in enumerate(QUOTES):
            connection.execute(text(
                'INSERT INTO quotes (id, fts_rowid, document_id, start, "end", text, kind, '
                "status, confidence, extractor_version, published) VALUES (:id, :rowid, "
                "'d000000000000001', :n, :n, :words, 'full', 'attributed', 0.9, 'old', "
                ":published)"),
                {"id": quote_id, "rowid": fts_rowid_for(quote_id), "n": n, "words": words,
                 "published": published and date.fromisoformat(published)})


def pier_page(engine) -> list[str]:
    with Session(engine) as session:
        return [row.id for row in quote_page(session, QuoteFilters(text="pier"), limit=10).rows]


PIER_NEWEST_FIRST = ["2000000000000002", "1000000000000001", "8000000000000005",
                     "3000000000000003"]


def test_0011_keys_quotes_fts_by_day_and_back(empty_database_url):
    upgrade(empty_database_url, "0010")
    engine = make_engine(empty_database_url)
    try:
        fill_at_0010(engine)
        upgrade(empty_database_url)
        assert pier_page(engine) == PIER_NEWEST_FIRST
        if engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                slots = connection.execute(text(
                    "SELECT rowid >> 47 FROM quotes_fts WHERE quotes_fts MATCH 'pier' "
                    "ORDER BY rowid")).scalars().all()
            days = (date(2025, 3, 2) - date(1970, 1, 1)).days + 1
            assert slots == [65535 - days, 65535 - days, 65534, 65535]  # 1960: oldest slot
        with engine.begin() as connection:  # the triggers keep the new table
            connection.execute(text("UPDATE quotes SET text = 'A pier at last' "
                                    "WHERE id = 'f000000000000004'"))
        assert pier_page(engine) == ["f000000000000004", *PIER_NEWEST_FIRST]
        command.downgrade(alembic_config(empty_database_url), "0010")
        engine.dispose()
        if engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                found = connection.execute(text(
                    "SELECT id FROM quotes WHERE fts_rowid IN (SELECT rowid FROM quotes_fts "
                    "WHERE quotes_fts MATCH 'pier') ORDER BY id")).scalars().all()
            assert found == sorted(["f000000000000004", *PIER_NEWEST_FIRST])
    finally:
        engine.dispose()
