"""The write path's transaction: models.dialect's, with the change log written last."""

from contextlib import contextmanager

from sqlalchemy.engine import Engine

from ingest import change_log
from models.dialect import write_transaction as database_transaction


@contextmanager
def write_transaction(engine: Engine):
    """A connection in a transaction that commits on success (the change log's rows written
    just before) and rolls back on any error (the noted changes forgotten)."""
    with database_transaction(engine) as connection:
        try:
            yield connection
            change_log.flush(connection)
        except BaseException:
            change_log.discard(connection)
            raise
