"""A time limit on the statements a block runs, for reads whose cost grows with the data
(counts over every quote): PostgreSQL's statement_timeout, SQLite's progress handler."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

# SQLite calls the handler every this many virtual-machine steps (well under a millisecond).
SQLITE_STEPS = 20_000
QUERY_CANCELED = "57014"


class QueryTimeout(Exception):
    """A statement ran past its deadline and was stopped."""


@contextmanager
def deadline(session: Session, seconds: float) -> Iterator[None]:
    """Stop any statement `session` runs in this block once `seconds` have passed since it
    started (PostgreSQL: per statement, until the transaction ends; SQLite: for the whole
    block), raising QueryTimeout."""
    if session.get_bind().dialect.name == "postgresql":
        milliseconds = max(1, int(seconds * 1000))  # 0 would mean no limit at all
        session.execute(select(func.set_config("statement_timeout", str(milliseconds), True)))
        with _timeouts_raised(lambda error: getattr(error.orig, "sqlstate", None)
                              == QUERY_CANCELED):
            yield
        return
    raw = session.connection().connection.driver_connection
    ends = time.monotonic() + seconds
    raw.set_progress_handler(lambda: time.monotonic() > ends, SQLITE_STEPS)
    try:
        with _timeouts_raised(lambda error: "interrupted" in str(error.orig)):
            yield
    finally:
        raw.set_progress_handler(None, SQLITE_STEPS)


@contextmanager
def _timeouts_raised(is_timeout) -> Iterator[None]:
    try:
        yield
    except OperationalError as error:
        if is_timeout(error):
            raise QueryTimeout() from error
        raise
