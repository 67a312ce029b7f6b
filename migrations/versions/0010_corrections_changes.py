"""corrections, tombstones, speaker redirects and the change log; key scopes.

Quotes get `corrected`; API keys get `scopes` (existing keys keep what they could do: ingest);
runs count the corrections they left orphaned. Nothing existing is rewritten.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(16), nullable=True),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("key_name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("orphaned", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")))
    op.create_index("ix_corrections_document_id", "corrections", ["document_id"])
    op.create_index("ix_corrections_target_target_id_id", "corrections",
                    ["target", "target_id", "id"])
    op.create_table(
        "tombstones",
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("publications", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("key_name", sa.String(100), nullable=False),
        sa.Column("taken_down_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_tombstones")),
        sa.UniqueConstraint("sha256", name=op.f("uq_tombstones_sha256")))
    op.create_table(
        "speaker_redirects",
        sa.Column("normalized_name", sa.String(), nullable=False),
        sa.Column("from_id", sa.Integer(), nullable=True),
        sa.Column("into_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("normalized_name", name=op.f("pk_speaker_redirects")))
    op.create_index("ix_speaker_redirects_from_id", "speaker_redirects", ["from_id"])
    op.create_index("ix_speaker_redirects_into_id", "speaker_redirects", ["into_id"])
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.String(16), nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("change", sa.String(8), nullable=False),
        sa.Column("cause", sa.String(16), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sqlite_autoincrement=True)
    op.create_index("ix_changes_quote_id_changed_at", "changes", ["quote_id", "changed_at"])
    op.create_index("ix_changes_changed_at", "changes", ["changed_at"])
    # Plain ALTER TABLE … ADD COLUMN, as 0005: a batch rebuild of quotes on SQLite would
    # drop the full-text triggers of 0002.
    op.add_column("quotes", sa.Column("corrected", sa.Boolean(), server_default="0",
                                      nullable=False))
    op.add_column("api_keys", sa.Column("scopes", sa.String(100), server_default="ingest",
                                        nullable=False))
    op.add_column("extraction_runs", sa.Column("corrections_orphaned", sa.Integer(),
                                               server_default="0", nullable=False))

def downgrade() -> None:
    for table, column in (("extraction_runs", "corrections_orphaned"), ("api_keys", "scopes"),
                          ("quotes", "corrected")):
        op.drop_column(table, column)
    for table in ("changes", "speaker_redirects", "tombstones", "corrections"):
        op.drop_table(table)
