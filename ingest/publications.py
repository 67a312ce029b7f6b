"""Publications: each time an outlet ran a stored text.

A publication is known by its document, outlet and url (`identity`): the same text from
another outlet, or from the same outlet at another url, is a new publication; the same outlet
and url again is the same one, and any metadata it brings that differs from what is stored
(title, author, published date) is applied and reported "updated". A field the article does
not give (None) keeps what is stored: a feed that omits the author does not erase it.

The document's earliest publication is repeated on the document and its quotes (see
models.tables); `refresh_earliest` keeps those copies, and the statements whose first quote
depends on them, right after every change.
"""

import hashlib

from sqlalchemy import select
from sqlalchemy.engine import Connection

from articles import Article
from ingest import change_log
from ingest.outlets import outlet_name_and_key
from ingest.statements import recount_statements
from models.corrections import Correction
from models.dialect import insert_ignoring_conflicts
from models.tables import Document, Publication, Quote, utc_now

PUBLICATIONS = Publication.__table__
CORRECTIONS = Correction.__table__
DOCUMENTS = Document.__table__
QUOTES = Quote.__table__
METADATA = ("title", "author", "published")
EARLIEST_FIRST = (PUBLICATIONS.c.published.is_(None), PUBLICATIONS.c.published,
                  PUBLICATIONS.c.id)


def publication_identity(outlet: str | None, url: str | None) -> str:
    """What tells one publication of a text from another: the outlet (by its folded name,
    as outlets are matched) and the url."""
    key = f"{outlet_name_and_key(outlet)[1]}\x1f{url or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def publication_row(document_id: str, article: Article, outlet_id: int | None) -> dict:
    """The publications table row for an article of a document."""
    return {"document_id": document_id,
            "identity": publication_identity(article.outlet, article.url),
            "outlet_id": outlet_id, "url": article.url, "title": article.title,
            "author": article.author, "published": article.published,
            "ingested_at": utc_now(), "updated_at": None}


def insert_first_publications(connection: Connection, rows: list[dict]) -> None:
    """The publications of documents this transaction just stored (the document rows already
    repeat them)."""
    if rows:
        connection.execute(insert_ignoring_conflicts(connection, PUBLICATIONS), rows)


def publish(connection: Connection, rows: list[dict]) -> list[str]:
    """Record each row's publication of an already stored document; for each row "new",
    "updated" or "unchanged"."""
    documents = sorted({row["document_id"] for row in rows})
    # Locked in id order: a concurrent writer publishing the same document waits, then sees
    # this one's publication when it looks for the earliest.
    connection.execute(select(DOCUMENTS.c.id).where(DOCUMENTS.c.id.in_(documents))
                       .order_by(DOCUMENTS.c.id).with_for_update())
    statuses = [_publish_one(connection, row) for row in rows]
    changed = {row["document_id"] for row, status in zip(rows, statuses, strict=True)
               if status != "unchanged"}
    for document_id in sorted(changed):
        refresh_earliest(connection, document_id)
    return statuses


def _publish_one(connection: Connection, row: dict) -> str:
    inserted = connection.execute(
        insert_ignoring_conflicts(connection, PUBLICATIONS, (PUBLICATIONS.c.id,)), row).first()
    if inserted is not None:
        return "new"
    stored = connection.execute(select(PUBLICATIONS).where(
        PUBLICATIONS.c.document_id == row["document_id"],
        PUBLICATIONS.c.identity == row["identity"])).one()
    changes = changed_metadata(row, stored)
    if changes:  # what people corrected by hand stays (ingest.document_edits)
        for name in pinned_fields(connection, stored.id) & changes.keys():
            del changes[name]
    if not changes:
        return "unchanged"
    connection.execute(PUBLICATIONS.update().where(PUBLICATIONS.c.id == stored.id)
                       .values(**changes, updated_at=utc_now()))
    return "updated"


def changed_metadata(new: dict, stored) -> dict:
    """The metadata in `new` that differs from the `stored` publication's (None: not given)."""
    return {name: new[name] for name in METADATA
            if new[name] is not None and new[name] != getattr(stored, name)}


def refresh_earliest(connection: Connection, document_id: str) -> None:
    """Copy the document's earliest publication onto the document and its quotes; recount
    the statements of its quotes when their date or outlet moved."""
    earliest = connection.execute(
        select(PUBLICATIONS.c.outlet_id, PUBLICATIONS.c.url, PUBLICATIONS.c.title,
               PUBLICATIONS.c.author, PUBLICATIONS.c.published)
        .where(PUBLICATIONS.c.document_id == document_id).order_by(*EARLIEST_FIRST)
        .limit(1)).one()._asdict()
    document = connection.execute(select(DOCUMENTS.c.published, DOCUMENTS.c.outlet_id)
                                  .where(DOCUMENTS.c.id == document_id)).one()
    connection.execute(DOCUMENTS.update().where(DOCUMENTS.c.id == document_id).values(earliest))
    if (document.published, document.outlet_id) == (earliest["published"],
                                                    earliest["outlet_id"]):
        return
    moved = connection.execute(QUOTES.update().where(QUOTES.c.document_id == document_id)
                               .values(published=earliest["published"],
                                       outlet_id=earliest["outlet_id"])
                               .returning(QUOTES.c.id)).scalars().all()
    change_log.record(connection, change_log.UPDATED, "publication",
                      [(quote_id, document_id) for quote_id in moved])
    statements = connection.execute(select(QUOTES.c.statement_id).distinct()
                                    .where(QUOTES.c.document_id == document_id)).scalars()
    recount_statements(connection, list(statements))


def pinned_fields(connection: Connection, publication_id: int) -> set[str]:
    """The fields of a publication people corrected: a later ingest leaves them be."""
    return set(connection.execute(select(CORRECTIONS.c.field).where(
        CORRECTIONS.c.target == "publication",
        CORRECTIONS.c.target_id == str(publication_id))).scalars())
