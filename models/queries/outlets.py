"""Outlets: listed by name, profiled over every text they ran."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, false, func, select, tuple_
from sqlalchemy.orm import Session

from models.names import normalize_outlet_name
from models.queries.paging import NameKey, Page, fits_row_id
from models.tables import (
    Outlet,
    Publication,
    Quote,
    Speaker,
)


def outlet_page(session: Session, *, name: str | None, limit: int,
                after: NameKey | None = None) -> Page:
    """Outlets by name; `name` keeps those whose name contains it."""
    stmt = select(Outlet)
    if name is not None:
        # A name that folds to nothing (spaces) finds nothing; contains("") would find all.
        key = normalize_outlet_name(name)
        stmt = stmt.where(Outlet.normalized_name.contains(key, autoescape=True) if key
                          else false())
    if after is not None:
        stmt = stmt.where(tuple_(Outlet.name, Outlet.id) > tuple_(after.name, after.row_id))
    rows = list(session.scalars(stmt.order_by(Outlet.name, Outlet.id).limit(limit + 1)))
    if len(rows) <= limit:
        return Page(rows, None)
    return Page(rows[:limit], NameKey(rows[limit - 1].name, rows[limit - 1].id))


@dataclass(frozen=True)
class OutletProfile:
    outlet: Outlet
    publication_count: int
    document_count: int
    quote_count: int
    first_published: date | None
    last_published: date | None
    top_speakers: list  # rows of (id, name, quote_count)


def outlet_profile(session: Session, outlet_id: int, top: int = 10) -> OutletProfile | None:
    """An outlet with its publication, document and quote counts, date range and most quoted
    speakers: every document it ran counts, whoever ran it first."""
    outlet = session.get(Outlet, outlet_id) if fits_row_id(outlet_id) else None
    if outlet is None:
        return None
    ran = Publication.outlet_id == outlet_id
    publications, documents, first, last = session.execute(
        select(func.count(), func.count(Publication.document_id.distinct()),
               func.min(Publication.published), func.max(Publication.published))
        .where(ran)).one()
    theirs = and_(Quote.document_id.in_(select(Publication.document_id).where(ran)),
                  Quote.status != "rejected")
    quotes = session.scalar(select(func.count()).where(theirs))
    speakers = session.execute(
        select(Speaker.id, Speaker.name, func.count().label("quote_count"))
        .join(Quote, Quote.speaker_id == Speaker.id).where(theirs)
        .group_by(Speaker.id, Speaker.name).order_by(func.count().desc(), Speaker.id)
        .limit(top)).all()
    return OutletProfile(outlet, publications, documents, quotes or 0, first, last, speakers)


def outlet_exists(session: Session, outlet_id: int) -> bool:
    return fits_row_id(outlet_id) and session.get(Outlet, outlet_id) is not None
