"""Migration 0009 on a store made and filled by the earlier migrations, on both engines: every
document becomes its first publication and every quote joins a statement, no id changes."""

from datetime import date

from alembic import command
from sqlalchemy import inspect, text

from articles import Article
from ingest.store import document_sha256, store_article
from models.engine import make_engine
from models.migrate import alembic_config, upgrade
from models.tables import fts_rowid_for

TEXTS = {"d1": "“We will rebuild the pier,” said Ada Kerr.",
         "d2": "PORT ELLIS — “We will rebuild the pier!” said Ada Kerr.",
         "d3": "“We will rebuild the pier,” a councillor said."}
SHA = {name: document_sha256(body) for name, body in TEXTS.items()}
ID = {name: sha[:16] for name, sha in SHA.items()}
DOCUMENTS = [  # id, outlet, url, published
    ("d1", 1, "https://ledger.test/pier", "2025-03-02"),
    ("d2", 2, None, "2025-03-01"),
    ("d3", None, None, None),
]
QUOTES = [  # id, document, speaker, start
    ("a1", "d1", 1, 1), ("a2", "d2", 1, 15), ("a3", "d3", None, 1)]


def fill_at_0008(engine) -> None:
    with engine.begin() as connection:
        run = connection.execute
        run(text("INSERT INTO outlets (id, name, normalized_name, created_at) VALUES "
                 "(1, 'The Ledger', 'the ledger', '2025-01-01'), "
                 "(2, 'Valley Wire', 'valley wire', '2025-01-01')"))
        run(text("INSERT INTO speakers (id, name, normalized_name, surname, type, created_at, "
                 "quote_count) VALUES (1, 'Ada Kerr', 'ada kerr', 'kerr', 'person', "
                 "'2025-01-01', 2)"))
        for doc_id, outlet, url, published in DOCUMENTS:
            run(text("INSERT INTO documents (id, sha256, title, url, outlet_id, published, "
                     "text, extractor_version, ingested_at) VALUES (:id, :sha, :title, :url, "
                     ":outlet, :published, :text, 'old', '2025-03-03 10:00:00')"),
                {"id": ID[doc_id], "sha": SHA[doc_id], "title": f"Pier {doc_id}", "url": url,
                 "outlet": outlet, "published": published and date.fromisoformat(published),
                 "text": TEXTS[doc_id]})
        for quote_id, doc_id, speaker, start in QUOTES:
            words = "We will rebuild the pier,"
            run(text('INSERT INTO quotes (id, fts_rowid, document_id, speaker_id, start, "end", '
                     "text, kind, status, confidence, extractor_version, published, outlet_id) "
                     "SELECT :id, :rowid, id, :speaker, :start, :end, :words, 'full', "
                     "'attributed', 0.9, 'old', published, outlet_id FROM documents "
                     "WHERE id = :doc"),
                {"id": quote_id, "rowid": fts_rowid_for(quote_id.ljust(16, "0")), "doc": ID[doc_id],
                 "speaker": speaker, "start": start, "end": start + len(words),
                 "words": words})


def rows(engine, query: str) -> list[tuple]:
    """The rows, dates as ISO strings (SQLite returns them so from plain SQL) and documents by
    their names here."""
    names = {value: name for name, value in ID.items()}
    with engine.connect() as connection:
        return [tuple(names.get(v, v.isoformat() if isinstance(v, date) else v) for v in row)
                for row in connection.execute(text(query))]


def test_0009_makes_each_document_a_publication_and_counts_statements(empty_database_url):
    upgrade(empty_database_url, "0008")
    engine = make_engine(empty_database_url)
    try:
        fill_at_0008(engine)
        upgrade(empty_database_url)
        assert rows(engine, "SELECT document_id, outlet_id, url, title, published "
                            "FROM publications ORDER BY title") == [
            ("d1", 1, "https://ledger.test/pier", "Pier d1", "2025-03-02"),
            ("d2", 2, None, "Pier d2", "2025-03-01"),
            ("d3", None, None, "Pier d3", None)]
        assert rows(engine, "SELECT id, document_id, speaker_id FROM quotes ORDER BY id") == [
            (q, d, s) for q, d, s, _ in QUOTES]
        # a1 and a2: the same words by Ada Kerr, first reported by d2 (March 1); a3 alone.
        assert sorted(rows(engine, "SELECT quote_count, first_quote_id FROM statements")) == [
            (1, "a3"), (2, "a2")]
        [(shared,)] = rows(engine, "SELECT count(DISTINCT statement_id) FROM quotes "
                                   "WHERE id IN ('a1', 'a2')")
        assert shared == 1
        same = Article(text=TEXTS["d1"], outlet="the  ledger", url="https://ledger.test/pier",
                       title="Pier d1", published=date(2025, 3, 2))
        assert store_article(engine, same).status == "unchanged"
        command.downgrade(alembic_config(empty_database_url), "0008")
        engine.dispose()
        assert {"publications", "statements"}.isdisjoint(inspect(engine).get_table_names())
        assert rows(engine, "SELECT count(*) FROM quotes") == [(3,)]
    finally:
        engine.dispose()
