"""Correction records and the change log, as the API lists them."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.corrections import Change, Correction, SpeakerRedirect
from models.queries.paging import Page, fits_row_id

CORRECTION_HISTORY_CAP = 1000


def corrections_of(session: Session, target: str, target_id: str) -> list[Correction]:
    """A quote's (speaker's, document's) corrections, oldest first."""
    return list(session.scalars(
        select(Correction).where(Correction.target == target,
                                 Correction.target_id == str(target_id))
        .order_by(Correction.id).limit(CORRECTION_HISTORY_CAP)))


def correction_page(session: Session, *, orphaned: bool | None, limit: int,
                    after: int | None = None) -> Page:
    """Correction records, oldest first; `orphaned` keeps those whose quote is (not) gone."""
    stmt = select(Correction)
    if orphaned is not None:
        stmt = stmt.where(Correction.orphaned == orphaned)
    return _id_page(session, stmt, Correction.id, limit, after)


def change_page(session: Session, *, limit: int, after: int | None = None) -> Page:
    """Changes in commit order (their ids' order: see ingest.change_log) after `after`."""
    return _id_page(session, select(Change), Change.id, limit, after)


def _id_page(session: Session, stmt, column, limit: int, after: int | None) -> Page:
    if after is not None:
        stmt = stmt.where(column > after)
    rows = list(session.scalars(stmt.order_by(column).limit(limit + 1)))
    if len(rows) <= limit:
        return Page(rows, None)
    return Page(rows[:limit], rows[limit - 1].id)


def merged_into(session: Session, speaker_id: int) -> int | None:
    """The speaker a merged-away speaker id now is, or None."""
    if not fits_row_id(speaker_id):
        return None
    return session.scalar(select(SpeakerRedirect.into_id).where(
        SpeakerRedirect.from_id == speaker_id).limit(1))


def last_change_id(session: Session) -> int | None:
    return session.scalar(select(Change.id).order_by(Change.id.desc()).limit(1))
