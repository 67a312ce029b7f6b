"""Taking a document down, and restoring it.

A takedown deletes the document's quotes and publications and the document itself, in one
transaction, so they leave every read at once and every count stays exact (speakers' quote
counts, statements); the change log says each quote was deleted. A tombstone keeps the text and
the publications (never served) and stops any ingest of the same text (ingest.store.triage)
until the document is restored: restoring extracts the kept text with the current extractor
and stores it through the ordinary write path, with its publications, and the quote
corrections it had are applied again by stable quote id.
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from articles import Article
from extractors import extract
from ingest import change_log
from ingest.corrections import Author, TargetConflict, TargetNotFound, record_corrections
from ingest.publications import EARLIEST_FIRST
from ingest.quote_corrections import counted_speaker
from ingest.speakers import add_quote_counts
from ingest.statements import recount_statements
from ingest.store import Extracted, store_extracted_batch
from ingest.transactions import write_transaction
from models.corrections import Tombstone
from models.tables import Document, Outlet, Publication, Quote, utc_now

DOCUMENTS = Document.__table__
PUBLICATIONS = Publication.__table__
QUOTES = Quote.__table__
OUTLETS = Outlet.__table__
TOMBSTONES = Tombstone.__table__
KEPT_DOCUMENT_FIELDS = ("external_id", "source")


def take_down(engine, document_id: str, author: Author) -> int:
    """Take a document down; returns how many quotes left with it."""
    with write_transaction(engine) as connection:
        document = connection.execute(select(DOCUMENTS).where(DOCUMENTS.c.id == document_id)
                                      .with_for_update()).first()
        if document is None:
            if tombstone_of(connection, document_id) is not None:
                raise TargetConflict(f"Document {document_id!r} is already taken down.")
            raise TargetNotFound(f"No document has the id {document_id!r}.")
        connection.execute(TOMBSTONES.insert(), {
            "document_id": document_id, "sha256": document.sha256, "text": document.text,
            "document": json.dumps({name: getattr(document, name)
                                    for name in KEPT_DOCUMENT_FIELDS}),
            "publications": json.dumps(_publications(connection, document_id)),
            "note": author.note, "key_name": author.key_name, "taken_down_at": utc_now()})
        quotes = connection.execute(select(QUOTES).where(QUOTES.c.document_id == document_id)
                                    ).mappings().all()
        connection.execute(delete(QUOTES).where(QUOTES.c.document_id == document_id))
        connection.execute(delete(PUBLICATIONS).where(PUBLICATIONS.c.document_id == document_id))
        connection.execute(delete(DOCUMENTS).where(DOCUMENTS.c.id == document_id))
        add_quote_counts(connection, _negative_counts(quotes))
        recount_statements(connection, [q["statement_id"] for q in quotes])
        change_log.record(connection, change_log.DELETED, "takedown",
                          [(q["id"], document_id) for q in quotes])
        record_corrections(connection, author, "document", document_id,
                           [("taken_down", False, True)])
        return len(quotes)


def _negative_counts(quotes) -> Counter:
    counts = Counter()
    counts.subtract(counted_speaker(q) for q in quotes)
    return counts


def _publications(connection: Connection, document_id: str) -> list[dict]:
    rows = connection.execute(
        select(PUBLICATIONS, OUTLETS.c.name.label("outlet_name"))
        .outerjoin(OUTLETS, OUTLETS.c.id == PUBLICATIONS.c.outlet_id)
        .where(PUBLICATIONS.c.document_id == document_id).order_by(*EARLIEST_FIRST)).all()
    return [{"outlet": row.outlet_name, "url": row.url, "title": row.title,
             "author": row.author,
             "published": row.published.isoformat() if row.published else None}
            for row in rows]


def tombstone_of(connection: Connection, document_id: str):
    return connection.execute(select(TOMBSTONES).where(
        TOMBSTONES.c.document_id == document_id)).first()


@dataclass(frozen=True)
class Restored:
    document_id: str
    quotes: int


def restore(engine, document_id: str, author: Author) -> Restored:
    """Bring a taken-down document back: extracted afresh, its publications and corrections
    with it."""
    with engine.connect() as connection:
        tombstone = tombstone_of(connection, document_id)
        exists = connection.execute(select(DOCUMENTS.c.id).where(
            DOCUMENTS.c.id == document_id)).first() is not None
    if tombstone is None:
        if exists:
            raise TargetConflict(f"Document {document_id!r} is not taken down.")
        raise TargetNotFound(f"No document taken down has the id {document_id!r}.")
    articles = _articles(tombstone)
    quotes = extract(tombstone.text)
    with write_transaction(engine) as connection:
        gone = connection.execute(delete(TOMBSTONES).where(
            TOMBSTONES.c.document_id == document_id)).rowcount
        if not gone:  # restored by someone else meanwhile
            raise TargetConflict(f"Document {document_id!r} is not taken down.")
        items = [Extracted(articles[0], tombstone.sha256, quotes)]
        items += [Extracted(article, tombstone.sha256, None) for article in articles[1:]]
        [first, *_] = store_extracted_batch(connection, items)
        record_corrections(connection, author, "document", document_id,
                           [("taken_down", True, False)])
    return Restored(document_id, first.quotes_stored)


def _articles(tombstone) -> list[Article]:
    kept = json.loads(tombstone.document)
    publications = json.loads(tombstone.publications) or [{}]
    return [Article(text=tombstone.text, title=p.get("title"), url=p.get("url"),
                    author=p.get("author"), outlet=p.get("outlet"),
                    published=date.fromisoformat(p["published"]) if p.get("published") else None,
                    external_id=kept.get("external_id"), source=kept.get("source"))
            for p in publications]
