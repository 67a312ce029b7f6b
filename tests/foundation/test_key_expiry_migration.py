"""Migration 0006 adds api_keys.expires_at: keys made before it never expire, on both engines."""

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import inspect, select, text

from models.api_keys import ApiKey, create_api_key, find_api_key
from models.engine import make_engine, make_session_factory
from models.migrate import alembic_config, upgrade


def _columns(engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("api_keys")}


def test_keys_made_before_0006_never_expire_and_downgrade_drops_the_column(
        empty_database_url):
    upgrade(empty_database_url, "0005")
    engine = make_engine(empty_database_url)
    try:
        assert "expires_at" not in _columns(engine)
        with engine.begin() as connection:
            # Plain SQL: the model's table has columns later migrations add (scopes).
            connection.execute(text(
                "INSERT INTO api_keys (name, key_hash, prefix, created_at) "
                "VALUES ('older', :hash, 'qw_older000', :at)"),
                {"hash": "0" * 64, "at": datetime(2026, 1, 1, tzinfo=UTC)})
        upgrade(empty_database_url)
        with make_session_factory(engine)() as session:
            row = session.scalar(select(ApiKey).where(ApiKey.name == "older"))
            assert row.expires_at is None and not row.expired()
        with make_session_factory(engine).begin() as session:
            _, key = create_api_key(session, "newer")
        with make_session_factory(engine)() as session:
            assert find_api_key(session, key).name == "newer"
        command.downgrade(alembic_config(empty_database_url), "0005")
        engine.dispose()
        assert "expires_at" not in _columns(engine)
    finally:
        engine.dispose()
