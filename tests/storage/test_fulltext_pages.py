"""Pages of a full-text query: SQLite takes matches from quotes_fts newest days first (models
.queries.quotes._text_page_by_day); every page must be the one the (published, id) order gives,
on both engines, however the words spread over days."""

import importlib.util
import random
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.migrate import MIGRATIONS_DIR
from models.queries import quotes as quote_queries
from models.queries.quotes import QuoteFilters, quote_page
from models.search import FTS_KEY_SQL
from models.tables import Document, Quote

# No English stop words (PostgreSQL drops those) and none that stemming changes.
WORDS = ["harbour", "ferry", "drought", "tender", "pier", "quota"]
FIRST_DAY = date(2024, 5, 1)


def fill(engine, quotes: int = 240, seed: int = 3) -> list[dict]:
    """Quotes over ten days (several a day, a tenth undated) saying 2 to 5 of WORDS, the first
    word far more often than the others; returns the rows."""
    rng = random.Random(seed)
    rows = []
    for n in range(quotes):
        published = None if n % 10 == 0 else FIRST_DAY + timedelta(days=rng.randrange(10))
        words = ["harbour"] * (rng.random() < 0.8) + rng.sample(WORDS[1:], rng.randint(1, 4))
        rows.append({"id": f"{rng.getrandbits(64):016x}", "document_id": "d" * 16,
                     "start": n, "end": n + 1, "text": " ".join(words),
                     "kind": "partial" if n % 3 == 0 else "full", "status": "attributed",
                     "confidence": 0.9, "extractor_version": "test", "published": published})
    with engine.begin() as connection:
        connection.execute(insert(Document).values(
            id="d" * 16, sha256="0" * 64, text="-", extractor_version="test"))
        connection.execute(insert(Quote), rows)
    return rows


def expected(rows: list[dict], words: list[str], kind: str | None = None,
             newest_first: bool = True) -> list[str]:
    """Ids of the rows with every word in (published, id) order, undated last."""
    found = [r for r in rows if set(words) <= set(r["text"].split())
             and (kind is None or r["kind"] == kind)]
    dated = sorted((r for r in found if r["published"]), reverse=newest_first,
                   key=lambda r: (r["published"], r["id"]))
    undated = sorted((r for r in found if not r["published"]), reverse=newest_first,
                     key=lambda r: r["id"])
    return [r["id"] for r in dated + undated]


def every_page(engine, filters: QuoteFilters, limit: int, newest_first: bool = True):
    """Ids of every page, following the keys."""
    ids, after = [], None
    with Session(engine) as session:
        while True:
            page = quote_page(session, filters, limit=limit, after=after,
                              newest_first=newest_first)
            ids += [row.id for row in page.rows]
            if page.next_key is None:
                return ids
            after = page.next_key


@pytest.mark.parametrize("words", [["harbour"], ["ferry", "tender"], ["quota"],
                                   ["harbour", "pier", "drought"]])
@pytest.mark.parametrize("limit", [1, 7, 50])
def test_pages_follow_the_published_order(db_engine, words, limit):
    rows = fill(db_engine)
    assert len(expected(rows, words)) > 3
    assert every_page(db_engine, QuoteFilters(text=" ".join(words)), limit) == expected(
        rows, words)


def test_oldest_first_and_other_filters(db_engine):
    rows = fill(db_engine)
    assert every_page(db_engine, QuoteFilters(text="harbour"), 9, newest_first=False) == (
        expected(rows, ["harbour"], newest_first=False))
    assert every_page(db_engine, QuoteFilters(text="harbour", kind="partial"), 5) == expected(
        rows, ["harbour"], kind="partial")


def test_windows_that_outgrow_the_limit_fall_back_to_the_general_plan(db_engine, monkeypatch):
    rows = fill(db_engine)
    # Windows of 4, then 16 matches: past 8 whenever a third of them (partial) fill no page;
    # and more undated matches than 8, so the undated ones are walked, not listed.
    monkeypatch.setattr(quote_queries, "FTS_BROAD_MATCHES", 8)
    for words, limit in ((["harbour"], 3), (["ferry"], 6)):
        assert every_page(db_engine, QuoteFilters(text=" ".join(words), kind="partial"),
                          limit) == expected(rows, words, kind="partial")
        assert every_page(db_engine, QuoteFilters(text=" ".join(words)), limit) == expected(
            rows, words)


def test_a_quote_whose_date_moves_moves_in_the_pages(db_engine):
    rows = fill(db_engine)
    moved = next(r for r in rows if r["published"] and "quota" in r["text"].split())
    with db_engine.begin() as connection:
        connection.execute(update(Quote).where(Quote.id == moved["id"])
                           .values(published=date(2030, 1, 1)))
    moved["published"] = date(2030, 1, 1)
    found = every_page(db_engine, QuoteFilters(text="quota"), 4)
    assert found[0] == moved["id"]
    assert found == expected(rows, ["quota"])


def test_unmatched_and_wordless_queries_find_nothing(db_engine):
    fill(db_engine)
    assert every_page(db_engine, QuoteFilters(text="lighthouse"), 10) == []
    assert every_page(db_engine, QuoteFilters(text='" -'), 10) == []


def test_two_quotes_of_a_day_never_share_a_key(db_engine):
    if db_engine.dialect.name != "sqlite":
        pytest.skip("the day keys are SQLite's (quotes_fts)")
    fill(db_engine, quotes=2)
    shared_low_bits = {"fts_rowid": 5, "published": FIRST_DAY, "document_id": "d" * 16,
                       "start": 0, "end": 1, "text": "pier", "kind": "full",
                       "status": "attributed", "confidence": 0.9, "extractor_version": "test"}
    with db_engine.begin() as connection:
        connection.execute(insert(Quote).values(id="a" * 16, **shared_low_bits))
    with pytest.raises(IntegrityError, match="quotes_fts key taken"), db_engine.begin() as c:
        c.execute(insert(Quote).values(id="b" * 16, **{**shared_low_bits,
                                                       "fts_rowid": 5 + (1 << 50)}))


def test_the_key_expression_is_the_migrations_index_expression():
    path = MIGRATIONS_DIR / "versions" / "0011_fulltext_by_day.py"
    spec = importlib.util.spec_from_file_location("migration_0011", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.KEY.format(r="quotes.") == FTS_KEY_SQL
