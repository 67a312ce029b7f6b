"""The few statements that differ between SQLite and PostgreSQL, chosen by dialect."""

from contextlib import contextmanager
from functools import cache

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# A bulk writer touches index pages all over a large file: a bigger page cache and memory-
# mapped reads cut its time per document by about a quarter at 20,000 documents (see
# bench/results/ingest.md). Only the ingest commands use these; the API keeps the defaults.
BULK_WRITER_PRAGMAS = ("PRAGMA cache_size=-131072", "PRAGMA mmap_size=1073741824")


def tune_for_bulk_writes(engine: Engine) -> Engine:
    """Give every new SQLite connection of `engine` a 128 MiB page cache and 1 GiB mmap."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _bulk_writer_pragmas)
    return engine


def _bulk_writer_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in BULK_WRITER_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


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
