"""Outlets, matched by their folded name ("The Harbour Ledger" == "the  harbour ledger")."""

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from ingest.store_cache import StoreCache
from models.dialect import insert_ignoring_conflicts
from models.names import normalize_outlet_name
from models.tables import Outlet, utc_now

MAX_OUTLET_NAME = 300


def outlet_name_and_key(name: str | None) -> tuple[str, str]:
    """The name an outlet is stored under, and the folded key it is matched by ("" for none)."""
    name = " ".join((name or "").split())[:MAX_OUTLET_NAME]
    return name, normalize_outlet_name(name)


def outlet_id_for(connection: Connection, name: str | None,
                  cache: StoreCache | None = None) -> int | None:
    """The id of the outlet called `name`, created on first sight; None for no name."""
    name, key = outlet_name_and_key(name)
    if not key:
        return None
    found = cache.outlet(key) if cache else None
    if found is None:
        found = _find(connection, key)
    if found is None:
        connection.execute(insert_ignoring_conflicts(connection, Outlet.__table__),
                           {"name": name, "normalized_name": key, "created_at": utc_now()})
        found = _find(connection, key)
    if cache:
        cache.pending.outlets[key] = found
    return found


FIND_OUTLET = select(Outlet.id).where(Outlet.normalized_name == bindparam("key"))


def _find(connection: Connection, key: str) -> int | None:
    return connection.execute(FIND_OUTLET, {"key": key}).scalar()
