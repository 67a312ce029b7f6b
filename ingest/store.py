"""Storing articles with their quotes: each whole or not at all, idempotent, concurrency-safe.

A document is identified by the sha256 of its text: the same text is stored once, whatever
file it came from. Quote ids are derived from that hash and the quote's span, so extracting
an unchanged document again gives the same ids. Documents are inserted with ON CONFLICT DO
NOTHING, so two writers storing the same article at once end with one row and the loser
reports "unchanged" instead of failing.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from articles import Article
from extractors import EXTRACTOR_VERSION, Quote, extract
from ingest.outlets import outlet_id_for
from ingest.speakers import SpeakerMatch, add_quote_counts, resolve_batch, speaker_key
from ingest.store_cache import StoreCache
from models.dialect import insert_ignoring_conflicts, write_transaction
from models.tables import Document, fts_rowid_for, utc_now
from models.tables import Quote as QuoteRow

DOCUMENTS = Document.__table__
QUOTES = QuoteRow.__table__


@dataclass(frozen=True)
class StoreResult:
    """What storing one article did: status "new" or "unchanged", its id, quotes and speakers."""

    status: str
    document_id: str
    quotes_stored: int = 0
    speakers_new: int = 0


def document_sha256(text: str) -> str:
    """The hex sha256 of the document text (UTF-8): the document's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id_for(sha256: str) -> str:
    """The document id: the first 16 hex characters of its sha256."""
    return sha256[:16]


def quote_id(document_sha256: str, start: int, end: int) -> str:
    """The stable quote id: first 16 hex characters of sha256("<document sha256>:<start>:<end>")."""
    return hashlib.sha256(f"{document_sha256}:{start}:{end}".encode()).hexdigest()[:16]


def engine_of(target: Engine | sessionmaker | Session) -> Engine:
    """The engine behind an engine, a session factory or a session."""
    if isinstance(target, Engine):
        return target
    if isinstance(target, sessionmaker):
        return target.kw["bind"]
    return target.get_bind()


def document_exists(connection: Connection, sha256: str) -> bool:
    """True when a document with this text is already stored."""
    statement = select(Document.id).where(Document.sha256 == sha256)
    return connection.execute(statement).first() is not None


def store_article(target: Engine | sessionmaker, article: Article,
                  quotes: list[Quote] | None = None) -> StoreResult:
    """Extract (unless `quotes` are given) and store one article in its own transaction."""
    engine = engine_of(target)
    sha256 = document_sha256(article.text)
    with engine.connect() as connection:
        if document_exists(connection, sha256):
            return StoreResult("unchanged", document_id_for(sha256))
    if quotes is None:
        quotes = extract(article.text)
    with write_transaction(engine) as connection:
        return store_extracted(connection, article, quotes, sha256)


@dataclass(frozen=True)
class Extracted:
    """An article ready to store: the sha256 of its text and the quotes extracted from it."""

    article: Article
    sha256: str
    quotes: list[Quote]


def store_extracted(connection: Connection, article: Article, quotes: list[Quote],
                    sha256: str | None = None, extractor_version: str = EXTRACTOR_VERSION,
                    cache: StoreCache | None = None) -> StoreResult:
    """Store an article and its extracted quotes inside the caller's transaction."""
    item = Extracted(article, sha256 or document_sha256(article.text), quotes)
    return store_extracted_batch(connection, [item], extractor_version, cache)[0]


def store_extracted_batch(connection: Connection, items: list[Extracted],
                          extractor_version: str = EXTRACTOR_VERSION,
                          cache: StoreCache | None = None) -> list[StoreResult]:
    """Store articles and their quotes inside the caller's transaction; a result for each.

    A few statements for the whole batch (documents, speakers, quotes with COPY on
    PostgreSQL): per-document round trips to the server were most of a bulk writer's time.
    """
    documents = [document_row(connection, item, extractor_version, cache) for item in items]
    new_ids = insert_documents(connection, documents)
    new = []
    for index, document in enumerate(documents):
        if document["id"] in new_ids:
            new_ids.discard(document["id"])  # the same text twice in one batch: stored once
            new.append(index)
    matches = resolve_batch(connection, [[q.speaker for q in items[index].quotes if q.speaker]
                                         for index in new], cache)
    results = [StoreResult("unchanged", document["id"]) for document in documents]
    writes = QuoteWrites()
    for index, found in zip(new, matches, strict=True):
        document = documents[index]
        key = DocumentKey(document["id"], items[index].sha256, document["published"],
                          document["outlet_id"])
        rows = quote_rows(key, items[index].quotes, found, extractor_version)
        writes.add(rows)
        results[index] = StoreResult("new", document["id"], len(rows),
                                     sum(match.created for match in found.values()))
    writes.flush(connection)
    return results


def document_row(connection: Connection, item: Extracted, extractor_version: str,
                 cache: StoreCache | None) -> dict:
    """The documents table row for an article (its outlet found or created)."""
    article = item.article
    return {"id": document_id_for(item.sha256), "sha256": item.sha256,
            "external_id": article.external_id, "title": article.title, "url": article.url,
            "author": article.author, "outlet_id": outlet_id_for(connection, article.outlet, cache),
            "published": article.published, "text": article.text, "source": article.source,
            "extractor_version": extractor_version, "ingested_at": utc_now()}


def insert_documents(connection: Connection, rows: list[dict]) -> set[str]:
    """Insert the documents not stored yet, in one statement; returns the ids inserted."""
    statement = insert_ignoring_conflicts(connection, DOCUMENTS, (DOCUMENTS.c.id,))
    return set(connection.execute(statement, rows).scalars())


@dataclass(frozen=True)
class DocumentKey:
    """What every quote row repeats from its document."""

    id: str
    sha256: str
    published: object
    outlet_id: int | None


@dataclass
class QuoteWrites:
    """Quote rows and speaker quote counts gathered over a transaction, written at its end."""

    rows: list[dict] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def add(self, rows: list[dict]) -> None:
        self.rows += rows
        self.counts.update(row["speaker_id"] for row in rows)

    def flush(self, connection: Connection) -> None:
        insert_quote_rows(connection, self.rows)
        add_quote_counts(connection, self.counts)
        self.rows, self.counts = [], Counter()


def insert_quote_rows(connection: Connection, rows: list[dict]) -> None:
    """Insert quote rows: COPY on PostgreSQL (far cheaper per row there), else executemany."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(QUOTES.insert(), rows)
        return
    columns = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    command = f"COPY quotes ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.connection.driver_connection.cursor() as cursor, cursor.copy(command) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def quote_rows(document: DocumentKey, quotes: list[Quote], matches: dict[str, SpeakerMatch],
               extractor_version: str = EXTRACTOR_VERSION) -> list[dict]:
    """The quotes table rows for one document's quotes (one row per distinct span)."""
    rows: dict[str, dict] = {}
    for quote in quotes:
        row = quote_row(document, quote, matches, extractor_version)
        rows.setdefault(row["id"], row)
    return list(rows.values())


def quote_row(document: DocumentKey, quote: Quote, matches: dict[str, SpeakerMatch],
              extractor_version: str = EXTRACTOR_VERSION) -> dict:
    """One quotes table row: the quote, its provenance and its document's date and outlet."""
    identifier = quote_id(document.sha256, quote.start, quote.end)
    speaker, cue = quote.speaker, quote.cue
    key = speaker_key(speaker)
    return {
        "id": identifier, "fts_rowid": fts_rowid_for(identifier), "document_id": document.id,
        "speaker_id": matches[key].speaker_id if key in matches else None,
        "start": quote.start, "end": quote.end, "text": quote.text, "kind": quote.kind,
        "status": quote.status, "reason": quote.reason,
        "speaker_name": speaker.name if speaker else None,
        "mention": speaker.mention if speaker else None,
        "mention_start": speaker.start if speaker else None,
        "mention_end": speaker.end if speaker else None,
        "speaker_type": speaker.type if speaker else None,
        "role": speaker.role if speaker else None,
        "cue": cue.text if cue else None, "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None, "rule": quote.rule,
        "confidence": float(quote.confidence), "extractor_version": extractor_version,
        "published": document.published, "outlet_id": document.outlet_id,
    }
