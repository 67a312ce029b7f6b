"""Writing many extracted articles: a transaction per small batch, each document whole.

A batch commits together, so a killed process leaves whole documents or none. When a batch
fails (a lock timeout, a PostgreSQL deadlock between concurrent writers, a bad row), it is
rolled back and its documents are stored one transaction each, retried a few times, so one
bad document fails alone and everything else is stored. An integrity error is retried too:
another writer may have merged away a speaker this one knew (ingest.speaker_merges).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ingest.store_cache import StoreCache
from ingest.transactions import write_transaction

RETRIES = 3
RETRY_PAUSE_SECONDS = 0.2


@dataclass(frozen=True)
class Failure:
    """A document that could not be stored, and why."""

    reason: str


StoreMany = Callable[[Connection, list], list]


def write_batch(engine: Engine, items: list, store: StoreMany,
                cache: StoreCache | None = None) -> list:
    """`store(connection, items)` in one transaction; returns a result or a Failure per item."""
    if not items:
        return []
    cache = cache or StoreCache()
    try:
        with write_transaction(engine) as connection:
            results = store(connection, items)
    except SQLAlchemyError:
        cache.rollback()
        cache.forget_speakers()  # a speaker another writer merged away makes writes fail
        return [write_one(engine, item, store, cache) for item in items]
    cache.commit()
    return results


def write_one(engine: Engine, item, store: StoreMany, cache: StoreCache):
    """Store one item in its own transaction, retrying transient errors."""
    for attempt in range(1, RETRIES + 1):
        try:
            with write_transaction(engine) as connection:
                [result] = store(connection, [item])
            cache.commit()
            return result
        except (OperationalError, IntegrityError) as exc:
            # locked, deadlock detected, connection lost; or a row another writer deleted
            cache.rollback()
            cache.forget_speakers()
            if attempt == RETRIES:
                return Failure(f"database error: {_first_line(exc)}")
            time.sleep(RETRY_PAUSE_SECONDS * attempt)
        except SQLAlchemyError as exc:
            cache.rollback()
            return Failure(f"database error: {_first_line(exc)}")
    raise AssertionError("unreachable")


def _first_line(exc: Exception) -> str:
    detail = getattr(exc, "orig", None) or exc
    return str(detail).strip().splitlines()[0] if str(detail).strip() else type(exc).__name__
