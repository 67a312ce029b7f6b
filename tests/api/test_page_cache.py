"""The page cache: repeated GETs skip the queries, and any committed write makes them fresh."""

import subprocess
import sys
import textwrap
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from api import create_app
from api.v1.page_cache import CachedAnswer, PageCache
from config import Config
from tests.api.conftest import texts
from tests.api.factories import said, store
from tests.conftest import PROJECT_ROOT


@contextmanager
def statements_run(engine):
    """The statements `engine` runs inside the block, apart from reading the change stamp."""
    statements = []

    def record(conn, cursor, statement, *args):
        if "pg_current_snapshot" not in statement:
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def data_queries(app):
    with statements_run(app.extensions["quotewire.database"].engine) as statements:
        yield statements


def test_a_repeated_get_runs_no_query(client, corpus, data_queries):
    first = client.get("/v1/quotes?limit=3")
    assert data_queries
    data_queries.clear()
    again = client.get("/v1/quotes?limit=3")
    assert data_queries == []
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Link"] == first.headers["Link"]
    assert client.get("/v1/quotes?limit=3", headers={"If-None-Match": first.headers["ETag"]}
                      ).status_code == 304


def test_a_write_through_another_connection_refreshes_the_page(client, corpus, db_engine):
    before = texts(client.get("/v1/quotes?q=lighthouse"))
    store(db_engine, [said("Ines Costa", "The lighthouse keeper retires")], title="Light")
    assert before == [] and texts(client.get("/v1/quotes?q=lighthouse")) == [
        "The lighthouse keeper retires"]


def test_a_write_from_another_process_refreshes_the_page(client, corpus, database_url):
    assert texts(client.get("/v1/quotes?q=tramline")) == []
    writer = textwrap.dedent(f"""
        from models.engine import make_engine
        from tests.api.factories import said, store
        store(make_engine({database_url!r}), [said("Hugo Weber", "The tramline is late")])
    """)
    subprocess.run([sys.executable, "-c", writer], cwd=PROJECT_ROOT, check=True)
    assert texts(client.get("/v1/quotes?q=tramline")) == ["The tramline is late"]


def test_other_representations_are_not_served_the_cached_json(client, corpus):
    client.get("/v1/quotes")
    response = client.get("/v1/quotes", headers={"Accept": "text/csv"})
    assert response.mimetype == "text/csv" and response.data.startswith(b"id,text,")


def test_least_recently_used_answers_go_first_beyond_the_byte_budget():
    cache = PageCache(read_stamp=lambda: 1, max_bytes=10)
    for key in ("a", "b", "c"):
        cache.put((key,), CachedAnswer(1, b"1234", ()))
    assert cache.get(("a",), 1) is None
    assert cache.get(("b",), 1) and cache.get(("c",), 1)
    assert cache.get(("c",), 2) is None  # another stamp: the data changed since


def test_a_zero_budget_turns_the_cache_off(corpus, database_url):
    app = create_app(Config(database_url=database_url, json_logs=False, page_cache_bytes=0))
    engine = app.extensions["quotewire.database"].engine
    try:
        client = app.test_client()
        first = client.get("/v1/quotes?limit=3")
        with statements_run(engine) as statements:
            again = client.get("/v1/quotes?limit=3")
    finally:
        engine.dispose()
    assert again.data == first.data
    assert statements, "the repeated GET ran no query: something still cached the answer"


def test_the_budget_comes_from_the_environment():
    assert Config.from_env({}).page_cache_bytes == 16 * 1024 * 1024
    assert Config.from_env({"QUOTEWIRE_PAGE_CACHE_BYTES": "0"}).page_cache_bytes == 0
    with pytest.raises(ValueError, match="QUOTEWIRE_PAGE_CACHE_BYTES must be 0 or more"):
        Config.from_env({"QUOTEWIRE_PAGE_CACHE_BYTES": "-1"})
