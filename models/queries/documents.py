"""Documents: listed in published order (by publication with outlet or date filters), one
with its publications and quotes."""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, defer

from models.queries.paging import DatedKey, Page, dated_page, fits_row_id
from models.queries.publications import first_in_scope
from models.queries.quotes import NOT_REJECTED, quote_rows
from models.tables import (
    Document,
    Outlet,
    Publication,
    Quote,
)


@dataclass(frozen=True)
class DocumentFilters:
    outlet: str | None = None
    outlet_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    without: frozenset[str] = frozenset()  # scope_conditions reads it; documents lack none


DOCUMENT_QUOTE_COUNT = (select(func.count()).where(Quote.document_id == Document.id,
                                                    NOT_REJECTED)
                        .correlate(Document).scalar_subquery().label("quote_count"))
DOCUMENT_PUBLICATION_COUNT = (select(func.count()).where(Publication.document_id == Document.id)
                              .correlate(Document).scalar_subquery().label("publication_count"))


def document_rows(with_text: bool = False) -> Select:
    """Documents with their outlet's name, number of quotes and of publications (text only
    when asked); the metadata is that of the earliest publication."""
    stmt = (select(Document, Outlet.name.label("outlet_name"), DOCUMENT_QUOTE_COUNT,
                   DOCUMENT_PUBLICATION_COUNT)
            .outerjoin(Outlet, Outlet.id == Document.outlet_id))
    return stmt if with_text else stmt.options(defer(Document.text, raiseload=True))


def scoped_document_rows() -> Select:
    """document_rows() each with one of its publications, whose outlet is named."""
    return (select(Document, Publication, Outlet.name.label("outlet_name"),
                   DOCUMENT_QUOTE_COUNT, DOCUMENT_PUBLICATION_COUNT)
            .select_from(Publication).join(Document, Document.id == Publication.document_id)
            .outerjoin(Outlet, Outlet.id == Publication.outlet_id)
            .options(defer(Document.text, raiseload=True)))


class Position(NamedTuple):
    published: date | None
    id: str


def document_page(session: Session, filters: DocumentFilters, *, limit: int,
                  after: DatedKey | None = None, newest_first: bool = True) -> Page:
    """A page of documents, in published order, after the key `after`; with outlet or date
    filters, each carries its earliest publication among those they pick."""
    if not fits_row_id(filters.outlet_id):
        return Page([], None)
    if not (filters.outlet or filters.outlet_id or filters.date_from or filters.date_to):
        return dated_page(session, document_rows(), Document.published, Document.id,
                          limit=limit, after=after, newest_first=newest_first,
                          key_of=lambda row: row.Document)
    stmt = scoped_document_rows().where(*first_in_scope(session, filters))
    return dated_page(session, stmt, Publication.published, Document.id, limit=limit,
                      after=after, newest_first=newest_first,
                      key_of=lambda row: Position(row.Publication.published, row.Document.id))


def document_with_counts(session: Session, document_id: str, *, with_text: bool = False):
    """One document row (with outlet name and quote count), or None."""
    stmt = document_rows(with_text).where(Document.id == document_id)
    return session.execute(stmt).first()


def publications_of_document(session: Session, document_id: str) -> list:
    """Every publication of one document with its outlet's name, earliest first."""
    return session.execute(
        select(Publication, Outlet.name.label("outlet_name"))
        .outerjoin(Outlet, Outlet.id == Publication.outlet_id)
        .where(Publication.document_id == document_id)
        .order_by(Publication.published.is_(None), Publication.published,
                  Publication.id)).all()


def document_exists(session: Session, document_id: str) -> bool:
    return session.get(Document, document_id) is not None


def quotes_of_document(session: Session, document_id: str) -> list:
    """Every quote of one document, in text order."""
    return session.execute(quote_rows().where(Quote.document_id == document_id, NOT_REJECTED)
                           .order_by(Quote.start, Quote.id)).all()
