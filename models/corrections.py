"""What people changed by hand, and what survives re-extraction because of it: corrections,
tombstones of documents taken down, speaker redirects, and the change log services follow.

A correction names its target by a stable key (a quote id is derived from the document's hash
and the span), not by a foreign key: it outlives the quote it corrects, so re-extraction and
re-ingestion can apply it again, and one whose quote is gone is kept and marked orphaned.
"""

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base
from models.tables import UTCDateTime, utc_now


class Correction(Base):
    """One field of one quote, speaker, document or publication set by hand: who (the API
    key's name), when, the value before and after (JSON), and why."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target: Mapped[str] = mapped_column(String(16))  # quote, speaker, document, publication
    target_id: Mapped[str] = mapped_column(String(64))
    # The quote's document, so re-extracting a document finds its corrections.
    document_id: Mapped[str | None] = mapped_column(String(16), index=True)
    field: Mapped[str] = mapped_column(String(32))
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    note: Mapped[str] = mapped_column(Text)
    key_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # True while its quote does not exist (re-extraction found no quote at that span).
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    __table_args__ = (Index("ix_corrections_target_target_id_id", "target", "target_id", "id"),)


class Tombstone(Base):
    """A document taken down: its quotes and publications are deleted, its text and
    publications kept here (never served) so that restoring it needs nothing resent, and an
    ingest of the same text is refused while this row exists."""

    __tablename__ = "tombstones"

    document_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)  # JSON: the document row's other columns
    publications: Mapped[str] = mapped_column(Text)  # JSON: its publications, earliest first
    note: Mapped[str] = mapped_column(Text)
    key_name: Mapped[str] = mapped_column(String(100))
    taken_down_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class SpeakerRedirect(Base):
    """A name that now means another speaker: the name of a speaker merged into another by
    hand (from_id is the merged-away id, which answers 301), or a speaker's old name after a
    rename. Speaker matching reads it, so re-extraction finds the survivor, not a new row."""

    __tablename__ = "speaker_redirects"

    normalized_name: Mapped[str] = mapped_column(String, primary_key=True)
    from_id: Mapped[int | None] = mapped_column(Integer, index=True)
    into_id: Mapped[int] = mapped_column(Integer, index=True)


class Change(Base):
    """One quote created, updated or deleted, in commit order (see ingest.change_log for why
    the ids are in commit order on both engines)."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote_id: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[str] = mapped_column(String(16))
    change: Mapped[str] = mapped_column(String(8))  # created, updated, deleted
    cause: Mapped[str] = mapped_column(String(16))  # ingest, reextract, correction, …
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (
        Index("ix_changes_quote_id_changed_at", "quote_id", "changed_at"),
        Index("ix_changes_changed_at", "changed_at"),
        {"sqlite_autoincrement": True},
    )
