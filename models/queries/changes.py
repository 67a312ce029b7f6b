"""Change detection for caches of query results."""

import threading
from collections.abc import Callable
from functools import partial

from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine


def change_stamp_reader(engine: Engine) -> Callable[[], object]:
    """A cheap function whose value changes whenever any connection commits a write.

    For caches of query results: read the stamp before the query, and a result kept under a
    stamp is current while the stamp reads the same. Writes from other processes count.
    """
    if engine.dialect.name == "sqlite":
        return _sqlite_data_version(engine)
    return partial(_postgresql_snapshot, engine)


def _sqlite_data_version(engine: Engine) -> Callable[[], int]:
    # PRAGMA data_version changes when another connection commits, never for the connection's
    # own writes: so it is asked on a connection of its own that never writes.
    watcher = engine.raw_connection()
    lock = threading.Lock()

    def read() -> int:
        with lock:
            return watcher.driver_connection.execute("PRAGMA data_version").fetchone()[0]
    return read


def _postgresql_snapshot(engine: Engine) -> str:
    # The snapshot (xmin:xmax:running ids) changes whenever a transaction that wrote anything
    # ends: it leaves the running ids, or moves xmax past itself. Two equal snapshots therefore
    # see the same committed data. Conservative (any database of the server counts).
    with engine.connect() as connection:
        return connection.scalar(sql_text("SELECT pg_current_snapshot()::text"))
