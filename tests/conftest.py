"""Shared fixtures: a real, migrated database (SQLite file or PostgreSQL), the app, a client.

The suite runs on SQLite by default. Set QUOTEWIRE_TEST_DATABASE_URL to a PostgreSQL database
made for the purpose (`.ci/with_postgres.py` does this) to run the same tests there; every
table is emptied between tests, so the database must hold nothing you want to keep.
"""

import os
from pathlib import Path

import pytest
from sqlalchemy import MetaData, text
from sqlalchemy.engine import make_url

from api import create_app
from config import Config
from models.engine import make_engine, make_session_factory
from models.migrate import upgrade

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = PROJECT_ROOT / "examples" / "articles"
POLNEAR_DIR = (PROJECT_ROOT.parent / "shared" / "data" / "polnear").resolve()
TEST_DATABASE_ENV = "QUOTEWIRE_TEST_DATABASE_URL"


def pytest_report_header(config):
    url = os.environ.get(TEST_DATABASE_ENV)
    backend = make_url(url).get_backend_name() if url else "sqlite"
    return f"quotewire test database: {backend}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A migrated database for the whole session."""
    url = os.environ.get(TEST_DATABASE_ENV)
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'quotewire-test.db'}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def db_engine(engine):
    """The session's engine, with every table emptied after the test."""
    yield engine
    empty_all_tables(engine)


@pytest.fixture
def db_sessions(db_engine):
    return make_session_factory(db_engine)


@pytest.fixture
def app(database_url, db_engine):
    # No rate limits: a test may send more requests than one client is allowed (the limits
    # have tests of their own, tests/api/test_rate_limits.py).
    app = create_app(Config(database_url=database_url, json_logs=False, rate_limits=False))
    yield app
    app.extensions["quotewire.database"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def empty_all_tables(engine) -> None:
    metadata = MetaData()
    metadata.reflect(engine)
    tables = [t for t in reversed(metadata.sorted_tables)
              if t.name != "alembic_version" and not _is_sqlite_fts_shadow(t.name)]
    with engine.begin() as connection:
        for table in tables:
            connection.execute(text(f'DELETE FROM "{table.name}"'))


def _is_sqlite_fts_shadow(name: str) -> bool:
    # FTS5 keeps its index in <name>_data/_idx/_docsize/_config/_content; triggers maintain them
    # and the (contentless) quotes_fts itself, which refuses a plain DELETE.
    return name == "quotes_fts" or name.endswith(
        ("_data", "_idx", "_docsize", "_config", "_content"))
