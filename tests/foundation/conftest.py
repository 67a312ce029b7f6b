"""An empty database on the suite's engine: a fresh SQLite file, or a fresh PostgreSQL database
on the server the suite runs on, dropped after the test."""

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from models.engine import make_engine


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """The URL of a database with no tables at all (never migrated)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'unmigrated.db'}"
        return
    name = f"quotewire_empty_{uuid.uuid4().hex[:12]}"
    server = make_engine(database_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()
