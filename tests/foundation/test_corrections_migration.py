"""Migration 0010 on a store filled at 0009, both engines: keys keep what they could do
(ingest), quotes are uncorrected, full-text search still finds them, and downgrade drops the
new tables and columns."""

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import inspect, text

from models import queries
from models.engine import make_engine, make_session_factory
from models.migrate import alembic_config, upgrade
from models.queries import QuoteFilters
from tests.api.factories import said, store

NEW_TABLES = {"corrections", "tombstones", "speaker_redirects", "changes"}


def test_0010_keeps_keys_and_quotes_and_downgrades_cleanly(empty_database_url):
    upgrade(empty_database_url, "0009")
    engine = make_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO api_keys (name, key_hash, prefix, created_at) "
                "VALUES ('older', :hash, 'qw_older000', :at)"),
                {"hash": "0" * 64, "at": datetime(2026, 1, 1, tzinfo=UTC)})
        upgrade(empty_database_url)
        store(engine, [said("Oda Lunde", "The tide tables were wrong all week")])
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT scopes FROM api_keys")) == "ingest"
            assert connection.scalar(text("SELECT count(*) FROM quotes WHERE corrected")) == 0
        with make_session_factory(engine)() as session:  # the FTS triggers survived
            page = queries.quote_page(session, QuoteFilters(text="tide"), limit=5)
            assert len(page.rows) == 1
        command.downgrade(alembic_config(empty_database_url), "0009")
        engine.dispose()
        assert not NEW_TABLES & set(inspect(engine).get_table_names())
        assert "scopes" not in {c["name"] for c in inspect(engine).get_columns("api_keys")}
    finally:
        engine.dispose()
