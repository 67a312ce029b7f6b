"""The few statements that differ between SQLite and PostgreSQL, chosen by dialect."""

from contextlib import contextmanager
from functools import cache

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def insert_ignoring_conflicts(connection: Connection, table, returning: tuple = ()):
    """INSERT … ON CONFLICT DO NOTHING [RETURNING …] into `table`, built once per engine kind."""
    return _insert_ignoring(connection.dialect.name, table, returning)


@cache
def _insert_ignoring(dialect_name: str, table, returning: tuple):
    statement = INSERTS[dialect_name](table).on_conflict_do_nothing()
    return statement.returning(*returning) if returning else statement


@contextmanager
def write_transaction(engine: Engine):
    """A connection in a transaction that commits on success and rolls back on any error.

    On SQLite the transaction starts with BEGIN IMMEDIATE: it takes the write lock up front
    (waiting up to the busy timeout), so what it reads cannot change before it writes.
    """
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.rollback()
            raise
        connection.commit()
