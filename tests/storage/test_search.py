"""Full-text search over quote text, the same queries on SQLite FTS5 and PostgreSQL tsvector."""

import pytest
from sqlalchemy import delete, select, update

from articles import Article
from ingest.store import store_article
from models.search import fts5_query, fulltext_condition, order_by_relevance
from models.tables import Quote
from tests.storage.conftest import said

TEXT = ("“The ferry contract was signed in secret,” said Nell Arkwright. "
        "“Fishermen are warning about the quotas,” said Abe Lindqvist. "
        "“Contracts like this one cost the town dearly; the ferry contract most of all,” "
        "said Nell Arkwright.")
QUOTES = ["The ferry contract was signed in secret,", "Fishermen are warning about the quotas,",
          "Contracts like this one cost the town dearly; the ferry contract most of all,"]


@pytest.fixture
def stored(db_engine):
    store_article(db_engine, Article(text=TEXT), quotes=[
        said(TEXT, QUOTES[0], "Nell Arkwright"), said(TEXT, QUOTES[1], "Abe Lindqvist"),
        said(TEXT, QUOTES[2], "Nell Arkwright", mention="Nell Arkwright")])
    return db_engine


def search(engine, q: str, ranked: bool = False) -> list[str]:
    with engine.connect() as connection:
        dialect = connection.dialect.name
        statement = select(Quote.text).where(fulltext_condition(dialect, q))
        if ranked:
            statement = order_by_relevance(statement, dialect, q)
        return list(connection.execute(statement).scalars())


def test_words_match_with_stemming(stored):
    assert search(stored, "warned") == [QUOTES[1]]
    assert sorted(search(stored, "contract")) == sorted([QUOTES[0], QUOTES[2]])


def test_phrases_alternatives_and_exclusions(stored):
    assert sorted(search(stored, '"ferry contract"')) == sorted([QUOTES[0], QUOTES[2]])
    assert search(stored, "ferry -secret") == [QUOTES[2]]
    assert sorted(search(stored, "quotas or secret")) == sorted([QUOTES[0], QUOTES[1]])


def test_hostile_or_empty_queries_do_not_fail(stored):
    for q in ['"unclosed', "NEAR(", "a:b*", "^", ")", "AND", ""]:
        search(stored, q)  # no error on either engine
    assert search(stored, "") == []


def test_relevance_order_puts_the_quote_matching_more_terms_first(stored):
    assert search(stored, "ferry or secret", ranked=True) == [QUOTES[0], QUOTES[2]]


def test_index_follows_updates_and_deletes(stored):
    with stored.begin() as connection:
        connection.execute(update(Quote).where(Quote.text == QUOTES[1])
                           .values(text="Herring stocks recovered"))
    assert search(stored, "herring") == ["Herring stocks recovered"]
    assert search(stored, "quotas") == []
    with stored.begin() as connection:
        connection.execute(delete(Quote))
    assert search(stored, "herring") == []


def test_fts5_query_quotes_every_term():
    assert fts5_query('"ferry contract" -strike') == '(("ferry contract")) NOT "strike"'
    assert fts5_query("a or b c") == '(("a") OR ("b" AND "c"))'
    assert fts5_query("-only") is None
