"""Document metadata corrected by hand.

A document's title, url, author, outlet and date are those of its earliest publication, so
they are publication fields: a correction sets them on the publication the client names, or,
when it names none, on that earliest publication (what the document shows). `external_id` and
`source` belong to the document itself. The document's copy of its earliest publication, and
its quotes' date and outlet, follow (ingest.publications.refresh_earliest). A corrected
publication field stays as corrected when a later ingest of the same publication brings
another value (ingest.publications skips it).
"""

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from ingest.corrections import (
    Author,
    CorrectionRefused,
    TargetConflict,
    TargetNotFound,
    record_corrections,
)
from ingest.outlets import outlet_id_for
from ingest.publications import EARLIEST_FIRST, publication_identity, refresh_earliest
from ingest.transactions import write_transaction
from models.tables import Document, Outlet, Publication, utc_now

DOCUMENTS = Document.__table__
PUBLICATIONS = Publication.__table__
OUTLETS = Outlet.__table__
DOCUMENT_FIELDS = ("external_id", "source")
PUBLICATION_FIELDS = ("title", "url", "author", "published", "outlet")


def correct_document(engine, document_id: str, fields: dict, author: Author,
                     publication_id: int | None = None) -> None:
    """Correct a document's own fields and one publication's (see the module docstring)."""
    with write_transaction(engine) as connection:
        document = connection.execute(select(DOCUMENTS).where(DOCUMENTS.c.id == document_id)
                                      .with_for_update()).first()
        if document is None:
            raise TargetNotFound(f"No document has the id {document_id!r}.")
        own = {name: fields[name] for name in DOCUMENT_FIELDS if name in fields}
        if own:
            connection.execute(update(DOCUMENTS).where(DOCUMENTS.c.id == document_id)
                               .values(own))
            record_corrections(connection, author, "document", document_id, [
                (name, getattr(document, name), value) for name, value in own.items()])
        published = {name: fields[name] for name in PUBLICATION_FIELDS if name in fields}
        if published:
            publication = _publication(connection, document_id, publication_id)
            _correct_publication(connection, publication, published, author)
            refresh_earliest(connection, document_id)


def _publication(connection: Connection, document_id: str, publication_id: int | None):
    statement = select(PUBLICATIONS).where(PUBLICATIONS.c.document_id == document_id)
    if publication_id is None:
        statement = statement.order_by(*EARLIEST_FIRST).limit(1)
    else:
        statement = statement.where(PUBLICATIONS.c.id == publication_id)
    found = connection.execute(statement).first()
    if found is None:
        raise CorrectionRefused(f"Document {document_id!r} has no publication "
                                f"{publication_id}.")
    return found


def _correct_publication(connection: Connection, publication, fields: dict,
                         author: Author) -> None:
    values = {name: value for name, value in fields.items() if name != "outlet"}
    changes = [(name, getattr(publication, name), value) for name, value in values.items()]
    outlet_name = _outlet_name(connection, publication.outlet_id)
    if "outlet" in fields:
        values["outlet_id"] = outlet_id_for(connection, fields["outlet"])
        changes.append(("outlet", outlet_name, fields["outlet"]))
        outlet_name = fields["outlet"]
    url = values.get("url", publication.url)
    values["identity"] = publication_identity(outlet_name, url)
    clash = connection.execute(select(PUBLICATIONS.c.id).where(
        PUBLICATIONS.c.document_id == publication.document_id,
        PUBLICATIONS.c.identity == values["identity"],
        PUBLICATIONS.c.id != publication.id)).first()
    if clash is not None:
        raise TargetConflict(f"Publication {clash.id} of this document already has that "
                             "outlet and url.")
    connection.execute(update(PUBLICATIONS).where(PUBLICATIONS.c.id == publication.id)
                       .values(**values, updated_at=utc_now()))
    record_corrections(connection, author, "publication", publication.id, changes,
                       publication.document_id)


def _outlet_name(connection: Connection, outlet_id: int | None) -> str | None:
    if outlet_id is None:
        return None
    return connection.execute(select(OUTLETS.c.name).where(OUTLETS.c.id == outlet_id)).scalar()

