"""Storing articles with their quotes: each whole or not at all, idempotent, concurrency-safe.

A document is identified by the sha256 of its text: the same text is stored and extracted
once, whatever file it came from, and each outlet or url that ran it adds a publication
(ingest.publications). Quote ids are derived from that hash and the quote's span, so
extracting an unchanged document again gives the same ids. Documents are inserted with ON
CONFLICT DO NOTHING, so two writers storing the same article at once end with one row, and
the loser records its publication of it instead of failing.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from articles import Article
from extractors import EXTRACTOR_VERSION, Quote, extract
from ingest import change_log
from ingest.outlets import outlet_id_for
from ingest.publications import (
    METADATA,
    changed_metadata,
    insert_first_publications,
    publication_identity,
    publication_row,
    publish,
)
from ingest.quote_corrections import apply_corrections, counted_speaker
from ingest.speakers import SpeakerMatch, add_quote_counts, resolve_batch, speaker_key
from ingest.statements import add_to_statements, statement_id_for
from ingest.store_cache import StoreCache
from ingest.transactions import write_transaction
from models.corrections import Tombstone
from models.dialect import insert_ignoring_conflicts, insert_many
from models.tables import Document, Publication, fts_rowid_for, utc_now
from models.tables import Quote as QuoteRow

DOCUMENTS = Document.__table__
TOMBSTONES = Tombstone.__table__
QUOTES = QuoteRow.__table__


@dataclass(frozen=True)
class StoreResult:
    """What storing one article did, its document's id, and the quotes and speakers it added.

    status: "new" (the text, its quotes and its first publication stored), "new_publication"
    (the text was stored already; this outlet or url is a publication of it now), "updated"
    (this publication was stored; its new title, author or date applied), "unchanged", or
    "taken_down" (the text was taken down: nothing stored until it is restored).
    """

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


def store_article(target: Engine | sessionmaker, article: Article,
                  quotes: list[Quote] | None = None) -> StoreResult:
    """Store one article in its own transaction: a text not stored yet is extracted (unless
    `quotes` are given) and stored; a stored one gets its publication recorded."""
    engine = engine_of(target)
    sha256 = document_sha256(article.text)
    with engine.connect() as connection:
        [state] = triage(connection, [(article, sha256)])
    if state in (UNCHANGED, TAKEN_DOWN):
        return StoreResult(state, document_id_for(sha256))
    if state == STORED:
        quotes = None  # stored and extracted already: only the publication is new
    elif quotes is None:
        quotes = extract(article.text)
    with write_transaction(engine) as connection:
        return store_extracted_batch(connection, [Extracted(article, sha256, quotes)])[0]


ABSENT, STORED, UNCHANGED, TAKEN_DOWN = "absent", "stored", "unchanged", "taken_down"


def triage(connection: Connection, articles: list[tuple[Article, str]]) -> list[str]:
    """The one "already stored?" check, for each (article, sha256): ABSENT (extract and store
    it), STORED (the text is; record this publication of it), UNCHANGED (the text and this
    publication, with this metadata, are stored: nothing to write) or TAKEN_DOWN (the text
    has a tombstone: nothing may be written until it is restored)."""
    rows = connection.execute(
        select(Document.sha256, Publication.identity, Publication.title, Publication.author,
               Publication.published)
        .outerjoin(Publication, Publication.document_id == Document.id)
        .where(Document.sha256.in_(sorted({sha256 for _, sha256 in articles})))).all()
    stored = {row.sha256 for row in rows}
    taken_down = taken_down_hashes(connection, [sha256 for _, sha256 in articles])
    publications = {(row.sha256, row.identity): row for row in rows}
    states = []
    for article, sha256 in articles:
        known = publications.get((sha256, publication_identity(article.outlet, article.url)))
        if sha256 in taken_down:
            states.append(TAKEN_DOWN)
        elif sha256 not in stored:
            states.append(ABSENT)
        elif known is None or changed_metadata(
                {name: getattr(article, name) for name in METADATA}, known):
            states.append(STORED)
        else:
            states.append(UNCHANGED)
    return states


@dataclass(frozen=True)
class Extracted:
    """An article ready to store: the sha256 of its text and the quotes extracted from it."""

    article: Article
    sha256: str
    quotes: list[Quote] | None  # None: the text is stored already (only publish it)


def store_extracted(connection: Connection, article: Article, quotes: list[Quote],
                    sha256: str | None = None, extractor_version: str = EXTRACTOR_VERSION,
                    cache: StoreCache | None = None) -> StoreResult:
    """Store an article and its extracted quotes inside the caller's transaction."""
    item = Extracted(article, sha256 or document_sha256(article.text), quotes)
    return store_extracted_batch(connection, [item], extractor_version, cache)[0]


def store_extracted_batch(connection: Connection, items: list[Extracted],
                          extractor_version: str = EXTRACTOR_VERSION,
                          cache: StoreCache | None = None) -> list[StoreResult]:
    """Store articles, their quotes and publications inside the caller's transaction; a
    result for each.

    A few statements for the whole batch (documents, speakers, quotes with COPY on
    PostgreSQL): per-document round trips to the server were most of a bulk writer's time.
    Texts stored already (by an earlier run, another writer, or earlier in this batch) get
    their publication recorded instead, after this batch's quotes are written.
    """
    outlets = [outlet_id_for(connection, item.article.outlet, cache) for item in items]
    # Checked again inside the transaction: a takedown may have committed since triage.
    taken_down = taken_down_hashes(connection, [item.sha256 for item in items])
    documents = {index: document_row(item, outlets[index], extractor_version)
                 for index, item in enumerate(items)
                 if item.quotes is not None and item.sha256 not in taken_down}
    results: dict[int, StoreResult] = {
        index: StoreResult(TAKEN_DOWN, document_id_for(item.sha256))
        for index, item in enumerate(items) if item.sha256 in taken_down}
    new_ids = insert_documents(connection, list(documents.values()))
    new = []
    for index, document in documents.items():
        if document["id"] in new_ids:
            new_ids.discard(document["id"])  # the same text twice in one batch: stored once
            new.append(index)
    matches = resolve_batch(connection, [[q.speaker for q in items[index].quotes if q.speaker]
                                         for index in new], cache)
    rows = []
    for index, found in zip(new, matches, strict=True):
        document = documents[index]
        key = DocumentKey(document["id"], items[index].sha256, document["published"],
                          document["outlet_id"])
        document_rows = quote_rows(key, items[index].quotes, found, extractor_version)
        rows += document_rows
        results[index] = StoreResult("new", document["id"], len(document_rows),
                                     sum(match.created for match in found.values()))
    # A text stored before (taken down and restored) gets its corrections back.
    apply_corrections(connection, rows, [documents[index]["id"] for index in new])
    writes = QuoteWrites()
    writes.add(rows)
    insert_first_publications(connection, [
        publication_row(documents[i]["id"], items[i].article, outlets[i]) for i in new])
    writes.flush(connection)
    stored = [index for index in range(len(items)) if index not in results]
    statuses = publish(connection, [
        publication_row(document_id_for(items[i].sha256), items[i].article, outlets[i])
        for i in stored]) if stored else []
    for index, status in zip(stored, statuses, strict=True):
        results[index] = StoreResult(PUBLISHED[status], document_id_for(items[index].sha256))
    return [results[index] for index in range(len(items))]


# What publishing a stored text did, as a StoreResult status.
PUBLISHED = {"new": "new_publication", "updated": "updated", "unchanged": "unchanged"}


def taken_down_hashes(connection: Connection, hashes: list[str]) -> set[str]:
    """Which of these text hashes belong to documents taken down (ingest.takedowns)."""
    if not hashes:
        return set()
    return set(connection.execute(select(TOMBSTONES.c.sha256).where(
        TOMBSTONES.c.sha256.in_(sorted(set(hashes))))).scalars())


def document_row(item: Extracted, outlet_id: int | None, extractor_version: str) -> dict:
    """The documents table row for an article (its metadata that of its first publication)."""
    article = item.article
    return {"id": document_id_for(item.sha256), "sha256": item.sha256,
            "external_id": article.external_id, "title": article.title, "url": article.url,
            "author": article.author, "outlet_id": outlet_id,
            "published": article.published, "text": article.text, "source": article.source,
            "extractor_version": extractor_version, "ingested_at": utc_now()}


def insert_documents(connection: Connection, rows: list[dict]) -> set[str]:
    """Insert the documents not stored yet, in one statement; returns the ids inserted."""
    if not rows:
        return set()
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
        self.counts.update(counted_speaker(row) for row in rows)

    def flush(self, connection: Connection) -> None:
        insert_many(connection, QUOTES, self.rows)
        change_log.record(connection, change_log.CREATED, "ingest",
                          [(row["id"], row["document_id"]) for row in self.rows])
        add_quote_counts(connection, self.counts)
        add_to_statements(connection, self.rows)
        self.rows, self.counts = [], Counter()


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
    speaker_id = matches[key].speaker_id if key in matches else None
    return {
        "id": identifier, "fts_rowid": fts_rowid_for(identifier), "document_id": document.id,
        "speaker_id": speaker_id,
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
        "statement_id": statement_id_for(identifier, quote.text, speaker_id),
        "corrected": False,
    }
