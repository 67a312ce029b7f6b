"""The tables: outlets, documents and their publications, speakers with their aliases and name
words, quotes and the statements they make up, runs.

A document is a text, stored and extracted once; each time an outlet ran it is a publication.
Some columns repeat the document's earliest publication (dated before undated, then the first
stored) so that unfiltered reads need no join: documents.title/url/author/outlet_id/published
and quotes.published/outlet_id. Only ingest.publications writes them.

Every offset (quotes.start/end, mention_start/end, cue_start/end) indexes documents.text
exactly, in Python code points. Full-text search lives outside these mappings: SQLite has the
FTS5 table `quotes_fts`, PostgreSQL the generated column `quotes.search_vector`; both are made
by the migrations and queried through models.search.
"""

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


def utc_now() -> datetime:
    """The current time, timezone-aware UTC (called at insert time, never at import)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on both engines (SQLite keeps it naive; reads add UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def fts_rowid_for(quote_id: str) -> int:
    """The quote's stable integer key: its 64-bit hex id as a signed integer. Its low 47 bits,
    under the quote's day, make its SQLite FTS5 rowid (models.search.FTS_KEY_SQL)."""
    return int(quote_id, 16) - (1 << 63)


def _default_fts_rowid(context) -> int:
    return fts_rowid_for(context.get_current_parameters()["id"])


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    normalized_name: Mapped[str] = mapped_column(String, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Document(Base):
    """A text, stored once (by its sha256); title, url, author, outlet_id and published are
    those of its earliest publication; external_id and source those it was first sent with."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    external_id: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    published: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(64), index=True)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (Index("ix_documents_published_id", "published", "id"),)


class Publication(Base):
    """One time an outlet ran a document: the same text from another outlet or another url is
    another publication; the same outlet and url again is the same one (`identity`)."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    # A digest of (outlet id, url), either maybe absent: unique per document, so a repeated
    # article is found whatever its url's length, and NULLs cannot slip past the constraint.
    identity: Mapped[str] = mapped_column(String(32))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("document_id", "identity"),
        Index("ix_publications_document_id_published_id", "document_id", "published", "id"),
        Index("ix_publications_outlet_id_published_id", "outlet_id", "published", "id"),
        Index("ix_publications_published_id", "published", "id"),
    )


class Speaker(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    # Unique: one speaker per normalised name, which is what makes concurrent ingests safe.
    normalized_name: Mapped[str] = mapped_column(String, unique=True)
    # The last word of a person's normalised name, to join a bare surname to its full name.
    surname: Mapped[str | None] = mapped_column(String, index=True)
    type: Mapped[str] = mapped_column(String(20))
    role: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # How many quotes point here, kept exact by every write that adds, removes or re-points
    # quotes (ingest.speakers.add_quote_counts), so the most-quoted list needs no GROUP BY.
    quote_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (Index("ix_speakers_quote_count_desc_id", quote_count.desc(), "id"),)


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String)
    normalized_alias: Mapped[str] = mapped_column(String, index=True)

    __table_args__ = (UniqueConstraint("speaker_id", "normalized_alias"),)


class SpeakerWord(Base):
    """A word of a speaker's name or of one of its aliases: `?speaker=varga` finds "Ilse
    Varga" through the primary key's (word, speaker_id) index."""

    __tablename__ = "speaker_words"

    word: Mapped[str] = mapped_column(String, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True, index=True)


class Quote(Base):
    __tablename__ = "quotes"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    fts_rowid: Mapped[int] = mapped_column(BigInteger, unique=True, default=_default_fts_rowid)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    # The extractor's name for the speaker in this document (also kept when no speaker row
    # is linked, e.g. anonymous sources such as "a senior official").
    speaker_name: Mapped[str | None] = mapped_column(String)
    mention: Mapped[str | None] = mapped_column(String)
    mention_start: Mapped[int | None] = mapped_column(Integer)
    mention_end: Mapped[int | None] = mapped_column(Integer)
    speaker_type: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[str | None] = mapped_column(String)
    cue: Mapped[str | None] = mapped_column(String)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    rule: Mapped[str | None] = mapped_column(String)
    confidence: Mapped[float] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(String(64))
    published: Mapped[date | None] = mapped_column(Date)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    # The same normalised words by the same speaker in any document (ingest.statements).
    statement_id: Mapped[str | None] = mapped_column(String(16))
    # Some field was set by hand (models.corrections); re-applied after every extraction.
    corrected: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    __table_args__ = (
        Index("ix_quotes_published_id", "published", "id"),
        Index("ix_quotes_statement_id_published_id", "statement_id", "published", "id"),
        Index("ix_quotes_speaker_id_published_id", "speaker_id", "published", "id"),
        Index("ix_quotes_outlet_id_published_id", "outlet_id", "published", "id"),
        Index("ix_quotes_document_id_start", "document_id", "start"),
    )


class Statement(Base):
    """Quotes with the same normalised text and speaker across documents (wire copy run by
    several outlets, lightly edited): how many there are, and the first reported, in the
    quotes' own (published, id) order, undated last."""

    __tablename__ = "statements"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    quote_count: Mapped[int] = mapped_column(Integer)
    first_quote_id: Mapped[str] = mapped_column(String(16), index=True)
    first_published: Mapped[date | None] = mapped_column(Date)


class ExtractionRun(Base):
    __tablename__ = "extraction_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "started" until the command ends: "finished", or "interrupted" by SIGTERM/SIGINT.
    status: Mapped[str] = mapped_column(String(16), default="started", server_default="started")
    documents_new: Mapped[int] = mapped_column(Integer, default=0)
    documents_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    documents_failed: Mapped[int] = mapped_column(Integer, default=0)
    documents_reextracted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    publications_new: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    publications_updated: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    quotes_added: Mapped[int] = mapped_column(Integer, default=0)
    quotes_removed: Mapped[int] = mapped_column(Integer, default=0)
    quotes_changed: Mapped[int] = mapped_column(Integer, default=0)
    speakers_new: Mapped[int] = mapped_column(Integer, default=0)
    corrections_orphaned: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
