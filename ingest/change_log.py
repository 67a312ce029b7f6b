"""The change log: every quote created, updated or deleted, numbered in commit order.

Services mirror the store by reading `changes` after the last id they saw, so an id must never
become visible after a larger one: a reader that had moved past it would skip it for ever.

- SQLite has one writer at a time, from its first write to its commit (write transactions
  begin IMMEDIATE), so ids taken from the table are already in commit order.
- PostgreSQL hands out sequence values when rows are inserted, not when transactions commit:
  a transaction that took id 10 may commit after one that took id 11, and a reader between the
  two commits would see 11, move its cursor past 10, and never see 10. So every writer inserts
  its change rows last, just before COMMIT, after taking one transaction-scoped advisory lock.
  PostgreSQL releases a transaction's locks only after its commit is visible, so the next
  writer takes its ids after every smaller id is committed (or rolled back, leaving a gap that
  nobody will ever fill): what a reader sees is always a prefix of the log plus gaps that stay
  gaps. Writers wait for each other only for the inserting of change rows and the commit
  itself; all their other work runs concurrently.

Writers call `record()` during their transaction; `ingest.transactions.write_transaction`
calls `flush()` right before it commits.
"""

from datetime import datetime

from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection

from models.corrections import Change
from models.dialect import insert_many
from models.tables import utc_now

CHANGES = Change.__table__
PENDING = "quotewire.pending_changes"
# pg_advisory_xact_lock's key for the change log (any constant no other code uses).
CHANGE_LOG_LOCK = 0x71756F7465  # "quote"
CREATED, UPDATED, DELETED = "created", "updated", "deleted"


def record(connection: Connection, change: str, cause: str,
           quotes: list[tuple[str, str]]) -> None:
    """Note that (quote id, document id) pairs were `change`d (created, updated, deleted) by
    `cause`; written when the transaction commits."""
    if quotes:
        connection.info.setdefault(PENDING, []).extend(
            (quote_id, document_id, change, cause) for quote_id, document_id in quotes)


def discard(connection: Connection) -> None:
    """Forget what this transaction noted (it rolled back)."""
    connection.info.pop(PENDING, None)


def flush(connection: Connection) -> None:
    """Insert the noted changes, last in the transaction (see the module's docstring)."""
    pending = connection.info.pop(PENDING, None)
    if not pending:
        return
    if connection.dialect.name == "postgresql":
        connection.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": CHANGE_LOG_LOCK})
    now = utc_now()
    # A bulk ingest logs every quote it stores: the cheapest insert per row there is.
    insert_many(connection, CHANGES, [row_of(change, now) for change in collapse(pending)])


def collapse(pending: list[tuple]) -> list[tuple]:
    """One change per quote and transaction: created then deleted is nothing; deleted then
    created (a quote re-stored) is an update; created then updated is created."""
    net: dict[str, tuple] = {}
    for quote_id, document_id, change, cause in pending:
        before = net.get(quote_id)
        if before is None:
            net[quote_id] = (quote_id, document_id, change, cause)
        elif before[2] == CREATED and change == DELETED:
            del net[quote_id]
        elif before[2] == DELETED and change == CREATED:
            net[quote_id] = (quote_id, document_id, UPDATED, cause)
        elif change == DELETED:
            net[quote_id] = (quote_id, document_id, DELETED, cause)
    return list(net.values())


def row_of(change: tuple, now: datetime) -> dict:
    quote_id, document_id, kind, cause = change
    return {"quote_id": quote_id, "document_id": document_id, "change": kind, "cause": cause,
            "changed_at": now}
