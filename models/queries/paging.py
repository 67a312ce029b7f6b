"""Keyset pages: the keys of each order and the two-phase (published, id) walk.

Quotes and documents are ordered by published date, then id, newest first by default; rows
with no published date come last in either direction. That order is walked in two phases
(dated rows through the (published, id) indexes with a row-value comparison, then undated rows
by id), so every page costs the same however deep it is, and the plain composite indexes
serve both phases on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, tuple_
from sqlalchemy.orm import Session

# Ids are 32-bit integer columns; larger numbers cannot name a row (and PostgreSQL refuses
# to compare them once cast to the column type), so they match nothing.
MAX_ROW_ID = (1 << 31) - 1
STREAM_BATCH = 1000


@dataclass(frozen=True)
class DatedKey:
    """A position in (published, id) order; published None means the undated tail."""

    published: date | None
    row_id: str


@dataclass(frozen=True)
class CountKey:
    """A position in (count descending, id) order."""

    count: int
    row_id: int


@dataclass(frozen=True)
class NameKey:
    """A position in (name, id) order."""

    name: str
    row_id: int


@dataclass
class Page:
    """One page of rows and the key after its last row (None on the last page)."""

    rows: list
    next_key: object | None


def fits_row_id(value: int | None) -> bool:
    return value is None or 0 <= value <= MAX_ROW_ID


def dated_phases(stmt: Select, published, row_id, after: DatedKey | None,
                 newest_first: bool) -> list[Select]:
    """The statements that walk `stmt` in (published, id) order with undated rows last."""
    order = (published.desc(), row_id.desc()) if newest_first else (published, row_id)
    phases = []
    if after is None or after.published is not None:
        dated = stmt.where(published.is_not(None))
        if after is not None:
            here = tuple_(published, row_id)
            mark = tuple_(after.published, after.row_id)
            dated = dated.where(here < mark if newest_first else here > mark)
        phases.append(dated.order_by(*order))
    undated = stmt.where(published.is_(None))
    if after is not None and after.published is None:
        undated = undated.where(row_id < after.row_id if newest_first else row_id > after.row_id)
    phases.append(undated.order_by(row_id.desc() if newest_first else row_id))
    return phases


def dated_page(session: Session, stmt: Select, published, row_id, *, limit: int,
               after: DatedKey | None, newest_first: bool, key_of=lambda row: row) -> Page:
    """Run the phases of a (published, id) walk until a page and one more row are found."""
    rows: list = []
    for phase in dated_phases(stmt, published, row_id, after, newest_first):
        rows.extend(session.execute(phase.limit(limit + 1 - len(rows))).all())
        if len(rows) > limit:
            break
    if len(rows) <= limit:
        return Page(rows, None)
    last = key_of(rows[limit - 1])
    return Page(rows[:limit], DatedKey(last.published, last.id))
