"""store_article: one transaction per article, idempotent by content, stable quote ids."""

from datetime import date

from sqlalchemy import select

from articles import Article
from ingest.store import document_sha256, quote_id, store_article
from models.tables import Document, Outlet, Quote
from tests.storage.conftest import count, said

TEXT = ("PORT ELLIS, May 2 — “The pier is safe,” said Ilse Marrow, the harbour engineer. "
        "“We tested every pile,” Marrow said.")


def article(text: str = TEXT, **fields) -> Article:
    return Article(text=text, outlet=fields.pop("outlet", "The Harbour Ledger"),
                   published=fields.pop("published", date(2025, 5, 2)), **fields)


def quotes_for(text: str = TEXT) -> list:
    return [said(text, "The pier is safe,", "Ilse Marrow", role="the harbour engineer"),
            said(text, "We tested every pile,", "Ilse Marrow", mention="Marrow")]


def test_new_article_is_stored_with_its_quotes_and_provenance(db_engine):
    result = store_article(db_engine, article(), quotes=quotes_for())
    sha = document_sha256(TEXT)
    assert (result.status, result.document_id, result.quotes_stored) == ("new", sha[:16], 2)
    with db_engine.connect() as connection:
        document = connection.execute(select(Document)).one()
        rows = connection.execute(select(Quote).order_by(Quote.start)).all()
        outlet_id = connection.execute(select(Outlet.id)).scalar_one()
    assert document.sha256 == sha and document.text == TEXT
    assert [r.id for r in rows] == [quote_id(sha, r.start, r.end) for r in rows]
    for row in rows:
        assert TEXT[row.start:row.end] == row.text
        assert TEXT[row.mention_start:row.mention_end] == row.mention
        assert (row.published, row.outlet_id) == (date(2025, 5, 2), outlet_id)
    assert rows[0].role == "the harbour engineer"


def test_same_text_twice_is_stored_once(db_engine):
    first = store_article(db_engine, article(), quotes=quotes_for())
    second = store_article(db_engine, article(source="elsewhere.txt"), quotes=quotes_for())
    assert (first.status, second.status) == ("new", "unchanged")
    assert second.document_id == first.document_id
    assert (count(db_engine, "documents"), count(db_engine, "quotes")) == (1, 2)
    assert count(db_engine, "publications") == 1


def test_quote_ids_do_not_depend_on_the_database(db_engine):
    store_article(db_engine, article(), quotes=quotes_for())
    with db_engine.connect() as connection:
        ids = set(connection.execute(select(Quote.id)).scalars())
    sha = document_sha256(TEXT)
    expected = {quote_id(sha, q.start, q.end) for q in quotes_for()}
    assert ids == expected


def test_outlets_match_by_folded_name(db_engine):
    store_article(db_engine, article(outlet="The Harbour Ledger"), quotes=[])
    store_article(db_engine, article(TEXT + " More.", outlet="the  HARBOUR ledger"), quotes=[])
    assert count(db_engine, "outlets") == 1


def test_store_article_runs_the_extractor_when_no_quotes_are_given(db_engine):
    result = store_article(db_engine, article())
    assert result.status == "new"
    assert result.quotes_stored == count(db_engine, "quotes")
