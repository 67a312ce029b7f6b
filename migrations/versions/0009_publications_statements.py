"""publications and statements: one text, many outlets; the same words across documents.

Each existing document's metadata becomes its first publication (documents keep theirs, now
a copy of the earliest publication). Every quote gets its statement id, and the statements
are counted with their first reported quote. Document, quote and speaker ids are untouched.
Runs count the publications they add and update.

Revision ID: 0009
Revises: 0008
"""

import hashlib
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 5000
# Copied in SQL (values keep their stored form on either engine); the identity, a digest, is
# filled in afterwards (until then the document id keeps it unique).
COPY_DOCUMENTS = """INSERT INTO publications (document_id, identity, outlet_id, url, title,
                                              author, published, ingested_at)
                    SELECT id, id, outlet_id, url, title, author, published, ingested_at
                    FROM documents"""
PUBLICATIONS_AFTER = sa.text(
    "SELECT p.id, o.normalized_name, p.url FROM publications p "
    "LEFT JOIN outlets o ON o.id = p.outlet_id WHERE p.id > :after ORDER BY p.id LIMIT :batch")
SET_IDENTITY = sa.text("UPDATE publications SET identity = :identity WHERE id = :id")
QUOTES_AFTER = sa.text("SELECT id, text, speaker_id FROM quotes WHERE id > :after "
                       "ORDER BY id LIMIT :batch")
SET_STATEMENT = sa.text("UPDATE quotes SET statement_id = :statement_id WHERE id = :id")
COUNT_STATEMENTS = """
INSERT INTO statements (id, quote_count, first_quote_id, first_published)
SELECT statement_id, quote_count, id, published FROM (
    SELECT statement_id, id, published,
           count(*) OVER (PARTITION BY statement_id) AS quote_count,
           row_number() OVER (PARTITION BY statement_id ORDER BY
               CASE WHEN published IS NULL THEN 1 ELSE 0 END, published, id) AS place
    FROM quotes) ranked
WHERE place = 1"""


def upgrade() -> None:
    _create_publications()
    op.execute(COPY_DOCUMENTS)
    _backfill_identities()
    op.add_column("quotes", sa.Column("statement_id", sa.String(16), nullable=True))
    op.create_index("ix_quotes_statement_id_published_id", "quotes",
                    ["statement_id", "published", "id"])
    op.create_table(
        "statements",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("quote_count", sa.Integer(), nullable=False),
        sa.Column("first_quote_id", sa.String(16), nullable=False),
        sa.Column("first_published", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    op.create_index(op.f("ix_statements_first_quote_id"), "statements", ["first_quote_id"])
    _backfill_statement_ids()
    op.execute(COUNT_STATEMENTS)
    for column in ("publications_new", "publications_updated"):
        op.add_column("extraction_runs", sa.Column(column, sa.Integer(), nullable=False,
                                                   server_default="0"))


def _create_publications() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("identity", sa.String(32), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_publications_document_id_documents")),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlets.id"],
                                name=op.f("fk_publications_outlet_id_outlets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
        sa.UniqueConstraint("document_id", "identity",
                            name=op.f("uq_publications_document_id")),
    )
    op.create_index("ix_publications_document_id_published_id", "publications",
                    ["document_id", "published", "id"])
    op.create_index("ix_publications_outlet_id_published_id", "publications",
                    ["outlet_id", "published", "id"])
    op.create_index("ix_publications_published_id", "publications", ["published", "id"])


def _backfill_identities() -> None:
    connection, after = op.get_bind(), 0
    while rows := connection.execute(PUBLICATIONS_AFTER, {"after": after, "batch": BATCH}).all():
        connection.execute(SET_IDENTITY, [
            {"id": row.id, "identity": _identity(row.normalized_name, row.url)} for row in rows])
        after = rows[-1].id


def _backfill_statement_ids() -> None:
    connection, after = op.get_bind(), ""
    while rows := connection.execute(QUOTES_AFTER, {"after": after, "batch": BATCH}).all():
        connection.execute(SET_STATEMENT, [
            {"id": row.id, "statement_id": _statement_id(row.id, row.text, row.speaker_id)}
            for row in rows])
        after = rows[-1].id


# ingest.publications.publication_identity and ingest.statements.statement_id_for as of this
# revision (a migration must not change with the code); outlets.normalized_name is the
# outlet's key as the writer made it.
def _identity(outlet_key: str | None, url: str | None) -> str:
    return hashlib.sha256(f"{outlet_key or ''}\x1f{url or ''}".encode()).hexdigest()[:32]


def _statement_id(quote_id: str, text: str, speaker_id: int | None) -> str:
    words = " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold())
                     .split())
    key = f"{speaker_id}\x1f{words}" if speaker_id is not None and words else f"q\x1f{quote_id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def downgrade() -> None:
    for column in ("publications_updated", "publications_new"):
        op.drop_column("extraction_runs", column)
    op.drop_index(op.f("ix_statements_first_quote_id"), table_name="statements")
    op.drop_table("statements")
    op.drop_index("ix_quotes_statement_id_published_id", table_name="quotes")
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of quotes would cascade.
    op.drop_column("quotes", "statement_id")
    for index in ("ix_publications_published_id", "ix_publications_outlet_id_published_id",
                  "ix_publications_document_id_published_id"):
        op.drop_index(index, table_name="publications")
    op.drop_table("publications")
