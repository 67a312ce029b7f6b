"""Outlet and date filters as a choice of publications: of each document, its earliest
publication among those the filters pick."""


from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from models.names import normalize_outlet_name
from models.tables import (
    Outlet,
    Publication,
)


def outlet_ids_named(session: Session, name: str) -> list[int]:
    """Ids of the outlets called `name` (case and accents ignored)."""
    key = normalize_outlet_name(name)
    return list(session.scalars(select(Outlet.id).where(Outlet.normalized_name == key)))


def earlier_publication(other, this):
    """`other` comes before `this` in (published, id) order, undated last."""
    return or_(
        and_(this.published.is_(None), or_(other.published.is_not(None), other.id < this.id)),
        and_(this.published.is_not(None), other.published.is_not(None),
             or_(other.published < this.published,
                 and_(other.published == this.published, other.id < this.id))))


def scope_conditions(session: Session, filters, table) -> list:
    """The outlet and date filters as conditions on a publications table (or alias)."""
    conditions = []
    if filters.outlet is not None:
        conditions.append(table.outlet_id.in_(outlet_ids_named(session, filters.outlet)))
    if filters.outlet_id is not None:
        conditions.append(table.outlet_id == filters.outlet_id)
    if filters.date_from is not None:
        conditions.append(table.published >= filters.date_from)
    if filters.date_to is not None:
        conditions.append(table.published <= filters.date_to)
    if "outlet" in filters.without:
        conditions.append(table.outlet_id.is_(None))
    if "published" in filters.without:
        conditions.append(table.published.is_(None))
    return conditions


# Made once: an alias made per request cost about a quarter of a computed outlet-and-dates
# page (SQLAlchemy adapts each of its columns afresh, and the statement's cache key differs).
OTHER_PUBLICATION = aliased(Publication, name="other_publication")


def first_in_scope(session: Session, filters) -> list:
    """Conditions keeping, of each document, its earliest publication among those the outlet
    and date filters pick: so an outlet or a date range follows every outlet that ran a text,
    and each document (each quote) is still listed once."""
    other = OTHER_PUBLICATION
    scope = scope_conditions(session, filters, Publication)
    earlier = (select(other.id).where(other.document_id == Publication.document_id,
                                      *scope_conditions(session, filters, other),
                                      earlier_publication(other, Publication)))
    return [*scope, ~exists(earlier)]
