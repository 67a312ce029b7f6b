"""The few statements that differ between SQLite and PostgreSQL, chosen by dialect."""

from contextlib import contextmanager
from functools import cache

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# A bulk writer touches index pages all over a large file: a bigger page cache and memory-
# mapped reads cut its time per document by about a quarter at 20,000 documents (see
# bench/results/ingest.md). A checkpoint every 64 MiB of WAL instead of every 4 MiB copies a
# hot index page into the database file once where it was copied many times. Only the ingest
# commands use these; the API keeps the defaults.
BULK_WRITER_PRAGMAS = ("PRAGMA cache_size=-131072", "PRAGMA mmap_size=1073741824",
                       "PRAGMA wal_autocheckpoint=16384")


def tune_for_bulk_writes(engine: Engine) -> Engine:
    """Give every new SQLite connection of `engine` a 128 MiB page cache, 1 GiB mmap and
    fewer checkpoints."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _bulk_writer_pragmas)
    return engine


def _bulk_writer_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in BULK_WRITER_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def insert_many(connection: Connection, table, rows: list[dict]) -> None:
    """Insert many rows that all have the same keys: COPY on PostgreSQL, one executemany of
    plain tuples on SQLite.

    Both skip SQLAlchemy's handling of each row's parameters, which was as much of a bulk
    writer's time as the database's own work on these rows (bench/results/ingest.md): the
    columns' conversions (dates, booleans) are looked up once and applied here instead."""
    if not rows:
        return
    columns = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    driver = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        with driver.cursor() as cursor, cursor.copy(
                f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])
        return
    converters = [(index, processor) for index, processor in enumerate(
        table.c[column].type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
        for column in columns) if processor is not None]
    values = []
    for row in rows:
        value = [row[column] for column in columns]
        for index, processor in converters:
            value[index] = processor(value[index])
        values.append(value)
    cursor = driver.cursor()
    try:
        cursor.executemany(f"INSERT INTO {quote(table.name)} ({names}) "
                           f"VALUES ({', '.join('?' * len(columns))})", values)
    finally:
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
